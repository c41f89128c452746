"""Personas and a small world: one cycle, two committees, departments A and B."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import factory.random
import pytest
from django.utils import timezone

from budget_portal.figures import YearValues
from hearings.models import Hearing
from politics.models import Membership, Party
from proposals.models import Status
from proposals.services import change_status, create_proposal
from tests.clients import BrowserClient
from tests.factories import (
    CommitteeFactory,
    CycleFactory,
    DepartmentFactory,
    UserFactory,
    make_card,
)


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


@pytest.fixture(autouse=True, scope="session")
def _flush_past_the_audit_log_guard():
    # Between transactional tests Django empties every table with TRUNCATE, which the audit
    # log refuses on PostgreSQL (audit migration 0003). The test database's superuser lets that
    # one transaction past the triggers, as `pg_restore --disable-triggers` does; the portal's
    # own roles cannot set this.
    try:
        from django.db.backends.postgresql.operations import DatabaseOperations
    except ImportError:  # no PostgreSQL driver, no PostgreSQL tests
        yield
        return
    original = DatabaseOperations.execute_sql_flush

    def flush(self, sql_list):
        original(self, ["SET LOCAL session_replication_role = replica", *sql_list])

    with mock.patch.object(DatabaseOperations, "execute_sql_flush", flush):
        yield


@pytest.fixture(autouse=True)
def _same_names_every_run(request):
    # Faker's Danish names show on every signed-in page; seeded per test, a test sees the
    # same names in every run and in any order, so a name that happens to contain a word a
    # test looks for fails every time instead of now and then.
    factory.random.reseed_random(request.node.nodeid)


@pytest.fixture
def client():
    # As a browser: CSRF enforced, the token taken from the form on the page last loaded.
    return BrowserClient()


@pytest.fixture
def database_tasks(settings):
    """Tasks queued in the database for a worker, as in production (the tests' default runs
    them at once, in the caller)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


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


# (number, title, net per year in kroner, årsværk, service frame): seed 003's figures.
SEED = [
    ("T101", "Digital udvikling KOMBIT projekter", [2_000_000] * 4, "0", "ja"),
    ("T105", "IT- og Cybersikkerhed (NIS2)", [3_100_000, 2_900_000, 2_900_000, 2_900_000], "0",
     "ja"),
    ("T304", "Anmodning om aktindsigt i egen sag", [245_000] * 4, "0.54", "delvis"),
    ("T104", "Boligsikring til lejere der ikke er pensionister", [600_000] * 4, "0", "nej"),
]  # fmt: skip


@pytest.fixture
def seed_cards(cycle, finance, department_a, committee):
    cards = {}
    for number, title, nets, fte, frame in SEED:
        card = create_proposal(
            cycle,
            by=finance,
            fields={"number": number, "kind": "T", "title": title, "committee": committee,
                    "department": department_a, "price_year": 2026, "start_date": None,
                    "service_frame": frame, "service_frame_note": "", "pending_note": "",
                    "background": "", "consequences": ""},
            years={2026 + i: YearValues(net, 0, Decimal(fte)) for i, net in enumerate(nets)},
        )  # fmt: skip
        change_status(card, by=finance, target=Status.RELEASED, based_on_version=card.version)
        cards[number] = card
    return cards


@pytest.fixture
def party_a(db):
    return Party.objects.create(name="Socialdemokratiet", letter="A")


@pytest.fixture
def party_b(db):
    return Party.objects.create(name="Venstre", letter="V")


@pytest.fixture
def politician_a(party_a):
    user = UserFactory(username="anna", roles=["politiker"])
    Membership.objects.create(user=user, party=party_a)
    return user


@pytest.fixture
def politician_a2(party_a):
    user = UserFactory(username="arne", roles=["politiker"])
    Membership.objects.create(user=user, party=party_a)
    return user


@pytest.fixture
def politician_b(party_b):
    user = UserFactory(username="viggo", roles=["politiker"])
    Membership.objects.create(user=user, party=party_b)
    return user


@pytest.fixture
def hearing(cycle, finance, department_a, committee):
    card = make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="R101",
        title="Lukning af svømmehal",
        net=-2_000_000,
        status=Status.RELEASED,
    )
    hearing = Hearing.objects.create(
        cycle=cycle,
        slug="effektiviseringskatalog",
        title="Høring om effektiviseringskatalog",
        text="Kataloget er i høring.",
        opens_at=timezone.now() - timedelta(days=2),
        closes_at=timezone.now() + timedelta(days=5),
    )
    hearing.cards.add(card)
    return hearing


@pytest.fixture
def second_hearing(hearing):
    """Another open hearing of the same cycle."""
    return Hearing.objects.create(
        cycle=hearing.cycle,
        slug="anden-hoering",
        title="Høring om budgetforslaget",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=5),
    )
