"""The lifecycle lab's actions: checked against the state machine, then started as operations."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from webapp.model.domain import ON_ACTIONS, WORKLOADS, Domain, DomainConfig
from webapp.model.errors import InvalidCommand, Refused, UnknownTarget
from webapp.model.host import World
from webapp.model.lifecycle.build import create_args
from webapp.model.lifecycle.pause import MAX_PAUSE_COUNT
from webapp.model.lifecycle.rules import check
from webapp.model.memory import frames_for_mb
from webapp.model.operations import Operation, command

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # with fullmatch: no trailing "\n"


def find_domain(world: World, target: Any) -> Domain:
    """The live domain named or numbered ``target``, or UnknownTarget."""
    domain = world.host.find(target)
    if domain is None:
        raise UnknownTarget("target.unknown_domain", target=str(target),
                            known=[d.name for d in world.host.domains.values()])
    return domain


class DomainAction:
    """An ``xl`` subcommand on one domain, started as recipe ``kind`` with fixed arguments."""

    def __init__(self, name: str, kind: str, **fixed: Any) -> None:
        self.name, self.kind, self.fixed = name, kind, fixed

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        domain = find_domain(world, target)
        check(domain, self.name)
        return Operation(0, self.kind, domain.domid, {**self.fixed, **self.extra(domain, args)})

    def extra(self, domain: Domain, args: dict[str, Any]) -> dict[str, Any]:
        _no_args(args, ())
        return {}


class Pause(DomainAction):
    def extra(self, domain: Domain, args: dict[str, Any]) -> dict[str, Any]:
        _no_args(args, ())
        if domain.controller_pause_count >= MAX_PAUSE_COUNT:
            raise Refused("refused.pause.overflow", domain=domain.name,
                          count=domain.controller_pause_count)
        return {}


class Save(DomainAction):
    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        """Also refuses a file another ``xl save`` is still writing."""
        op = super().start(world, target, args)
        image = world.images.get(op.args["file"])
        if image is not None and not image.complete:
            raise Refused("refused.save.file_busy", file=image.name, state="incomplete")
        return op

    def extra(self, domain: Domain, args: dict[str, Any]) -> dict[str, Any]:
        _no_args(args, ("file",))
        file = args.get("file", f"{domain.name}.save")
        if not isinstance(file, str) or not NAME.fullmatch(file):
            raise InvalidCommand("command.bad_arg", field="file", problem="a simple file name")
        return {"file": file}


class Create:
    """``xl create``: a host action whose arguments are the domain's configuration."""

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        config = _config(world, args)
        if world.host.find(config.name) is not None:
            raise Refused("refused.create.name_in_use", domain=config.name)
        return Operation(0, "create", None, create_args(config, bool(args.get("paused"))))


class Restore:
    """``xl restore <file>``: the target is a saved image."""

    def start(self, world: World, target: Any, args: dict[str, Any]) -> Operation:
        _no_args(args, ("paused",))
        image = world.images.get(str(target))
        if image is None:
            raise UnknownTarget("target.unknown_image", target=str(target),
                                known=sorted(world.images))
        if not image.complete:
            raise Refused("refused.restore.incomplete", file=image.name, state="incomplete")
        if world.host.find(image.config.name) is not None:
            raise Refused("refused.restore.name_in_use", file=image.name,
                          domain=image.config.name)
        return Operation(0, "restore", None, {"file": image.name, "paused":
                                               bool(args.get("paused")),
                                               "config": asdict(image.config)})


def _no_args(args: dict[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(args) - set(allowed))
    if unknown:
        raise InvalidCommand("command.bad_arg", field=unknown[0], problem="not an argument")


_INT_LIMITS = {"memory_mb": (16, 1 << 20), "vcpus": (1, 16)}
_CHOICES = {"workload": tuple(WORKLOADS), **{f"on_{r}": ON_ACTIONS
                                              for r in ("poweroff", "reboot", "crash", "watchdog")}}


def _config(world: World, args: dict[str, Any]) -> DomainConfig:
    allowed = {*_INT_LIMITS, *_CHOICES, "name", "cmdline", "kernel", "paused"}
    _no_args(args, tuple(allowed))
    name = args.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise InvalidCommand("command.bad_arg", field="name", problem="letters, digits, . _ -")
    for key, (low, high) in _INT_LIMITS.items():
        value = args.get(key, 1 if key == "vcpus" else 256)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise InvalidCommand("command.bad_arg", field=key, problem=f"an integer {low}–{high}")
    for key, choices in _CHOICES.items():
        if key in args and args[key] not in choices:
            raise InvalidCommand("command.bad_arg", field=key, problem=" | ".join(choices))
    for key in ("cmdline", "kernel"):
        if key in args and (not isinstance(args[key], str) or len(args[key]) > 1023):
            raise InvalidCommand("command.bad_arg", field=key, problem="text under 1024 bytes")
    if frames_for_mb(args.get("memory_mb", 256)) > world.host.memory.total_frames:
        raise InvalidCommand("command.bad_arg", field="memory_mb", problem="larger than the host")
    return DomainConfig(**{k: v for k, v in args.items() if k != "paused"})


command("create", Create())
command("restore", Restore())
command("pause", Pause("pause", "pause"))
command("unpause", DomainAction("unpause", "unpause"))
command("shutdown", DomainAction("shutdown", "shutdown", reason="poweroff"))
command("reboot", DomainAction("reboot", "shutdown", reason="reboot"))
command("crash", DomainAction("crash", "crash", reason="crash"))
command("watchdog", DomainAction("watchdog", "crash", reason="watchdog"))
command("save", Save("save", "save", reason="suspend"))
command("destroy", DomainAction("destroy", "destroy", then="destroy"))
