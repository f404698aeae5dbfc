"""Who the victims are: count phrases ("two patients", "a male nurse", "Doctors") and
their victim group.

A count phrase is a number or determiner, up to four modifiers and a head noun; its
group comes from the longest known ending of the noun phrase, so "a medical student" is a
health worker although "student" alone is not. "Staff" and "aid workers" count as health
workers only in a text about health care.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..model import VictimGroup
from ..text import Context
from .lexicon import lexicon
from .numbers import COUNT_PATTERN, NUMBER_PATTERN, Count, parse_count

# Words allowed between a count and its head noun: "a male volunteer ambulance driver",
# "three blood centre employees", "a thirty-eight-year-old paramedic".
_MODIFIER = (
    r"(?:(?!(?:was|were|is|are|and|or|by|in|at|on|to|from|with|of|for|the|an?|his|her|their|(?-i:who|that)|"
    r"after|had|have|has|men|women|people|persons|gunmen|soldiers|fighters|militants|civilians)\b)[\w'-]+\s+)"
)
_NEGATED_BEFORE = re.compile(r"\b(?:no|none of the|not a single|neither|nor|without)\s+(?:\w+\s+)?$", re.IGNORECASE)
# ... but "caused injuries to patients and staff" names the victims after "to".
_NOT_A_VICTIM_BEFORE = re.compile(
    r"\b(?:of|by|for|from|(?<!injuries )(?<!injury )(?<!wounds )(?<!harm )to|(?<!along )(?<!together )with|whose|at|in|on|"
    r"against)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "Doctor abducted", "January 2017: Male national nurse killed": a headline-style noun
# phrase opening the sentence (or the text after a date colon) with no determiner.
_HEADLINE_START = re.compile(r"(?:^|:)\s*(?:[A-Za-z][a-z-]*\s+){0,3}$")
# "the attending nurse", "his Iraqi colleague": a determiner and up to two modifiers.
_SINGULAR_DETERMINER = re.compile(
    r"\b(?:the|his|her|their|its)\s+(?:(?!(?:of|and|or|was|were|by|in|at|on|to|for|with|from|a|an|the)\b)"
    r"[\w'-]+\s+){0,2}$",
    re.IGNORECASE,
)
_BARE_NEXT = re.compile(
    r"\s*(?:[,.;:)]|$|and\b|(?:(?:were|was|are|have been|had been|reportedly|also|later|subsequently|then)\s+)*"
    r"(?:fatally\s+|seriously\s+|severely\s+|critically\s+)?"
    r"(?:killed|died|dead|injured|wounded|hurt|kidnapped|abducted|arrested|detained|missing|shot|"
    r"stabbed|beaten|sustained|suffered|escaped|unharmed|unhurt|uninjured|found dead|executed|murdered|"
    r"tortured|assaulted|captured|succumbed|perished|disappeared|taken|held|seized|freed|released)\b)",
    re.IGNORECASE,
)
# "a paramedic was killed and his colleague wounded": a colleague shares the group of the
# victim named before, which the caller knows; alone, the word names no group.
_COLLEAGUE = re.compile(r"(?<![\w-])(?:colleagues?|co-?workers?)(?![\w-])", re.IGNORECASE)
# "lost contact with two medics": those the contact was with are its subject's missing.
_PERPETRATOR_BEFORE = re.compile(
    r"\b(?:by|(?<!contact )(?<!touch )(?<!along )(?<!together )with|from|against|among|between)\s+$", re.IGNORECASE
)
# "the house of a surgeon was attacked": what belongs to a health worker is not one.
_OWNER_BEFORE = re.compile(
    r"\b(?:homes?|houses?|residences?|cars?|vehicles?|offices?|property|famil(?:y|ies)|wi(?:fe|ves)|"
    r"husbands?|sons?|daughters?|children|brothers?|sisters?|relatives?|parents?)\s+of\s+$",
    re.IGNORECASE,
)
# "a volunteer ambulance", "a nurses hostel", "health workers house": the personnel word
# names what a thing belongs to or is for.
_THING_AFTER = re.compile(
    r"\s+(?:ambulances?|vehicles?|cars?|trucks?|hostels?|houses?|homes?|residences?|offices?|"
    r"dormitor(?:y|ies)|quarters|compounds?|buildings?|uniforms?)\b",
    re.IGNORECASE,
)
# "security personnel", "police personnel": forces guarding a health team are not its staff.
_FORCES_BEFORE = re.compile(r"\b(?:security|police|military|army)\s+$", re.IGNORECASE)
# "An aircraft conveying medical staff": the vehicle and its participle end the phrase too.
VEHICLE = (
    r"(?:aircraft|planes?|helicopters?|vehicles?|cars?|trucks?|lorr(?:y|ies)|(?:mini)?bus(?:es)?|boats?|"
    r"convoys?|ambulances?|motorcycles?)"
)
_AND_BEFORE = re.compile(r"\s+and\s+$", re.IGNORECASE)
_SINGULAR_LIST_BEFORE = re.compile(
    r"\b(?:an?|one)\s+[\w-]+(?:\s+[\w-]+)?(?:\s*,\s*[\w-]+(?:\s+[\w-]+)?){0,4}\s*(?:,\s*and|,|and)\s+$", re.IGNORECASE
)
# "A vaccination team of four": the team's size, where the report gives it.
_GROUP_NOUN = re.compile(r"\b(?:teams?|crews?)$", re.IGNORECASE)
_PERSON_SIZE = re.compile(rf"(?P<number>{NUMBER_PATTERN})-(?:person|member|strong)\b", re.IGNORECASE)
_TEAM_OF = re.compile(rf"\s+of\s+(?!an?\b)(?P<number>{NUMBER_PATTERN})\b(?!\s+(?:the|them|whom)\b)", re.IGNORECASE)
# "November 2022 Health workers were beaten": a year, not two thousand and twenty-two.
_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+$|"
    r"\b(?:in|since|during|of|early|late|mid|until)\s+$",
    re.IGNORECASE,
)


_ROLE_OF = re.compile(r"\s+(?:of|at|for|from|in)\s+")


@dataclass
class CountPhrase:
    start: int
    end: int
    count: Count
    group: VictimGroup
    has_noun: bool
    bare: bool = False  # a noun with no number: "Doctors were beaten", "the director"


def find_count_phrases(ctx: Context, start: int, end: int, health: bool) -> list[CountPhrase]:
    """Counts of people in ``text[start:end]``, with the victim group of their head noun."""
    lex = lexicon()
    text = ctx.norm
    phrases: list[CountPhrase] = []
    for match in _count_rx().finditer(text, start, end):
        if _PERPETRATOR_BEFORE.search(text, max(start, match.start() - 12), match.start()):
            continue
        if _NEGATED_BEFORE.search(text, max(start, match.start() - 15), match.start()):
            continue
        if _not_a_person(text, start, match.start(), match.end()) or _is_year(text, start, match):
            continue
        noun = match["noun"]
        if not noun and not _BARE_NEXT.match(text, match.end()):
            continue
        number = match["number"] or ""
        if not noun and not match["ordinal"] and (
            not re.match(r"\d|[a-z]+$", number.lower()) or number.lower() in ("a", "an", "some", "several", "many")
        ):
            continue
        count = Count(1, None, None) if match["ordinal"] else parse_count(number, match["qualifier"], match["total"])
        if count is None:
            continue
        group = _group_of(match["head"], health) if noun else VictimGroup.UNSPECIFIED
        if noun and lex.people.fullmatch(noun) is None and group is VictimGroup.UNSPECIFIED:
            continue
        size = _team_size(text, match) if noun and count.value == 1 else None
        if size is not None:
            count = size
        phrases.append(CountPhrase(match.start(), match.end(), count, group, bool(noun)))
    phrases.extend(_bare_nouns(ctx, start, end, health, phrases))
    return sorted(phrases, key=lambda p: p.start)


def _team_size(text: str, match: re.Match[str]) -> Count | None:
    """"a team of three" and "a four-person team" are three and four people."""
    if not _GROUP_NOUN.search(match["noun"]):
        return None
    size = _TEAM_OF.match(text, match.end()) or _PERSON_SIZE.search(match["head"])
    return parse_count(size["number"]) if size else None


def _not_a_person(text: str, start: int, at: int, end: int) -> bool:
    # The window reaches back over "the residence of ", the longest owner word.
    return bool(_OWNER_BEFORE.search(text, max(start, at - 25), at) or _THING_AFTER.match(text, end))


def _is_year(text: str, start: int, match: re.Match[str]) -> bool:
    if match["qualifier"] or not _YEAR.fullmatch(match["number"] or ""):
        return False
    opening = not text[start : match.start()].strip(" \t\n:,.-")
    return opening or bool(_DATE_BEFORE.search(text, max(start, match.start() - 12), match.start()))


def _group_of(head: str, health: bool) -> VictimGroup:
    """The victim group of a noun phrase, from its longest known ending.

    "a medical student" is a health worker although "student" alone is not; "three staff
    members" is staff, not "members".
    """
    lex = lexicon()
    words = head.split()
    for i in range(len(words)):
        noun = " ".join(words[i:])
        if lex.patients.fullmatch(noun):
            return VictimGroup.PATIENTS
        forces = noun.lower() == "personnel" and _FORCES_BEFORE.search(" ".join(words[:i]) + " ")
        staff = health and lex.staff.fullmatch(noun) and not forces
        if lex.personnel.fullmatch(noun) or staff:
            return VictimGroup.HEALTH_WORKERS
        if lex.people.fullmatch(noun):
            if any(lex.personnel.fullmatch(w) for w in words[:i]):
                return VictimGroup.HEALTH_WORKERS  # "a physician bystander"
            civilian = noun.lower().startswith(("civilian", "child", "women", "resident"))
            return VictimGroup.CIVILIANS if civilian else VictimGroup.UNSPECIFIED
    return VictimGroup.UNSPECIFIED


def _bare_nouns(
    ctx: Context, start: int, end: int, health: bool, found: list[CountPhrase]
) -> list[CountPhrase]:
    """Health-care nouns with no number: "Doctors were assaulted" (at least two), "the
    director of a hospital was kidnapped" or "Doctor abducted" (one)."""
    lex = lexicon()
    taken = [(p.start, p.end) for p in found]
    phrases = []
    nouns = [lex.personnel, lex.patients, *([lex.staff] if health else []), _COLLEAGUE]
    for rx in nouns:
        for match in rx.finditer(ctx.norm, start, end):
            if any(s <= match.start() < e for s, e in taken):
                continue
            # "head of surgery" is one person; "staff at the hospital" are several.
            word = _ROLE_OF.split(match.group().lower())[0]
            prefix = ctx.norm[max(start, match.start() - 30) : match.start()]
            # "seven soldiers/guards": the second noun names the same people.
            if _NOT_A_VICTIM_BEFORE.search(prefix) or _NEGATED_BEFORE.search(prefix) or prefix.endswith("/") or (
                word == "personnel" and _FORCES_BEFORE.search(prefix)
            ):
                continue
            if _not_a_person(ctx.norm, start, match.start(), match.end()) or _owned_count(ctx.norm, start, match):
                continue
            plural = word.endswith("s") or word in ("staff", "personnel", "crew")
            # "beat the duty nurse": the noun phrase starts at its determiner.
            determiner = None if plural else _SINGULAR_DETERMINER.search(prefix)
            phrase_start = match.start() - len(prefix) + determiner.start() if determiner else match.start()
            if plural:
                count = Count(2, None, "at least")
            elif determiner or _HEADLINE_START.search(ctx.norm[start : match.start()]) or _joined_to(
                ctx.norm, match.start(), found
            ):
                count = Count(1, None, None)
            else:
                continue
            group = _group_of(match.group(), health)
            phrases.append(CountPhrase(phrase_start, match.end(), count, group, True, bare=True))
            taken.append((match.start(), match.end()))
    return phrases


def _joined_to(text: str, at: int, found: list[CountPhrase]) -> bool:
    """"a doctor and nurse", "a pregnant woman and paramedic", "a nurse, driver and
    midwife": a singular noun listed after a counted person shares its determiner."""
    joiner = _AND_BEFORE.search(text, max(0, at - 12), at)
    if joiner is not None and any(p.end == joiner.start() and p.count.value == 1 for p in found):
        return True
    listed = _SINGULAR_LIST_BEFORE.search(text, max(0, at - 80), at)
    return listed is not None and any(p.start == listed.start() and p.count.value == 1 for p in found)


def _owned_count(text: str, start: int, noun: re.Match[str]) -> bool:
    """"The residence of two polio workers": the count phrase ending in the noun names
    an owner, and so does the noun alone."""
    return any(
        m.end() == noun.end() and _OWNER_BEFORE.search(text, max(start, m.start() - 25), m.start())
        for m in _count_rx().finditer(text, max(start, noun.start() - 40), noun.end())
    )


def is_health_text(text: str) -> bool:
    """Whether the text mentions health care at all (personnel, patients, facilities...)."""
    lex = lexicon()
    return bool(
        lex.personnel.search(text)
        or lex.patients.search(text)
        or lex.facility.finditer(text)
        or lex.health_context.search(text)
    )


@cache
def _count_rx() -> re.Pattern[str]:
    lex = lexicon()
    nouns = "|".join(f"(?:{rx.pattern})" for rx in (lex.personnel, lex.patients, lex.staff, lex.people))
    # "a police officer escorting vaccinators", "a nurse treating patients": a person noun
    # and a participle end the phrase; the noun after them is the participle's object. And
    # "left two drivers dead": "dead" says what became of the drivers.
    modifier = rf"(?:(?!(?:{nouns}|{VEHICLE})\s+(?:[a-z]+ing|dead)\b){_MODIFIER})"
    # "two of its paramedics", "one of the nurses": a part of a group is counted by its
    # number; "two of them" too, its group the one named before.
    partitive = r"(?:of\s+(?:the|its|their|his|her|our|these|those)\s+)?"
    # "injured another and kidnapped a third": an ordinal counts one more person.
    ordinal = r"(?P<ordinal>an?\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth))(?!\s+of\b)"
    return re.compile(
        rf"(?<![\w-])(?:{ordinal}|{COUNT_PATTERN})"
        rf"(?:\s+(?P<head>{partitive}{modifier}{{0,4}}(?P<noun>{nouns}))|\s+of\s+(?:them|whom|those|these)\b)?"
        r"(?![\w-])(?!'s\b)",
        re.IGNORECASE,
    )
