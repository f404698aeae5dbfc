"""The lexicons and code tables for means, actors and evaluation parse and have their shape."""

from __future__ import annotations

import re

from carewatch.data_files import load_json
from carewatch.model import ActorType


def test_means_lexicon_shape() -> None:
    data = load_json("means.json")
    categories = data["categories"]
    assert {"air_strike", "firearms", "no_direct_violence", "unknown"} <= set(categories)
    for key, entry in categories.items():
        assert entry["label"], key
        for pattern in entry.get("patterns", []) + entry.get("weak_patterns", []):
            re.compile(pattern)
    for pattern in data["blockers"]:
        re.compile(pattern)
    for rule in data["conventions"]["implied"]:
        assert rule["category"] in categories and rule["why"]
        assert set(rule.get("armed_actor_types", [])) <= {t.value for t in ActorType}
    assert set(data["priority"]) == set(categories)


def test_actors_lexicon_shape() -> None:
    data = load_json("actors.json")
    types = {t.value for t in ActorType}
    for code, state in data["states"].items():
        assert re.fullmatch("[A-Z]{3}", code)
        assert state["demonyms"] and state["names"] and state["forces"]
    assert set(data["state_heads"]) == {
        "state_armed_forces",
        "attack",
        "police_security",
        "civilian",
    }
    normalised = [g["normalised"] for g in data["groups"]]
    assert len(normalised) == len(set(normalised)), "a normalised name names one group"
    for group in data["groups"]:
        assert group["type"] in types and group["patterns"]
        assert group.get("country") in (None, *data["states"])
        for pattern in group["patterns"]:
            re.compile(pattern)
        for override in group.get("type_in_country", {}).values():
            assert override in types
    for country, convention in data["country_conventions"].items():
        for key, value in convention.items():
            assert key == "why" or (key in data["states"] and value in types), country


def test_insecurity_insight_codes_shape() -> None:
    data = load_json("insecurity_insight_codes.json")
    means = set(load_json("means.json")["categories"])
    types = {t.value for t in ActorType}
    assert set(data["weapon"]) >= {"Firearms", "No Information on the Weapon Used"}
    for code, categories in data["weapon"].items():
        assert set(categories) <= means, code
    for code, categories in data["perpetrator_type"].items():
        assert set(categories) <= types, code
