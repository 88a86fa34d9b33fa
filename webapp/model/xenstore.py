"""Xenstore: the hierarchical key-value store dom0's xenstored serves to every domain.

The lifecycle lab uses it for the PV control protocol (``~/control/shutdown``); the devices lab
adds permissions and watches on the same tree (docs/misc/xenstore.txt):

- a node's permissions are a list whose first entry names the **owner** (who may do anything)
  and the access everyone else gets; later entries give named domains their own access
  (``n`` none, ``r`` read, ``w`` write, ``b`` both). A node without its own list inherits its
  parent's. dom0 is privileged and may do anything.
- a **watch** on a path fires (WATCH_EVENT with the path and the watcher's token) when that node
  or anything below it changes.

Writes through :meth:`Xenstore.write` never check permissions (the toolstack and the lifecycle
lab write as dom0); :meth:`Xenstore.allowed` is the check xenstored makes for a guest.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PRIVILEGED = 0  # dom0: xenstored lets it do anything


def home(domid: int) -> str:
    """A domain's home directory, ``/local/domain/<domid>``."""
    return f"/local/domain/{domid}"


@dataclass(frozen=True)
class Permission:
    """One entry of a node's permission list: ``domid`` gets ``access`` (n, r, w or b)."""

    domid: int
    access: str

    def __str__(self) -> str:
        return f"{self.access}{self.domid}"


#: What a node with no permission list anywhere above it gets: dom0 owns it, others see nothing.
DEFAULT_PERMS = (Permission(PRIVILEGED, "n"),)


@dataclass(frozen=True)
class Watch:
    """A watch registered by domain ``domid`` on ``path``, reported with ``token``."""

    path: str
    token: str
    domid: int


def _under(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip("/") + "/")


@dataclass
class Xenstore:
    """The tree, flattened: full path → value; directories are implied by their children."""

    nodes: dict[str, str] = field(default_factory=dict)
    perms: dict[str, tuple[Permission, ...]] = field(default_factory=dict)
    watches: list[Watch] = field(default_factory=list)
    generation: int = 0  # bumped by every change of the tree, as xenstored counts them

    def write(self, path: str, value: str) -> str | None:
        """Set ``path`` to ``value``; the previous value, if any."""
        previous = self.nodes.get(path)
        self.nodes[path] = value
        self.generation += 1
        return previous

    def read(self, path: str) -> str | None:
        return self.nodes.get(path)

    def remove(self, path: str) -> int:
        """Remove ``path`` and everything under it; the number of nodes removed."""
        doomed = [key for key in self.nodes if _under(key, path)]
        for key in doomed:
            del self.nodes[key]
        self.generation += 1
        for key in [key for key in self.perms if _under(key, path)]:
            del self.perms[key]
        return len(doomed)

    def subtree(self, path: str) -> dict[str, str]:
        """Every node under ``path``, in path order (kept until the tree changes: a snapshot
        reads it every step; the result is shared, never to be changed by its reader)."""
        cached = self.__dict__.get("_subtree")
        if cached is not None and cached[0] == (self.generation, path):
            return cached[1]  # type: ignore[no-any-return]
        found = {key: value for key, value in sorted(self.nodes.items()) if _under(key, path)}
        self.__dict__["_subtree"] = ((self.generation, path), found)
        return found

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the cache of ``subtree`` (checkpoints hold state only)."""
        return {key: value for key, value in self.__dict__.items() if key != "_subtree"}

    # -- permissions (XS_SET_PERMS / XS_GET_PERMS) ------------------------------------------

    def set_perms(self, path: str, perms: tuple[Permission, ...]) -> None:
        """Give ``path`` (and what inherits from it) the permission list ``perms``."""
        self.perms[path] = perms

    def perms_of(self, path: str) -> tuple[Permission, ...]:
        """The permission list in force at ``path``: its own, else its nearest ancestor's."""
        probe = path
        while probe:
            if probe in self.perms:
                return self.perms[probe]
            probe = probe.rsplit("/", 1)[0]
        return DEFAULT_PERMS

    def access_of(self, domid: int, path: str) -> str:
        """What ``domid`` may do at ``path``: ``b`` (owner or dom0), ``r``, ``w`` or ``n``."""
        perms = self.perms_of(path)
        if domid == PRIVILEGED or domid == perms[0].domid:
            return "b"
        named = [perm.access for perm in perms[1:] if perm.domid == domid]
        return named[0] if named else perms[0].access

    def allowed(self, domid: int, path: str, access: str) -> bool:
        """Whether ``domid`` may ``r``ead or ``w``rite ``path`` (xenstored's EACCES check)."""
        return self.access_of(domid, path) in (access, "b")

    # -- watches (XS_WATCH / XS_UNWATCH / XS_WATCH_EVENT) -----------------------------------

    def watch(self, path: str, token: str, domid: int) -> Watch:
        """Register a watch (xenstored then fires it once at once, which the caller reports)."""
        found = Watch(path, token, domid)
        if found not in self.watches:
            self.watches.append(found)
        return found

    def unwatch(self, token: str, domid: int) -> int:
        """Remove ``domid``'s watches with ``token``; how many were removed."""
        kept = [w for w in self.watches if not (w.token == token and w.domid == domid)]
        removed = len(self.watches) - len(kept)
        self.watches = kept
        return removed

    def watchers(self, path: str, removed: bool = False) -> list[Watch]:
        """The watches a change of ``path`` fires, in registration order (removing a node also
        fires the watches set below it)."""
        return [w for w in self.watches
                if _under(path, w.path) or (removed and _under(w.path, path))]
