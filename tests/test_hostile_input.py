"""Hostile text in every free-text field: it comes out as text in HTML, PDF, Excel and mail,
and NUL bytes or overlong input are refused with a Danish message, nothing stored."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from hearings.models import Response
from politics.models import Comment, Question, Scenario
from proposals.models import Proposal, Status
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import make_card
from tests.hearings.test_responding import form_data
from tests.proposals.test_publications import fetch_pdf, text_of

PAYLOADS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "[klik her](javascript:alert(1))",
    '<a href="javascript:alert(1)">link</a>',
    '<iframe src="https://ondt.example"></iframe>',
    '=HYPERLINK("https://ondt.example","klik")',
    "{{ settings.SECRET_KEY }} {% debug %}",
]
HOSTILE = "\n\n".join(PAYLOADS)


class ActiveContent(HTMLParser):
    """Everything in a page that a browser would run or follow to script."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_chart = 0

    def handle_starttag(self, tag, attrs):
        # The portal's own charts are inline SVG inside <figure class="chart">
        # (budget_portal/charts.py): an <svg> there is ours, and still may carry no script,
        # handler or javascript: link; anywhere else it came from someone's input.
        if tag == "figure" and "chart" in (dict(attrs).get("class") or "").split():
            self.in_chart += 1
        ours = (tag == "script" and dict(attrs).get("src", "").startswith("/static/")) or (
            tag == "svg" and self.in_chart
        )
        if tag in ("script", "iframe", "svg", "object", "embed", "foreignobject") and not ours:
            self.found.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag):
        if tag == "figure" and self.in_chart:
            self.in_chart -= 1


def assert_inert(html: str) -> None:
    parser = ActiveContent()
    parser.feed(html)
    assert not parser.found, parser.found
    assert "SECRET_KEY" not in html or "{{ settings.SECRET_KEY }}" in html.replace("&#x27;", "'")


@pytest.fixture
def hostile_card(finance, department_a, committee):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED, title=PAYLOADS[0] + " " + PAYLOADS[1])  # fmt: skip
    Proposal.objects.filter(pk=card.pk).update(background=HOSTILE, consequences=HOSTILE)
    return card


def test_card_texts_are_inert_on_the_page_and_in_the_list(client, hostile_card):
    page = client.get(hostile_card.get_absolute_url())
    assert_inert(page.text)
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page.text
    assert_inert(client.get(reverse("proposals:list", args=[hostile_card.cycle.slug])).text)


def test_card_texts_are_plain_text_in_the_pdf(client, hostile_card):
    reader, _ = fetch_pdf(client, reverse("proposals:card_pdf", args=[hostile_card.cycle.slug,
                                                                      "T101"]))  # fmt: skip
    text = text_of(reader)
    assert "alert('xss')" in text and "<script>" in text
    raw = b"".join(page.get_contents().get_data() for page in reader.pages)
    assert b"/JavaScript" not in raw and b"javascript:" not in raw.lower()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            uri = str(annotation.get_object().get("/A", {}).get("/URI", ""))
            assert not uri.lower().startswith("javascript:"), uri


def test_card_texts_are_text_cells_in_excel(client, hostile_card):
    export = client.get(reverse("proposals:excel_export", args=[hostile_card.cycle.slug]))
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any("alert('xss')" in c.value for c in cells)


def test_hearing_response_is_inert_on_the_page_in_moderation_and_in_the_receipt(
    client, hearing, finance, django_capture_on_commit_callbacks
):
    data = form_data(client, hearing, name=PAYLOADS[1], organisation=PAYLOADS[2], text=HOSTILE)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(hearing.get_absolute_url(), data).status_code == 302
    receipt = mail.outbox[0]
    assert receipt.content_subtype == "plain" and not getattr(receipt, "alternatives", None)
    response = Response.objects.get()
    client_for(client, finance)
    assert_inert(client.get(reverse("hearings:moderation", args=[hearing.slug])).text)
    scripted_post(
        client, reverse("hearings:moderate", args=[hearing.slug, response.pk, "offentliggoer"])
    )
    client.logout()
    assert_inert(client.get(hearing.get_absolute_url()).text)
    assert_inert(client.get(hearing.cards.get().get_absolute_url()).text)


def test_comments_and_questions_are_inert(client, seed_cards, politician_a, cycle):
    card = seed_cards["T101"]
    client_for(client, politician_a)
    scripted_post(client, reverse("politics:comment_add", args=[card.pk]), {"text": HOSTILE})
    scripted_post(client, reverse("politics:questions", args=[cycle.slug]), {"text": HOSTILE})
    assert Comment.objects.count() == 1 and Question.objects.count() == 1
    assert_inert(client.get(card.get_absolute_url()).text)
    assert_inert(client.get(Question.objects.get().get_absolute_url()).text)


# --- NUL bytes and overlong input --------------------------------------------------------------

NUL = "Bevar\x00svømmehallen"


def test_hearing_response_with_a_nul_byte_is_refused_at_the_field(client, hearing):
    page = client.post(hearing.get_absolute_url(), form_data(client, hearing, text=NUL))
    assert page.status_code == 200
    assert "Null-tegn er ikke tilladte" in page.text
    assert not Response.objects.exists()


def test_overlong_hearing_response_is_refused_with_the_limit(client, hearing):
    page = client.post(hearing.get_absolute_url(), form_data(client, hearing, text="x" * 60_001))
    assert page.status_code == 200
    assert "højst have 20000 tegn (den har 60001)" in page.text
    assert not Response.objects.exists()


def test_card_with_a_nul_byte_or_overlong_title_is_refused(client, finance, hostile_card):
    client_for(client, finance)
    version = hostile_card.version
    url = reverse("proposals:edit", args=[hostile_card.cycle.slug, "T101"])
    form = client.get(url).context["form"]
    data = {
        name: ("" if form[name].value() is None else form[name].value()) for name in form.fields
    }
    for title, message in ((NUL, "Null-tegn er ikke tilladte"), ("x" * 1000, "højst")):
        page = scripted_post(client, url, {**data, "title": title})
        assert page.status_code == 200 and message in page.text
    hostile_card.refresh_from_db()
    assert "svømmehallen" not in hostile_card.title and hostile_card.version == version


@pytest.mark.parametrize(
    "url_name, field, count",
    [
        ("politics:comment_add", "text", lambda: Comment.objects.count()),
        ("politics:questions", "text", lambda: Question.objects.count()),
        ("politics:scenarios", "name", lambda: Scenario.objects.count()),
    ],
)
def test_politicians_forms_refuse_nul_and_overlong_input(
    client, seed_cards, politician_a, cycle, url_name, field, count
):
    client_for(client, politician_a)
    arg = seed_cards["T101"].pk if url_name == "politics:comment_add" else cycle.slug
    url = reverse(url_name, args=[arg])
    for value in (NUL, "x" * 20_001):
        page = scripted_post(client, url, {field: value}, follow=True)
        assert page.status_code == 200
        assert "Null-tegn" in page.text or "højst" in page.text or "for lang" in page.text
    assert count() == 0


def test_a_non_numeric_id_in_a_form_is_a_clear_refusal_not_an_error(
    client, seed_cards, politician_a, cycle
):
    client_for(client, politician_a)
    page = scripted_post(client, reverse("politics:questions", args=[cycle.slug]),
                       {"text": "Hvad koster det?", "proposal": "abc"})  # fmt: skip
    assert page.status_code == 200
    assert not Question.objects.exists()
