"""Saving an upload's import: the cards and the upload's "done" in one transaction."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.urls import reverse

from proposals.models import ExcelImport, Proposal, Revision
from proposals.services import revise_proposal
from proposals.workbook import AlreadyApplied, apply_upload, plan_upload
from tests.conftest import client_for
from tests.factories import make_card
from tests.proposals.test_workbook import as_list, good_row, header_for, workbook


@pytest.fixture
def upload(client, finance, department_a, department_b, committee, committee_b, cycle):
    """T101 exists; the uploaded file makes T110 and changes T101's title."""
    make_card(by=finance, department=department_a, committee=committee, number="T101")
    rows = [as_list(cycle, good_row("T110")), as_list(cycle, good_row("T101", Titel="Fra Excel"))]
    client_for(client, finance)
    url = reverse("proposals:excel", args=[cycle.slug])
    client.get(url)
    data = workbook(header_for(cycle), rows)
    client.post(url, {"file": SimpleUploadedFile("forslag.xlsx", data)})
    return ExcelImport.objects.get()


def save(client, record):
    """Open the preview and press "Gem importen"."""
    client.get(reverse("proposals:excel_preview", args=[record.cycle.slug, record.pk]))
    url = reverse("proposals:excel_apply", args=[record.cycle.slug, record.pk])
    return client.post(url, follow=True)


def test_a_row_failing_at_apply_time_writes_no_card_and_leaves_the_upload_to_do(
    client, upload, finance, monkeypatch
):
    from proposals import workbook as module

    real = module.write_cards

    def raced(cycle, cards, *, by):  # someone saves T101 in the portal meanwhile
        card = Proposal.objects.get(number="T101")
        revise_proposal(card, by=finance, fields={"title": "Fra portalen"},
                        years={}, based_on_version=card.version)  # fmt: skip
        return real(cycle, cards, by=by)

    monkeypatch.setattr(module, "write_cards", raced)
    answer = save(client, upload)
    assert "Række 3 (T101): kortet er ændret af en anden efter forhåndsvisningen." in answer.text
    assert not Proposal.objects.filter(number="T110").exists()
    upload.refresh_from_db()
    assert (upload.applied_at, upload.summary) == (None, "")
    monkeypatch.setattr(module, "write_cards", real)
    again = save(client, upload)  # not marked done: it can be saved once the race is over
    assert "Importen er gemt: 1 forslag oprettet, 1 opdateret." in again.text
    assert Proposal.objects.get(number="T101").title == "Fra Excel"


def test_when_marking_the_upload_done_fails_no_card_is_written(client, upload):
    def refuse_the_mark(execute, sql, params, many, context):
        if sql.startswith('UPDATE "proposals_excelimport"'):
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    revisions = Revision.objects.count()
    with connection.execute_wrapper(refuse_the_mark):
        answer = save(client, upload)
    assert "Databasen svarede ikke. Intet er gemt" in answer.text
    assert not Proposal.objects.filter(number="T110").exists()
    assert Proposal.objects.get(number="T101").version == 1
    assert Revision.objects.count() == revisions
    upload.refresh_from_db()
    assert upload.applied_at is None


def test_an_upload_is_imported_once(client, upload, finance):
    plan = plan_upload(upload, user=finance)
    first = save(client, upload)
    assert "Importen er gemt: 1 forslag oprettet, 1 opdateret." in first.text
    upload.refresh_from_db()
    assert upload.applied_at is not None and upload.summary == "1 oprettet, 1 opdateret"
    stale = ExcelImport.objects.get(pk=upload.pk)
    stale.applied_at = None  # a second request that read the upload before the first saved
    with pytest.raises(AlreadyApplied):
        apply_upload(stale, plan, by=finance)
    assert Proposal.objects.get(number="T101").version == 2
    assert Proposal.objects.filter(number="T110").count() == 1
