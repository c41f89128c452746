"""Editing an expiring grant: its shortfall years are exactly the ones the form keeps, and
the letter records the save as one revision."""

from __future__ import annotations

from django.urls import reverse

from letters.models import GrantShortfall
from tests.clients import scripted_post
from tests.conftest import client_for


def grant_data(client, url) -> dict:
    """The grant form as the browser would send it back unchanged."""
    form = client.get(url).context["form"]
    data = {}
    for field in form:
        value = field.value()
        if value is True:
            data[field.html_name] = "on"
        elif value not in (None, False, ""):
            data[field.html_name] = str(value)
    return data


def test_rule_unticking_a_year_deletes_only_that_years_shortfall(client, letter, editor_a):
    domen = letter.grants.get(name="Domen")  # 2027: not yet known, 2028: 2.000.000 kr.
    url = reverse("letters:grant_edit", args=[letter.cycle.slug, letter.pk, domen.pk])
    client_for(client, editor_a)
    data = grant_data(client, url)
    assert data["known_2027"] == "on"
    del data["known_2027"]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert dict(domen.shortfalls.values_list("year", "amount")) == {2028: 2_000_000}
    html = client.get(letter.get_absolute_url()).content.decode()
    assert "Mangler i 2027: ikke opgjort" not in html
    assert "Mangler i 2028: 2.000.000 kr." in html
    # The other grant's shortfall in the same year stays.
    assert GrantShortfall.objects.filter(grant__name="Security Tech Space", year=2027).exists()


def test_rule_a_grant_gains_and_changes_shortfall_years_from_the_form(client, letter, editor_a):
    sts = letter.grants.get(name="Security Tech Space")  # 2027: 1.000.000 kr.
    url = reverse("letters:grant_edit", args=[letter.cycle.slug, letter.pk, sts.pk])
    client_for(client, editor_a)
    data = grant_data(client, url) | {"missing_2027": "1.250.000", "missing_2028": "500.000"}
    assert client.post(url, data).status_code == 302
    assert dict(sts.shortfalls.values_list("year", "amount")) == {
        2027: 1_250_000,
        2028: 500_000,
    }
    latest = letter.revisions.first()
    assert latest.action == "Bevilling gemt: Security Tech Space"
    saved = next(g for g in latest.snapshot["grants"] if g["name"] == "Security Tech Space")
    assert saved["missing"] == {"2027": 1_250_000, "2028": 500_000}


def test_an_editor_of_another_department_cannot_save_the_grant(client, letter, editor_b):
    sts = letter.grants.get(name="Security Tech Space")
    url = reverse("letters:grant_edit", args=[letter.cycle.slug, letter.pk, sts.pk])
    client_for(client, editor_b)
    client.get(reverse("letters:list", args=[letter.cycle.slug]))
    assert scripted_post(client, url, {"name": "Overtaget", "missing_2027": "1"}).status_code == 404
    sts.refresh_from_db()
    assert sts.name == "Security Tech Space"
    assert dict(sts.shortfalls.values_list("year", "amount")) == {2027: 1_000_000}
