"""Cover letters and expiring grants: reading, writing with revisions, totals, a card from
a grant, and who may do what."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from letters.models import CoverLetter, LetterStatus
from letters.overview import grant_overview
from proposals.models import Proposal
from tests.clients import scripted_post
from tests.conftest import client_for


def edit_data(client, letter) -> dict:
    page = client.get(reverse("letters:edit", args=[letter.cycle.slug, letter.pk]))
    data = {}
    forms = [page.context["form"], *page.context["themes"], *page.context["attachments"],
             *page.context["signatures"]]  # fmt: skip
    for form in forms:
        for field in form:
            if field.field.widget.needs_multipart_form:
                continue  # no new file uploaded
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = value
    for name in ("themes", "attachments", "signatures"):
        mgmt = page.context[name].management_form
        for field in mgmt:
            data[field.html_name] = field.value()
    return data


def test_letter_page_in_order_with_grants_and_signatures(client, letter, finance):
    client_for(client, finance)
    html = client.get(letter.get_absolute_url()).content.decode()
    assert html.index("AI") < html.index("Cybersikkerhed")
    for text in ("Vedlagt fremsendes:", "Forslag til budgetredegørelsen 2026.",
                 "Udløb af bevillinger", "Security Tech Space",
                 "Bevilget af byrådet 17. august 2023: 6.600.000 kr.",
                 "Mangler i 2027: 1.000.000 kr.", "Anders Borgmester", "Borgmester"):  # fmt: skip
        assert text in html, text


def test_grant_totals_per_year_say_when_incomplete(letter):
    overview = grant_overview(letter.cycle)
    totals = overview.totals()
    assert totals[2026] == (0, True)
    assert totals[2027] == (1_000_000, False)  # Domen's 2027 amount is not known
    assert totals[2028] == (2_000_000, True)


def test_grant_overview_page_for_finance_only(client, letter, finance, editor_a, politician):
    url = reverse("letters:grants", args=[letter.cycle.slug])
    for user in (editor_a, politician):
        client_for(client, user)
        assert client.get(url).status_code == 403
    client_for(client, finance)
    html = client.get(url).content.decode()
    assert "1.000.000 kr." in html
    assert "ikke opgjort" in html
    assert "ufuldstændig" in html


def test_start_a_card_from_a_grant(client, letter, finance):
    client_for(client, finance)
    grant = letter.grants.get(name="Security Tech Space")
    url = reverse("letters:grant_to_proposal", args=[letter.cycle.slug, grant.pk])
    client.get(reverse("letters:grants", args=[letter.cycle.slug]))
    response = client.post(url)
    card = Proposal.objects.get(title="Videreførelse af Security Tech Space")
    assert response["Location"] == reverse("proposals:edit", args=[letter.cycle.slug, card.number])
    assert card.number == "U101"
    assert card.department == letter.department
    assert [y.expenses for y in card.ordered_years()] == [None, 1_000_000, None, None]
    # A second click (a stale tab) opens the card instead of making a second one.
    assert scripted_post(client, url)["Location"] == card.get_absolute_url()
    assert Proposal.objects.filter(title__startswith="Videreførelse").count() == 1


def test_editor_writes_own_letter_and_each_save_is_a_revision(client, letter, editor_a):
    client_for(client, editor_a)
    data = edit_data(client, letter) | {"heading": "Nyt budgetmateriale", "themes-2-heading":
                                        "Tryghed", "themes-2-text": "Tryghed i byen.",
                                        "themes-2-position": "2"}  # fmt: skip
    response = client.post(reverse("letters:edit", args=[letter.cycle.slug, letter.pk]), data)
    assert response.status_code == 302, response.context["form"].errors
    letter.refresh_from_db()
    assert letter.heading == "Nyt budgetmateriale"
    assert [t.heading for t in letter.themes.all()] == ["AI", "Cybersikkerhed", "Tryghed"]
    latest = letter.revisions.first()
    assert latest.number == 2
    assert latest.snapshot["heading"] == "Nyt budgetmateriale"
    assert letter.revisions.last().snapshot["heading"] == "Borgmesterens Afdelings budgetmateriale"


def test_second_of_two_concurrent_letter_edits_is_refused(client, letter, editor_a, finance):
    client_for(client, editor_a)
    mine = edit_data(client, letter) | {"heading": "Min overskrift"}
    client_for(client, finance)
    theirs = edit_data(client, letter) | {"heading": "Deres overskrift"}
    assert (
        client.post(
            reverse("letters:edit", args=[letter.cycle.slug, letter.pk]), theirs
        ).status_code
        == 302
    )
    client_for(client, editor_a)
    response = client.post(reverse("letters:edit", args=[letter.cycle.slug, letter.pk]), mine)
    assert "ændret af en anden" in response.context["form"].non_field_errors()[0]
    letter.refresh_from_db()
    assert letter.heading == "Deres overskrift"


@pytest.mark.parametrize("who", [None, "politician", "editor_b"])
def test_draft_letters_are_hidden_from_others(client, letter, request, who):
    if who:
        client_for(client, request.getfixturevalue(who))
    assert client.get(letter.get_absolute_url()).status_code == 404
    assert client.get(reverse("letters:edit", args=[letter.cycle.slug, letter.pk])).status_code in (
        302,
        404,
    )
    listed = client.get(reverse("letters:list", args=[letter.cycle.slug])).context["letters"]
    assert letter not in listed


def test_released_letter_is_public_but_not_editable(client, letter, finance, politician):
    client_for(client, finance)
    client.get(letter.get_absolute_url())
    client.post(reverse("letters:release", args=[letter.cycle.slug, letter.pk]))
    letter.refresh_from_db()
    assert letter.status == LetterStatus.RELEASED
    client.logout()
    assert client.get(letter.get_absolute_url()).status_code == 200
    client_for(client, politician)
    assert (
        client.get(reverse("letters:edit", args=[letter.cycle.slug, letter.pk])).status_code == 403
    )
    pdf = client.get(reverse("letters:pdf", args=[letter.cycle.slug, letter.pk]), follow=True)
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Borgmesterens Afdelings budgetmateriale" in text
    assert "Security Tech Space" in text
    assert "Anders Borgmester" in text
    assert CoverLetter.objects.get(pk=letter.pk).revisions.first().action == "Frigivet"


def test_themes_and_attachments_link_to_cards(client, letter, finance, department_a, committee):
    from tests.factories import make_card

    card = make_card(by=finance, department=department_a, committee=committee, number="T105")
    letter.themes.get(heading="Cybersikkerhed").cards.add(card)
    letter.attachments.create(title="Kortet om NIS2", card=card, position=5)
    client_for(client, finance)
    html = client.get(letter.get_absolute_url()).content.decode()
    assert f'<a href="{card.get_absolute_url()}">T105</a>' in html
    assert f'<a href="{card.get_absolute_url()}">Kortet om NIS2</a>' in html
    form = client.get(reverse("letters:edit", args=[letter.cycle.slug, letter.pk])).context[
        "themes"
    ]
    assert list(form.forms[0].fields["cards"].queryset) == [card]


def test_rule_a_released_letter_is_not_released_again(client, letter, finance):
    from audit.models import Action, AuditEvent

    client_for(client, finance)
    release = reverse("letters:release", args=[letter.cycle.slug, letter.pk])
    assert "Frigiv</button>" in client.get(letter.get_absolute_url()).content.decode()
    assert client.post(release).status_code == 302
    released = AuditEvent.objects.filter(action=Action.PUBLISHED)
    counts = (released.count(), letter.revisions.count())
    assert "Frigiv</button>" not in client.get(letter.get_absolute_url()).content.decode()
    assert scripted_post(client, release).status_code == 403
    assert (released.count(), letter.revisions.count()) == counts


@pytest.mark.parametrize(
    ("who", "sees_draft", "sees_grants"),
    [("finance", True, True), ("editor_a", True, False), ("editor_b", False, False)],
)
def test_rule_the_letter_list_shows_drafts_and_the_grant_overview_by_the_letter_rules(
    client, letter, request, who, sees_draft, sees_grants
):
    client_for(client, request.getfixturevalue(who))
    html = client.get(reverse("letters:list", args=[letter.cycle.slug])).content.decode()
    assert (letter.heading in html) is sees_draft
    assert ("Oversigt over udløbende bevillinger" in html) is sees_grants
