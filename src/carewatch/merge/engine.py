"""Incremental merging of candidate incidents into incidents, with analysts' constraints.

:class:`Merger` takes candidates one at a time (``add``): each is compared, through the
:class:`.blocking.BlockIndex`, only with earlier candidates that share a place block or a
facility name block with it, and joins the incident of the first that the rules of
:mod:`.compatible` call the same attack, provided no member of that incident contradicts
it (a *conflict*: different named facilities, dates that do not overlap, different
places or kinds of attack). Sameness is single-link, contradiction complete-link: a
report about "a hospital in Aleppo" on 28 September may join the incident of M10, but it
never fuses M10's incident with M2's.

**Transitive merges.** When a new candidate is the same attack as members of several
incidents, those incidents are merged into the first (through the new candidate) unless
some pair of their members conflicts or is cannot-linked; then they stay apart and the
new candidate's reason says which incident it also matched and why it was kept apart. The
candidate joins, in order of preference: an incident it is must-linked to, one matched by
facility name, one matched by place; the oldest on a tie.

**Analyst constraints** apply on top of the rules: a cannot-link pair never shares an
incident, whatever the rules say (and wins over a contradictory must-link); a must-link
pair shares one even where the rules see a conflict. Constraints about candidates already
placed take effect when the incidents are rebuilt: :func:`merge_all` (candidates are
added in ``candidate_id`` order, so a rebuild gives what adding them in arrival order
gave).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..errors import CareWatchError
from ..model import Candidate, MergedIncident
from .blocking import BlockIndex
from .build import build_incident
from .compatible import MergeDecision, decide
from .keys import MatchKey, match_key, normalise_facility_name

Pair = tuple[int, int]


class DuplicateCandidateError(CareWatchError):
    """A candidate id was added to a :class:`Merger` twice."""


class Constraints:
    """Analysts' decisions: pairs of candidate ids that must, or cannot, be one incident."""

    def __init__(self, must_link: Iterable[Pair] = (), cannot_link: Iterable[Pair] = ()) -> None:
        self._must: dict[int, set[int]] = {}
        self._cannot: dict[int, set[int]] = {}
        for a, b in must_link:
            self.must(a, b)
        for a, b in cannot_link:
            self.cannot(a, b)

    def must(self, a: int, b: int) -> None:
        """Record that candidates ``a`` and ``b`` are one incident."""
        self._must.setdefault(a, set()).add(b)
        self._must.setdefault(b, set()).add(a)

    def cannot(self, a: int, b: int) -> None:
        """Record that candidates ``a`` and ``b`` are different incidents."""
        self._cannot.setdefault(a, set()).add(b)
        self._cannot.setdefault(b, set()).add(a)

    def linked(self, candidate_id: int) -> set[int]:
        return self._must.get(candidate_id, set())

    def forbidden(self, candidate_id: int, others: Iterable[int]) -> int | None:
        """The first of ``others`` cannot-linked to ``candidate_id``, if any."""
        banned = self._cannot.get(candidate_id)
        return next((o for o in others if o in banned), None) if banned else None

    @property
    def must_link(self) -> frozenset[frozenset[int]]:
        return frozenset(frozenset((a, b)) for a, bs in self._must.items() for b in bs)

    @property
    def cannot_link(self) -> frozenset[frozenset[int]]:
        return frozenset(frozenset((a, b)) for a, bs in self._cannot.items() for b in bs)


class Merger:
    """Candidates in, incidents out, one candidate at a time."""

    def __init__(self, must_link: Iterable[Pair] = (), cannot_link: Iterable[Pair] = (),
                 aliases: Mapping[str, str] | None = None) -> None:
        """``aliases`` maps facility names to the name they stand for ("M10" ->
        "Al-Sakhour hospital"), as an analyst records them."""
        self.constraints = Constraints(must_link, cannot_link)
        self.aliases = {normalise_facility_name(k): normalise_facility_name(v)
                        for k, v in (aliases or {}).items()}
        self.index = BlockIndex()
        self.comparisons = 0
        self._candidates: dict[int, Candidate] = {}
        self._keys: dict[int, MatchKey] = {}
        self._incident_of: dict[int, int] = {}
        self._members: dict[int, list[int]] = {}
        self._reasons: dict[int, list[str]] = {}
        self._built: dict[int, MergedIncident] = {}
        self._next_incident = 0

    def add(self, candidate: Candidate) -> MergedIncident:
        """Merge one candidate in; return the incident it joined or created."""
        return self.incident(self.place(candidate))

    def add_many(self, candidates: Iterable[Candidate]) -> list[MergedIncident]:
        """Merge a document's candidates in; return the incidents they touched."""
        touched = dict.fromkeys(self.place(c) for c in candidates)
        return [self.incident(k) for k in touched if k in self._members]

    def incidents(self) -> list[MergedIncident]:
        """Every incident, in the order they were first reported."""
        return [self.incident(k) for k in self._members]

    def groups(self) -> list[list[int]]:
        """The candidate ids of every incident, without building the incidents."""
        return [list(members) for members in self._members.values()]

    def incident_of(self, candidate_id: int) -> MergedIncident:
        """The incident a merged candidate belongs to."""
        return self.incident(self._incident_of[candidate_id])

    def incident(self, key: int) -> MergedIncident:
        """The incident under ``key`` (as :meth:`place` returns it), built on demand."""
        built = self._built.get(key)
        if built is None:
            members = [self._candidates[c] for c in self._members[key]]
            built = self._built[key] = build_incident(members, self._reasons[key])
        return built

    def place(self, candidate: Candidate) -> int:
        """Merge one candidate in without building its incident; return the incident's key."""
        cid = candidate.candidate_id
        if cid in self._candidates:
            raise DuplicateCandidateError(f"candidate {cid} was already merged")
        key = match_key(candidate, self.aliases)
        self._candidates[cid], self._keys[cid] = candidate, key
        matches = self._matches(key)
        notes: list[str] = []
        eligible = [inc for inc in matches if self._may_join(key, inc, matches[inc], notes)]
        eligible.sort(key=lambda inc: (_RULE_ORDER.get(matches[inc][1].rule, 4), inc))
        eligible = _unambiguous(eligible, matches, notes)
        who = f"candidate {cid} (document {candidate.document_id})"
        if not eligible:
            target = self._new_incident(cid, f"{who}: first report" + _notes(notes))
        else:
            target = eligible[0]
            other, decision = matches[target]
            self._join(target, cid, f"{who} joined: {self._why(key, other, decision)} "
                       f"(with candidate {other})" + _notes(notes))
            for inc in eligible[1:]:
                self._absorb(target, inc, cid, matches[inc])
        self.index.add(key)
        return target

    # -- internals ------------------------------------------------------------------------

    def _matches(self, key: MatchKey) -> dict[int, tuple[int, MergeDecision]]:
        """Incidents this candidate is the same attack as (by rule or must-link)."""
        matches: dict[int, tuple[int, MergeDecision]] = {}
        for partner in self.constraints.linked(key.candidate_id):
            if partner in self._incident_of:
                matches.setdefault(self._incident_of[partner], (partner, _FORCED))
        ruled_out: set[int] = set()  # a conflict with one member rules out the incident
        for other in self.index.neighbours(key):
            incident = self._incident_of[other]
            if incident in matches or incident in ruled_out:
                continue
            self.comparisons += 1
            decision = decide(key, self._keys[other], explain=False)
            if decision.same:
                matches[incident] = (other, decision)
            elif decision.conflict:
                ruled_out.add(incident)
        return matches

    def _may_join(self, key: MatchKey, incident: int, match: tuple[int, MergeDecision],
                  notes: list[str]) -> bool:
        members = self._members[incident]
        banned = self.constraints.forbidden(key.candidate_id, members)
        if banned is not None:
            notes.append(f"also matches the incident of candidate {match[0]}, kept apart: "
                         f"an analyst separated it from candidate {banned}")
            return False
        if match[1] is _FORCED:
            return True
        for member in members:
            self.comparisons += 1
            if decide(key, self._keys[member], explain=False).conflict:
                decision = decide(key, self._keys[member])
                notes.append(f"also matches the incident of candidate {match[0]}, kept apart: "
                             f"{decision.reason} (candidate {member})")
                return False
        return True

    def _absorb(self, target: int, incident: int, via: int,
                match: tuple[int, MergeDecision]) -> None:
        """Merge ``incident`` into ``target`` through candidate ``via``, unless they conflict."""
        forced = match[1] is _FORCED
        for member in self._members[incident]:
            banned = self.constraints.forbidden(member, self._members[target])
            if banned is not None:
                self._note(target, f"candidate {via} also matches the incident of candidate "
                           f"{match[0]}, kept apart: an analyst separated candidates {member} "
                           f"and {banned}")
                return
            for kept in ([] if forced else self._members[target]):
                self.comparisons += 1
                if decide(self._keys[member], self._keys[kept], explain=False).conflict:
                    decision = decide(self._keys[member], self._keys[kept])
                    self._note(target, f"candidate {via} also matches the incident of candidate "
                               f"{match[0]}, kept apart: {decision.reason} (candidates "
                               f"{member} and {kept})")
                    return
        why = self._why(self._keys[via], match[0], match[1])
        self._reasons[target].append(
            f"the incident of candidate {self._members[incident][0]} merged in through candidate "
            f"{via}: {why} (candidates {via} and {match[0]})")
        self._reasons[target].extend(self._reasons.pop(incident))
        for member in self._members.pop(incident):
            self._incident_of[member] = target
            self._members[target].append(member)
        self._built.pop(incident, None)
        self._built.pop(target, None)

    def _why(self, key: MatchKey, other: int, decision: MergeDecision) -> str:
        return decision.reason or decide(key, self._keys[other]).reason

    def _new_incident(self, cid: int, reason: str) -> int:
        key = self._next_incident
        self._next_incident += 1
        self._members[key], self._reasons[key] = [cid], [reason]
        self._incident_of[cid] = key
        return key

    def _join(self, incident: int, cid: int, reason: str) -> None:
        self._members[incident].append(cid)
        self._reasons[incident].append(reason)
        self._incident_of[cid] = incident
        self._built.pop(incident, None)

    def _note(self, incident: int, note: str) -> None:
        self._reasons[incident].append(note)
        self._built.pop(incident, None)


_FORCED = MergeDecision(True, "an analyst merged them (must-link)", rule="analyst")
_RULE_ORDER = {"analyst": 0, "facility": 1, "place": 2, "adjacent": 3, "undated": 4,
               "coarse": 5}


# Matches by place where one report gives no date, the dates are a day apart, or one
# report places the attack only in its country or province.
WEAK_RULES = frozenset({"undated", "adjacent", "coarse"})


def _unambiguous(eligible: list[int], matches: Mapping[int, tuple[int, MergeDecision]],
                 notes: list[str]) -> list[int]:
    """A weak match counts only where there is no other, and only when it is the one
    incident the candidate can be: two attacks on hospitals of one town, and an undated
    report of "the hospital" there, stay three incidents."""
    strong = [inc for inc in eligible if matches[inc][1].rule not in WEAK_RULES]
    if strong or len(eligible) < 2:
        return strong or eligible
    others = ", ".join(str(matches[inc][0]) for inc in eligible)
    notes.append(f"could be the incident of any of candidates {others}: joined none")
    return []


def _notes(notes: list[str]) -> str:
    return "".join(f"; {n}" for n in notes)


def merge_all(candidates: Iterable[Candidate], must_link: Iterable[Pair] = (),
              cannot_link: Iterable[Pair] = (),
              aliases: Mapping[str, str] | None = None) -> list[MergedIncident]:
    """Rebuild every incident from scratch, honouring the analysts' constraints."""
    merger = Merger(must_link, cannot_link, aliases)
    for candidate in sorted(candidates, key=lambda c: c.candidate_id):
        merger.place(candidate)
    return merger.incidents()
