"""Gunicorn in the container: port PORT (8000), WEB_CONCURRENCY processes, logs like Django's."""

import os

# PORT: for `docker run --network host` beside something else on 8000; compose keeps 8000.
bind = f"0.0.0.0:{int(os.environ.get('PORT') or 8000)}"
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Heartbeat files in memory: a container's disk may be slow or read-only.
worker_tmp_dir = "/dev/shm"  # noqa: S108
# Django's RequestIdMiddleware logs each request, with its id; a second access log would not.
accesslog = None
errorlog = "-"

if (os.environ.get("LOG_FORMAT") or "json") == "json":
    # Gunicorn replaces its defaults key by key, so root and both handlers are given here.
    _stderr = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "budget_portal.requestlog.json_formatter"}},
        "handlers": {"console": _stderr, "error_console": _stderr},
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False}
        },
    }
