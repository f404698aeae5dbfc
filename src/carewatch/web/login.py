"""Logging in and out.

A login is counted before its password is checked (:mod:`carewatch.store.login_attempts`:
per account, per client address, over the whole server), so that guesses sent in
parallel cannot slip past the limit. The password check itself, an Argon2id hash of
64 MiB and a tenth of a second of CPU, goes through a :class:`PasswordChecks` gate: a few
at a time in threads of their own, the others waiting in the event loop, where they hold
no worker thread, so that a flood of logins leaves every other page its threads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

import anyio
from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..accounts import authenticate, end_session, start_session
from ..store.login_attempts import LoginLimits, attempt_succeeded, begin_attempt
from .pages import render, safe_next
from .security import SESSION_KEY, check_csrf, client_address, current_user, database

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
# Longer than any passphrase; hashing a megabyte would cost more than the check is worth.
MAX_PASSWORD = 1024
# Logins waiting for a password check; more are told to come back than made to queue.
MAX_WAITING = 64


class PasswordChecks:
    """At most ``size`` password checks at once, in threads of their own; up to
    ``waiting`` more wait their turn, and beyond that a login is refused (503)."""

    def __init__(self, size: int, waiting: int = MAX_WAITING) -> None:
        self.size = size
        self.max_waiting = waiting
        self._turns = anyio.CapacityLimiter(size)
        self._threads = anyio.CapacityLimiter(size)
        self.waiting = 0
        self.running = 0
        self.most_running = 0  # the most checks seen running at once

    async def run(self, check: Callable[..., T], *args: object) -> T:
        await self._take_turn()
        try:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
            return await anyio.to_thread.run_sync(check, *args, limiter=self._threads)
        finally:
            self.running -= 1
            self._turns.release()

    async def _take_turn(self) -> None:
        try:
            self._turns.acquire_nowait()
            return
        except anyio.WouldBlock:
            pass
        if self.waiting >= self.max_waiting:
            raise HTTPException(503, "too many logins at once; try again in a moment",
                                headers={"Retry-After": "5"})
        self.waiting += 1
        try:
            await self._turns.acquire()
        finally:
            self.waiting -= 1


def login_limits(request: Request) -> LoginLimits:
    s = request.app.state.settings
    return LoginLimits(s.login_attempts, s.login_attempts_per_address, s.login_attempts_global,
                       s.login_window_s)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    return render(request, "login.html", current_user(request), next=safe_next(next))


@router.post("/login")
async def login(request: Request, name: Annotated[str, Form(max_length=200)],
                password: Annotated[str, Form()], csrf_token: Annotated[str, Form()],
                next: Annotated[str, Form()] = "/") -> Response:
    check_csrf(request, csrf_token)
    db = database(request)
    address = client_address(request)
    attempt = await run_in_threadpool(begin_attempt, db, name, address, login_limits(request))
    if attempt.wait_s:
        return _refused(request, next, 429, f"Too many failed attempts; try again in "
                        f"{attempt.wait_s} seconds.", {"Retry-After": str(attempt.wait_s)})
    checks: PasswordChecks = request.app.state.password_checks
    user = (await checks.run(authenticate, db, name, password)
            if len(password) <= MAX_PASSWORD else None)
    if user is None:
        return _refused(request, next, 401, "Wrong name or password.", {})
    await run_in_threadpool(attempt_succeeded, db, attempt, name, address)
    key = await run_in_threadpool(start_session, db, user,
                                  request.app.state.settings.session_hours)
    request.session.clear()  # a new session (and CSRF token) for the logged-in user
    request.session[SESSION_KEY] = key
    return RedirectResponse(safe_next(next), status_code=303)


def _refused(request: Request, next: str, code: int, error: str, headers: dict[str, str]
             ) -> Response:
    response = render(request, "login.html", current_user(request), status_code=code,
                      next=safe_next(next), error=error)
    response.headers.update(headers)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()]) -> Response:
    check_csrf(request, csrf_token)
    key = request.session.get(SESSION_KEY)
    if isinstance(key, str):
        end_session(database(request), key)  # a copy of the cookie opens nothing now
    request.session.clear()
    return RedirectResponse("/", status_code=303)
