"""How merging scales: 10,000, 100,000 and 1,000,000 synthetic candidate incidents.

Not a test: it prints figures and the machine they were measured on.

    python bench/bench_merge.py                          # 10k, 100k, 1M
    python bench/bench_merge.py --sizes 10000 100000 --seed 7
    python bench/bench_merge.py --fixed-world              # density grows with N

The candidates are synthetic but shaped like the real thing: about N/3 distinct attacks,
each reported 1-5 times by different outlets with varied figures; dates at mixed
precision (day, publication day, week, month, year), spread over 12 years per 100,000
candidates so that the density of attacks stays the same at every size (``--fixed-world``
keeps 12 years for every size, so density grows tenfold per size: the stress case); named
facilities under spelling variants ("Al-Quds Hospital", "al Quds hospital"), code names,
and unnamed ones; places
drawn from 300 cities in 12 countries (a few cities get most attacks), some reports
placed only in the country or nowhere. Each size runs in a fresh subprocess, so its peak
memory (ru_maxrss) is its own: "cands MB" is the peak once the candidates are generated,
"peak MB" the peak after merging and building (the merge's own share is the difference).

Printed per size: seconds to generate, to merge (``Merger.place`` for every candidate,
in id order, as ``merge_all`` does) and to build every ``MergedIncident`` (claims,
reconciled figures, certainty), candidates/s, comparisons made (and per candidate),
incidents found vs attacks generated, pairwise precision/recall against the true
attacks, and peak memory; then how each time grows per 10x more candidates.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import json
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from carewatch.merge import Merger
from carewatch.model import (
    ActorType,
    ActorValue,
    Candidate,
    CandidateIncident,
    DatePrecision,
    DateValue,
    FacilityMention,
    Figure,
    FigureKind,
    IncidentType,
    MeansValue,
    PlacePrecision,
    PlaceValue,
    Source,
    VictimGroup,
)

COUNTRIES = [  # code, name, latitude range, longitude range
    ("SYR", "Syria", (32.5, 37.0), (36.0, 41.5)), ("YEM", "Yemen", (12.8, 17.5), (43.0, 52.0)),
    ("UKR", "Ukraine", (45.5, 52.0), (23.0, 40.0)), ("SDN", "Sudan", (9.5, 21.5), (22.5, 36.5)),
    ("AFG", "Afghanistan", (30.0, 38.0), (61.0, 71.0)), ("PSE", "Palestine", (31.2, 32.5), (34.2, 35.5)),
    ("SSD", "South Sudan", (4.0, 11.5), (25.0, 35.0)), ("MMR", "Myanmar", (16.0, 27.0), (93.0, 99.0)),
    ("COD", "DR Congo", (-10.0, 4.0), (13.0, 30.0)), ("ETH", "Ethiopia", (4.0, 14.0), (34.0, 46.0)),
    ("SOM", "Somalia", (-1.5, 11.5), (41.0, 50.0)), ("NGA", "Nigeria", (5.0, 13.5), (3.5, 14.0)),
]
SYLLABLES = ["al", "ra", "qa", "sha", "mi", "ko", "ta", "bu", "ne", "da", "ho", "lu", "zi", "fa"]
WORDS = ["Quds", "Shifa", "Razi", "Salam", "Nour", "Amal", "Hikma", "Rahma", "Awda", "Kindi",
         "Zahra", "Iman", "Huda", "Farah", "Sina", "Rashid", "Karama", "Wafa", "Nasr", "Jala"]
HEALTH_TYPES = [
    [IncidentType.FACILITY_ATTACK], [IncidentType.FACILITY_ATTACK, IncidentType.PATIENT_ATTACK],
    [IncidentType.FACILITY_ATTACK, IncidentType.HEALTH_WORKER_ATTACK],
    [IncidentType.TRANSPORT_ATTACK], [IncidentType.HEALTH_WORKER_ATTACK],
]
MEANS = ["air_strike", "shelling_artillery_rockets", "firearms", "explosive_device", "arson"]
ORGS = [f"Health Monitor {i}" for i in range(25)] + [
    "Syrian American Medical Society", "Syrian Observatory for Human Rights", "Amnesty International",
    "Médecins Sans Frontières", "World Health Organization", "Ministry of Health", "OCHA"]
OUTLETS = [f"Outlet {i}" for i in range(60)]
ACTORS = [("Government forces", ActorType.STATE_FORCES), ("Foreign air force", ActorType.FOREIGN_FORCES),
          ("Armed group", ActorType.NON_STATE_GROUP), ("Unknown gunmen", ActorType.UNKNOWN)]
START = dt.date(2012, 1, 1).toordinal()
DAYS = 4383  # 2012-2023: the span of 100,000 candidates (about 7,600 attacks a year)


class World:
    """Cities, facilities and sources that the synthetic reports share."""

    def __init__(self, rng: random.Random) -> None:
        self.cities: list[tuple[PlaceValue, list[tuple[str, bool]]]] = []
        self.countries: dict[str, PlaceValue] = {}
        for code, name, (la0, la1), (lo0, lo1) in COUNTRIES:
            self.countries[code] = PlaceValue(name, name, name, code, precision=PlacePrecision.COUNTRY)
            for i in range(25):
                city = "".join(rng.choice(SYLLABLES) for _ in range(3)).title()
                place = PlaceValue(city, city, name, code, f"{name} province {i % 5}",
                                   round(rng.uniform(la0, la1), 4), round(rng.uniform(lo0, lo1), 4),
                                   PlacePrecision.CITY)
                facilities = [(f"Al-{w} Hospital", False) for w in rng.sample(WORDS, 8)]
                if rng.random() < 0.2:
                    facilities += [(f"M{k}", True) for k in range(1, 11)]
                self.cities.append((place, facilities))
        self.weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.cities))]
        self.sources = [Source(organisation=o) for o in ORGS] + [
            Source(person=f"Dr Person {i}", organisation=rng.choice(ORGS), role="director of the hospital")
            for i in range(40)] + [Source(role="a local doctor")]
        self.dates: dict[tuple[int, DatePrecision, str], DateValue] = {}

    def date(self, ordinal: int, precision: DatePrecision, basis: str = "text") -> DateValue:
        key = (ordinal, precision, basis)
        value = self.dates.get(key)
        if value is None:
            value = self.dates[key] = DateValue(dt.date.fromordinal(ordinal), precision, basis=basis)
        return value


def report_date(world: World, rng: random.Random, day: int) -> DateValue:
    roll = rng.random()
    if roll < 0.65:
        return world.date(day, DatePrecision.DAY)
    if roll < 0.75:
        return world.date(day + rng.randint(0, 2), DatePrecision.DAY, "publication")
    if roll < 0.87:
        return world.date(day - dt.date.fromordinal(day).weekday(), DatePrecision.WEEK)
    if roll < 0.97:
        return world.date(dt.date.fromordinal(day).replace(day=1).toordinal(), DatePrecision.MONTH)
    return world.date(dt.date.fromordinal(day).replace(month=1, day=1).toordinal(), DatePrecision.YEAR)


def variant(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.6 or name.startswith("M"):
        return name
    word = name.split()[0][3:]
    return f"al {word} hospital" if roll < 0.8 else f"{word} Hospital"


def span_days(n: int, fixed_world: bool) -> int:
    """Days the attacks are spread over: 12 years for 100,000 candidates, and in proportion
    to ``n`` (constant density) unless ``fixed_world``."""
    return DAYS if fixed_world else max(60, DAYS * n // 100_000)


def generate(n: int, seed: int, days: int = DAYS) -> tuple[list[Candidate], list[int]]:
    """``n`` candidates over ``days`` days and, for each, the id of the attack it reports."""
    rng = random.Random(seed)
    world = World(rng)
    candidates: list[Candidate] = []
    truth: list[int] = []
    attack = 0
    while len(candidates) < n:
        place, facilities = rng.choices(world.cities, world.weights)[0]
        day = START + rng.randrange(days)
        types = rng.choice(HEALTH_TYPES)
        kind = "ambulance" if types[0] is IncidentType.TRANSPORT_ATTACK else rng.choice(
            ["hospital", "hospital", "clinic", "health_centre"])
        name, code = rng.choice(facilities) if kind == "hospital" and rng.random() < 0.6 else (None, False)
        killed, injured = rng.randint(0, 12), rng.randint(0, 30)
        means = [MeansValue(rng.choice(MEANS))]
        actor_name, actor_type = rng.choice(ACTORS)
        for _ in range(min(rng.randint(1, 5), n - len(candidates))):
            facility = FacilityMention(kind, variant(name, rng) if name and rng.random() < 0.8 else None,
                                       is_code_name=code)
            roll = rng.random()
            where = place if roll < 0.8 else world.countries[place.country_code or ""] if roll < 0.92 else None
            source = rng.choice(world.sources) if rng.random() < 0.8 else None
            figures = []
            if rng.random() < 0.7:
                figures.append(Figure(FigureKind.KILLED, max(0, killed + rng.randint(-2, 2)),
                                      VictimGroup.PATIENTS, source=source))
            if rng.random() < 0.4:
                figures.append(Figure(FigureKind.INJURED, max(0, injured + rng.randint(-5, 5)),
                                      VictimGroup.UNSPECIFIED, source=source))
            incident = CandidateIncident(
                incident_type=types[0], types=types, facilities=[facility],
                date=report_date(world, rng, day), place=where, means=means,
                perpetrators=[ActorValue(actor_name, actor_type, actor_name)] if rng.random() < 0.6 else [],
                casualties=figures, sources=[source] if source else [])
            cid = len(candidates)
            candidates.append(Candidate(cid, cid, incident, publisher=rng.choice(OUTLETS)))
            truth.append(attack)
        attack += 1
    return candidates, truth


def pair_scores(found: list[list[int]], truth: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of the merge against the true attacks."""
    def pairs(sizes: Counter[object]) -> int:
        return sum(s * (s - 1) // 2 for s in sizes.values())

    both: Counter[object] = Counter()
    for index, members in enumerate(found):
        for member in members:
            both[(index, truth[member])] += 1
    merged = pairs(Counter({i: len(m) for i, m in enumerate(found)}))
    true = pairs(Counter(truth))
    agreed = pairs(both)
    return (agreed / merged if merged else 1.0), (agreed / true if true else 1.0)


def run_one(n: int, seed: int, build: bool, fixed_world: bool) -> dict[str, float]:
    t0 = time.perf_counter()
    candidates, truth = generate(n, seed, span_days(n, fixed_world))
    # The candidates live as long as the run: keep the cyclic GC from rescanning them.
    gc.collect()
    gc.freeze()
    t1 = time.perf_counter()
    rss_generated = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    merger = Merger()
    for candidate in candidates:
        merger.place(candidate)
    t2 = time.perf_counter()
    incidents = merger.incidents() if build else []
    t3 = time.perf_counter()
    groups = merger.groups()
    precision, recall = pair_scores(groups, truth)
    return {
        "n": n, "generate_s": t1 - t0, "merge_s": t2 - t1, "build_s": t3 - t2,
        "per_s": n / (t2 - t1), "comparisons": merger.comparisons,
        "incidents": len(groups), "attacks": truth[-1] + 1, "built": len(incidents),
        "precision": precision, "recall": recall,
        "rss_generated_mb": rss_generated,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--no-build", action="store_true", help="skip building MergedIncidents")
    parser.add_argument("--fixed-world", action="store_true",
                        help="spread every size over the same 12 years (density grows with N)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.seed, not args.no_build, args.fixed_world)))
        return
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {platform.processor() or platform.machine()}")
    header = (f"{'candidates':>10} {'gen s':>7} {'merge s':>8} {'build s':>8} {'cand/s':>8} "
              f"{'compar.':>10} {'/cand':>6} {'incid.':>8} {'attacks':>8} {'prec':>5} "
              f"{'recall':>6} {'cands MB':>8} {'peak MB':>8}")
    mode = ("fixed world: every size over 12 years" if args.fixed_world else
            "constant density: 12 years per 100,000 candidates")
    print(f"{mode}; 300 cities in {len(COUNTRIES)} countries; seed {args.seed}")
    print(header)
    results = []
    for n in args.sizes:
        command = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed)]
        if args.no_build:
            command.append("--no-build")
        if args.fixed_world:
            command.append("--fixed-world")
        done = subprocess.run(command, check=False, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{n:>10} failed: {done.stderr.strip().splitlines()[-1:]}")
            break
        r = json.loads(done.stdout)
        results.append(r)
        print(f"{n:>10} {r['generate_s']:>7.1f} {r['merge_s']:>8.1f} {r['build_s']:>8.1f} "
              f"{r['per_s']:>8.0f} {r['comparisons']:>10} {r['comparisons'] / n:>6.1f} "
              f"{r['incidents']:>8} {r['attacks']:>8} {r['precision']:>5.2f} {r['recall']:>6.2f} "
              f"{r['rss_generated_mb']:>8.0f} {r['peak_mb']:>8.0f}")
    for small, large in itertools.pairwise(results):
        factor = large["n"] / small["n"]
        print(f"x{factor:.0f} candidates ({small['n']} -> {large['n']}): merge time x"
              f"{large['merge_s'] / small['merge_s']:.1f}, build time x"
              f"{large['build_s'] / max(small['build_s'], 1e-9):.1f}, comparisons x"
              f"{large['comparisons'] / max(small['comparisons'], 1):.1f}, peak memory x"
              f"{large['peak_mb'] / small['peak_mb']:.1f}")


if __name__ == "__main__":
    main()
