"""A test-only app for worker processes: while the file named by SLOW_RENDER_HOLD exists, a
catalog render waits, so a test can kill the worker in the middle of it."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

from django.apps import AppConfig


def _held(render):
    def render_when_released(cycle, params, progress):
        hold = Path(os.environ["SLOW_RENDER_HOLD"])
        if hold.exists():
            (hold.parent / "rendering").write_text(str(os.getpid()))
            while hold.exists():
                time.sleep(0.1)
        return render(cycle, params, progress)

    return render_when_released


class SlowRenderConfig(AppConfig):
    name = "tests.budget_portal.slow_render"
    label = "slow_render"

    def ready(self) -> None:
        from budget_portal.publications import REGISTRY

        catalog = REGISTRY["catalog"]
        REGISTRY["catalog"] = dataclasses.replace(catalog, render=_held(catalog.render))
