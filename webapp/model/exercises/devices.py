"""Devices: order the steps of a disk read; which XenbusState comes next.

Both run the devices lab's real drivers on a scratch host (dom0 with blkback, a PV guest with
blkfront): the order is the order in which the model's micro-steps happened, the next state is
the state the model's handshake moved to.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.devices.state import XenbusState
from webapp.model.exercises import scratch
from webapp.model.exercises.engine import (
    AnswerError,
    Kind,
    Made,
    Problem,
    Verdict,
    both,
    choice_list,
    chosen,
    register,
    right,
    wrong,
)
from webapp.model.scenario import Scenario
from webapp.model.simulation import Simulation

HOST = {"name": "xenhost", "pcpus": 2, "memory_mb": 4096, "xen_mb": 64,
        "dom0": {"memory_mb": 1024, "vcpus": 2, "workload": "idle"},
        "domains": [{"name": "web", "memory_mb": 512, "vcpus": 1, "workload": "idle"}]}


def devices_scenario(connected: bool) -> Scenario:
    extra = {"frontend": "web", "disk_latency": 3, **({"connected": ["vbd"]} if connected else {})}
    return scratch.scenario("devices", HOST, extra)


# -- order the steps of a disk read ---------------------------------------------------------------

STEPS: dict[str, dict[str, str]] = {
    "blk.granted": both("blkfront grants dom0 access to the data page (a grant reference)",
                        "blkfront accorde à dom0 l'accès à la page de données (une référence "
                        "d'octroi)"),
    "blk.filled": both("blkfront fills a ring slot: id, operation, sector, gref",
                       "blkfront remplit une case de l'anneau : id, opération, secteur, gref"),
    "blk.pushed_notify": both("RING_PUSH_REQUESTS_AND_CHECK_NOTIFY publishes req_prod",
                              "RING_PUSH_REQUESTS_AND_CHECK_NOTIFY publie req_prod"),
    "blk.consumed": both("blkback copies the request off the ring (req_cons moves on)",
                         "blkback copie la requête hors de l'anneau (req_cons avance)"),
    "blk.mapped": both("dom0 maps the granted page (GNTTABOP_map_grant_ref)",
                       "dom0 projette la page octroyée (GNTTABOP_map_grant_ref)"),
    "blk.bio_submitted": both("blkback submits a bio to the real disk",
                              "blkback soumet une bio au vrai disque"),
    "blk.disk_done": both("the disk has read the sector: DMA into the guest's page",
                          "le disque a lu le secteur : DMA dans la page de l'invité"),
    "blk.unmapped": both("dom0 unmaps the grant (GNTTABOP_unmap_grant_ref)",
                         "dom0 retire la projection de l'octroi (GNTTABOP_unmap_grant_ref)"),
    "blk.responded": both("blkback writes the response in the ring",
                          "blkback écrit la réponse dans l'anneau"),
    "blk.responses_notify": both("RING_PUSH_RESPONSES_AND_CHECK_NOTIFY publishes rsp_prod",
                                 "RING_PUSH_RESPONSES_AND_CHECK_NOTIFY publie rsp_prod"),
    "blk.interrupt": both("blkif_interrupt in the guest reads rsp_prod",
                          "blkif_interrupt dans l'invité lit rsp_prod"),
    "blk.ended": both("blkfront ends dom0's access to the grant",
                      "blkfront met fin à l'accès de dom0 à l'octroi"),
    "blk.completed": both("blkfront completes the read for the guest's block layer",
                          "blkfront termine la lecture pour la couche bloc de l'invité"),
}
CORE = ("blk.granted", "blk.pushed_notify", "blk.consumed", "blk.disk_done", "blk.responded",
        "blk.completed")
ORDER_LEVELS = (both("Four main steps", "Quatre étapes principales"),
                both("Six steps, grants and notifications included",
                     "Six étapes, octrois et notifications compris"),
                both("Eight steps", "Huit étapes"))


def read_steps(rng: random.Random) -> list[tuple[int, str, dict[str, str]]]:
    """(step, kind, narration) of the first read's micro-steps, in the order they ran."""
    sim = scratch.start(devices_scenario(connected=True), rng)
    events = scratch.run(sim, "read", None, {"sector": rng.randrange(0, 1 << 20) * 8})
    found: list[tuple[int, str, dict[str, str]]] = []
    for event in events:
        if event.kind in STEPS and all(kind != event.kind for _, kind, _n in found):
            found.append((event.step, event.kind, event.narration()))
    return found


def make_order(rng: random.Random, level: int) -> Made:
    found = read_steps(rng)
    count = {1: 4, 2: 6, 3: 8}[level]
    pool = [kind for _, kind, _n in found if level > 1 or kind in CORE]
    picked = set(rng.sample(pool, count))
    ordered = [item for item in found if item[1] in picked]
    shuffled = [kind for _, kind, _n in ordered]
    while shuffled == [kind for _, kind, _n in ordered]:
        rng.shuffle(shuffled)
    text = both("The PV guest web reads one block from its virtual disk (blkfront in web, "
                "blkback in dom0). Put these steps in the order they happen.",
                "L'invité PV web lit un bloc de son disque virtuel (blkfront dans web, blkback "
                "dans dom0). Mettez ces étapes dans l'ordre où elles se produisent.")
    form = {"type": "order", "items": choice_list((kind, STEPS[kind]) for kind in shuffled)}
    truth = [kind for _, kind, _n in ordered]
    return {"text": text, "form": form}, truth, {"steps": [list(item) for item in ordered]}


def check_order(problem: Problem, answer: Any, attempt: int) -> Verdict:
    truth: list[str] = problem.truth
    if not isinstance(answer, list) or sorted(map(str, answer)) != sorted(truth):
        raise AnswerError(both("Give every step once, as a list of their values, first step "
                               "first.",
                               "Donnez chaque étape une fois, sous forme de liste de leurs "
                               "valeurs, la première d'abord."))
    if answer == truth:
        return right()
    placed = sum(a == b for a, b in zip(answer, truth, strict=True))
    hint = both("{placed} of {count} steps are in the right place.",
                "{placed} étapes sur {count} sont à la bonne place.",
                placed=placed, count=len(truth))
    if attempt > 1:
        first = next(i for i, (a, b) in enumerate(zip(answer, truth, strict=True)) if a != b)
        early = truth.index(answer[first]) > first
        where = both("too early", "trop tôt") if early else both("too late", "trop tard")
        hint = both("{placed} of {count} steps are in the right place; “{step}” comes {where}: "
                    "what must have happened before it?",
                    "{placed} étapes sur {count} sont à la bonne place ; « {step} » arrive "
                    "{where} : que faut-il avant elle ?", placed=placed, count=len(truth),
                    step=STEPS[answer[first]], where=where)
    return wrong(hint)


def explain_order(problem: Problem) -> dict[str, Any]:
    rows = [[str(step), STEPS[kind]] for step, kind, _n in problem.facts["steps"]]
    steps = [both("Step {step}: {text}", "Étape {step} : {text}", step=step, text=narration)
             for step, _kind, narration in problem.facts["steps"]]
    return {"answer": problem.truth, "steps": steps,
            "view": {"type": "table", "columns": [both("step", "pas"), both("what", "quoi")],
                     "rows": rows, "highlight": None}}


register(Kind("devices.read_order", "devices",
              both("Order the steps of a disk read", "Ordonner les étapes d'une lecture disque"),
              ORDER_LEVELS, make_order, check_order, explain_order))

# -- which XenbusState comes next -----------------------------------------------------------------

XENBUS_LEVELS = (both("Connecting a disk", "Connecter un disque"),
                 both("Closing it", "Le fermer"),
                 both("A dropped connection, and the recovery",
                      "Une connexion perdue, et la reprise"))
ACTIONS = {1: ("connect", False), 2: ("disconnect", True), 3: ("reconnect", True)}
SIDES = {"front": both("frontend (blkfront in web)", "frontal (blkfront dans web)"),
         "back": both("backend (blkback in dom0)", "dorsal (blkback dans dom0)")}
Change = tuple[int, str, int, int, int, int]  # step, end, from, to; front and back before


def _ends(sim: Simulation) -> dict[str, int]:
    lab = sim.world.labs["devices"]
    device = lab.devices.get("vbd")
    if device is None:
        return {}
    return {"front": int(device.front_state), "back": int(device.back_state)}


def changes(rng: random.Random, level: int) -> tuple[list[Change], list[dict[str, Any]]]:
    """Every state change of the two ends during the level's action, and the events."""
    action, connected = ACTIONS[level]
    sim = scratch.start(devices_scenario(connected), rng)
    before, found, narrated = _ends(sim), [], []
    events = sim.submit(action, None, {"device": "vbd"})
    while True:
        now = _ends(sim)
        for end, value in now.items():
            if end in before and before[end] != value:
                found.append((sim.step_no, end, before[end], value, before.get("front", 0),
                              before.get("back", 0)))
        narrated += [{"step": e.step, "text": e.narration()} for e in events
                     if e.kind == "xenbus.switched"]
        before = now
        if not sim.busy() or sim.step_no > scratch.MAX_STEPS:
            return found, narrated
        events = sim.step()


def _label(state: int) -> str:
    return XenbusState(state).name


def make_xenbus(rng: random.Random, level: int) -> Made:
    found, narrated = changes(rng, level)
    index = rng.randrange(len(found))
    step, end, was, now, front, back = found[index]
    state = {"front": front, "back": back}
    pool = [s for s in range(1, 7) if s not in (was, now)]
    options = sorted([now, *rng.sample(pool, 3)])
    text = both("The vbd's frontend is in XenbusState{front} and its backend in "
                "XenbusState{back}. Which state does the {side} move to next?",
                "Le frontal du vbd est en XenbusState{front} et son dorsal en XenbusState{back}"
                ". Dans quel état passe ensuite le {side} ?",
                front=_label(state["front"]), back=_label(state["back"]), side=SIDES[end])
    form = {"type": "choice", "choices": choice_list(
        (XenbusState(s).name, both(XenbusState(s).label, XenbusState(s).label))
        for s in options)}
    facts = {"changes": [list(change) for change in found], "index": index,
             "narration": [n["text"] for n in narrated if n["step"] == step]}
    return {"text": text, "form": form, "data": {"state": state, "end": end}}, _label(now), \
        facts


def check_xenbus(problem: Problem, answer: Any, attempt: int) -> Verdict:
    options = [c["value"] for c in problem.question["form"]["choices"]]
    if chosen(answer, options) == problem.truth:
        return right()
    end = problem.question["data"]["end"]
    if end == "back":
        return wrong(both("The backend waits for the frontend's ring details in InitWait, "
                          "announces Connected once it has mapped them, and closes in two "
                          "steps: Closing, then Closed.",
                          "Le dorsal attend les détails de l'anneau du frontal en InitWait, "
                          "annonce Connected une fois qu'il les a projetés, et ferme en deux "
                          "temps : Closing, puis Closed."))
    return wrong(both("The frontend publishes its ring (Initialised), waits for the backend, "
                      "then says Connected; on a close it follows the backend down to Closed, "
                      "and to reconnect it starts over from Initialising.",
                      "Le frontal publie son anneau (Initialised), attend le dorsal, puis dit "
                      "Connected ; à la fermeture il suit le dorsal jusqu'à Closed, et pour se "
                      "reconnecter il repart d'Initialising."))


def explain_xenbus(problem: Problem) -> dict[str, Any]:
    rows = [[str(step), SIDES[end], _label(was), _label(now)]
            for step, end, was, now, _front, _back in problem.facts["changes"]]
    return {"answer": problem.truth, "steps": problem.facts["narration"] or [
        both("It moves to XenbusState{state}.", "Il passe en XenbusState{state}.",
             state=problem.truth)],
            "view": {"type": "table", "columns": [both("step", "pas"), both("end", "extrémité"),
                                                  both("from", "de"), both("to", "à")],
                     "rows": rows, "highlight": problem.facts["index"]}}


register(Kind("devices.xenbus_next", "devices",
              both("Which XenbusState comes next?", "Quel XenbusState vient ensuite ?"),
              XENBUS_LEVELS, make_xenbus, check_xenbus, explain_xenbus))
