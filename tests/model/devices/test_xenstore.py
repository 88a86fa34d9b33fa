"""The shared xenstore, extended with permissions and watches (still what the lifecycle lab
used before)."""

from __future__ import annotations

import pickle

from webapp.model.xenstore import Permission, Xenstore


def test_the_old_interface_is_unchanged() -> None:
    store = Xenstore()
    assert store.write("/local/domain/1/name", "web") is None
    assert store.write("/local/domain/1/name", "db") == "web"
    store.write("/local/domain/1/control/shutdown", "")
    assert store.subtree("/local/domain/1") == {"/local/domain/1/control/shutdown": "",
                                                "/local/domain/1/name": "db"}
    assert store.remove("/local/domain/1") == 2 and store.nodes == {}
    assert pickle.loads(pickle.dumps(store)) == store


def test_permissions_are_inherited_and_checked_as_xenstored_does() -> None:
    store = Xenstore()
    store.set_perms("/local/domain/0/backend/vbd/1/51712",
                    (Permission(0, "n"), Permission(1, "r")))
    store.set_perms("/local/domain/1", (Permission(1, "n"),))
    node = "/local/domain/0/backend/vbd/1/51712/state"
    assert store.allowed(1, node, "r") and not store.allowed(1, node, "w")
    assert store.allowed(0, "/local/domain/1/device/vbd/51712/state", "w"), "dom0 may do all"
    assert store.allowed(1, "/local/domain/1/data/x", "w"), "the owner may write"
    assert not store.allowed(2, "/local/domain/1/data/x", "r")
    assert [str(p) for p in store.perms_of(node)] == ["n0", "r1"]


def test_a_watch_fires_for_its_node_and_everything_below() -> None:
    store = Xenstore()
    watch = store.watch("/local/domain/0/backend", "backend-bus", 0)
    assert store.watchers("/local/domain/0/backend/vbd/1/51712/state") == [watch]
    assert store.watchers("/local/domain/0/backendx") == []
    deeper = store.watch("/local/domain/0/backend/vbd/1/51712/state", "t", 0)
    assert store.watchers("/local/domain/0/backend/vbd", removed=True) == [watch, deeper]
    assert store.unwatch("t", 0) == 1 and store.watches == [watch]
