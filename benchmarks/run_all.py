"""Run every serving benchmark, one after the other, and print all their figures at the end.

Each part is also a script of its own (``python benchmarks/<part>.py --help``). Every figure is
printed beside its baseline measured in the same run, with the ratio and the target; a figure
that misses its target says ``MISSED`` (the run still exits 0: the figures are what matters;
it exits 1 only when a part crashed).

    python benchmarks/run_all.py [--quick] [--parts step_roundtrip fanout ...] [--procfile P]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {  # part: the options of a --quick run (smaller counts, noisier figures)
    "step_roundtrip": ["--trips", "300"],
    "fanout": ["--rounds", "10"],
    "translate_throughput": ["--requests", "500"],
    "memory_footprint": ["--sessions", "1000"],
    "page_render": ["--repeat", "2"],
    "cloud_step": ["--steps", "20"],
}
FIGURE_MARKS = ("(target", "(no target", "MISSED")


def run_part(part: str, options: list[str]) -> tuple[int, list[str]]:
    """Run one part, echoing its output as it comes; (exit code, its figure lines)."""
    command = [sys.executable, str(HERE / f"{part}.py"), *options]
    figures = []
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, bufsize=1) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if any(mark in line for mark in FIGURE_MARKS):
                figures.append(line.rstrip())
    return process.returncode, figures


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--parts", nargs="+", choices=list(PARTS), default=list(PARTS))
    options.add_argument("--quick", action="store_true", help="smaller counts (a smoke run)")
    options.add_argument("--procfile", type=Path, help="another Procfile to serve with")
    args = options.parse_args()
    summary: list[str] = []
    crashed = []
    started = time.perf_counter()
    for part in args.parts:
        print(f"\n=== {part} ===", flush=True)
        extra = (PARTS[part] if args.quick else []) + (
            ["--procfile", str(args.procfile)] if args.procfile else [])
        code, figures = run_part(part, extra)
        summary += figures
        if code != 0:
            crashed.append(part)
            summary.append(f"{part}: crashed with exit code {code}  MISSED")
    print(f"\n=== all figures ({time.perf_counter() - started:.0f} s) ===")
    print("\n".join(summary))
    missed = sum("MISSED" in line for line in summary)
    print(f"{missed} figure(s) missed their target" if missed else "every target met")
    return 1 if crashed else 0


if __name__ == "__main__":
    raise SystemExit(main())
