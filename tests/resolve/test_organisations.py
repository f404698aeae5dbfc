"""One organisation under its acronym, its English and French names and its sections."""

from __future__ import annotations

import pytest

from carewatch.resolve.organisations import canonical_organisation, organisation_key


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("MSF", "Médecins Sans Frontières"),
        ("Doctors Without Borders", "Médecins Sans Frontières"),
        ("Medecins sans Frontieres", "Médecins Sans Frontières"),
        ("MSF Belgium", "Médecins Sans Frontières"),
        ("Médecins Sans Frontières (MSF)", "Médecins Sans Frontières"),
        ("the World Health Organisation", "World Health Organization"),
        ("Organisation mondiale de la Santé", "World Health Organization"),
        ("WHO", "World Health Organization"),
        ("the ICRC's delegation in Juba", "International Committee of the Red Cross"),
        ("the UN humanitarian office", "UN Office for the Coordination of Humanitarian Affairs"),
        ("Gaza's Health Ministry", "Gaza Ministry of Health"),
        ("UOSSM", "Union of Medical Care and Relief Organizations"),
        ("ACLED1", "Armed Conflict Location & Event Data Project"),
    ],
)
def test_names_resolve_to_one_organisation(written: str, canonical: str) -> None:
    assert canonical_organisation(written) == canonical


@pytest.mark.parametrize("written", ["who", "Who", "a local doctor", "the Bugle", "WHO and UNICEF", ""])
def test_unknown_or_ambiguous_names_resolve_to_nothing(written: str) -> None:
    assert canonical_organisation(written) is None


def test_an_unknown_organisation_is_compared_on_its_own_folded_name() -> None:
    assert organisation_key("The Daily Bugle") == organisation_key("daily bugle")
    assert organisation_key("MSF") == organisation_key("Artsen zonder Grenzen")
    assert organisation_key("MSF") != organisation_key("ICRC")
