"""The engine every lab shares: commands in, events out, one atomic micro-step per step.

``Simulation`` is a pure function of (scenario, seed, commands submitted at given steps). When
operations are in flight, a step advances the oldest one by one micro-step (round robin);
when none is, a step is one scheduler tick, so the clock always advances.

``work`` measures what the history cost, deterministically (no clock): each step counts one
unit, plus one per event emitted, plus what heavy micro-steps charge (``Context.charge``: a
memory-lab plan item built or replayed, a page-table entry validated, a guest frame put in
the EPT…). One unit is roughly the cost of one plan item, some 10–25 µs; a scheduler tick
costs 2–4 units. It only grows, and a checkpoint keeps it.
"""

from __future__ import annotations

import pickle
import random
from typing import Any

from webapp.model import labs, scheduler
from webapp.model.errors import InvalidCommand, ModelError, Refused
from webapp.model.events import TOOLSTACK, Event
from webapp.model.extensions import OBSERVERS, RESTORERS, STARTERS
from webapp.model.operations import AGAIN, COMMANDS, RECIPES, Context, Operation
from webapp.model.scenario import Scenario

LABS = labs.REGISTERED


def action_of(op: Operation) -> str:
    """The action a learner asked for (``reboot``), not the recipe (``shutdown``)."""
    return str(op.args.get("action", op.kind))


class Simulation:
    """One running model: the world, the clock, the operations in flight and the random source."""

    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.scenario = scenario
        self.seed = seed
        self.rng = random.Random(seed)
        self.world = scenario.build_world(self.rng)
        self.step_no = 0
        self.operations: list[Operation] = []
        self.next_op_id = 1
        self._work = 0
        for start in STARTERS:
            start(self)

    @property
    def work(self) -> int:
        """The cost of the history so far, in work units (see the module's docstring)."""
        return self._work

    def submit(self, action: str, target: Any = None, args: dict[str, Any] | None = None
               ) -> list[Event]:
        """Start ``action`` and take its first micro-step; refused actions change nothing."""
        self._enqueue(self._start(action, target, args or {}))
        return self.step()

    def step(self) -> list[Event]:
        """Advance the clock by one step and return what happened."""
        self.step_no += 1
        ctx = Context(self.world, self.rng, self.step_no, self._spawn)
        self._run_script(ctx)
        if self.operations:
            self._advance(ctx)
        else:
            scheduler.tick(ctx)
        self._work += 1 + len(ctx.events) + ctx.work
        for observe in OBSERVERS:
            observe(self.world, self.step_no, ctx.events)
        return ctx.events

    def busy(self) -> bool:
        """Whether an operation is in flight."""
        return bool(self.operations)

    def script_pending(self) -> bool:
        """Whether the scenario's script still has an action to start at a later step."""
        return any(item.at > self.step_no for item in self.scenario.script)

    def _start(self, action: str, target: Any, args: dict[str, Any]) -> Operation:
        spec = COMMANDS.get(action)
        if spec is None:
            raise InvalidCommand("command.unknown", action=action, known=sorted(COMMANDS))
        op = spec.start(self.world, target, args)
        self._check_name_free(op, op.args.get("config", {}).get("name"))
        op.op_id = self.next_op_id
        op.args.setdefault("action", action)
        return op

    def _check_name_free(self, op: Operation, name: str | None) -> None:
        """Domain names are unique on a host, also for a domain still waiting to be built."""
        pending = {o.args.get("config", {}).get("name") for o in self.operations
                   if o.domid is None and o.host == op.host}
        if name is not None and name in pending:
            raise Refused("refused.name_being_built", domain=name)

    def _enqueue(self, op: Operation) -> None:
        self.next_op_id = max(self.next_op_id, op.op_id) + 1
        if op.domid is not None and op.domid in self.world.hosts[op.host].domains:
            self.world.hosts[op.host].domains[op.domid].busy = action_of(op)
        self.operations.append(op)

    def _spawn(self, kind: str, domid: int | None, args: dict[str, Any]) -> Operation:
        op = Operation(self.next_op_id, kind, domid, dict(args))
        self._enqueue(op)
        return op

    def _advance(self, ctx: Context) -> None:
        op = self.operations.pop(0)
        steps = RECIPES[op.kind]
        if steps[op.phase](ctx, op) != AGAIN:
            op.phase += 1
        if op.done or op.phase >= len(steps):
            self._finish(op)
        else:
            self.operations.append(op)

    def _finish(self, op: Operation) -> None:
        domain = self.world.hosts[op.host].domains.get(op.domid) if op.domid is not None else None
        if domain is not None and domain.busy == action_of(op):
            domain.busy = None

    def _run_script(self, ctx: Context) -> None:
        for item in self.scenario.script:
            if item.at == self.step_no:
                self._scripted(ctx, item.action, item.target, item.args)

    def _scripted(self, ctx: Context, action: str, target: Any, args: dict[str, Any]) -> None:
        try:
            self._enqueue(self._start(action, target, args))
        except ModelError as err:
            ctx.emit("script.refused", (TOOLSTACK,), notable=True, action=action,
                     why={"key": err.key, "data": err.data})

    # -- checkpoints -----------------------------------------------------------------------

    def checkpoint(self) -> bytes:
        """Everything that changes, as bytes (the scenario is shared, not copied)."""
        state = (self.world, self.step_no, self.operations, self.next_op_id, self.rng.getstate(),
                 self._work)
        return pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def restore(cls, scenario: Scenario, seed: int, blob: bytes) -> Simulation:
        """The simulation saved by :meth:`checkpoint`."""
        sim = cls.__new__(cls)
        sim.scenario, sim.seed, sim.rng = scenario, seed, random.Random(seed)
        world, sim.step_no, sim.operations, sim.next_op_id, rng_state, sim._work = pickle.loads(
            blob)
        sim.world = world
        sim.rng.setstate(rng_state)
        for restored in RESTORERS:
            restored(sim)
        return sim
