"""Measure find_means and find_actors + assign_actor_types against Insecurity Insight's codes.

Runs over the label-1 rows of ../shared/data/insecurity-insight/dev.jsonl (or FILE),
maps the coded ``weapon`` and ``perpetrator_type`` with data/insecurity_insight_codes.json,
and prints accuracy and the most frequent confusions. ``--half a|b`` scores one of two
fixed halves (by a hash of the row id) so that tuning on one can be checked on the other.

    python bench/check_means_actors.py [FILE] [--half a|b|all] [--show CATEGORY] [--examples N]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import json
import platform
import sys
import time
from pathlib import Path

from carewatch.evaluate_mapping import mapped_categories
from carewatch.extract.actors import find_actors
from carewatch.extract.means import find_means, primary_means
from carewatch.resolve.actors import assign_actor_types, primary_actor
from carewatch.text import Context

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/insecurity-insight/dev.jsonl"


def in_half(row_id: str, half: str) -> bool:
    if half == "all":
        return True
    bit = hashlib.sha256(row_id.encode()).digest()[0] & 1
    return (bit == 0) == (half == "a")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--half", choices=["a", "b", "all"], default="all")
    parser.add_argument("--show", help="print examples whose gold (or prediction) is this")
    parser.add_argument("--field", choices=["weapon", "perpetrator"], default="weapon")
    parser.add_argument("--examples", type=int, default=0)
    args = parser.parse_args()

    with open(args.file, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    rows = [r for r in rows if r.get("label_health_attack") == 1 and in_half(r["id"], args.half)]
    scores = {"weapon": [0, 0], "perpetrator": [0, 0]}
    confusions: dict[str, collections.Counter[tuple[str, str]]] = {
        "weapon": collections.Counter(),
        "perpetrator": collections.Counter(),
    }
    examples: list[str] = []
    started = time.perf_counter()
    for row in rows:
        ctx = Context(row["text"])
        chosen = primary_means(find_means(ctx))
        predicted = {"weapon": chosen.category if chosen else "unknown"}
        date = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        actor = primary_actor(assign_actor_types(find_actors(ctx), row.get("iso3"), date))
        predicted["perpetrator"] = actor.actor_type.value if actor else "unknown"
        for field, code in (("weapon", "weapon"), ("perpetrator", "perpetrator_type")):
            gold = mapped_categories(code, row.get(code))
            if gold is None:
                continue
            scores[field][1] += 1
            if predicted[field] in gold:
                scores[field][0] += 1
                continue
            confusions[field][(gold[0], predicted[field])] += 1
            if field == args.field and args.show in (gold[0], predicted[field]):
                examples.append(
                    f"gold={gold[0]} pred={predicted[field]} [{row.get('iso3')}] "
                    f"{row['text'][:220]!r}"
                )
    elapsed = time.perf_counter() - started
    print(
        f"{len(rows)} label-1 rows (half={args.half}) in {elapsed:.1f}s on "
        f"{platform.processor() or platform.machine()}, Python {sys.version.split()[0]}"
    )
    for field, (right, total) in scores.items():
        print(f"{field} accuracy: {right / max(total, 1):.3f} ({right}/{total})")
        for (gold, pred), n in confusions[field].most_common(12):
            print(f"    gold {gold:28} predicted {pred:28} {n}")
    for line in examples[: args.examples]:
        print(line)


if __name__ == "__main__":
    main()
