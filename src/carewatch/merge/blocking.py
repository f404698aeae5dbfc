"""Which earlier candidates a new one is compared with: blocks on place and date.

Comparing every pair is quadratic; a million candidates would take 5 * 10^11 comparisons.
The merge rules (see :mod:`.compatible`) only ever join two candidates that share a
facility name or a place, and whose dates overlap, so the index keeps two kinds of block:

* **place blocks**, keyed by (place, week): the place is a grid cell of about 28 km
  (``CELL_DEGREES``) when the place has coordinates, else its country and resolved name;
  only places at city precision or better are indexed (a country alone never suffices),
  and a query looks in the 3 x 3 cells around its own, so neighbours across a cell edge
  are found;
* **name blocks**, keyed by (folded facility name, week), wherever the place is.

A facility name is also filed under each of its words, so that a name within another
("Saudi Hospital", "Saudi Teaching Maternal Hospital") is found.

A candidate is filed under every week its date's period touches (one for a day, two for
a week, five for a month, 53 for a year; year-dated candidates go to name blocks only,
since the place rule needs a finer date). Two periods overlap exactly when they share a
week, and a day apart at most when one day ends a week, so only the next and the previous
week are searched besides. Candidates without a date but with a facility name go to a
small **unplaced** pool per name, compared with every candidate of that name; those with
a fine place go to an **undated** pool per place block, compared with every candidate of
the place. Candidates dated to a day are also filed under their (country, day), where a
report that places the attack only in its country meets the others of the day; candidates
with none of these are not indexed at all: no automatic rule could merge them (an
analyst's must-link still can).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from .keys import MatchKey

CELL_DEGREES = 0.25
BUCKET_DAYS = 7

PlaceBlock = tuple[object, ...]
_NONE: list[int] = []


class BlockIndex:
    """Candidate ids filed by (place, week) and (facility name, week)."""

    def __init__(self) -> None:
        self._places: dict[tuple[PlaceBlock, int], list[int]] = defaultdict(list)
        self._place_weeks: dict[PlaceBlock, set[int]] = defaultdict(set)
        self._undated: dict[PlaceBlock, list[int]] = defaultdict(list)
        self._names: dict[tuple[str, int], list[int]] = defaultdict(list)
        self._name_weeks: dict[str, set[int]] = defaultdict(set)
        self._unplaced: dict[str, list[int]] = defaultdict(list)
        self._country_days: dict[tuple[str, int], list[int]] = defaultdict(list)
        self.size = 0

    def add(self, key: MatchKey) -> None:
        """File a candidate under its blocks."""
        weeks = list(_weeks(key))
        place = _place_block(key)
        if place is not None and not _year(key):
            if weeks:
                for week in weeks:
                    self._places[(place, week)].append(key.candidate_id)
                self._place_weeks[place].update(weeks)
            else:
                self._undated[place].append(key.candidate_id)
        for name in _name_terms(key):
            if weeks:
                for week in weeks:
                    self._names[(name, week)].append(key.candidate_id)
                self._name_weeks[name].update(weeks)
            else:
                self._unplaced[name].append(key.candidate_id)
        day = _country_day(key)
        if day is not None:
            self._country_days[day].append(key.candidate_id)
        self.size += 1

    def neighbours(self, key: MatchKey) -> set[int]:
        """Ids of the filed candidates that could be the same attack as ``key``."""
        found: set[int] = set()
        weeks = list(_weeks(key))
        place = _place_block(key)
        if place is not None and not _year(key):
            for block in _around(place):
                found.update(self._undated.get(block, _NONE))
                for week in weeks or self._place_weeks.get(block, set()):
                    found.update(self._places.get((block, week), _NONE))
        # A named facility may be dated a day apart: a day across a week's edge.
        name_weeks = list(_weeks(key, slack=1))
        for name in _name_terms(key):
            found.update(self._unplaced.get(name, _NONE))
            for week in name_weeks or self._name_weeks.get(name, set()):
                found.update(self._names.get((name, week), _NONE))
        day = _country_day(key)
        if day is not None:
            found.update(self._country_days.get(day, _NONE))
        found.discard(key.candidate_id)
        return found

    def stats(self) -> dict[str, int]:
        """Numbers of blocks and of filed entries, for benchmarks."""
        return {
            "candidates": self.size,
            "place_blocks": len(self._places),
            "name_blocks": len(self._names),
            "unplaced_names": len(self._unplaced),
            "undated_places": len(self._undated),
            "entries": sum(map(len, self._places.values())) + sum(map(len, self._names.values()))
            + sum(map(len, self._unplaced.values())) + sum(map(len, self._undated.values())),
        }


def _weeks(key: MatchKey, slack: int = 0) -> Iterator[int]:
    if key.period is None:
        return iter(())
    first, last = key.period[0] - slack, key.period[1] + slack
    return iter(range(first // BUCKET_DAYS, last // BUCKET_DAYS + 1))


def _name_terms(key: MatchKey) -> set[str]:
    """A candidate's folded names and, for ordinary names, each of their words."""
    terms = set(key.names)
    for folded, name in key.names.items():
        if not name.code:
            terms.update(folded.split())
    return terms


def _country_day(key: MatchKey) -> tuple[str, int] | None:
    """(country, day) of a candidate dated to a day: where a report that places the attack
    only in its country meets the others of that day (the "coarse" rule)."""
    place, date = key.place, key.date
    if place is None or place.country is None or date is None or key.period is None:
        return None
    if date.precision.value != "day" or key.period[0] != key.period[1]:
        return None
    return (place.country, key.period[0])


def _year(key: MatchKey) -> bool:
    return key.year_only


def _place_block(key: MatchKey) -> PlaceBlock | None:
    place = key.place
    if place is None or not place.fine:
        return None
    if place.latitude is not None and place.longitude is not None:
        return ("cell", int(place.latitude // CELL_DEGREES), int(place.longitude // CELL_DEGREES))
    return ("name", place.country, place.name)


def _around(block: PlaceBlock) -> Iterator[PlaceBlock]:
    if block[0] != "cell":
        yield block
        return
    _, row, col = block
    assert isinstance(row, int) and isinstance(col, int)
    for dr in (-1, 0, 1):
        for dc in (-1, 0, 1):
            yield ("cell", row + dr, col + dc)
