"""Personas and a small world: one cycle, two committees, departments A and B."""

from __future__ import annotations

import pytest

from tests.factories import CommitteeFactory, CycleFactory, DepartmentFactory, UserFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # The manifest storage needs collectstatic; tests read static files from the finders.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Hashing strength is not under test; a slow hasher costs seconds per persona.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks run at once, inside the test; files go to a throwaway folder.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def cycle(db):
    return CycleFactory(slug="testrup-2026")


@pytest.fixture
def committee(cycle):
    return CommitteeFactory(cycle=cycle, number=1, name="Økonomiudvalget")


@pytest.fixture
def committee_b(cycle):
    return CommitteeFactory(cycle=cycle, number=3, name="Børne- og Familieudvalget")


@pytest.fixture
def finance(db):
    return UserFactory(username="olga", roles=["okonomi"])


@pytest.fixture
def editor_a(db):
    return UserFactory(username="anders", roles=["afdeling"])


@pytest.fixture
def editor_b(db):
    return UserFactory(username="bodil", roles=["afdeling"])


@pytest.fixture
def politician(db):
    return UserFactory(username="per", roles=["politiker"])


@pytest.fixture
def department_a(cycle, committee, editor_a):
    return DepartmentFactory(
        cycle=cycle, name="Økonomi og Personale", committee=committee, editors=[editor_a]
    )


@pytest.fixture
def department_b(cycle, committee_b, editor_b):
    return DepartmentFactory(
        cycle=cycle, name="Børn og Familie", committee=committee_b, editors=[editor_b]
    )


def client_for(client, user):
    if user is not None:
        client.force_login(user)
    return client
