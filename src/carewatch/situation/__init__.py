"""The situation picture of an area on a date: what functions, what was lost, what reports say.

>>> picture = situation(db, "east Aleppo", dt.date(2016, 9, 28))
>>> picture.functioning_hospitals.value, picture.reported[0].disagrees

Every number is a :class:`Traced`: its value and the facility, incident, document and
status-change ids behind it. Sources of each number:

* facilities, by type, functioning, with an emergency unit, population served: the
  registry (``facilities import``), as of the date through the status timeline
  (:func:`carewatch.facilities.states_on`);
* attacks and casualties in the last 7 and 30 days (``on - N days < date <= on``): merged
  incidents that are attacks on health care, so an attack that several reports describe
  counts once; casualties are the incidents' reconciled figures (the conservative sum, and
  the range from the sum of the lowest figures to the sum of the highest), a figure shared
  by two incidents (one sentence about strikes on two hospitals) counted once (the rule
  is at :func:`carewatch.situation.tolls.casualties`); each lists the merged incidents,
  their candidate incidents and their documents;
* reported figures ("six functioning hospitals"): situation facts of extractions in the
  area, the most recently reported on or before the date per kind, subject and service,
  shown beside the registry's figure with ``disagrees`` set when they differ (by more than
  10% when the report hedges: "approximately 250,000").

Area matching is :class:`carewatch.facilities.Area`'s rule (resolved name, or coordinates
within a radius fitting the area's precision).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from ..data_files import load_json
from ..facilities.area import Area
from ..facilities.registry import list_facilities
from ..facilities.status import states_on
from .counts import (
    by_type,
    functioning,
    registry_population,
    sphere_checks,
    traced,
    with_service,
)
from .picture import WINDOWS, ReportedFact, SituationPicture, SphereCheck, Traced, TypeCount
from .reported import compare, facts_in, latest_reports
from .tolls import candidate_ids_of, casualties, document_ids_of, incidents_in

if TYPE_CHECKING:
    from ..store import Database

__all__ = ["ReportedFact", "SituationPicture", "SphereCheck", "Traced", "TypeCount", "situation"]

EMERGENCY_UNIT = "emergency_unit"


def situation(db: Database, area: str, on: dt.date) -> SituationPicture:
    """The situation picture of ``area`` (a place name) on ``on``."""
    where = Area.resolve(area)
    facilities = list_facilities(db, where)
    states = states_on(db, [f.id for f in facilities], on)
    with Session(db.engine) as session:
        incidents = incidents_in(session, where, on)
        facts = facts_in(session, where, on)
    population = registry_population(facilities)
    hospitals = functioning(facilities, states, "hospital")
    functioning_hospitals = traced(hospitals, states)
    people_per = None
    if population.value and hospitals:
        people_per = float(population.value) / len(hospitals)
    reported = latest_reports(facts, on)
    picture = SituationPicture(
        area=area,
        area_resolved=where.label,
        area_rule=where.describe_rule(),
        on=on,
        facilities=Traced(len(facilities), [f.id for f in facilities]),
        by_type=by_type(facilities, states),
        functioning_hospitals=functioning_hospitals,
        with_emergency_unit=with_service(facilities, states, None, EMERGENCY_UNIT),
        population_served=population,
        people_per_functioning_hospital=people_per,
        sphere=sphere_checks(facilities, states, population),
        sphere_citation=str(load_json("sphere.json")["citation"]),
        attacks={},
        killed={},
        injured={},
        facilities_lost=traced([f for f in facilities if not states[f.id].functioning], states),
        supply_shortages=[
            f
            for f in facts
            if f.kind == "supply_shortage"
            and f.reported_on is not None
            and on - dt.timedelta(days=max(WINDOWS)) < f.reported_on
        ],
        reported=reported,
    )
    for days in WINDOWS:
        window = [i for i in incidents if on - dt.timedelta(days=days) < i.date <= on]
        picture.attacks[days] = Traced(
            value=len(window),
            incident_ids=[i.id for i in window],
            candidate_ids=candidate_ids_of(window),
            document_ids=document_ids_of(window),
        )
        picture.killed[days] = casualties(window, "killed")
        picture.injured[days] = casualties(window, "injured")
    picture.reported = [compare(fact, picture, facilities, states) for fact in reported]
    return picture
