// A sentence with its code names in <code> (the twin of the `prose` filter of webapp/i18n.py,
// issue 12): `backticked` spans and bare code names (snake_case, dotted, CamelCase, calls,
// paths) become <code> elements; the rest stays text. Built with text nodes: never innerHTML.
// tests/web/test_i18n.py checks that CODE below is webapp/i18n.py's CODE_PATTERN.

const CODE = new RegExp("`([^`\\n]+)`|(?<![\\w./`-])([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+\\.[a-z]{1,3}|[a-z][a-z0-9_]+(?:\\.[a-z_][a-z0-9_]*)+(?:\\(\\))?|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?:\\(\\)|=[A-Za-z0-9_-]+)?|[a-z]+[A-Z][A-Za-z0-9]*|[A-Z][a-z]{2,}[A-Z][A-Za-z0-9]*|[A-Za-z_][A-Za-z0-9_]*\\(\\)|/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+)(?![\\w/])", "g");
const WORDS = /^(?:[vp]CPUs?\d*|dom[UN]s?)$/;

// The nodes of `text`: text nodes and <code> elements, to append or pass to replaceChildren.
export function proseNodes(text) {
  const nodes = [];
  let last = 0;
  for (const found of String(text).matchAll(CODE)) {
    const name = found[1] ?? found[2];
    if (found[2] !== undefined && WORDS.test(name)) continue;
    if (found.index > last) nodes.push(document.createTextNode(text.slice(last, found.index)));
    const code = document.createElement("code");
    code.textContent = name;
    nodes.push(code);
    last = found.index + found[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}
