"""Categories: which category fits this case; which layer handles this operation; how many
VM exits a workload costs.

The first asks the chooser (the course's criteria as rules); the other two run the categories
lab's real columns on a scratch scenario and read what the model did: the layer the operation's
first hop reaches, the VM exits the hardware-assisted column counted.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.categories.chooser import QUESTIONS, choose
from webapp.model.categories.state import CATEGORIES, LAYERS
from webapp.model.exercises import scratch
from webapp.model.exercises.engine import (
    Kind,
    Made,
    Problem,
    Verdict,
    both,
    choice_list,
    chosen,
    joined,
    number,
    register,
    right,
    wrong,
)
from webapp.model.scenario import Scenario

HOST = {"name": "host", "pcpus": 1, "memory_mb": 1024, "xen_mb": 64,
        "dom0": {"memory_mb": 256, "vcpus": 1, "workload": "idle"}}
NAMES = {"emulation": both("full emulation (QEMU TCG)", "émulation complète (QEMU TCG)"),
         "os_level": both("OS-level (a container)", "niveau système (un conteneur)"),
         "paravirtualization": both("para-virtualization (Xen PV)",
                                    "para-virtualisation (Xen PV)"),
         "hardware_assisted": both("hardware-assisted (Xen HVM)",
                                   "assistée par le matériel (Xen HVM)")}


def lab_scenario(ops: list[dict[str, Any]], paging: str = "ept") -> Scenario:
    return scratch.scenario("categories", HOST, {"workload": ops, "hvm_paging": paging})


def run_ops(rng: random.Random, ops: list[dict[str, Any]], paging: str = "ept") -> list[Any]:
    sim = scratch.start(lab_scenario(ops, paging), rng)
    return scratch.run(sim, "run")


# -- which category fits this case ----------------------------------------------------------------

CASE = {
    ("foreign_arch", "yes"): both("It must run software built for another CPU architecture.",
                                  "Il faut exécuter un logiciel construit pour une autre "
                                  "architecture de processeur."),
    ("foreign_arch", "no"): both("It runs code for the host's own CPU.",
                                 "Il exécute du code pour le processeur de l'hôte."),
    ("other_kernel", "yes"): both("It needs its own kernel, different from the host's.",
                                  "Il lui faut son propre noyau, différent de celui de l'hôte."),
    ("other_kernel", "no"): both("The host's Linux kernel suits it.",
                                 "Le noyau Linux de l'hôte lui convient."),
    ("unmodified_os", "yes"): both("It must run an unmodified Windows.",
                                   "Il doit exécuter un Windows non modifié."),
    ("unmodified_os", "no"): both("Its OS may be modified.",
                                  "Son système d'exploitation peut être modifié."),
    ("has_vtx", "yes"): both("The host CPU has VT-x.", "Le processeur de l'hôte a VT-x."),
    ("has_vtx", "no"): both("The host CPU has neither VT-x nor AMD-V.",
                            "Le processeur de l'hôte n'a ni VT-x ni AMD-V."),
    ("strong_isolation", "yes"): both("Tenants who do not trust each other share the host.",
                                      "Des locataires qui ne se font pas confiance partagent "
                                      "l'hôte."),
    ("strong_isolation", "no"): both("Only one team's services share the host.",
                                     "Seuls les services d'une même équipe partagent l'hôte."),
    ("density", "yes"): both("Hundreds of short-lived units must start in milliseconds.",
                             "Des centaines d'unités éphémères doivent démarrer en quelques "
                             "millisecondes."),
    ("density", "no"): both("A few long-running units.", "Quelques unités de longue durée."),
    ("container_toolchain", "yes"): both("The team already builds container images in CI.",
                                         "L'équipe construit déjà des images de conteneurs en "
                                         "CI."),
    ("container_toolchain", "no"): both("The team builds virtual machine images.",
                                        "L'équipe construit des images de machines virtuelles."),
}
FIT_LEVELS = (both("Three facts about the case", "Trois faits sur le cas"),
              both("Four facts", "Quatre faits"), both("Five facts", "Cinq faits"))


def _case(rng: random.Random, level: int) -> tuple[dict[str, str], dict[str, Any]]:
    for _ in range(500):
        asked = rng.sample(QUESTIONS, level + 2)
        answers = {q: rng.choice(("yes", "no")) for q in asked}
        result = choose(answers)
        if len(result["recommended"]) == 1:
            return answers, result
    raise RuntimeError("no case with a single recommendation")


def make_fit(rng: random.Random, level: int) -> Made:
    answers, result = _case(rng, level)
    text = joined([both("Which category of virtualization fits this case best?",
                        "Quelle catégorie de virtualisation convient le mieux à ce cas ?"),
                   *(CASE[(q, a)] for q, a in answers.items())])
    form = {"type": "choice", "choices": choice_list((c, NAMES[c]) for c in CATEGORIES)}
    return {"text": text, "form": form}, result["recommended"][0], {"ranking": result["ranking"]}


def check_fit(problem: Problem, answer: Any, attempt: int) -> Verdict:
    picked = chosen(answer, CATEGORIES)
    if picked == problem.truth:
        return right()
    row = next(r for r in problem.facts["ranking"] if r["category"] == picked)
    if row["excluded"]:
        return wrong(both("One fact of the case rules {name} out: which one?",
                          "Un fait du cas écarte {name} : lequel ?", name=NAMES[picked]))
    return wrong(both("{name} fits, but another category meets more of the constraints (and "
                      "the course's criteria: constraints, toolchain, community).",
                      "{name} convient, mais une autre catégorie satisfait plus de contraintes "
                      "(et les critères du cours : contraintes, toolchain, communauté).",
                      name=NAMES[picked]))


def explain_fit(problem: Problem) -> dict[str, Any]:
    rows = [[NAMES[r["category"]]["en"], "✗" if r["excluded"] else str(r["score"]),
             ", ".join(x["reason"] for x in r["reasons"])] for r in problem.facts["ranking"]]
    best = NAMES[problem.truth]
    return {"answer": problem.truth,
            "steps": [both("Each fact rules a category out or counts for it; {name} is left "
                           "with the best score.",
                           "Chaque fait écarte une catégorie ou compte pour elle ; {name} "
                           "garde le meilleur score.", name=best)],
            "view": {"type": "table", "columns": [both("category", "catégorie"),
                                                  both("score", "score"),
                                                  both("reasons", "raisons")],
                     "rows": rows, "highlight": 0}}


register(Kind("categories.fit", "categories",
              both("Which category fits this case?", "Quelle catégorie convient à ce cas ?"),
              FIT_LEVELS, make_fit, check_fit, explain_fit))

# -- which layer handles this operation -------------------------------------------------------

LAYER_OPS = {1: ("syscall", "cpuid", "hlt"), 2: ("cli", "page_fault", "timer", "pt_update"),
             3: ("disk_read", "net_send", "write_cr3")}
LAYER_NAMES = {
    "app": both("the application", "l'application"),
    "guest_kernel": both("the guest kernel", "le noyau invité"),
    "tcg": both("QEMU's TCG translator", "le traducteur TCG de QEMU"),
    "qemu_dev": both("QEMU's device models", "les modèles de périphériques de QEMU"),
    "host_kernel": both("the host kernel", "le noyau hôte"),
    "isolation": both("seccomp, namespaces and cgroups", "seccomp, espaces de noms et cgroups"),
    "xen": both("the Xen hypervisor", "l'hyperviseur Xen"),
    "dom0": both("dom0's backends", "les pilotes dorsaux de dom0"),
    "qemu": both("QEMU in dom0", "QEMU dans dom0"),
    "hardware": both("the real CPU, natively", "le vrai processeur, nativement"),
}
LAYER_LEVELS = (both("A system call, cpuid, hlt", "Un appel système, cpuid, hlt"),
                both("cli, a page fault, a timer, page tables",
                     "cli, un défaut de page, un temporisateur, des tables des pages"),
                both("A disk read, a packet, a CR3 write (shadow paging)",
                     "Une lecture disque, un paquet, une écriture de CR3 (tables fantômes)"))
OP_WORDS = {"syscall": both("the system call getpid", "l'appel système getpid"),
            "cpuid": both("cpuid", "cpuid"), "hlt": both("hlt", "hlt"), "cli": both("cli", "cli"),
            "page_fault": both("a page fault", "un défaut de page"),
            "timer": both("a timer interrupt", "une interruption du temporisateur"),
            "pt_update": both("a page-table update", "une mise à jour des tables des pages"),
            "disk_read": both("a disk read", "une lecture disque"),
            "net_send": both("a network send", "un envoi réseau"),
            "write_cr3": both("a write to CR3", "une écriture de CR3")}


def make_layer(rng: random.Random, level: int) -> Made:
    op = rng.choice(LAYER_OPS[level])
    category = rng.choice(CATEGORIES)
    events = run_ops(rng, [{"op": op}], "shadow" if level == 3 else "ept")
    first = next(e for e in events if e.data.get("category") == category)
    path = list(first.data["path"])
    text = both("Under {name}, {op} starts in {origin}. Which layer takes it over first?",
                "En {name}, {op} part de {origin}. Quelle couche le prend en charge d'abord ?",
                name=NAMES[category], op=OP_WORDS[op], origin=LAYER_NAMES[path[0]])
    choices = [layer for layer in LAYERS[category] if layer != path[0]]
    form = {"type": "choice", "choices": choice_list((c, LAYER_NAMES[c]) for c in choices)}
    return {"text": text, "form": form, "data": {"category": category, "op": op}}, path[1], {
        "path": path, "narration": first.narration()}


def check_layer(problem: Problem, answer: Any, attempt: int) -> Verdict:
    options = [c["value"] for c in problem.question["form"]["choices"]]
    if chosen(answer, options) == problem.truth:
        return right()
    return wrong(both("Ask what the real CPU does with it in this category: run it, trap, exit "
                      "to the hypervisor, or leave it to an emulator?",
                      "Demandez-vous ce que le vrai processeur en fait dans cette catégorie : "
                      "l'exécuter, le dérouter, sortir vers l'hyperviseur, ou le laisser à un "
                      "émulateur ?"))


def explain_layer(problem: Problem) -> dict[str, Any]:
    rows = [[str(i + 1), LAYER_NAMES[layer]["en"]] for i, layer in enumerate(problem.facts["path"])]
    return {"answer": problem.truth, "steps": [problem.facts["narration"]],
            "view": {"type": "table", "columns": [both("hop", "étape"), both("layer", "couche")],
                     "rows": rows, "highlight": 1}}


register(Kind("categories.layer", "categories",
              both("Which layer handles this operation?",
                   "Quelle couche traite cette opération ?"),
              LAYER_LEVELS, make_layer, check_layer, explain_layer))

# -- how many VM exits ------------------------------------------------------------------------

EXIT_OPS = {1: ("arith", "syscall", "cpuid", "hlt", "cli", "pt_update", "write_cr3"),
            2: ("syscall", "cpuid", "hlt", "timer", "page_fault", "disk_read", "net_send"),
            3: ("pt_update", "page_fault", "write_cr3", "cpuid", "cli", "timer")}
EXIT_LEVELS = (both("Instructions, with EPT", "Des instructions, avec EPT"),
               both("With interrupts and I/O on emulated devices",
                    "Avec des interruptions et des E/S sur des périphériques émulés"),
               both("Shadow page tables (first VT-x, no EPT)",
                    "Tables des pages fantômes (premier VT-x, sans EPT)"))


def exits_per_op(rng: random.Random, ops: list[dict[str, Any]], paging: str) -> list[int]:
    """The hardware-assisted column's VM-exit counter, read after every step of the run and
    charged to the operation in progress."""
    sim = scratch.start(lab_scenario(ops, paging), rng)
    lab = sim.world.labs["categories"]
    per_op, before = [0] * len(ops), 0
    sim.submit("run")
    while True:
        now = lab.columns["hardware_assisted"].counters["vm_exits"]
        per_op[lab.index] += now - before
        before = now
        if not sim.busy() or sim.step_no > scratch.MAX_STEPS:
            return per_op
        sim.step()


def make_exits(rng: random.Random, level: int) -> Made:
    ops = [{"op": rng.choice(EXIT_OPS[level])} for _ in range(rng.randint(3, 5))]
    paging = "shadow" if level == 3 else "ept"
    per_op = exits_per_op(rng, ops, paging)
    listed = ", ".join(op["op"] for op in ops)
    text = both("An HVM guest on VT-x ({paging}) without PV drivers runs: {ops}. How many VM "
                "exits does it cost?",
                "Un invité HVM sur VT-x ({paging}) sans pilotes PV exécute : {ops}. Combien de "
                "sorties de VM cela coûte-t-il ?",
                paging="EPT" if paging == "ept" else both("shadow page tables",
                                                          "tables des pages fantômes"),
                ops=listed)
    form = {"type": "number", "label": both("VM exits", "sorties de VM")}
    return {"text": text, "form": form, "data": {"ops": ops}}, sum(per_op), {"per_op": per_op}


def check_exits(problem: Problem, answer: Any, attempt: int) -> Verdict:
    if number(answer, both("The number of VM exits", "Le nombre de sorties de VM")) == (
            problem.truth):
        return right()
    exiting = sum(1 for n in problem.facts["per_op"] if n)
    return wrong(both("{n} of the operations exit at least once. cpuid always exits; hlt, "
                      "I/O ports, device MMIO, external interrupts and APIC writes do; a system "
                      "call or cli does not.",
                      "{n} des opérations sortent au moins une fois. cpuid sort toujours ; hlt, "
                      "les ports d'E/S, la MMIO des périphériques, les interruptions externes "
                      "et les écritures de l'APIC aussi ; pas un appel système ni cli.",
                      n=exiting))


def explain_exits(problem: Problem) -> dict[str, Any]:
    ops = problem.question["data"]["ops"]
    rows = [[op["op"], str(n)] for op, n in zip(ops, problem.facts["per_op"], strict=True)]
    return {"answer": problem.truth,
            "steps": [both("{op}: {n} VM exit(s).", "{op} : {n} sortie(s) de VM.", op=op["op"],
                           n=n) for op, n in zip(ops, problem.facts["per_op"], strict=True)],
            "view": {"type": "table", "columns": [both("operation", "opération"),
                                                  both("VM exits", "sorties de VM")],
                     "rows": rows, "highlight": None}}


register(Kind("categories.exits", "categories",
              both("How many VM exits will this workload cost?",
                   "Combien de sorties de VM coûtera cette charge de travail ?"),
              EXIT_LEVELS, make_exits, check_exits, explain_exits))
