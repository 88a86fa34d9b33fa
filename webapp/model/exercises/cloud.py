"""Cloud: how many live rounds a pre-copy takes and why it stops; what its downtime will be;
which tenant's bill is the largest.

The rounds and the downtime come from the cloud lab's own pre-copy loop (``precopy``: libxc's
``send_memory_live`` with ``simple_precopy_policy``) run on the question's parameters; the
bills from the lab's billing (``billing.bill``) on the question's usage and price sheet.
"""

from __future__ import annotations

import random
from typing import Any

from webapp.model.cloud import billing, precopy
from webapp.model.cloud.state import Migration, MigrationParams, Prices
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

# -- the pre-copy on the question's parameters ------------------------------------------------

MEMORY_MB = (256, 512, 1024, 2048)


def run(params: MigrationParams) -> tuple[Migration, str]:
    """The whole pre-copy, and why its live rounds ended (``threshold`` or ``cap``)."""
    mig = Migration(0, 0, "guest", 0, 1, params, phase="precopy")
    precopy.begin(mig)
    while True:
        again, why = precopy.iterate(mig)
        if not again:
            break
    precopy.stop_and_copy(mig)
    return mig, why or "threshold"


def draw_params(rng: random.Random, level: int) -> MigrationParams:
    """Level 1: a quiet guest on a fast link; 2: a busier guest; 3: the policy changed too."""
    memory = rng.choice(MEMORY_MB)
    bandwidth = rng.choice((1000.0, 2500.0, 10000.0) if level == 1 else (100.0, 1000.0, 2500.0))
    rate = rng.choice((500, 1000, 2000, 5000) if level == 1 else (5000, 20000, 40000, 80000))
    wws = rng.choice((1024, 2048, 4096, 8192, 16384))
    stop, cap = (50, 5)
    if level == 3:
        stop, cap = rng.choice((10, 50, 200, 1000)), rng.choice((2, 3, 4, 6))
    return MigrationParams(memory_mb=memory, dirty_rate=rate, wws_pages=wws,
                           bandwidth_mbps=bandwidth, stop_pages=stop, max_rounds=cap,
                           overhead_ms=30.0)


def params_data(p: MigrationParams) -> dict[str, Any]:
    return {"memory_mb": p.memory_mb, "pages": precopy.pages_of(p.memory_mb),
            "dirty_rate": p.dirty_rate, "wws_pages": p.wws_pages,
            "bandwidth_mbps": p.bandwidth_mbps, "stop_pages": p.stop_pages,
            "max_rounds": p.max_rounds, "overhead_ms": p.overhead_ms}


def setting(p: MigrationParams) -> dict[str, str]:
    return both("A {memory} MiB guest ({pages} pages of 4 KiB) writes {rate} pages/s over a "
                "writable working set of {wws} pages; the link carries {bw} Mb/s. Xen's policy "
                "stops the live rounds when fewer than {stop} pages are dirty or after {cap} "
                "rounds; suspending and resuming cost {overhead} ms.",
                "Un invité de {memory} Mio ({pages} pages de 4 Kio) écrit {rate} pages/s dans "
                "un ensemble de travail modifiable de {wws} pages ; le lien transporte {bw} "
                "Mb/s. La politique de Xen arrête les tours à chaud quand moins de {stop} pages "
                "sont modifiées ou après {cap} tours ; suspendre et reprendre coûtent {overhead}"
                " ms.", memory=p.memory_mb, pages=precopy.pages_of(p.memory_mb),
                rate=p.dirty_rate, wws=p.wws_pages, bw=int(p.bandwidth_mbps),
                stop=p.stop_pages, cap=p.max_rounds, overhead=int(p.overhead_ms))


def round_steps(mig: Migration) -> list[dict[str, str]]:
    steps = []
    for r in mig.rounds[:-1]:
        steps.append(both("Round {n}: {sent} pages sent in {ms} ms; {dirty} pages dirtied "
                          "meanwhile.", "Tour {n} : {sent} pages envoyées en {ms} ms ; {dirty} "
                          "pages modifiées pendant ce temps.", n=r.round, sent=r.pages_sent,
                          ms=r.duration_ms, dirty=r.pages_dirtied))
    last = mig.rounds[-1]
    steps.append(both("Stop-and-copy: {sent} pages in {ms} ms, plus the overhead: a downtime of "
                      "{down} ms.", "Arrêt et copie : {sent} pages en {ms} ms, plus le "
                      "surcoût : {down} ms d'indisponibilité.", sent=last.pages_sent,
                      ms=last.duration_ms, down=mig.downtime_ms))
    return steps


def rounds_view(mig: Migration) -> dict[str, Any]:
    rows = [[str(r.round) if r.live else "—", str(r.pages_sent), str(r.pages_dirtied),
             str(r.duration_ms)] for r in mig.rounds]
    return {"type": "table", "columns": [both("round", "tour"), both("pages sent",
                                                                     "pages envoyées"),
                                         both("dirtied meanwhile", "modifiées entre-temps"),
                                         both("ms", "ms")],
            "rows": rows, "highlight": len(rows) - 1}


# -- how many live rounds, and why they stop --------------------------------------------------

ROUND_LEVELS = (both("A quiet guest", "Un invité calme"),
                both("A busy guest", "Un invité occupé"),
                both("Another policy", "Une autre politique"))
WHY = {"threshold": both("fewer pages dirty than the threshold",
                         "moins de pages modifiées que le seuil"),
       "cap": both("the round cap is reached", "le nombre maximal de tours est atteint")}


def _option(rounds: int, why: str) -> tuple[str, dict[str, str]]:
    label = both("{n} live round(s), then stop-and-copy: {why}",
                 "{n} tour(s) à chaud, puis arrêt et copie : {why}", n=rounds, why=WHY[why])
    return f"{rounds}:{why}", label


def make_rounds(rng: random.Random, level: int) -> Made:
    for _ in range(50):
        params = draw_params(rng, level)
        mig, why = run(params)
        live = len(mig.rounds) - 1
        if live >= 2:
            break
    cap = params.max_rounds
    pool = {f"{n}:threshold" for n in range(1, cap + 1)} | {f"{cap}:cap"}
    truth = f"{live}:{why}"
    pool.discard(truth)
    picked = [truth, *rng.sample(sorted(pool), min(3, len(pool)))]
    picked.sort(key=lambda v: (int(v.split(":")[0]), v))
    text = both("{setting} How many live rounds will the pre-copy take, and why does it stop?",
                "{setting} Combien de tours à chaud la pré-copie fera-t-elle, et pourquoi "
                "s'arrête-t-elle ?", setting=setting(params))
    form = {"type": "choice", "choices": choice_list(
        _option(int(v.split(":")[0]), v.split(":")[1]) for v in picked)}
    facts = {"params": params_data(params)}
    return {"text": text, "form": form, "data": params_data(params)}, truth, facts


def check_rounds(problem: Problem, answer: Any, attempt: int) -> Verdict:
    options = [c["value"] for c in problem.question["form"]["choices"]]
    if chosen(answer, options) == problem.truth:
        return right()
    if attempt == 1:
        return wrong(both("Round 1 sends every page; each later round sends the pages dirtied "
                          "during the round before, and the guest dirties pages at its rate "
                          "for as long as a round lasts on the link (never more than its "
                          "working set).",
                          "Le tour 1 envoie toutes les pages ; chaque tour suivant envoie les "
                          "pages modifiées pendant le précédent, et l'invité en modifie à son "
                          "débit tant que le tour dure sur le lien (jamais plus que son "
                          "ensemble de travail)."))
    return wrong(both("Work out each round's length (pages × 4 KiB × 8 / bandwidth), the pages "
                      "dirtied meanwhile (rate × length, at most the working set), and ask the "
                      "policy after each round: under the threshold, or at the cap?",
                      "Calculez la durée de chaque tour (pages × 4 Kio × 8 / débit), les pages "
                      "modifiées pendant ce temps (débit de modification × durée, au plus "
                      "l'ensemble de travail), et interrogez la politique après chaque tour : "
                      "sous le seuil, ou au plafond ?"))


def explain_rounds(problem: Problem) -> dict[str, Any]:
    mig, _why = run(MigrationParams(**{k: v for k, v in problem.facts["params"].items()
                                       if k != "pages"}))
    return {"answer": problem.truth, "steps": round_steps(mig), "view": rounds_view(mig)}


register(Kind("cloud.precopy_rounds", "cloud",
              both("How many live rounds will this migration take?",
                   "Combien de tours à chaud cette migration prendra-t-elle ?"),
              ROUND_LEVELS, make_rounds, check_rounds, explain_rounds))

# -- the downtime --------------------------------------------------------------------------------

DOWNTIME_LEVELS = (both("A busy guest", "Un invité occupé"),
                   both("Another policy", "Une autre politique"))


def make_downtime(rng: random.Random, level: int) -> Made:
    for _ in range(80):
        params = draw_params(rng, level + 1)
        mig, _why = run(params)
        if mig.downtime_ms is not None and mig.downtime_ms >= params.overhead_ms + 2:
            break
    assert mig.downtime_ms is not None
    text = both("{setting} What will the downtime be, in milliseconds (to the nearest ms)?",
                "{setting} Quel sera le temps d'indisponibilité, en millisecondes (à la ms "
                "près) ?", setting=setting(params))
    form = {"type": "number", "label": both("downtime (ms)", "indisponibilité (ms)")}
    truth = round(mig.downtime_ms)
    return ({"text": text, "form": form, "data": params_data(params)}, truth,
            {"params": params_data(params)})


def check_downtime(problem: Problem, answer: Any, attempt: int) -> Verdict:
    given = number(answer, both("The downtime", "Le temps d'indisponibilité"))
    if abs(given - problem.truth) <= max(1, problem.truth // 50):
        return right()
    if given < problem.question["data"]["overhead_ms"]:
        return wrong(both("The downtime is never less than the suspend/resume overhead.",
                          "Le temps d'indisponibilité n'est jamais inférieur au surcoût de "
                          "suspension et de reprise."))
    return wrong(both("The downtime is the time to send the pages still dirty when the guest "
                      "is suspended — those dirtied during the last live round — plus the "
                      "overhead. Count the rounds first.",
                      "Le temps d'indisponibilité est le temps d'envoyer les pages encore "
                      "modifiées quand l'invité est suspendu — celles modifiées pendant le "
                      "dernier tour à chaud — plus le surcoût. Comptez d'abord les tours."))


def downtime_secrets(problem: Problem) -> list[int]:
    return [problem.truth]


register(Kind("cloud.downtime", "cloud",
              both("What will the downtime be?", "Quel sera le temps d'indisponibilité ?"),
              DOWNTIME_LEVELS, make_downtime, check_downtime, explain_rounds, downtime_secrets))

# -- which tenant pays most ----------------------------------------------------------------------

BILL_LEVELS = (both("CPU time decides", "Le temps de processeur décide"),
               both("Every line counts", "Chaque ligne compte"),
               both("Memory got dearer", "La mémoire est devenue plus chère"))
TENANTS = ("acme", "globex", "initech")
LINE_NAMES = {"vcpu_hour": both("vCPU-hours", "vCPU-heures"),
              "gib_hour": both("GiB-hours of memory", "Gio-heures de mémoire"),
              "io_million": both("millions of I/O operations",
                                 "millions d'opérations d'entrée-sortie"),
              "net_gb": both("GB of network traffic", "Go de trafic réseau")}


SEMI, COLON = {"en": "; ", "fr": " ; "}, {"en": ": ", "fr": " : "}


def num(value: float, lang: str) -> str:
    """A number as each language writes it (0.05 / 0,05)."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


def _usage(rng: random.Random, level: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for name in TENANTS:
        out[name] = {"vcpu_hour": rng.choice((2, 4, 6, 8, 12, 16, 24)),
                     "gib_hour": 16 if level == 1 else rng.choice((8, 16, 32, 64, 128, 256)),
                     "io_million": 1 if level == 1 else rng.choice((1, 2, 5, 10, 20)),
                     "net_gb": 2 if level == 1 else rng.choice((1, 2, 5, 10, 40))}
    return out


def make_bill(rng: random.Random, level: int) -> Made:
    for _ in range(100):
        usage = _usage(rng, level)
        prices = Prices(gib_hour=rng.choice((0.05, 0.1, 0.2))) if level == 3 else Prices()
        totals = {name: billing.bill(used, prices)["total"] for name, used in usage.items()}
        ranked = sorted(totals.values())
        if ranked[-1] - ranked[-2] >= 0.01:  # one tenant clearly pays most
            break
    truth = max(totals, key=lambda name: totals[name])
    sheet = prices.as_dict()
    used = {lang: SEMI[lang].join(
        f"{name}{COLON[lang]}" + ", ".join(f"{num(usage[name][k], lang)} {LINE_NAMES[k][lang]}"
                                           for k in sheet)
        for name in TENANTS) for lang in ("en", "fr")}
    text = both("Three tenants used the cloud this month — {used}. The price sheet: {p}. Whose "
                "bill is the largest?",
                "Trois locataires ont utilisé le nuage ce mois-ci — {used}. La grille "
                "tarifaire : {p}. Quelle facture est la plus élevée ?", used=used,
                p={lang: SEMI[lang].join(f"{num(sheet[k], lang)} € / {LINE_NAMES[k][lang]}"
                                         for k in sheet) for lang in ("en", "fr")})
    form = {"type": "choice", "choices": choice_list((name, both(name, name)) for name in TENANTS)}
    data = {"usage": usage, "prices": sheet,
            "columns": [both("tenant", "locataire"), *(LINE_NAMES[k] for k in sheet)]}
    return {"text": text, "form": form, "data": data}, truth, {"totals": totals}


def check_bill(problem: Problem, answer: Any, attempt: int) -> Verdict:
    if chosen(answer, list(TENANTS)) == problem.truth:
        return right()
    return wrong(both("A bill is the sum, line by line, of the usage times the price: work out "
                      "each tenant's four lines and add them up.",
                      "Une facture est la somme, ligne par ligne, de l'usage multiplié par le "
                      "prix : calculez les quatre lignes de chaque locataire et additionnez-"
                      "les."))


def explain_bill(problem: Problem) -> dict[str, Any]:
    usage, prices = problem.question["data"]["usage"], problem.question["data"]["prices"]
    rows, steps = [], []
    for name in TENANTS:
        bill = billing.bill(usage[name], Prices(**prices))
        amounts = [round(bill["lines"][k]["amount"], 4) for k in prices]
        rows.append([name, *(str(a) for a in amounts), str(round(bill["total"], 4))])
        steps.append(both("{name}: {parts} = {total} €", "{name} : {parts} = {total} €",
                          name=name, parts=" + ".join(f"{usage[name][k]} × {prices[k]}"
                                                      for k in prices),
                          total=round(bill["total"], 4)))
    return {"answer": problem.truth, "steps": steps,
            "view": {"type": "table", "columns": [both("tenant", "locataire"),
                                                  *(LINE_NAMES[k] for k in prices),
                                                  both("total (€)", "total (€)")],
                     "rows": rows, "highlight": TENANTS.index(problem.truth)}}


register(Kind("cloud.largest_bill", "cloud",
              both("Which tenant pays most?", "Quel locataire paie le plus ?"),
              BILL_LEVELS, make_bill, check_bill, explain_bill))
