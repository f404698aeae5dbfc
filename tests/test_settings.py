"""The settings the web app's security rests on: read from CAREWATCH_* variables and
refused at start-up when they cannot be used."""

from __future__ import annotations

import ipaddress

import pytest

from carewatch.errors import ConfigurationError
from carewatch.settings import DEVELOPMENT_HOSTS, Settings, load_settings

SECRET = "k" * 40


def test_production_names_its_hosts() -> None:
    with pytest.raises(ConfigurationError, match="CAREWATCH_ALLOWED_HOSTS"):
        Settings(environment="production", secret_key=SECRET)
    settings = load_settings({"CAREWATCH_ENVIRONMENT": "production",
                              "CAREWATCH_SECRET_KEY": SECRET,
                              "CAREWATCH_ALLOWED_HOSTS": "CareWatch.example.org, *.example.net, ::1"})
    assert settings.hosts() == ["carewatch.example.org", "*.example.net", "[::1]"]


def test_development_answers_for_this_machine_only() -> None:
    assert Settings().hosts() == list(DEVELOPMENT_HOSTS)
    assert "localhost" in DEVELOPMENT_HOSTS and "0.0.0.0" not in DEVELOPMENT_HOSTS


def test_trusted_proxies_are_addresses_or_networks() -> None:
    settings = load_settings({"CAREWATCH_TRUSTED_PROXIES": "10.0.0.5, 192.168.1.0/24"})
    assert settings.proxy_networks() == [ipaddress.ip_network("10.0.0.5/32"),
                                         ipaddress.ip_network("192.168.1.0/24")]
    assert Settings().proxy_networks() == []  # none by default: every header ignored
    with pytest.raises(ConfigurationError, match="not an IP address"):
        load_settings({"CAREWATCH_TRUSTED_PROXIES": "proxy.example.org"})


@pytest.mark.parametrize("name", ["LOGIN_ATTEMPTS", "LOGIN_ATTEMPTS_PER_ADDRESS",
                                  "LOGIN_ATTEMPTS_GLOBAL", "LOGIN_WINDOW_S",
                                  "LOGIN_HASH_CONCURRENCY", "SESSION_HOURS"])
def test_limits_are_positive(name: str) -> None:
    assert getattr(load_settings({f"CAREWATCH_{name}": "3"}), name.lower()) == 3
    with pytest.raises(ConfigurationError, match=name):
        load_settings({f"CAREWATCH_{name}": "0"})
