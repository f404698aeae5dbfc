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
the same (the issue's bar: 95 in 100), and with ``--show`` the disagreements.

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

    agree = {f: 0 for f in FIELDS}
    named = {f: 0 for f in FIELDS}
    started = time.perf_counter()
    for entry in coded:
        extraction = carewatch.extract(repair_export_text(texts[entry["id"]]), published=None)
        predicted = {"weapon": predicted_weapon(extraction),
                     "perpetrator_type": predicted_perpetrator_type(extraction)}
        for field in FIELDS:
            reading = entry[field]
            if not reading:
                continue
            named[field] += 1
            if predicted[field] in reading:
                agree[field] += 1
            elif args.show:
                print(f"row {entry['row']:>5} {field:16} text names {'|'.join(reading):40} "
                      f"CareWatch {predicted[field]}")
    elapsed = time.perf_counter() - started
    print(f"{len(coded)} coded rows in {elapsed:.1f}s on "
          f"{platform.processor() or platform.machine()}, Python {sys.version.split()[0]}")
    for field in FIELDS:
        share = agree[field] / named[field] if named[field] else 0.0
        print(f"{field}: CareWatch names what the text names in {agree[field]} of "
              f"{named[field]} rows ({share:.3f})")
    total_agree, total_named = sum(agree.values()), sum(named.values())
    print(f"both: {total_agree} of {total_named} ({total_agree / max(total_named, 1):.3f})")


if __name__ == "__main__":
    main()
