"""Which count phrases a casualty verb applies to: its subject or object, the victims
coordinated with them ("a doctor, his wife and their three children"), verbs that share a
subject ("was shot and killed"), and lists after "including".

The verb is found by the lexicon and the phrases by :mod:`.victims`; this module only
links them, from the words between.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from .lexicon import lexicon
from .numbers import NUMBER_PATTERN
from .victims import VEHICLE, CountPhrase

Link = tuple[CountPhrase, str, int, int]  # the phrase, its kind, the verb's start and end

# Between a subject and its verb: auxiliaries, adverbs, or a short phrase ("a driver for an
# LNGO was shot"), but never a clause boundary.
_CLAUSE_BREAK = re.compile(
    r"[;:]|\b(?:that|said|says|after|before|because|while|whereas|but|when)\b", re.IGNORECASE
)
_AMONG = re.compile(r"\s+(?:was|were|are|is)\s+(?:\w+ly\s+)?among(?:st)?\s+(?:the\s+)?", re.IGNORECASE)
_MAX_GAP_WORDS = 6
# "A medic for the local defence group was reportedly killed": the auxiliaries and adverbs
# before a verb do not lengthen the distance from its subject.
_VERB_TAIL = re.compile(
    r"(?:\s*\b(?:was|were|is|are|has|have|had|been|being|be|got|reportedly|allegedly|also|later|then|"
    r"subsequently|fatally|seriously|severely|critically|badly|lightly|slightly|physically|brutally|"
    r"both|all|each)\b)*\s*$",
    re.IGNORECASE,
)
_MAX_RELATIVE_GAP_WORDS = 16
# "a nurse who had been abducted was found dead": the verb of the relative clause took the
# subject first, and the main verb shares it.
_WHO_AFTER = re.compile(r"\s*,?\s*who\b", re.IGNORECASE)
_RELATIVE_VERB = re.compile(r"\s*,?\s*(?:who|that)\b[^.;:]*$", re.IGNORECASE)
# A participle, but not a preposition ("during") or a verb that harms its object.
_PARTICIPLE = (
    r"(?!(?:being|having|including|during|according|regarding|concerning|following|excluding|killing|injuring|wounding|"
    r"kidnapping|abducting|arresting|detaining|shooting|beating|stabbing|leaving|causing|resulting)\b)[a-z]+ing"
)
_ASIDE = re.compile(r"\s*\([^()]{1,120}\)")
_RELATIVE = re.compile(
    r"^\s*,?\s*(?:who|whose|which|that|working|serving|employed|based|volunteering|travelling|traveling|"
    r"returning|driving|deployed|assigned|affiliated|attached|"
    r"on (?:his|her|their) way|en route|"
    # "police officers guarding vaccinators were attacked": any participle.
    rf"{_PARTICIPLE})\b",
    re.IGNORECASE,
)
# "an officer escorting two nurses was hurt", "a car carrying medics was attacked": the
# participle's object is no subject; but "the striking doctors" are.
_PARTICIPLE_BEFORE = re.compile(
    rf"\b(?!(?:the|a|an|his|her|their|its|of|and|or|by|with|for|from|to)\b)[a-z]+\s+{_PARTICIPLE}\s+"
    r"(?:(?:the|a|an|his|her|their|its)\s+)?$",
    re.IGNORECASE,
)
_COMPLEMENT_BEFORE = re.compile(r"\bof\s+$", re.IGNORECASE)
# ... but "a team of four nurses", "a couple of doctors", "all of the nurses" are the people.
_COLLECTIVE_OF = re.compile(
    r"\b(?:(?:an?|the)\s+(?:[\w-]+\s+)?(?:team|group|crew|convoy|unit|party|delegation|mission|couple|pair|handful|"
    r"contingent|squad|band|number|total|majority|minority|rest|dozen|score)s?|all|both|each|none|most|some|many|several|"
    r"any|either|neither)\s+of\s+$",
    re.IGNORECASE,
)
# Verbs that take things as often as people ("seized the keys", "seized two nurses").
_TAKING = re.compile(r"(?:seized|taken|grabbed|carried off|led away)", re.IGNORECASE)
_OBJECT_NEXT = re.compile(r"\s+")
_THING_NAMED = re.compile(
    rf"\b(?:the|an?|his|her|their|its|our|[\w-]+'s|{NUMBER_PATTERN})\s+(?!and\b|or\b)\w|[;:]", re.IGNORECASE
)
_VEHICLE_FIRST = re.compile(rf"{VEHICLE}\s", re.IGNORECASE)
_AFTER_BEING = re.compile(r"^\s*(?:\w+\s+)?(?:after|before|while) being\s+$", re.IGNORECASE)
# "an officer based in X, said that two patients died": the speaker is no subject.
_SPEAKER_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:said|says|told|reported|stated)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|reported|stated|according)\b", re.IGNORECASE)
# Between coordinated victims: "a doctor, his wife and their three children".
_JOINER = re.compile(
    r"\s*,?\s*(?:and|&|as well as|along with|together with)?\s*(?:(?:his|her|their)\s+[\w-]+\s*(?:,|and|,\s*and)\s*)*"
    r"(?:(?:and|,)\s*)?(?:(?:his|her|their)\s+)?",
    re.IGNORECASE,
)
_OF_WHOM = re.compile(r"\b(?:of|among) (?:whom|them|which)\s+(?:at least\s+)?$", re.IGNORECASE)
INCLUDING = re.compile(r"\b(?:including|among them|among whom|of whom|amongst them)\s+(?:at least\s+)?$", re.IGNORECASE)
# "another 20 injured", "one arrested": a count without a noun must touch its verb.
_BARE_GAP = re.compile(r"^\s*(?:(?:were|was|are|is|have been|has been|had been|also|reportedly|later|being)\s+)*$", re.IGNORECASE)
_DIRECT_OBJECT_GAP = re.compile(r"^\s+$")
_PASSIVE = re.compile(r"\b(?:was|were|been|being|be|is|are|got|get)\b", re.IGNORECASE)
_PASSIVE_PREDICATE = re.compile(r"(?:was|were|been|be|being)\b", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_APPOSITION_GAP = re.compile(r"^\s+(?:the|his|her|their)\s+(?:[\w'-]+\s+){0,2}?[\w'-]+\s*,\s+$", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"^(?:\s|,|\b(?:at|least|and|including|of|them|some|the|his|her|their)\b)*$", re.IGNORECASE)


def share_among(
    text: str, phrases: list[CountPhrase], links: dict[tuple[int, str], Link],
    linked: dict[int, Link],
) -> None:
    """"Two nurses were amongst the 15 civilians killed": the nurses share the crowd's fate."""
    for phrase, crowd in pairwise(phrases):
        if phrase.start in linked or crowd.start not in linked:
            continue
        if _AMONG.fullmatch(text, phrase.end, crowd.start):
            _, kind, p_start, p_end = linked[crowd.start]
            linked[phrase.start] = links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))


# "was abducted from his home along with his driver": the companion shares the fate.
_COMPANION_GAP = re.compile(r"\s+(?:(?!(?:and|but|while|when|after|before)\b)[\w'-]+\s+){0,5}?(?:along|together) with\s+", re.IGNORECASE)


def share_companions(
    text: str, phrases: list[CountPhrase], links: dict[tuple[int, str], Link], linked: dict[int, Link],
) -> None:
    """"A doctor was kidnapped along with his driver": the driver was kidnapped too."""
    for (start, kind), (phrase, _, p_start, p_end) in list(links.items()):
        if phrase.end > p_start:
            continue
        companion = next((p for p in phrases if p.start >= p_end and p.start not in linked), None)
        if companion is not None and _COMPANION_GAP.fullmatch(text, p_end, companion.start):
            for joined in _coordinated_forward(text, [p for p in phrases if p.start >= companion.start]):
                linked[joined.start] = links.setdefault((joined.start, kind), (joined, kind, p_start, p_end))


_VERB_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)", re.IGNORECASE)
# A verb of the past or a participle: "ordered to shoot, kill and arrest nurses" is no deed.
_DONE = re.compile(r"(?:ed|en|ing|shot|hurt|beat|slain)$", re.IGNORECASE)


def share_objects(
    text: str, predicates: list[tuple[str, int, int]], links: dict[tuple[int, str], Link],
    linked: dict[int, Link],
) -> None:
    """"Gunmen shot, wounded and abducted a doctor": verbs listed before one object all
    take it. "killed and wounded five nurses" is left to the last verb: the five may be
    split between the two fates."""
    for (kind, p_start, p_end), (next_kind, n_start, _) in reversed(list(pairwise(predicates))):
        if not _VERB_LIST_GAP.fullmatch(text, p_end, n_start) or {kind, next_kind} == {"killed", "injured"}:
            continue
        if not _DONE.search(text[p_start:p_end]) or _passive(text, p_start, p_end):
            continue
        if any(link[2] == p_start for link in links.values()):
            continue
        for phrase, _, v_start, _ in [v for v in links.values() if v[2] == n_start and v[0].start >= v[3]]:
            linked[phrase.start] = links.setdefault((phrase.start, kind), (phrase, kind, p_start, p_end))


def included_after_predicate(
    text: str, phrases: list[CountPhrase], predicates: list[tuple[str, int, int]]
) -> set[int]:
    """Starts of the phrases listed after "including" once a verb has been said: "Nine
    people were killed, including a pharmacist and his son, and several wounded" keeps
    the pharmacist with the dead."""
    included: set[int] = set()
    for i, phrase in enumerate(phrases):
        if not any(p_end <= phrase.start for _, _, p_end in predicates):
            continue
        if INCLUDING.search(text, max(0, phrase.start - 25), phrase.start):
            listed = _coordinated_forward(text, phrases[i:])
            # "including two doctors, and a nurse was injured": the nurse has a verb of her
            # own, as has the one in "four were abducted, of whom one was found dead".
            while listed and _has_own_verb(text, listed[-1], predicates) and (
                len(listed) > 1 or _OF_WHOM.search(text, max(0, listed[0].start - 25), listed[0].start)
            ):
                listed.pop()
            included.update(p.start for p in listed)
    return included


def _has_own_verb(text: str, phrase: CountPhrase, predicates: list[tuple[str, int, int]]) -> bool:
    return any(p_start >= phrase.end and _BARE_GAP.match(text[phrase.end : p_start]) for _, p_start, _ in predicates)


def arguments(
    text: str, phrases: list[CountPhrase], p_start: int, p_end: int,
    linked: dict[int, Link], included: set[int], people_only: bool = False,
) -> list[CountPhrase]:
    """The count phrases a predicate applies to: its subject(s) before, else its object(s) after.

    A subject already taken by an earlier predicate stays available when that predicate
    is coordinated with this one ("was shot in the head and killed"). An active verb with
    a direct object ("two armed men shot a nurse") applies to the object.
    """
    # A phrase listed after "including" is a subject only of its own relative clause.
    phrases = [p for p in phrases if p.start not in included or _RELATIVE.match(text[p.end : p_start])]
    relative = _relative_verbs(text, phrases, p_start, linked)
    before = [
        p for p in phrases
        if p.end <= p_start and (
            p.start not in linked or _coordinated_predicates(text, linked[p.start][3], p_start)
            or linked[p.start][2] in relative or _antecedent(text, p, linked[p.start], p_start)
        )
        and (p.has_noun or _BARE_GAP.match(text[p.end : p_start]))
    ]
    # "Two nurses (one of them a trainee) were hurt": the aside holds no subject.
    # "the eyes of one of the doctors ... and were arrested": a noun's complement is no subject.
    before = [p for p in before if not _in_aside(text, p, p_start)
              and not _carried(text, p, people_only) and not _complement(text, p)]
    # "Five people, including two doctors, were killed": the verb's subject is the five.
    while len(before) > 1 and INCLUDING.search(text, max(0, before[-1].start - 25), before[-1].start):
        before.pop()
    # "A doctor who was visiting a relative was shot": the relative clause's own nouns
    # are not the subject; but once the relative clause's subject has had its own verb
    # ("a doctor working for X was killed and two others injured"), the clause is over.
    for i, phrase in enumerate(before[:-1]):
        gap = text[phrase.end : p_start]
        closed = phrase.start in linked and linked[phrase.start][3] <= before[i + 1].start
        if not closed and _RELATIVE.match(gap) and _subject_gap(text, phrase.end, p_start) and not _REPORTED.search(gap):
            before = before[: i + 1]
            break
    after = [p for p in phrases if p.start >= p_end and p.start not in linked]
    direct_object = after and _DIRECT_OBJECT_GAP.match(text[p_end : after[0].start])
    gerund = text[p_start:p_end].lower().endswith("ing")
    # "killed a nurse and wounded two doctors": the earlier verb's object is no subject
    # of a verb that has an object of its own ("shot a nurse and killed her" has none).
    if before and direct_object and before[-1].start in linked and linked[before[-1].start][3] <= before[-1].start:
        before = []
    if before and before[-1].start in linked and not gerund:
        # Coordinated with the verb that already took this subject ("was struck by a
        # stray bullet in front of his pharmacy and killed"): the same subject.
        return _coordinated_back(text, before)
    if before and not gerund and _subject_gap(text, before[-1].end, p_start):
        active = direct_object and not _PASSIVE.search(text[before[-1].end : p_start])
        if not active:
            return _coordinated_back(text, before)
    if after and _object_gap(text, p_end, after[0]) and not _passive(text, p_start, p_end):
        return _coordinated_forward(text, after)
    if before and gerund and _subject_gap(text, before[-1].end, p_start):
        return _coordinated_back(text, before)
    return []


def _complement(text: str, phrase: CountPhrase) -> bool:
    """"injured the eyes of one of the doctors and were arrested": a part of a group named
    after another noun's "of" belongs to that noun and is no subject. Only parts are
    judged so: a whole group after "of" ("the director of ... and two nurses") is left as
    it was read before."""
    if " of " not in text[phrase.start : phrase.end]:
        return False
    window = max(0, phrase.start - 40)
    return bool(_COMPLEMENT_BEFORE.search(text, window, phrase.start)) and not _COLLECTIVE_OF.search(
        text, window, phrase.start
    )


def _relative_verbs(text: str, phrases: list[CountPhrase], p_start: int, linked: dict[int, Link]) -> set[int]:
    """Starts of earlier verbs that sit in a relative clause of their subject ("a nurse and
    a driver who had been abducted"), whose subjects a later main verb shares."""
    return {
        linked[p.start][2] for p in phrases
        if p.start in linked and p.end <= linked[p.start][2] < p_start
        and _RELATIVE_VERB.match(text, p.end, linked[p.start][2])
    }


def _antecedent(text: str, phrase: CountPhrase, link: Link, p_start: int) -> bool:
    """"Gunmen abducted a nurse, who was later found dead": the object of one verb is the
    subject of the relative clause after it."""
    return link[3] <= phrase.start and bool(_WHO_AFTER.match(text, phrase.end)) and _subject_gap(text, phrase.end, p_start)


def _carried(text: str, phrase: CountPhrase, people_only: bool) -> bool:
    """"a car carrying two nurses was attacked": the object of a participle is no
    subject; but "a car carrying two nurses was abducted" can only mean the nurses."""
    participle = _PARTICIPLE_BEFORE.search(text, max(0, phrase.start - 40), phrase.start)
    if participle is None:
        return False
    return not (people_only and _VEHICLE_FIRST.match(participle.group()))


def _object_gap(text: str, p_end: int, phrase: CountPhrase) -> bool:
    """Only function words between a verb and its object, or a person named before the
    phrase that says who they are: "arrested the owner's daughter, a doctor"."""
    gap = text[p_end : phrase.start]
    # "abducted refugees and health workers": people named without a count before them.
    if _OBJECT_GAP.match(gap) or _people_list_rx().fullmatch(gap):
        return True
    # "killed the village chief, a doctor said": the speaker, not the victim.
    return phrase.count.value == 1 and bool(_APPOSITION_GAP.match(gap)) and not _SPEAKER_AFTER.match(text, phrase.end)


@cache
def _people_list_rx() -> re.Pattern[str]:
    people = lexicon().people.pattern
    return re.compile(rf"\s*(?:{people}\s*(?:,\s*(?:and\s+)?|and\s+|&\s*))+", re.IGNORECASE)


def _in_aside(text: str, phrase: CountPhrase, p_start: int) -> bool:
    """Whether the phrase sits inside a parenthesis closed before the verb."""
    opening = text.rfind("(", max(0, phrase.start - 120), phrase.start)
    close = text.find(")", phrase.end, p_start)
    return opening >= 0 and close >= 0 and ")" not in text[opening : phrase.start] and "(" not in text[phrase.end : close]


def _passive(text: str, p_start: int, p_end: int) -> bool:
    """"were killed and six paramedics injured": a passive verb has no object to take."""
    return bool(_PASSIVE_PREDICATE.match(text, p_start, p_end) or _PASSIVE_BEFORE.search(text, max(0, p_start - 30), p_start))


def _coordinated_predicates(text: str, first_end: int, second_start: int) -> bool:
    """Whether two verbs share a subject: "was attacked, kidnapped and robbed", "was shot
    and killed", "were executed after being kidnapped"."""
    gap = text[first_end:second_start]
    if re.fullmatch(r"\s*,\s*", gap) or _AFTER_BEING.search(gap):
        return True
    joined = re.search(r"\b(?:and|then|before)\b|&", gap) is not None
    return len(gap.split()) <= 8 and joined and not _CLAUSE_BREAK.search(gap.replace("before", ""))


def _subject_gap(text: str, start: int, end: int) -> bool:
    # "Two doctors (one of them a surgeon) were abducted": an aside between subject and
    # verb does not lengthen the distance.
    gap = _ASIDE.sub(" ", text[start:end])
    if _RELATIVE.match(gap):
        # "a doctor who was visiting a relative was shot": the relative clause is skipped.
        return len(gap.split()) <= _MAX_RELATIVE_GAP_WORDS and ";" not in gap
    tail = _VERB_TAIL.search(gap)
    head = gap[: tail.start()] if tail else gap
    # "The nurse escaped but suffered a wound": no new subject after "but", the same one.
    return len(head.split()) <= _MAX_GAP_WORDS and not _CLAUSE_BREAK.search(re.sub(r"\bbut\b", "", gap))


def _coordinated_back(text: str, before: list[CountPhrase]) -> list[CountPhrase]:
    chosen = [before[-1]]
    for phrase in reversed(before[:-1]):
        gap = text[phrase.end : chosen[-1].start]
        if _JOINER.fullmatch(gap) and re.search(r",|\band\b|&|as well as|along with|together with", gap):
            chosen.append(phrase)
        else:
            break
    return chosen


def _coordinated_forward(text: str, after: list[CountPhrase]) -> list[CountPhrase]:
    chosen = [after[0]]
    for phrase in after[1:]:
        gap = text[chosen[-1].end : phrase.start]
        if _SPEAKER_AFTER.match(text, phrase.end):
            break  # "killing two nurses, the clinic's director said": the speaker
        if _JOINER.fullmatch(gap) and re.search(r",|\band\b|&|as well as|along with|together with", gap):
            chosen.append(phrase)
        else:
            break
    return chosen


def drop_distant_takings(text: str, links: dict[tuple[int, str], Link], found: list[tuple[str, int, int]]) -> None:
    """"A nurse was killed and his motorcycle was taken by gunmen", "was arrested and the
    vehicle seized": "taken" and "seized" name what was taken, which is a person only when
    the person is their own subject next to the verb or their object right after it."""
    takings = {p_start for _, p_start, p_end in found if _TAKING.fullmatch(text, p_start, p_end)}
    people = sorted({(link[0].start, link[0].end) for link in links.values()})
    for key in [k for k, (phrase, _, p_start, _) in links.items() if p_start in takings]:
        phrase, _, p_start, p_end = links[key]
        if phrase.start >= p_end:
            if not _OBJECT_NEXT.fullmatch(text, p_end, phrase.start):
                del links[key]
            continue
        # Between the person and the verb, other people ("a doctor and two nurses were
        # seized") and other verbs ("were beaten and seized") may stand, but no thing.
        between = [span for span in people if phrase.end <= span[0] and span[1] <= p_start]
        ends = [phrase.end, *(end for _, end in between)]
        starts = [*(start for start, _ in between), p_start]
        gap = " ".join(text[end:start] for end, start in zip(ends, starts, strict=True))
        if _THING_NAMED.search(gap):
            del links[key]


__all__ = [
    "INCLUDING", "Link", "arguments", "drop_distant_takings", "included_after_predicate", "share_among",
    "share_companions", "share_objects",
]
