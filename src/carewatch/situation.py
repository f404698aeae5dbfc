"""The situation picture of an area on a date: what functions, what was lost, what reports say.

>>> picture = situation(db, "east Aleppo", dt.date(2016, 9, 28))
>>> picture.functioning_hospitals.value, picture.reported[0].disagrees

Every number is a :class:`Traced`: its value and the facility, incident, document and
status-change ids behind it. Sources of each number:

* facilities, by type, functioning, with an emergency unit, population served: the
  registry (``facilities import``), as of the date through the status timeline
  (:func:`carewatch.facilities.states_on`);
* attacks and casualties in the last 7 and 30 days (``on - N days < date <= on``): merged
  incidents that are attacks on health care, so an attack that several reports describe
  counts once; casualties are the incidents' reconciled figures (the conservative sum, and
  the range from the sum of the lowest figures to the sum of the highest), a figure shared
  by two incidents (one sentence about strikes on two hospitals) counted once (the rule is
  at :func:`_casualties`); each lists the merged incidents, their candidate incidents and
  their documents;
* reported figures ("six functioning hospitals"): situation facts of extractions in the
  area, the most recently reported on or before the date per kind, subject and service,
  shown beside the registry's figure with ``disagrees`` set when they differ (by more than
  10% when the report hedges: "approximately 250,000").

Area matching is :class:`carewatch.facilities.Area`'s rule (resolved name, or coordinates
within a radius fitting the area's precision).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from .data_files import load_json
from .facilities.area import Area
from .facilities.linking import place_from_data
from .facilities.registry import list_facilities
from .facilities.status import FacilityState, states_on
from .model import MergedIncident, Span, to_jsonable
from .model_json import from_jsonable
from .store.tables import DocumentRow, ExtractionRow
from .store.tables_merge import IncidentMemberRow, MergedIncidentRow

if TYPE_CHECKING:
    from .facilities.registry import FacilityRecord
    from .store import Database

WINDOWS = (7, 30)  # days before the date for attacks and casualties
HEDGED_TOLERANCE = 0.10  # how far "approximately N" may be from our figure and agree
EMERGENCY_UNIT = "emergency_unit"
COMPARED_KINDS = ("functioning_facilities", "facilities_with_service", "population_served")


@dataclass(frozen=True)
class Traced:
    """A number and the records it was computed from."""

    value: int | float | None
    facility_ids: list[int] = field(default_factory=list)
    incident_ids: list[int] = field(default_factory=list)  # merged incidents (candidate
    # incidents for a facility's status change, which records the report's own incident)
    document_ids: list[int] = field(default_factory=list)
    status_change_ids: list[int] = field(default_factory=list)
    candidate_ids: list[int] = field(default_factory=list)  # the merged incidents' members
    # A casualty count's range: the sums of the lowest and of the highest figures sources
    # give (``value`` is the conservative sum). None for a count that is not a range.
    minimum: int | None = None
    maximum: int | None = None


@dataclass(frozen=True)
class TypeCount:
    facility_type: str
    total: Traced
    functioning: Traced
    not_functioning: Traced


@dataclass(frozen=True)
class SphereCheck:
    """Functioning facilities of a kind against the Sphere minimum for the population."""

    standard: str
    wording: str
    population_per_facility: int
    functioning: int
    needed: int | None  # None when the registry gives no population
    meets: bool | None


@dataclass(frozen=True)
class ReportedFact:
    """A situation fact a report gives, and the registry's figure for the same thing."""

    kind: str
    reported: int | None
    qualifier: str | None
    subject: str | None
    service: str | None
    items: list[str]
    reported_on: dt.date | None
    document_id: int
    evidence: Span | None
    source: dict[str, Any] | None
    computed: Traced | None = None
    disagrees: bool | None = None  # None when there is nothing to compare


@dataclass
class SituationPicture:
    area: str
    area_resolved: str
    area_rule: str
    on: dt.date
    facilities: Traced
    by_type: list[TypeCount]
    functioning_hospitals: Traced
    with_emergency_unit: Traced
    population_served: Traced
    people_per_functioning_hospital: float | None
    sphere: list[SphereCheck]
    sphere_citation: str
    attacks: dict[int, Traced]  # window in days -> count
    killed: dict[int, Traced]
    injured: dict[int, Traced]
    facilities_lost: Traced
    supply_shortages: list[ReportedFact]
    reported: list[ReportedFact]
    counting: str = "merged incidents (an attack told by several reports counts once)"

    def to_dict(self) -> dict[str, Any]:
        return dict(to_jsonable(self))


def situation(db: Database, area: str, on: dt.date) -> SituationPicture:
    """The situation picture of ``area`` (a place name) on ``on``."""
    where = Area.resolve(area)
    facilities = list_facilities(db, where)
    states = states_on(db, [f.id for f in facilities], on)
    with Session(db.engine) as session:
        incidents = _incidents_in(session, where, on)
        facts = _facts_in(session, where, on)
    population = _population(facilities)
    hospitals = _functioning(facilities, states, "hospital")
    functioning_hospitals = _traced(hospitals, states)
    people_per = None
    if population.value and hospitals:
        people_per = float(population.value) / len(hospitals)
    reported = _latest_reports(facts, on)
    picture = SituationPicture(
        area=area,
        area_resolved=where.label,
        area_rule=where.describe_rule(),
        on=on,
        facilities=Traced(len(facilities), [f.id for f in facilities]),
        by_type=_by_type(facilities, states),
        functioning_hospitals=functioning_hospitals,
        with_emergency_unit=_with_service(facilities, states, None, EMERGENCY_UNIT),
        population_served=population,
        people_per_functioning_hospital=people_per,
        sphere=_sphere(facilities, states, population),
        sphere_citation=str(load_json("sphere.json")["citation"]),
        attacks={},
        killed={},
        injured={},
        facilities_lost=_traced([f for f in facilities if not states[f.id].functioning], states),
        supply_shortages=[
            f
            for f in facts
            if f.kind == "supply_shortage"
            and f.reported_on is not None
            and on - dt.timedelta(days=max(WINDOWS)) < f.reported_on
        ],
        reported=reported,
    )
    for days in WINDOWS:
        window = [i for i in incidents if on - dt.timedelta(days=days) < i.date <= on]
        picture.attacks[days] = Traced(
            value=len(window),
            incident_ids=[i.id for i in window],
            candidate_ids=_candidates(window),
            document_ids=_docs(window),
        )
        picture.killed[days] = _casualties(window, "killed")
        picture.injured[days] = _casualties(window, "injured")
    picture.reported = [_compare(fact, picture, facilities, states) for fact in reported]
    return picture


# --- the registry side ---------------------------------------------------------------


def _functioning(
    facilities: list[FacilityRecord], states: dict[int, FacilityState], facility_type: str | None
) -> list[FacilityRecord]:
    return [
        f
        for f in facilities
        if states[f.id].functioning and (facility_type is None or f.facility_type == facility_type)
    ]


def _traced(facilities: list[FacilityRecord], states: dict[int, FacilityState]) -> Traced:
    """A count of facilities with the reported changes their state on the date rests on."""
    changes = [r for f in facilities for r in states[f.id].evidence()]
    return Traced(
        value=len(facilities),
        facility_ids=[f.id for f in facilities],
        incident_ids=sorted({r.incident_id for r in changes if r.incident_id is not None}),
        document_ids=sorted({r.document_id for r in changes if r.document_id is not None}),
        status_change_ids=[r.id for r in changes],
    )


def _by_type(facilities: list[FacilityRecord], states: dict[int, FacilityState]) -> list[TypeCount]:
    counts = []
    for facility_type in sorted({f.facility_type for f in facilities}):
        of_type = [f for f in facilities if f.facility_type == facility_type]
        working = _functioning(of_type, states, None)
        counts.append(
            TypeCount(
                facility_type,
                Traced(len(of_type), [f.id for f in of_type]),
                _traced(working, states),
                _traced([f for f in of_type if f not in working], states),
            )
        )
    return counts


def _with_service(
    facilities: list[FacilityRecord],
    states: dict[int, FacilityState],
    facility_type: str | None,
    service: str,
) -> Traced:
    """Functioning facilities whose registry lists ``service``, less those reported
    without it on the date."""
    offering = [
        f
        for f in _functioning(facilities, states, facility_type)
        if service in f.services and states[f.id].service_available(service)
    ]
    return _traced(offering, states)


def _population(facilities: list[FacilityRecord]) -> Traced:
    """The registry's population served, summed over the area's facilities that give one
    (the registry is expected to give each catchment once, not per facility type)."""
    giving = [f for f in facilities if f.population_served is not None]
    if not giving:
        return Traced(None)
    return Traced(sum(f.population_served or 0 for f in giving), [f.id for f in giving])


def _sphere(
    facilities: list[FacilityRecord], states: dict[int, FacilityState], population: Traced
) -> list[SphereCheck]:
    checks = []
    for key, standard in load_json("sphere.json")["standards"].items():
        working = [
            f
            for f in _functioning(facilities, states, None)
            if f.facility_type in standard["facility_types"]
        ]
        per = int(standard["population_per_facility"])
        needed = math.ceil(float(population.value) / per) if population.value else None
        meets = None if needed is None else len(working) >= needed
        checks.append(SphereCheck(key, standard["wording"], per, len(working), needed, meets))
    return checks


# --- the reports side ------------------------------------------------------------------


@dataclass(frozen=True)
class FigureShare:
    """One reconciled count of a merged incident, and the claims (document, words) behind it."""

    field: str  # "killed:patients"
    minimum: int
    conservative: int
    maximum: int
    evidence: frozenset[tuple[str, int, int, int]]  # (field, document id, start, end) per claim

    @property
    def kind(self) -> str:  # "killed", "injured", ...
        return self.field.split(":", 1)[0]


@dataclass(frozen=True)
class IncidentLine:
    """A merged attack on health care in the area, with what the picture counts of it."""

    id: int
    date: dt.date
    candidate_ids: tuple[int, ...]
    document_ids: tuple[int, ...]
    figures: tuple[FigureShare, ...]


def _incidents_in(session: Session, area: Area, on: dt.date) -> list[IncidentLine]:
    """Merged attacks on health care in ``area`` dated in the longest window, so that an
    attack told by several reports counts once.

    A merged incident with no date takes its earliest report's publication date, as a
    candidate incident without one does.
    """
    earliest = on - dt.timedelta(days=max(WINDOWS))
    query = (
        select(MergedIncidentRow)
        .where(MergedIncidentRow.is_health_care.is_(True))
        .where(
            or_(
                and_(MergedIncidentRow.date > earliest, MergedIncidentRow.date <= on),
                MergedIncidentRow.date.is_(None),
            )
        )
        .order_by(MergedIncidentRow.id)
    )
    rows = list(session.scalars(query))
    members: dict[int, list[int]] = defaultdict(list)
    for member in session.scalars(
        select(IncidentMemberRow)
        .where(IncidentMemberRow.merged_id.in_([row.id for row in rows]))
        .order_by(IncidentMemberRow.candidate_id)
    ):
        members[member.merged_id].append(member.candidate_id)
    lines = []
    for row in rows:
        merged = from_jsonable(MergedIncident, row.data)
        date = row.date or _first_published(session, merged.documents)
        if date is None or not earliest < date <= on:
            continue
        inside = (
            area.contains_place(merged.place)
            if merged.place
            else area.contains(row.place_name, row.country_code, row.latitude, row.longitude)
        )
        if inside:
            lines.append(
                IncidentLine(
                    id=row.id,
                    date=date,
                    candidate_ids=tuple(members.get(row.id) or sorted(merged.members)),
                    document_ids=tuple(sorted(set(merged.documents))),
                    figures=_figure_shares(merged),
                )
            )
    return lines


def _first_published(session: Session, document_ids: list[int]) -> dt.date | None:
    if not document_ids:
        return None
    return session.scalar(
        select(func.min(DocumentRow.published)).where(DocumentRow.id.in_(document_ids))
    )


def _figure_shares(merged: MergedIncident) -> tuple[FigureShare, ...]:
    """The incident's reconciled figures, each with the words of every member's claim of
    it (the ledger's ``claims``, not only the figure's own list, which keeps one claim per
    speaker and value)."""
    spans: dict[str, set[tuple[str, int, int, int]]] = defaultdict(set)
    for claim in [*merged.claims, *(c for f in merged.figures for c in f.claims)]:
        if claim.span is not None:
            spans[claim.field].add(
                (claim.field, claim.document_id, claim.span.start, claim.span.end)
            )
    return tuple(
        FigureShare(f.field, f.minimum, f.conservative, f.maximum, frozenset(spans[f.field]))
        for f in merged.figures
    )


def _casualties(window: list[IncidentLine], kind: str) -> Traced:
    """The window's toll of ``kind``: the conservative sum, and the range from the sum of
    lowest figures to the sum of highest.

    Each merged incident's reconciled figures count once. A figure shared by several
    merged incidents is a toll counted once: figures of the same field whose claims share
    words (the same document and the same evidence span, as when one report's "two
    patients died in the strikes" is about strikes that hit both M10 and M2, and so is a
    claim of both hospitals' incidents) are one toll, told by all their claims together,
    transitively. That toll is reconciled as the ledger reconciles one figure: the lowest
    of their minimum and conservative figures and the highest of their maximum. So the
    example is 2 dead, not 4, and a second report's "three" about the same strikes widens
    the range to 2-3 rather than adding 3. A figure none of whose claims has a span cannot
    be matched to another and counts on its own.
    """
    shares = [(line, f) for line in window for f in line.figures if f.kind == kind]
    tolls = _tolls([f for _, f in shares])
    counted = sorted({line.id for line, _ in shares})
    lines = [line for line in window if line.id in counted]
    low = sum(min(f.minimum for f in toll) for toll in tolls)
    conservative = sum(min(f.conservative for f in toll) for toll in tolls)
    high = sum(max(f.maximum for f in toll) for toll in tolls)
    return Traced(
        value=conservative,
        incident_ids=counted,
        candidate_ids=_candidates(lines),
        document_ids=_docs(lines),
        minimum=low,
        maximum=high,
    )


def _tolls(figures: list[FigureShare]) -> list[list[FigureShare]]:
    """``figures`` grouped by shared claims (connected components, in order of appearance)."""
    parent = list(range(len(figures)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[str, int, int, int], int] = {}
    for i, figure in enumerate(figures):
        for key in figure.evidence:
            if key in owner:
                parent[root(i)] = root(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[FigureShare]] = {}
    for i, figure in enumerate(figures):
        groups.setdefault(root(i), []).append(figure)
    return list(groups.values())


def _facts_in(session: Session, area: Area, on: dt.date) -> list[ReportedFact]:
    query = select(ExtractionRow, DocumentRow.published).join(
        DocumentRow, ExtractionRow.document_id == DocumentRow.id
    )
    facts = []
    for extraction, published in session.execute(query.order_by(ExtractionRow.id)):
        for data in extraction.situation or []:
            if not area.contains_place(place_from_data(data.get("place"))):
                continue
            reported_on = published or extraction.published
            if reported_on is None and data.get("date"):
                reported_on = dt.date.fromisoformat(data["date"]["date"])
            if reported_on is not None and reported_on > on:
                continue
            span = data.get("span")
            facts.append(
                ReportedFact(
                    kind=data["kind"],
                    reported=data.get("value"),
                    qualifier=data.get("qualifier"),
                    subject=data.get("subject"),
                    service=data.get("service"),
                    items=list(data.get("items") or []),
                    reported_on=reported_on,
                    document_id=extraction.document_id,
                    evidence=Span(span["start"], span["end"], span.get("text", ""))
                    if span
                    else None,
                    source=data.get("source"),
                )
            )
    return facts


def _latest_reports(facts: list[ReportedFact], on: dt.date) -> list[ReportedFact]:
    """Per kind, subject and service, the fact reported most recently on or before ``on``."""
    latest: dict[tuple[str, str | None, str | None], ReportedFact] = {}
    for fact in facts:
        if fact.kind not in COMPARED_KINDS:
            continue
        key = (fact.kind, fact.subject, fact.service)
        current = latest.get(key)
        when = (fact.reported_on or dt.date.min, fact.document_id)
        if current is None or when >= (current.reported_on or dt.date.min, current.document_id):
            latest[key] = fact
    return list(latest.values())


def _compare(
    fact: ReportedFact,
    picture: SituationPicture,
    facilities: list[FacilityRecord],
    states: dict[int, FacilityState],
) -> ReportedFact:
    if fact.kind == "functioning_facilities":
        computed = _traced(_functioning(facilities, states, fact.subject), states)
    elif fact.kind == "facilities_with_service" and fact.service:
        computed = _with_service(facilities, states, fact.subject, fact.service)
    else:
        computed = picture.population_served
    disagrees = None
    if fact.reported is not None and computed.value is not None:
        tolerance = HEDGED_TOLERANCE * fact.reported if fact.qualifier else 0
        disagrees = abs(float(computed.value) - fact.reported) > tolerance
    return dataclasses.replace(fact, computed=computed, disagrees=disagrees)


def _docs(lines: list[IncidentLine]) -> list[int]:
    return sorted({document for line in lines for document in line.document_ids})


def _candidates(lines: list[IncidentLine]) -> list[int]:
    return sorted({candidate for line in lines for candidate in line.candidate_ids})
