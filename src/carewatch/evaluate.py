"""Measure an extractor against coded incidents, field by field.

The input is JSONL in the shape of Insecurity Insight's coded data (``text``,
``label_health_attack``, ``date``, ``iso3``, ``perpetrator_type``, ``weapon`` and the
health-worker and facility counts). Each row's text goes through :func:`carewatch.extract`
and the extraction is compared with the codes:

- ``detection``: is the row an attack on health care? Scored only on rows dated
  2020-2023 (the years the coded data has negatives for). Predicted positive: at least one
  health-care incident.
- ``weapon`` and ``perpetrator_type``: accuracy on label-1 rows whose code maps to our
  taxonomy (``data/insecurity_insight_codes.json``).
- ``health_workers_<kind>``: on label-1 rows, precision/recall/F1 of a non-zero count and
  the accuracy of the exact count.
- ``facility_damaged_or_destroyed``: on label-1 rows, F1 of any facility damaged or destroyed.
- ``year`` and ``month``: on label-1 rows with a coded date.
- ``unparseable``: rows that are not JSON objects with a text, or that the extractor
  failed on.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .evaluate_mapping import mapped_categories
from .extract.means import primary_means
from .model import ActorType, CandidateIncident, Extraction, FigureKind, FigureScope, VictimGroup

DETECTION_YEARS = range(2020, 2024)
COUNT_KINDS = (FigureKind.KILLED, FigureKind.INJURED, FigureKind.KIDNAPPED, FigureKind.ARRESTED)
UNKNOWN = "unknown"


@dataclass
class BinaryScore:
    """Counts of a yes/no prediction; precision, recall and F1 follow from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "n": self.n}


@dataclass
class Accuracy:
    correct: int = 0
    n: int = 0

    def add(self, right: bool) -> None:
        self.n += 1
        self.correct += int(right)

    @property
    def value(self) -> float:
        return self.correct / self.n if self.n else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": self.value, "n": self.n}


@dataclass
class EvaluationReport:
    """Every measure of one evaluation run, and the mismatches behind them."""

    extractor: str
    rows: int = 0
    unparseable: int = 0
    detection: BinaryScore = field(default_factory=BinaryScore)
    weapon: Accuracy = field(default_factory=Accuracy)
    perpetrator_type: Accuracy = field(default_factory=Accuracy)
    # The same on the rows where the extractor found a means / perpetrator in the text:
    # many coded rows name none ("A health worker was injured."), and the coders knew more.
    weapon_when_found: Accuracy = field(default_factory=Accuracy)
    perpetrator_type_when_found: Accuracy = field(default_factory=Accuracy)
    counts: dict[str, BinaryScore] = field(default_factory=dict)
    exact_counts: dict[str, Accuracy] = field(default_factory=dict)
    facility: BinaryScore = field(default_factory=BinaryScore)
    year: Accuracy = field(default_factory=Accuracy)
    month: Accuracy = field(default_factory=Accuracy)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        for kind in COUNT_KINDS:
            self.counts.setdefault(kind.value, BinaryScore())
            self.exact_counts.setdefault(kind.value, Accuracy())

    def as_dict(self) -> dict[str, dict[str, float | int]]:
        """``{field: {measure: value, "n": count}}``."""
        result: dict[str, dict[str, float | int]] = {
            "detection": self.detection.as_dict(),
            "weapon": self.weapon.as_dict(),
            "perpetrator_type": self.perpetrator_type.as_dict(),
            "weapon_when_found": self.weapon_when_found.as_dict(),
            "perpetrator_type_when_found": self.perpetrator_type_when_found.as_dict(),
        }
        for kind in COUNT_KINDS:
            scores = self.counts[kind.value].as_dict()
            scores["exact_accuracy"] = self.exact_counts[kind.value].value
            result[f"health_workers_{kind.value}"] = scores
        result["facility_damaged_or_destroyed"] = self.facility.as_dict()
        result["year"] = self.year.as_dict()
        result["month"] = self.month.as_dict()
        result["unparseable"] = {"count": self.unparseable, "n": self.rows}
        return result


# --- the coded texts as their authors wrote them --------------------------------------

# The coded data went through a spreadsheet and a wrong decoding on its way to us: a
# carriage return is written as the OOXML escape "_x000D_" ("settlers_x000D_" hides the
# word "settlers" from any whole-word rule), and some UTF-8 punctuation was read as
# Windows-1252 ("forcesâ€™" for "forces’"), sometimes twice. These are artefacts of the
# export, not of the reports, so they are undone before extraction; a run that does not
# decode cleanly is left as it is.
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_MOJIBAKE = re.compile("[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                       "\u0192\u02c6\u02dc\u2013-\u2122]+")


def _cp1252_bytes(run: str) -> bytes:
    # Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D have no Windows-1252 character and survive
    # the wrong decoding as the control characters of the same number.
    return b"".join(bytes([ord(c)]) if ord(c) < 256 else c.encode("cp1252") for c in run)


def _undo_mojibake(match: re.Match[str]) -> str:
    try:
        return _cp1252_bytes(match.group(0)).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return match.group(0)


def repair_export_text(text: str) -> str:
    """Undo the spreadsheet escapes and double decoding in a coded row's text."""
    text = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    for _ in range(3):  # "Ã¢â‚¬â„¢" was decoded wrongly twice
        repaired = _MOJIBAKE.sub(_undo_mojibake, text)
        if repaired == text:
            break
        text = repaired
    return text


# --- what an extraction predicts -------------------------------------------------------


def _first_health_care(extraction: Extraction) -> CandidateIncident | None:
    incidents = extraction.health_care_incidents
    return incidents[0] if incidents else None


def predicted_weapon(extraction: Extraction) -> str:
    """The means of the first health-care incident, else of any incident, else unknown."""
    ordered = extraction.health_care_incidents + extraction.incidents
    for incident in ordered:
        chosen = primary_means(incident.means)
        if chosen is not None:
            return chosen.category
    return UNKNOWN


def predicted_perpetrator_type(extraction: Extraction) -> str:
    """The first perpetrator of the first health-care incident that names one, else of any
    incident (as for the weapon), else unknown."""
    for incident in extraction.health_care_incidents + extraction.incidents:
        if incident.perpetrators:
            return incident.perpetrators[0].actor_type.value
    return ActorType.UNKNOWN.value


def predicted_count(extraction: Extraction, kind: FigureKind) -> int:
    """Health workers counted with ``kind`` in the incidents' own figures.

    A figure the report gives once for several incidents ("15 doctors arrested at hospitals
    A and B") sits in each of them; the same words are counted once.
    """
    counted: dict[object, int] = {}
    for incident in extraction.health_care_incidents:
        for figure in incident.casualties:
            if (figure.kind is kind and figure.victim_group is VictimGroup.HEALTH_WORKERS
                    and figure.scope is FigureScope.INCIDENT):
                key = (figure.span.start, figure.span.end) if figure.span else id(figure)
                counted[key] = figure.count
    return sum(counted.values())


def predicted_facility_hit(extraction: Extraction) -> bool:
    return any(
        impact.item == "facility" and impact.effect in ("damaged", "destroyed")
        for incident in extraction.health_care_incidents
        for impact in incident.impacts
    )


def predicted_date(extraction: Extraction) -> dt.date | None:
    incident = _first_health_care(extraction)
    if incident is not None and incident.date is not None:
        return incident.date.date
    return extraction.dates[0].date if extraction.dates else None


# --- scoring ---------------------------------------------------------------------------

Extract = Callable[[str], Extraction]


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def _coded_date(row: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(row.get("date"))[:10])
    except ValueError:
        return None


def score_row(report: EvaluationReport, row: dict[str, Any], extraction: Extraction) -> None:
    """Add one coded row and its extraction to ``report``."""
    row_id = row.get("id", f"row {report.rows}")
    text = row["text"]

    def mismatch(name: str, gold: object, predicted: object) -> None:
        report.errors.append(
            {"id": row_id, "field": name, "gold": gold, "predicted": predicted, "text": text}
        )

    label = row.get("label_health_attack")
    coded_date = _coded_date(row)
    detected = bool(extraction.health_care_incidents)
    if label in (0, 1) and coded_date is not None and coded_date.year in DETECTION_YEARS:
        report.detection.add(label == 1, detected)
        if (label == 1) != detected:
            mismatch("detection", label, int(detected))
    if label != 1:
        return

    for name, accuracy, when_found, predicted in (
        ("weapon", report.weapon, report.weapon_when_found, predicted_weapon(extraction)),
        ("perpetrator_type", report.perpetrator_type, report.perpetrator_type_when_found,
         predicted_perpetrator_type(extraction)),
    ):
        accepted = mapped_categories(name, row.get(name))
        if accepted is not None:
            accuracy.add(predicted in accepted)
            if predicted != UNKNOWN:
                when_found.add(predicted in accepted)
            if predicted not in accepted:
                mismatch(name, "|".join(accepted), predicted)

    for kind in COUNT_KINDS:
        gold_count = _int(row.get(f"health_workers_{kind.value}"))
        found_count = predicted_count(extraction, kind)
        report.counts[kind.value].add(gold_count > 0, found_count > 0)
        report.exact_counts[kind.value].add(gold_count == found_count)
        if gold_count != found_count:
            mismatch(f"health_workers_{kind.value}", gold_count, found_count)

    gold_hit = _int(row.get("facilities_damaged")) + _int(row.get("facilities_destroyed")) > 0
    predicted_hit = predicted_facility_hit(extraction)
    report.facility.add(gold_hit, predicted_hit)
    if gold_hit != predicted_hit:
        mismatch("facility_damaged_or_destroyed", gold_hit, predicted_hit)

    if coded_date is not None:
        found = predicted_date(extraction)
        report.year.add(found is not None and found.year == coded_date.year)
        same_month = found is not None and (found.year, found.month) == (
            coded_date.year,
            coded_date.month,
        )
        report.month.add(same_month)
        if not same_month:
            mismatch("date", coded_date.isoformat(), found.isoformat() if found else None)


def evaluate_lines(
    lines: Iterable[str],
    extractor: str | None = None,
    limit: int | None = None,
    on_row: Callable[[], None] | None = None,
) -> EvaluationReport:
    """Evaluate JSONL lines (blank lines are skipped); ``on_row`` is called after each row."""
    import carewatch

    from .extract import DEFAULT_EXTRACTOR, get_extractor

    name = extractor or DEFAULT_EXTRACTOR
    get_extractor(name)  # an unknown name fails here, once, not on every row
    report = EvaluationReport(extractor=name)
    for line in lines:
        if not line.strip():
            continue
        if limit is not None and report.rows >= limit:
            break
        report.rows += 1
        try:
            row = json.loads(line)
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise TypeError("not an object with a text")
            if not row["text"].strip():
                raise ValueError("empty text")
        except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
            report.unparseable += 1
            report.errors.append(
                {
                    "id": f"line {report.rows}",
                    "field": "unparseable",
                    "gold": None,
                    "predicted": str(exc),
                    "text": line[:500],
                }
            )
        else:
            try:
                extraction = carewatch.extract(
                    repair_export_text(row["text"]), published=None, extractor=name
                )
            except Exception as exc:  # noqa: BLE001 - a failing row is counted, not fatal
                report.unparseable += 1
                report.errors.append(
                    {
                        "id": row.get("id", f"line {report.rows}"),
                        "field": "unparseable",
                        "gold": None,
                        "predicted": f"{type(exc).__name__}: {exc}",
                        "text": row["text"],
                    }
                )
            else:
                score_row(report, row, extraction)
        if on_row is not None:
            on_row()
    return report


def evaluate_file(
    path: str | Path,
    extractor: str | None = None,
    limit: int | None = None,
    on_row: Callable[[], None] | None = None,
) -> EvaluationReport:
    """Evaluate the extractor named ``extractor`` (the default if None) on a JSONL file."""
    with open(path, encoding="utf-8") as handle:
        return evaluate_lines(handle, extractor=extractor, limit=limit, on_row=on_row)


def write_errors(report: EvaluationReport, path: str | Path) -> int:
    """Write the report's mismatches as JSONL; return how many were written."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.writelines(
            json.dumps(error, ensure_ascii=False, default=str) + "\n" for error in report.errors
        )
    return len(report.errors)
