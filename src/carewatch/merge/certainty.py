"""How sure we are that an attack happened: WHO SSA's grades, from an incident's sources.

Each report contributes *voices*: every source it quotes by name (a person, an
organisation), or, when it quotes nobody, the outlet itself. Voices are independent when
they are different organisations (a person without one counts as themself); the same
outlet or organisation twice is one voice, under any of its names (``data/organisations.json``:
"MSF" and "Doctors Without Borders" are one organisation). A voice is *credible* when it is named in the
text, or is an organisation on ``credible_publishers``/``health_organisations`` publishing
its own report; an outlet's own unattributed story is not. A named voice is the
*facility's own* when its role ties a staff role to the facility ("director of the
hospital", "a doctor at M10") or ties a health organisation to it ("which supports both
hospitals"), when the organisation is the facility, or when the role is a bare "head" or
"director" of no organisation (the head of the facility the report is about).

With *n* independent credible voices (thresholds in ``data/certainty.json``):

* **confirmed**: n >= 2 and one of them is the facility's own, or n >= 3;
* **probable**: n >= 2, or one voice that is the facility's own;
* **possible**: n = 1, or two or more unattributed reports from different outlets;
* **rumour**: one unattributed report (or several from one outlet).

Simple on purpose: an analyst can follow it from the explanation, which names the
voices counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from ..data_files import load_json
from ..model import Candidate, Certainty, Claim, Source
from ..resolve.organisations import canonical_organisation, organisation_key
from .keys import normalise_facility_name

_NUMBERS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@dataclass(frozen=True)
class Rules:
    thresholds: dict[str, int]
    health: re.Pattern[str]
    credible: re.Pattern[str]
    staff: re.Pattern[str]
    facility: re.Pattern[str]
    provider: re.Pattern[str]
    bare: frozenset[str]


@cache
def rules() -> Rules:
    """The grading rules of ``data/certainty.json``, compiled once."""
    data = load_json("certainty.json")

    def any_of(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    return Rules(
        thresholds=dict(data["thresholds"]),
        health=any_of(data["health_organisations"]),
        credible=any_of(data["credible_publishers"] + data["health_organisations"]),
        staff=any_of([rf"\b(?:{p})\b" for p in data["staff_roles"]]),
        facility=any_of([rf"\b(?:{p})\b" for p in data["facility_words"]]),
        provider=any_of([rf"\b(?:{p})\b" for p in data["provider_links"]]),
        bare=frozenset(r.lower() for r in data["own_bare_roles"]),
    )


@dataclass
class Voice:
    key: str  # what independence is judged on: the organisation, person or outlet
    name: str
    credible: bool
    own: str | None = None  # how the voice belongs to the facility, if it does


def grade(claims: Sequence[Claim], candidates: Sequence[Candidate]) -> tuple[Certainty, str]:
    """The certainty grade of the incident these claims and candidates make, in words."""
    found = voices(claims, candidates)
    credible = [v for v in found if v.credible]
    own = [v for v in credible if v.own]
    n = len(credible)
    t = rules().thresholds
    if (n >= t["confirmed_with_staff"] and own) or n >= t["confirmed"]:
        including = f", including {_own(own[0])}" if own else ""
        return Certainty.CONFIRMED, f"confirmed: {_sources(credible)}{including}"
    if n >= t["probable"]:
        return Certainty.PROBABLE, (f"probable: {_sources(credible)}, none of them the "
                                    "facility's own staff or health provider")
    if own:
        return Certainty.PROBABLE, (f"probable: one source, {_own(own[0])}; "
                                    "no independent second source")
    if n >= t["possible"]:
        return Certainty.POSSIBLE, (f"possible: one attributed source ({credible[0].name}); "
                                    "no independent confirmation")
    if len(found) >= t["possible_unattributed_reports"]:
        return Certainty.POSSIBLE, (f"possible: {_count(len(found))} unattributed reports from "
                                    f"different outlets ({'; '.join(v.name for v in found)}); "
                                    "no named source")
    names = "; ".join(v.name for v in found) or "no source"
    return Certainty.RUMOUR, f"rumour: one unattributed report ({names}); no named source"


def voices(claims: Iterable[Claim], candidates: Sequence[Candidate]) -> list[Voice]:
    """The distinct voices behind an incident, first-heard first."""
    facility_names = frozenset(normalise_facility_name(f.name, f.is_code_name)
                               for c in candidates for f in c.incident.facilities if f.name)
    found: dict[str, Voice] = {}

    def hear(voice: Voice) -> None:
        held = found.get(voice.key)
        if held is None:
            found[voice.key] = voice
        else:
            held.credible = held.credible or voice.credible
            held.own = held.own or voice.own

    quoted: dict[int, list[Source]] = {}
    for claim in claims:
        if claim.source is not None:
            quoted.setdefault(claim.document_id, []).append(claim.source)
    for candidate in candidates:
        outlet = candidate.publisher or f"document {candidate.document_id}"
        sources = list({id(s): s for s in [*candidate.incident.sources,
                                            *quoted.get(candidate.document_id, [])]}.values())
        named = [s for s in sources if s.person or s.organisation]
        for source in sources:
            hear(_voice(source, outlet, facility_names))
        if not named or (candidate.publisher and rules().credible.search(candidate.publisher)):
            credible = bool(candidate.publisher and rules().credible.search(candidate.publisher))
            hear(Voice(organisation_key(outlet), canonical_organisation(outlet) or outlet, credible))
    return list(found.values())


def _voice(source: Source, outlet: str, facility_names: frozenset[str]) -> Voice:
    if source.organisation:
        key = organisation_key(source.organisation)
        name = canonical_organisation(source.organisation) or source.organisation
    elif source.person:
        key, name = "person:" + _fold(source.person), source.person
    else:  # "a local doctor said": the outlet's word, with the role it gives
        key, name = organisation_key(outlet), canonical_organisation(outlet) or outlet
    title = source.span.text if source.span is not None else ""
    own = _own_role(source.person, source.organisation, source.role, title, facility_names)
    named = bool(source.person or source.organisation)
    return Voice(key, name, credible=named, own=own if named else None)


@lru_cache(maxsize=65536)
def _own_role(person: str | None, organisation: str | None, role: str | None, title: str,
              facility_names: frozenset[str]) -> str | None:
    """How a source belongs to the attacked facility, or None."""
    r = rules()
    who = Source(person, organisation, role).label()
    role = role or ""
    if organisation and normalise_facility_name(organisation) in facility_names:
        return f"{who}, of the facility itself"
    mentions_facility = bool(r.facility.search(role)) or any(
        re.search(rf"\b{re.escape(name)}\b", role, re.IGNORECASE) for name in facility_names
    )
    if not mentions_facility:
        if not organisation and role.strip().lower() in r.bare:
            return f"{who} ({role}), head of the facility the report is about"
        return None
    if r.staff.search(role) or (r.staff.search(title) and r.provider.search(role)):
        return f"{who} ({role})"
    if organisation and r.health.search(organisation) and r.provider.search(role):
        return f"{who} ({role})"
    return None


@lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", name.lower()).split())


def _count(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _sources(voices: list[Voice]) -> str:
    return f"{_count(len(voices))} independent sources ({'; '.join(v.name for v in voices)})"


def _own(voice: Voice) -> str:
    return f"the facility's own staff or health provider: {voice.own}"
