"""What the server gives away before it has decided who is asking: whether an unpublished
incident exists, and room on its disk for a stranger's upload. Against the real app
served by uvicorn on 127.0.0.1, spoken to over a plain socket where the test must see
what happens before a body is sent."""

from __future__ import annotations

import datetime as dt
import re
import socket
import time

import httpx
import pytest
from conftest import LiveApp
from databases import scalar

from carewatch.accounts import issue_token
from carewatch.pipeline import ingest_upload
from carewatch.store.reviews import record_review

# Written for this test: two attacks, of which an analyst publishes one.
PUBLISHED = ("An air strike hit a hospital in Idlib, Syria, on Tuesday, killing two "
             "patients.\n")
UNPUBLISHED = ("Gunmen attacked a clinic in Taiz, Yemen, on Monday and killed three health "
               "workers.\n")
MISSING = 987_654
UPLOAD_BOUND = 10 * 1024 * 1024  # the default max_document_bytes


def _store(app: LiveApp, text: str, name: str) -> int:
    ingest_upload(text.encode(), name, app.db, extractor_name="carewatch.rules.v1",
                  published=dt.date(2019, 6, 4), max_bytes=10**6)
    return int(scalar(app.db, "SELECT max(id) FROM merged_incidents"))


@pytest.mark.parametrize("path", ["/api/incidents/{}", "/incidents/{}"])
def test_the_public_cannot_tell_an_unpublished_incident_from_a_missing_one(
        live_app: LiveApp, path: str) -> None:
    published = _store(live_app, PUBLISHED, "idlib.txt")
    unpublished = _store(live_app, UNPUBLISHED, "taiz.txt")
    record_review(live_app.db, published, "accept", by="ana")
    with httpx.Client(base_url=live_app.url) as client:
        assert client.get(path.format(published)).status_code == 200
        hidden = client.get(path.format(unpublished))
        missing = client.get(path.format(MISSING))
    assert hidden.status_code == missing.status_code == 404
    assert (hidden.text.replace(str(unpublished), "ID")
            == missing.text.replace(str(MISSING), "ID"))


def _send_headers(app: LiveApp, path: str, headers: dict[str, str]) -> socket.socket:
    port = int(app.url.rsplit(":", 1)[1])
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    lines = [f"POST {path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
             "Content-Type: multipart/form-data; boundary=xyz",
             *(f"{k}: {v}" for k, v in headers.items())]
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
    return sock


def _status(sock: socket.socket) -> int:
    """The status of the answer, read while the body has not been sent (a server that
    waits for the body first never answers, and the read times out)."""
    first = sock.recv(4096).split(b"\r\n", 1)[0].decode()
    found = re.match(r"HTTP/1\.1 (\d{3})", first)
    assert found, first
    return int(found.group(1))


@pytest.mark.parametrize("path", ["/api/reports", "/upload"])
def test_an_upload_of_200_mb_is_refused_before_it_is_sent(live_app: LiveApp, path: str
                                                          ) -> None:
    with _send_headers(live_app, path, {"Content-Length": str(200 * 1024 * 1024)}) as sock:
        assert _status(sock) == 413


@pytest.mark.parametrize(("path", "refused"), [("/api/reports", 401), ("/upload", 303)])
def test_the_public_is_refused_before_its_upload_is_read(live_app: LiveApp, path: str,
                                                         refused: int) -> None:
    # Within the bound, so only asking who sends it can refuse it before reading it.
    with _send_headers(live_app, path, {"Content-Length": str(5 * 1024 * 1024)}) as sock:
        assert _status(sock) == refused  # 303: the page sends the browser to the login


def test_an_upload_without_a_length_is_cut_off_at_the_bound(live_app: LiveApp) -> None:
    token = issue_token(live_app.db, "ana")
    sock = _send_headers(live_app, "/api/reports", {"Authorization": f"Bearer {token}",
                                                    "Transfer-Encoding": "chunked"})
    opening = (b'--xyz\r\nContent-Disposition: form-data; name="file"; filename="big.txt"'
               b"\r\nContent-Type: text/plain\r\n\r\n")
    sock.sendall(f"{len(opening):x}\r\n".encode() + opening + b"\r\n")
    chunk = b"a" * (256 * 1024)
    sent = 0
    answer = b""
    sock.settimeout(0.05)
    deadline = time.monotonic() + 30
    with sock:
        try:
            while not answer and sent < 200 * 1024 * 1024 and time.monotonic() < deadline:
                sock.sendall(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                sent += len(chunk)
                try:
                    answer = sock.recv(4096)
                except TimeoutError:
                    pass
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server closed the connection once it answered
        sock.settimeout(10)
        answer = answer or sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    # What the server read stopped at the bound; the rest of what was sent is what the
    # kernel's buffers held before the answer came back.
    assert sent < UPLOAD_BOUND + 16 * 1024 * 1024
