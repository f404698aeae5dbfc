"""The app factory: :func:`create_app` builds the FastAPI app from the settings."""

from __future__ import annotations

import logging
import secrets
from importlib.resources import files
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..errors import CareWatchError, NotFoundError
from ..extract.numbers import say_count
from ..settings import Settings, load_settings
from ..store.database import Database
from . import api, login, pages, pages_review
from .limits import BodyLimit
from .login import PasswordChecks
from .security import current_user

log = logging.getLogger(__name__)
# How uvicorn must serve the app. Its own reading of X-Forwarded-For believes any client
# on this machine; the app reads that header itself, from the configured proxies only
# (security.client_address), so that no one else can choose the address their logins
# are counted against.
UVICORN_OPTIONS: dict[str, Any] = {"proxy_headers": False, "server_header": False}


def create_app(settings: Settings | None = None, db: Database | None = None) -> FastAPI:
    """The web app over ``settings.database_url`` (or the given open database)."""
    settings = settings or load_settings()
    secret = settings.secret_key
    if not secret:  # development only: Settings refuses production without one
        secret = secrets.token_urlsafe(48)
        log.warning("no CAREWATCH_SECRET_KEY: sessions end when the server stops")
    app = FastAPI(title="CareWatch", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Attacks on health care: incidents, facilities, situation. "
                              "Authenticate with `Authorization: Bearer <token>` "
                              "(`carewatch users token NAME`); without one you get the "
                              "public view.")
    app.state.settings = settings
    app.state.db = db or Database(settings.database_url)
    app.state.proxy_networks = settings.proxy_networks()
    app.state.password_checks = PasswordChecks(settings.login_hash_concurrency)
    app.state.templates = _templates()
    # The cookie outlives no session; the session's own end is kept on the server.
    app.add_middleware(SessionMiddleware, secret_key=secret, session_cookie="carewatch_session",
                       max_age=settings.session_hours * 3600, same_site="lax",
                       https_only=settings.cookie_secure)
    app.middleware("http")(_security_headers)
    # Outermost, so that a body too large, or a request for a host we are not, is refused
    # before anything reads it or asks who sent it.
    app.add_middleware(BodyLimit, max_document_bytes=settings.max_document_bytes)
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.hosts(), www_redirect=False)
    static = Path(str(files("carewatch.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(login.router)
    app.include_router(pages_review.router)
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(CareWatchError, _carewatch_error)  # type: ignore[arg-type]
    return app


def _templates() -> Jinja2Templates:
    directory = Path(str(files("carewatch.web").joinpath("templates")))
    templates = Jinja2Templates(directory=directory)  # autoescapes .html
    templates.env.globals["version"] = __version__
    templates.env.globals["say_count"] = say_count
    return templates


async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
    response: Response = await call_next(request)
    tiles = request.app.state.settings.tile_url
    tile_origin = " " + "/".join(tiles.split("/")[:3]) if tiles else ""
    # Scripts only from here: a report's <script> can never run even if it escaped.
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data:{tile_origin}; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    if not request.url.path.startswith("/static/"):
        # One address answers each role differently (report text for an analyst): no
        # browser or proxy may keep an answer for the next person or the back button.
        response.headers["Cache-Control"] = "no-store"
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _http_error(request: Request, exc: HTTPException) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
    if exc.status_code == 401:
        return Response(status_code=303, headers={"Location": f"/login?next={request.url.path}"})
    return _error_page(request, exc.status_code, str(exc.detail))


def _carewatch_error(request: Request, exc: CareWatchError) -> Response:
    code = 404 if isinstance(exc, NotFoundError) else 400
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, code)
    return _error_page(request, code, str(exc))


def _error_page(request: Request, code: int, message: str) -> Response:
    return pages.render(request, "error.html", current_user(request), status_code=code,
                        code=code, message=message)
