"""Failed logins, counted in the database before each password is checked.

A login is recorded as it arrives, as if it had failed, and only then is its password
checked: forty guesses sent at once are forty rows at once, and each is counted against
the others, where counting failures afterwards let every one of them through. The rows
are counted per account (whatever the address), per client address (whatever the name:
one password tried across many names) and over the whole server, within a sliding
window; past any limit a login is refused without a row, and without a password check,
until the oldest counted failure leaves the window. A successful login removes its own
row and the earlier failures of that name from that address (a user's own typos).

Kept in the database rather than in the process, so that every server process and a
restart see the same counts.

>>> limits = LoginLimits(per_account=5, per_address=20, overall=1000, window_s=900)
>>> attempt = begin_attempt(db, "ana", "192.0.2.7", limits)
>>> attempt.wait_s   # 0: go on and check the password
0
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select

from .database import Database
from .tables import utc_now
from .tables_users import LoginAttemptRow as A

# The key of the PostgreSQL advisory lock that makes counting and recording one step.
LOGIN_LOCK = 0x43617265_4C6F6769  # "CareLogi"


@dataclass(frozen=True)
class LoginLimits:
    per_account: int
    per_address: int
    overall: int
    window_s: int


@dataclass(frozen=True)
class Attempt:
    """A login let through to its password check (``id``), or refused for ``wait_s``."""

    id: int | None
    wait_s: int


def name_key(name: str) -> str:
    return name.strip().casefold()[:200]


def begin_attempt(db: Database, name: str, address: str, limits: LoginLimits) -> Attempt:
    """Record a login before its password is checked, unless a limit is reached: then
    nothing is recorded and ``wait_s`` says how long until one may try again."""
    now = utc_now()
    since = now - dt.timedelta(seconds=limits.window_s)
    key = name_key(name)
    with db.engine.begin() as connection:
        _one_at_a_time(connection)
        connection.execute(delete(A).where(A.tried_at < since))
        checks: list[tuple[ColumnElement[bool], int]] = [
            (A.name_key == key, limits.per_account),
            (A.address == address[:64], limits.per_address),
            (A.tried_at >= since, limits.overall),
        ]
        wait = max(_wait(connection, condition, limit, since, now) for condition, limit in checks)
        if wait:
            return Attempt(None, wait)
        new = connection.execute(
            insert(A).values(name_key=key, address=address[:64], tried_at=now).returning(A.id))
        return Attempt(new.scalar_one(), 0)


def attempt_succeeded(db: Database, attempt: Attempt, name: str, address: str) -> None:
    """The password was right: the attempt, and that name's failures from that address,
    no longer count."""
    with db.engine.begin() as connection:
        connection.execute(delete(A).where(
            (A.id == attempt.id) | ((A.name_key == name_key(name)) & (A.address == address[:64]))))


def clear_failures(db: Database, name: str) -> int:
    """Forget every failed login of the name (an administrator lifting a lockout);
    returns how many were forgotten."""
    with db.engine.begin() as connection:
        return connection.execute(delete(A).where(A.name_key == name_key(name))).rowcount


def _wait(connection: Connection, condition: ColumnElement[bool], limit: int,
          since: dt.datetime, now: dt.datetime) -> int:
    """Seconds until fewer than ``limit`` counted attempts match (0: fewer already)."""
    counted = connection.execute(
        select(func.count()).where(condition, A.tried_at >= since)).scalar_one()
    if counted < limit:
        return 0
    # The attempt whose leaving the window brings the count under the limit.
    leaving = connection.execute(
        select(A.tried_at).where(condition, A.tried_at >= since)
        .order_by(A.tried_at).offset(counted - limit).limit(1)).scalar_one()
    if leaving.tzinfo is None:  # SQLite gives back the UTC time it was given, naive
        leaving = leaving.replace(tzinfo=dt.UTC)
    return max(1, int((leaving - since).total_seconds() + 0.999))


def _one_at_a_time(connection: Connection) -> None:
    """Hold a lock that every counting takes until this transaction ends, so that logins
    arriving together are counted one after another, each seeing the others' rows."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(LOGIN_LOCK)))
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")
