"""The database every test gets: a fresh SQLite file, or a fresh PostgreSQL database.

By default each test that needs a database gets a new SQLite file in its ``tmp_path``.
Set ``CAREWATCH_TEST_DATABASE_URL`` (or pass ``--database-url``) to the URL of a
PostgreSQL server's maintenance database, on which the URL's user may create databases,
and each such test gets a database of its own on that server instead, created empty for
it and dropped after it::

    CAREWATCH_TEST_DATABASE_URL=postgresql://postgres@localhost:5432/postgres pytest

Tests get databases only from :func:`database_url` (or :func:`new_database_url` for a
second one), never by building a URL themselves, so that one switch moves the whole suite.
Tests about SQLite files themselves (paths, WAL, the default ``./carewatch.db``) carry the
``sqlite_only`` marker: they run in the SQLite pass and are skipped, with that reason, in
the PostgreSQL pass.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

SWITCH = "CAREWATCH_TEST_DATABASE_URL"
SQLITE_ONLY = "sqlite_only"

NewDatabaseUrl = Callable[..., str]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-url",
        default=os.environ.get(SWITCH) or None,
        help=f"run the tests on this PostgreSQL server (its maintenance database's URL) "
        f"instead of SQLite files; default: ${SWITCH}",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{SQLITE_ONLY}: about SQLite files themselves; skipped when the tests run on PostgreSQL",
    )


def _server_url(config: pytest.Config) -> URL | None:
    given = config.getoption("--database-url")
    if not given:
        return None
    url = make_url(given)
    if url.get_backend_name() != "postgresql":
        raise pytest.UsageError(
            f"--database-url / {SWITCH} must be a postgresql:// URL, not {given!r} "
            "(SQLite is what the tests use without it)"
        )
    if url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")  # the `postgres` extra's driver
    return url


def pytest_report_header(config: pytest.Config) -> str:
    url = _server_url(config)
    where = url.render_as_string(hide_password=True) if url else "a SQLite file per test"
    return f"carewatch databases: {where}"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _server_url(config) is None:
        return
    skip = pytest.mark.skip(reason="about SQLite files; this run is on PostgreSQL")
    for item in items:
        if item.get_closest_marker(SQLITE_ONLY):
            item.add_marker(skip)


class PostgresServer:
    """Creates and drops the tests' databases on one server, through its maintenance
    database; names carry the process id so that runs on one server do not collide."""

    def __init__(self, url: URL) -> None:
        self.url = url
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT")
        self.names = (f"carewatch_test_{os.getpid()}_{n}" for n in itertools.count(1))
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise pytest.UsageError(
                f"{SWITCH}: cannot reach {url.render_as_string(hide_password=True)}: {exc}"
            ) from exc

    def create(self) -> str:
        name = next(self.names)
        with self.engine.connect() as connection:
            # template0: nothing an administrator added to template1 leaks into a test.
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE template0'))
        return name

    def drop(self, name: str) -> None:
        # FORCE ends the connections a test left open (a server thread, a killed process).
        with self.engine.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_server(pytestconfig: pytest.Config) -> Iterator[PostgresServer | None]:
    url = _server_url(pytestconfig)
    if url is None:
        yield None
        return
    server = PostgresServer(url)
    try:
        yield server
    finally:
        server.engine.dispose()


@contextmanager
def _databases(server: PostgresServer | None, folder: Path) -> Iterator[NewDatabaseUrl]:
    created: list[str] = []

    def make(name: str = "carewatch.db") -> str:
        if server is None:
            path = folder / name
            assert not path.exists(), f"{path} was already handed out"
            return f"sqlite:///{path}"
        created.append(server.create())
        return server.url_of(created[-1])

    try:
        yield make
    finally:
        for name in created:
            server.drop(name)  # type: ignore[union-attr]


@pytest.fixture
def new_database_url(
    postgres_server: PostgresServer | None, tmp_path: Path
) -> Iterator[NewDatabaseUrl]:
    """Makes a new, empty database per call and gives its URL: ``name`` names the SQLite
    file (``carewatch.db`` by default); on PostgreSQL each call is a database of its own,
    dropped when the test ends."""
    with _databases(postgres_server, tmp_path) as make:
        yield make


@pytest.fixture(scope="module")
def module_database_url(
    postgres_server: PostgresServer | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A new, empty database shared by the tests of one module (for a served app that
    they all read), dropped after the module."""
    with _databases(postgres_server, tmp_path_factory.mktemp("database")) as make:
        yield make()


@pytest.fixture
def database_url(new_database_url: NewDatabaseUrl) -> str:
    """The URL of a new, empty database for this test (not yet migrated)."""
    return new_database_url()


@pytest.fixture
def on_postgres(postgres_server: PostgresServer | None) -> bool:
    return postgres_server is not None
