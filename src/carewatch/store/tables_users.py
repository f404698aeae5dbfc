"""Tables for people: users, their API tokens and sessions, failed logins, and the
analysts' reviews of incidents.

A review never changes what the extractor proposed: ``reviews`` is an append-only history
beside the derived incidents, and what an incident looks like after review is computed
from it (:mod:`carewatch.store.reviews`). A review names its incident by id and by the
keys of its candidates (see :class:`~.tables_merge.MergeDecisionRow`), so it is kept
even when a rebuild gives the incident another id.

Change a table here only together with a new migration in ``migrations/versions``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .tables import Base, JSONType, utc_now


class UserRow(Base):
    """Someone who logs in: an admin, analyst or partner (the public needs no account)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ApiTokenRow(Base):
    """A token for the REST API; only its SHA-256 is kept, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ReviewRow(Base):
    """One analyst's act on one incident: accept, reject, correct, merge, split, reopen."""

    __tablename__ = "reviews"
    # The corrected figures of many incidents at once, for the dashboard's totals.
    __table_args__ = (Index("ix_reviews_action", "action", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merged_id: Mapped[int] = mapped_column(index=True)  # no foreign key: history outlives ids
    candidates: Mapped[list[Any]] = mapped_column(JSONType)
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(100))
    value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    previous: Mapped[Any] = mapped_column(JSONType, nullable=True)
    decided_by: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    why: Mapped[str | None] = mapped_column(Text)


class ReviewStatusRow(Base):
    """Each incident's latest accept, reject or reopen, copied from ``reviews`` as it is
    recorded: filtering 100,000 incidents by review status then reads one small table
    instead of searching the whole history for each incident's latest word."""

    __tablename__ = "review_status"
    __table_args__ = (Index("ix_review_status_action", "action", "merged_id"),)

    merged_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    action: Mapped[str] = mapped_column(String(20))
    review_id: Mapped[int]


class SessionRow(Base):
    """A logged-in browser. The cookie holds a random session key; only its SHA-256 is
    kept here, so that a stolen database opens no session. Logging out, deactivation and
    a new password delete the row, and the session ends with it."""

    __tablename__ = "sessions"

    key_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Set at login and never moved: a session used all day still ends.
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class LoginAttemptRow(Base):
    """A login being tried or failed, recorded before its password is checked, so that
    guesses sent in parallel count as soon as they arrive. A successful login removes its
    own row and the earlier failures of that name from that address."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_name", "name_key", "tried_at"),
        Index("ix_login_attempts_address", "address", "tried_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_key: Mapped[str] = mapped_column(String(200))  # the name as typed, case-folded
    address: Mapped[str] = mapped_column(String(64))
    tried_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
