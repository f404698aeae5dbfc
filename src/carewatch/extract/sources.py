"""Who said it: the person and organisation a sentence attributes its facts to.

Reports quote people in a few fixed shapes ("X, an officer of Y, said that ...",
"..., head X said.", "according to X", "X told The Independent that ..."); a sentence
opening with "He" or "She" continues the previous speaker.
"""

from __future__ import annotations

import re

from ..model import Source, Span
from ..text import Context
from .source_anaphora import organisations_in, resolve_speaker

_VERB = (
    r"(?:said|says|say|told|tells|reported|reports|report|stated|states|added|explained|estimated|"
    r"estimates|confirmed|confirms|claimed|claims|announced|noted|warned|described|documented|"
    r"recorded|counted|wrote|tweeted|posted|maintained|mentioned|stressed|insisted|revealed|"
    r"disclosed)"
)
_WHO = r"[A-Z\"'][^.;:!?]{1,160}?"
# A comma or an opening quote before the speaker; an apostrophe after a letter is a
# possessive ("the clinic's director said"), not a quote.
_OPENER = r"(?:,|(?<!\w)[\"'])"
# "... said on Wednesday.", "... said in a statement on Friday.", "... wrote on Telegram.",
# "... told Reuters.": when, how and to whom it was said.
_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight)"
_WHEN_SAID = (
    r"(?:\s+(?:in\s+an?\s+(?:\w+\s+)?(?:statement|report|press\s+release|post|video|tweet|briefing|"
    r"interview|update|message|note|bulletin|press\s+conference|news\s+conference)"
    r"|on\s+(?:Telegram|Twitter|X|Facebook|Instagram|social\s+media|(?:state\s+)?(?:television|TV|radio))"
    rf"|(?:on\s+|late\s+on\s+|early\s+on\s+|earlier\s+on\s+)?{_DAY}(?:\s+(?:night|morning|evening))?"
    r"|(?:last|this)\s+(?:week|month|night)|earlier|later|separately|afterwards"
    r"|(?:to\s+)?(?:reporters|journalists|the\s+press)"
    r"|told\s+(?:the\s+)?(?:[A-Z][\w.'&-]*(?:\s+(?:of\s+)?[A-Z][\w.'&-]*){0,3}|reporters|journalists)))*"
)
# "MSF told Reuters": a verb of telling with its listener.
_VERB_TO = (
    r"(?:(?:told|tells)\s+(?:the\s+)?(?:[A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*){0,3}|reporters|journalists)"
    rf"|{_VERB})"
)
_SHAPES = [
    # "Adham Sahloul, an advocacy officer ..., said that"
    re.compile(rf"^\s*(?P<who>{_WHO}),\s*(?P<apposition>[^,]{{3,160}}),\s*{_VERB}\b"),
    # "..., head Mohammed Abu Rajab said." / "..., doctors on the ground report."
    re.compile(
        rf"{_OPENER}\s*(?P<who>(?:[^,\"']|(?<=\w)'){{3,120}}?)\s+{_VERB_TO}{_WHEN_SAID}\s*[.!]?\s*$"
    ),
    # "UK-based monitor Syrian Observatory for Human Rights said that"
    re.compile(
        r"^\s*(?P<who>[A-Z][^.;:!?,]{1,100}?)\s+(?:has |have |had )?"
        r"(?:said|says|told|tells|reported|reports|stated|confirmed|claimed|estimated|warned)\b(?! by)"
    ),
    # "..., said Amina Yusuf, a midwife at the clinic."
    re.compile(
        _OPENER + r"\s*(?:said|says|told reporters|added)\s+(?P<who>(?:Dr\.?\s+)?[A-Z][^,.;]{2,60}?)"
        r"(?:,\s*(?P<apposition>[^.;]{3,120}?))?\s*[.!]?\s*$"
    ),
    re.compile(r"\baccording to\s+(?P<who>[^,.;]{3,120})", re.IGNORECASE),
    re.compile(rf"\b(?:{_VERB}|reported)\s+by\s+(?P<who>[A-Z][^,.;]{{2,120}})"),
]
_PRONOUN = re.compile(r"^\s*(?:He|She|They)\s+(?:\w+\s+){0,2}?" + _VERB + r"\b|^\s*(?:He|She)\b")
_TITLE = re.compile(r"^(?:Dr\.?|Doctor|Prof\.?|Professor|Mr\.?|Mrs\.?|Ms\.?|Sheikh|General|Colonel|President)\s+")
_ORG_WORDS = re.compile(
    r"\b(?:Society|Observatory|Organi[sz]ation|Ministry|Committee|Council|Cross|Crescent|"
    r"Helmets|Association|Union|Agency|Office|Department|Network|Foundation|Federation|Coalition|"
    r"Alliance|Institute|Centre|Center|Watch|International|Nations|Programme|Fund|Authority|"
    r"Directorate|Syndicate|Forces|Army|Doctors|Medecins|Médecins|Service|Services|Relief|Aid|"
    r"Monitor|Mission|Group|Initiative|Campaign|Corps|Commission|Bureau|Trust|Project|Hospital|News|Times|Post|Press|Independent)\b"
)
_CAPS_RUN = re.compile(
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:(?:for|of|the|and|de|du|des|sans|da|al|bin|van|von)\s+)?(?:[A-Z][\w'’.-]*|[A-Z]{2,}))*"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,7}\b")
_PARTICLES = frozenset({"de", "da", "al", "el", "bin", "ibn", "van", "von", "der", "abu", "ben"})
_NOT_SPEAKERS = frozenset({"It", "This", "That", "There", "What", "Which", "He", "She", "They", "We", "I"})
_NOT_NAMES = frozenset({"The", "A", "An", "UK", "US", "He", "She", "They", "It", "This", "That"})


def find_sources(ctx: Context) -> list[tuple[Span, Source]]:
    """Each attributed sentence with the source it is attributed to, in text order.

    A sentence may have several ("Sources: ACLED and Radio Okapi"): the first is the one
    its figures are attributed to.
    """
    found: list[tuple[Span, Source]] = []
    previous: Source | None = None
    item_sources = _source_lines(ctx)
    named: str | None = None  # the organisation last named: who "the group" is
    for index, sentence in enumerate(ctx.sentences):
        here = organisations_in(ctx.norm[sentence.start : sentence.end])
        source = _attribution(ctx, sentence)
        if source is None and previous is not None and _PRONOUN.match(sentence.text):
            source = previous
        source = resolve_speaker(ctx, sentence, source, here[0] if here else named, previous)
        named = here[-1] if here else named
        if source is not None:
            found.append((sentence, source))
            previous = source
        found.extend((sentence, listed) for listed in item_sources.get(index, []))
    return found


# "Source: ACLED", "Sources: Radio Okapi and Actualite": a brief's item names its sources
# after its text, for the whole item.
_SOURCE_LINE = re.compile(r"\(?\s*Sources?\s*:\s*(?P<names>[^\n]{2,300}?)\s*\)?\s*\.?\s*$")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*and\s+|,\s*|;\s*|\s+and\s+|\s*/\s*)")
# "Source: ACLED1 14 February 2019: In Djibo town, ...": the next item ran on.
_NEXT_ITEM = re.compile(r"\s+(?:\d{1,2}(?:-\d{1,2})?\s+[A-Z][a-z]+(?:\s+\d{4})?\s*:|As reported on\b)")
_EDITION = re.compile(r"(?:\s+(?:I|II|III|IV|V)|\d)$")


def _source_lines(ctx: Context) -> dict[int, list[Source]]:
    """Sentence index -> the sources a "Source:" line gives for the item holding it."""
    by_sentence: dict[int, list[Source]] = {}
    sentences = ctx.sentences
    for index, sentence in enumerate(sentences):
        match = _SOURCE_LINE.match(ctx.norm, sentence.start, sentence.end)
        if match is None:
            continue
        names = [_EDITION.sub("", n.strip())
                 for n in _LIST_SEPARATOR.split(_NEXT_ITEM.split(match["names"])[0])]
        listed = [Source(organisation=n, span=ctx.span(sentence.start, sentence.end))
                  for n in dict.fromkeys(names) if len(n) > 1]
        item_start = _item_start(ctx.norm, sentence.start)
        for i in range(index, -1, -1):
            if sentences[i].end <= item_start:
                break
            by_sentence.setdefault(i, []).extend(listed)
    return by_sentence


def _item_start(text: str, offset: int) -> int:
    """Where the item a "Source:" line closes begins: its own line, or the line before
    when the source stands on a line of its own."""
    line_start = text.rfind("\n", 0, offset) + 1
    if text[line_start:offset].strip():
        return line_start
    return text.rfind("\n", 0, len(text[:line_start].rstrip())) + 1


def source_at(sources: list[tuple[Span, Source]], offset: int) -> Source | None:
    """The source of the sentence holding ``offset``, if it has one."""
    for sentence, source in sources:
        if sentence.start <= offset < sentence.end:
            return source
    return None


# A crawled page may open with its date: " date 2023-11-23 French medical charity MSF said".
_PAGE_DATE = re.compile(r"\s*date\s+\d{4}-\d{2}-\d{2}\s+")


def _attribution(ctx: Context, sentence: Span) -> Source | None:
    page = _PAGE_DATE.match(ctx.norm, sentence.start, sentence.end) if sentence.start < 5 else None
    offset = page.end() if page else sentence.start
    text = ctx.norm[offset : sentence.end]
    for shape in _SHAPES:
        match = shape.search(text)
        if not match:
            continue
        who = match["who"].strip()
        apposition = match.groupdict().get("apposition") or ""
        source = parse_source(who, apposition)
        if source is None:
            continue
        start = offset + match.start("who") + (len(match["who"]) - len(match["who"].lstrip()))
        source.span = ctx.span(start, start + len(who))
        return source
    return None


def parse_source(who: str, apposition: str = "") -> Source | None:
    """Split "Dr Mounir Hakimi of Syrian medical charity UOSSM" into person, organisation, role."""
    if who.split()[0] in _NOT_SPEAKERS or len(who.split()) > 12:
        return None
    person_part, _, org_part = who.partition(" of ")
    if _ORG_WORDS.search(person_part):  # "Union of Medical Care ...": one organisation's name
        person_part, org_part = who, ""
    organisation = _organisation(org_part) or _organisation(apposition) or _organisation(who)
    person = _person(person_part) or _person(apposition)
    if person and organisation and person in organisation:
        person = None
    role = _role(who if not person else person_part, person, organisation) or _role(apposition, None, organisation)
    if not (person or organisation or role):
        return None
    return Source(person=person, organisation=organisation, role=role)


def _organisation(text: str) -> str | None:
    if not text:
        return None
    runs = [r.group() for r in _CAPS_RUN.finditer(text)]
    for run in runs:
        if _ORG_WORDS.search(run) and len(run.split()) >= 2:
            return _strip_article(run)
    acronyms = [a for a in _ACRONYM.findall(text) if a not in _NOT_NAMES]
    if acronyms:
        return acronyms[-1]
    multi = [r for r in runs if len(r.split()) >= 2 and not _TITLE.match(r)]
    return _strip_article(multi[0]) if multi and not _looks_like_person(multi[0]) else None


def _person(text: str) -> str | None:
    text = _TITLE.sub("", text.strip())
    for run in _CAPS_RUN.finditer(text):
        name = _TITLE.sub("", run.group())
        if _looks_like_person(name):
            return name
    return None


def _looks_like_person(run: str) -> bool:
    words = run.split()
    return (
        2 <= len(words) <= 4
        and words[0] not in _NOT_NAMES
        and not _ORG_WORDS.search(run)
        and not any(w.isupper() and len(w) > 1 for w in words)
        and all(w[0].isupper() or w in _PARTICLES for w in words)
    )


def _role(text: str, person: str | None, organisation: str | None) -> str | None:
    for part in (person, organisation):
        if part:
            text = text.replace(part, " ")
    text = _TITLE.sub("", text)
    words = [w for w in re.findall(r"\b[a-z][\w'-]*", text) if w not in ("a", "an", "the", "based", "for", "of", "in", "or", "and", "at", "with")]
    if not words:
        return None
    role = " ".join(words[-4:]) if len(text) < 60 else " ".join(words[:3])
    return role or None


def _strip_article(text: str) -> str:
    return re.sub(r"^(?:The|A|An)\s+", "", text)
