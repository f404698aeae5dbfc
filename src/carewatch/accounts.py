"""Users, their roles, passwords, API tokens and sessions.

Passwords are hashed with Argon2id (``argon2-cffi``, its default parameters); an API token
is 32 random bytes shown once, and a session key 32 random bytes kept in the browser's
cookie, of which only the SHA-256 is stored, so a stolen database gives none of them. A
session ends at a fixed time after login, at logout, and when its account is deactivated
or given a new password. Roles, from most to least trusted: admin (manages users), analyst (reviews
and edits), partner (reads all but the most sensitive fields); the public has no account.

>>> with Database("sqlite:///carewatch.db") as db:
...     add_user(db, "ana", Role.ANALYST, "a long passphrase")
...     authenticate(db, "ana", "a long passphrase").role
<Role.ANALYST: 'analyst'>
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .errors import CareWatchError, NotFoundError
from .store.database import Database
from .store.tables import utc_now
from .store.tables_users import ApiTokenRow, SessionRow, UserRow

MIN_PASSWORD_LENGTH = 10
_HASHER = PasswordHasher()
# Verified when the name is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anyone")


class Role(StrEnum):
    ADMIN = "admin"
    ANALYST = "analyst"
    PARTNER = "partner"
    PUBLIC = "public"


class AccountError(CareWatchError):
    """A user cannot be created or changed as asked."""


@dataclass(frozen=True)
class User:
    """Who is asking: a logged-in user, or :data:`PUBLIC` for everyone else."""

    id: int | None
    name: str
    role: Role


PUBLIC = User(id=None, name="public", role=Role.PUBLIC)


def add_user(db: Database, name: str, role: Role | str, password: str) -> User:
    """Create a user; AccountError if the name is taken or the password too short."""
    role = _role(role)
    if role is Role.PUBLIC:
        raise AccountError("the public needs no account; choose admin, analyst or partner")
    name = name.strip()
    if not name or len(name) > 200:
        raise AccountError("a user name must have 1 to 200 characters")
    _check_password(password)
    try:
        with Session(db.engine) as session, session.begin():
            row = UserRow(name=name, role=role.value, password_hash=_HASHER.hash(password),
                          active=True)
            session.add(row)
            session.flush()
            return User(row.id, row.name, role)
    except IntegrityError as exc:
        raise AccountError(f"a user named {name!r} exists already") from exc


def set_password(db: Database, name: str, password: str) -> None:
    """A new password; the user's open sessions end (a leaked password stops working in
    browsers already logged in with it too)."""
    _check_password(password)
    with Session(db.engine) as session, session.begin():
        row = _user_row(session, name)
        row.password_hash = _HASHER.hash(password)
        session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))


def deactivate_user(db: Database, name: str) -> int:
    """Close an account (someone left, a laptop was lost): its password, sessions and
    tokens stop working at their next use. Its reviews stay, under its name. Returns how
    many API tokens were revoked with it."""
    with Session(db.engine) as session, session.begin():
        row = _user_row(session, name)
        row.active = False
        session.execute(delete(SessionRow).where(SessionRow.user_id == row.id))
        tokens = session.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == row.id)).all()
        for token in tokens:
            session.delete(token)
        return len(tokens)


def list_users(db: Database) -> list[User]:
    with Session(db.engine) as session:
        rows = session.scalars(select(UserRow).where(UserRow.active).order_by(UserRow.name))
        return [User(r.id, r.name, Role(r.role)) for r in rows]


def authenticate(db: Database, name: str, password: str) -> User | None:
    """The user if the name and password match an active account, else None."""
    with Session(db.engine) as session, session.begin():
        row = session.scalar(select(UserRow).where(UserRow.name == name, UserRow.active))
        if row is None:
            _verify(_DUMMY_HASH, password)
            return None
        if not _verify(row.password_hash, password):
            return None
        if _HASHER.check_needs_rehash(row.password_hash):
            row.password_hash = _HASHER.hash(password)
        return User(row.id, row.name, Role(row.role))


def user_by_id(db: Database, user_id: int) -> User | None:
    with Session(db.engine) as session:
        row = session.get(UserRow, user_id)
        return User(row.id, row.name, Role(row.role)) if row is not None and row.active else None


def issue_token(db: Database, name: str, label: str | None = None) -> str:
    """A new API token for the user; only its hash is stored, so show it now or never."""
    token = "cw_" + secrets.token_urlsafe(32)
    with Session(db.engine) as session, session.begin():
        row = _user_row(session, name)
        session.add(ApiTokenRow(user_id=row.id, token_sha256=_digest(token), label=label))
    return token


def user_for_token(db: Database, token: str) -> User | None:
    with Session(db.engine) as session:
        row = session.execute(
            select(UserRow)
            .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
            .where(ApiTokenRow.token_sha256 == _digest(token), UserRow.active)
        ).scalar_one_or_none()
        return User(row.id, row.name, Role(row.role)) if row is not None else None


def start_session(db: Database, user: User, hours: int) -> str:
    """A new session for ``user`` that ends ``hours`` from now, however much it is used;
    returns its key, for the browser's cookie (only its hash is stored)."""
    if user.id is None:
        raise AccountError("the public has no session to start")
    key = secrets.token_urlsafe(32)
    now = utc_now()
    with Session(db.engine) as session, session.begin():
        session.execute(delete(SessionRow).where(SessionRow.expires_at <= now))  # tidy up
        session.add(SessionRow(key_sha256=_digest(key), user_id=user.id, created_at=now,
                               expires_at=now + dt.timedelta(hours=hours)))
    return key


def user_for_session(db: Database, key: str) -> User | None:
    """The active user whose session has this key, if it has not ended."""
    with Session(db.engine) as session:
        row = session.execute(
            select(UserRow)
            .join(SessionRow, SessionRow.user_id == UserRow.id)
            .where(SessionRow.key_sha256 == _digest(key), SessionRow.expires_at > utc_now(),
                   UserRow.active)
        ).scalar_one_or_none()
        return User(row.id, row.name, Role(row.role)) if row is not None else None


def end_session(db: Database, key: str) -> None:
    """Log out: the session's key opens nothing any more, wherever a copy of it is."""
    with Session(db.engine) as session, session.begin():
        session.execute(delete(SessionRow).where(SessionRow.key_sha256 == _digest(key)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _verify(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(f"unknown role {role!r}; one of {', '.join(Role)}") from None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def _user_row(session: Session, name: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.name == name))
    if row is None:
        raise NotFoundError(f"no user named {name!r}")
    return row
