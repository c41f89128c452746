"""Finance staff enter and revise cards: Danish numbers, live totals, revisions, lost updates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from proposals.models import Proposal, Revision
from tests.conftest import client_for
from tests.factories import make_card


@pytest.fixture
def card(finance, department_a, committee):
    return make_card(
        by=finance, department=department_a, committee=committee, number="T101", net=2_000_000
    )


def edit_url(card: Proposal) -> str:
    return reverse("proposals:edit", kwargs={"cycle_slug": card.cycle.slug, "number": card.number})


def form_data(client, card) -> dict:
    form = client.get(edit_url(card)).context["form"]
    return {
        name: ("" if form[name].value() is None else form[name].value()) for name in form.fields
    }


def test_create_card_with_amounts_in_millions(client, finance, cycle, department_a, committee):
    client_for(client, finance)
    data = {
        "number": "a108",
        "title": "IT-infrastruktur",
        "kind": "A",
        "committee": committee.pk,
        "department": department_a.pk,
        "price_year": "2026",
        "start_date": "1. januar 2026",
        "service_frame": "nej",
        "background": "Anlæg.",
        "consequences": "",
    }
    for year in cycle.year_range:
        data |= {f"expenses_{year}": "-0,950", f"revenues_{year}": "0", f"fte_{year}": "0"}
    client.get(reverse("proposals:create", kwargs={"cycle_slug": cycle.slug}))
    response = client.post(reverse("proposals:create", kwargs={"cycle_slug": cycle.slug}), data)
    assert response.status_code == 302
    card = Proposal.objects.get(number="A108")
    assert [y.expenses for y in card.ordered_years()] == [-950_000] * 4
    assert card.start_date.isoformat() == "2026-01-01"
    assert card.revisions.count() == 1
    # Danish whatever the browser asks for: the portal has one language.
    page = client.get(card.get_absolute_url(), headers={"Accept-Language": "en"}).content.decode()
    assert "-0,950" in page
    assert "1. januar 2026" in page


def test_bad_number_is_refused_at_its_field_and_nothing_is_saved(client, finance, card):
    client_for(client, finance)
    data = form_data(client, card) | {"expenses_2027": "12.5", "title": "Ny titel"}
    response = client.post(edit_url(card), data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "brug komma som decimaltegn" in errors["expenses_2027"][0]
    assert "12.5" in response.content.decode()  # the user's input is kept
    card.refresh_from_db()
    assert card.title == "Forslag T101"
    assert card.revisions.count() == 1


def test_every_save_is_a_revision_with_what_changed(client, finance, card):
    client_for(client, finance)
    data = form_data(client, card) | {"expenses_2026": "2,500", "title": "Digital udvikling"}
    assert client.post(edit_url(card), data).status_code == 302
    card.refresh_from_db()
    assert card.version == 2
    latest = card.revisions.first()
    assert latest.number == 2
    assert latest.author == finance
    assert set(latest.changed) == {"Titel", "Udgifter 2026", "Netto 2026"}
    assert latest.snapshot["years"]["2026"]["expenses"] == 2_500_000
    assert card.revisions.last().snapshot["years"]["2026"]["expenses"] == 2_000_000


def test_saving_without_changes_keeps_no_empty_revision(client, finance, card):
    client_for(client, finance)
    assert client.post(edit_url(card), form_data(client, card)).status_code == 302
    assert card.revisions.count() == 1


def test_second_of_two_concurrent_edits_is_refused(client, finance, card, django_user_model):
    other = django_user_model.objects.create_user("karen", first_name="Karen", last_name="Kasse")
    other.groups.add(*finance.groups.all())
    client_for(client, finance)
    mine = form_data(client, card) | {"expenses_2026": "3,000"}
    theirs = form_data(client, card) | {"title": "Karens titel"}

    client.force_login(other)
    assert client.post(edit_url(card), theirs).status_code == 302
    client.force_login(finance)
    response = client.post(edit_url(card), mine)

    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    assert "ændret af Karen Kasse" in message
    assert "3,000" in response.content.decode()  # what I typed is still in the form
    card.refresh_from_db()
    assert card.title == "Karens titel"
    assert card.ordered_years()[0].expenses == 2_000_000
    assert Revision.objects.filter(proposal=card).count() == 2


def test_live_totals_partial_while_typing(client, finance, card):
    client_for(client, finance)
    data = form_data(client, card) | {
        "expenses_2026": "3,100",
        "revenues_2026": "-0,200",
        "_preview": "1",
    }
    response = client.post(edit_url(card), data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="live-totals"')
    assert "2,900" in html  # netto 2026 = 3,100 - 0,200
    assert "8,900" in html  # I alt: 2,900 + 3 x 2,000
    card.refresh_from_db()
    assert card.version == 1  # a preview never saves


def test_live_totals_without_javascript(client, finance, card):
    client_for(client, finance)
    data = form_data(client, card) | {"expenses_2029": "", "_preview": "1"}
    response = client.post(edit_url(card), data)
    html = response.content.decode()
    assert "<html" in html
    assert "ufuldstændig" in html
    card.refresh_from_db()
    assert card.ordered_years()[3].expenses == 2_000_000


def test_live_totals_name_the_bad_field(client, finance, card):
    client_for(client, finance)
    data = form_data(client, card) | {"fte_2028": "1e3", "_preview": "1"}
    html = client.post(edit_url(card), data, headers={"HX-Request": "true"}).content.decode()
    assert "Årsværk 2028" in html
    assert "skriv tallet helt ud" in html


def test_compare_two_revisions_side_by_side(client, finance, card):
    client_for(client, finance)
    client.post(edit_url(card), form_data(client, card) | {"expenses_2028": "1,000"})
    client.post(edit_url(card), form_data(client, card) | {"pending_note": "Opdateres i juni."})
    url = reverse(
        "proposals:compare", kwargs={"cycle_slug": card.cycle.slug, "number": card.number}
    )
    response = client.get(url, {"fra": 1, "til": 3, "kun": "aendringer"})
    rows = {row.label: (row.old, row.new) for row in response.context["rows"]}
    assert rows == {
        "Note om manglende tal": ("–", "Opdateres i juni."),
        "Udgifter 2028": ("2,000", "1,000"),
        "Netto 2028": ("2,000", "1,000"),
    }
    history = client.get(
        reverse("proposals:history", kwargs={"cycle_slug": card.cycle.slug, "number": card.number})
    )
    assert [r.number for r in history.context["revisions"]] == [3, 2, 1]


def test_duplicate_number_is_refused(client, finance, card, cycle, department_a, committee):
    client_for(client, finance)
    data = form_data(client, card) | {"number": "t101"}
    client.get(reverse("proposals:create", kwargs={"cycle_slug": cycle.slug}))
    response = client.post(reverse("proposals:create", kwargs={"cycle_slug": cycle.slug}), data)
    assert "findes allerede" in response.context["form"].errors["number"][0]
