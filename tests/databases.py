"""Looking into a test's database, and making it fail, on SQLite and PostgreSQL alike.

Tests that check what is stored read it through SQLAlchemy with these helpers, never with
a driver of one database, so that they run on whichever database :func:`database_url`
(``tests/conftest.py``) gave them.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, inspect, text

from carewatch.store import Database


def _engine(target: Database | Engine) -> Engine:
    return target.engine if isinstance(target, Database) else target


def rows(target: Database | Engine, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    """The rows of one query (written in SQL both databases read), as plain tuples."""
    with _engine(target).connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql), params)]


def scalar(target: Database | Engine, sql: str, **params: Any) -> Any:
    with _engine(target).connect() as connection:
        return connection.execute(text(sql), params).scalar()


def execute(target: Database | Engine, sql: str, **params: Any) -> None:
    """Run one statement in its own committed transaction."""
    with _engine(target).begin() as connection:
        connection.execute(text(sql), params)


def table_names(target: Database | Engine) -> set[str]:
    return set(inspect(_engine(target)).get_table_names())


def refuse_inserts(target: Database | Engine, table: str, message: str) -> None:
    """A trigger that makes the database itself refuse every insert into ``table`` with
    ``message``: a real failure in the middle of a transaction."""
    engine = _engine(target)
    if engine.dialect.name == "sqlite":
        execute(engine, f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                        f"BEGIN SELECT RAISE(ABORT, '{message}'); END")
        return
    execute(engine, f"CREATE FUNCTION refuse_{table}() RETURNS trigger LANGUAGE plpgsql "
                    f"AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$")
    execute(engine, f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION refuse_{table}()")
