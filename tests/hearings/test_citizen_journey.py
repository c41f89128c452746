"""The citizen's way through a hearing: from the card to the form, a warning before a CPR
number is sent, and a receipt (page and mail) that says what arrived without repeating it."""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from hearings.models import Response
from tests.hearings.test_responding import form_data, pdf_bytes

CPR_WARNING = "Teksten ser ud til at indeholde et CPR-nummer"


def test_receipt_page_and_mail_name_the_attachment_and_the_cards(
    client, hearing, django_capture_on_commit_callbacks
):
    card = hearing.cards.get()
    upload = SimpleUploadedFile(
        "Svar fra Grundejerforeningen.pdf", pdf_bytes(), content_type="application/pdf"
    )
    data = form_data(client, hearing, attachment=upload, cards=[card.pk])
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(hearing.get_absolute_url(), data)
    assert Response.objects.get().attachment_name == "Svar fra Grundejerforeningen.pdf"
    page = client.get(sent["Location"]).content.decode()
    assert "Svar fra Grundejerforeningen.pdf" in page
    assert "R101 Lukning af svømmehal" in page
    body = mail.outbox[0].body
    assert "Svar fra Grundejerforeningen.pdf" in body
    assert "R101 Lukning af svømmehal" in body


def test_receipt_without_cards_or_file_says_so(client, hearing, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(hearing.get_absolute_url(), form_data(client, hearing))
    page = client.get(sent["Location"]).content.decode()
    assert "Ingen valgt (svaret handler om budgettet generelt)" in page
    assert "Vedhæftet fil:" in mail.outbox[0].body
    assert "ingen valgt (budgettet generelt)" in mail.outbox[0].body


def test_a_cpr_number_gets_a_warning_first_and_can_then_be_sent_anyway(client, hearing):
    text = "Jeg er født 010203-1234 og bruger hallen hver dag."
    first = client.post(hearing.get_absolute_url(), form_data(client, hearing, text=text))
    html = first.content.decode()
    assert first.status_code == 200
    assert CPR_WARNING in first.context["form"].errors["text"][0]
    assert CPR_WARNING in html
    assert 'name="send_anyway"' in html
    assert "Send alligevel" in html
    assert not Response.objects.exists()

    # The page with the warning holds the form (and its key); the sender ticks the box.
    again = form_data(client, hearing, text=text)
    again["submission_key"] = first.context["form"]["submission_key"].value()
    again["send_anyway"] = "on"
    sent = client.post(hearing.get_absolute_url(), again)
    assert sent.status_code == 302
    assert Response.objects.get().text == text


def test_ten_digits_with_a_valid_date_warn_too_and_other_numbers_do_not(client, hearing):
    warned = client.post(
        hearing.get_absolute_url(), form_data(client, hearing, text="Mit nummer: 0102031234.")
    )
    assert warned.status_code == 200
    assert CPR_WARNING in warned.content.decode()
    sent = client.post(
        hearing.get_absolute_url(),
        form_data(client, hearing, text="Besparelsen er 1.250.000 kr., ring 12345678."),
    )
    assert sent.status_code == 302


def test_with_htmx_the_warning_comes_when_the_text_field_changes(client, hearing):
    page = client.get(hearing.get_absolute_url()).content.decode()
    check = reverse("hearings:check_text", args=[hearing.slug])
    assert f'hx-post="{check}"' in page
    assert 'id="cpr-warning"' in page
    htmx = {"HX-Request": "true"}
    warned = client.post(check, {"text": "CPR 010203-1234"}, headers=htmx).content.decode()
    assert warned.lstrip().startswith('<div id="cpr-warning"')
    assert CPR_WARNING in warned
    assert 'name="send_anyway"' in warned
    calm = client.post(check, {"text": "Bevar hallen."}, headers=htmx).content.decode()
    assert CPR_WARNING not in calm
    assert "send_anyway" not in calm


def test_receipt_mail_and_page_never_repeat_a_cpr_number(
    client, hearing, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("cpr 010203-1234.pdf", pdf_bytes(), content_type="application/pdf")
    text = "Mit CPR-nummer er 010203-1234."
    data = form_data(client, hearing, text=text, send_anyway="on", attachment=upload)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(hearing.get_absolute_url(), data)
    assert Response.objects.get().text == text  # finance still gets what was sent
    body = mail.outbox[0].body
    assert "010203-1234" not in body
    assert "Mit CPR-nummer er XXXXXX-XXXX." in body
    assert "cpr XXXXXX-XXXX.pdf" in body
    page = client.get(sent["Location"]).content.decode()
    assert "010203-1234" not in page
    assert "XXXXXX-XXXX" in page


def test_a_card_under_an_open_hearing_links_to_the_form_with_the_card_ticked(client, hearing):
    card = hearing.cards.get()
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Send et høringssvar om dette forslag" in page
    link = f"{hearing.get_absolute_url()}?forslag=R101#svar-formular"
    assert f'href="{link}"' in page
    form_page = client.get(f"{hearing.get_absolute_url()}?forslag=R101")
    assert form_page.context["form"]["cards"].value() == [card.pk]
    assert f'value="{card.pk}" class="form-checkbox" id="id_cards_0" checked' in (
        form_page.content.decode()
    )


def test_a_card_under_a_closed_hearing_has_no_response_link(client, hearing):
    hearing.opens_at = timezone.now() - timedelta(days=10)
    hearing.closes_at = timezone.now() - timedelta(days=1)
    hearing.save()
    page = client.get(hearing.cards.get().get_absolute_url()).content.decode()
    assert "Send et høringssvar om dette forslag" not in page
