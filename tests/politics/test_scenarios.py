"""Negotiation scenarios: exact effects against a hand-computed oracle, and privacy."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from budget_portal.money import in_unit
from politics.effects import apply_share
from politics.models import BudgetTarget, Scenario
from politics.outputs import scenario_effect
from politics.scenarios import create_scenario, save_selection
from tests.clients import scripted_post
from tests.conftest import client_for


def nets_in_mio(effect) -> list[str]:
    return [in_unit(effect.totals[y].net, "mio") for y in effect.years]


def test_oracle_from_the_seed_cards(cycle, seed_cards, politician_a):
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    picks = {seed_cards[n].pk: Decimal(100) for n in ("T101", "T105", "T304")}
    save_selection(scenario, picks)
    assert nets_in_mio(scenario_effect(scenario)) == ["5,345", "5,145", "5,145", "5,145"]
    picks[seed_cards["T105"].pk] = Decimal(50)
    save_selection(scenario, picks)
    effect = scenario_effect(scenario)
    assert nets_in_mio(effect) == ["3,795", "3,695", "3,695", "3,695"]
    assert effect.totals[2026].fte == Decimal("0.54")
    assert effect.totals[2026].within == Decimal(3_550_000)  # T101 + half of T105
    assert effect.totals[2026].partly == Decimal(245_000)  # T304 is "Ja/nej"


def test_shares_are_exact_and_rounded_only_for_display():
    assert apply_share(2_900_001, Decimal(50)) == Decimal("1450000.5")
    assert in_unit(Decimal("1450000.5"), "kr") == "1.450.001"  # half away from zero
    assert in_unit(Decimal("-1450000.5"), "kr") == "-1.450.001"


def test_target_and_what_remains(cycle, seed_cards, politician_a):
    BudgetTarget.objects.create(cycle=cycle, year=2026, amount=-5_000_000)
    scenario = create_scenario(cycle, by=politician_a, name="Spar")
    save_selection(scenario, {seed_cards["T101"].pk: Decimal(100)})
    total = scenario_effect(scenario).totals[2026]
    assert total.remaining == Decimal(-7_000_000)


def test_card_changed_after_it_was_added_is_flagged(cycle, seed_cards, politician_a, finance):
    from proposals.services import revise_proposal

    scenario = create_scenario(cycle, by=politician_a, name="A")
    save_selection(scenario, {seed_cards["T101"].pk: Decimal(100)})
    card = seed_cards["T101"]
    card.refresh_from_db()
    revise_proposal(card, by=finance, fields={"title": "Ny titel"}, years={},
                    based_on_version=card.version)  # fmt: skip
    line = scenario_effect(scenario).lines[0]
    assert line.changed
    assert line.proposal.title == "Ny titel"


def test_live_totals_while_ticking(client, cycle, seed_cards, politician_a):
    client_for(client, politician_a)
    scenario = create_scenario(cycle, by=politician_a, name="Live")
    data = {"name": "Live", "_preview": "1"}
    for n in ("T101", "T105", "T304"):
        data[f"with_{seed_cards[n].pk}"] = "on"
        data[f"share_{seed_cards[n].pk}"] = "100"
    data[f"share_{seed_cards['T105'].pk}"] = "50"
    client.get(scenario.get_absolute_url())
    response = client.post(scenario.get_absolute_url(), data, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="scenario-effect"')
    assert "3,795" in html and "3,695" in html
    assert not scenario.entries.exists()  # a preview saves nothing
    data.pop("_preview")
    assert client.post(scenario.get_absolute_url(), data).status_code == 302
    assert scenario.entries.count() == 3


def test_bad_share_is_refused_at_its_field(client, cycle, seed_cards, politician_a):
    client_for(client, politician_a)
    scenario = create_scenario(cycle, by=politician_a, name="Fejl")
    pk = seed_cards["T101"].pk
    client.get(scenario.get_absolute_url())
    response = client.post(scenario.get_absolute_url(),
                           {"name": "Fejl", f"with_{pk}": "on", f"share_{pk}": "150"})  # fmt: skip
    assert response.context["form"].errors[f"share_{pk}"] == [
        "Andelen skal være mellem 0 og 100 procent, fx 50 eller 12,5."
    ]
    assert not scenario.entries.exists()


@pytest.mark.parametrize("typed", ["1E+2", "abc", "12.5", "-1"])
def test_a_share_that_is_not_a_percentage_gets_the_percent_message(
    client, cycle, seed_cards, politician_a, typed
):
    client_for(client, politician_a)
    scenario = create_scenario(cycle, by=politician_a, name="Fejl")
    pk = seed_cards["T101"].pk
    client.get(scenario.get_absolute_url())
    response = client.post(scenario.get_absolute_url(),
                           {"name": "Fejl", f"with_{pk}": "on", f"share_{pk}": typed})  # fmt: skip
    html = response.content.decode()
    assert "Andelen skal være mellem 0 og 100 procent" in html
    assert "1.000.000" not in html
    assert not scenario.entries.exists()


def _form_as_shown(response) -> dict[str, str]:
    """What a browser posts back: every field with the value the page shows."""
    form = response.context["form"]
    data = {"name": form["name"].value()}
    for _card, include, share in form.rows():
        if include.value():
            data[include.html_name] = "on"
        data[share.html_name] = share.value()
    return data


def test_copy_shows_shares_as_percent_and_saves_with_the_same_totals(
    client, cycle, seed_cards, politician_a
):
    scenario = create_scenario(cycle, by=politician_a, name="Forlig")
    save_selection(scenario, {seed_cards["T101"].pk: Decimal(100),
                              seed_cards["T105"].pk: Decimal(50),
                              seed_cards["T304"].pk: Decimal("12.5")})  # fmt: skip
    client_for(client, politician_a)
    client.get(scenario.get_absolute_url())
    copied = client.post(reverse("politics:copy", args=[cycle.slug, scenario.pk]), follow=True)
    html = copied.content.decode()
    assert "Kopi af Forlig" in html
    assert "E+" not in html
    for card, share in (("T101", "100"), ("T105", "50"), ("T304", "12,5")):
        pk = seed_cards[card].pk
        assert re.search(
            rf'<input [^>]*name="share_{pk}" value="{share}"[^>]*id="id_share_{pk}"', html
        )
    copy = Scenario.objects.get(name="Kopi af Forlig")
    saved = client.post(copy.get_absolute_url(), _form_as_shown(copied), follow=True)
    assert "Scenariet er gemt." in saved.content.decode()
    # 2,000 + 1,550 + 12,5 % of 0,245 = 3,580625 mio. kr. in 2026
    assert nets_in_mio(scenario_effect(copy)) == ["3,581", "3,481", "3,481", "3,481"]
    assert "3,581" in saved.content.decode()
    assert sorted(copy.entries.values_list("share", flat=True)) == [
        Decimal("12.5"),
        Decimal(50),
        Decimal(100),
    ]


def test_private_and_shared_scenarios(client, cycle, seed_cards, politician_a, politician_a2,
                                      politician_b):  # fmt: skip
    scenario = create_scenario(cycle, by=politician_a, name="Hemmelig")
    url = scenario.get_absolute_url()
    client_for(client, politician_a2)
    assert client.get(url).status_code == 404
    client_for(client, politician_a)
    client.get(url)
    client.post(reverse("politics:share", args=[cycle.slug, scenario.pk]), {"shared": "1"})
    client_for(client, politician_a2)
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["can_change"] is False
    assert scripted_post(client, url, {"name": "Overtaget"}).status_code == 403
    client_for(client, politician_b)
    assert client.get(url).status_code == 404
    listed = client.get(reverse("politics:scenarios", args=[cycle.slug])).context["scenarios"]
    assert scenario not in listed
    # Copying a party colleague's shared scenario gives a private copy of one's own.
    client_for(client, politician_a2)
    client.get(url)
    client.post(reverse("politics:copy", args=[cycle.slug, scenario.pk]))
    copy = Scenario.objects.get(owner=politician_a2)
    assert (copy.name, copy.shared_with_party) == ("Kopi af Hemmelig", False)


@pytest.mark.parametrize("who", [None, "editor_a"])
def test_reading_room_is_for_politicians_and_finance(client, cycle, request, who, finance):
    if who:
        client_for(client, request.getfixturevalue(who))
    url = reverse("politics:reading_room", args=[cycle.slug])
    assert client.get(url).status_code in (302, 403)
    client_for(client, finance)
    assert client.get(url).status_code == 200


def test_compare_two_scenarios(client, cycle, seed_cards, politician_a):
    one = create_scenario(cycle, by=politician_a, name="Hele T105")
    two = create_scenario(cycle, by=politician_a, name="Halv T105")
    save_selection(one, {seed_cards["T105"].pk: Decimal(100)})
    save_selection(two, {seed_cards["T105"].pk: Decimal(50)})
    client_for(client, politician_a)
    response = client.get(reverse("politics:compare", args=[cycle.slug]),
                          {"s": [one.pk, two.pk]})  # fmt: skip
    html = response.content.decode()
    assert "Hele T105" in html and "Halv T105" in html
    assert "3,100" in html and "1,550" in html


def test_scenario_excel_and_pdf(client, cycle, seed_cards, politician_a):
    import io

    import openpyxl
    from pypdf import PdfReader

    scenario = create_scenario(cycle, by=politician_a, name="Eksport")
    save_selection(scenario, {seed_cards["T105"].pk: Decimal(50)})
    client_for(client, politician_a)
    xlsx = client.get(reverse("politics:xlsx", args=[cycle.slug, scenario.pk]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "T105"
    assert Decimal(str(rows[1][3])) == Decimal("1.55")
    pdf = client.get(reverse("politics:pdf", args=[cycle.slug, scenario.pk]), follow=True)
    text = PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages[0].extract_text()
    assert "Eksport" in text and "1,550" in text


def test_the_scenario_page_charts_its_effect_against_the_target(
    client, cycle, seed_cards, politician_a
):
    BudgetTarget.objects.create(cycle=cycle, year=2026, amount=-5_000_000)
    scenario = create_scenario(cycle, by=politician_a, name="Spar")
    save_selection(scenario, {seed_cards["T101"].pk: Decimal(50)})
    client_for(client, politician_a)
    page = client.get(scenario.get_absolute_url()).content.decode()
    assert "Spar: netto pr. år mod budgetmålet" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    # The table beside the chart: 50 % of T101's 2,000 mio. kr., and the target where set.
    assert '<th scope="row">Scenariets netto</th><td class="num">1,000</td>' in page
    assert '<th scope="row">Budgetmål</th><td class="num">-5,000</td><td class="num">–</td>' in page
