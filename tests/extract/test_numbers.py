"""carewatch.extract.numbers: counts as reports write them, with the hedge an analyst keeps."""

from __future__ import annotations

import pytest

from carewatch.cli.evidence import figure_label
from carewatch.extract.numbers import COUNT_RX, Count, parse_count, say_count, words_to_int


def count(phrase: str) -> Count | None:
    """Parse ``phrase`` as one whole count phrase, as the finders do."""
    match = COUNT_RX.fullmatch(phrase)
    assert match is not None, f"{phrase!r} is not read as one count"
    return parse_count(match["number"], match["qualifier"], match["total"])


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("two", 2),
        ("Two", 2),
        ("one", 1),
        ("nineteen", 19),
        ("twenty-four", 24),
        ("thirty eight", 38),
        ("three hundred and twenty", 320),
        ("two thousand", 2000),
        ("250,000", 250_000),
        ("1,200", 1200),
        ("500", 500),
        ("1.5 million", 1_500_000),
        ("2 thousand", 2000),
    ],
)
def test_words_to_int(words: str, value: int) -> None:
    assert words_to_int(words) == value


@pytest.mark.parametrize("words", ["banana", "several hospitals", "twenty-banana"])
def test_words_to_int_refuses_what_is_not_a_number(words: str) -> None:
    assert words_to_int(words) is None


@pytest.mark.parametrize(
    ("phrase", "value", "qualifier"),
    [
        ("two", 2, None),
        ("twenty-four", 24, None),
        ("250,000", 250_000, None),
        ("almost 500", 500, "almost"),
        ("at least six", 6, "at least"),
        ("around 2,000", 2000, "around"),
        ("approximately 250,000", 250_000, "approximately"),
        ("more than 100", 100, "more than"),
        ("nearly forty", 40, "nearly"),
    ],
)
def test_exact_and_hedged_counts(phrase: str, value: int, qualifier: str | None) -> None:
    parsed = count(phrase)
    assert parsed is not None
    assert parsed.value == value
    assert parsed.qualifier == qualifier
    assert parsed.total is None


@pytest.mark.parametrize(
    ("phrase", "low", "qualifier"),
    [
        ("hundreds of", 200, "hundreds of"),
        ("dozens of", 24, "dozens of"),
        ("thousands of", 2000, "thousands of"),
        ("several", 3, "several"),
    ],
)
def test_vague_amounts_are_a_lower_bound_with_their_words_kept(
    phrase: str, low: int, qualifier: str
) -> None:
    parsed = count(phrase)
    assert parsed is not None
    assert parsed.value == low
    assert parsed.maximum is None  # open-ended: "hundreds of" could be 900
    assert parsed.qualifier == qualifier


def test_a_dozen_is_exactly_twelve() -> None:
    parsed = count("a dozen")
    assert parsed is not None
    assert (parsed.value, parsed.qualifier) == (12, None)


@pytest.mark.parametrize(
    ("phrase", "value", "total"),
    [("Two out of four", 2, 4), ("three of the five", 3, 5), ("2 out of 6", 2, 6)],
)
def test_part_of_a_whole_keeps_both_numbers(phrase: str, value: int, total: int) -> None:
    parsed = count(phrase)
    assert parsed is not None
    assert (parsed.value, parsed.total) == (value, total)


@pytest.mark.parametrize("phrase", ["another 20", "a further three", "an additional five"])
def test_another_adds_to_a_count_but_is_not_a_hedge(phrase: str) -> None:
    parsed = count(phrase)
    assert parsed is not None
    assert parsed.qualifier is None


def test_counts_are_found_inside_a_sentence() -> None:
    text = "Almost 500 people have been killed and around 2,000 need care."
    found = [m.group() for m in COUNT_RX.finditer(text)]
    assert "Almost 500" in found
    assert "around 2,000" in found


@pytest.mark.parametrize(
    ("count", "qualifier", "count_max", "said"),
    [
        (6, "at least", None, "at least 6"),
        (2, None, 3, "2–3"),
        (2, None, None, "2"),
        # a vague amount's count is only its lower bound: never "hundreds of 200"
        (200, "hundreds of", None, "hundreds (at least 200)"),
        (3, "several", None, "several (at least 3)"),
    ],
)
def test_a_count_reads_as_written(count: int, qualifier: str | None, count_max: int | None, said: str) -> None:
    assert say_count(count, qualifier, count_max) == said


def test_a_vague_figure_keeps_its_words_around_the_people() -> None:
    figure = {"count": 200, "qualifier": "hundreds of", "victim_group": "patients", "scope": "incident"}
    assert figure_label(figure) == "hundreds of patients (at least 200)"
    assert figure_label({**figure, "count": 2, "qualifier": None, "count_max": 3}) == "2–3 patients"
