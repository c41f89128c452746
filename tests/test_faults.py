"""Faults: a clear Danish message, nothing lost, nothing half-written."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.urls import reverse

from audit.models import Action, AuditEvent
from budget_portal.models import OutboxMessage, Publication
from budget_portal.publications import REGISTRY
from hearings.models import Response
from proposals.models import ExcelImport, Proposal, Revision, Status
from proposals.workbook import ImportRefused, apply_import, header_for, plan_import
from tests.conftest import client_for
from tests.factories import make_card
from tests.hearings.test_responding import form_data, pdf_bytes
from tests.proposals.test_workbook import as_list, good_row, workbook


def drain(response) -> bytes:
    """Read a file response and close the file, without response.close(): that would send
    request_finished, whose handler closes the test's database connection."""
    body = b"".join(response.streaming_content)
    for close in response._resource_closers:
        close()
    return body


def stored_files(folder: str) -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / folder
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


# --- the database connection drops during a hearing submission --------------------------------


def test_a_dropped_connection_leaves_no_half_response_and_a_retry_stores_one(
    client, hearing, monkeypatch
):
    data = form_data(client, hearing)
    data["attachment"] = SimpleUploadedFile("svar.pdf", pdf_bytes())

    def connection_lost(response, body):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr("hearings.services.queue_receipt", connection_lost)
    client.raise_request_exception = False
    failed = client.post(hearing.get_absolute_url(), data)
    assert failed.status_code == 500
    assert "Der skete en fejl" in failed.text
    assert failed["X-Request-ID"] in failed.text  # the fejl-id a user can quote
    assert not Response.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert stored_files("hearing-attachments") == []

    monkeypatch.undo()
    data["attachment"] = SimpleUploadedFile("svar.pdf", pdf_bytes())
    retry = client.post(hearing.get_absolute_url(), data)
    assert retry.status_code == 302
    data["attachment"] = SimpleUploadedFile("svar.pdf", pdf_bytes())
    again = client.post(hearing.get_absolute_url(), data)  # the user presses once more
    assert again.status_code == 302
    assert Response.objects.count() == 1
    assert len(stored_files("hearing-attachments")) == 1


# --- the mail server is down -------------------------------------------------------------------


def test_with_the_mail_server_down_the_response_is_kept_and_the_receipt_sent_later(
    client, hearing, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.mail_backends.DownBackend"
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(hearing.get_absolute_url(), form_data(client, hearing), follow=True)
    assert "som svar nr. 1" in answer.text
    assert Response.objects.count() == 1
    waiting = OutboxMessage.objects.get()
    assert waiting.sent_at is None and "SMTPServerDisconnected" in waiting.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxMessage.objects.update(next_attempt_at=waiting.created_at)
    call_command("send_outbox")
    assert [m.to for m in mail.outbox] == [["karen@example.dk"]]


# --- a PDF render fails or runs too long -------------------------------------------------------


@pytest.fixture
def published_catalog(client, finance, department_a, committee, cycle):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED)  # fmt: skip
    first = client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]), follow=True)
    assert first["Content-Type"] == "application/pdf"
    drain(first)
    # The data changes, so the next request needs a new render.
    make_card(by=finance, department=department_a, committee=committee, number="T102",
              status=Status.RELEASED)  # fmt: skip
    return Publication.objects.get(state=Publication.State.DONE)


def break_catalog(monkeypatch, render):
    monkeypatch.setitem(REGISTRY, "catalog", dataclasses.replace(REGISTRY["catalog"],
                                                                  render=render))  # fmt: skip


def test_a_failed_render_keeps_the_previous_pdf_and_finance_sees_why(
    client, published_catalog, cycle, finance, monkeypatch
):
    def broken(cycle, params, progress):
        raise RuntimeError("skrifttypen mangler")

    break_catalog(monkeypatch, broken)
    status = client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]), follow=True)
    failed = Publication.objects.get(state=Publication.State.FAILED)
    assert "PDF'en kunne ikke laves" in status.text
    assert "skrifttypen mangler" not in status.text  # the public is not told internals
    previous = reverse("publication_file", args=[published_catalog.fingerprint])
    assert previous in status.text
    download = client.get(previous)
    assert download["Content-Type"] == "application/pdf"
    drain(download)
    client_for(client, finance)
    page = client.get(reverse("publication_status", args=[failed.fingerprint]))
    assert "Årsag: RuntimeError: skrifttypen mangler" in page.text


def test_a_render_past_its_time_limit_is_stopped_and_marked_failed(
    client, published_catalog, cycle, settings, monkeypatch
):
    settings.PUBLICATION_TIME_LIMIT = 1

    def endless(cycle, params, progress):
        time.sleep(30)

    break_catalog(monkeypatch, endless)
    started = time.monotonic()
    client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]))
    assert time.monotonic() - started < 10
    failed = Publication.objects.get(state=Publication.State.FAILED)
    assert failed.error == "Tidsgrænsen på 1 sekunder blev overskredet."
    assert published_catalog.file.storage.exists(published_catalog.file.name)


# --- an import fails at row 3,000 of 5,000 -----------------------------------------------------


@pytest.fixture
def five_thousand_rows(finance, department_a, department_b, committee, committee_b, cycle):
    rows = [as_list(cycle, good_row(f"T{n:04d}")) for n in range(1, 5001)]
    header = header_for(cycle)
    return plan_import(cycle, workbook(header, rows), user=finance)


def test_an_import_of_5000_rows_failing_mid_write_writes_nothing(five_thousand_rows, finance):
    """The connection drops after the cards and their years are in, while the revisions are
    written: the whole import rolls back, with a Danish message."""
    from django.db import connection

    plan = five_thousand_rows
    assert plan.ok and len(plan.rows) == 5000

    def drop_at_the_revisions(execute, sql, params, many, context):
        if sql.startswith('INSERT INTO "proposals_revision"'):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(drop_at_the_revisions), pytest.raises(ImportRefused) as refused:
        apply_import(plan, by=finance)
    assert str(refused.value).startswith("Databasen svarede ikke.")
    assert "Intet er gemt" in str(refused.value)
    assert Proposal.objects.count() == 0
    assert Revision.objects.count() == 0
    assert not AuditEvent.objects.filter(action=Action.IMPORTED).exists()


def test_a_card_created_by_someone_else_during_the_import_is_named_and_nothing_saved(
    client, finance, department_a, committee, cycle, department_b, committee_b, monkeypatch
):
    header = header_for(cycle)
    data = workbook(header, [as_list(cycle, good_row(n)) for n in ("T110", "T111", "T112")])
    client_for(client, finance)
    client.get(reverse("proposals:excel", args=[cycle.slug]))
    upload = client.post(reverse("proposals:excel", args=[cycle.slug]),
                         {"file": SimpleUploadedFile("forslag.xlsx", data)})  # fmt: skip
    preview = upload["Location"]
    from proposals import workbook as module

    real = module.write_cards

    def raced(cycle, cards, *, by):
        # Another user saves T111 while the import is on its way (after it was planned).
        make_card(by=finance, department=department_a, committee=committee, number="T111")
        return real(cycle, cards, by=by)

    monkeypatch.setattr(module, "write_cards", raced)
    record = ExcelImport.objects.get()
    client.get(preview)
    answer = client.post(reverse("proposals:excel_apply", args=[cycle.slug, record.pk]),
                         follow=True)  # fmt: skip
    assert answer.redirect_chain[-1][0] == preview
    assert "Række 3 (T111): kortet er oprettet af en anden efter forhåndsvisningen." in answer.text
    assert not Proposal.objects.exists()  # T111 too: it was made inside the import's transaction
    record.refresh_from_db()
    assert record.applied_at is None
