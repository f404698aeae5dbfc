"""carewatch.extract.rules: each reading says which build of the rules made it."""

from __future__ import annotations

import shutil
from pathlib import Path

import carewatch
from carewatch import __version__
from carewatch.extract.rules import rules_digest, rules_version

PACKAGE = Path(carewatch.__file__).resolve().parent


def test_a_reading_carries_the_version_of_the_rules() -> None:
    extraction = carewatch.extract("A clinic was shelled on 3 May 2022.")
    assert extraction.extractor_version == rules_version()
    assert rules_version().startswith(f"{__version__}+rules.")
    assert extraction.to_dict()["extractor_version"] == rules_version()


def test_the_digest_follows_the_rules_and_nothing_else(tmp_path: Path) -> None:
    copy = tmp_path / "carewatch"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert rules_digest(copy) == rules_digest(PACKAGE)

    (copy / "web" / "templates" / "base.html").write_text("<p>another page</p>")
    (copy / "cli" / "extra.py").write_text("# a command, not a rule\n")
    assert rules_digest(copy) == rules_digest(PACKAGE)

    with (copy / "data" / "means.json").open("a") as handle:
        handle.write("\n")
    assert rules_digest(copy) != rules_digest(PACKAGE)
