"""The card list's rows are built in Python (proposals/templatetags/card_list.py) and its
filter selects without Django's widget templates (budget_portal/widgets.py): both must read
exactly as the templates they replace."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from budget_portal.widgets import QuickSelect
from proposals.models import Proposal, Status
from proposals.templatetags.card_list import card_rows
from tests.conftest import client_for
from tests.factories import make_card

# The template loop the rows replace, as it stood in templates/proposals/proposal_list.html.
TEMPLATE_ROWS = """{% load i18n %}{% for card in cards %}
<tr>
  <td><a href="{{ card.get_absolute_url }}">{{ card.number }}</a></td>
  <td>{{ card.title }}{% if card.price_year != cycle.price_year %} <span class="badge">{{ card.price_year }}-priser</span>{% endif %}</td>
  <td class="col-wide">{{ card.committee.name }}</td>
  <td class="col-wide">{{ card.get_status_display }}</td>
  <td class="col-wide">{{ card.get_service_frame_display }}</td>
  {% for y in card.ordered_years %}<td class="num{% if not forloop.first %} col-wide{% endif %}">{% if y.net is None %}<span class="pending">{% translate "afventer" %}</span>{% else %}{{ y.net|in_unit:cycle.display_unit }}{% endif %}</td>{% endfor %}
</tr>{% endfor %}"""  # noqa: E501


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


@pytest.fixture
def varied_cards(finance, department_a, committee, department_b, committee_b):
    def card(number, **extra):
        return make_card(by=finance, department=department_a, committee=committee,
                         number=number, **extra)  # fmt: skip

    card("T101", status=Status.RELEASED, net=2_000_000)
    card("T102", net=None, revenues=None, title='Svømmehal <b>"ude"</b> & inde')
    card("R103", status=Status.SUBMITTED, net=-1_250_500, service_frame="delvis")
    card("A104", price_year=2025, service_frame="", net=0)
    make_card(by=finance, department=department_b, committee=committee_b, number="E201",
              status=Status.ADOPTED, service_frame="nej", net=31)  # fmt: skip


@pytest.mark.parametrize("unit", ["mio", "t", "kr"])
def test_rows_read_as_the_template_loop_did(cycle, varied_cards, unit):
    cycle.display_unit = unit
    cycle.save()
    cards = Proposal.objects.filter(cycle=cycle)
    expected = Template(TEMPLATE_ROWS).render(
        Context({"cards": cards.for_listing(), "cycle": cycle})
    )
    built = card_rows(cards.listed(), cycle)
    assert squeeze(built) == squeeze(expected)
    assert built.count("<tr>") == 5
    assert "&lt;b&gt;&quot;ude&quot;&lt;/b&gt; &amp; inde" in built  # escaped, once


def test_finance_sees_every_card_linked_with_its_figures(client, finance, cycle, varied_cards):
    page = client_for(client, finance).get(reverse("proposals:list", args=[cycle.slug]))
    html = page.content.decode()
    row = re.search(r"<tr><td><a href=\"([^\"]+)\">T102</a></td>(.*?)</tr>", html).groups()
    assert row[0] == reverse("proposals:detail", args=[cycle.slug, "T102"])
    assert client.get(row[0]).status_code == 200
    assert row[1].count('<span class="pending">afventer</span>') == len(cycle.year_range)
    assert '<td class="col-wide">Kladde</td>' in row[1]
    assert "2025-priser</span>" in html and "-1,251" in html


@pytest.mark.parametrize("value", [None, "", "b", ["b"], "nonsense"])
@pytest.mark.parametrize(
    "choices",
    [
        [("", "Alle"), ("a", "Æble & pære"), ("b", 'Banan "gul"')],
        [("", "Alle"), ("Frugt <1>", [("a", "Æble"), ("b", "Banan")]), ("c", "Citron")],
    ],
)
def test_the_quick_select_is_the_select_django_draws(choices, value):
    attrs = {"class": "form-select", "id": "id_kind", "disabled": False, "required": True}
    plain = forms.Select(attrs={"class": "form-select"}, choices=choices)
    quick = QuickSelect(attrs={"class": "form-select"}, choices=choices)
    assert quick.render("kind", value, attrs) == plain.render("kind", value, attrs)


def test_the_filter_form_keeps_the_choice_made(client, cycle, varied_cards, committee_b):
    url = reverse("proposals:list", args=[cycle.slug])
    html = client.get(url, {"udvalg": committee_b.pk, "type": "E"}).content.decode()
    assert f'<option value="{committee_b.pk}" selected>' in html
    assert '<option value="E" selected>Effektiviseringsforslag</option>' in html
    assert '<select name="status" class="form-select" id="id_status">' in html


def test_the_committee_select_costs_one_plain_query(client, finance, cycle, varied_cards):
    """On PostgreSQL Django reads a select's choices through a server-side cursor (three
    round trips); the card list's committee select reads them in one query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("server-side cursors are PostgreSQL's")
    url = reverse("proposals:list", args=[cycle.slug])
    for who in (None, finance):
        with CaptureQueriesContext(connection) as queries:
            assert client_for(client, who).get(url).status_code == 200
        assert not [q["sql"] for q in queries if q["sql"].startswith("DECLARE")]
