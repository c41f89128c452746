"""Request ids: taken from the proxy or made here, kept for every log line of the request,
returned in the X-Request-ID header and shown on the error page, so one id finds it all."""

from __future__ import annotations

import logging
import re
import time
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished

HEADER = "X-Request-ID"
# An id from outside goes unchanged into log lines and a response header: letters, digits
# and . _ - only, of a sane length; anything else is replaced by our own.
_WELL_FORMED = re.compile(r"[A-Za-z0-9._-]{8,128}")
_current: ContextVar[str | None] = ContextVar("request_id", default=None)

logger = logging.getLogger("budget_portal.requests")


def current_request_id() -> str | None:
    return _current.get()


def incoming_or_new(value: str | None) -> str:
    if value and _WELL_FORMED.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Sets the request id for the request's duration and logs one line when it is answered
    (in place of the web server's access log, so that line has the id too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_or_new(request.headers.get(HEADER))
        # Kept until the request is finished, not only until this middleware returns: Django
        # logs a 4xx/5xx answer ("Service Unavailable: /healthz") after the middleware.
        _current.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[HEADER] = request_id
        # The health probe asks every few seconds; only its failures are news.
        if request.path_info != "/healthz" or response.status_code != 200:
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        return response


def _forget(**kwargs) -> None:
    # A worker thread serves one request after another: no id may outlive its request.
    _current.set(None)


request_finished.connect(_forget, dispatch_uid="budget_portal.requestlog.forget")


class RequestIdFilter(logging.Filter):
    """Gives every record a request_id: the current request's, or "-" outside one."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current.get() or "-"
        return True


def json_formatter() -> logging.Formatter:
    """One JSON object per line: timestamp, level, logger, message, request_id, and any
    extra fields the caller gave (status, duration_ms, ...)."""
    from pythonjsonlogger.core import RESERVED_ATTRS
    from pythonjsonlogger.json import JsonFormatter

    return JsonFormatter(
        ["levelname", "name", "message", "request_id"],
        rename_fields={"levelname": "level", "name": "logger"},
        timestamp=True,
        # Django attaches the request object to its error records; its repr says nothing
        # the line does not already say.
        reserved_attrs=[*RESERVED_ATTRS, "request"],
    )
