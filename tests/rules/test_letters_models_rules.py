"""Rules of where a cover letter's uploaded attachment is kept: in the letters' own folder,
under a name nobody can guess, still a PDF by its suffix."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from letters.models import CoverLetter, LetterAttachment
from tests.hearings.test_responding import pdf_bytes

pytestmark = pytest.mark.django_db


def test_rule_a_letter_attachment_is_stored_in_the_letters_folder_as_a_pdf_named_at_random(
    cycle, department_a
):
    letter = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="A")
    attachment = LetterAttachment.objects.create(
        letter=letter,
        title="Budgetredegørelse",
        file=SimpleUploadedFile("Budgetredegørelse CPR 010203-1234.PDF", pdf_bytes()),
    )
    stored = LetterAttachment.objects.get(pk=attachment.pk).file
    assert re.fullmatch(r"letter-attachments/[0-9a-f]{32}\.pdf", stored.name), stored.name
    with stored.open("rb") as f:
        assert f.read().startswith(b"%PDF-")
