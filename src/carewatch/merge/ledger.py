"""The claim ledger: every figure and attribution stays the word of whoever gave it.

:func:`claims_of` turns one candidate into :class:`Claim` records, one per value, each
with its speaker (the quoted source, else the publisher), document, qualifier and the
span that carries it. Fields:

* ``"<kind>:<victim group>"`` (``"killed:patients"``): one per figure counting the
  incident's victims (figures about a wider campaign are not the incident's);
* ``"perpetrator"``: the actor's normalised name (else the name as written), with its
  actor type in ``qualifier`` (``"foreign_state_forces"``);
* ``"means"`` (category), ``"date"`` (ISO date, precision in ``qualifier``), ``"place"``
  (resolved name, precision in ``qualifier``), ``"facility"`` (each named facility, its
  type in ``qualifier``).

Figures carry their own source. Other values take the source quoted nearest to them in
the candidate's text (a report's attribution sits in the value's sentence or the next),
else none: the publisher answers for them.

:func:`reconcile` spans the figures of one field; :func:`attribution_contested` says
whether sources disagree on who did it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ..model import ActorType, Candidate, Claim, FigureScope, Reconciled, Source, Span

BY_CONVENTION = "by convention"  # qualifier of a value a coding convention inferred
_NEAR_SOURCE = 300  # characters: farther than this, a quoted source is not the value's
_STATE = frozenset({ActorType.STATE_FORCES.value, ActorType.FOREIGN_FORCES.value})


def claims_of(candidate: Candidate) -> list[Claim]:
    """Every value one candidate holds, as a claim of its source in its document."""
    incident = candidate.incident
    claims: list[Claim] = []

    def claim(field: str, value: int | str, span: Span | None, source: Source | None,
              qualifier: str | None = None, count_max: int | None = None) -> None:
        claims.append(Claim(field=field, value=value, document_id=candidate.document_id,
                            candidate_id=candidate.candidate_id, count_max=count_max,
                            qualifier=qualifier, source=source, publisher=candidate.publisher,
                            span=span))

    def nearest(span: Span | None) -> Source | None:
        return _nearest_source(incident.sources, span)

    for figure in incident.casualties:
        if figure.scope is FigureScope.INCIDENT:
            claim(f"{figure.kind.value}:{figure.victim_group.value}", figure.count, figure.span,
                  figure.source or nearest(figure.span), figure.qualifier, figure.count_max)
    for actor in incident.perpetrators:
        basis = "" if actor.basis == "text" else f", {BY_CONVENTION}"
        claim("perpetrator", actor.normalised or actor.name, actor.span, nearest(actor.span),
              actor.actor_type.value + basis)
    for means in incident.means:
        claim("means", means.category, means.span, nearest(means.span),
              BY_CONVENTION if means.basis != "text" else None)
    if incident.date is not None:
        date = incident.date
        qualifier = date.precision.value
        if date.basis != "text":
            qualifier = f"{qualifier}, {date.basis}"  # "day, publication"
        claim("date", date.date.isoformat(), date.span, nearest(date.span), qualifier)
    if incident.place is not None:
        place = incident.place
        claim("place", place.resolved or place.name, place.span, nearest(place.span),
              place.precision.value)
    for facility in incident.facilities:
        if facility.name:
            claim("facility", facility.name, facility.span, nearest(facility.span),
                  facility.facility_type)
    return claims


def is_figure(claim: Claim) -> bool:
    """A count of people (``"killed:patients"``), as opposed to a named value."""
    return isinstance(claim.value, int) and ":" in claim.field


def reconcile(claims: Iterable[Claim]) -> list[Reconciled]:
    """Per figure field: the lowest and highest figure, and the conservative one.

    A range ("between 5 and 8", "hundreds of") gives its lower bound to the minimum and its
    upper bound to the maximum. The conservative figure is the lowest figure any source
    gives, as ACLED codes fatalities. Identical words from one speaker (one figure shared
    by two facilities' candidates) are listed once. One speaker's figures of the same field
    in one candidate, told in different words ("the driver was injured ... a paramedic was
    hit"), count different people: they add up to that speaker's figure, as the extractor
    has already dropped a victim named again.
    """
    by_field: dict[str, list[Claim]] = defaultdict(list)
    seen: set[tuple[object, ...]] = set()
    for claim in claims:
        if not is_figure(claim):
            continue
        words = (claim.span.start, claim.span.end) if claim.span else None
        identity = (claim.field, claim.speaker(), claim.value, claim.count_max, claim.qualifier,
                    claim.document_id if words else None, words)
        if identity in seen:
            continue
        seen.add(identity)
        by_field[claim.field].append(claim)
    reconciled = []
    for field, field_claims in by_field.items():
        told: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
        for c in field_claims:
            bounds = told[(c.candidate_id, c.speaker())]
            bounds[0] += int(c.value)
            bounds[1] += max(int(c.value), c.count_max or 0)
        lows = [low for low, _ in told.values()]
        highs = [high for _, high in told.values()]
        reconciled.append(Reconciled(field=field, minimum=min(lows), maximum=max(highs),
                                     conservative=min(lows), claims=field_claims))
    return reconciled


def attribution_key(claim: Claim) -> tuple[str, ...] | None:
    """What an attribution asserts: the actor type, and for state forces which state's."""
    actor_type = claim.qualifier or ActorType.UNKNOWN.value
    if actor_type == ActorType.UNKNOWN.value or actor_type.endswith(BY_CONVENTION):
        # A coding convention's attribution is no speaker's blame: it disputes nothing.
        return None
    if actor_type in _STATE:
        return ("state", str(claim.value).lower())
    return (actor_type,)


def attribution_contested(claims: Iterable[Claim]) -> bool:
    """True when two speakers blame different perpetrators, with nothing in common.

    Perpetrators differ when their actor types differ (state forces vs a non-state armed
    group) or when they are different states' forces ("Russian" vs "Syrian" armed forces).
    One source naming two actors ("Syrian and Russian jets") is a joint attribution, not
    a dispute; a source naming only an unknown actor disputes nothing.
    """
    by_speaker: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for claim in claims:
        if claim.field == "perpetrator":
            key = attribution_key(claim)
            if key is not None:
                by_speaker[claim.speaker()].add(key)
    sets = list(by_speaker.values())
    return any(not (sets[i] & sets[j]) for i in range(len(sets)) for j in range(i + 1, len(sets)))


def _nearest_source(sources: list[Source], span: Span | None) -> Source | None:
    if span is None:
        return sources[0] if len(sources) == 1 else None
    best, distance = None, _NEAR_SOURCE + 1
    for source in sources:
        if source.span is None:
            continue
        gap = max(source.span.start - span.end, span.start - source.span.end, 0)
        if gap < distance:
            best, distance = source, gap
    return best
