"""The høringsnotat: finance writes a resumé and a bemærkning per response and per card,
names only senders who consented, and downloads it as PDF; nobody else reads or writes it."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hearings.models import NoteRemark, Response, draft_summary
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.hearings.test_moderation import respond

LONG_TEXT = (
    "Svømmehallen er det eneste sted i kommunen, hvor skolebørn kan lære at svømme. "
    "Lukningen rammer også foreningerne, de ældre og de handicappede, som bruger "
    "varmtvandsbassinet hver uge. Vi foreslår i stedet at hæve billetprisen en smule og at "
    "samarbejde med nabokommunen om driften. Vi har regnet på det og vedlægger vores "
    "beregninger. Med venlig hilsen bestyrelsen."
)


def note_url(hearing, **query) -> str:
    url = reverse("hearings:note", args=[hearing.slug])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def pdf_text(client, hearing) -> str:
    pdf = client.get(reverse("hearings:note_pdf", args=[hearing.slug]), follow=True)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    return "\n".join(p.extract_text() for p in reader.pages)


def test_summary_draft_is_the_start_of_the_text_cut_at_a_word():
    draft = draft_summary(LONG_TEXT)
    assert len(LONG_TEXT) > 300
    assert draft.endswith(" …")
    body = draft.removesuffix(" …")
    assert len(body) <= 300
    assert LONG_TEXT.startswith(body)
    assert LONG_TEXT[len(body)] in " ,."  # the cut falls between words
    assert draft_summary("Kort svar.") == "Kort svar."
    assert draft_summary("Mit CPR er 010203-1234.") == "Mit CPR er XXXXXX-XXXX."


def test_finance_writes_resume_and_remark_per_response_without_javascript(client, hearing, finance):
    card = hearing.cards.get()
    response = respond(hearing, LONG_TEXT, cards=[card], org="Svømmeklubben Delfinen")
    client_for(client, finance)
    page = client.get(note_url(hearing)).content.decode()
    assert "R101 Lukning af svømmehal" in page
    assert "Svar nr. 1 fra Svømmeklubben Delfinen" in page
    assert draft_summary(LONG_TEXT) in page  # the draft shows until finance writes one

    editor = client.get(note_url(hearing, svar=response.pk, gruppe="R101"))
    form = editor.context["response_form"]
    assert form["summary"].value() == draft_summary(LONG_TEXT)
    assert f'action="{reverse("hearings:note_response", args=[hearing.slug, response.pk])}"' in (
        editor.content.decode()
    )

    saved = client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {
            "gruppe": "R101",
            "summary": "Klubben vil bevare hallen og\r\nhæve billetprisen.",
            "remark": "Forvaltningen har vurderet forslaget om højere billetpris.",
        },
    )
    assert saved.status_code == 302
    assert saved["Location"].endswith(f"#note-R101-{response.pk}")
    response.refresh_from_db()
    # (Line endings are the forms' concern: CRLF as posted or LF once normalised.)
    assert (
        response.summary.replace("\r\n", "\n") == "Klubben vil bevare hallen og\nhæve billetprisen."
    )
    assert response.remark == "Forvaltningen har vurderet forslaget om højere billetpris."
    page = client.get(saved["Location"]).content.decode()
    assert "hæve billetprisen." in page
    assert "Forvaltningen har vurderet forslaget om højere billetpris." in page
    assert "Høringsnotatet er gemt." in page


def test_an_untouched_draft_is_not_stored_so_it_follows_the_redaction(client, hearing, finance):
    response = respond(hearing, "Bevar hallen.")
    client_for(client, finance)
    client.get(note_url(hearing, svar=response.pk, gruppe="generelt"))
    client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {"gruppe": "generelt", "summary": "Bevar hallen.", "remark": ""},
    )
    response.refresh_from_db()
    assert response.summary == ""
    assert response.note_summary == "Bevar hallen."


def test_finance_writes_one_remark_to_all_responses_about_a_card(client, hearing, finance):
    card = hearing.cards.get()
    respond(hearing, "Bevar hallen.", cards=[card])
    respond(hearing, "Luk hallen.", cards=[card])
    respond(hearing, "Om budgettet generelt.")
    client_for(client, finance)
    editor = client.get(note_url(hearing, bemaerkning="R101"))
    assert "remark_form" in editor.context
    url = reverse("hearings:note_remark", args=[hearing.slug, "R101"])
    assert client.post(url, {"text": "To svar om hallen; se indstillingen."}).status_code == 302
    client.get(note_url(hearing, bemaerkning="generelt"))
    general = reverse("hearings:note_remark", args=[hearing.slug, "generelt"])
    client.post(general, {"text": "Generelle svar videresendes."})
    client.get(note_url(hearing, bemaerkning="R101"))
    client.post(url, {"text": "To svar om hallen."})  # a second save changes the one remark

    assert NoteRemark.objects.get(card=card).text == "To svar om hallen."
    assert NoteRemark.objects.get(card=None).text == "Generelle svar videresendes."
    assert NoteRemark.objects.count() == 2
    groups = client.get(note_url(hearing)).context["groups"]
    assert [(g.key, g.remark) for g in groups] == [
        ("R101", "To svar om hallen."),
        ("generelt", "Generelle svar videresendes."),
    ]


def test_a_card_not_in_the_hearing_has_no_group(client, hearing, finance):
    client_for(client, finance)
    client.get(note_url(hearing))
    url = reverse("hearings:note_remark", args=[hearing.slug, "X999"])
    assert scripted_post(client, url, {"text": "x"}).status_code == 404  # a crafted address
    assert client.get(note_url(hearing, bemaerkning="X999")).status_code == 404
    assert not NoteRemark.objects.exists()


def test_with_htmx_the_editor_and_the_saved_note_come_as_the_note_fragment(
    client, hearing, finance
):
    response = respond(hearing, "Bevar hallen.")
    client_for(client, finance)
    client.get(note_url(hearing))
    htmx = {"HX-Request": "true"}
    editor = client.get(note_url(hearing, svar=response.pk, gruppe="generelt"), headers=htmx)
    html = editor.content.decode()
    assert html.lstrip().startswith('<div id="note">')
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'hx-target="#note"' in html
    saved = client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {"gruppe": "generelt", "summary": "Vil bevare hallen.", "remark": "Noteret."},
        headers=htmx,
    )
    html = saved.content.decode()
    assert saved.status_code == 200
    assert html.lstrip().startswith('<div id="note">')
    assert "Vil bevare hallen." in html
    assert "Noteret." in html
    assert "<html" not in html


def test_overlong_remark_gets_a_danish_message_at_the_field_and_nothing_is_saved(
    client, hearing, finance
):
    response = respond(hearing)
    client_for(client, finance)
    client.get(note_url(hearing, svar=response.pk, gruppe="generelt"))
    page = client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {"gruppe": "generelt", "summary": "Kort.", "remark": "x" * 20_001},
    )
    assert page.status_code == 200
    assert "højst have 20000 tegn" in page.content.decode()
    response.refresh_from_db()
    assert (response.summary, response.remark) == ("", "")


def test_note_names_only_senders_who_consented_on_the_page_and_in_the_pdf(client, hearing, finance):
    respond(hearing, "Et åbent svar.", name="Ole Åbensen", consent=True)
    respond(hearing, "Et lukket svar.", name="Hemmelig Hansen", consent=False)
    respond(hearing, "Foreningens svar.", name="Lise", org="Delfinerne", consent=True)
    respond(hearing, "Et lukket foreningssvar.", name="Bo", org="Skjult Forening", consent=False)
    rejected = respond(hearing, "Spam.", name="Afvist Andersen")
    Response.objects.filter(pk=rejected.pk).update(state=Response.State.REJECTED)
    client_for(client, finance)
    page = client.get(note_url(hearing)).content.decode()
    text = pdf_text(client, hearing)
    for shown in (page, text):
        assert "Svar nr. 1 fra Ole Åbensen" in shown
        assert "Svar nr. 2 fra Privatperson" in shown
        assert "Svar nr. 3 fra Delfinerne" in shown
        assert "Svar nr. 4 fra Organisation" in shown
        for hidden in ("Hemmelig Hansen", "Skjult Forening", "karen@example.dk", "Afvist Andersen"):
            assert hidden not in shown, hidden


def test_note_pdf_has_the_resume_and_the_remarks(client, hearing, finance):
    card = hearing.cards.get()
    response = respond(hearing, "Bevar hallen, og CPR 010203-1234.", cards=[card])
    client_for(client, finance)
    client.get(note_url(hearing, svar=response.pk, gruppe="R101"))
    client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {"gruppe": "R101", "summary": "Afsenderen vil bevare hallen.", "remark": "Se kortet."},
    )
    client.get(note_url(hearing, bemaerkning="R101"))
    client.post(
        reverse("hearings:note_remark", args=[hearing.slug, "R101"]), {"text": "Samlet vurdering."}
    )
    text = pdf_text(client, hearing)
    assert "Høringsnotat: Høring om effektiviseringskatalog" in " ".join(text.split())
    assert "R101 Lukning af svømmehal" in text
    assert "Afsenderen vil bevare hallen." in text
    assert "Se kortet." in text
    assert "Samlet vurdering." in text
    assert "010203-1234" not in text
    assert "Ret resumé" not in text  # no editing links in print


@pytest.mark.parametrize("who", [None, "editor_a", "politician"])
def test_only_finance_reads_or_writes_the_note(client, hearing, finance, request, who):
    response = respond(hearing)
    # Finance's PDF: its address must not open for anyone else either.
    client_for(client, finance)
    pdf_url = client.get(reverse("hearings:note_pdf", args=[hearing.slug]))["Location"]
    client.logout()
    if who:
        client_for(client, request.getfixturevalue(who))
    htmx = {"HX-Request": "true"}
    reads = [
        note_url(hearing),
        note_url(hearing, svar=response.pk, gruppe="generelt"),
        note_url(hearing, bemaerkning="generelt"),
        reverse("hearings:note_pdf", args=[hearing.slug]),
    ]
    for url in reads:
        assert client.get(url).status_code in (302, 403), url
        assert client.get(url, headers=htmx).status_code in (302, 403), url
    assert client.get(pdf_url).status_code in (302, 403, 404)
    writes = [
        (
            reverse("hearings:note_response", args=[hearing.slug, response.pk]),
            {"gruppe": "generelt", "summary": "x", "remark": "y"},
        ),
        (reverse("hearings:note_remark", args=[hearing.slug, "generelt"]), {"text": "z"}),
    ]
    for url, data in writes:
        assert client.post(url, data).status_code in (302, 403), url
        assert client.post(url, data, headers=htmx).status_code in (302, 403), url
    response.refresh_from_db()
    assert (response.summary, response.remark) == ("", "")
    assert not NoteRemark.objects.exists()


def test_erasing_a_sender_also_erases_the_resume(client, hearing, finance):
    from hearings.personal_data import erase_for

    response = respond(hearing, "Mit navn er Karen.", consent=False)
    Response.objects.filter(pk=response.pk).update(summary="Karen vil bevare hallen.")
    erase_for("karen@example.dk", by=finance)
    response.refresh_from_db()
    assert response.summary == ""


def test_a_refused_save_reopens_the_editor_even_from_a_tampered_group(client, hearing, finance):
    card = hearing.cards.get()
    response = respond(hearing, cards=[card])
    client_for(client, finance)
    client.get(note_url(hearing, svar=response.pk, gruppe="R101"))
    page = client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {"gruppe": "\r\nX-Evil: 1", "summary": "x" * 20_001, "remark": ""},
    )
    assert page.status_code == 200
    assert page.context["edit_group"] == "R101"
    assert "højst have 20000 tegn" in page.content.decode()


def test_the_excel_export_carries_resume_and_remark(client, hearing, finance):
    import openpyxl

    response = respond(hearing, "Bevar hallen.")
    client_for(client, finance)
    client.get(note_url(hearing, svar=response.pk, gruppe="generelt"))
    client.post(
        reverse("hearings:note_response", args=[hearing.slug, response.pk]),
        {"gruppe": "generelt", "summary": "Bevar hallen.", "remark": "Noteret."},
    )
    xlsx = client.get(reverse("hearings:responses_xlsx", args=[hearing.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[0][-2:] == ("Resumé", "Administrationens bemærkning")
    assert rows[1][-2:] == ("Bevar hallen.", "Noteret.")


def test_a_request_for_access_includes_the_note_and_the_file_name(hearing):
    from hearings.personal_data import export_for

    response = respond(hearing)
    Response.objects.filter(pk=response.pk).update(
        summary="Karen vil bevare hallen.", remark="Noteret.", attachment_name="karen.pdf"
    )
    (entry,) = export_for("karen@example.dk")["høringssvar"]
    assert entry["resumé i høringsnotatet"] == "Karen vil bevare hallen."
    assert entry["administrationens bemærkning"] == "Noteret."
    assert entry["bilagets filnavn"] == "karen.pdf"
