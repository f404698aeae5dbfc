"""Which sentences report an attack, and on what: the incident types of each sentence.

A sentence reports an attack on health care when an attack predicate has a health-care
target near it ("a hospital was shelled", "ambulances were stopped at a checkpoint") or a
casualty figure counts health workers or patients. A facility in a non-attack role
("the wounded were taken to hospital", "hospital sources said") is not a target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import FacilityMention, Figure, FigureKind, IncidentType, Span, VictimGroup
from ..text import Context
from .lexicon import lexicon

_WINDOW_WORDS = 25
_T = IncidentType
# What an act against each kind of target makes of the incident.
_ACTS: dict[str, dict[str, IncidentType]] = {
    "facility": {"struck": _T.FACILITY_ATTACK, "damaged": _T.FACILITY_ATTACK, "destroyed": _T.FACILITY_ATTACK,
                 "occupied": _T.FACILITY_ATTACK, "threatened": _T.FACILITY_ATTACK, "looted": _T.LOOTING,
                 "obstructed": _T.OBSTRUCTION, "killed": _T.FACILITY_ATTACK, "injured": _T.FACILITY_ATTACK,
                 "kidnapped": _T.ARREST_KIDNAP, "arrested": _T.ARREST_KIDNAP},
    "transport": {"struck": _T.TRANSPORT_ATTACK, "damaged": _T.TRANSPORT_ATTACK,
                  "destroyed": _T.TRANSPORT_ATTACK, "occupied": _T.TRANSPORT_ATTACK,
                  "threatened": _T.OBSTRUCTION, "looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION,
                  "killed": _T.TRANSPORT_ATTACK, "injured": _T.TRANSPORT_ATTACK,
                  "kidnapped": _T.TRANSPORT_ATTACK, "arrested": _T.OBSTRUCTION},
    "personnel": {"struck": _T.HEALTH_WORKER_ATTACK, "threatened": _T.HEALTH_WORKER_ATTACK,
                  "damaged": _T.HEALTH_WORKER_ATTACK, "destroyed": _T.HEALTH_WORKER_ATTACK,
                  "occupied": _T.HEALTH_WORKER_ATTACK, "looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION,
                  "killed": _T.HEALTH_WORKER_ATTACK, "injured": _T.HEALTH_WORKER_ATTACK,
                  "kidnapped": _T.ARREST_KIDNAP, "arrested": _T.ARREST_KIDNAP},
    "patients": {"struck": _T.PATIENT_ATTACK, "threatened": _T.PATIENT_ATTACK, "killed": _T.PATIENT_ATTACK,
                 "injured": _T.PATIENT_ATTACK, "kidnapped": _T.PATIENT_ATTACK, "arrested": _T.PATIENT_ATTACK,
                 "obstructed": _T.OBSTRUCTION, "looted": _T.LOOTING},
    "context": {"looted": _T.LOOTING, "obstructed": _T.OBSTRUCTION, "threatened": _T.OBSTRUCTION,
                "struck": _T.FACILITY_ATTACK, "destroyed": _T.LOOTING, "occupied": _T.LOOTING,
                "arrested": _T.ARREST_KIDNAP, "kidnapped": _T.ARREST_KIDNAP},
}
_NOT_FACILITY_SERVICES = frozenset({"building", "equipment", "power", "water", "generators", "ward", "laboratory", "pharmacy", "ambulances", "oxygen"})
_MEDICAL_SUPPLY = re.compile(r"medic|drug|vaccin|insulin|antibiot|ana?est|blood|oxygen|surgical", re.IGNORECASE)


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
    ctx: Context, facilities: list[FacilityMention], figures: list[Figure], speakers: Sequence[Span] = ()
) -> list[SentenceEvent]:
    """One :class:`SentenceEvent` per sentence that reports violence of any kind.

    ``speakers`` are the spans naming the sources ("a rescue worker told ..."): whoever
    reports an attack is not its target.
    """
    events: list[SentenceEvent] = []
    accident = _accident_cues(ctx)
    if _labour_only(ctx):
        return events
    for index, sentence in enumerate(ctx.sentences):
        if _not_news(ctx, sentence, accident):
            continue
        event = _sentence_event(ctx, index, sentence, facilities, figures, speakers)
        if event.violent:
            events.append(event)
    return events


def _accident_cues(ctx: Context) -> str:
    """"whole" when the report calls its fire or blast an accident and names no attacker
    or weapon anywhere; "sentence" when it calls something an accident but also names
    attackers, so that each fire is judged by its own sentence; "" otherwise."""
    lex = lexicon()
    accidents = [(m.start(), m.end()) for m in lex.accident.finditer(ctx.norm)]
    if not accidents:
        return ""
    # "no sign of an attack" is a word about the accident, not an attacker.
    attackers = [m for m in lex.intentional.finditer(ctx.norm)
                 if not any(s <= m.start() < e for s, e in accidents)]
    return "sentence" if attackers else "whole"


def _labour_only(ctx: Context) -> bool:
    """A report of a strike or protest by health workers that tells of no violence: what
    the strike closes, cancels or affects is no attack ("surgeries were cancelled as a
    consequence of the strike")."""
    labour = _labour_spans(ctx)
    if not labour:
        return False
    return not any(not any(s <= m.start() < e for s, e in labour)
                   for m in lexicon().labour_violence.finditer(ctx.norm))


# Every labour phrase holds one of these: most reports need no search for them at all.
_LABOUR_WORDS = ("strike", "walk", "stoppage", "industrial", "tools", "protest", "demonstrat",
                 "sit-in", "march", "rall", "vigil")


def _labour_spans(ctx: Context) -> list[tuple[int, int]]:
    """The report's strikes, walk-outs and protests, found once."""
    found = ctx.notes.get("labour")
    if found is None:
        lowered = ctx.norm.lower()
        found = ([(m.start(), m.end()) for m in lexicon().labour.finditer(ctx.norm)]
                 if any(word in lowered for word in _LABOUR_WORDS) else [])
        ctx.notes["labour"] = found
    return found  # type: ignore[return-value]


def _not_news(ctx: Context, sentence: Span, accident: str) -> bool:
    """Sentences whose violence is no attack on health care: an accidental fire; an
    attack given as the background of a reopening, a rebuilding or a grant ("the clinic,
    destroyed in 2016, reopened on Monday"), unless it says it happened again; a count of
    attacks over a period or a war ("attacked a total of 14 times")."""
    lex = lexicon()
    text = ctx.norm[sentence.start : sentence.end]
    if accident == "whole":
        return True
    if accident == "sentence" and lex.fire.search(text) and not lex.intentional.search(text):
        return True
    if lex.aggregate.search(text):
        return True
    return bool(lex.recovery.search(text)) and not lex.again.search(text)


def _sentence_event(
    ctx: Context, index: int, sentence: Span, facilities: list[FacilityMention], figures: list[Figure],
    speakers: Sequence[Span],
) -> SentenceEvent:
    lex = lexicon()
    text = ctx.norm
    own_figures = [f for f in figures if f.span and sentence.start <= f.span.start < sentence.end]
    acts = lex.attack.finditer(text, sentence.start, sentence.end)
    acts += [a for a in lex.casualty.finditer(text, sentence.start, sentence.end)
             if a[0] in ("killed", "injured", "kidnapped", "arrested") and not _victims_noun(text, a)]
    if not acts and not own_figures:
        return SentenceEvent(sentence, index)  # nothing happened here: no targets to look for
    blocked = [(m.start(), m.end()) for m in lex.non_attack.finditer(text, sentence.start, sentence.end)]
    labour = [(b, e) for b, e in _labour_spans(ctx) if sentence.start <= b < sentence.end]
    blocked += labour
    blocked += [(s.start, s.end) for s in speakers if sentence.start <= s.start < sentence.end]
    in_sentence = [
        f for f in facilities
        if f.span and sentence.start <= f.span.start < sentence.end and not _inside(f.span, blocked)
    ]
    event = SentenceEvent(sentence, index, facilities=in_sentence, figures=own_figures)
    targets = _targets(ctx, sentence, in_sentence, blocked)
    for kind, start, end in sorted(acts, key=lambda a: a[1]):
        if any(s <= start < e for s, e in blocked):
            continue  # "the wounded were taken to hospital"
        if labour and kind in ("obstructed", "threatened"):
            continue  # "patients were turned away as doctors went on strike"
        if kind == "obstructed" and _weak_without_cause(ctx, start, end, index):
            continue  # "a shortage of medical supplies", with no blockade or fighting behind it
        event.violent = True
        for category, spans in targets.items():
            if kind in _ACTS[category] and any(_near(text, s, e, start, end) for s, e in spans):
                _add(event.types, _ACTS[category][kind])
    # After the acts: what was struck comes first ("a strike on the hospital killed two
    # patients" is an attack on a facility that also hit patients), the victims after it.
    for figure in own_figures:
        if figure.kind in (FigureKind.NEED_CARE, FigureKind.AT_RISK):
            continue
        event.violent = True
        _add(event.types, _figure_type(figure))
    if event.health and _T.OTHER_VIOLENCE in event.types:
        event.types.remove(_T.OTHER_VIOLENCE)
    if event.violent and not event.types:
        event.types.append(_T.OTHER_VIOLENCE)
    return event


def _targets(
    ctx: Context, sentence: Span, facilities: list[FacilityMention], blocked: list[tuple[int, int]]
) -> dict[str, list[tuple[int, int]]]:
    """Spans of possible health-care targets in the sentence, by kind of target."""
    lex = lexicon()
    text, start, end = ctx.norm, sentence.start, sentence.end
    found: dict[str, list[tuple[int, int]]] = {
        "facility": [], "transport": [], "personnel": [], "patients": [], "context": [],
    }
    for facility in facilities:
        if facility.span:
            kind = "transport" if facility.facility_type in lex.transport_types else "facility"
            found[kind].append((facility.span.start, facility.span.end))
    for category, rx in (("personnel", lex.personnel), ("patients", lex.patients), ("context", lex.health_context)):
        found[category] += [(m.start(), m.end()) for m in rx.finditer(text, start, end)
                            if not any(s <= m.start() < e for s, e in blocked)]
    found["context"] += [(s, e) for _, s, e in lex.supplies.finditer(text, start, end)
                         if _MEDICAL_SUPPLY.search(text[s:e])]
    # "An intensive care room was invaded": a hospital service stands for its hospital.
    found["facility"] += [(s, e) for key, s, e in lex.services.finditer(text, start, end)
                          if key not in _NOT_FACILITY_SERVICES
                          and not any(s <= b < e or b <= s < f for b, f in blocked)]
    return found


def _weak_without_cause(ctx: Context, start: int, end: int, index: int) -> bool:
    """Care lost with no conflict cause: a closure with none in its sentence or the one
    before it ("... forces ordered the clinic to stop. As a result, it closed."), a
    shortage with none in its own sentence."""
    lex = lexicon()
    if lex.scarcity.fullmatch(ctx.norm, start, end) is not None:
        first = ctx.sentences[index].start  # "ran out of medicines": its own cause or none
    elif lex.weak_obstruction.fullmatch(ctx.norm, start, end) is not None:
        first = ctx.sentences[max(index - 1, 0)].start
    else:
        return False
    return lex.conflict_causes.search(ctx.norm, first, ctx.sentences[index].end) is None


# "The wounded were taken to ...": people already hurt, named by what befell them; the
# word reports no act against anyone beside it ("medics tending them").
_THE_BEFORE = re.compile(r"\b(?:the|of|for|with)\s+$", re.IGNORECASE)
_NOT_A_NOUN_AFTER = re.compile(
    r"\s*(?:[,.;:)]|$|(?:were|was|are|is|to|from|in|at|and|who|had|have|has|as|on|by|into|"
    r"arrived|poured|flooded|filled|lay|lying|sought|seek|seeking|needed|need|needing|"
    r"received|receive|waited|waiting|remain|remained|included|include|died|among)\b)",
    re.IGNORECASE)


def _victims_noun(text: str, act: tuple[str, int, int]) -> bool:
    _, start, end = act
    return (_THE_BEFORE.search(text, max(0, start - 12), start) is not None
            and _NOT_A_NOUN_AFTER.match(text, end) is not None)


def _figure_type(figure: Figure) -> IncidentType:
    if figure.victim_group is VictimGroup.HEALTH_WORKERS:
        # A health worker gone missing is recorded with those taken: the nearest type,
        # while the figure itself keeps "missing" apart from "kidnapped".
        if figure.kind in (FigureKind.KIDNAPPED, FigureKind.ARRESTED, FigureKind.MISSING):
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
