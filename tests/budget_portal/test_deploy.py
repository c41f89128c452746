"""Production settings: Django's deployment checklist passes, static files collect, and the
settings refuse to start without what production needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # A clean production environment: nothing the test run itself sets leaks in.
    test_only = {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE", "SITE_URL"}
    base = {k: v for k, v in os.environ.items() if k not in test_only}
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


PRODUCTION = {
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp2#" * 8,
    "ALLOWED_HOSTS": "budget.kommune.dk",
    "SITE_URL": "https://budget.kommune.dk",
}


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("value", ["1", "yes", "true"])
def test_debug_must_be_spelled_true_or_false(value):
    result = manage("check", env=PRODUCTION | {"DEBUG": value})
    assert result.returncode != 0
    assert "DEBUG must be True or False" in result.stderr


def test_static_files_collect_with_the_manifest_storage(tmp_path):
    result = manage(
        "collectstatic", "--noinput", "-v0", env=PRODUCTION | {"STATIC_ROOT": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/dkfds/css/dkfds.min.css" in manifest
    assert "css/portal.css" in manifest


def test_templates_are_cached_outside_debug():
    from django.template import engines

    loaders = [type(loader).__module__ for loader in engines["django"].engine.template_loaders]
    # template_partials wraps the cached loader, which wraps the file loaders.
    wrapped = engines["django"].engine.template_loaders[0].loaders
    assert loaders == ["template_partials.loader"]
    assert type(wrapped[0]).__module__ == "django.template.loaders.cached"


@pytest.mark.parametrize(
    ("name", "value", "allowed"),
    [
        ("EMAIL_PORT", "25a", "a whole number"),
        ("HEARING_RETENTION_DAYS", "sixty", "a whole number"),
        ("TASKS_BACKEND", "celery", "database or immediate"),
        ("STORAGE_BACKEND", "ftp", "filesystem or s3"),
        ("LOG_FORMAT", "xml", "json or text"),
        ("LOG_LEVEL", "verbose", "DEBUG, INFO, WARNING, ERROR or CRITICAL"),
    ],
)
def test_a_wrong_integer_or_choice_names_its_variable(name, value, allowed):
    result = manage("check", env=PRODUCTION | {name: value})
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name} must be {allowed}, not '{value}'" in result.stderr


@pytest.mark.parametrize("value", [None, ""])
def test_production_refuses_to_start_without_a_site_url(value):
    env = {k: v for k, v in PRODUCTION.items() if k != "SITE_URL"}
    result = manage("check", env=env if value is None else env | {"SITE_URL": value})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SITE_URL must be set when DEBUG is off" in result.stderr


def test_a_site_url_without_its_scheme_is_refused():
    result = manage("check", env=PRODUCTION | {"SITE_URL": "budget.kommune.dk"})
    assert result.returncode != 0
    assert "SITE_URL must start with https:// or http://" in result.stderr


def test_debug_falls_back_to_the_development_servers_address():
    code = "from django.conf import settings; print(settings.SITE_URL)"
    result = manage("shell", "-v0", "-c", code, env={"DEBUG": "True"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "http://127.0.0.1:8000"


def test_unset_or_empty_choices_take_their_default():
    from budget_portal.settings import envchoice

    assert envchoice("LOG_FORMAT", "json", ("json", "text"), env={}) == "json"
    assert envchoice("LOG_FORMAT", "json", ("json", "text"), env={"LOG_FORMAT": ""}) == "json"
    assert envchoice("LOG_FORMAT", "json", ("json", "text"), env={"LOG_FORMAT": "text"}) == "text"
