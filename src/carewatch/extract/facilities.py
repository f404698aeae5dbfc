"""Mentions of health facilities and transport: "two hospitals", "Al-Quds hospital", "M10".

Code names such as "M10" look like road numbers ("the M4 highway") and aircraft ("F-16"),
so a code name is only taken as a facility where the text ties it to one: "called M10",
"code-named M2", "hospital M10", "M10's intensive care unit" once M10 is known.
"""

from __future__ import annotations

import re

from ..model import FacilityMention
from ..resolve.facility_names import describes
from ..text import Context
from .lexicon import lexicon
from .numbers import COUNT_PATTERN, parse_count

_LEADING_WORDS = re.compile(
    r"^(?:(?:The|A|An|This|That|These|Those|In|At|On|Two|Three|Four|Several|Both|Its|Their|"
    r"Local|Nearby|Main|Only|Another|Russian|Syrian|Israeli|Sudanese|Ukrainian|Yemeni|Afghan)\s+)+"
)
_NAMING = re.compile(
    r"\b(?:called|code-?named|codenamed|dubbed|named|nicknamed|(?:known|referred to)(?:\s+[\w']+){0,4}?\s+as)\s+$",
    re.IGNORECASE,
)
# "two hospitals", "two out of four emergency response centres", "three small clinics", but
# not "F-16 struck the hospital" or "on 28 September the hospital".
_COUNT_BEFORE = re.compile(
    rf"(?<![\w-]){COUNT_PATTERN}\s+(?:(?!(?:the|a|an|of|in|on|at|and|or|was|were|is|are|had|has|have|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)\b)"
    r"[a-z][\w'-]*\s+){0,2}$",
    re.IGNORECASE,
)
_FACILITY_AFTER = re.compile(r"\s+(?:hospital|clinic|facility|health cent)", re.IGNORECASE)
_FACILITY_BEFORE = re.compile(r"(?:hospital|clinic|facility)\s+$", re.IGNORECASE)
_LIST_JOINER = re.compile(r"\s*(?:,|and|or|&|,\s*and)\s*")
_PROPER_NAME_START = re.compile(r"(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z]")
_PLURAL = re.compile(r"(?:s|ies|ices)$")
# A proper name ending a list before a plural facility word: "the Nasser, Al-Amal and
# Al-Quds hospitals" lists three hospitals.
_LISTED_BEFORE = re.compile(
    r"(?<![\w-])(?P<name>(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w'-]*"
    r"(?:[ -](?:[A-Z][\w'-]*|al|el)){0,4})\s*(?:,\s*and|,|and|&)\s*$"
)


def find_facilities(ctx: Context) -> list[FacilityMention]:
    """Every mention of a facility or of health transport, named or not, in text order."""
    mentions = _named(ctx)
    taken = [(m.span.start, m.span.end) for m in mentions if m.span]
    # "ambulance crews", "hospital staff" are people, not the vehicle or the building.
    taken += [(m.start(), m.end()) for m in lexicon().personnel.finditer(ctx.norm)]
    for kind, start, end in lexicon().facility.finditer(ctx.norm):
        if any(s <= start < e or s < end <= e for s, e in taken):
            continue
        named_end = _of_place(ctx, start, end)
        if named_end is not None:
            mentions.append(FacilityMention(facility_type=kind, name=ctx.text[start:named_end],
                                            span=ctx.span(start, named_end)))
            continue
        mentions.append(
            FacilityMention(facility_type=kind, count=_count(ctx, start, end), span=ctx.span(start, end))
        )
    mentions.extend(_code_names(ctx, mentions))
    return sorted(mentions, key=lambda m: m.span.start if m.span else 0)


def facility_kind(word: str) -> str:
    """Our facility type for a facility word ("Hospital" -> "hospital")."""
    found = lexicon().facility.finditer(word)
    if not found and word.lower() == "maternity":
        return "hospital"  # "the Idlib Maternity": a maternity hospital
    return found[0][0] if found else "health_centre"


def _named(ctx: Context) -> list[FacilityMention]:
    mentions = []
    for match in lexicon().named_facility.finditer(ctx.norm):
        name = _proper_part(match["name"])
        if not name or not _PROPER_NAME_START.match(name) or lexicon().code_name.fullmatch(name):
            continue  # "M2 hospital" is the code name M2, found by _code_names
        start = match.start("name") + (len(match["name"]) - len(name))
        kind = facility_kind(match["kind"])
        if match.end() > match.end("kind"):  # a plural: "Taiz hospitals", "X and Y hospitals"
            mentions.extend(_listed(ctx, (start, match.start("kind") - 1), match.end(), kind))
            continue
        end = match.end()
        if _generic(name):  # "the Children's Hospital Okhmatdyt": the name, if any, follows
            after = _NAME_AFTER.match(ctx.norm, end)
            if after is None or after["word"] in _NOT_NAMES:
                continue
            end = after.end("word")
        elif _is_country(name):
            continue  # "Ukraine maternity hospital", "Cameroon hospital": where, not which
        mentions.append(FacilityMention(facility_type=kind, name=ctx.text[start:end], span=ctx.span(start, end)))
    return mentions


def _proper_part(words: str) -> str:
    """The part of the words before a facility word that can be its name: not a leading
    article, number or nationality, a headline's verbs and prepositions ("Killed In Strike
    On Al Awda Hospital"), nor who supports it ("MSF-supported")."""
    name = _LEADING_WORDS.sub("", words + " ").rstrip()
    tokens = name.split(" ")
    cut = max((i + 1 for i, t in enumerate(tokens) if t in _HEADLINE_WORDS or _SUPPORTED_BY.fullmatch(t)), default=0)
    return " ".join(tokens[cut:])


def _generic(name: str) -> bool:
    return all(describes(w) for w in name.split())


def _is_country(name: str) -> bool:
    from ..model import PlacePrecision
    from ..resolve.gazetteer import gazetteer, name_key

    words = name.split()
    while words and describes(words[-1]):
        words.pop()
    found = gazetteer().lookup(name_key(" ".join(words))) if words else []
    return any(c.primary and c.entry.precision is PlacePrecision.COUNTRY for c in found)


def _of_place(ctx: Context, start: int, end: int) -> int | None:
    """Where "the hospital centre of Kabasha" ends, when a singular facility word is named
    by its place."""
    if not _DEFINITE.search(ctx.norm, max(0, start - 5), start) or _PLURAL.search(ctx.norm[start:end].lower()):
        return None
    match = _OF_PLACE.match(ctx.norm, end)
    if match is None or _is_country(match["place"]):
        return None
    return match.end()


# Title-case headline words that cannot stand inside a facility's name.
_HEADLINE_WORDS = frozenset(
    ["In", "On", "At", "By", "From", "To", "Near", "For", "After", "Against", "Into", "Outside", "Inside", "Over", "Says", "Said", "Hits", "Hit", "Strike", "Strikes", "Airstrike", "Airstrikes", "Attack", "Attacks", "Attacked", "Destroys", "Destroyed", "Bombs", "Bombed", "Bombing", "Kills", "Killed", "Shells", "Shelled", "Shelling", "Raid", "Raids", "Raided", "Targets", "Targeted", "Damages", "Damaged", "Storm", "Storms", "Stormed", "Loot", "Loots", "Looted", "Burns", "Burned", "Burnt", "Condemns", "Condemned", "Blast", "Missile", "Rocket", "Drone"]
)
_SUPPORTED_BY = re.compile(r"[\w.&'-]+-(?:supported|run|backed|affiliated|funded|operated|managed)", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+(?P<word>[A-Z][\w'\u2019\u02bc-]+)(?=\s*(?:[.,;:)]|$|\s+[a-z(]))")
_NOT_NAMES = frozenset(["In", "On", "At", "By", "And", "Or", "The", "Was", "Is", "Has", "Had", "Were", "Are", "Of", "For", "To", "With"])
_NOT_FACILITY_AFTER = re.compile(
    r"\s+(?:highways?|roads?|motorways?|routes?|jets?|aircraft|planes?|fighters?|tanks?|rifles?|missiles?|rockets?|"
    r"drones?|helicopters?|guns?|grades?|lines?|buses|trains?)\b",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_OF_PLACE = re.compile(r"\s+of\s+(?P<place>(?:(?:al|el|ad|as|ar|an|at|az|ash)-)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\b")

_SETTING = re.compile(r"\b(?:in|at|on|near|from|across|around|outside)\s+$", re.IGNORECASE)


def _listed(
    ctx: Context, last: tuple[int, int], end: int, kind: str
) -> list[FacilityMention]:
    """The facilities a plural names: one for each proper name of a list ("the Nasser and
    Al-Amal hospitals"); none when there is no list ("Taiz hospitals", "MSF clinics": the
    facilities of a place or an organisation, found unnamed) or when every name in it is
    a place ("the Gaza and Rafah hospitals"). ``last`` is the name before the facility
    word, which ends at ``end``."""
    spans = [last]
    while listed := _LISTED_BEFORE.search(ctx.norm, 0, spans[0][0]):
        name = _LEADING_WORDS.sub("", listed["name"] + " ").rstrip()
        name_start = listed.end("name") - len(name)
        comma = ctx.norm[listed.end("name") : spans[0][0]].strip() == ","
        if not name or (comma and _SETTING.search(ctx.norm, 0, name_start)):
            break  # "In Taiz, Al-Thawra and Al-Jumhuri hospitals": Taiz is where they are
        spans.insert(0, (name_start, listed.end("name")))
    spans = [(s, e) for s, e in spans if not _generic(ctx.norm[s:e])]  # "the Paediatric and X hospitals"
    if len(spans) < 2 or all(_is_place(ctx.text[s:e]) for s, e in spans):
        return []
    # The last name's span runs on over the facility word, which it stands for.
    return [
        FacilityMention(
            facility_type=kind,
            name=ctx.text[s:e],
            span=ctx.span(s, end if (s, e) == last else e),
        )
        for s, e in spans
    ]


def _is_place(name: str) -> bool:
    from ..resolve.gazetteer import gazetteer, name_key

    return bool(gazetteer().lookup(name_key(name)))


def _count(ctx: Context, start: int, end: int) -> int:
    before = ctx.norm[max(0, start - 40) : start]
    match = _COUNT_BEFORE.search(before)
    if match:
        count = parse_count(match["number"], match["qualifier"], match["total"])
        if count:
            return count.value
    return 2 if _PLURAL.search(ctx.norm[start:end].lower()) else 1


def _code_names(ctx: Context, mentions: list[FacilityMention]) -> list[FacilityMention]:
    """Code names confirmed by a naming phrase or an adjacent facility word, and those
    listed with a confirmed one ("called M10 and M2", "the M10 and M2 hospitals")."""
    text = ctx.norm
    candidates = list(lexicon().code_name.finditer(text))
    kinds: dict[int, str] = {}
    confirmed: dict[str, str] = {}
    for i, match in enumerate(candidates):
        sentence = ctx.sentences[ctx.sentence_index(match.start())]
        kind = _nearest_kind(mentions, match.start(), sentence.start, sentence.end)
        if kind is None:
            continue
        kinds[i] = kind
        named = _NAMING.search(text, max(0, match.start() - 45), match.start())
        adjacent = _FACILITY_AFTER.match(text, match.end()) or _FACILITY_BEFORE.search(
            text, max(0, match.start() - 12), match.start()
        )
        if named or adjacent:
            confirmed.setdefault(match.group(), kind)
    _confirm_pairs(text, candidates, kinds, confirmed)
    _confirm_listed(text, candidates, kinds, confirmed)
    return [
        FacilityMention(facility_type=confirmed[m.group()], name=m.group(), is_code_name=True,
                        span=ctx.span(m.start(), m.end()))
        for m in candidates
        if m.group() in confirmed
    ]


def _confirm_pairs(
    text: str, candidates: list[re.Match[str]], kinds: dict[int, str], confirmed: dict[str, str]
) -> None:
    """"now that the M2 and M10 have been put out of service", in a sentence about
    hospitals: code names paired under one article are the facilities the sentence is
    about, unless a road, a weapon or an aircraft follows ("the M4 and M5 highways")."""
    for i in range(len(candidates) - 1):
        first, second = candidates[i], candidates[i + 1]
        if i not in kinds or i + 1 not in kinds or not _LIST_JOINER.fullmatch(text, first.end(), second.start()):
            continue
        if _DEFINITE.search(text, max(0, first.start() - 5), first.start()) and not _NOT_FACILITY_AFTER.match(
            text, second.end()
        ):
            confirmed.setdefault(first.group(), kinds[i])
            confirmed.setdefault(second.group(), kinds[i + 1])


def _confirm_listed(
    text: str, candidates: list[re.Match[str]], kinds: dict[int, str], confirmed: dict[str, str]
) -> None:
    """A code name listed right beside a confirmed one ("M10 and M2") is confirmed too."""
    changed = True
    while changed:
        changed = False
        for i in range(len(candidates) - 1):
            first, second = candidates[i], candidates[i + 1]
            if not _LIST_JOINER.fullmatch(text, first.end(), second.start()):
                continue
            for a, b in ((i, i + 1), (i + 1, i)):
                known, other = candidates[a].group(), candidates[b].group()
                if known in confirmed and other not in confirmed and b in kinds:
                    confirmed[other] = confirmed[known]
                    changed = True


def _nearest_kind(mentions: list[FacilityMention], offset: int, start: int, end: int) -> str | None:
    near = [m for m in mentions if m.span and start <= m.span.start < end and not m.is_code_name]
    if not near:
        return None
    return min(near, key=lambda m: abs(m.span.start - offset) if m.span else 0).facility_type
