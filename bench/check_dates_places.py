"""Dates and places against Insecurity Insight's coded incidents (prints figures; not a test).

Usage: python bench/check_dates_places.py [path/to/dev.jsonl]

(a) month+year of the earliest date in each text vs the coded ``date``;
(b) country of ``incident_country(find_places(...))`` vs the coded ``iso3``, where a place
    is found, and the share of rows with any place;
(c) milliseconds per row for find_dates + find_places (gazetteer build timed apart).
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections import Counter
from pathlib import Path

from carewatch.resolve.dates import find_dates
from carewatch.resolve.gazetteer import gazetteer
from carewatch.resolve.places import find_places, incident_country
from carewatch.text import Context

DEFAULT = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "data"
    / "insecurity-insight"
    / "dev.jsonl"
)


def main(path: Path) -> None:
    rows = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    start = time.perf_counter()
    gazetteer()
    build = time.perf_counter() - start

    no_date = date_right = date_wrong = 0
    with_place = country_right = 0
    wrong_countries: Counter[tuple[str, str]] = Counter()
    elapsed = 0.0
    for row in rows:
        ctx = Context(row["text"])
        ctx.norm  # noqa: B018 - tokenising is not ours to time
        t0 = time.perf_counter()
        dates = find_dates(ctx)
        places = find_places(ctx)
        country = incident_country(places)
        elapsed += time.perf_counter() - t0
        if not dates:
            no_date += 1
        elif row.get("date") and dates[0].date.isoformat()[:7] == row["date"][:7]:
            date_right += 1
        else:
            date_wrong += 1
        if places:
            with_place += 1
            if country == row.get("iso3"):
                country_right += 1
            else:
                wrong_countries[(str(country), str(row.get("iso3")))] += 1

    n = len(rows)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} Python {platform.python_version()}"
    )
    print(f"rows: {n}; gazetteer build: {build:.2f} s")
    dated = date_right + date_wrong
    print(
        f"(a) month+year of first date: {date_right}/{n} = {date_right / n:.4f} of all rows; "
        f"{date_right / max(dated, 1):.4f} of {dated} rows with a date; no date: {no_date}"
    )
    print(
        f"(b) country where a place is found: {country_right}/{with_place} = "
        f"{country_right / max(with_place, 1):.4f}; rows with any place: {with_place / n:.4f}"
    )
    print(f"(c) find_dates + find_places + incident_country: {elapsed / n * 1000:.3f} ms per row")
    print("most frequent country errors (found, coded):", wrong_countries.most_common(15))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
