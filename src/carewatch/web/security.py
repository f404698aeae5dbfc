"""Who is asking, from where, and whether their form is genuine: sessions, API tokens,
CSRF tokens and the client's address.

A browser's cookie is signed (Starlette's SessionMiddleware: HttpOnly, SameSite=Lax,
Secure unless settings say otherwise) and holds the CSRF token and, once logged in, a
session key; who the key belongs to, and whether it still opens anything, is decided on
the server (:func:`carewatch.accounts.user_for_session`), so that logging out ends it
everywhere. Every form that changes something carries the CSRF token and is refused
without it. The API takes ``Authorization: Bearer <token>`` instead; a bearer token is
never sent by a browser on its own, so it needs no CSRF token.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

from fastapi import HTTPException, Request, status

from ..accounts import PUBLIC, User, user_for_session, user_for_token
from ..share.access import Action, allowed
from ..store.database import Database

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_KEY = "session_key"


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
    key = request.session.get(SESSION_KEY)
    if isinstance(key, str):
        found = user_for_session(db, key)
        if found is not None:
            return found
        request.session.clear()  # ended, expired or deactivated: the public from now on
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


def client_address(request: Request) -> str:
    """The address of whoever sent the request: the connection's peer, unless the peer is
    a configured proxy, whose ``X-Forwarded-For`` is then read from the right (the
    hop the proxy itself added) past any other trusted proxy. A header from anyone else
    is ignored: a client cannot choose the address its logins are counted against."""
    peer = request.client.host if request.client else "unknown"
    proxies = request.app.state.proxy_networks
    if not proxies or not _within(peer, proxies):
        return peer
    hops = [h.strip() for h in ",".join(request.headers.getlist("x-forwarded-for")).split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _within(hop, proxies):
            return hop if _is_address(hop) else peer
    return peer


def _within(address: str, networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network]
            ) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
