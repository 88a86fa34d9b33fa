"""Devices: will this ``RING_PUSH_REQUESTS_AND_CHECK_NOTIFY`` notify the backend?

The problem is a blkif ring (``devices.ring.Ring``, the model's ring.h) caught as blkfront is
about to publish: the backend is idle (it re-armed ``req_event = req_cons + 1`` and sleeps) or
still busy with earlier requests. The model's push decides. Level 1 pushes one request,
level 2 a batch, level 3 near the 32-bit wrap of the free-running indices.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.devices.ring import BLKIF_RING_SIZE, MASK, Ring
from webapp.model.exercises.engine import (
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

LEVELS = (both("One request", "Une requête"), both("A batch of requests", "Un lot de requêtes"),
          both("Near the 32-bit wrap", "Près du bouclage sur 32 bits"))
YES_NO = choice_list((("yes", both("Yes: it notifies the backend",
                                   "Oui : il notifie le dorsal")),
                      ("no", both("No notification", "Pas de notification"))))


def _ring(rng: random.Random, level: int) -> tuple[Ring, int, bool]:
    """A ring just before the push: (ring, requests put, whether the backend is idle)."""
    start = (MASK - rng.randrange(0, 6)) if level == 3 else rng.randrange(40, 5000)
    count = 1 if level == 1 else rng.randint(2, 8)
    idle = rng.random() < 0.5
    busy = 0 if idle else rng.randint(1, 6)  # published requests the backend has not taken
    ring = Ring("blkif", BLKIF_RING_SIZE, pfn=0)
    ring.req_prod = ring.req_prod_pvt = start & MASK
    ring.req_cons = ring.rsp_prod_pvt = ring.rsp_prod = ring.rsp_cons = (start - busy) & MASK
    ring.req_event = (ring.req_cons + 1) & MASK if idle else \
        (ring.req_cons - rng.randint(0, 3)) & MASK
    for _ in range(count):
        ring.put_request({"operation": "read"})
    return ring, count, idle


def make(rng: random.Random, level: int) -> Made:
    ring, count, idle = _ring(rng, level)
    data = {"size": ring.size, "req_prod": ring.req_prod, "req_prod_pvt": ring.req_prod_pvt,
            "req_event": ring.req_event, "req_cons": ring.req_cons, "count": count}
    before = dict(data)
    push = ring.push_requests()
    text = both("blkfront has put {count} request(s) on the blkif ring: req_prod = {req_prod}, "
                "req_prod_pvt = {req_prod_pvt}, req_event = {req_event} (blkback's req_cons is "
                "{req_cons}). Will RING_PUSH_REQUESTS_AND_CHECK_NOTIFY notify blkback?",
                "blkfront a mis {count} requête(s) sur l'anneau blkif : req_prod = {req_prod}, "
                "req_prod_pvt = {req_prod_pvt}, req_event = {req_event} (le req_cons de "
                "blkback vaut {req_cons}). RING_PUSH_REQUESTS_AND_CHECK_NOTIFY va-t-il "
                "notifier blkback ?", **data)
    question = {"text": text, "form": {"type": "choice", "choices": YES_NO}, "data": data}
    facts = {**before, "old": push.old, "new": push.new, "event": push.event, "idle": idle}
    return question, "yes" if push.notify else "no", facts


def check(problem: Problem, answer: Any, attempt: int) -> Verdict:
    if chosen(answer, ("yes", "no")) == problem.truth:
        return right()
    if attempt == 1:
        return wrong(both("The frontend notifies only if the backend asked to be woken for one "
                          "of the requests it is publishing now: look at req_event.",
                          "Le frontal ne notifie que si le dorsal a demandé à être réveillé pour "
                          "l'une des requêtes qu'il publie maintenant : regardez req_event."))
    facts = problem.facts
    return wrong(both("ring.h notifies when req_event lies in (old req_prod, new req_prod] = "
                      "({old}, {new}], counted modulo 2^32: (new − req_event) < (new − old).",
                      "ring.h notifie quand req_event est dans (ancien req_prod, nouveau "
                      "req_prod] = ({old}, {new}], modulo 2^32 : (new − req_event) < (new − "
                      "old).", old=facts["old"], new=facts["new"]))


def explain(problem: Problem) -> dict[str, Any]:
    f = problem.facts
    gap_event, gap_push = (f["new"] - f["event"]) & MASK, (f["new"] - f["old"]) & MASK
    notify = problem.truth == "yes"
    why = (both("blkback had finished everything and re-armed req_event = req_cons + 1 before "
                "sleeping (RING_FINAL_CHECK_FOR_REQUESTS): it must be woken.",
                "blkback avait tout traité et réarmé req_event = req_cons + 1 avant de dormir "
                "(RING_FINAL_CHECK_FOR_REQUESTS) : il faut le réveiller.") if notify else
           both("blkback is still working through earlier requests: it will see the new ones "
                "without an event-channel notification (one hypercall saved).",
                "blkback traite encore des requêtes précédentes : il verra les nouvelles sans "
                "notification par canal d'événements (un hyperappel économisé)."))
    steps = [both("old = req_prod = {old}; new = req_prod_pvt = {new}; req_event = {event}.",
                  "ancien = req_prod = {old} ; nouveau = req_prod_pvt = {new} ; req_event = "
                  "{event}.", old=f["old"], new=f["new"], event=f["event"]),
             both("(new − req_event) mod 2^32 = {a}; (new − old) mod 2^32 = {b}.",
                  "(nouveau − req_event) mod 2^32 = {a} ; (nouveau − ancien) mod 2^32 = {b}.",
                  a=gap_event, b=gap_push),
             both("{a} < {b} is {verdict}: {result}.", "{a} < {b} est {verdict} : {result}.",
                  a=gap_event, b=gap_push,
                  verdict=both("true", "vrai") if notify else both("false", "faux"),
                  result=both("blkfront notifies", "blkfront notifie") if notify
                  else both("no notification", "pas de notification")), why]
    rows = [[name, str(f[name])] for name in ("req_cons", "req_event", "req_prod",
                                              "req_prod_pvt")]
    return {"answer": problem.truth, "steps": steps,
            "view": {"type": "table", "columns": [both("index", "indice"),
                                                  both("value", "valeur")],
                     "rows": rows, "highlight": 1}}


register(Kind("devices.push_notify", "devices",
              both("Will this push notify the backend?", "Cette publication notifie-t-elle le "
                                                         "dorsal ?"),
              LEVELS, make, check, explain))
