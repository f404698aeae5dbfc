"""Request bodies bounded before anything reads them.

FastAPI reads and parses a form, an upload spooled to disk included, before a route can
ask who is sending it; so the bound is kept here, in front of the app: a body declared
larger than its route allows is refused with 413 before a byte of it is read, and one
sent without a length (chunked) is cut off at the bound. Uploads may be as large as a
report may be (``max_document_bytes``) and a form's wrapping; everything else is a small
form or JSON document.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# A login, a review with its reason, a new user: a few kilobytes at most.
FORM_BYTES = 64 * 1024
# A multipart form's boundaries, headers and small fields around the uploaded file.
UPLOAD_WRAPPING_BYTES = 64 * 1024
UPLOAD_PATHS = ("/upload", "/api/reports")


class BodyTooLarge(HTTPException):
    """Raised where the body is read, so that the app answers 413 as for any refusal."""

    def __init__(self, bound: int) -> None:
        super().__init__(413, f"request body too large: at most {bound:,} bytes here")


class BodyLimit:
    """ASGI middleware: 413 for a body over the route's bound, read or declared."""

    def __init__(self, app: ASGIApp, max_document_bytes: int) -> None:
        self.app = app
        self.upload_bytes = max_document_bytes + UPLOAD_WRAPPING_BYTES

    def bound(self, path: str) -> int:
        return self.upload_bytes if path in UPLOAD_PATHS else FORM_BYTES

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        bound = self.bound(scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > bound:
            await _refuse(send, bound)
            return
        received = 0
        started = too_large = False

        async def bounded_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > bound:
                    too_large = True
                    raise BodyTooLarge(bound)
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except Exception:
            # Middleware in between may have wrapped it (in an ExceptionGroup, or another
            # error about a body that stopped): what matters is that the body was cut off.
            if not too_large:
                raise
            if not started:
                await _refuse(send, bound)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, bound: int) -> None:
    body = f"request body too large: at most {bound:,} bytes here\n".encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"),
                            (b"cache-control", b"no-store")]})
    await send({"type": "http.response.body", "body": body})
