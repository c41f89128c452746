"""Settings of the worker processes in tests/budget_portal/test_worker_killed.py."""

from budget_portal.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.budget_portal.slow_render.SlowRenderConfig"]  # noqa: F405
# As in tests/conftest.py: static files from the finders, nothing collected.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
