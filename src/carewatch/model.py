"""The domain model every pipeline stage speaks.

Plain dataclasses: ``ingest`` produces :class:`Document`, the extractor produces an
:class:`Extraction` of :class:`CandidateIncident` records, and storage maps these to
tables without replacing them. Every extracted value carries a :class:`Span` into the
document text so that it can be shown beside the words that support it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class IncidentType(StrEnum):
    """Our small taxonomy of incidents (one incident may carry several)."""

    FACILITY_ATTACK = "attack_on_health_facility"
    TRANSPORT_ATTACK = "attack_on_health_transport"
    HEALTH_WORKER_ATTACK = "attack_on_health_workers"
    PATIENT_ATTACK = "attack_on_patients"
    OBSTRUCTION = "obstruction_of_access"
    LOOTING = "looting"
    ARREST_KIDNAP = "arrest_or_kidnapping_of_health_workers"
    OTHER_VIOLENCE = "other_violent_incident"


HEALTH_CARE_TYPES = frozenset(t for t in IncidentType if t is not IncidentType.OTHER_VIOLENCE)


class DatePrecision(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


class PlacePrecision(StrEnum):
    POINT = "point"
    CITY = "city"
    ADMIN1 = "admin1"
    COUNTRY = "country"
    UNKNOWN = "unknown"


class ActorType(StrEnum):
    STATE_FORCES = "state_armed_forces"
    FOREIGN_FORCES = "foreign_state_forces"
    NON_STATE_GROUP = "non_state_armed_group"
    POLICE = "police_security"
    CRIMINAL = "criminal"
    CIVILIAN = "civilian"
    UNKNOWN = "unknown"


class VictimGroup(StrEnum):
    PATIENTS = "patients"
    HEALTH_WORKERS = "health_workers"
    CIVILIANS = "civilians"
    UNSPECIFIED = "unspecified"


class FigureKind(StrEnum):
    KILLED = "killed"
    INJURED = "injured"
    KIDNAPPED = "kidnapped"
    ARRESTED = "arrested"
    # "are missing", "unaccounted for": their fate is unknown, which is not an abduction.
    MISSING = "missing"
    NEED_CARE = "in_need_of_care"
    AT_RISK = "at_risk"


class FigureScope(StrEnum):
    """What a figure counts: the victims of the incident, or something wider."""

    INCIDENT = "incident"
    CAMPAIGN = "campaign"
    OTHER_EVENT = "other_event"


@dataclass(frozen=True)
class Span:
    """Character offsets ``[start, end)`` into the document text, and the text there."""

    start: int
    end: int
    text: str


@dataclass
class Source:
    """Who said something: a person and/or an organisation, as the text names them."""

    person: str | None = None
    organisation: str | None = None
    role: str | None = None
    span: Span | None = None

    def label(self) -> str:
        parts = [p for p in (self.person, self.organisation) if p]
        return " of ".join(parts) if parts else (self.role or "unattributed")


@dataclass
class DateValue:
    """An absolute date with its precision; ``date`` is the first day of the period."""

    date: dt.date
    precision: DatePrecision
    time: str | None = None  # "04:00"; several times are joined with ", "
    span: Span | None = None
    basis: str = "text"  # "text", or "publication" when only the report's date was known

    def period(self) -> tuple[dt.date, dt.date]:
        """The first and last day the date stands for, given its precision."""
        start = self.date
        if self.precision is DatePrecision.DAY:
            return start, start
        if self.precision is DatePrecision.WEEK:
            return start, start + dt.timedelta(days=6)
        if self.precision is DatePrecision.MONTH:
            following = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            return start, following - dt.timedelta(days=1)
        return start, start.replace(month=12, day=31)


@dataclass
class PlaceValue:
    name: str  # as written
    resolved: str | None = None  # the gazetteer's name
    country: str | None = None
    country_code: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    precision: PlacePrecision = PlacePrecision.UNKNOWN
    span: Span | None = None


@dataclass
class MeansValue:
    category: str  # a key of data/means.json, e.g. "air_strike"
    span: Span | None = None
    # "text": the words at ``span`` name the means; "convention": the text names no weapon
    # and a coding convention infers one from the actor or the act at ``span`` (an
    # abduction by armed men, a health worker "was injured": firearms).
    basis: str = "text"


@dataclass
class ActorValue:
    name: str  # as written: "Russian", "Al-Shabaab"
    actor_type: ActorType = ActorType.UNKNOWN
    normalised: str | None = None  # "Russian armed forces"
    country_code: str | None = None  # the state the actor belongs to, if any
    span: Span | None = None
    # "text": the words at ``span`` name the actor; "convention": the text names none and a
    # coding convention attributes the act at ``span`` (an arrest: the police).
    basis: str = "text"


@dataclass
class FacilityMention:
    facility_type: str  # a key of data/facilities.json: "hospital", "ambulance", ...
    name: str | None = None  # "M10", "Al-Quds hospital"; None for "a hospital"
    is_code_name: bool = False
    count: int = 1
    span: Span | None = None


@dataclass
class Figure:
    """A count of people as a source gave it: "at least six people had died"."""

    kind: FigureKind
    count: int
    victim_group: VictimGroup = VictimGroup.UNSPECIFIED
    count_max: int | None = None  # for ranges and "hundreds of"
    qualifier: str | None = None  # "at least", "almost", "around", "hundreds of"
    scope: FigureScope = FigureScope.INCIDENT
    span: Span | None = None
    source: Source | None = None


@dataclass
class Impact:
    """Damage to a facility, or a service or piece of infrastructure lost."""

    effect: str  # "destroyed", "damaged", "out_of_service"
    item: str  # "facility", "transport", "icu", "emergency_unit", "generators", "water", ...
    target: str | None = None  # the facility's name, when the text ties it to one
    facility_type: str | None = None  # for item "facility"/"transport": "hospital", "ambulance"
    count: int = 1
    span: Span | None = None
    source: Source | None = None


@dataclass
class SituationFact:
    """A fact about the state of health care that is not itself an incident."""

    kind: str  # "functioning_facilities", "facilities_with_service", "population_served",
    #            "supply_shortage", "blockade"
    value: int | None = None
    qualifier: str | None = None
    subject: str | None = None  # facility type, e.g. "hospital"
    service: str | None = None  # e.g. "emergency_unit"
    items: list[str] = field(default_factory=list)  # e.g. ["antibiotics", "anaesthetics"]
    date: DateValue | None = None
    place: PlaceValue | None = None
    span: Span | None = None
    source: Source | None = None


@dataclass
class CandidateIncident:
    """One attack as one document describes it, before merging across documents."""

    incident_type: IncidentType
    types: list[IncidentType] = field(default_factory=list)
    facilities: list[FacilityMention] = field(default_factory=list)
    date: DateValue | None = None
    place: PlaceValue | None = None
    means: list[MeansValue] = field(default_factory=list)
    perpetrators: list[ActorValue] = field(default_factory=list)
    casualties: list[Figure] = field(default_factory=list)
    impacts: list[Impact] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    span: Span | None = None  # the words that report the attack

    @property
    def is_health_care(self) -> bool:
        return self.incident_type in HEALTH_CARE_TYPES


@dataclass
class Extraction:
    """What one extractor found in one document."""

    extractor: str
    published: dt.date | None = None
    incidents: list[CandidateIncident] = field(default_factory=list)
    claims: list[Figure] = field(default_factory=list)  # figures about wider events
    situation: list[SituationFact] = field(default_factory=list)
    places: list[PlaceValue] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)
    # Which build of the extractor's rules made this reading (None if it does not say):
    # lets a stored reading be told from one the installed rules would make.
    extractor_version: str | None = None

    @property
    def health_care_incidents(self) -> list[CandidateIncident]:
        return [i for i in self.incidents if i.is_health_care]

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)


@dataclass
class Document:
    """A report as received: its exact bytes, their hash, and the text we read from them."""

    raw: bytes
    sha256: str
    text: str
    media_type: str  # "text/plain", "text/html", "application/json", "text/csv", ...
    origin: str  # the file path (with "#line N" or "#row N" for records), or "<stdin>"
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source_name: str | None = None


def to_jsonable(value: Any) -> Any:
    """Turn model objects into JSON-ready dicts, lists and strings (dates as ISO text)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return None
    return value


# --- One incident, many reports (merging across documents) ----------------------------


class Certainty(StrEnum):
    """Grades of WHO's Surveillance System for Attacks on Health Care, weakest first."""

    RUMOUR = "rumour"
    POSSIBLE = "possible"
    PROBABLE = "probable"
    CONFIRMED = "confirmed"


@dataclass
class Candidate:
    """A stored candidate incident with what merging needs to know of its document."""

    candidate_id: int
    document_id: int
    incident: CandidateIncident
    published: dt.date | None = None
    publisher: str | None = None  # the document's source (outlet, NGO), if known


@dataclass
class Claim:
    """One source's word on one value of an incident, with the words that carry it.

    ``field`` names what is claimed: ``"killed:patients"``, ``"injured:health_workers"``,
    ``"perpetrator"``, ``"means"``, ``"date"``, ``"place"``, ``"facility"``.
    """

    field: str
    value: int | str
    document_id: int
    candidate_id: int
    count_max: int | None = None
    qualifier: str | None = None
    source: Source | None = None
    publisher: str | None = None
    span: Span | None = None

    def speaker(self) -> str:
        """Who is answerable for the claim: the quoted source, else the publisher."""
        if self.source is not None and self.source.label() != "unattributed":
            return self.source.label()
        return self.publisher or f"document {self.document_id}"


@dataclass
class Reconciled:
    """Every source's figure for one count, and the range they span."""

    field: str
    minimum: int
    maximum: int
    conservative: int  # the lowest figure a credible source gives, as ACLED codes fatalities
    # ``dataclasses.field`` spelled out: the attribute ``field`` above shadows the name here.
    claims: list[Claim] = dataclasses.field(default_factory=list)

    @property
    def agreed(self) -> bool:
        return self.minimum == self.maximum


@dataclass
class MergedIncident:
    """One attack as all the reports of it describe it."""

    incident_type: IncidentType
    types: list[IncidentType] = field(default_factory=list)
    members: list[int] = field(default_factory=list)  # candidate ids
    documents: list[int] = field(default_factory=list)
    date: DateValue | None = None
    place: PlaceValue | None = None
    facilities: list[FacilityMention] = field(default_factory=list)
    means: list[str] = field(default_factory=list)
    perpetrators: list[ActorValue] = field(default_factory=list)
    attribution_contested: bool = False
    figures: list[Reconciled] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    certainty: Certainty = Certainty.RUMOUR
    certainty_reason: str = ""
    merge_reasons: list[str] = field(default_factory=list)
    id: int | None = None
