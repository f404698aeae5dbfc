"""Logging in and out.

A login is counted before its password is checked (:mod:`carewatch.store.login_attempts`:
per account, per client address, over the whole server), so that guesses sent in
parallel cannot slip past the limit. The password check itself, an Argon2id hash of
64 MiB and a tenth of a second of CPU, goes through :class:`PasswordChecks`: a few at a
time, in threads of their own that yield the CPU to every other request, the others
waiting in the event loop, where they hold no worker thread. A flood of logins then
slows the logins, not the pages.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
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
# A password check's thread is Linux's "nicest" (19): when pages are asked for they take
# the CPU first, and a flood of logins slows the logins (measured in bench/bench_web.py:
# at 100 logins at once the dashboard over 100,000 incidents kept its usual 0.3 s, where
# at nice 10 it took 0.5 s and up to 1.3 s). Idle, the checks run at full speed.
CHECK_NICENESS = 19


def _yield_the_cpu() -> None:
    # Per thread on Linux, and inherited by the threads Argon2 starts for its lanes;
    # elsewhere it would slow the whole server, so it is left alone.
    if sys.platform != "linux":
        return
    thread = threading.get_native_id()
    try:
        os.setpriority(os.PRIO_PROCESS, thread,
                       os.getpriority(os.PRIO_PROCESS, thread) + CHECK_NICENESS)
    except OSError:  # a check at the usual priority is slower to share, but still a check
        pass


class PasswordChecks:
    """At most ``size`` password checks at once, in threads of their own at a lower CPU
    priority; up to ``waiting`` more wait their turn, and beyond that a login is refused
    (503)."""

    def __init__(self, size: int, waiting: int = MAX_WAITING) -> None:
        self.size = size
        self.max_waiting = waiting
        self._turns = anyio.CapacityLimiter(size)
        self._threads = ThreadPoolExecutor(size, thread_name_prefix="password-check",
                                           initializer=_yield_the_cpu)
        # Counting attempts takes the database's login lock: one thread at a time waits
        # for it, the other logins wait in the event loop, not in the pages' threads.
        self._counting = anyio.CapacityLimiter(1)
        self.waiting = 0
        self.running = 0
        self.most_running = 0  # the most checks seen running at once

    def full(self) -> bool:
        return self._turns.available_tokens == 0 and self.waiting >= self.max_waiting

    async def count(self, record: Callable[..., T], *args: object) -> T:
        """Record an attempt before its check (see :func:`begin_attempt`)."""
        return await anyio.to_thread.run_sync(functools.partial(record, *args),
                                              limiter=self._counting)

    async def run(self, check: Callable[..., T], *args: object) -> T:
        await self._take_turn()
        try:
            self.running += 1
            self.most_running = max(self.most_running, self.running)
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._threads, functools.partial(check, *args))
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
            raise _busy()
        self.waiting += 1
        try:
            await self._turns.acquire()
        finally:
            self.waiting -= 1


def _busy() -> HTTPException:
    return HTTPException(503, "too many logins at once; try again in a moment",
                         headers={"Retry-After": "5"})


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
    checks: PasswordChecks = request.app.state.password_checks
    if checks.full():  # refused before it counts against anyone
        raise _busy()
    db = database(request)
    address = client_address(request)
    attempt = await checks.count(begin_attempt, db, name, address, login_limits(request))
    if attempt.wait_s:
        return _refused(request, next, 429, f"Too many failed attempts; try again in "
                        f"{attempt.wait_s} seconds.", {"Retry-After": str(attempt.wait_s)})
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
