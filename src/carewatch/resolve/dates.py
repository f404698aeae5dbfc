"""Date and time-of-day expressions, resolved against the report's publication date.

Candidate expressions are found with our own patterns over ``ctx.norm`` (never with
``dateparser.search_dates``, which reads hospital code names such as "M10" as times)
and resolved with plain calendar arithmetic: every form we accept has one unambiguous
reading, and arithmetic is both faster and more predictable than a general parser.

Rules for relative expressions (``published`` is the report's date):

* a bare weekday ("Wednesday", "on Tuesday", "Wednesday's strikes") is the most recent
  such day on or before ``published``; "last <weekday>" is strictly before it;
* "last week" is the Monday of the previous week (precision week);
* a month without a year ("in July") is that month of the publication year, or of the
  year before if that would lie after the publication month;
* without a publication date only absolute expressions resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..model import DatePrecision, DateValue, Span
from ..text import Context

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "febr": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Month names must be capitalised (or upper case): "may" and "march" are also words.
_MONTH = (
    r"(?P<{g}>(?:Jan(?:uary)?|Febr?(?:uary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
    r"(?![A-Za-z])\.?)"
)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d\d?)(?![\d,.]\d)"  # a typo "20201" still reads
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_RANGE_END = r"(?:\s*(?:-|–|—|to|and|/)\s*[0-3]?\d(?:st|nd|rd|th)?)?"


def _m(group: str = "month") -> str:
    return _MONTH.format(g=group)


def _d(group: str = "day") -> str:
    return _DAY.format(g=group)


# Each pattern names its resolver; they are tried in this order and overlapping matches
# keep the earliest-starting, then the longest.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy_num", re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b")),
    ("dmy", re.compile(rf"\b{_d()}{_RANGE_END}(?:\s+of)?\s*{_m()},?\s*{_YEAR}")),
    ("mdy", re.compile(rf"\b{_m()}(?:\s+|(?<=\.)){_d()}{_RANGE_END},?\s+{_YEAR}")),
    (
        "month_range_year",
        re.compile(rf"\b{_m()}\s*(?:-|–|—|/|to|and)\s*{_m('month2')},?\s+{_YEAR}"),
    ),
    ("my", re.compile(rf"\b{_m()},?\s*{_YEAR}")),
    # A misspelt month before a year ("Decmeber 2022", "Arpil 2023"): see _fuzzy_month.
    ("fuzzy_my", re.compile(rf"\b(?P<month>[A-Z][a-z]{{3,9}}),?\s*{_YEAR}")),
    ("year_heading", re.compile(r"^\s*(?P<year>(?:19|20)\d\d)\s*:")),
    ("ym", re.compile(rf"\b(?P<year>(?:19|20)\d\d)\s+{_m()}(?!\s+[0-3]?\d\b)")),
    ("dm", re.compile(rf"\b{_d()}(?:\s+of)?\s+{_m()}(?!,?\s+\d)")),
    # "Sept.28": an abbreviated month's full stop may stand for the space
    ("md", re.compile(rf"\b{_m()}(?:\s+|(?<=\.)){_d()}(?:st|nd|rd|th)?\b(?!,?\s+\d|\s*(?:%|per|[:.]\d))")),
    (
        "month",
        re.compile(
            rf"\b(?P<prep>(?:in|since|during|until|till|by|from|of|throughout|between|last|this|"
            rf"early|late|mid|end of|beginning of|start of)\s+|mid-)?"
            rf"(?:(?:early|late|mid)[- ])?{_m()}(?!\s*\d)(?:'s)?"
        ),
    ),
    (
        "year",
        re.compile(
            r"\b(?:in|since|during|until|till|by|from|throughout|of|early|late|mid|mid-|"
            r"end of|beginning of|start of)\s+(?:(?:early|late|mid)[- ])?"
            r"(?P<year>(?:19|20)\d\d)\b(?![-,.]?\d|\s*(?:people|persons|[a-z]*s\b))"
        ),
    ),
    (
        "weekday",
        re.compile(
            rf"(?:\b(?P<rel>[Ll]ast|[Pp]ast|[Tt]his|[Nn]ext|[Oo]n|[Ll]ate|[Ee]arly)\s+)?"
            rf"\b{_WEEKDAY}(?:'s)?\b(?!,?\s+(?:the\s+)?[0-3]?\d\b|,?\s+{_m('m_after')})"
        ),
    ),
    (
        "relative",
        re.compile(
            r"\b(?:(?P<word>yesterday|today|tonight|the day before yesterday)"
            r"|(?P<part>this|last|earlier this|later this|earlier the same|later the same|"
            r"yesterday|late last|early last)\s+"
            r"(?P<unit>morning|afternoon|evening|night|week|weekend|month|year)"
            r"|(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
            r"twelve)\s+(?P<agounit>day|week|month|year)s?\s+(?:ago|earlier))\b",
            re.IGNORECASE,
        ),
    ),
]


def find_dates(ctx: Context) -> list[DateValue]:
    """Every date expression in the text, resolved to an absolute date, in text order."""
    text = ctx.norm
    found: list[tuple[int, int, DateValue]] = []
    for kind, pattern in _PATTERNS:
        resolver = _RESOLVERS[kind]
        for match in pattern.finditer(text):
            resolved = resolver(match, ctx.published)
            if resolved is not None:
                start, end = _trim(match, text)
                found.append((start, end, DateValue(*resolved, span=ctx.span(start, end))))
    found.sort(key=lambda item: (item[0], item[0] - item[1]))
    kept: list[DateValue] = []
    last_end = -1
    for start, end, value in found:
        if start >= last_end:
            kept.append(value)
            last_end = end
    return kept


def publication_date_value(published: dt.date) -> DateValue:
    """The date of an incident whose text gives none: the report's own date."""
    return DateValue(published, DatePrecision.DAY, basis="publication")


def resolve_weekday(weekday: int, published: dt.date, relation: str | None = None) -> dt.date:
    """The date of ``weekday`` (0 = Monday) relative to ``published``.

    Plain or "on": the most recent such day on or before ``published``; "last"/"past":
    strictly before it; "next": strictly after it.
    """
    back = (published.weekday() - weekday) % 7
    if relation in ("last", "past") and back == 0:
        back = 7
    if relation == "next":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    return published - dt.timedelta(days=back)


def resolve_month(month: int, published: dt.date, relation: str | None = None) -> dt.date:
    """First day of ``month`` in the publication year, or the year before if that is later."""
    year = published.year
    if month > published.month or (relation == "last" and month == published.month):
        year -= 1
    return dt.date(year, month, 1)


# --- resolvers: (match, published) -> (date, precision) or None -----------------

Resolved = tuple[dt.date, DatePrecision]


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year(text: str, published: dt.date | None) -> int:
    """A four-digit year; a five-digit typo ("20201") keeps the plausible reading."""
    if len(text) == 4:
        return int(text)
    readings = sorted({int(text[:i] + text[i + 1 :]) for i in range(len(text))})
    plausible = [y for y in readings if 1900 <= y <= 2099]
    if published is not None:
        return min(plausible, key=lambda y: (abs(published.year - y), y > published.year))
    return plausible[-1]


def _month_number(text: str) -> int:
    return _MONTHS[text.rstrip(".").lower()]


def _resolve_full(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    month = match["month"]
    month_number = int(month) if month.isdigit() else _month_number(month)
    if not 1 <= month_number <= 12:
        return None
    day = _safe_date(_year(match["year"], published), month_number, int(match["day"]))
    return (day, DatePrecision.DAY) if day else None


def _resolve_month_year(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    return dt.date(_year(match["year"], published), _month_number(match["month"]), 1), (
        DatePrecision.MONTH
    )


def _fuzzy_month(word: str) -> int | None:
    """The month a misspelt name means: same first letter, at most two letters off."""
    word = word.lower()
    if word in _MONTHS:
        return None  # spelt right: the exact patterns handle it
    for name, number in _MONTHS.items():
        if len(name) >= 5 and name[0] == word[0] and _close(word, name):
            return number
    return None


def _close(a: str, b: str) -> bool:
    """Within two edits, a swap of neighbours counting as one (Damerau-Levenshtein)."""
    if abs(len(a) - len(b)) > 2:
        return False
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, 1):
        row = [i]
        for j, cb in enumerate(b, 1):
            cost = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, rows[-2][j - 2] + 1)
            row.append(cost)
        rows.append(row)
    return rows[-1][-1] <= 2


def _resolve_fuzzy_month_year(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    month = _fuzzy_month(match["month"])
    if month is None:
        return None
    return dt.date(_year(match["year"], published), month, 1), DatePrecision.MONTH


def _resolve_day_month(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    if published is None:
        return None
    month, day = _month_number(match["month"]), int(match["day"])
    year = published.year
    if (month, day) > (published.month, published.day):
        year -= 1
    resolved = _safe_date(year, month, day)
    return (resolved, DatePrecision.DAY) if resolved else None


def _resolve_month(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    month_text = match["month"].rstrip(".")
    prep = (match["prep"] or "").strip().lower()
    # "May" and "March" are also words; abbreviations alone are too ambiguous ("Mar", "Jun").
    if month_text.lower() not in _MONTHS or len(month_text) < 4 and month_text != "May":
        return None
    if month_text in ("May", "March") and not prep:
        return None
    if published is None:
        return None
    return resolve_month(_month_number(month_text), published, prep or None), DatePrecision.MONTH


def _resolve_year(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    year = int(match["year"])
    if published is not None and year > published.year + 1:
        return None
    return dt.date(year, 1, 1), DatePrecision.YEAR


def _resolve_weekday(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    if published is None:
        return None
    relation = (match["rel"] or "").lower() or None
    return resolve_weekday(_WEEKDAYS[match["weekday"].lower()], published, relation), (
        DatePrecision.DAY
    )


def _resolve_relative(match: re.Match[str], published: dt.date | None) -> Resolved | None:
    if published is None:
        return None
    day = DatePrecision.DAY
    if match["word"]:
        word = match["word"].lower()
        offset = {"yesterday": 1, "the day before yesterday": 2}.get(word, 0)
        return published - dt.timedelta(days=offset), day
    if match["unit"]:
        part, unit = match["part"].lower().split()[-1], match["unit"].lower()
        back = part in ("last", "yesterday")
        if unit in ("morning", "afternoon", "evening", "night"):
            return published - dt.timedelta(days=1 if back else 0), day
        if unit in ("week", "weekend"):
            monday = published - dt.timedelta(days=published.weekday())
            if unit == "weekend":
                saturday = monday + dt.timedelta(days=5)
                return (saturday if saturday <= published else saturday - dt.timedelta(7)), day
            return monday - dt.timedelta(days=7 if back else 0), DatePrecision.WEEK
        if unit == "month":
            first = published.replace(day=1)
            if back:
                first = (first - dt.timedelta(days=1)).replace(day=1)
            return first, DatePrecision.MONTH
        return dt.date(published.year - (1 if back else 0), 1, 1), DatePrecision.YEAR
    count_text = match["count"].lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS[count_text]
    unit = match["agounit"].lower()
    if unit == "day":
        return published - dt.timedelta(days=count), day
    if unit == "week":
        then = published - dt.timedelta(weeks=count)
        return then - dt.timedelta(days=then.weekday()), DatePrecision.WEEK
    if unit == "month":
        months = published.year * 12 + published.month - 1 - count
        return dt.date(months // 12, months % 12 + 1, 1), DatePrecision.MONTH
    return dt.date(published.year - count, 1, 1), DatePrecision.YEAR


_RESOLVERS: dict[str, Callable[[re.Match[str], dt.date | None], Resolved | None]] = {
    "iso": _resolve_full,
    "dmy_num": _resolve_full,
    "dmy": _resolve_full,
    "mdy": _resolve_full,
    "month_range_year": _resolve_month_year,
    "my": _resolve_month_year,
    "fuzzy_my": lambda match, published: _resolve_fuzzy_month_year(match, published),
    "year_heading": lambda match, published: _resolve_year(match, published),
    "ym": _resolve_month_year,
    "dm": _resolve_day_month,
    "md": _resolve_day_month,
    "month": _resolve_month,
    "year": _resolve_year,
    "weekday": _resolve_weekday,
    "relative": _resolve_relative,
}


def _trim(match: re.Match[str], text: str) -> tuple[int, int]:
    """The match without trailing punctuation or a possessive "'s"."""
    start, end = match.span()
    while end > start and text[end - 1] in ".,":
        end -= 1
    if text.endswith("'s", start, end):
        end -= 2
    return start, end


# --- times of day ----------------------------------------------------------------

_TIME_PATTERNS = [
    re.compile(
        r"(?<![\w.:])(?P<hour>1[0-2]|0?\d)(?:[:.](?P<minute>[0-5]\d))?\s*"
        r"(?P<half>am|pm|a\.m\.|p\.m\.|AM|PM|A\.M\.|P\.M\.)(?![a-zA-Z])"
    ),
    re.compile(
        r"(?<![\w.:/-])(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])(?:\s*(?:hrs|h)\b)?"
    ),
    re.compile(
        r"(?<![\w.:/-])(?P<hour>[01]\d|2[0-3])(?P<minute>[0-5]\d)\s*(?:hrs|hours|GMT|UTC)\b"
    ),
    re.compile(r"\b(?P<word>noon|midday|midnight)\b", re.IGNORECASE),
]


def find_times(ctx: Context) -> list[tuple[Span, str]]:
    """Times of day ("4am", "4 a.m.", "at 16:30", "noon") as ``(span, "HH:MM")``, in text order."""
    found: dict[int, tuple[Span, str]] = {}
    for pattern in _TIME_PATTERNS:
        for match in pattern.finditer(ctx.norm):
            if match.start() in found:
                continue
            clock = _clock(match)
            if clock is not None:
                found[match.start()] = (ctx.span(*match.span()), clock)
    return [found[start] for start in sorted(found)]


def _clock(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if groups.get("word"):
        return "00:00" if groups["word"].lower() == "midnight" else "12:00"
    hour, minute = int(groups["hour"]), int(groups.get("minute") or 0)
    half = (groups.get("half") or "").lower().replace(".", "")
    if half:
        if hour == 0 or hour > 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    return f"{hour:02d}:{minute:02d}"
