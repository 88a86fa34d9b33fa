"""Lifecycle: which state and which ``xl list`` flags follow this action?

A scratch host runs one guest for a few ticks (an ``io`` guest blocks, a ``cpu`` guest runs),
the level's set-up happens (pauses), then the action runs to its end on the real lifecycle
model: its state word and ``xl list`` flags — or that it is gone — are the truth.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.domain import state_word, xl_state
from webapp.model.events import Event
from webapp.model.exercises import scratch
from webapp.model.exercises.engine import (
    AnswerError,
    Kind,
    Made,
    Problem,
    Verdict,
    both,
    choice_list,
    plain,
    register,
    right,
    wrong,
)
from webapp.model.narration.vocabulary import STATES
from webapp.model.simulation import Simulation

GONE = "nothing"
STATE_CHOICES = ("running", "runnable", "blocked", "paused", "shutdown", "crashed", "suspended",
                 GONE)
ON_KEYS = ("on_poweroff", "on_reboot", "on_crash", "on_watchdog")
REASON_OF = {"shutdown": "on_poweroff", "reboot": "on_reboot", "crash": "on_crash",
             "watchdog": "on_watchdog"}
COMMANDS = {"pause": "xl pause web", "unpause": "xl unpause web",
            "shutdown": "xl shutdown web", "reboot": "xl reboot web",
            "destroy": "xl destroy web", "save": "xl save web web.save"}
EVENTS = {"crash": both("web's kernel panics (SCHEDOP_shutdown, reason crash)",
                        "le noyau de web s'arrête sur une erreur fatale (panic : "
                        "SCHEDOP_shutdown, raison crash)"),
          "watchdog": both("web's watchdog fires", "le chien de garde de web expire")}
LEVELS = (both("Pause, unpause, shut down, destroy", "Pause, reprise, arrêt, destruction"),
          both("What on_poweroff, on_reboot, on_crash, on_watchdog do",
               "Ce que font on_poweroff, on_reboot, on_crash, on_watchdog"),
          both("Nested pauses, save, and the reason in the flags",
               "Pauses imbriquées, sauvegarde, et la raison dans les drapeaux"))
PLANS: dict[int, tuple[tuple[tuple[str, ...], str], ...]] = {
    1: (((), "pause"), (("pause",), "unpause"), ((), "shutdown"), ((), "destroy")),
    2: (((), "shutdown"), ((), "reboot"), ((), "crash"), ((), "watchdog")),
    3: ((("pause", "pause"), "unpause"), (("pause",), "pause"), ((), "save"),
        (("pause",), "destroy"), ((), "reboot"), ((), "crash")),
}


def _host(rng: random.Random, level: int) -> dict[str, Any]:
    choices = ("destroy", "preserve") if level == 1 else ("destroy", "restart", "preserve")
    config = {key: rng.choice(choices) for key in ON_KEYS}
    if level == 3:
        config = {key: "preserve" for key in ON_KEYS}
    guest = {"name": "web", "memory_mb": 512, "vcpus": 1,
             "workload": rng.choice(("io", "cpu")), **config}
    return {"name": "xenhost", "pcpus": 2, "memory_mb": 4096, "xen_mb": 64,
            "dom0": {"memory_mb": 512, "vcpus": 1}, "domains": [guest]}


def observed(sim: Simulation) -> dict[str, Any]:
    """web's state word, ``xl list`` flags and pause count (or that it is gone)."""
    domain = sim.world.host.find("web")
    if domain is None:
        return {"state": GONE, "flags": "", "pause_count": 0}
    return {"state": state_word(domain), "flags": xl_state(domain),
            "pause_count": domain.controller_pause_count}


def make(rng: random.Random, level: int) -> Made:
    host = _host(rng, level)
    config = {key: host["domains"][0][key] for key in ON_KEYS}
    action, before, after, events = _play(rng, level, host)
    question = {"text": _text(before, config, action),
                "data": {"domain": "web", "before": before, "config": config, "action": action},
                "form": {"type": "state_flags", "states": choice_list(
                    (word, _state_label(word)) for word in STATE_CHOICES)}}
    truth = {"state": after["state"], "flags": after["flags"]}
    notable = [event.narration() for event in events if event.notable]
    return question, truth, {"before": before, "after": after, "config": config,
                             "action": action, "narration": plain(notable)}


def _play(rng: random.Random, level: int, host: dict[str, Any]
          ) -> tuple[str, dict[str, Any], dict[str, Any], list[Event]]:
    """Run the level's set-up, then its action: (action, before, after, the action's events)."""
    setup, action = rng.choice(PLANS[level])
    sim = scratch.start(scratch.scenario("lifecycle", host), rng)
    scratch.ticks(sim, rng.randrange(3, 12))
    for command in setup:
        scratch.run(sim, command, "web")
    before = observed(sim)
    events = scratch.run(sim, action, "web")
    return action, before, observed(sim), events


def _text(before: dict[str, Any], config: dict[str, str], action: str) -> dict[str, str]:
    what = EVENTS.get(action) or both("you run {command}", "vous lancez {command}",
                                      command=COMMANDS[action])
    return both("web is {state} (xl list: {flags}, controller_pause_count {count}); its "
                "configuration says {config}. Then {what}. Once the operation has finished, "
                "which state is web in, and which flags does xl list show?",
                "web est {state} (xl list : {flags}, controller_pause_count {count}) ; sa "
                "configuration dit {config}. Puis {what}. Une fois l'opération terminée, dans "
                "quel état est web, et quels drapeaux xl list affiche-t-il ?",
                state=STATES[before["state"]], flags=before["flags"],
                count=before["pause_count"], what=what,
                config=", ".join(f"{key} = {value}" for key, value in config.items()))


def _state_label(word: str) -> dict[str, str]:
    if word == GONE:
        return both("gone: xl list no longer shows it", "disparu : xl list ne l'affiche plus")
    return STATES[word]


def parse(answer: Any) -> dict[str, str]:
    if isinstance(answer, dict) and answer.get("state") in STATE_CHOICES:
        flags = answer.get("flags", "")
        if answer["state"] == GONE:
            return {"state": GONE, "flags": ""}
        if isinstance(flags, str) and len(flags.strip()) == 6:
            return {"state": answer["state"], "flags": flags.strip()}
    raise AnswerError(both('Answer {{"state": one of {states}, "flags": the six xl list '
                           'columns, like "-b----"}}.',
                           'Répondez {{"state": l\'un de {states}, "flags": les six colonnes '
                           'de xl list, comme "-b----"}}.', states=", ".join(STATE_CHOICES)))


def check(problem: Problem, answer: Any, attempt: int) -> Verdict:
    given, truth = parse(answer), problem.truth
    if given == truth:
        return right()
    if given["state"] == truth["state"]:
        if attempt == 1:
            return wrong(both("The state is right; check the flags: r b p s, the shutdown "
                              "reason's letter (r s c w S), d.",
                              "L'état est juste ; vérifiez les drapeaux : r b p s, la lettre "
                              "de la raison d'arrêt (r s c w S), d."))
        column = next(i for i, (a, b) in enumerate(zip(given["flags"], truth["flags"],
                                                        strict=True)) if a != b) + 1
        return wrong(both("The state is right; column {column} of the flags is not.",
                          "L'état est juste ; la colonne {column} des drapeaux ne l'est pas.",
                          column=column))
    return wrong(_state_hint(problem))


def _state_hint(problem: Problem) -> dict[str, str]:
    action, facts = problem.facts["action"], problem.facts
    if action in REASON_OF:
        key = REASON_OF[action]
        return both("Once the shutdown completes, xl applies {key} = {value} from web's "
                    "configuration: what does that do?",
                    "Une fois l'arrêt terminé, xl applique {key} = {value} de la configuration "
                    "de web : que fait-il ?", key=key, value=facts["config"][key])
    if action in ("pause", "unpause"):
        counts = {"before": facts["before"]["pause_count"], "after": facts["after"]["pause_count"]}
        return both("controller_pause_count goes from {before} to {after}: web is paused while "
                    "it is above 0. A pause does not change whether its vCPU is blocked.",
                    "controller_pause_count passe de {before} à {after} : web est en pause tant "
                    "qu'il est au-dessus de 0. Une pause ne change pas le fait que son vCPU "
                    "soit bloqué.", **counts)
    return both("After xl {action}, does web still exist on the host?",
                "Après xl {action}, web existe-t-il encore sur l'hôte ?", action=action)


def explain(problem: Problem) -> dict[str, Any]:
    before, after = problem.facts["before"], problem.facts["after"]
    end = both("web is now {state}; xl list shows {flags}.",
               "web est maintenant {state} ; xl list affiche {flags}.",
               state=_state_label(after["state"]), flags=after["flags"] or "—")
    rows = [[both("before", "avant"), _state_label(before["state"]), before["flags"],
             str(before["pause_count"])],
            [both("after", "après"), _state_label(after["state"]), after["flags"] or "—",
             str(after["pause_count"])]]
    return {"answer": problem.truth, "steps": [*problem.facts["narration"], end],
            "view": {"type": "table", "columns": [both("when", "quand"), both("state", "état"),
                                                  both("xl list", "xl list"),
                                                  both("pause count", "pauses")],
                     "rows": rows, "highlight": 1}}


register(Kind("lifecycle.after_action", "lifecycle",
              both("Which state and xl list flags follow this action?",
                   "Quel état et quels drapeaux xl list suivent cette action ?"),
              LEVELS, make, check, explain))
