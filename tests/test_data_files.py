"""carewatch/data: every lexicon and table parses, its patterns compile, and it has its shape."""

from __future__ import annotations

import re

import pytest

from carewatch.data_files import data_file_names, load_json
from carewatch.errors import DataFileError
from carewatch.extract.lexicon import lexicon
from carewatch.model import FigureKind, PlacePrecision


def compile_all(patterns: list[str], flags: int = re.IGNORECASE) -> None:
    for pattern in patterns:
        assert isinstance(pattern, str) and pattern, pattern
        re.compile(pattern, flags)


# A whole-word pattern that ends in a space, even an optional one ("stripped (?:of )?"),
# can never match before a word: the closing word boundary fails after the space.
_TRAILING_SPACE = re.compile(r"\s(?:\)[?*]?)*$")


def test_whole_word_patterns_do_not_end_in_a_space() -> None:
    events, terms = load_json("events.json"), load_json("health_terms.json")
    tables = [events["casualty"], events["attack"], events["service_effects"], events["situation"],
              terms["facility_types"], terms["services"], terms["supplies"]]
    patterns = [p for table in tables for key, ps in table.items() if not key.startswith("_") for p in ps]
    patterns += [p for key in ("personnel", "staff_nouns", "patients", "people", "health_context")
                 for p in terms[key]]
    assert [p for p in patterns if _TRAILING_SPACE.search(p)] == []


def test_the_package_ships_its_data_files() -> None:
    assert {
        "actors.json", "events.json", "health_terms.json", "insecurity_insight_codes.json",
        "means.json", "places.json", "places_stoplist.json", "organisations.json",
    } <= set(data_file_names())


def test_the_event_context_lists_compile() -> None:
    events = load_json("events.json")
    for key in ("non_attack_contexts", "labour_action", "accident_contexts", "intentional_cues",
                "fire_acts", "recovery_contexts", "again_cues"):
        compile_all(events[key])


def test_every_organisation_name_belongs_to_one_organisation() -> None:
    from carewatch.resolve.organisations import fold_organisation

    owners: dict[str, str] = {}
    for canonical, entry in load_json("organisations.json")["organisations"].items():
        assert set(entry) <= {"names", "acronyms", "news"}, canonical
        for acronym in entry["acronyms"]:
            assert acronym[0].isupper() and " " not in acronym, acronym
        for name in [canonical, *entry["names"]]:
            folded = fold_organisation(name)
            assert owners.setdefault(folded, canonical) == canonical, (name, owners[folded])


@pytest.mark.parametrize("name", data_file_names())
def test_every_data_file_parses(name: str) -> None:
    data = load_json(name)
    assert data, f"{name} is empty"


def test_a_missing_data_file_is_a_clear_error() -> None:
    with pytest.raises(DataFileError, match="no-such-lexicon.json"):
        load_json("no-such-lexicon.json")


def test_the_compiled_lexicon_builds_and_matches() -> None:
    lex = lexicon()
    assert lex.facility.finditer("the field hospital")[0][0] == "hospital"
    assert lex.personnel.search("two paramedics")
    assert lex.patients.search("three patients")
    assert lex.code_name.fullmatch("M10")
    assert not lex.code_name.search("m10")
    assert lex.named_facility.search("Al-Quds hospital")


def test_health_terms_shape() -> None:
    terms = load_json("health_terms.json")
    facility_types = terms["facility_types"]
    assert {"hospital", "clinic", "health_centre", "ambulance", "emergency_response_centre"} <= set(
        facility_types
    )
    assert set(terms["transport_types"]) <= set(facility_types)
    for patterns in facility_types.values():
        compile_all(patterns)
    for key in ("personnel", "staff_nouns", "patients", "people", "health_context"):
        assert isinstance(terms[key], list) and terms[key], key
        compile_all(terms[key])
    assert {"icu", "emergency_unit", "water", "generators", "building"} <= set(terms["services"])
    assert {"antibiotics", "anaesthetics", "medicines"} <= set(terms["supplies"])
    for table in ("services", "supplies"):
        for patterns in terms[table].values():
            compile_all(patterns)
    re.compile(terms["named_facility_suffix"])
    re.compile(terms["code_name"])


def test_events_shape() -> None:
    events = load_json("events.json")
    # every kind of casualty predicate is a kind of figure, and every kind of figure has words
    assert set(events["casualty"]) == {k.value for k in FigureKind}
    assert set(events["attack"]) == {
        "struck", "damaged", "destroyed", "looted", "occupied", "threatened", "obstructed",
    }
    # "disabled" (rendered inoperable) is read as out of service, and for a facility as damage too
    assert set(events["service_effects"]) == {"out_of_service", "destroyed", "damaged", "disabled"}
    assert events["heavy_means"] and all(isinstance(p, str) for p in events["heavy_means"])
    # Patterns, compiled as regular expressions: one that does not compile fails here, not mid-run.
    assert events["non_state_captors"]
    for pattern in events["non_state_captors"]:
        re.compile(pattern)
    assert {"functioning", "shortage", "blockade", "supply_routes", "population"} <= set(
        events["situation"]
    )
    for table in ("casualty", "attack", "service_effects", "situation"):
        for key, patterns in events[table].items():
            assert patterns, f"{table}.{key} is empty"
            compile_all(patterns)
    compile_all(events["non_attack_contexts"])
    compile_all(events["campaign"])
    compile_all(events["cumulative"])
    assert "missing" in events["casualty"]


def test_places_shape() -> None:
    data = load_json("places.json")
    for code, names in data["country_aliases"].items():
        assert re.fullmatch("[A-Z]{3}", code)
        assert names and all(isinstance(n, str) and n for n in names)
    for alias in data["aliases"]:
        assert alias["of"] and alias["aliases"]
        assert re.fullmatch("[A-Z]{3}", alias["country_code"])
    precisions = {p.value for p in PlacePrecision}
    for place in data["places"]:
        assert place["name"], place
        assert re.fullmatch("[A-Z]{3}", place["country_code"]), place["name"]
        assert place["precision"] in precisions, place["name"]
        assert -90 <= place["latitude"] <= 90, place["name"]
        assert -180 <= place["longitude"] <= 180, place["name"]


def test_places_stoplist_shape() -> None:
    data = load_json("places_stoplist.json")
    for key in ("common_words", "organisation_words", "actor_nouns"):
        words = data[key]
        assert words and all(isinstance(w, str) and w.strip() == w and w for w in words), key
