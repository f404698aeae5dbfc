"""The output model each role gets, field by field (no database: stored-incident data is
built here as the store keeps it)."""

from __future__ import annotations

import datetime as dt

import pytest

from carewatch.accounts import PUBLIC, Role, User
from carewatch.share.access import Action, allowed, view_level
from carewatch.share.places import partner_place_name, public_area
from carewatch.share.views import (
    IncidentFull,
    IncidentPartner,
    IncidentPublic,
    casualty_total,
    incident_view,
)
from carewatch.store.merged_reading import MergedSummary
from carewatch.store.reviews import Review, ReviewState

PARTNER = User(2, "pat", Role.PARTNER)
ANALYST = User(3, "ana", Role.ANALYST)
ADMIN = User(4, "root", Role.ADMIN)
SOURCE = {"person": "Nadia Omar", "organisation": "Aid Clinic", "role": "director", "span": None}


def _summary() -> MergedSummary:
    claim = {"field": "killed:health_workers", "value": 2, "document_id": 5, "candidate_id": 9,
             "count_max": None, "qualifier": "at least", "source": SOURCE, "publisher": "Daily",
             "span": {"start": 10, "end": 30, "text": "at least two nurses"}}
    data = {
        "types": ["attack_on_health_workers"], "members": [9], "documents": [5],
        "place": {"name": "the Old Hospital Street", "resolved": "Aden", "country": "Yemen",
                  "country_code": "YEM", "admin1": "Aden", "latitude": 12.77944,
                  "longitude": 45.03667, "precision": "point"},
        "facilities": [
            {"facility_type": "hospital", "name": "Al-Sadaqa Hospital", "is_code_name": False,
             "count": 1, "span": {"start": 40, "end": 58, "text": "Al-Sadaqa Hospital"}},
            {"facility_type": "clinic", "name": "C3", "is_code_name": True, "count": 1,
             "span": None},
        ],
        "means": ["firearms"],
        "perpetrators": [{"name": "gunmen", "actor_type": "unknown", "normalised": None}],
        "figures": [{"field": "killed:health_workers", "minimum": 2, "maximum": 3,
                     "conservative": 2, "claims": [claim]},
                    {"field": "injured:patients", "minimum": 1, "maximum": 1,
                     "conservative": 1, "claims": []}],
        "claims": [claim], "merge_reasons": ["first report"],
    }
    return MergedSummary(1, "attack_on_health_workers", True, dt.date(2020, 3, 2), "day",
                         "Aden", "YEM", "probable", "probable: Nadia Omar of Aid Clinic", False,
                         dt.datetime(2020, 3, 3, tzinfo=dt.UTC), data)


@pytest.mark.parametrize(("user", "model"), [(PUBLIC, IncidentPublic), (PARTNER, IncidentPartner),
                                             (ANALYST, IncidentFull), (ADMIN, IncidentFull)])
def test_each_role_gets_its_model(user: User, model: type) -> None:
    assert type(incident_view(user, _summary(), ReviewState())) is model


@pytest.mark.parametrize("user", [PUBLIC, PARTNER])
def test_nothing_sensitive_leaves_for_partners_and_public(user: User) -> None:
    dumped = incident_view(user, _summary(), ReviewState()).model_dump_json()
    for secret in ("Nadia Omar", "Al-Sadaqa", "Old Hospital Street", "12.77944", "45.03667",
                   "at least two nurses"):
        assert secret not in dumped


def test_partner_sees_code_names_only_and_rounded_places() -> None:
    view = incident_view(PARTNER, _summary(), ReviewState())
    assert [f.code_name for f in view.facilities] == [None, "C3"]
    assert (view.latitude, view.longitude) == (12.8, 45.0)
    assert view.figures[0].claims[0].organisation == "Aid Clinic"


def test_analyst_sees_everything_with_its_evidence() -> None:
    view = incident_view(ANALYST, _summary(), ReviewState())
    assert view.facilities[0].name == "Al-Sadaqa Hospital"
    assert view.claims[0].source.person == "Nadia Omar"
    assert view.claims[0].evidence.text == "at least two nurses"
    assert (view.latitude, view.place_as_written) == (12.77944, "the Old Hospital Street")


def test_corrections_apply_to_totals_for_every_role() -> None:
    correction = Review(1, 1, "correct", "killed:health_workers", 3, 2, "ana",
                        dt.datetime(2020, 3, 4, tzinfo=dt.UTC), "hospital's list")
    state = ReviewState("accepted", {"killed:health_workers": correction}, [correction])
    assert casualty_total(_summary().data, "killed", state) == 3
    assert casualty_total(_summary().data, "killed", ReviewState()) == 2
    assert casualty_total(_summary().data, "kidnapped", ReviewState()) is None
    assert incident_view(PUBLIC, _summary(), state).killed == 3
    full = incident_view(ANALYST, _summary(), state)
    assert full.figures[0].corrected == 3 and full.figures[0].conservative == 2
    assert full.history[0].why == "hospital's list"


def test_places_are_coarsened_by_role() -> None:
    place = _summary().data["place"]
    assert partner_place_name(place) == "Aden"  # the admin1 name, never the street
    name, lat, lon = public_area(place)
    assert name == "Aden" and (lat, lon) != (place["latitude"], place["longitude"])
    assert public_area({"country_code": "YEM", "admin1": None})[0] is None
    assert public_area({"country_code": "YEM", "admin1": None})[1] is not None


@pytest.mark.parametrize(("user", "actions"), [
    (PUBLIC, {Action.READ_PUBLIC}),
    (PARTNER, {Action.READ_PUBLIC, Action.READ_PARTNER}),
    (ANALYST, set(Action) - {Action.MANAGE_USERS}),
    (ADMIN, set(Action)),
])
def test_allowed(user: User, actions: set[Action]) -> None:
    assert {a for a in Action if allowed(user, a)} == actions
    assert view_level(user) is {Role.ADMIN: Role.ANALYST}.get(user.role, user.role)
