"""The login limits, against the real app served by uvicorn on 127.0.0.1: guesses sent
all at once, a client that rotates X-Forwarded-For, one password tried across many names,
one account tried from many addresses, and the bound on password checks at once."""

from __future__ import annotations

import asyncio
import os
import re
import sys
import threading
from collections import Counter
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio
import httpx
import pytest
from conftest import LiveApp, serving
from fastapi import HTTPException

from carewatch.settings import Settings
from carewatch.web.login import CHECK_NICENESS, PasswordChecks

WRONG = "not the password at all"
T = TypeVar("T")


def _settings(database_url: str, **given: object) -> Settings:
    # Plain HTTP on loopback: a Secure cookie would be kept from the test's client.
    return Settings(database_url=database_url, secret_key="x" * 40, cookie_secure=False,
                    **given)  # type: ignore[arg-type]


@pytest.fixture
def plain_app(database_url: str) -> Iterator[LiveApp]:
    with serving(_settings(database_url)) as app:
        yield app


@pytest.fixture
def behind_proxy(database_url: str) -> Iterator[LiveApp]:
    """The app as a reverse proxy on this machine would front it."""
    with serving(_settings(database_url, trusted_proxies="127.0.0.1")) as app:
        yield app


def _csrf(client: httpx.Client) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
    assert found
    return found.group(1)


def _login(client: httpx.Client, token: str, name: str, password: str = WRONG,
           forwarded_for: str | None = None) -> int:
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": token}, headers=headers).status_code


async def _at_once(base: str, names: list[str]) -> Counter[int]:
    """One failed login for each name, all sent at the same moment on connections of
    their own, with one session's CSRF token."""
    async with httpx.AsyncClient(base_url=base, timeout=60,
                                 limits=httpx.Limits(max_connections=len(names))) as client:
        form = await client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
        assert token
        gate = asyncio.Event()

        async def one(name: str) -> int:
            await gate.wait()
            response = await client.post("/login", data={"name": name, "password": WRONG,
                                                          "csrf_token": token.group(1)})
            return response.status_code

        tasks = [asyncio.create_task(one(name)) for name in names]
        await asyncio.sleep(0.1)
        gate.set()
        return Counter(await asyncio.gather(*tasks))


def _run(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``main`` in an event loop of its own thread: the browser tests' Playwright
    keeps one running in this thread for the whole session."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(anyio.run, main).result()


def test_forty_guesses_sent_at_once_get_five_password_checks(plain_app: LiveApp) -> None:
    codes = _run(lambda: _at_once(plain_app.url, ["ada"] * 40))
    assert codes[401] <= plain_app.settings.login_attempts
    assert codes[429] >= 40 - plain_app.settings.login_attempts
    assert set(codes) <= {401, 429}
    with httpx.Client(base_url=plain_app.url) as client:  # the right password waits too
        assert _login(client, _csrf(client), "ada", plain_app.password("ada")) == 429


def test_a_rotated_forwarded_for_from_a_client_changes_nothing(plain_app: LiveApp) -> None:
    # One password tried across many names, each guess claiming another address: all are
    # this one client's, and the per-address limit stops it.
    limit = plain_app.settings.login_attempts_per_address
    with httpx.Client(base_url=plain_app.url) as client:
        token = _csrf(client)
        codes = [_login(client, token, f"name-{n}", forwarded_for=f"198.51.100.{n}")
                 for n in range(limit + 3)]
        assert codes == [401] * limit + [429] * 3
        assert _login(client, token, "pat", plain_app.password("pat")) == 429


def test_a_trusted_proxy_names_the_client(behind_proxy: LiveApp) -> None:
    limit = behind_proxy.settings.login_attempts_per_address
    with httpx.Client(base_url=behind_proxy.url) as client:
        token = _csrf(client)
        # The proxy appends the address it saw; what the client wrote before it is ignored.
        codes = [_login(client, token, f"name-{n}",
                        forwarded_for=f"192.0.2.{n}, 203.0.113.5") for n in range(limit + 1)]
        assert codes == [401] * limit + [429]
        assert _login(client, token, "another-name", forwarded_for="203.0.113.6") == 401
        assert client.post("/login", data={  # and another client gets in
            "name": "pat", "password": behind_proxy.password("pat"), "csrf_token": token},
            headers={"X-Forwarded-For": "203.0.113.7"}, follow_redirects=False
        ).status_code == 303


def test_one_account_tried_from_many_addresses_is_locked(behind_proxy: LiveApp) -> None:
    limit = behind_proxy.settings.login_attempts
    with httpx.Client(base_url=behind_proxy.url) as client:
        token = _csrf(client)
        codes = [_login(client, token, "ada", forwarded_for=f"203.0.113.{n}")
                 for n in range(limit + 1)]
        assert codes == [401] * limit + [429]
        assert _login(client, token, "ada", behind_proxy.password("ada"),
                      forwarded_for="203.0.113.200") == 429


def test_the_whole_server_has_a_limit(database_url: str) -> None:
    settings = _settings(database_url, trusted_proxies="127.0.0.1", login_attempts_global=8)
    with serving(settings) as app, httpx.Client(base_url=app.url) as client:
        token = _csrf(client)
        codes = [_login(client, token, f"name-{n}", forwarded_for=f"203.0.113.{n}")
                 for n in range(10)]
        assert codes == [401] * 8 + [429] * 2


def test_password_checks_run_a_few_at_a_time(database_url: str) -> None:
    settings = _settings(database_url, login_hash_concurrency=2,
                         login_attempts_per_address=1000)
    with serving(settings) as app:
        codes = _run(lambda: _at_once(app.url, [f"made-up-{n}" for n in range(30)]))
        checks: PasswordChecks = app.app.state.password_checks
    assert codes == Counter({401: 30})  # every one answered, none refused
    assert checks.size == 2 and 1 <= checks.most_running <= 2
    assert checks.running == 0 and checks.waiting == 0


def test_password_checks_beyond_the_queue_are_told_to_come_back() -> None:
    async def flood() -> list[int | str]:
        checks = PasswordChecks(1, waiting=2)
        release = threading.Event()
        answers: list[int | str] = []

        def slow_check() -> str:
            release.wait(30)
            return "checked"

        async def one() -> None:
            try:
                answers.append(await checks.run(slow_check))
            except HTTPException as exc:
                answers.append(exc.status_code)

        async with anyio.create_task_group() as group:
            for _ in range(5):
                group.start_soon(one)
            await anyio.sleep(0.2)
            assert (checks.running, checks.waiting) == (1, 2)
            release.set()
        return answers

    answers = _run(flood)
    assert sorted(answers, key=str) == [503, 503, "checked", "checked", "checked"]


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own CPU priority is Linux's")
def test_password_checks_yield_the_cpu_to_pages() -> None:
    def priority() -> int:
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    async def check_priority() -> int:
        return await PasswordChecks(1).run(priority)

    assert _run(check_priority) == min(19, priority() + CHECK_NICENESS)
