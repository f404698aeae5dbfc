"""The merge stage: candidate incidents from many reports become incidents with a claim ledger.

    from carewatch.merge import Merger, merge_all
    merger = Merger(must_link=[(3, 8)], cannot_link=[(4, 9)])
    incident = merger.add(candidate)          # incremental: the incident it joined or created
    incidents = merge_all(candidates)         # rebuild from scratch

Modules: ``keys`` (what is compared), ``compatible`` (the rules, with reasons in words),
``blocking`` (which pairs are compared at all), ``ledger`` (claims and reconciled figures),
``certainty`` (WHO SSA grades), ``build`` (one incident from its members) and ``engine``.
"""

from __future__ import annotations

from .certainty import grade
from .compatible import MergeDecision, compatible
from .engine import Constraints, DuplicateCandidateError, Merger, merge_all
from .keys import date_period, dates_compatible, normalise_facility_name
from .ledger import attribution_contested, claims_of, reconcile

__all__ = [
    "Constraints",
    "DuplicateCandidateError",
    "MergeDecision",
    "Merger",
    "attribution_contested",
    "claims_of",
    "compatible",
    "date_period",
    "dates_compatible",
    "grade",
    "merge_all",
    "normalise_facility_name",
    "reconcile",
]
