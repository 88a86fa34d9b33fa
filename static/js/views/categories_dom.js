// Numbers in the page's language for the categories views (the DOM builders are ../dom.js,
// the motion timing ../motion.js).
export function number(value) {
  return Number(value).toLocaleString(document.documentElement.lang || "en");
}
