"""Boot: which ``start_info`` field points to X?

Level 1 names what X is (the xenstore ring's frame, shared_info…); level 2 gives only the
value and the start-of-day layout (the learner finds the element, then its field); level 3
does the same for dom0, which Xen builds itself (its initrd is given as a PFN, its flags say
SIF_INITDOMAIN). A choice is right when the domain's start_info holds that value in it.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.boot.abi import flag_names
from webapp.model.exercises import boot_build as bb
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

LEVELS = (both("What it is for", "À quoi il sert"),
          both("Only its value, and the layout", "Seulement sa valeur, et la disposition"),
          both("dom0, built by Xen", "dom0, construit par Xen"))
TARGETS = {1: ("shared_info", "store_mfn", "console.domU.mfn", "store_evtchn", "nr_pages"),
           2: ("pt_base", "mfn_list", "mod_start", "mod_len", "nr_pt_frames"),
           3: ("flags", "mod_start", "mfn_list", "pt_base", "nr_pages", "console.dom0.info_off")}
CHOICES = 6


def make(rng: random.Random, level: int) -> Made:
    domain = bb.dom0(rng) if level == 3 else bb.guest(rng, 1, rng.choice((256, 512)))
    info = bb.record(domain).start_info
    target = rng.choice(TARGETS[level])
    others = [name for name in bb.MEANINGS if name in info and name != target
              and info[name] != info[target]]
    fields = sorted([target, *rng.sample(others, CHOICES - 1)])
    value = bb.shown(target, info[target])
    if level == 1:
        text = both("Which start_info field gives {what}?", "Quel champ de start_info donne "
                    "{what} ?", what=bb.MEANINGS[target])
    else:
        text = both("{name}'s start_info holds {value} in one of its fields. Which field?",
                    "Le start_info de {name} contient {value} dans l'un de ses champs. Lequel ?",
                    name=domain.name, value=value)
    data: dict[str, Any] = {"domain": domain.name}
    if level > 1:
        data["layout"] = bb.layout_rows(domain, with_addresses=True)
        data["nr_pages"] = domain.nr_pages
    labels = choice_list((name, both(name, name)) for name in fields)
    question = {"text": text, "form": {"type": "choice", "choices": labels}, "data": data}
    facts = {"info": {name: bb.shown(name, v) for name, v in info.items()}, "fields": fields,
             "value": value, "domain": domain.name}
    return question, target, facts


def check(problem: Problem, answer: Any, attempt: int) -> Verdict:
    field = chosen(answer, problem.facts["fields"])
    info, value = problem.facts["info"], problem.facts["value"]
    if info.get(field) == value:
        return right()
    if problem.level == 1:
        return wrong(both("{field} gives {meaning}.", "{field} donne {meaning}.",
                          field=field, meaning=bb.MEANINGS[field]))
    return wrong(both("{field} holds {held}, not {value}. Is {value} an address in the "
                      "start-of-day region, a frame, or a count?",
                      "{field} contient {held}, pas {value}. {value} est-il une adresse de la "
                      "zone de démarrage, un cadre, ou un nombre ?",
                      field=field, held=info.get(field), value=value))


def explain(problem: Problem) -> dict[str, Any]:
    info, target = problem.facts["info"], problem.truth
    steps = [both("{field} is {meaning}.", "{field} : {meaning}.", field=target,
                  meaning=bb.MEANINGS[target]),
             both("In {name}'s start_info it holds {value}.",
                  "Dans le start_info de {name}, il contient {value}.",
                  name=problem.facts["domain"], value=problem.facts["value"])]
    if target == "flags":
        names = " | ".join(flag_names(int(str(info["flags"]), 16))) or "0"
        steps.append(both("The flags are {names}.", "Les drapeaux sont {names}.", names=names))
    rows = [[name, str(info[name]), bb.MEANINGS[name]] for name in problem.facts["fields"]]
    return {"answer": target, "steps": steps,
            "view": {"type": "table", "columns": [both("field", "champ"), both("value", "valeur"),
                                                  both("what it is", "ce que c'est")],
                     "rows": rows, "highlight": problem.facts["fields"].index(target)}}


register(Kind("boot.start_info_field", "boot",
              both("Which start_info field points to it?",
                   "Quel champ de start_info y mène ?"),
              LEVELS, make, check, explain))
