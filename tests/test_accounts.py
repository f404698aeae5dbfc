"""Users, passwords and API tokens on a real SQLite file."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from carewatch.accounts import (
    AccountError,
    Role,
    add_user,
    authenticate,
    issue_token,
    list_users,
    set_password,
    user_for_token,
)
from carewatch.store import Database
from carewatch.store.tables_users import ApiTokenRow, UserRow

PASSWORD = "a long enough passphrase"


@pytest.fixture
def db(database_url: str) -> Database:
    with Database(database_url) as database:
        yield database


def test_password_is_stored_as_an_argon2_hash(db: Database) -> None:
    add_user(db, "ana", Role.ANALYST, PASSWORD)
    with Session(db.engine) as session:
        stored = session.scalar(select(UserRow.password_hash))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_authenticate(db: Database) -> None:
    add_user(db, "ana", "analyst", PASSWORD)
    assert authenticate(db, "ana", PASSWORD).role is Role.ANALYST
    assert authenticate(db, "ana", PASSWORD + "!") is None
    assert authenticate(db, "nobody", PASSWORD) is None
    set_password(db, "ana", "another long passphrase")
    assert authenticate(db, "ana", PASSWORD) is None
    assert authenticate(db, "ana", "another long passphrase") is not None


@pytest.mark.parametrize(
    ("name", "role", "password", "problem"),
    [("ana", "analyst", "short", "at least 10"),
     ("ana", "public", PASSWORD, "needs no account"),
     ("ana", "superuser", PASSWORD, "unknown role"),
     ("  ", "partner", PASSWORD, "1 to 200 characters")],
)
def test_bad_users_are_refused(db: Database, name, role, password, problem) -> None:
    with pytest.raises(AccountError, match=problem):
        add_user(db, name, role, password)


def test_names_are_unique(db: Database) -> None:
    add_user(db, "ana", "analyst", PASSWORD)
    with pytest.raises(AccountError, match="exists already"):
        add_user(db, "ana", "partner", PASSWORD)
    assert [(u.name, u.role) for u in list_users(db)] == [("ana", Role.ANALYST)]


def test_tokens_are_kept_only_as_hashes(db: Database) -> None:
    add_user(db, "pat", "partner", PASSWORD)
    token = issue_token(db, "pat", label="dashboard script")
    assert user_for_token(db, token).name == "pat"
    assert user_for_token(db, token + "x") is None
    with Session(db.engine) as session:
        assert token not in session.scalar(select(ApiTokenRow.token_sha256))
