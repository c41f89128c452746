"""Uploaded files: random names outside the static files, served only through views that
check permission, always as downloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from letters.models import CoverLetter, LetterAttachment, LetterStatus
from tests.conftest import client_for
from tests.factories import DepartmentFactory
from tests.hearings.test_moderation import respond
from tests.hearings.test_responding import pdf_bytes


def assert_download(response, filename_part: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert filename_part in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.fixture
def letters(cycle, department_a, department_b, committee):
    def letter(department, status, title):
        made = CoverLetter.objects.create(cycle=cycle, department=department, heading=title,
                                          status=status)  # fmt: skip
        enclosed = LetterAttachment.objects.create(
            letter=made, title=f"Bilag til {title}",
            file=SimpleUploadedFile("min fil <1>.pdf", pdf_bytes()),
        )  # fmt: skip
        return made, enclosed

    return {
        "released": letter(department_b, LetterStatus.RELEASED, "Frigivet"),
        "draft": letter(department_a, LetterStatus.DRAFT, "Kladde"),
        "other": letter(
            DepartmentFactory(cycle=cycle, name="Teknik", committee=committee, editors=[]),
            LetterStatus.DRAFT,
            "Andet",
        ),
    }


def url(letter, attachment) -> str:
    return reverse("letters:attachment", args=[letter.cycle.slug, letter.pk, attachment.pk])


def test_files_get_random_names_in_media_never_under_static(letters, hearing):
    _, enclosed = letters["released"]
    response = respond(hearing, attachment=SimpleUploadedFile("cpr 010203-1234.pdf", pdf_bytes()))
    for stored in (enclosed.file, response.attachment):
        assert "min fil" not in stored.name and "010203" not in stored.name
        assert Path(stored.path).is_relative_to(settings.MEDIA_ROOT)
        assert not Path(stored.path).is_relative_to(settings.STATIC_ROOT)


def test_media_is_not_served_directly(client, letters):
    _, enclosed = letters["released"]
    assert client.get(settings.MEDIA_URL + enclosed.file.name).status_code == 404


def test_a_released_letters_attachment_is_a_public_download(client, letters):
    letter, enclosed = letters["released"]
    assert_download(client.get(url(letter, enclosed)), "bilag-til-frigivet.pdf")
    page = client.get(letter.get_absolute_url())
    assert url(letter, enclosed) in page.text


def test_draft_attachments_only_for_the_departments_writers(client, letters, editor_a, editor_b):
    letter, enclosed = letters["draft"]
    assert client.get(url(letter, enclosed)).status_code == 404
    client_for(client, editor_b)
    assert client.get(url(letter, enclosed)).status_code == 404
    client_for(client, editor_a)
    response = client.get(url(letter, enclosed))
    assert_download(response, "bilag-til-kladde.pdf")
    assert "no-store" in response["Cache-Control"]


def test_another_letters_attachment_id_is_not_found_through_a_readable_letter(client, letters):
    released, _ = letters["released"]
    _, foreign = letters["other"]
    assert client.get(url(released, foreign)).status_code == 404


def test_hearing_attachment_only_for_finance_as_a_download(client, hearing, finance, editor_a):
    response = respond(hearing, attachment=SimpleUploadedFile("a.pdf", pdf_bytes()))
    link = reverse("hearings:attachment", args=[hearing.slug, response.pk])
    assert client.get(link).status_code == 302
    client_for(client, editor_a)
    assert client.get(link).status_code == 403
    client_for(client, finance)
    assert_download(client.get(link), "hoeringssvar-1.pdf")
