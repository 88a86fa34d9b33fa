"""Xenstore: the hierarchical key-value store dom0's xenstored serves to every domain.

The lifecycle lab uses it for the PV control protocol (``~/control/shutdown``); the devices lab
adds permissions and watches on the same tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def home(domid: int) -> str:
    """A domain's home directory, ``/local/domain/<domid>``."""
    return f"/local/domain/{domid}"


@dataclass
class Xenstore:
    """The tree, flattened: full path → value; directories are implied by their children."""

    nodes: dict[str, str] = field(default_factory=dict)

    def write(self, path: str, value: str) -> str | None:
        """Set ``path`` to ``value``; the previous value, if any."""
        previous = self.nodes.get(path)
        self.nodes[path] = value
        return previous

    def read(self, path: str) -> str | None:
        return self.nodes.get(path)

    def remove(self, path: str) -> int:
        """Remove ``path`` and everything under it; the number of nodes removed."""
        doomed = [key for key in self.nodes if key == path or key.startswith(path + "/")]
        for key in doomed:
            del self.nodes[key]
        return len(doomed)

    def subtree(self, path: str) -> dict[str, str]:
        """Every node under ``path``, in path order."""
        return {key: value for key, value in sorted(self.nodes.items())
                if key == path or key.startswith(path + "/")}
