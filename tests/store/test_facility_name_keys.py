"""Migration 0007: stored facility name keys follow the key the merge and the registry share.

A database written before 0007 holds keys made the earlier way; after the upgrade, names
that the new key folds alike are one row per facility, and a look-up in any spelling
finds the entry. Run on a real SQLite file, down and up again.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from alembic import command
from alembic.config import Config
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from carewatch.facilities.registry import find_facility
from carewatch.resolve.facility_names import facility_name_key
from carewatch.resolve.gazetteer import name_key
from carewatch.store import Database
from carewatch.store.tables_facilities import FacilityIdentityRow, FacilityNameRow

BEFORE = "0006_extractor_version"
# One entry known by its name, an alias that only an Arabic article and "Hospital" set
# apart, an alias with a typographic apostrophe, and a real name with U+02BC.
NAMES = [
    ("Ed-Dhahir Hospital", "name"),
    ("Dhahir", "alias"),
    ("Saint Brigid\u2019s Hospital", "alias"),
    ("Saint Brigid\u02bcs", "alias"),
]


def old_key(name: str) -> str:
    return name_key(name.replace("-", " ")).strip()


def migrate_to(database: Database, revision: str) -> None:
    with as_file(files("carewatch.store").joinpath("migrations")) as location:
        config = Config()
        config.set_main_option("script_location", str(location))
        with database.engine.begin() as connection:
            config.attributes["connection"] = connection
            if revision == "head":
                command.upgrade(config, revision)
            else:
                command.downgrade(config, revision)


def stored_keys(database: Database) -> list[tuple[str, str, str]]:
    with Session(database.engine) as session:
        rows = session.scalars(select(FacilityNameRow).order_by(FacilityNameRow.id))
        return [(r.name, r.kind, r.key) for r in rows]


def test_keys_are_recomputed_up_and_down(database_url: str) -> None:
    with Database(database_url) as database:
        migrate_to(database, BEFORE)
        with database.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO facilities (id, name, facility_type, status, services, created_at,"
                " updated_at) VALUES (1, 'Ed-Dhahir Hospital', 'hospital', 'confirmed', '[]',"
                " '2026-01-01', '2026-01-01')"))
            for name, kind in NAMES:
                connection.execute(
                    text("INSERT INTO facility_names (facility_id, name, key, kind)"
                         " VALUES (1, :name, :key, :kind)"),
                    {"name": name, "key": old_key(name), "kind": kind})
            connection.execute(
                text("INSERT INTO facility_identities (facility_id, real_name, real_name_key)"
                     " VALUES (1, :real, :key)"),
                {"real": "Tallbrook Children\u02bcs Hospital",
                 "key": old_key("Tallbrook Children\u02bcs Hospital")})
        assert len({key for _, _, key in stored_keys(database)}) == 4  # four keys the old way

        database.migrate()

        assert stored_keys(database) == [
            ("Ed-Dhahir Hospital", "name", facility_name_key("Dhahir")),
            ("Saint Brigid\u2019s Hospital", "alias", facility_name_key("Saint Brigid's")),
        ]
        with Session(database.engine) as session:
            identity = session.get(FacilityIdentityRow, 1)
            assert identity is not None
            assert identity.real_name_key == facility_name_key("Tallbrook Children's Hospital")
            for spelling in ["al-Dhahir", "DHAHIR HOSPITAL", "Saint Brigid`s",
                             "Tallbrook Children\u2019s hospital"]:
                found = find_facility(session, spelling)
                assert found is not None and found.id == 1, spelling

        migrate_to(database, BEFORE)
        assert stored_keys(database) == [
            ("Ed-Dhahir Hospital", "name", old_key("Ed-Dhahir Hospital")),
            ("Saint Brigid\u2019s Hospital", "alias", old_key("Saint Brigid\u2019s Hospital")),
        ]
        migrate_to(database, "head")
        assert [key for _, _, key in stored_keys(database)] == [
            facility_name_key("Dhahir"), facility_name_key("Saint Brigid's")]
