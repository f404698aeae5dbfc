"""``carewatch serve`` and ``carewatch users``: the web app and who may use it."""

from __future__ import annotations

import errno
import socket
import sys
from typing import TYPE_CHECKING

import click

from ..errors import ConfigurationError
from .neutral import one_line
from .options import database_option, open_database

if TYPE_CHECKING:
    from ..store import Database


@click.command()
@database_option
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1: this machine only).")
@click.option("--port", type=int, default=None, help="Port to listen on (default 8000).")
def serve(database_url: str | None, host: str | None, port: int | None) -> None:
    """Start the web app and REST API over the database.

    \b
    Pages: dashboard (map, timeline, filters), incidents with their evidence, review,
    facility board, upload. API: /api/ (description at /api/openapi.json), with
    "Authorization: Bearer TOKEN" from `carewatch users token NAME`.

    Set CAREWATCH_SECRET_KEY so sessions survive a restart (required with
    CAREWATCH_ENVIRONMENT=production); CAREWATCH_TILE_URL adds map tiles from a tile
    server; CAREWATCH_COOKIE_SECURE=false only behind plain HTTP on another host.
    """
    import uvicorn

    from ..resolve.gazetteer import gazetteer
    from ..settings import load_settings
    from ..web import UVICORN_OPTIONS, create_app

    settings = load_settings(database_url=database_url, host=host, port=port)
    # The address is taken first, so that a busy port fails at once, and the address is
    # announced only once it is ours.
    listening = listening_socket(settings.host, settings.port)
    with listening:
        app = create_app(settings)
        # Loaded now (two seconds) rather than by the first request that places an incident.
        gazetteer()
        click.echo(
            f"CareWatch on http://{settings.host}:{settings.port}/ (Ctrl-C stops it)", err=True
        )
        uvicorn.Server(uvicorn.Config(app, log_level="warning", **UVICORN_OPTIONS)).run(
            sockets=[listening])


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port``, or a ConfigurationError saying why it cannot be."""
    where = f"{host}:{port}"
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as exc:
        raise ConfigurationError(f"cannot listen on {where}: unknown host ({exc.strerror})") from exc
    listening = socket.socket(family, kind, proto)
    try:
        # As uvicorn does: a restart need not wait for the old connections to time out.
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind(address)
    except OSError as exc:
        listening.close()
        if exc.errno == errno.EADDRINUSE:
            raise ConfigurationError(
                f"cannot listen on {where}: the port is in use (another CareWatch, or another "
                "program); --port or CAREWATCH_PORT chooses another"
            ) from exc
        raise ConfigurationError(f"cannot listen on {where}: {exc.strerror or exc}") from exc
    return listening


@click.group()
def users() -> None:
    """Users of the web app and API: admin, analyst, partner (the public needs none)."""


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["admin", "analyst", "partner"]),
              help="admin manages users; analyst reviews and edits; partner reads all but "
                   "the most sensitive fields.")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input (for scripts).")
@database_option
def add_command(name: str, role: str, password_stdin: bool, database_url: str | None) -> None:
    """Create user NAME with a role; asks for the password (10 characters or more)."""
    from ..accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _database(database_url, create=True) as db:
        user = add_user(db, name, role, password)
    click.echo(one_line(f"added {user.name} ({user.role})"))


@users.command("list")
@database_option
def list_command(database_url: str | None) -> None:
    """List the users and their roles."""
    from ..accounts import list_users

    with _database(database_url) as db:
        for user in list_users(db):
            click.echo(f"{one_line(user.name)}\t{user.role}")


@users.command("token")
@click.argument("name")
@click.option("--label", help="What the token is for, to recognise it later.")
@database_option
def token_command(name: str, label: str | None, database_url: str | None) -> None:
    """Issue an API token for NAME and print it (it is shown only this once)."""
    from ..accounts import issue_token

    with _database(database_url) as db:
        click.echo(issue_token(db, name, label))


@users.command("deactivate")
@click.argument("name")
@database_option
def deactivate_command(name: str, database_url: str | None) -> None:
    """Close NAME's account: its password, sessions and API tokens stop working."""
    from ..accounts import deactivate_user

    with _database(database_url) as db:
        revoked = deactivate_user(db, name)
    click.echo(one_line(f"deactivated {name}; {revoked} API token(s) revoked"))


def _database(database_url: str | None, *, create: bool = False) -> Database:
    from ..settings import load_settings

    return open_database(load_settings(database_url=database_url).database_url, create=create)
