"""Who is asking, and whether their form is genuine: sessions, API tokens, CSRF tokens
and the login rate limit.

Sessions live in a signed cookie (Starlette's SessionMiddleware: HttpOnly, SameSite=Lax,
Secure unless settings say otherwise) holding the user's id and the session's CSRF
token. Every form that changes something carries that token and is refused without it.
The API takes ``Authorization: Bearer <token>`` instead; a bearer token is never sent by
a browser on its own, so it needs no CSRF token.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections import defaultdict, deque

from fastapi import HTTPException, Request, status

from ..accounts import PUBLIC, User, user_by_id, user_for_token
from ..share.access import Action, allowed
from ..store.database import Database

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


def database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def current_user(request: Request) -> User:
    """The user behind the bearer token or the session cookie; the public otherwise."""
    db = database(request)
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        user = user_for_token(db, header[7:].strip())
        if user is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown or revoked API token",
                                headers={"WWW-Authenticate": "Bearer"})
        request.state.by_token = True
        return user
    user_id = request.session.get("user_id")
    if isinstance(user_id, int):
        found = user_by_id(db, user_id)
        if found is not None:
            return found
        request.session.clear()
    return PUBLIC


def require(request: Request, action: Action) -> User:
    """The current user if they may ``action``; 401 for the public, 403 for others."""
    user = current_user(request)
    if not allowed(user, action):
        if user.role == "public":
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "log in first")
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"a {user.role} may not {action.value}")
    return user


def csrf_token(request: Request) -> str:
    token = request.session.get(CSRF_FIELD)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[CSRF_FIELD] = token
    return token


def check_csrf(request: Request, given: str | None) -> None:
    """Refuse a state-changing request made with the session cookie but without the
    session's CSRF token (in the form field, or the header for scripts)."""
    if getattr(request.state, "by_token", False):
        return
    expected = request.session.get(CSRF_FIELD)
    given = given or request.headers.get(CSRF_HEADER)
    if not isinstance(expected, str) or not given or not hmac.compare_digest(expected, given):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token; reload the page")


class LoginLimiter:
    """At most ``attempts`` failed logins per (address, name) within ``window_s`` seconds."""

    def __init__(self, attempts: int, window_s: int) -> None:
        self.attempts = attempts
        self.window_s = window_s
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def blocked_for(self, address: str, name: str) -> int:
        """Seconds until the next attempt is allowed (0: allowed now)."""
        failures = self._recent(address, name)
        if len(failures) < self.attempts:
            return 0
        return max(1, int(failures[0] + self.window_s - time.monotonic()))

    def failed(self, address: str, name: str) -> None:
        self._recent(address, name).append(time.monotonic())

    def succeeded(self, address: str, name: str) -> None:
        self._failures.pop((address, name.lower()), None)

    def _recent(self, address: str, name: str) -> deque[float]:
        failures = self._failures[(address, name.lower())]
        while failures and failures[0] < time.monotonic() - self.window_s:
            failures.popleft()
        return failures
