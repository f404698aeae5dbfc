"""``carewatch users`` and ``carewatch serve``."""

from __future__ import annotations

from click.testing import CliRunner

from carewatch.accounts import authenticate, user_for_token
from carewatch.cli import cli
from carewatch.store import Database


def test_users_add_list_and_token(database_url: str) -> None:
    url = database_url
    runner = CliRunner()
    added = runner.invoke(cli, ["users", "add", "ana", "--role", "analyst", "--password-stdin",
                                "--db", url], input="a long passphrase\n")
    assert added.exit_code == 0, added.output
    assert "added ana (analyst)" in added.output
    listed = runner.invoke(cli, ["users", "list", "--db", url])
    assert listed.output.split() == ["ana", "analyst"]
    token = runner.invoke(cli, ["users", "token", "ana", "--db", url]).output.strip()
    with Database(url) as db:
        assert authenticate(db, "ana", "a long passphrase").name == "ana"
        assert user_for_token(db, token).name == "ana"


def test_users_add_refuses_a_short_password_in_one_line(database_url: str) -> None:
    url = database_url
    result = CliRunner().invoke(cli, ["users", "add", "bo", "--role", "partner",
                                      "--password-stdin", "--db", url], input="short\n")
    assert result.exit_code == 1
    assert "error: a password needs at least 10 characters" in result.output


def test_users_add_needs_a_known_role(database_url: str) -> None:
    result = CliRunner().invoke(cli, ["users", "add", "bo", "--role", "public",
                                      "--db", database_url])
    assert result.exit_code == 2


def test_serve_help_documents_the_settings() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "CAREWATCH_SECRET_KEY" in result.output and "/api/openapi.json" in result.output


def test_users_deactivate_closes_the_account(database_url: str) -> None:
    url = database_url
    runner = CliRunner()
    runner.invoke(cli, ["users", "add", "ana", "--role", "analyst", "--password-stdin",
                        "--db", url], input="a long passphrase\n")
    token = runner.invoke(cli, ["users", "token", "ana", "--db", url]).output.strip()
    closed = runner.invoke(cli, ["users", "deactivate", "ana", "--db", url])
    assert closed.exit_code == 0, closed.output
    assert "deactivated ana; 1 API token(s) revoked" in closed.output
    assert runner.invoke(cli, ["users", "list", "--db", url]).output == ""
    with Database(url) as db:
        assert authenticate(db, "ana", "a long passphrase") is None
        assert user_for_token(db, token) is None
    unknown = runner.invoke(cli, ["users", "deactivate", "nobody", "--db", url])
    assert unknown.exit_code != 0 and "no user named 'nobody'" in unknown.output
