"""evaluate: measures computed from a hand-made coded file and a fixed test extractor."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from carewatch import extract
from carewatch.cli.evaluate import evaluate as evaluate_command
from carewatch.evaluate import evaluate_file, predicted_count
from carewatch.evaluate_mapping import mapped_categories, unmapped_codes
from carewatch.extract import register_extractor
from carewatch.model import (
    ActorType,
    ActorValue,
    CandidateIncident,
    DatePrecision,
    DateValue,
    Extraction,
    Figure,
    FigureKind,
    FigureScope,
    Impact,
    IncidentType,
    MeansValue,
    VictimGroup,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "insecurity-insight" / "dev.jsonl"


def _hospital_strike() -> Extraction:
    return Extraction(
        extractor="test.fixed.v1",
        incidents=[
            CandidateIncident(
                IncidentType.FACILITY_ATTACK,
                date=DateValue(dt.date(2021, 3, 1), DatePrecision.MONTH),
                means=[MeansValue("air_strike")],
                perpetrators=[ActorValue("Syrian", ActorType.STATE_FORCES)],
                casualties=[
                    Figure(FigureKind.KILLED, 2, VictimGroup.HEALTH_WORKERS),
                    Figure(FigureKind.KILLED, 5, VictimGroup.CIVILIANS),
                    Figure(
                        FigureKind.KILLED, 9, VictimGroup.HEALTH_WORKERS, scope=FigureScope.CAMPAIGN
                    ),
                ],
                impacts=[Impact("destroyed", "facility")],
            )
        ],
    )


def _abduction() -> Extraction:
    return Extraction(
        extractor="test.fixed.v1",
        incidents=[
            CandidateIncident(IncidentType.OTHER_VIOLENCE, means=[MeansValue("firearms")]),
            CandidateIncident(
                IncidentType.ARREST_KIDNAP,
                date=DateValue(dt.date(2022, 6, 1), DatePrecision.MONTH),
                perpetrators=[ActorValue("gunmen", ActorType.NON_STATE_GROUP)],
                casualties=[Figure(FigureKind.KIDNAPPED, 1, VictimGroup.HEALTH_WORKERS)],
            ),
        ],
    )


def _nothing() -> Extraction:
    return Extraction(extractor="test.fixed.v1")


# The fake extractor answers by the text: a test double of the input, not of evaluate.
ANSWERS = {
    "strike": _hospital_strike,
    "abduction": _abduction,
    "quiet": _nothing,
    "school": _hospital_strike,  # a false positive on a label-0 row
}


class FixedExtractor:
    name = "test.fixed.v1"

    def extract(self, text: str, published: dt.date | None = None) -> Extraction:
        if text == "boom":
            raise RuntimeError("extractor failed")
        return ANSWERS[text]()


register_extractor("test.fixed.v1")(FixedExtractor)

ZERO = {f"health_workers_{k}": 0 for k in ("killed", "injured", "kidnapped", "arrested")}
ROWS = [
    {
        "id": "a",
        "text": "strike",
        "label_health_attack": 1,
        "date": "2021-03-04",
        "iso3": "SYR",
        "weapon": "Aerial Bomb: Plane",
        "perpetrator_type": "Armed Forces of Government/Self-Declared Government",
        **ZERO,
        "health_workers_killed": 2,
        "facilities_destroyed": 1,
        "facilities_damaged": 0,
    },
    {
        "id": "b",
        "text": "abduction",
        "label_health_attack": 1,
        "date": "2022-07-10",
        "iso3": "NGA",
        "weapon": "Firearms, Knife",
        "perpetrator_type": "Multiple",
        **ZERO,
        "health_workers_kidnapped": 2,
        "facilities_destroyed": 0,
        "facilities_damaged": 0,
    },
    {
        "id": "c",
        "text": "quiet",
        "label_health_attack": 1,
        "date": "2019-01-01",
        "iso3": "COD",
        "weapon": "Other Weapon",
        "perpetrator_type": "No Information",
        **ZERO,
        "health_workers_injured": 1,
        "facilities_destroyed": 0,
        "facilities_damaged": 1,
    },
    {
        "id": "d",
        "text": "school",
        "label_health_attack": 0,
        "date": "2020-05-05",
        "iso3": "MLI",
        "weapon": "Firearms",
        "perpetrator_type": "NSA",
        **ZERO,
    },
    {
        "id": "e",
        "text": "quiet",
        "label_health_attack": 0,
        "date": "2023-01-01",
        "iso3": "MLI",
        "weapon": "Firearms",
        "perpetrator_type": "NSA",
        **ZERO,
    },
]


@pytest.fixture()
def coded_file(tmp_path: Path) -> Path:
    path = tmp_path / "coded.jsonl"
    lines = [json.dumps(row) for row in ROWS]
    lines += ["", "{not json", json.dumps({"id": "f", "text": ""}), json.dumps({"text": "boom"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_measures_on_a_known_extraction(coded_file: Path) -> None:
    report = evaluate_file(coded_file, extractor="test.fixed.v1")
    measures = report.as_dict()

    assert report.rows == 8  # the blank line is skipped
    assert measures["unparseable"] == {"count": 3, "n": 8}

    # Detection on 2020-2023 rows: a (tp), b (tp), d (fp), e (tn); c is dated 2019.
    assert measures["detection"]["n"] == 4
    assert measures["detection"]["precision"] == pytest.approx(2 / 3)
    assert measures["detection"]["recall"] == 1.0
    assert measures["detection"]["f1"] == pytest.approx(0.8)

    # Weapon: a right (air_strike); b accepts firearms or cold_weapon, and the health-care
    # incident has no means, so the other incident's firearms counts; c is excluded.
    assert measures["weapon"] == {"accuracy": 1.0, "n": 2}
    # Perpetrator: a right; b is "Multiple" (excluded); c "No Information" and none found.
    assert measures["perpetrator_type"] == {"accuracy": 1.0, "n": 2}

    killed = measures["health_workers_killed"]
    assert killed["n"] == 3 and killed["f1"] == 1.0
    assert killed["exact_accuracy"] == 1.0  # civilians and campaign figures are not counted
    kidnapped = measures["health_workers_kidnapped"]
    assert kidnapped["f1"] == 1.0 and kidnapped["exact_accuracy"] == pytest.approx(2 / 3)
    injured = measures["health_workers_injured"]
    assert injured["recall"] == 0.0 and injured["exact_accuracy"] == pytest.approx(2 / 3)

    facility = measures["facility_damaged_or_destroyed"]
    assert (facility["precision"], facility["recall"]) == (1.0, 0.5)

    assert measures["year"] == {"accuracy": pytest.approx(2 / 3), "n": 3}
    assert measures["month"] == {"accuracy": pytest.approx(1 / 3), "n": 3}  # b: June vs July

    fields = {(e["id"], e["field"]) for e in report.errors}
    assert ("d", "detection") in fields and ("b", "date") in fields
    assert ("b", "health_workers_kidnapped") in fields


def test_limit_stops_early(coded_file: Path) -> None:
    report = evaluate_file(coded_file, extractor="test.fixed.v1", limit=2)
    assert report.rows == 2 and report.unparseable == 0


def test_unknown_extractor_fails_once(coded_file: Path) -> None:
    from carewatch.errors import UnknownExtractorError

    with pytest.raises(UnknownExtractorError):
        evaluate_file(coded_file, extractor="no.such.v1")


def test_command_prints_json_and_writes_errors(coded_file: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.jsonl"
    result = CliRunner().invoke(
        evaluate_command,
        [
            str(coded_file),
            "--format",
            "json",
            "--extractor",
            "test.fixed.v1",
            "--errors",
            str(errors),
        ],
    )
    assert result.exit_code == 0, result.output
    measures = json.loads(result.stdout)
    assert measures["weapon"]["n"] == 2
    written = [json.loads(line) for line in errors.read_text().splitlines()]
    assert {"id", "field", "gold", "predicted", "text"} <= set(written[0])


def test_command_prints_a_table(coded_file: Path) -> None:
    result = CliRunner().invoke(
        evaluate_command, [str(coded_file), "--extractor", "test.fixed.v1", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "perpetrator_type" in result.stdout and "exact_accuracy" in result.stdout


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("weapon", "Aerial Bomb: Plane", ("air_strike",)),
        # the coders file tear gas fired from guns under Firearms
        ("weapon", "Firearms", ("firearms", "riot_control")),
        ("weapon", "Tasers, Live and Rubber Bullets", ("riot_control", "firearms")),
        ("weapon", "Firearms, Tasers, Live and Rubber Bullets", ("firearms", "riot_control")),
        ("weapon", "Other Weapon", None),
        ("weapon", None, None),
        ("perpetrator_type", "Foreign Force: Military", ("foreign_state_forces",)),
        ("perpetrator_type", "Multiple", None),
    ],
)
def test_code_mapping(field: str, value: str | None, expected: tuple[str, ...] | None) -> None:
    assert mapped_categories(field, value) == expected


@pytest.mark.skipif(not DEV.exists(), reason=f"coded data not found at {DEV} (../shared)")
def test_every_code_in_the_coded_data_is_mapped() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    for field in ("weapon", "perpetrator_type"):
        assert unmapped_codes(field, [r.get(field) for r in rows]) == set()


@pytest.mark.skipif(not DEV.exists(), reason=f"coded data not found at {DEV} (../shared)")
def test_default_extractor_runs_on_real_rows() -> None:
    report = evaluate_file(DEV, limit=25)
    assert report.rows == 25 and report.unparseable == 0


def test_spreadsheet_escapes_and_mojibake_are_undone_before_extraction() -> None:
    from carewatch.evaluate import repair_export_text

    assert repair_export_text("shot by settlers_x000D_The clinic") == "shot by settlers\rThe clinic"
    assert repair_export_text("the army\u00e2\u20ac\u2122s tanks") == "the army\u2019s tanks"
    # decoded wrongly twice
    twice = "the army\u00c3\u00a2\u00e2\u201a\u00ac\u00e2\u201e\u00a2s tanks"
    assert repair_export_text(twice) == "the army\u2019s tanks"
    assert repair_export_text("\u00e2\u20ac\u0153quoted\u00e2\u20ac\u009d") == "\u201cquoted\u201d"
    # clean text, accented names and a lone symbol stay as they are
    for clean in ("Médecins Sans Frontières in Côte d'Ivoire", "a 5\u00b0 slope", "plain text"):
        assert repair_export_text(clean) == clean


def test_a_figure_shared_by_two_incidents_counts_once() -> None:
    # One sentence, two facilities: the extractor gives each incident the same figure.
    text = "Police arrested 15 doctors at the Al-Noor Hospital and the Al-Amal Hospital in Kassala."
    extraction = extract(text, published=dt.date(2023, 5, 9))
    arrested = [f for i in extraction.health_care_incidents for f in i.casualties
                if f.kind is FigureKind.ARRESTED]
    assert len(arrested) == 2 and arrested[0].span == arrested[1].span
    assert predicted_count(extraction, FigureKind.ARRESTED) == 15
