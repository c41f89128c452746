"""Logs as JSON lines, each with the id of its request; the same id in the X-Request-ID
response header and on the error page, so a user's "fejl-id" finds the log lines."""

from __future__ import annotations

import copy
import io
import json
import logging.config
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_log():
    """The project's logging, JSON formatted, into a buffer the test reads."""
    buffer = io.StringIO()
    config = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = buffer
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logging.config.dictConfig(django_settings.LOGGING)


def test_a_request_logs_a_json_line_with_the_request_id_of_its_response(client, db, json_log):
    response = client.get("/hoeringer/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    lines = [line for line in json_log() if line["request_id"] == request_id]
    assert lines, "no log line carries the response's request id"
    access = next(line for line in lines if line["logger"] == "budget_portal.requests")
    assert access["message"] == "GET /hoeringer/ 200"
    assert (access["status"], access["level"]) == (200, "INFO")
    assert {"timestamp", "duration_ms"} <= access.keys()


def test_a_well_formed_id_from_the_proxy_is_kept(client, db, json_log):
    response = client.get("/hoeringer/", HTTP_X_REQUEST_ID="f3a9c0de-1b2c-4d5e-8f90-0123456789ab")
    assert response["X-Request-ID"] == "f3a9c0de-1b2c-4d5e-8f90-0123456789ab"
    assert any(line["request_id"] == response["X-Request-ID"] for line in json_log())


@pytest.mark.parametrize(
    "incoming", ["kort", "x" * 200, "abc def ghi", 'abc"}\n{"level": "ERROR"', "æøå-12345678"]
)
def test_a_malformed_id_is_replaced(client, db, json_log, incoming):
    response = client.get("/hoeringer/", HTTP_X_REQUEST_ID=incoming)
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32
    assert all(line["request_id"] != incoming for line in json_log())


def test_lines_outside_a_request_say_so(client, db, json_log):
    client.get("/hoeringer/")
    logging.getLogger("budget_portal.worker").warning("ingen request her")
    assert json_log()[-1]["request_id"] == "-"


def test_djangos_own_line_for_an_error_answer_has_the_id_too(client, db, json_log, settings):
    # Django logs a 5xx answer after the middleware has returned: the id must still be set.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/healthz")  # no worker: 503
    assert response.status_code == 503
    line = next(line for line in json_log() if line["logger"] == "django.request")
    assert line["message"] == "Service Unavailable: /healthz"
    assert line["request_id"] == response["X-Request-ID"]


def test_the_error_page_shows_the_request_id_as_fejl_id(client, db, json_log, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("noget gik galt")

    monkeypatch.setattr("budget_portal.views.render", broken)
    client.raise_request_exception = False
    response = client.get("/", HTTP_X_REQUEST_ID="proxy-0123456789")
    page = response.content.decode()
    assert response.status_code == 500
    assert response["X-Request-ID"] == "proxy-0123456789"
    assert "Der skete en fejl" in page
    assert "fejl-id: <strong" in page and "proxy-0123456789</strong>" in page
    error = next(line for line in json_log() if line["level"] == "ERROR")
    assert error["request_id"] == "proxy-0123456789"
    assert "RuntimeError: noget gik galt" in error["exc_info"]


def test_the_error_page_survives_a_broken_template_engine(rf, monkeypatch):
    from budget_portal import views

    def broken(name):
        raise RuntimeError("templates away")

    monkeypatch.setattr(views.loader, "get_template", broken)
    response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Der skete en fejl" in response.content.decode()


def test_log_format_is_json_or_text():
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    result = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env | {"SECRET_KEY": "x", "LOG_FORMAT": "xml"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr
