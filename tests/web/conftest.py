"""Fixtures for the browser tests: the real app served by uvicorn on a free local port over
a fresh database (tests/conftest.py), and a headless Chromium driven by Playwright.

The browser is Debian's ``chromium`` package (``/usr/bin/chromium``), never one that
Playwright downloads. Where it is missing the browser tests are skipped, except in CI
(the ``CI`` environment variable set), where a missing browser is a broken set-up and the
tests fail: ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from carewatch.accounts import Role, add_user
from carewatch.settings import Settings
from carewatch.store import Database
from carewatch.web import UVICORN_OPTIONS, create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPOSITORY = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPOSITORY / "test-output" / "screenshots"
SHARED_DATA = REPOSITORY.parent / "shared" / "data"
SERVER_START_S = 15.0

# Invented people; one account per role.
USERS = {
    "ana": (Role.ANALYST, "ana's long passphrase"),
    "ada": (Role.ADMIN, "ada's long passphrase"),
    "pat": (Role.PARTNER, "pat's long passphrase"),
}


def in_ci() -> bool:
    return bool(os.environ.get("CI"))


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where a skipped browser test would
    hide that the tests never ran."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


def shared_file(relative: str) -> Path:
    """A file under ``../shared/data`` (beside the checkout, not part of it)."""
    path = SHARED_DATA / relative
    if not path.is_file():
        skip_or_fail(f"{path} is absent: the shared data folder is not beside this checkout")
    return path


@pytest.fixture
def aleppo_report() -> Path:
    """The shared Aleppo report (The Independent, 28 September 2016: M10 and M2 hit)."""
    return shared_file("reports/aleppo-hospitals-2016-09-28.txt")


@dataclass
class LiveApp:
    """The running app: its address, its database (the server's own, open), settings and
    the app object (to read its state)."""

    url: str
    db: Database
    settings: Settings
    app: Any = None

    def password(self, name: str) -> str:
        return USERS[name][1]


def _free_socket() -> socket.socket:
    """A listening socket on a port the system chose, handed to uvicorn as it is, so that
    no other process can take the port between choosing it and serving on it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def _wait_until_answering(server: uvicorn.Server, thread: threading.Thread, url: str) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("the uvicorn thread ended before the server started")
        if server.started:
            try:
                with urllib.request.urlopen(url + "/login", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"the app did not answer at {url} within {SERVER_START_S} s")


@contextmanager
def serving(settings: Settings) -> Iterator[LiveApp]:
    """The real app served by uvicorn, as ``carewatch serve`` serves it, on 127.0.0.1 over
    ``settings.database_url``, with an analyst (ana), an admin (ada) and a partner (pat);
    stopped cleanly afterwards."""
    db = Database(settings.database_url)
    for name, (role, password) in USERS.items():
        add_user(db, name, role, password)
    sock = _free_socket()
    port = sock.getsockname()[1]
    app = create_app(settings, db)
    config = uvicorn.Config(app, host="127.0.0.1", port=port,
                            log_level="warning", log_config=None, lifespan="off",
                            timeout_graceful_shutdown=5, **UVICORN_OPTIONS)
    server = uvicorn.Server(config)
    # Off the main thread uvicorn installs no signal handlers; should_exit stops it.
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]},
                              name="carewatch-uvicorn", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_answering(server, thread, url)
        yield LiveApp(url=url, db=db, settings=settings, app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        db.close()
        assert not thread.is_alive(), "the uvicorn server did not stop"


@pytest.fixture
def live_app(database_url: str) -> Iterator[LiveApp]:
    """The real app on 127.0.0.1 over a fresh database (see :func:`serving`)."""
    with serving(Settings(database_url=database_url, secret_key="x" * 40,
                          cookie_secure=True)) as app:
        yield app


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Any]:
    """Playwright's sync API, started once for the session."""
    if not CHROMIUM.exists():
        skip_or_fail(f"{CHROMIUM} is absent: install Debian's chromium package to run the "
                     "browser tests (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("the playwright package is not installed: pip install -e '.[test]'")
    with sync_playwright() as driver:
        yield driver


@pytest.fixture
def browser(playwright_driver: Any, tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium with a fresh profile of its own (a Playwright BrowserContext:
    no cookie survives from one test to the next)."""
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    context = playwright_driver.chromium.launch_persistent_context(
        str(profile), executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
        viewport={"width": 1280, "height": 900}, locale="en-GB", timezone_id="UTC",
    )
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page_errors() -> list[str]:
    """The uncaught script errors of :func:`page`, to assert that there were none."""
    return []


@pytest.fixture
def page(browser: Any, page_errors: list[str]) -> Any:
    """The tab of :func:`browser`, its script errors collected in :func:`page_errors`."""
    tab = browser.pages[0] if browser.pages else browser.new_page()
    tab.on("pageerror", lambda error: page_errors.append(str(error)))
    return tab


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """``test-output/screenshots`` at the repository root (git-ignored), for people to look
    at after a run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
