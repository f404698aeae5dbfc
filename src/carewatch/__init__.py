"""CareWatch: reports of attacks on health care in, sourced structured incidents out.

The library comes first; the command line is a thin layer over it::

    import datetime, carewatch
    extraction = carewatch.extract(text, published=datetime.date(2016, 9, 28))
"""

from __future__ import annotations

import datetime as dt

from . import extract as _extract_stage  # noqa: F401
from .errors import CareWatchError
from .model import Extraction

__version__ = "0.1.0"
__all__ = ["CareWatchError", "Extraction", "__version__", "extract"]

# The stage package ``carewatch.extract`` was imported above, before this function is
# defined, so the name ``carewatch.extract`` is this function: Python binds a submodule
# to its parent's attribute only when it first loads it, and it is loaded by then.


def extract(
    text: str, published: dt.date | str | None = None, extractor: str | None = None
) -> Extraction:
    """Extract candidate incidents, with evidence spans, from one report's text.

    ``published`` (a date or ISO ``YYYY-MM-DD`` text) anchors relative dates such as
    "last Thursday"; ``extractor`` names a registered extractor (the default if None).
    """
    from .extract import DEFAULT_EXTRACTOR, get_extractor

    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    return get_extractor(extractor or DEFAULT_EXTRACTOR).extract(text, published=published)
