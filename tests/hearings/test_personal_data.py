"""Personal data in hearing responses: retention per hearing, a person's export and erasure."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from hearings.models import Hearing, Response
from hearings.personal_data import apply_retention
from hearings.services import Submission, publish_response, submit_response
from tests.clients import token_from_cookie
from tests.conftest import client_for
from tests.hearings.test_responding import pdf_bytes


def send(
    hearing, email="karen@example.dk", text="Bevar svømmehallen.", *, pdf=False, name="Karen Hansen"
):
    attachment = SimpleUploadedFile("bilag.pdf", pdf_bytes()) if pdf else None
    submission = Submission(name, "", email, text, True, [], attachment, uuid.uuid4())
    return submit_response(hearing, submission, client_ip="192.0.2.1")[0]


def close(hearing, days_ago: int, retention_days: int | None = None) -> None:
    hearing.opens_at = timezone.now() - timedelta(days=days_ago + 30)
    hearing.closes_at = timezone.now() - timedelta(days=days_ago)
    if retention_days is not None:
        hearing.retention_days = retention_days
    hearing.save()


def test_new_hearings_keep_data_for_the_configured_period(db, cycle, settings):
    settings.HEARING_RETENTION_DAYS = 200
    hearing = Hearing.objects.create(cycle=cycle, slug="h", title="H",
                                     opens_at=timezone.now(),
                                     closes_at=timezone.now() + timedelta(days=1))  # fmt: skip
    assert hearing.retention_days == 200


def test_after_the_retention_period_unpublished_responses_lose_personal_data(
    hearing, second_hearing, finance
):
    kept = send(hearing, pdf=True)
    published = send(hearing, text="Offentligt svar")
    publish_response(published, by=finance)
    recent = send(second_hearing)
    attachment_name = kept.attachment.name
    close(hearing, days_ago=366)
    close(second_hearing, days_ago=10)

    call_command("purge_hearing_data")

    kept.refresh_from_db()
    assert (kept.name, kept.email, kept.text, kept.attachment.name) == ("", "", "", "")
    assert kept.erased_at is not None and kept.number == 1
    assert not default_storage.exists(attachment_name)
    published.refresh_from_db()
    # What the sender agreed to publish stays public; the address used for the receipt goes.
    assert (published.name, published.text, published.email) == ("Karen Hansen",
                                                                 "Offentligt svar", "")  # fmt: skip
    recent.refresh_from_db()
    assert recent.email == "karen@example.dk" and recent.erased_at is None
    assert AuditEvent.objects.get(action=Action.RETENTION).details == {"høringssvar": 2}
    assert apply_retention() == 0


def test_each_hearing_has_its_own_period(hearing):
    response = send(hearing)
    close(hearing, days_ago=31, retention_days=30)
    assert apply_retention() == 1
    response.refresh_from_db()
    assert response.email == ""


def test_a_person_gets_all_their_responses_as_a_file(client, hearing, second_hearing, finance):
    send(hearing, email="Karen@Example.dk", text="Første svar")
    send(second_hearing, email="karen@example.dk", text="Andet svar")
    send(hearing, email="ole@example.dk", text="Oles svar", name="Ole Sørensen")
    client_for(client, finance)
    url = reverse("hearings:personal_data")
    page = client.get(url, {"email": "karen@example.dk"})
    assert "2 svar fra adressen" in page.text and page.text.count("Karen Hansen") == 2
    assert "Ole Sørensen" not in page.text
    download = client.get(url, {"email": "karen@example.dk", "format": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert sorted(r["tekst"] for r in data["høringssvar"]) == ["Andet svar", "Første svar"]
    assert "ole@example.dk" not in download.content.decode()
    assert AuditEvent.objects.filter(action=Action.EXPORTED, actor=finance).exists()


def test_erasure_needs_confirmation_then_removes_everything(client, hearing, finance):
    response = send(hearing, text="Mit svar")
    publish_response(response, by=finance)
    other = send(hearing, email="ole@example.dk", text="Oles svar")
    client_for(client, finance)
    url = reverse("hearings:erase_personal_data")
    client.get(reverse("hearings:personal_data"), {"email": "karen@example.dk"})
    refused = client.post(url, {"email": "karen@example.dk"})
    assert refused.status_code == 400 and "Bekræft sletningen" in refused.text
    response.refresh_from_db()
    assert response.email == "karen@example.dk"

    done = client.post(url, {"email": "karen@example.dk", "confirm": "on"}, follow=True)
    assert "1 høringssvar, 1 mail slettet." in done.text
    response.refresh_from_db()
    assert (response.name, response.email, response.text) == ("", "", "")
    assert response.state == Response.State.REJECTED
    client.logout()
    assert "Mit svar" not in client.get(hearing.get_absolute_url()).text
    other.refresh_from_db()
    assert other.text == "Oles svar"
    event = AuditEvent.objects.get(action=Action.PERSONAL_DATA, details__høringssvar=1)
    assert event.actor == finance


@pytest.mark.parametrize("who", ["politician", "editor_a"])
def test_only_finance_handles_personal_data(client, hearing, request, who):
    send(hearing)
    client_for(client, request.getfixturevalue(who))
    assert (
        client.get(reverse("hearings:personal_data"), {"email": "karen@example.dk"}).status_code
        == 403
    )
    erase = client.post(reverse("hearings:erase_personal_data"),
                        {"email": "karen@example.dk", "confirm": "on",
                         "csrfmiddlewaretoken": token_from_cookie(client)})  # fmt: skip
    assert erase.status_code == 403
    assert Response.objects.get().email == "karen@example.dk"


def test_erasure_also_removes_the_subscription_and_unsent_mail(client, hearing, finance):
    from budget_portal.models import OutboxMessage
    from budget_portal.outbox import queue_mail
    from subscriptions.models import Subscription

    send(hearing)
    Subscription.objects.create(email="karen@example.dk")
    queue_mail(["Karen@Example.dk"], "Ny høring", "Tekst")
    queue_mail(["ole@example.dk"], "Ny høring", "Tekst")
    client_for(client, finance)
    data = json.loads(
        client.get(
            reverse("hearings:personal_data"), {"email": "karen@example.dk", "format": "json"}
        ).content  # fmt: skip
    )
    assert len(data["abonnement på nye høringer"]) == 1
    # The receipt and the news mail are theirs; Ole's is not.
    assert sorted(m["emne"] for m in data["mails"]) == [
        "Kvittering: dit høringssvar til Høring om effektiviseringskatalog",
        "Ny høring",
    ]
    client.get(reverse("hearings:personal_data"), {"email": "karen@example.dk"})
    client.post(reverse("hearings:erase_personal_data"),
                {"email": "karen@example.dk", "confirm": "on"})  # fmt: skip
    assert not Subscription.objects.exists()
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert [m.to for m in unsent] == [["ole@example.dk"]]


def test_erasure_removes_every_copy_and_says_what_went(client, hearing, second_hearing, finance):
    from budget_portal.models import OutboxMessage
    from budget_portal.outbox import deliver_due, queue_mail
    from subscriptions.models import Subscription

    first = send(hearing, text="Min nabo og jeg", pdf=True)
    send(second_hearing, email="Karen@Example.dk", text="Andet svar")
    send(hearing, email="ole@example.dk", text="Oles svar", name="Ole Sørensen")
    Subscription.objects.create(email="karen@example.dk")
    deliver_due()  # the receipts are sent: the outbox keeps sent mail for 30 days
    queue_mail(["karen@example.dk", "ole@example.dk"], "Ny høring", "Til begge")
    attachment = first.attachment.name
    client_for(client, finance)
    client.get(reverse("hearings:personal_data"), {"email": "karen@example.dk"})
    done = client.post(
        reverse("hearings:erase_personal_data"),
        {"email": "karen@example.dk", "confirm": "on"},
        follow=True,
    )

    assert "2 høringssvar, 1 bilag, 3 mails, 1 abonnement slettet." in done.text
    assert not default_storage.exists(attachment)
    left = list(OutboxMessage.objects.all())
    assert all("karen" not in m.to[0].lower() for m in left) and len(left) == 2
    assert not any("Karen Hansen" in m.body or "Min nabo" in m.body for m in left)
    assert not Subscription.objects.exists()
    event = AuditEvent.objects.get(action=Action.PERSONAL_DATA, details__has_key="mails")
    assert event.details == {"høringssvar": 2, "bilag": 1, "mails": 3, "abonnementer": 1}
    assert "karen" not in json.dumps(event.details).lower() + event.target.lower()


def test_erasure_page_uses_danish_plurals(db):
    from hearings.personal_data import Erasure
    from subscriptions.personal_data import SUBSCRIPTIONS

    assert (
        str(Erasure(1, 2, 1, ((SUBSCRIPTIONS, 2),)))
        == "1 høringssvar, 2 bilag, 1 mail, 2 abonnementer slettet."
    )
    assert str(Erasure(0, 0, 2, ((SUBSCRIPTIONS, 0),))) == "2 mails slettet."
    assert str(Erasure()) == "Der var ingen oplysninger om adressen at slette."


def test_retention_removes_the_receipt_copies_of_purged_responses(hearing, second_hearing):
    from budget_portal.models import OutboxMessage
    from budget_portal.outbox import deliver_due

    send(hearing, text="Gammelt svar")
    send(second_hearing, text="Nyt svar")
    deliver_due()
    close(hearing, days_ago=366)
    close(second_hearing, days_ago=10)

    assert apply_retention() == 1

    assert [m.subject for m in OutboxMessage.objects.all()] == [
        "Kvittering: dit høringssvar til Høring om budgetforslaget"
    ]
    assert "Gammelt svar" not in OutboxMessage.objects.get().body


def test_the_nightly_job_runs_the_retention_of_hearings_audit_log_and_outbox(hearing, settings):
    """The spine's nightly job reaches each app's purge through the apps' registrations."""
    from audit.retention import write_database_retention
    from budget_portal.models import OutboxMessage
    from budget_portal.outbox import deliver_due
    from budget_portal.tasks import purge_personal_data

    settings.AUDIT_RETENTION_DAYS = 30
    write_database_retention()  # what `migrate` does after a change (PostgreSQL's triggers)
    settings.OUTBOX_RETENTION_DAYS = 30
    response = send(hearing)
    deliver_due()
    OutboxMessage.objects.update(sent_at=timezone.now() - timedelta(days=31))
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                action=Action.LOGIN, actor_name="gammel", at=timezone.now() - timedelta(days=31)
            )
        ]
    )
    close(hearing, days_ago=366)

    purge_personal_data.call()

    response.refresh_from_db()
    assert response.email == "" and response.erased_at is not None
    assert not AuditEvent.objects.filter(actor_name="gammel").exists()
    assert not OutboxMessage.objects.exists()


def test_erasure_removes_the_made_pdfs_that_quote_the_published_response(
    client, hearing, finance, settings
):
    from budget_portal.models import Publication

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    published = send(hearing, text="Mit offentlige svar")
    publish_response(published, by=finance)
    pdf = reverse("hearings:responses_pdf", args=[hearing.slug])
    assert client.get(pdf).status_code == 302
    made = Publication.objects.get(kind="hearing_responses")
    assert made.is_ready and default_storage.exists(made.file.name)

    client_for(client, finance)
    client.get(reverse("hearings:personal_data"), {"email": "karen@example.dk"})
    client.post(reverse("hearings:erase_personal_data"),
                {"email": "karen@example.dk", "confirm": "on"})  # fmt: skip

    assert not default_storage.exists(made.file.name)
    assert not Publication.objects.filter(pk=made.pk).exists()
    old = client.get(reverse("publication_file", args=[made.fingerprint]))
    assert old.status_code == 404


def test_an_erased_response_cannot_be_published_again(client, hearing, finance):
    response = send(hearing, text="Mit svar")
    publish_response(response, by=finance)
    client_for(client, finance)
    client.get(reverse("hearings:personal_data"), {"email": "karen@example.dk"})
    client.post(reverse("hearings:erase_personal_data"),
                {"email": "karen@example.dk", "confirm": "on"})  # fmt: skip
    client.get(reverse("hearings:moderation", args=[hearing.slug]))
    page = client.post(
        reverse("hearings:moderate", args=[hearing.slug, response.pk, "offentliggoer"]),
        {"confirm": "on"},
        follow=True,
    )
    assert "Afsenderens oplysninger er slettet" in page.text
    response.refresh_from_db()
    assert response.state == Response.State.REJECTED


def test_rule_an_export_is_logged_with_its_lookup_or_not_at_all(client, hearing, finance):
    from django.db import DatabaseError, connection

    send(hearing)
    client_for(client, finance)

    def refuse_the_export_row(execute, sql, params, many, context):
        if "audit_auditevent" in sql and "persondata (JSON)" in str(params):
            raise DatabaseError("the log is full")
        return execute(sql, params, many, context)

    url = reverse("hearings:personal_data")
    with connection.execute_wrapper(refuse_the_export_row), pytest.raises(DatabaseError):
        client.get(url, {"email": "karen@example.dk", "format": "json"})
    # No lookup is logged without the export it led to, and no file went out.
    assert not AuditEvent.objects.filter(action=Action.PERSONAL_DATA).exists()
    client.get(url, {"email": "karen@example.dk", "format": "json"})
    assert AuditEvent.objects.filter(action=Action.PERSONAL_DATA).count() == 1
    assert AuditEvent.objects.filter(action=Action.EXPORTED, actor=finance).count() == 1
