"""`carewatch evaluate`'s figures on the even- and the odd-numbered rows of the dev file.

The rules are held to the coded file's unseen twin half, so a change is developed on the
errors of one half of dev (the even rows, by 0-based line index) and kept only if it
helps the other half (the odd rows) about as much: the odd half stands in for unseen rows.

    python bench/ii_halves.py [--dev FILE] [--errors-even FILE] [--json FILE]

``--errors-even`` writes the even half's mismatches (as ``carewatch evaluate --errors``,
with each row's line index added); ``--json`` writes both halves' figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

from carewatch.evaluate import EvaluationReport, evaluate_lines

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "insecurity-insight" / "dev.jsonl"
SHOWN = (
    ("detection", "f1"), ("weapon", "accuracy"), ("perpetrator_type", "accuracy"),
    ("weapon_when_found", "accuracy"), ("perpetrator_type_when_found", "accuracy"),
    ("health_workers_killed", "f1"), ("health_workers_injured", "f1"),
    ("health_workers_kidnapped", "f1"), ("health_workers_arrested", "f1"),
    ("facility_damaged_or_destroyed", "f1"), ("year", "accuracy"), ("month", "accuracy"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", default=str(DEFAULT_DEV))
    parser.add_argument("--errors-even", help="write the even half's mismatches here")
    parser.add_argument("--json", help="write both halves' figures here")
    args = parser.parse_args()

    with open(args.dev, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    started = time.perf_counter()
    reports: dict[str, EvaluationReport] = {
        half: evaluate_lines(lines[parity::2]) for half, parity in (("even", 0), ("odd", 1))
    }
    elapsed = time.perf_counter() - started
    print(f"{len(lines)} rows in {elapsed:.1f}s on {platform.processor() or platform.machine()}, "
          f"Python {sys.version.split()[0]}")
    figures = {half: report.as_dict() for half, report in reports.items()}
    print(f"{'field':34} {'measure':9} {'even':>7} {'odd':>7}")
    for name, measure in SHOWN:
        even, odd = figures["even"][name][measure], figures["odd"][name][measure]
        print(f"{name:34} {measure:9} {even:7.3f} {odd:7.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    if args.errors_even:
        index = {json.loads(line).get("id"): i for i, line in enumerate(lines)}
        with open(args.errors_even, "w", encoding="utf-8") as handle:
            for error in reports["even"].errors:
                error = {"row": index.get(error["id"]), **error}
                handle.write(json.dumps(error, ensure_ascii=False, default=str) + "\n")


if __name__ == "__main__":
    main()
