"""Score CareWatch against our coding of real published reports, field by field.

Not a test: it prints figures. The coding (``bench/real_reports/coding/*.jsonl`` and
``event_notes/*.jsonl``, schema in ``bench/real_reports/README.md``) is ours and committed;
the texts are other people's words and live, git-ignored, in ``bench/real_reports/texts/``
(``--texts DIR`` to read them elsewhere). A text that is missing, or whose SHA-256 differs
from the coding's, is named and left out.

    python bench/real_reports.py                    # every field, and the headline
    python bench/real_reports.py --details          # what went wrong, report by report
    python bench/real_reports.py --coding DIR --texts DIR --format json

Fields (each a share in [0, 1]; the headline is their mean):

- ``negatives``: hard negatives with no attack on health care found.
- ``incident_count``: reports of attacks whose number of incidents is right.
- ``incidents``: F1 of coded incidents matched by found ones (within each report).
- ``date``, ``country``, ``town``, ``facilities``, ``means``, ``perpetrator``: agreement
  on matched incidents (where the coding gives the value; ``perpetrator`` also scores a
  coded "nobody named" or "unknown" against an actor of a known type the text does not
  name).
- ``figures``: F1 of the attack's own toll (kind, victim group, count) on matched incidents.
- ``sources``: of the coded figures that the text attributes and that were found, those
  whose claim in CareWatch's ledger names a source from the text (``sources_right``: the
  speaker the ledger gives, that source or else the publisher, is the coded one).
- ``damage``: F1 of damaged/destroyed/out-of-service items on matched incidents.
- ``merging``: pairs of reports of one attack that end in one merged incident.
- ``false_merges`` (a count, not in the headline): pairs of candidates matched to
  different coded attacks that end in one merged incident; it must stay 0.

Event notes: ``notes_precision`` (flagged notes that are attacks on health care) and
``notes_recall``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "bench" / "real_reports"
SHARED_DATA = ROOT.parent / "shared" / "data"
SCORED_FIELDS = ("negatives", "incident_count", "incidents", "date", "country", "town",
                 "facilities", "means", "perpetrator", "figures", "sources", "damage", "merging")
# Victim groups as coded (what a monitor can tell) and as CareWatch keeps them.
_GROUPS = {"health_workers": {"health_workers"}, "patients": {"patients"},
           "people": {"civilians", "unspecified"}}


@dataclass
class Score:
    """A share: ``right`` of ``n``; or an F1 from true/false positives and negatives."""

    right: float = 0
    n: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    f1: bool = False
    tally: bool = False  # a count of mistakes (``right``), not a share


    def add(self, right: bool) -> None:
        self.n += 1
        self.right += int(right)

    def count(self, tp: int, fp: int, fn: int) -> None:
        self.f1, self.tp, self.fp, self.fn = True, self.tp + tp, self.fp + fp, self.fn + fn
        self.n += tp + fn

    @property
    def value(self) -> float | None:
        if self.tally:
            return self.right
        if self.f1:
            denominator = 2 * self.tp + self.fp + self.fn
            return 2 * self.tp / denominator if denominator else None
        return self.right / self.n if self.n else None


@dataclass
class Report:
    coding: dict[str, Any]
    text: str
    extraction: Any = None

    @property
    def id(self) -> str:
        return str(self.coding["id"])


@dataclass
class Results:
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in SCORED_FIELDS})
    extra: dict[str, Score] = field(default_factory=dict)
    details: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def note(self, report_id: str, message: str) -> None:
        self.details.append(f"{report_id}: {message}")

    def extra_score(self, name: str, tally: bool = False) -> Score:
        return self.extra.setdefault(name, Score(tally=tally))

    def headline(self) -> float:
        values = [s.value for s in self.scores.values() if s.value is not None]
        return sum(values) / len(values) if values else 0.0


# --- reading the coding and the texts ---------------------------------------------------


def read_jsonl(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    sys.exit(f"{path}:{number}: not JSON: {exc}")
    return rows


def text_path(entry: dict[str, Any], texts: Path) -> Path:
    name = str(entry["file"])
    return SHARED_DATA / name.removeprefix("shared:") if name.startswith("shared:") else texts / name


def load_texts(entries: Iterable[dict[str, Any]], texts: Path, results: Results) -> list[Report]:
    """The coded entries whose text is here and is the text that was coded."""
    loaded = []
    for entry in entries:
        path = text_path(entry, texts)
        if not path.is_file():
            results.missing.append(f"{entry['id']}: no text at {path} ({entry.get('url')})")
            continue
        raw = path.read_bytes()
        if entry.get("sha256") and hashlib.sha256(raw).hexdigest() != entry["sha256"]:
            results.missing.append(f"{entry['id']}: {path} is not the text that was coded")
            continue
        loaded.append(Report(entry, raw.decode("utf-8")))
    return loaded


def published(entry: dict[str, Any]) -> dt.date | None:
    value = entry.get("published")
    return dt.date.fromisoformat(value[:10]) if value else None


# --- comparing values --------------------------------------------------------------------


def fold(text: str | None) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in kept).split())


def _acronym(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in {"of", "the", "and", "for", "de", "des"})


_SMALL = {"of", "the", "and", "a", "an", "in", "for", "de", "des", "du"}


def same_name(found: str | None, coded: str | None) -> bool:
    """Names agree when one folded name's words are all among the other's, one is the
    other's acronym, they are one organisation under two names, or the coded value lists
    several names ("DG ECHO, WHO, MoH") and one of them agrees."""
    if coded and any(sep in coded for sep in (",", ";", " and ")) and found:
        parts = [p for p in re.split(r",|;| and ", coded) if p.strip()]
        if len(parts) > 1 and any(same_name(found, p) for p in parts):
            return True
    a, b = fold(found), fold(coded)
    if not a or not b:
        return False
    words_a, words_b = set(a.split()) - _SMALL, set(b.split()) - _SMALL
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        return True
    if a.replace(" ", "") in (_acronym(b),) or b.replace(" ", "") in (_acronym(a),):
        return True
    from carewatch.resolve.organisations import canonical_organisation

    known = {canonical_organisation(n) for n in (found, coded, *re.findall(r"\(([^)]+)\)", coded or ""))}
    return None not in known and len(known) == 1


def coded_day(value: str) -> dt.date:
    """"2017-08" and "2017" stand for their first day."""
    parts = [int(p) for p in value[:10].split("-")]
    return dt.date(*(parts + [1, 1])[:3])


def same_date(found: Any, coded: dict[str, Any]) -> bool:
    if found is None or not coded.get("date"):
        return False
    day = coded_day(coded["date"])
    precision = coded.get("date_precision") or "day"
    start, end = found.period()
    if precision == "day":
        return start <= day <= end and (end - start).days <= 1
    if precision == "week":
        return abs((start - day).days) <= 7
    if precision == "month":
        return (start.year, start.month) == (day.year, day.month)
    return start.year == day.year


def same_town(place: Any, coded: dict[str, Any]) -> bool:
    names = [coded.get("town"), *coded.get("town_also", [])]
    found = [place.name, place.resolved] if place is not None else []
    return any(same_name(f, n) for f in found for n in names if f and n)


def naming(name: str | None) -> str | None:
    """A coded name that only says what the facility is ("Ebola treatment centre") names
    none of them."""
    from carewatch.resolve.facility_names import facility_name_key, name_core

    return name if name and name_core(facility_name_key(name)) else None


def facility_matches(found: list[Any], coded: list[dict[str, Any]]) -> int:
    matched = 0
    free = list(found)
    for facility in coded:
        name = naming(facility.get("name"))
        hit = next((f for f in free if f.facility_type == facility["type"]
                    and (not name or same_name(f.name, name))), None)
        if hit is not None:
            free.remove(hit)
            matched += 1
    return matched


def figure_matches(found: list[Any], coded: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    pairs, free = [], list(found)
    for figure in coded:
        groups = _GROUPS.get(figure["group"], {figure["group"]})
        hit = next((f for f in free if f.kind.value == figure["kind"] and f.victim_group.value in groups
                    and f.count == figure["count"]
                    and (figure.get("count_max") is None or f.count_max == figure["count_max"])), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((figure, hit))
    return pairs


_TOLLS = ("killed", "injured", "kidnapped", "arrested", "missing")


def incident_figures(incident: Any) -> list[Any]:
    """The attack's own toll: figures of its victims ("at risk" counts no victim)."""
    return [f for f in incident.casualties if f.scope.value == "incident" and f.kind.value in _TOLLS]


def damage_items(incident: Any) -> set[tuple[str, str]]:
    return {(i.effect, i.item) for i in incident.impacts}


# --- matching coded incidents to found ones ---------------------------------------------


def similarity(found: Any, coded: dict[str, Any]) -> int:
    score = 2 * facility_matches(found.facilities, [f for f in coded.get("facilities", []) if naming(f.get("name"))])
    score += int(facility_matches(found.facilities, coded.get("facilities", [])) > 0)
    score += int(same_date(found.date, coded)) + int(same_town(found.place, coded))
    score += len(figure_matches(incident_figures(found), coded.get("figures", [])))
    return score


def match(found: list[Any], coded: list[dict[str, Any]]) -> list[tuple[dict[str, Any], Any]]:
    """Pairs of coded and found incidents, best first; a lone pair always matches."""
    if len(found) == 1 and len(coded) == 1:
        return [(coded[0], found[0])]
    scored = sorted(((similarity(f, c), i, j) for i, c in enumerate(coded) for j, f in enumerate(found)),
                    key=lambda t: -t[0])
    pairs, used_c, used_f = [], set(), set()
    for score, i, j in scored:
        if score >= 1 and i not in used_c and j not in used_f:
            used_c.add(i)
            used_f.add(j)
            pairs.append((coded[i], found[j]))
    return pairs


# --- scoring -------------------------------------------------------------------------------


def score_report(report: Report, results: Results) -> list[tuple[dict[str, Any], Any]]:
    s, rid = results.scores, report.id
    found = report.extraction.health_care_incidents
    coded = report.coding.get("incidents") or []
    if report.coding.get("negative"):
        s["negatives"].add(not found)
        if found:
            results.note(rid, f"hard negative ({report.coding['negative']}) read as {len(found)} incident(s)")
        return []
    s["incident_count"].add(len(found) == len(coded))
    if len(found) != len(coded):
        results.note(rid, f"{len(found)} incidents found, {len(coded)} coded")
    pairs = match(found, coded)
    s["incidents"].count(len(pairs), len(found) - len(pairs), len(coded) - len(pairs))
    for c, f in pairs:
        score_pair(rid, c, f, results, report.coding.get("outlet"))
    return pairs


def score_pair(rid: str, coded: dict[str, Any], found: Any, results: Results,
               outlet: str | None = None) -> None:
    s = results.scores
    label = coded.get("event") or coded.get("date")

    def check(name: str, right: bool, what: str) -> None:
        s[name].add(right)
        if not right:
            results.note(rid, f"[{label}] {name}: {what}")

    if coded.get("date"):
        check("date", same_date(found.date, coded), f"found {found.date and found.date.date}, coded {coded['date']}")
    if coded.get("country"):
        country = found.place.country_code if found.place else None
        check("country", country == coded["country"], f"found {country}, coded {coded['country']}")
    if coded.get("town"):
        check("town", same_town(found.place, coded), f"found {found.place and found.place.name}, coded {coded['town']}")
    if coded.get("facilities"):
        hits = facility_matches(found.facilities, coded["facilities"])
        check("facilities", hits == len(coded["facilities"]),
              f"found {[(f.facility_type, f.name) for f in found.facilities]}, coded {coded['facilities']}")
    means = [m.category for m in found.means]
    if coded.get("means"):
        check("means", bool(means) and means[0] in coded["means"], f"found {means}, coded {coded['means']}")
    # "Unknown gunmen" name nobody the taxonomy can type: coded as "unknown" or as nobody,
    # it agrees with an actor of unknown type, or with none.
    typed = [p for p in found.perpetrators if p.basis == "text" and p.actor_type.value != "unknown"]
    if coded.get("perpetrator_type") not in (None, "unknown"):
        first = found.perpetrators[0].actor_type.value if found.perpetrators else None
        check("perpetrator", first == coded["perpetrator_type"], f"found {first}, coded {coded['perpetrator_type']}")
    elif "perpetrator_type" in coded:
        check("perpetrator", not typed, f"found {[p.name for p in typed]}, coded nobody typed")
    score_figures(rid, label, coded.get("figures", []), incident_figures(found), results, outlet, found)
    coded_damage = {(d["effect"], d["item"]) for d in coded.get("damage", [])}
    found_damage = damage_items(found)
    s["damage"].count(len(coded_damage & found_damage), len(found_damage - coded_damage),
                      len(coded_damage - found_damage))
    if coded_damage != found_damage:
        results.note(rid, f"[{label}] damage: found {sorted(found_damage)}, coded {sorted(coded_damage)}")


def ledger_speakers(incident: Any, outlet: str | None) -> dict[int, str]:
    """For each of the incident's figures, the speaker the claim ledger names, where it
    names one other than the publisher."""
    from carewatch.merge.ledger import claims_of
    from carewatch.model import Candidate

    claims = claims_of(Candidate(candidate_id=0, document_id=0, incident=incident, publisher=outlet))
    by_span = {(c.field, c.span.start) for c in claims if c.span}
    speakers = {}
    for figure in incident.casualties:
        if figure.span is None or (f"{figure.kind.value}:{figure.victim_group.value}", figure.span.start) not in by_span:
            continue
        claim = next(c for c in claims if c.span and c.span.start == figure.span.start
                     and c.field == f"{figure.kind.value}:{figure.victim_group.value}")
        if claim.source is not None and claim.source.label() != "unattributed":
            speakers[id(figure)] = claim.source.label()
    return speakers


def score_figures(rid: str, label: Any, coded: list[dict[str, Any]], found: list[Any], results: Results,
                  outlet: str | None = None, incident: Any = None) -> None:
    pairs = figure_matches(found, coded)
    results.scores["figures"].count(len(pairs), len(found) - len(pairs), len(coded) - len(pairs))
    if len(pairs) != len(coded) or len(found) != len(coded):
        shown = [(f.kind.value, f.victim_group.value, f.count) for f in found]
        results.note(rid, f"[{label}] figures: found {shown}, coded "
                          f"{[(c['kind'], c['group'], c['count']) for c in coded]}")
    speakers = ledger_speakers(incident, outlet)
    for figure, hit in pairs:
        if not figure.get("source"):
            continue
        # Who answers for the figure in CareWatch's claim ledger: the source it quotes for
        # it (or nearest it), else the publisher.
        quoted = speakers.get(id(hit))
        speaker = quoted or outlet
        results.scores["sources"].add(quoted is not None)
        results.extra_score("sources_right").add(same_name(speaker, figure["source"]))
        if not same_name(speaker, figure["source"]):
            results.note(rid, f"[{label}] source of {figure['kind']} {figure['count']}: "
                              f"found {speaker}, coded {figure['source']}")


def score_merging(reports: list[Report], matched: dict[str, list[tuple[dict[str, Any], Any]]],
                  results: Results) -> None:
    """Ingest every report into a new database; each coded event must be one incident."""
    from carewatch.extract import DEFAULT_EXTRACTOR, get_extractor
    from carewatch.ingest.readers import read_text
    from carewatch.ingest.records import Defaults
    from carewatch.pipeline import ingest_document
    from carewatch.store import Database
    from carewatch.store.merged_reading import get_merged, list_merged

    extractor = get_extractor(DEFAULT_EXTRACTOR)
    with tempfile.TemporaryDirectory() as folder, Database(f"sqlite:///{folder}/merge.db") as db:
        where: dict[tuple[int, int], str] = {}  # (document id, ordinal) -> report id
        for report in reports:
            defaults = Defaults(published(report.coding), report.coding.get("outlet"), report.coding.get("url"))
            document = read_text(report.text.encode("utf-8"), report.id, defaults, "text/plain")
            outcome = ingest_document(document, db, extractor)
            for ordinal, _ in enumerate(report.extraction.incidents):
                where[(getattr(outcome, "document_id", -1), ordinal)] = report.id
        merged_of: dict[tuple[str, int], int] = {}
        for incident in list_merged(db, limit=100_000):
            for member in get_merged(db, incident.id).members:
                merged_of[(where.get((member.document_id, member.ordinal), "?"), member.ordinal)] = incident.id
    events: dict[str, list[tuple[str, int | None]]] = {}
    event_of: dict[tuple[str, int], str] = {}  # (report id, ordinal) -> coded event
    for report in reports:
        ordinals = {id(c): n for n, c in enumerate(report.extraction.incidents)}
        for coded, found in matched.get(report.id, []):
            if coded.get("event"):
                events.setdefault(coded["event"], []).append((report.id, ordinals.get(id(found))))
                if id(found) in ordinals:
                    event_of[(report.id, ordinals[id(found)])] = coded["event"]
        for coded in report.coding.get("incidents") or []:
            if coded.get("event") and all(c is not coded for c, _ in matched.get(report.id, [])):
                events.setdefault(coded["event"], []).append((report.id, None))
    for event, members in sorted(events.items()):
        for (a, oa), (b, ob) in combinations(members, 2):
            if a == b:
                continue
            joined = oa is not None and ob is not None and merged_of.get((a, oa)) == merged_of.get((b, ob))
            results.scores["merging"].add(joined)
            if not joined:
                results.note(a, f"[{event}] not merged with {b}")
    score_false_merges(merged_of, event_of, results)


def score_false_merges(merged_of: dict[tuple[str, int], int], event_of: dict[tuple[str, int], str],
                       results: Results) -> None:
    """Count pairs of candidates of different coded attacks that share a merged incident."""
    false = results.extra_score("false_merges", tally=True)
    members: dict[int, list[tuple[str, int]]] = {}
    for candidate, incident in merged_of.items():
        if candidate in event_of:
            members.setdefault(incident, []).append(candidate)
    for incident, candidates in sorted(members.items()):
        false.n += 1
        for a, b in combinations(sorted(candidates), 2):
            if event_of[a] != event_of[b]:
                false.right += 1
                results.note(a[0], f"false merge: [{event_of[a]}] with [{event_of[b]}] of {b[0]}")


def score_notes(notes: list[Report], results: Results) -> None:
    import carewatch

    precision, recall = results.extra_score("notes_precision"), results.extra_score("notes_recall")
    for note in notes:
        flagged = bool(carewatch.extract(note.text, published=published(note.coding)).health_care_incidents)
        gold = bool(note.coding["attack_on_health_care"])
        if flagged:
            precision.add(gold)
        if gold:
            recall.add(flagged)
        if flagged != gold:
            results.note(note.id, f"event note {'flagged' if flagged else 'missed'}: {note.coding.get('why')}")


def run(coding: Path, notes_dir: Path, texts: Path, merging: bool = True) -> Results:
    import carewatch

    results = Results()
    reports = load_texts(read_jsonl(coding), texts, results)
    matched = {}
    for report in reports:
        report.extraction = carewatch.extract(report.text, published=published(report.coding))
        matched[report.id] = score_report(report, results)
    if merging and reports:
        score_merging(reports, matched, results)
    if notes_dir.is_dir():
        score_notes(load_texts(read_jsonl(notes_dir), texts, results), results)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--coding", type=Path, default=HERE / "coding")
    parser.add_argument("--notes", type=Path, default=HERE / "event_notes")
    parser.add_argument("--texts", type=Path, default=HERE / "texts")
    parser.add_argument("--details", action="store_true", help="what went wrong, report by report")
    parser.add_argument("--no-merge", action="store_true", help="skip the merging check (faster)")
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args(argv)
    results = run(args.coding, args.notes, args.texts, merging=not args.no_merge)
    figures = {name: {"value": s.value, "n": s.n} for name, s in {**results.scores, **results.extra}.items()}
    if args.format == "json":
        print(json.dumps({"headline": results.headline(), "fields": figures, "missing": results.missing}, indent=1))
        return 0
    for line in results.missing:
        print(f"missing: {line}", file=sys.stderr)
    if args.details:
        print("\n".join(results.details))
        print()
    for name, figure in figures.items():
        value = "  –  " if figure["value"] is None else (
            f"{figure['value']:5.0f}" if name == "false_merges" else f"{figure['value']:.3f}")
        print(f"{name:16} {value}  n={figure['n']}")
    print(f"{'headline':16} {results.headline():.3f}  (mean of {', '.join(SCORED_FIELDS)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
