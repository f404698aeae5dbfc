"""One rule for an incident's killed and injured totals: overlapping victim groups from
different sources are reconciled, never added; distinct groups add up."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from carewatch.cli.merged_views import count_range
from carewatch.merge.totals import Total, total, total_of_counts
from carewatch.pipeline import ingest_upload
from carewatch.share.views import casualty_total
from carewatch.store import Database
from carewatch.store.merged_reading import list_merged
from carewatch.store.reviews import ReviewState
from carewatch.store.tables_merge import MergedIncidentRow


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # 3 health workers (one source) and at least 5 people (another): 5, not 8
        ([("killed:health_workers", 3, 3, 3), ("killed:unspecified", 5, 5, 5)], Total(5, 5, 5)),
        # nurses and patients are different people
        ([("killed:health_workers", 2, 2, 2), ("killed:patients", 3, 4, 3)], Total(5, 6, 5)),
        # civilians may include the doctors among them
        ([("killed:civilians", 12, 12, 12), ("killed:health_workers", 2, 2, 2)], Total(12, 12, 12)),
        # ... unless the doctors and patients outnumber what is said of civilians
        ([("killed:civilians", 1, 1, 1), ("killed:health_workers", 2, 3, 2)], Total(2, 3, 2)),
        # civilians and unspecified victims overlap each other too
        ([("killed:civilians", 4, 6, 4), ("killed:unspecified", 5, 5, 5)], Total(5, 6, 5)),
        ([("injured:patients", 1, 1, 1)], None),
    ],
)
def test_total(figures: list[tuple[str, int, int, int]], expected: Total | None) -> None:
    assert total(figures, "killed") == expected


def test_a_correction_takes_its_groups_place() -> None:
    counts = {"killed:health_workers": 3, "killed:unspecified": 5}
    assert total_of_counts(counts, "killed") == 5
    assert total_of_counts(counts, "killed", {"killed:unspecified": 2}) == 3
    assert total_of_counts(counts, "killed", {"killed:health_workers": 9}) == 9


# Written for this test: two outlets on one attack, with figures for overlapping groups.
FIRST = ("Shelling hit the Al-Salam hospital in Taiz, Yemen, on 3 March 2018, killing "
         "three health workers, the hospital's director said.\n")
SECOND = ("At least five people were killed when shells struck the Al-Salam hospital in Taiz "
          "on 3 March, the International Committee of the Red Cross said.\n")


def test_every_face_totals_a_merged_incident_alike(database_url: str) -> None:
    with Database(database_url) as db:
        for name, body in (("first.txt", FIRST), ("second.txt", SECOND)):
            ingest_upload(body.encode(), name, db, extractor_name="carewatch.rules.v1",
                          published=dt.date(2018, 3, 4), max_bytes=10**6)
        [merged] = list_merged(db, health_care_only=True)
        fields = {f["field"] for f in merged.data["figures"]}
        assert {"killed:health_workers", "killed:unspecified"} <= fields
        assert count_range(merged.data["figures"], "killed") == (5, 5)
        assert casualty_total(merged.data, "killed", ReviewState()) == 5
        with Session(db.engine) as session:
            assert session.get(MergedIncidentRow, merged.id).killed == 5
