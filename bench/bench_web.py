"""Page and API response times of the web app over 100,000 incidents in SQLite, and the
dashboard's first render in a real browser.

Not a test: it prints figures and the machine they were measured on.

    python bench/bench_web.py                                # 100,000 incidents
    python bench/bench_web.py --incidents 10000 --requests 100 --concurrency 4
    python bench/bench_web.py --db /tmp/cw.db --rebuild      # build that file afresh

1. A SQLite database of ``--incidents`` merged incidents (kept at ``--db``, by default a
   file in the temporary folder named for the size and seed, and reused by later runs):
   places from the gazetteer's cities in 12 countries (a few cities get most attacks),
   dates over 2016-2025 at mixed precision, every incident type, perpetrator type and
   certainty grade, facilities (some code names), figures with 1-4 sources' claims whose
   spans point into a pool of stored reports, and ``data`` as
   ``to_jsonable(MergedIncident(...))``. About 60% are accepted by an analyst (the public
   view), 5% rejected, 2% reopened; a few carry corrections. A facility registry of one
   facility per 50 incidents with status changes, and an analyst with a password and an
   API token. Members and candidates are left out: no listing reads them.
2. The app as users run it (``carewatch serve``, one uvicorn process) on 127.0.0.1.
3. A load generator on loopback (asyncio + httpx, ``--concurrency`` connections,
   ``--requests`` per route after a warm-up): per route the median and 95th percentile
   latency (request sent to last byte read) and requests/s. The public is anonymous; the
   analyst's pages use a session cookie from the login form, the analyst's API calls a
   bearer token.
4. A flood of failed logins (``--flood``, 100 by default): that many logins with made-up
   names sent at once, each on a connection of its own, while the public dashboard and
   the public API listing are asked for every 100 ms; printed: how the logins were
   answered and how long they took, the public pages' latencies while they were in
   flight against a one-second bar, and the server's peak memory (VmHWM). The server is
   started with the per-address and overall login limits raised out of the way, so that
   every one of the logins reaches a password check (the limits would otherwise refuse
   most of them at once, which measures nothing).
5. The dashboard's first render in headless Chromium (Playwright, ``/usr/bin/chromium``):
   from navigation start until the page sets ``body[data-dashboard="ready"]`` (map points
   and timeline drawn), each run in a fresh browser context (nothing cached), for the
   public and the analyst; the median is held against a one-second bar. Skipped with a
   note when Chromium is absent.

The load generator, the browser and the server share the machine's CPUs: on a small
machine the figures include that contention.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import os
import platform
import random
import re
import secrets
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from carewatch.accounts import AccountError, add_user, issue_token
from carewatch.facilities.registry import facility_key
from carewatch.model import (
    ActorType,
    ActorValue,
    Certainty,
    Claim,
    DatePrecision,
    DateValue,
    FacilityMention,
    IncidentType,
    MergedIncident,
    PlacePrecision,
    PlaceValue,
    Reconciled,
    Source,
    Span,
    VictimGroup,
    to_jsonable,
)
from carewatch.resolve.gazetteer import gazetteer
from carewatch.store.database import Database

# The copied columns exactly as the merge writes them, so the bench cannot drift from it.
from carewatch.store.merged_writing import _columns
from carewatch.store.tables import DocumentRow
from carewatch.store.tables_facilities import (
    FacilityIdentityRow,
    FacilityNameRow,
    FacilityRow,
    FacilityStatusRow,
)
from carewatch.store.tables_merge import MergedIncidentRow
from carewatch.store.tables_users import ReviewRow, ReviewStatusRow, UserRow

ANALYST = "bench-analyst"
PASSWORD = "bench password, not a secret"
COUNTRIES = ["SYR", "YEM", "UKR", "SDN", "AFG", "PSE", "SSD", "MMR", "COD", "ETH", "SOM", "NGA"]
START, YEARS = dt.date(2016, 1, 1), 10
TYPE_WEIGHTS = {
    IncidentType.FACILITY_ATTACK: 40, IncidentType.HEALTH_WORKER_ATTACK: 20,
    IncidentType.TRANSPORT_ATTACK: 10, IncidentType.PATIENT_ATTACK: 5,
    IncidentType.OBSTRUCTION: 8, IncidentType.LOOTING: 5, IncidentType.ARREST_KIDNAP: 7,
    IncidentType.OTHER_VIOLENCE: 5,
}
FACILITY_TYPES = ["hospital", "hospital", "hospital", "clinic", "health_centre", "pharmacy",
                  "medical_warehouse", "emergency_response_centre"]
WORDS = ["Quds", "Shifa", "Razi", "Salam", "Nour", "Amal", "Hikma", "Rahma", "Awda", "Kindi",
         "Zahra", "Iman", "Huda", "Farah", "Sina", "Rashid", "Karama", "Wafa", "Nasr", "Jala"]
MEANS = ["air_strike", "drone", "missile", "shelling_artillery_rockets", "explosive_device",
         "firearms", "arson", "cold_weapon", "physical_assault", "no_direct_violence"]
ACTORS = [("Government forces", ActorType.STATE_FORCES), ("Foreign air force",
          ActorType.FOREIGN_FORCES), ("Armed group", ActorType.NON_STATE_GROUP),
          ("Police", ActorType.POLICE), ("Bandits", ActorType.CRIMINAL),
          ("Local residents", ActorType.CIVILIAN), ("Unknown gunmen", ActorType.UNKNOWN)]
ORGS = ["World Health Organization", "Médecins Sans Frontières", "Ministry of Health", "OCHA",
        "Syrian American Medical Society", "Amnesty International"] + [
        f"Health Monitor {i}" for i in range(20)]
OUTLETS = [f"Outlet {i}" for i in range(40)]
CERTAINTY_WEIGHTS = {Certainty.RUMOUR: 10, Certainty.POSSIBLE: 25, Certainty.PROBABLE: 35,
                     Certainty.CONFIRMED: 30}
SENTENCES = [
    "Witnesses said the strike hit the hospital's emergency unit shortly after dawn.",
    "The director of the hospital told reporters that staff had moved patients to the basement.",
    "At least six people were killed and many more were injured, according to the ministry.",
    "An ambulance carrying wounded civilians was fired upon near the checkpoint.",
    "Medical staff reported shortages of anaesthetics, antibiotics and fuel for generators.",
    "The clinic was looted and its pharmacy set on fire by armed men.",
    "Two health workers were abducted on the road to the district health centre.",
    "Aid groups condemned the attack and called for the protection of health care.",
]


# --- the database -------------------------------------------------------------------------


@dataclass
class World:
    """Cities (real coordinates from the gazetteer), documents and sources to draw from."""

    cities: list[PlaceValue]
    weights: list[float]
    countries: dict[str, PlaceValue]
    documents: list[str]
    sources: list[Source]


def make_world(rng: random.Random, documents: int) -> World:
    g = gazetteer()
    found: dict[int, Any] = {}
    for candidates in g.index.values():
        for c in candidates:
            if c.entry.precision is PlacePrecision.CITY and c.entry.country_code in COUNTRIES:
                found[id(c.entry)] = c.entry
    cities: list[PlaceValue] = []
    countries: dict[str, PlaceValue] = {}
    for code in COUNTRIES:
        country = g.countries[code]
        countries[code] = PlaceValue(country.name, country.name, country.name, code, None,
                                     country.latitude, country.longitude, PlacePrecision.COUNTRY)
        entries = sorted((e for e in found.values() if e.country_code == code),
                         key=lambda e: -e.population)[:30]
        for e in entries:
            cities.append(PlaceValue(e.name, e.name, e.country, code, g.admin1_of(e),
                                     e.latitude, e.longitude, PlacePrecision.CITY))
    rng.shuffle(cities)
    texts = [" ".join(rng.choices(SENTENCES, k=rng.randint(6, 20))) for _ in range(documents)]
    sources = [Source(organisation=o) for o in ORGS] + [
        Source(person=f"Dr Person {i}", organisation=rng.choice(ORGS), role="hospital director")
        for i in range(30)] + [Source(role="a local doctor")]
    return World(cities, [1 / (rank + 1) ** 0.8 for rank in range(len(cities))], countries,
                 texts, sources)


def span_in(world: World, rng: random.Random, document: int) -> Span:
    text = world.documents[document - 1]
    start = rng.randrange(0, max(1, len(text) - 40))
    end = start + rng.randint(5, 30)
    return Span(start, end, text[start:end])


def date_of(rng: random.Random) -> DateValue:
    day = START + dt.timedelta(days=rng.randrange(365 * YEARS))
    roll = rng.random()
    if roll < 0.75:
        return DateValue(day, DatePrecision.DAY, basis="text" if roll < 0.68 else "publication")
    if roll < 0.83:
        return DateValue(day - dt.timedelta(days=day.weekday()), DatePrecision.WEEK)
    if roll < 0.95:
        return DateValue(day.replace(day=1), DatePrecision.MONTH)
    return DateValue(day.replace(month=1, day=1), DatePrecision.YEAR)


def place_of(world: World, rng: random.Random) -> PlaceValue | None:
    city = rng.choices(world.cities, world.weights)[0]
    roll = rng.random()
    if roll < 0.85:
        return city
    if roll < 0.93 and city.admin1:
        return PlaceValue(city.admin1, city.admin1, city.country, city.country_code,
                          city.admin1, None, None, PlacePrecision.ADMIN1)
    if roll < 0.98:
        return world.countries[city.country_code or ""]
    return None


def make_incident(world: World, rng: random.Random, incident_id: int, first_candidate: int
                  ) -> MergedIncident:
    """One merged incident, shaped like the merge engine's output."""
    primary = rng.choices(list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values()))[0]
    types = [primary] + ([IncidentType.PATIENT_ATTACK] if rng.random() < 0.2 else [])
    documents = sorted(set(rng.choices(range(1, len(world.documents) + 1), k=rng.randint(1, 4))))
    members = list(range(first_candidate, first_candidate + len(documents)))
    date = None if rng.random() < 0.01 else date_of(rng)
    place = place_of(world, rng)
    kind = ("ambulance" if primary is IncidentType.TRANSPORT_ATTACK
            else rng.choice(FACILITY_TYPES))
    roll = rng.random()
    name, code = ((f"M{rng.randint(1, 40)}", True) if roll < 0.1 else
                  (f"Al-{rng.choice(WORDS)} Hospital", False) if roll < 0.45 else (None, False))
    facilities = [FacilityMention(kind, name, code, 1, span_in(world, rng, documents[0]))]
    means = rng.sample(MEANS, rng.randint(0, 2))
    perpetrators = [ActorValue(n, t, n) for n, t in rng.sample(ACTORS, rng.choice([0, 1, 1, 2]))]

    def claim(field_name: str, value: int | str, document: int, member: int) -> Claim:
        return Claim(field_name, value, document, member,
                     qualifier=rng.choice([None, None, "at least", "around"]),
                     source=rng.choice(world.sources) if rng.random() < 0.8 else None,
                     publisher=rng.choice(OUTLETS), span=span_in(world, rng, document))

    figures, claims = [], []
    for kind_name, chance, most in (("killed", 0.6, 12), ("injured", 0.5, 40)):
        if rng.random() >= chance:
            continue
        group = rng.choice(list(VictimGroup)).value
        true = rng.randint(0, most)
        said = [claim(f"{kind_name}:{group}", max(0, true + rng.randint(-2, 2)), d, m)
                for d, m in zip(documents, members, strict=True)]
        values = [int(c.value) for c in said]
        figures.append(Reconciled(f"{kind_name}:{group}", min(values), max(values), min(values),
                                  said))
        claims += said
    for d, m in zip(documents, members, strict=True):
        if perpetrators:
            claims.append(claim("perpetrator", perpetrators[0].name, d, m))
        if means:
            claims.append(claim("means", means[0], d, m))
        if date:
            claims.append(claim("date", date.date.isoformat(), d, m))
    certainty = rng.choices(list(CERTAINTY_WEIGHTS), list(CERTAINTY_WEIGHTS.values()))[0]
    return MergedIncident(
        incident_type=primary, types=types, members=members, documents=documents, date=date,
        place=place, facilities=facilities, means=means, perpetrators=perpetrators,
        attribution_contested=len(perpetrators) > 1, figures=figures, claims=claims,
        certainty=certainty,
        certainty_reason=f"{len(documents)} report(s) from {len(documents)} source(s)",
        merge_reasons=[f"candidate {m} (document {d}) joined: same place and date"
                       for d, m in zip(documents[1:], members[1:], strict=True)],
        id=incident_id)


def chunks(items: list[dict[str, Any]], size: int = 2000) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def build(db: Database, n: int, seed: int) -> None:
    """Fill an empty database with ``n`` incidents, reviews, a facility registry and users."""
    add_user(db, ANALYST, "analyst", PASSWORD)  # first: it marks the file as the bench's
    rng = random.Random(seed)
    world = make_world(rng, max(200, n // 20))
    now = dt.datetime.now(dt.UTC)
    documents = [
        {"id": i, "sha256": hashlib.sha256(f"{seed}:{i}:{text}".encode()).hexdigest(),
         "raw": text.encode(), "text": text, "media_type": "text/plain",
         "origin": f"bench/report-{i}.txt", "title": f"Report {i}",
         "published": START + dt.timedelta(days=rng.randrange(365 * YEARS)),
         "source_name": rng.choice(OUTLETS), "ingested_at": now}
        for i, text in enumerate(world.documents, start=1)
    ]
    with db.engine.begin() as connection:
        for part in chunks(documents):
            connection.execute(insert(DocumentRow), part)
        candidate = 1
        rows: list[dict[str, Any]] = []
        for incident_id in range(1, n + 1):
            incident = make_incident(world, rng, incident_id, candidate)
            candidate += len(incident.members)
            rows.append({"id": incident_id, **_columns(incident, set()), "data": to_jsonable(incident),
                         "updated_at": now})
            if len(rows) == 5000:
                connection.execute(insert(MergedIncidentRow), rows)
                rows = []
        if rows:
            connection.execute(insert(MergedIncidentRow), rows)
        history = reviews(rng, n, now)
        connection.execute(insert(ReviewRow), history)
        connection.execute(insert(ReviewStatusRow), latest_statuses(history))
        build_registry(connection, world, rng, n // 50)


def reviews(rng: random.Random, n: int, now: dt.datetime) -> list[dict[str, Any]]:
    """Status reviews in the order an analyst might make them, then corrections, then a
    few reopened incidents (their latest status review is ``reopen``)."""
    def review(merged_id: int, action: str, **more: Any) -> dict[str, Any]:
        return {"merged_id": merged_id, "candidates": [], "action": action, "field": None,
                "value": None, "previous": None, "decided_by": ANALYST, "decided_at": now,
                "why": None} | more

    first, later = [], []
    for merged_id in range(1, n + 1):
        roll = rng.random()
        if roll < 0.62:
            first.append(review(merged_id, "accept"))
            if roll < 0.02:
                later.append(review(merged_id, "reopen", why="new report disagrees"))
            elif roll < 0.04:
                later.append(review(merged_id, "correct", field="killed:patients", value=3,
                                    previous=2, why="director's later statement"))
        elif roll < 0.67:
            first.append(review(merged_id, "reject", why="not an attack on health care"))
    rng.shuffle(first)
    return first + later


def latest_statuses(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What ``record_review`` keeps beside the history: each incident's latest status
    review (the history is inserted in order, so its ids follow the list)."""
    latest: dict[int, dict[str, Any]] = {}
    for review_id, review in enumerate(history, start=1):
        if review["action"] in ("accept", "reject", "reopen"):
            latest[review["merged_id"]] = {"merged_id": review["merged_id"],
                                           "action": review["action"], "review_id": review_id}
    return list(latest.values())


def build_registry(connection: Any, world: World, rng: random.Random, count: int) -> None:
    facilities, names, identities, changes = [], [], [], []
    now = dt.datetime.now(dt.UTC)
    for fid in range(1, count + 1):
        place = rng.choices(world.cities, world.weights)[0]
        real = f"Al-{rng.choice(WORDS)} {rng.choice(['Hospital', 'Clinic', 'Health Centre'])}"
        code = f"M{fid}" if rng.random() < 0.2 else None
        facilities.append({
            "id": fid, "name": code or real, "code_name": code,
            "facility_type": rng.choice(FACILITY_TYPES), "status": rng.choice(
                ["confirmed", "confirmed", "proposed"]), "place_name": place.resolved,
            "country_code": place.country_code, "admin1": place.admin1,
            "latitude": place.latitude, "longitude": place.longitude, "precision": "city",
            "services": rng.sample(["emergency_unit", "icu", "operating_theatre", "maternity",
                                    "dialysis", "laboratory", "pharmacy", "ward"], 3),
            "operator": rng.choice(["Ministry of Health", "NGO", None]),
            "population_served": rng.choice([None, 50_000, 250_000]),
            "created_at": now, "updated_at": now})
        names.append({"facility_id": fid, "name": code or real, "key": facility_key(code or real),
                      "kind": "code_name" if code else "name"})
        if code:
            identities.append({"facility_id": fid, "real_name": real,
                               "real_name_key": facility_key(real),
                               "latitude": place.latitude, "longitude": place.longitude})
        for _ in range(rng.randint(0, 5)):
            dimension, item, value = rng.choice([
                ("functionality", "", "not_functioning"), ("functionality", "", "fully_functioning"),
                ("building_damage", "", "partial"), ("service", "icu", "not_available"),
                ("infrastructure", "power", "partially_available")])
            changes.append({
                "facility_id": fid, "dimension": dimension, "item": item, "value": value,
                "date": START + dt.timedelta(days=rng.randrange(365 * YEARS)),
                "date_precision": "day", "incident_id": None, "document_id": None,
                "effect": None, "reported_item": None, "evidence_start": None,
                "evidence_end": None, "evidence_text": None, "source": None,
                "recorded_at": now})
    for table, rows in ((FacilityRow, facilities), (FacilityNameRow, names),
                        (FacilityIdentityRow, identities), (FacilityStatusRow, changes)):
        for part in chunks(rows):
            connection.execute(insert(table), part)


def open_database(path: Path, n: int, seed: int, rebuild: bool) -> tuple[Database, str]:
    """The bench database at ``path``, built unless a bench database of ``n`` is there."""
    url = f"sqlite:///{path}"
    if path.exists():
        with Database(url) as db, Session(db.engine) as session:
            ours = session.scalar(select(UserRow.id).where(UserRow.name == ANALYST))
            count = session.scalar(select(func.count()).select_from(MergedIncidentRow))
        if ours is None:
            sys.exit(f"{path} exists and was not built by this bench: choose another --db")
        if count == n and not rebuild:
            return Database(url), f"reused {path}"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    start = time.perf_counter()
    db = Database(url)
    build(db, n, seed)
    return db, f"built {path} in {time.perf_counter() - start:.0f} s"


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    env = os.environ | {"CAREWATCH_SECRET_KEY": secrets.token_urlsafe(48),
                        # The bench speaks plain HTTP on loopback; a Secure cookie would be
                        # kept from its client.
                        "CAREWATCH_COOKIE_SECURE": "false",
                        # Every login of the flood from this one address reaches a check.
                        "CAREWATCH_LOGIN_ATTEMPTS_PER_ADDRESS": "1000000",
                        "CAREWATCH_LOGIN_ATTEMPTS_GLOBAL": "1000000"}
    script = Path(sys.executable).with_name("carewatch")
    command = ([str(script), "serve", "--db", url, "--port", str(port)] if script.exists() else
               [sys.executable, "-m", "uvicorn", "carewatch.web:create_app", "--factory",
                "--port", str(port), "--log-level", "warning"])
    if not script.exists():
        env["CAREWATCH_DATABASE_URL"] = url
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"the server stopped:\n{log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    sys.exit(f"the server did not answer within 120 s:\n{log.read_text()[-2000:]}")


# --- the load generator --------------------------------------------------------------------


@dataclass
class Route:
    name: str
    who: str  # "public", "session" (the analyst's cookie) or "token" (the analyst's bearer)
    path: Callable[[random.Random], str]


@dataclass
class Result:
    route: Route
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0
    body_bytes: int = 0


def routes(n: int) -> list[Route]:
    filtered = "?country=SYR&date_from=2019-01-01&date_to=2020-12-31"
    return [
        Route("/ (dashboard)", "public", lambda r: "/"),
        Route("/ (dashboard)", "session", lambda r: "/"),
        Route(f"/{filtered}", "public", lambda r: f"/{filtered}"),
        Route(f"/{filtered}", "session", lambda r: f"/{filtered}"),
        Route("/api/dashboard", "public", lambda r: "/api/dashboard"),
        Route("/api/dashboard", "token", lambda r: "/api/dashboard"),
        Route("/api/incidents?limit=50", "public", lambda r: "/api/incidents?limit=50"),
        Route("/api/incidents?limit=50", "token", lambda r: "/api/incidents?limit=50"),
        Route("/api/incidents/ID", "token", lambda r: f"/api/incidents/{r.randint(1, n)}"),
        Route("/incidents/ID (page)", "session", lambda r: f"/incidents/{r.randint(1, n)}"),
        Route("/facilities", "session", lambda r: "/facilities"),
    ]


async def login(client: Any) -> None:
    form = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    if token is None:
        sys.exit("no CSRF token in the login form")
    done = await client.post("/login", data={"name": ANALYST, "password": PASSWORD,
                                             "csrf_token": token.group(1), "next": "/"})
    if done.status_code != 303 or "carewatch_session" not in client.cookies:
        sys.exit(f"logging in failed: {done.status_code}")


async def hammer(client: Any, route: Route, requests: int, concurrency: int,
                 rng: random.Random) -> Result:
    result = Result(route)
    paths = [route.path(rng) for _ in range(requests)]
    queue = iter(paths)

    async def worker() -> None:
        for path in queue:  # one shared iterator: each path is taken once
            start = time.perf_counter()
            response = await client.get(path)
            result.latencies.append(time.perf_counter() - start)
            result.body_bytes += len(response.content)
            if response.status_code != 200:
                result.errors[response.status_code] = result.errors.get(response.status_code,
                                                                        0) + 1

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - start
    return result


async def load(base: str, token: str, n: int, requests: int, concurrency: int, seed: int
               ) -> list[Result]:
    import httpx

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    rng = random.Random(seed)
    async with (httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as public,
                httpx.AsyncClient(base_url=base, limits=limits, timeout=120) as session,
                httpx.AsyncClient(base_url=base, limits=limits, timeout=120,
                                  headers={"Authorization": f"Bearer {token}"}) as bearer):
        await login(session)
        clients = {"public": public, "session": session, "token": bearer}
        results = []
        for route in routes(n):
            client = clients[route.who]
            await hammer(client, route, max(concurrency, 4), concurrency, rng)  # warm-up
            results.append(await hammer(client, route, requests, concurrency, rng))
    return results


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def print_results(results: list[Result], concurrency: int) -> None:
    print(f"\nLoad on loopback: {concurrency} concurrent connections, latency from request "
          "sent to last byte read")
    print(f"{'route':<58} {'as':<8} {'reqs':>5} {'errors':>6} {'median ms':>9} "
          f"{'p95 ms':>8} {'req/s':>7} {'KB/resp':>8}")
    for r in results:
        lat = sorted(r.latencies)
        p95 = statistics.quantiles(lat, n=100, method="inclusive")[94] if len(lat) > 1 else lat[0]
        errors = ",".join(f"{k}x{v}" for k, v in r.errors.items()) or "0"
        print(f"{r.route.name:<58} {r.route.who:<8} {len(lat):>5} {errors:>6} "
              f"{ms(statistics.median(lat)):>9} {ms(p95):>8} {len(lat) / r.seconds:>7.1f} "
              f"{r.body_bytes / len(lat) / 1024:>8.1f}")


# --- a flood of failed logins ----------------------------------------------------------------

PUBLIC_PAGES = ("/", "/api/incidents?limit=50")


@dataclass
class Flood:
    logins: int
    answers: dict[int, int]
    seconds: float
    during: dict[str, list[float]]  # public page -> latencies while the logins were in flight
    before: dict[str, float]  # public page -> median latency with no flood
    resting_mib: float | None  # the server's peak memory before the flood
    peak_mib: float | None


async def flood(base: str, logins: int, pid: int) -> Flood:
    """``logins`` failed logins at once, and the public pages asked for while they run."""
    import httpx

    limits = httpx.Limits(max_connections=logins + 4, max_keepalive_connections=logins + 4)
    async with (httpx.AsyncClient(base_url=base, limits=limits, timeout=300) as attacker,
                httpx.AsyncClient(base_url=base, timeout=60) as public):
        before = {}
        for path in PUBLIC_PAGES:
            times = []
            for _ in range(5):
                start = time.perf_counter()
                await public.get(path)
                times.append(time.perf_counter() - start)
            before[path] = statistics.median(times)
        form = await attacker.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        if token is None:
            sys.exit("no CSRF token in the login form")

        async def one(n: int) -> int:
            response = await attacker.post("/login", data={
                "name": f"made-up-{n}-{secrets.token_hex(4)}", "password": "a wrong guess",
                "csrf_token": token.group(1)})
            return response.status_code

        resting_mib = peak_memory_mib(pid)
        during: dict[str, list[float]] = {path: [] for path in PUBLIC_PAGES}
        start = time.perf_counter()
        tasks = [asyncio.create_task(one(n)) for n in range(logins)]
        await asyncio.sleep(0.05)  # the logins reach the server first
        while not all(t.done() for t in tasks):
            for path in PUBLIC_PAGES:
                asked = time.perf_counter()
                await public.get(path)
                during[path].append(time.perf_counter() - asked)
            await asyncio.sleep(0.1)
        codes = await asyncio.gather(*tasks)
        seconds = time.perf_counter() - start
    answers: dict[int, int] = {}
    for code in codes:
        answers[code] = answers.get(code, 0) + 1
    return Flood(logins, answers, seconds, during, before, resting_mib, peak_memory_mib(pid))


def peak_memory_mib(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def print_flood(f: Flood) -> None:
    answers = ", ".join(f"{n} x {code}" for code, n in sorted(f.answers.items()))
    peak = (f"{f.resting_mib:.0f} MiB before, {f.peak_mib:.0f} MiB with them"
            if f.peak_mib is not None and f.resting_mib is not None else "unknown")
    print(f"\n{f.logins} failed logins sent at once: answered {answers} in {f.seconds:.1f} s; "
          f"server's peak memory {peak}")
    print(f"{'public page while they were in flight':<40} {'asked':>5} {'before ms':>9} "
          f"{'median ms':>9} {'max ms':>8}  under 1 s")
    for path, times in f.during.items():
        if not times:
            print(f"{path:<40} {0:>5}  (the logins were done before it was asked for)")
            continue
        verdict = "PASS" if max(times) < 1.0 else "FAIL"
        print(f"{path:<40} {len(times):>5} {ms(f.before[path]):>9} "
              f"{ms(statistics.median(times)):>9} {ms(max(times)):>8}  {verdict}")


# --- the browser ---------------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# Runs before the page's own scripts (and past its CSP): note when the dashboard is ready.
READY_PROBE = """
new MutationObserver(function (changes, observer) {
  if (document.body && document.body.dataset.dashboard === "ready") {
    window.__readyAt = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-dashboard"]});
"""
# Functions, not expressions: Playwright calls them without eval, which the CSP forbids.
READY = "() => window.__readyAt !== undefined"
TIMINGS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const api = performance.getEntriesByType("resource").find(e => e.name.includes("/api/dashboard"));
  return {ready: window.__readyAt, html: nav.responseEnd, dom: nav.domContentLoadedEventEnd,
          api: api ? api.responseEnd : null, apiWait: api ? api.responseStart - api.requestStart : null};
}"""


def first_renders(base: str, runs: int) -> list[tuple[str, str, list[dict[str, float]]]]:
    from playwright.sync_api import sync_playwright

    measured = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for who in ("public", "analyst"):
                for cache in ("cold", "warm"):
                    timings = []
                    for _ in range(runs):
                        timings.append(render_once(browser, base, who, warm=cache == "warm"))
                    measured.append((who, cache, timings))
        finally:
            browser.close()
    return measured


def render_once(browser: Any, base: str, who: str, *, warm: bool) -> dict[str, float]:
    context = browser.new_context(base_url=base, viewport={"width": 1280, "height": 800})
    try:
        if who == "analyst":  # log in through the form, sharing the browser's cookies
            form = context.request.get("/login").text()
            token = re.search(r'name="csrf_token" value="([^"]+)"', form)
            assert token is not None
            context.request.post("/login", form={"name": ANALYST, "password": PASSWORD,
                                                 "csrf_token": token.group(1), "next": "/login"},
                                 max_redirects=0)
        page = context.new_page()
        page.add_init_script(READY_PROBE)
        if warm:  # a first visit fills the HTTP cache; the second is measured
            page.goto("/")
            page.wait_for_function(READY, timeout=60_000)
        page.goto("/", wait_until="commit", timeout=60_000)
        page.wait_for_function(READY, timeout=60_000)
        if who == "analyst" and ANALYST not in page.inner_text("#who"):
            sys.exit("the browser is not logged in as the analyst")
        timings: dict[str, float] = page.evaluate(TIMINGS)
        timings["points"] = float(page.get_attribute("#map", "data-points") or 0)
        return timings
    finally:
        context.close()


def print_renders(measured: list[tuple[str, str, list[dict[str, float]]]], runs: int) -> None:
    print(f"\nDashboard first render in headless Chromium, median of {runs} runs (ms from "
          "navigation start): HTML received, DOM ready, /api/dashboard received, map and "
          "timeline drawn")
    print(f"{'as':<8} {'cache':<6} {'html':>7} {'dom':>7} {'api':>7} {'ready':>7} "
          f"{'min':>7} {'max':>7} {'points':>6}  under 1 s")
    for who, cache, timings in measured:
        def med(key: str, timings: list[dict[str, float]] = timings) -> float:
            return statistics.median(t[key] or 0.0 for t in timings)

        ready = [t["ready"] for t in timings]
        verdict = ("PASS" if med("ready") < 1000 else "FAIL") if cache == "cold" else "(info)"
        print(f"{who:<8} {cache:<6} {med('html'):>7.0f} {med('dom'):>7.0f} {med('api'):>7.0f} "
              f"{med('ready'):>7.0f} {min(ready):>7.0f} {max(ready):>7.0f} "
              f"{med('points'):>6.0f}  {verdict}")


# --- main ----------------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="the SQLite file to build or reuse "
                        "(default: carewatch-bench-web-N-SEED.db in the temporary folder)")
    parser.add_argument("--rebuild", action="store_true", help="build the database afresh")
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--requests", type=int, default=200, help="requests per route")
    parser.add_argument("--concurrency", type=int, default=8, help="concurrent connections")
    parser.add_argument("--runs", type=int, default=5, help="browser runs per dashboard")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--no-browser", action="store_true", help="skip the first render")
    parser.add_argument("--flood", type=int, default=100,
                        help="failed logins sent at once (0: skip the flood)")
    parser.add_argument("--only-flood", action="store_true",
                        help="measure the login flood only, not the routes' latencies")
    args = parser.parse_args()
    n = args.incidents
    path = (args.db or Path(tempfile.gettempdir()) / f"carewatch-bench-web-{n}-{args.seed}.db")
    db, how = open_database(path.resolve(), n, args.seed, args.rebuild)
    with db, Session(db.engine) as session:
        accepted = session.scalar(select(func.count()).where(ReviewStatusRow.action == "accept"))
        token = issue_token(db, ANALYST, "bench")
    print(f"machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, {cpu_model()}, SQLite {sqlite3.sqlite_version}")
    print(f"database: {n:,} incidents ({accepted:,} accepted), "
          f"{path.stat().st_size / 2**20:.0f} MiB; {how}")

    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    log = path.with_suffix(".server.log")
    server = start_server(f"sqlite:///{path.resolve()}", port, log)
    try:
        wait_until_up(base, server, log)
        if not args.only_flood:
            results = asyncio.run(load(base, token, n, args.requests, args.concurrency,
                                       args.seed))
            print_results(results, args.concurrency)
        if args.flood:
            print_flood(asyncio.run(flood(base, args.flood, server.pid)))
        if args.no_browser or args.only_flood:
            print("\nfirst render: skipped (--no-browser)")
        elif not CHROMIUM.exists():
            print(f"\nfirst render: skipped ({CHROMIUM} not found)")
        else:
            print_renders(first_renders(base, args.runs), args.runs)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    try:
        main()
    except AccountError as exc:
        sys.exit(str(exc))
