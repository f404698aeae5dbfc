"""Who "the group", "the charity" and "it" are when they speak.

Reports name an organisation once and then let it speak under a common noun: "Hospital
supported by MSF hit by air strike, killing 11, aid group says"; "The Red Crescent
condemned the strike, which it says killed 15 people". Such a speaker is the organisation
last named before it (or in its own sentence), never a news agency that only carries the
story ("MSF told Reuters").
"""

from __future__ import annotations

import re

from ..model import Source, Span
from ..resolve.organisations import canonical_organisation, is_news_outlet
from ..text import Context

# "the aid group", "the Paris-based organisation", "the international medical charity"
ANAPHORIC_ROLE = re.compile(
    r"^(?:the\s+|its\s+|this\s+)?(?:[\w-]+\s+){0,3}(?:group|charity|organi[sz]ation|agency|NGO|"
    r"body|movement|network|ministry|society|association|federation|coalition|committee|"
    r"organisation)$|^it$|^they$|^(?:the\s+|its\s+|this\s+|a\s+)?(?:[\w-]+\s+)?"
    r"(?:statement|report|release|press release|communiqu[eé])$",
    re.IGNORECASE,
)
# A pronoun or an adverb is nobody's name: "He also said" with no one named before.
_NOBODY = frozenset({"he", "she", "it", "they", "also", "him", "her", "them", "we", "i"})
# "which it says killed 15 people", "it said in a statement"
_IT_SAYS = re.compile(
    r"\b(?P<who>it)\s+(?:said|says|added|reported|reports|stated|states|told|confirmed|"
    r"announced|wrote|estimated|estimates)\b"
)
_ORG_WORDS = re.compile(
    r"\b(?:Society|Observatory|Organi[sz]ation|Ministry|Committee|Council|Cross|Crescent|"
    r"Association|Union|Agency|Network|Foundation|Federation|Coalition|Alliance|Directorate|"
    r"Syndicate|Relief|Aid|Monitor|Mission|Commission|Service|Services)\b"
)
_CAPS_RUN = re.compile(
    r"(?:[A-Z][\w'.-]*|[A-Z]{2,})(?:\s+(?:(?:for|of|the|and|de|du|des|sans|da)\s+)?"
    r"(?:[A-Z][\w'.-]*|[A-Z]{2,}))*"
)


def organisations_in(text: str) -> list[str]:
    """The organisations a sentence names, as written, in order; news outlets left out."""
    found = []
    for run in _CAPS_RUN.finditer(text):
        name = re.sub(r"^(?:The|A|An)\s+", "", run.group())
        if is_news_outlet(name):
            continue
        if canonical_organisation(name) is not None or (
            _ORG_WORDS.search(name) and len(name.split()) >= 2
        ):
            found.append(name)
    return found


def resolve_speaker(ctx: Context, sentence: Span, source: Source | None,
                    antecedent: str | None, previous: Source | None = None) -> Source | None:
    """``source``, with an anaphoric organisation ("the group", "the statement") made the
    one it stands for, else the last source quoted; or, where the sentence has no source
    but "it says", that organisation."""
    if (antecedent is None and previous is not None and source is not None
            and not (source.person or source.organisation)
            and ANAPHORIC_ROLE.match(source.role or "")):
        return Source(person=previous.person, organisation=previous.organisation,
                      role=previous.role, span=source.span)
    if source is not None and not (source.person or source.organisation) and (
            (source.role or "").strip().lower() in _NOBODY and antecedent is None):
        return None
    if antecedent is None:
        return source
    if source is not None:
        if source.person or source.organisation or not ANAPHORIC_ROLE.match(source.role or ""):
            return source
        return Source(organisation=antecedent, role=source.role, span=source.span)
    match = _IT_SAYS.search(ctx.norm, sentence.start, sentence.end)
    if match is None:
        return None
    return Source(organisation=antecedent, span=ctx.span(match.start("who"), match.end("who")))
