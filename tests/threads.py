"""Calls at the same moment from several threads, each with its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections


def skip_unless_separate_connections() -> None:
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite shares one connection between threads")


def at_once(call: Callable[[], object], times: int) -> None:
    """CALL in TIMES threads released together by a barrier; returns when all are done."""
    barrier = threading.Barrier(times)

    def run() -> None:
        try:
            barrier.wait()
            call()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
