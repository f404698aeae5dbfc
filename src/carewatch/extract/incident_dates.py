"""When an incident happened, from the dates of the sentences that report it.

A report's first sentence often carries three dates: the dateline's ("KHARTOUM, 14 June
2024 —"), the attack's ("on Tuesday night") and the day a source spoke ("the network
said on Wednesday"). The attack's is the incident's; the others are used only when a
sentence gives no other.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from ..model import DatePrecision, DateValue, Span
from ..text import Context

# A dash after a date opening the report, perhaps after an agency's name: "GOMA, 14 June
# 2024 (Reuters) —".
_DATELINE_REACH = 60
_DATELINE_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\)\s*)?(?:—|–|--|-\s)")
# "born in 1977", "who joined MSF in February 2020": a date of someone's life, not of the attack.
_NOT_WHEN = re.compile(
    r"\b(?:born|graduated|joined\s+(?:[\w-]+\s+){0,3}?|founded|established|built|opened|"
    r"worked\s+(?:[\w-]+\s+){0,3}?|working\s+(?:[\w-]+\s+){0,3}?)(?:in|on|since)?\s*$",
    re.IGNORECASE,
)
_DIED_ON = re.compile(
    r"\b(?:died|succumbed|passed away|pronounced dead)\b(?:\s+[\w,-]+){0,4}?\s+(?:on|in)\s+$",
    re.IGNORECASE,
)
_TOLD_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\w+|reported|announced|stated|confirmed|added)\s+"
    r"(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)


_DATE = r"(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4})"
_WHERE = r"[A-Z][\w'.-]*(?:(?:[ -]|\s*/\s*)[A-Z][\w'.-]*)*(?:,\s*[A-Z][\w'.-]*(?:[ -][\w'.-]+){0,5})?,\s*"
# "MAIDUGURI, Nigeria, 12 March 2021 —", "GOMA, March 7, 2025 (Reuters) -", or a line of
# its own under a headline: "Kyiv, 21 October 2024", "21 October 2024".
_DATELINES = (
    re.compile(
        rf"^[ \t]*{_WHERE}{_DATE}[ \t]*(?:\([^)]{{1,30}}\)[ \t]*)?(?:—|–|--|-\s)", re.MULTILINE
    ),
    re.compile(rf"^[ \t]*(?:{_WHERE})?{_DATE}[ \t]*$", re.MULTILINE),
)
# A dateline opens the report: within its first lines.
_DATELINE_LINES = 3
# Pages kept by a crawler may open with their date: " date 2023-11-04 The ...".
_DATED_PAGE = re.compile(r"\s*date\s+(?P<iso>\d{4}-\d{2}-\d{2})\b")


def dateline_date(text: str) -> dt.date | None:
    """The date of the dateline a report opens with, if it has one: when the report was
    filed, which anchors its "on Tuesday" where no publication date is known."""
    page = _DATED_PAGE.match(text)
    if page is not None:
        try:
            return dt.date.fromisoformat(page["iso"])
        except ValueError:
            pass
    opening = "\n".join(line for line in text[:400].splitlines() if line.strip())
    opening = "\n".join(opening.splitlines()[:_DATELINE_LINES])
    found = [m for m in (p.search(opening) for p in _DATELINES) if m is not None]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    written = " ".join(match["date"].replace(",", " ").replace(".", " ").split())
    written = written.replace("Sept ", "Sep ")
    for layout in ("%d %B %Y", "%B %d %Y", "%b %d %Y", "%d %b %Y"):
        try:
            return dt.datetime.strptime(written, layout).date()
        except ValueError:
            continue
    return None


def event_date(ctx: Context, dates: list[DateValue], index: int) -> DateValue | None:
    """The date sentence ``index`` gives its attack: its first date that is neither the
    report's dateline nor the day a source spoke, else the day a source spoke, else its
    first date."""
    own = [d for d in dates if d.span and ctx.sentence_index(d.span.start) == index]
    filed = [
        d for d in own if d.span and (
            (d.span.start <= _DATELINE_REACH and _DATELINE_AFTER.match(ctx.norm, d.span.end))
            or _DATED_PAGE.fullmatch(ctx.norm, 0, d.span.end) is not None
        )
    ]
    own = [d for d in own if d.span and not _NOT_WHEN.search(ctx.norm, max(0, d.span.start - 30),
                                                              d.span.start)]
    told = [d for d in own if d.span and d not in filed
            and _TOLD_BEFORE.search(ctx.norm, max(0, d.span.start - 30), d.span.start)]
    # A later death ("died on 1 February of wounds sustained on 29 January") dates an
    # outcome; the day a source spoke bounds the attack ("MSF said on Tuesday that three
    # doctors were killed"): both are closer to it than the day the story was filed.
    later = [d for d in own if d.span and d not in told and d not in filed
             and _DIED_ON.search(ctx.norm, max(0, d.span.start - 40), d.span.start)]
    return next((d for d in own if d not in told and d not in filed and d not in later),
                later[0] if later else told[0] if told else own[0] if own else None)


def incident_date(
    ctx: Context,
    own: DateValue | None,
    indexes: list[int],
    dates: list[DateValue],
    times: list[tuple[Span, str]],
) -> DateValue | None:
    """The date of an incident reported in sentences ``indexes``: its own (``own``),
    else one the text gives before them (a dateline), else the report's publication date;
    with the times of day those sentences give ("4am and 10am")."""
    at = [t for span, t in times if ctx.sentence_index(span.start) in indexes]
    date = own or first_date_in(ctx, dates, list(range(indexes[0])))
    if date is None and ctx.published is not None:
        date = DateValue(ctx.published, DatePrecision.DAY, basis="publication")
    if date is not None and at and date.precision is DatePrecision.DAY:
        date = replace(date, time=", ".join(dict.fromkeys(at)))
    return date


def first_date_in(ctx: Context, dates: list[DateValue], indexes: list[int]) -> DateValue | None:
    wanted = set(indexes)
    return next((d for d in dates if d.span and ctx.sentence_index(d.span.start) in wanted), None)


def compatible(a: DateValue, b: DateValue) -> bool:
    """Whether the two dates' periods overlap (a month holds its days)."""
    lo_a, hi_a = a.period()
    lo_b, hi_b = b.period()
    return lo_a <= hi_b and lo_b <= hi_a
