"""Does CareWatch name the weapon and the perpetrator type that the text itself names?

``bench/ii_text_reading.jsonl`` is a reading of 250 label-1 rows of Insecurity Insight's
dev file, drawn at random (``random.Random(20240610).sample`` of the label-1 row indices)
and coded by a developer from each row's text alone, before looking at CareWatch's answer
for it: the weapon (a key of ``data/means.json``) and the perpetrator's ActorType the text
names, or null when it names none. Where the text names two on an equal footing
("Syrian or Russian warplanes", "drone-dropped bombs and rockets") the coding lists both,
the first being the reader's choice; naming either agrees. The file holds row ids and our
codes only; the texts stay in the dev file.

For each field this prints the share of rows where the text names one and CareWatch names
the same (the issue's bar: 95 in 100), and with ``--show`` the disagreements. "No direct
violence" (a closure, a threat, an obstruction) is a mean but no weapon: the weapon line
counts only rows whose reading names a weapon, and a second line adds those rows. The
rules were developed on the even-numbered rows of the dev file, so the odd-numbered rows
of this sample are also scored on their own.

    python bench/ii_text_reading.py [--dev FILE] [--show]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from pathlib import Path

import carewatch
from carewatch.evaluate import predicted_perpetrator_type, predicted_weapon, repair_export_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEV = ROOT.parent / "shared" / "data" / "insecurity-insight" / "dev.jsonl"
READING = Path(__file__).with_name("ii_text_reading.jsonl")
FIELDS = ("weapon", "perpetrator_type")
NO_WEAPON = "no_direct_violence"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", default=str(DEFAULT_DEV))
    parser.add_argument("--show", action="store_true", help="print each disagreement")
    args = parser.parse_args()

    with open(args.dev, encoding="utf-8") as handle:
        texts = {row["id"]: row["text"] for row in map(json.loads, filter(str.strip, handle))}
    with open(READING, encoding="utf-8") as handle:
        coded = [json.loads(line) for line in handle if line.strip()]
    missing = [c["id"] for c in coded if c["id"] not in texts]
    if missing:
        sys.exit(f"{len(missing)} coded rows are not in {args.dev}: {missing[:5]}")

    started = time.perf_counter()
    predicted: dict[str, dict[str, str]] = {}
    for entry in coded:
        extraction = carewatch.extract(repair_export_text(texts[entry["id"]]), published=None)
        predicted[entry["id"]] = {"weapon": predicted_weapon(extraction),
                                  "perpetrator_type": predicted_perpetrator_type(extraction)}
    elapsed = time.perf_counter() - started
    print(f"{len(coded)} coded rows in {elapsed:.1f}s on "
          f"{platform.processor() or platform.machine()}, Python {sys.version.split()[0]}")
    for label, rows in (("all rows", coded), ("odd rows only", [c for c in coded if c["row"] % 2])):
        print(f"{label} ({len(rows)}):")
        for name, field, keep in (
            ("weapon", "weapon", lambda r: r != [NO_WEAPON]),
            ("weapon or no direct violence", "weapon", lambda r: True),
            ("perpetrator_type", "perpetrator_type", lambda r: True),
        ):
            named = [c for c in rows if c[field] and keep(c[field])]
            agree = [c for c in named if predicted[c["id"]][field] in c[field]]
            share = len(agree) / len(named) if named else 0.0
            print(f"  {name}: CareWatch names what the text names in {len(agree)} of "
                  f"{len(named)} rows ({share:.3f})")
    if args.show:
        for entry in coded:
            for field in FIELDS:
                reading, said = entry[field], predicted[entry["id"]][field]
                if reading and said not in reading:
                    print(f"row {entry['row']:>5} {field:16} text names {'|'.join(reading):40} "
                          f"CareWatch {said}")

if __name__ == "__main__":
    main()
