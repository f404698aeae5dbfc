"""Which sentences report an attack, and on what: the incident types of each sentence.

A sentence reports an attack on health care when an attack predicate has a health-care
target near it ("a hospital was shelled", "ambulances were stopped at a checkpoint") or a
casualty figure counts health workers or patients. A facility in a non-attack role
("the wounded were taken to hospital", "hospital sources said") is not a target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import FacilityMention, Figure, FigureKind, IncidentType, Span, VictimGroup
from ..text import Context
from .lexicon import lexicon

_WINDOW_WORDS = 14
_T = IncidentType
_FACILITY_ACTS = {"struck": _T.FACILITY_ATTACK, "damaged": _T.FACILITY_ATTACK, "destroyed": _T.FACILITY_ATTACK,
                  "occupied": _T.FACILITY_ATTACK, "threatened": _T.FACILITY_ATTACK,
                  "looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION}
_TRANSPORT_ACTS = {"struck": _T.TRANSPORT_ATTACK, "damaged": _T.TRANSPORT_ATTACK,
                   "destroyed": _T.TRANSPORT_ATTACK, "occupied": _T.TRANSPORT_ATTACK,
                   "threatened": _T.OBSTRUCTION, "looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION}
_PERSONNEL_ACTS = {"struck": _T.HEALTH_WORKER_ATTACK, "threatened": _T.HEALTH_WORKER_ATTACK,
                   "damaged": _T.HEALTH_WORKER_ATTACK, "destroyed": _T.HEALTH_WORKER_ATTACK,
                   "occupied": _T.HEALTH_WORKER_ATTACK,
                   "looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION}
_CONTEXT_ACTS = {"looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION, "threatened": _T.OBSTRUCTION,
                 "struck": _T.FACILITY_ATTACK, "destroyed": _T.LOOTING, "occupied": _T.LOOTING}


@dataclass
class SentenceEvent:
    """What one sentence reports."""

    sentence: Span
    index: int
    types: list[IncidentType] = field(default_factory=list)
    facilities: list[FacilityMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    violent: bool = False  # an attack or casualty predicate, health-related or not

    @property
    def health(self) -> bool:
        return any(t is not _T.OTHER_VIOLENCE for t in self.types)


def find_events(
    ctx: Context, facilities: list[FacilityMention], figures: list[Figure]
) -> list[SentenceEvent]:
    """One :class:`SentenceEvent` per sentence that reports violence of any kind."""
    events = []
    for index, sentence in enumerate(ctx.sentences):
        event = _sentence_event(ctx, index, sentence, facilities, figures)
        if event.violent:
            events.append(event)
    return events


def _sentence_event(
    ctx: Context, index: int, sentence: Span, facilities: list[FacilityMention], figures: list[Figure]
) -> SentenceEvent:
    lex = lexicon()
    text = ctx.norm
    blocked = [(m.start(), m.end()) for m in lex.non_attack.finditer(text, sentence.start, sentence.end)]
    in_sentence = [
        f for f in facilities
        if f.span and sentence.start <= f.span.start < sentence.end and not _inside(f.span, blocked)
    ]
    own_figures = [f for f in figures if f.span and sentence.start <= f.span.start < sentence.end]
    event = SentenceEvent(sentence, index, facilities=in_sentence, figures=own_figures)
    for figure in own_figures:
        if figure.kind in (FigureKind.NEED_CARE, FigureKind.AT_RISK):
            continue
        event.violent = True
        _add(event.types, _figure_type(figure))
    attacks = lex.attack.finditer(text, sentence.start, sentence.end)
    personnel = [(m.start(), m.end()) for m in lex.personnel.finditer(text, sentence.start, sentence.end)]
    context = [(m.start(), m.end()) for m in lex.health_context.finditer(text, sentence.start, sentence.end)]
    context += [(s, e) for _, s, e in lex.supplies.finditer(text, sentence.start, sentence.end)
                if re.search(r"medic|drug|vaccin|insulin|antibiot|anaest|anest|blood|oxygen|surgical", text[s:e], re.I)]
    for kind, start, end in attacks:
        event.violent = True
        for facility in in_sentence:
            if facility.span and _near(text, facility.span.start, facility.span.end, start, end):
                table = _TRANSPORT_ACTS if facility.facility_type in lex.transport_types else _FACILITY_ACTS
                _add(event.types, table[kind])
        if any(_near(text, s, e, start, end) for s, e in personnel if not _inside(Span(s, e, ""), blocked)):
            _add(event.types, _PERSONNEL_ACTS[kind])
        if kind in _CONTEXT_ACTS and any(_near(text, s, e, start, end) for s, e in context):
            _add(event.types, _CONTEXT_ACTS[kind])
    if event.health and _T.OTHER_VIOLENCE in event.types:
        event.types.remove(_T.OTHER_VIOLENCE)
    if event.violent and not event.types:
        event.types.append(_T.OTHER_VIOLENCE)
    return event


def _figure_type(figure: Figure) -> IncidentType:
    if figure.victim_group is VictimGroup.HEALTH_WORKERS:
        if figure.kind in (FigureKind.KIDNAPPED, FigureKind.ARRESTED):
            return _T.ARREST_KIDNAP
        if figure.kind in (FigureKind.KILLED, FigureKind.INJURED):
            return _T.HEALTH_WORKER_ATTACK
    if figure.victim_group is VictimGroup.PATIENTS and figure.kind not in (FigureKind.NEED_CARE, FigureKind.AT_RISK):
        return _T.PATIENT_ATTACK
    return _T.OTHER_VIOLENCE


def _add(types: list[IncidentType], kind: IncidentType) -> None:
    if kind not in types:
        types.append(kind)


def _inside(span: Span, blocked: list[tuple[int, int]]) -> bool:
    return any(s <= span.start < e for s, e in blocked)


def _near(text: str, a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    gap = text[a_end:b_start] if a_end <= b_start else text[b_end:a_start]
    return len(gap.split()) <= _WINDOW_WORDS and ";" not in gap
