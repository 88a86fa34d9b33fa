"""``POST /api/v1/translate`` throughput with a 14 KB document, vs a bare JSON route.

The document is a realistic x86-64 request (docs/api-memory.md): four page-table frames of 512
entries — a PML4, a PDPT and a PD with a few entries, a PT mapping 150 pages (text read-only,
data NX and dirty) — a user write that translates, about 14 KB of compact JSON. The load
generator is one asyncio loop (aiohttp) with a fixed number of keep-alive connections, each
sending its next request as soon as the previous answer is read. Baseline: ``POST /parse`` of
``benchmarks/bare_app.py`` (served by the same Procfile command), which parses the same body
and answers a small JSON. Rounds alternate between the two servers. Target: >= 0.8x.

    python benchmarks/translate_throughput.py [--requests 2000] [--clients 32] [--procfile P]
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (  # noqa: E402
    APP,
    BARE,
    describe_server,
    figure,
    median,
    missed,
    parser,
    served,
)

TARGET = (">=", 0.8)
ROUNDS = 5
MAPPED_PAGES = 150  # the PT's present entries: sets the document's size (about 14 KB)


def page_table(mapped: int) -> list[str]:
    """A PT: the first third text (read-only, accessed), then data (NX, accessed, dirty)."""
    entries = ["0x0"] * 512
    for index in range(mapped):
        text = index < mapped // 3
        flags, nx = (0x025, 0) if text else (0x067, 1 << 63)
        entries[index] = hex(nx | (0x200 + 3 * index) << 12 | flags)
    return entries


def document(mapped: int = MAPPED_PAGES) -> dict[str, Any]:
    """A user write to a data page through four levels of x86-64 tables (it translates)."""
    pml4, pdpt, pd = ["0x0"] * 512, ["0x0"] * 512, ["0x0"] * 512
    pml4[0], pml4[255], pml4[256], pml4[511] = "0x2027", "0x6007", "0x7003", "0x8003"
    pdpt[0], pdpt[3] = "0x3027", "0x9007"
    pd[2], pd[3], pd[8] = "0x4027", "0xa007", "0x800000000ba000e7"
    va = 0x400000 + (mapped - 1) * 0x1000 + 8
    return {"paging": "x86_64", "root": "0x1000", "va": hex(va), "access": "write",
            "user": True, "cpu": {"wp": True, "nxe": True, "smep": True, "smap": False,
                                  "maxphyaddr": 46},
            "memory": {"1": pml4, "2": pdpt, "3": pd, "4": page_table(mapped)}}


def body() -> bytes:
    return json.dumps(document(), separators=(",", ":")).encode()


async def load(url: str, payload: bytes, requests: int, clients: int) -> float:
    """Requests per second of ``clients`` keep-alive connections sending ``requests``."""
    headers = {"Content-Type": "application/json"}
    failures: list[int] = []
    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def client(count: int) -> None:
            for _ in range(count):
                async with http.post(url, data=payload, headers=headers) as response:
                    await response.read()
                    if response.status != 200:
                        failures.append(response.status)

        shares = [requests // clients + (i < requests % clients) for i in range(clients)]
        start = time.perf_counter()
        await asyncio.gather(*(client(share) for share in shares))
        elapsed = time.perf_counter() - start
    if failures:
        raise RuntimeError(f"{len(failures)} requests failed, e.g. HTTP {failures[0]}")
    return requests / elapsed


async def first_answer(url: str, payload: bytes) -> Any:
    async with aiohttp.ClientSession() as http, http.post(
            url, data=payload, headers={"Content-Type": "application/json"}) as response:
        return response.status, await response.json()


async def measure(app_url: str, bare_url: str, requests: int, clients: int) -> dict[str, Any]:
    payload = body()
    status, answer = await first_answer(app_url, payload)
    if status != 200 or "pa" not in answer.get("result", {}):
        raise RuntimeError(f"the document does not translate: {status} {answer}")
    urls = {"app": app_url, "bare": bare_url}
    rates: dict[str, list[float]] = {"app": [], "bare": []}
    for url in urls.values():
        await load(url, payload, requests // 5, clients)  # warm-up
    for _ in range(ROUNDS):
        for name, url in urls.items():
            rates[name].append(await load(url, payload, requests, clients))
    return {"rates": rates, "size": len(payload), "result": answer["result"]}


def report(result: dict[str, Any], requests: int, clients: int) -> None:
    rates = result["rates"]
    print(f"  body: {result['size']:,} bytes of JSON (result {result['result']}); "
          f"{ROUNDS} rounds of {requests:,} requests per server, {clients} keep-alive clients")
    print(f"  rounds, app: {', '.join(f'{r:,.0f}' for r in rates['app'])} requests/s; "
          f"bare: {', '.join(f'{r:,.0f}' for r in rates['bare'])}")
    figure("translate throughput median", median(rates["app"]), "bare JSON route",
           median(rates["bare"]), "requests/s", TARGET, 0)


def main() -> int:
    options = parser(__doc__.splitlines()[0])
    options.add_argument("--requests", type=int, default=2000, help="requests per round")
    options.add_argument("--clients", type=int, default=32, help="keep-alive connections")
    args = options.parse_args()
    print("POST /api/v1/translate throughput (14 KB x86-64 document)")
    print(f"  {describe_server(args.procfile)}")
    with served(APP, args.procfile) as app, served(BARE, args.procfile) as bare:
        try:
            result = asyncio.run(measure(f"{app.url}/api/v1/translate", f"{bare.url}/parse",
                                         args.requests, args.clients))
            report(result, args.requests, args.clients)
        except (RuntimeError, TimeoutError, OSError) as error:
            missed("translate throughput median", f"{type(error).__name__}: {error}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
