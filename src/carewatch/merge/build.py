"""One :class:`MergedIncident` from the candidates merged into it.

* types: the union, in the order reports give them; the incident type is the one most
  members lead with (the first member's on a tie);
* date: the most precise member date (day < week < month < year; a date read in the text
  before one taken from the publication date; the earliest member on a tie), and a line in
  ``merge_reasons`` says whose it is;
* place: the most precise member place (point < city < admin1 < country), the earliest
  member on a tie;
* facilities: the union by folded name; an unnamed facility only where no member names a
  facility of its type;
* means, perpetrators: the union (perpetrators by normalised name), and
  ``attribution_contested`` when the sources blame different actors;
* claims: every member's (:func:`.ledger.claims_of`), figures reconciled from them;
* certainty: :func:`.certainty.grade`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import (
    ActorValue,
    Candidate,
    DatePrecision,
    DateValue,
    FacilityMention,
    IncidentType,
    MergedIncident,
    PlacePrecision,
    PlaceValue,
)
from .certainty import grade
from .keys import describe_date, normalise_facility_name
from .ledger import attribution_contested, claims_of, reconcile

_DATE_RANK = {DatePrecision.DAY: 0, DatePrecision.WEEK: 1, DatePrecision.MONTH: 2,
              DatePrecision.YEAR: 3}
_PLACE_RANK = {PlacePrecision.POINT: 0, PlacePrecision.CITY: 1, PlacePrecision.ADMIN1: 2,
               PlacePrecision.COUNTRY: 3, PlacePrecision.UNKNOWN: 4}


def build_incident(members: Sequence[Candidate], reasons: Sequence[str]) -> MergedIncident:
    """Assemble the incident that ``members`` (in the order they joined) report."""
    if not members:
        raise ValueError("an incident needs at least one candidate")
    incidents = [c.incident for c in members]
    types: list[IncidentType] = []
    for incident in incidents:
        types.extend(t for t in [incident.incident_type, *incident.types] if t not in types)
    leading = Counter(i.incident_type for i in incidents)
    incident_type = max(leading, key=lambda t: (leading[t], -types.index(t)))
    date, date_note = _date(members)
    claims = [claim for candidate in members for claim in claims_of(candidate)]
    certainty, why = grade(claims, members)
    return MergedIncident(
        incident_type=incident_type,
        types=types,
        members=[c.candidate_id for c in members],
        documents=list(dict.fromkeys(c.document_id for c in members)),
        date=date,
        place=_place([i.place for i in incidents]),
        facilities=_facilities([f for i in incidents for f in i.facilities]),
        means=list(dict.fromkeys(m.category for i in incidents for m in i.means)),
        perpetrators=_perpetrators([a for i in incidents for a in i.perpetrators]),
        attribution_contested=attribution_contested(claims),
        figures=reconcile(claims),
        claims=claims,
        certainty=certainty,
        certainty_reason=why,
        merge_reasons=[*reasons, *([date_note] if date_note else [])],
    )


def _date(members: Sequence[Candidate]) -> tuple[DateValue | None, str | None]:
    dated = [c for c in members if c.incident.date is not None]
    if not dated:
        return None, None

    def rank(candidate: Candidate) -> tuple[int, int]:
        date = candidate.incident.date
        assert date is not None
        return _DATE_RANK[date.precision], date.basis != "text"

    best = min(dated, key=rank)
    date = best.incident.date
    assert date is not None
    if len(dated) == 1:
        return date, None
    return date, (f"date: {describe_date(date)} ({date.precision.value}) from candidate "
                  f"{best.candidate_id} (document {best.document_id}), the most precise of "
                  f"{len(dated)} reports")


def _place(places: list[PlaceValue | None]) -> PlaceValue | None:
    known = [p for p in places if p is not None]
    return min(known, key=lambda p: _PLACE_RANK[p.precision]) if known else None


def _facilities(mentions: list[FacilityMention]) -> list[FacilityMention]:
    named: dict[str, FacilityMention] = {}
    unnamed: dict[str, FacilityMention] = {}
    for mention in mentions:
        if mention.name:
            folded = normalise_facility_name(mention.name, mention.is_code_name)
            held = named.get(folded)
            if held is None or (mention.is_code_name and not held.is_code_name):
                named[folded] = mention  # "M10" rather than "M10 hospital"
        else:
            unnamed.setdefault(mention.facility_type, mention)
    named_types = {m.facility_type for m in named.values()}
    return [*named.values(), *(m for t, m in unnamed.items() if t not in named_types)]


def _perpetrators(actors: list[ActorValue]) -> list[ActorValue]:
    # An actor attributed by convention gives way to one that any report names.
    actors = [a for a in actors if a.basis == "text"] or actors
    unique: dict[str, ActorValue] = {}
    for actor in actors:
        unique.setdefault((actor.normalised or actor.name).lower(), actor)
    return list(unique.values())
