"""A new hearing is mailed to the confirmed subscribers, once, with its title, period and
link, each mail with its reader's own unsubscribe link."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budget_portal.models import OutboxMessage
from hearings.models import Hearing
from subscriptions.models import HearingAnnouncement, Subscription
from tests.subscriptions.helpers import link

CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def subscribers(db):
    now = timezone.now()
    Subscription.objects.create(email="aktiv@example.dk", confirmed_at=now)
    Subscription.objects.create(email="ogsaa@example.dk", confirmed_at=now)
    Subscription.objects.create(email="venter@example.dk")  # never confirmed


def _new_hearing(cycle, slug: str = "ny-hoering") -> Hearing:
    year = timezone.now().year + 1
    return Hearing.objects.create(
        cycle=cycle,
        slug=slug,
        title="Høring om budgetforslag 2027",
        opens_at=datetime(year, 1, 1, 10, 0, tzinfo=CPH),
        closes_at=datetime(year, 1, 15, 12, 0, tzinfo=CPH),
    )


def test_a_new_hearing_mails_the_confirmed_subscribers_once(
    cycle, subscribers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hearing = _new_hearing(cycle)
        hearing.title = "Høring om budgetforslag 2027 (rettet)"
        hearing.save()  # a second save sends nothing
    assert sorted(m.to[0] for m in mail.outbox) == ["aktiv@example.dk", "ogsaa@example.dk"]
    year = hearing.opens_at.year
    message = next(m for m in mail.outbox if m.to == ["aktiv@example.dk"])
    assert message.subject == "Ny høring: Høring om budgetforslag 2027"
    assert (
        f"Høringsperiode: 1. januar {year} kl. 10.00 til 15. januar {year} kl. 12.00."
        in message.body
    )
    assert "http://127.0.0.1:8000/hoeringer/ny-hoering/" in message.body
    unsubscribe = link(message.body, "afmeld")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://127.0.0.1:8000{unsubscribe}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    other = next(m for m in mail.outbox if m.to == ["ogsaa@example.dk"])
    assert link(other.body, "afmeld") != unsubscribe  # each reader's own link
    assert HearingAnnouncement.objects.get(hearing=hearing).recipients == 2


def test_the_unsubscribe_link_in_a_hearing_mail_works(client, cycle, subscribers):
    _new_hearing(cycle)
    message = OutboxMessage.objects.filter(to=["aktiv@example.dk"]).get()
    client.post(link(message.body, "afmeld"))
    assert not Subscription.objects.filter(email="aktiv@example.dk").exists()
    _new_hearing(cycle, slug="endnu-en")
    assert OutboxMessage.objects.filter(to=["aktiv@example.dk"]).count() == 1


def test_a_hearing_that_has_closed_is_not_news(cycle, subscribers):
    Hearing.objects.create(
        cycle=cycle,
        slug="gammel",
        title="Gammel høring",
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=10),
    )
    assert not OutboxMessage.objects.exists()
    assert not HearingAnnouncement.objects.exists()


def test_subscribers_are_queued_in_bulk_not_one_query_each(cycle):
    def queries_for(count: int, slug: str) -> int:
        Subscription.objects.all().delete()
        now = timezone.now()
        Subscription.objects.bulk_create(
            Subscription(email=f"borger{i}@example.dk", key=f"{slug}{i}", confirmed_at=now)
            for i in range(count)
        )
        with CaptureQueriesContext(connection) as queries:
            _new_hearing(cycle, slug=slug)
        assert HearingAnnouncement.objects.get(hearing__slug=slug).recipients == count
        return len(queries)

    few, many = queries_for(3, "lille"), queries_for(300, "stor")
    # INSERTs of up to 500 rows (PostgreSQL); SQLite's 999 parameters allow about 100 a time
    # (10 columns an outbox row), so 300 subscribers are 3 INSERTs there.
    assert many - few <= 3, (few, many)


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_moment_announce_once(cycle):
    from subscriptions.services import announce_hearing
    from tests.threads import at_once, skip_unless_separate_connections

    skip_unless_separate_connections()
    Subscription.objects.create(email="aktiv@example.dk", confirmed_at=timezone.now())
    hearing = _new_hearing(cycle)
    HearingAnnouncement.objects.all().delete()  # as if the hearing had just been saved
    OutboxMessage.objects.all().delete()
    at_once(lambda: announce_hearing(hearing), 4)
    assert HearingAnnouncement.objects.count() == 1
    assert OutboxMessage.objects.filter(to=["aktiv@example.dk"]).count() == 1
