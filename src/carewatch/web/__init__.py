"""The web app and REST API (``carewatch serve``): FastAPI over the same library.

:func:`~.app.create_app` builds it from :class:`~carewatch.settings.Settings`; pages are
server-rendered Jinja2 templates, the map and charts are Leaflet and Chart.js served from
``static/vendor`` (no CDN), and what each role may see comes from :mod:`carewatch.share`.
"""

from .app import UVICORN_OPTIONS, create_app

__all__ = ["UVICORN_OPTIONS", "create_app"]
