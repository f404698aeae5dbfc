"""The one typed settings object. No other module reads the environment.

Values come from ``CAREWATCH_*`` environment variables; CLI flags override them by
passing keyword arguments to :func:`load_settings`.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigurationError

PREFIX = "CAREWATCH_"
# Hosts a development server answers for: this machine's names, and the name Starlette's
# TestClient sends. In production the hosts must be named (CAREWATCH_ALLOWED_HOSTS).
DEVELOPMENT_HOSTS = ("localhost", "127.0.0.1", "[::1]", "testserver")


def _default_database_url() -> str:
    return f"sqlite:///{Path('carewatch.db').resolve()}"


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    extractor: str = "carewatch.rules.v1"
    max_document_bytes: int = 10 * 1024 * 1024  # 10 MiB: a single report is never bigger
    # The web app (carewatch serve).
    environment: str = "development"  # "production" refuses to start without secret_key
    secret_key: str = ""  # signs session cookies; in development a random one per start
    host: str = "127.0.0.1"
    port: int = 8000
    cookie_secure: bool = True  # browsers send the session cookie over HTTPS (and localhost) only
    tile_url: str = ""  # e.g. "http://tiles.local/{z}/{x}/{y}.png"; none: a map without tiles
    # Failed logins within login_window_s, counted before the password is checked: per
    # account (from any address), per client address (across names) and on the whole
    # server; past any of them a login is refused until the window has passed.
    login_attempts: int = 5
    login_attempts_per_address: int = 20
    login_attempts_global: int = 1000
    login_window_s: int = 900
    # Password hashes checked at once (each Argon2id check takes 64 MiB and a CPU core for
    # a tenth of a second); other logins wait their turn without holding a worker thread.
    login_hash_concurrency: int = 2
    session_hours: int = 8  # a session ends this long after login, however much it is used
    # Comma-separated proxy addresses or networks whose X-Forwarded-For names the client;
    # none: the connection's own address is the client's, whatever a header says.
    trusted_proxies: str = ""
    # Comma-separated names the Host header may carry ("*.example.org" for subdomains);
    # none: DEVELOPMENT_HOSTS in development, refused in production.
    allowed_hosts: str = ""

    def __post_init__(self) -> None:
        if not self.database_url:
            object.__setattr__(self, "database_url", _default_database_url())
        if self.max_document_bytes <= 0:
            raise ConfigurationError("max_document_bytes must be a positive number of bytes")
        if self.environment not in ("development", "production"):
            raise ConfigurationError("environment must be 'development' or 'production'")
        if self.environment == "production" and len(self.secret_key) < 32:
            raise ConfigurationError(
                "in production CAREWATCH_SECRET_KEY must be set, 32 characters or more "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        if self.environment == "production" and not self.allowed_hosts.strip():
            raise ConfigurationError(
                "in production CAREWATCH_ALLOWED_HOSTS must name the host names the site is "
                "reached by (for example: carewatch.example.org)"
            )
        for name in ("login_attempts", "login_attempts_per_address", "login_attempts_global",
                     "login_window_s", "login_hash_concurrency", "session_hours"):
            if getattr(self, name) <= 0:
                raise ConfigurationError(f"{PREFIX}{name.upper()} must be a positive number")
        self.proxy_networks()  # refuses a malformed address now rather than at a login

    def hosts(self) -> list[str]:
        """The host names the web app answers for."""
        given = [h.strip().lower() for h in self.allowed_hosts.split(",") if h.strip()]
        # The Host header writes an IPv6 address in brackets.
        given = [f"[{h}]" if ":" in h and not h.startswith("[") else h for h in given]
        return given or list(DEVELOPMENT_HOSTS)

    def proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        """The networks of the proxies whose X-Forwarded-For is believed."""
        networks = []
        for item in self.trusted_proxies.split(","):
            if not item.strip():
                continue
            try:
                networks.append(ipaddress.ip_network(item.strip(), strict=False))
            except ValueError:
                raise ConfigurationError(
                    f"{PREFIX}TRUSTED_PROXIES: {item.strip()!r} is not an IP address or "
                    "network (e.g. 10.0.0.5 or 10.0.0.0/24)") from None
        return networks


def load_settings(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Build settings from ``CAREWATCH_*`` variables, then apply non-None ``overrides``."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        raw = env.get(PREFIX + f.name.upper())
        if raw is None or raw == "":
            continue
        if f.type in (bool, "bool"):
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ConfigurationError(f"{PREFIX}{f.name.upper()} must be true or false, not {raw!r}")
            values[f.name] = raw.lower() in ("1", "true", "yes")
        elif f.type in (int, "int"):
            try:
                values[f.name] = int(raw)
            except ValueError as exc:
                raise ConfigurationError(f"{PREFIX}{f.name.upper()} must be an integer, not {raw!r}") from exc
        else:
            values[f.name] = raw
    settings = Settings(**values)
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **given) if given else settings
