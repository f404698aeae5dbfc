"""Sharing: who may do what (:mod:`.access`) and what each role may see (:mod:`.views`).

The web pages, the REST API and every export take their data from here, so the rules
about sensitive fields are written once, on the server.
"""

from .access import Action, allowed
from .views import incident_view, incident_views

__all__ = ["Action", "allowed", "incident_view", "incident_views"]
