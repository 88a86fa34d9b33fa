"""Boot: which MFN holds PFN n, which start_info field points to X, what RSI holds at entry.

Each question is about a domain the real builder built in a scratch simulation; grading reads
that domain's P2M, start_info and vCPU0 registers.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.exercises import boot_build as bb
from webapp.model.exercises.engine import (
    Kind,
    Made,
    Problem,
    Verdict,
    both,
    choice_list,
    chosen,
    number,
    register,
    right,
    wrong,
)
from webapp.model.memory import p2m_lookup

# -- which MFN holds PFN n ------------------------------------------------------------------------

P2M_LEVELS = (both("A quiet host: one run", "Un hôte calme : une seule plage"),
              both("A fragmented host", "Un hôte fragmenté"),
              both("A badly fragmented host", "Un hôte très fragmenté"))


def make_p2m(rng: random.Random, level: int) -> Made:
    domain = bb.guest(rng, level, rng.choice((256, 512)) if level == 1 else 1024)
    runs = [(run.pfn, run.mfn, run.count) for run in domain.p2m]
    usable = [run for run in runs if run[2] >= 3] or runs
    pfn_run = rng.choice(usable[len(usable) // 2:] if level == 3 else usable)
    pfn = pfn_run[0] + rng.randrange(1, max(2, pfn_run[2] - 1))
    text = both("The P2M of guest ({pages} pages), run by run: PFNs first … first + count − 1 "
                "are in machine frames mfn … mfn + count − 1. Which machine frame (MFN) holds "
                "pseudo-physical frame (PFN) {pfn}?",
                "La P2M de guest ({pages} pages), plage par plage : les PFN first … first + "
                "count − 1 sont dans les cadres machine mfn … mfn + count − 1. Quel cadre "
                "machine (MFN) contient le cadre pseudo-physique (PFN) {pfn} ?",
                pages=domain.nr_pages, pfn=pfn)
    question = {"text": text, "form": {"type": "number", "label": both("MFN", "MFN")},
                "data": {"domain": domain.name, "nr_pages": domain.nr_pages, "pfn": pfn,
                         "runs": [list(run) for run in runs]}}
    return question, p2m_lookup(domain.p2m, pfn), {"pfn": pfn, "runs": runs}


def check_p2m(problem: Problem, answer: Any, attempt: int) -> Verdict:
    given = number(answer, both("The MFN", "Le MFN"))
    if given == problem.truth:
        return right()
    pfn, run = problem.facts["pfn"], _run_of(problem)
    if given == pfn:
        return wrong(both("That is the PFN itself: a PV guest's pseudo-physical frames are not "
                          "machine frames. Find the P2M run that holds it.",
                          "C'est le PFN lui-même : les cadres pseudo-physiques d'un invité PV ne "
                          "sont pas des cadres machine. Trouvez la plage de la P2M qui le "
                          "contient."))
    if given == run[1]:
        return wrong(both("That is where the run starts: add the PFN's offset inside the run.",
                          "C'est le début de la plage : ajoutez le décalage du PFN dans la "
                          "plage."))
    if run[1] <= given < run[1] + run[2]:
        return wrong(both("Right run, not the right offset: count from the run's first PFN.",
                          "Bonne plage, mauvais décalage : comptez depuis le premier PFN de la "
                          "plage."))
    return wrong(both("Find the run whose PFNs contain {pfn}: first ≤ {pfn} < first + count.",
                      "Trouvez la plage dont les PFN contiennent {pfn} : first ≤ {pfn} < first "
                      "+ count.", pfn=pfn))


def _run_of(problem: Problem) -> tuple[int, int, int]:
    pfn: int = problem.facts["pfn"]
    runs: list[tuple[int, int, int]] = problem.facts["runs"]
    return next(run for run in runs if run[0] <= pfn < run[0] + run[2])


def explain_p2m(problem: Problem) -> dict[str, Any]:
    pfn, (first, mfn, count) = problem.facts["pfn"], _run_of(problem)
    runs = problem.facts["runs"]
    at = runs.index((first, mfn, count))
    shown = runs[max(0, at - 3): at + 4]
    steps = [both("PFN {pfn} lies in the run of PFNs {first}–{last}, which the P2M puts in "
                  "machine frames {mfn}–{mlast}.",
                  "Le PFN {pfn} est dans la plage des PFN {first}–{last}, que la P2M place dans "
                  "les cadres machine {mfn}–{mlast}.", pfn=pfn, first=first,
                  last=first + count - 1, mfn=mfn, mlast=mfn + count - 1),
             both("Its offset in the run: {pfn} − {first} = {offset}.",
                  "Son décalage dans la plage : {pfn} − {first} = {offset}.", pfn=pfn,
                  first=first, offset=pfn - first),
             both("MFN = {mfn} + {offset} = {answer} ({hex}).",
                  "MFN = {mfn} + {offset} = {answer} ({hex}).", mfn=mfn, offset=pfn - first,
                  answer=problem.truth, hex=hex(problem.truth))]
    return {"answer": problem.truth, "steps": steps, "view": {
        "type": "table", "columns": [both("first PFN", "premier PFN"), both("first MFN",
                                                                            "premier MFN"),
                                     both("count", "nombre")],
        "rows": [[str(r[0]), str(r[1]), str(r[2])] for r in shown],
        "highlight": shown.index((first, mfn, count))}}


register(Kind("boot.p2m_lookup", "boot", both("Which machine frame holds PFN n?",
                                               "Quel cadre machine contient le PFN n ?"),
              P2M_LEVELS, make_p2m, check_p2m, explain_p2m,
              lambda problem: [problem.truth]))

# -- what RSI holds at entry ----------------------------------------------------------------------

RSI_LEVELS = (both("Which structure?", "Quelle structure ?"),
              both("Its address, from the start_info PFN", "Son adresse, depuis le PFN de "
                                                           "start_info"),
              both("Its address, from the layout's page counts",
                   "Son adresse, depuis le nombre de pages de chaque élément"))
RSI_CHOICES = ("start_info", "pt_base", "mfn_list", "shared_info", "entry", "stack")
RSI_LABELS = {"start_info": both("start_info (virtual address)", "start_info (adresse virtuelle)"),
              "pt_base": both("the top-level page table", "la table des pages de plus haut niveau"),
              "mfn_list": both("the P2M list", "la liste P2M"),
              "shared_info": both("shared_info (machine address)",
                                  "shared_info (adresse machine)"),
              "entry": both("the kernel's entry point", "le point d'entrée du noyau"),
              "stack": both("the top of the boot stack", "le sommet de la pile de démarrage")}


def make_rsi(rng: random.Random, level: int) -> Made:
    domain = bb.guest(rng, 1, rng.choice((256, 512, 1024, 2048)) if level > 1 else 256)
    record = bb.record(domain)
    assert record.layout is not None
    regs = record.registers
    values = {"start_info": regs["rsi"], "pt_base": int(record.start_info["pt_base"]),
              "mfn_list": int(record.start_info["mfn_list"]),
              "shared_info": int(record.start_info["shared_info"]), "entry": regs["rip"],
              "stack": regs["rsp"]}
    data: dict[str, Any] = {"domain": domain.name, "registers": {
        name: hex(regs[name]) for name in ("rip", "rsp", "cr3")}}
    form: dict[str, Any] = {"type": "number", "label": both("RSI", "RSI")}
    if level == 1:
        form = {"type": "choice", "choices": choice_list((c, RSI_LABELS[c]) for c in RSI_CHOICES)}
    else:
        data["virt_base"] = hex(record.layout.virt_base)
        data["layout"] = [{k: v for k, v in row.items() if level == 2 or k != "pfn"}
                          for row in bb.layout_rows(domain, with_addresses=False)]
        data["first_pfn"] = record.layout.segments[0].pfn
    text = both("vCPU0 of guest starts at RIP {rip} with RSP {rsp}. What does RSI hold?",
                "Le vCPU0 de guest démarre à RIP {rip} avec RSP {rsp}. Que contient RSI ?",
                rip=hex(regs["rip"]), rsp=hex(regs["rsp"]))
    truth = "start_info" if level == 1 else hex(regs["rsi"])
    return {"text": text, "form": form, "data": data}, truth, {"values": values,
                                                                "rsi": regs["rsi"]}


def check_rsi(problem: Problem, answer: Any, attempt: int) -> Verdict:
    values = problem.facts["values"]
    if problem.level == 1:
        given = values[chosen(answer, RSI_CHOICES)]
    else:
        given = number(answer, both("RSI", "RSI"))
    rsi = problem.facts["rsi"]
    if given == rsi:
        return right()
    if problem.level > 1 and given in values.values():
        return wrong(both("That is the address of another part of the start-of-day region.",
                          "C'est l'adresse d'une autre partie de la zone de démarrage."))
    if problem.level > 1 and (given - rsi) % 4096 == 0:
        return wrong(both("A page off: the region starts at virt_base, and PFN p is at virt_base "
                          "+ p × 4096.",
                          "Décalé de pages : la zone commence à virt_base, et le PFN p est à "
                          "virt_base + p × 4096."))
    return wrong(both("RSI points to the structure Xen filled for the guest to find everything "
                      "else (its memory, xenstore, the console): where is it in the region?",
                      "RSI pointe vers la structure que Xen a remplie pour que l'invité trouve "
                      "tout le reste (sa mémoire, xenstore, la console) : où est-elle dans la "
                      "zone ?"))


def explain_rsi(problem: Problem) -> dict[str, Any]:
    rsi = hex(problem.facts["rsi"])
    steps = [both("At entry a PV guest has no firmware tables: RSI holds the virtual address of "
                  "start_info, the page Xen filled for it.",
                  "À l'entrée, un invité PV n'a pas de tables du micrologiciel : RSI contient "
                  "l'adresse virtuelle de start_info, la page que Xen a remplie pour lui."),
             both("start_info is mapped in the start-of-day region, after the kernel, the "
                  "initrd and the P2M list: RSI = {rsi}.",
                  "start_info est projeté dans la zone de démarrage, après le noyau, l'initrd "
                  "et la liste P2M : RSI = {rsi}.", rsi=rsi)]
    rows = [[RSI_LABELS[name], hex(value)]
            for name, value in problem.facts["values"].items()]
    return {"answer": problem.truth, "steps": steps,
            "view": {"type": "table", "columns": [both("what", "quoi"),
                                                  both("address", "adresse")],
                     "rows": rows, "highlight": 0}}


register(Kind("boot.rsi", "boot", both("What does RSI hold when vCPU0 starts?",
                                        "Que contient RSI au démarrage du vCPU0 ?"),
              RSI_LEVELS, make_rsi, check_rsi, explain_rsi,
              lambda problem: [problem.truth] if problem.level > 1 else []))
