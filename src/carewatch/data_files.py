"""Loading of the lexicons and code tables shipped in ``carewatch/data``.

Each file is read once per process; a malformed file raises :class:`DataFileError`
naming it, so a broken lexicon fails loudly instead of silently matching nothing.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from .errors import DataFileError


@cache
def load_json(name: str) -> Any:
    """Return the parsed contents of ``carewatch/data/<name>`` (a JSON file)."""
    path = resources.files("carewatch") / "data" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DataFileError(f"data file {name} is missing from the package") from exc
    except json.JSONDecodeError as exc:
        raise DataFileError(f"data file {name} is not valid JSON: {exc}") from exc


def data_file_names() -> list[str]:
    """Names of every data file shipped with the package."""
    folder = resources.files("carewatch") / "data"
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".json", ".csv")))
