// Apply the "changes" of a state message (see docs/api.md) to a local snapshot.
export function applyChanges(state, changes) {
  for (const change of changes) {
    if (change.path.length === 0) { state = change.value; continue; }
    let node = state;
    for (const key of change.path.slice(0, -1)) node = node[key];
    const last = change.path[change.path.length - 1];
    if (change.removed) delete node[last];
    else node[last] = change.value;
  }
  return state;
}
