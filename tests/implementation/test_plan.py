"""The implementation plan: progress per group, filters, marking items, exports, access."""

from __future__ import annotations

import io

import openpyxl
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from implementation.models import ImplementationPlan, PlanItem
from tests.clients import scripted_post
from tests.conftest import client_for


def plan_url(plan) -> str:
    return reverse("implementation:plan", args=[plan.cycle.slug])


def test_progress_per_group(client, plan):
    response = client.get(plan_url(plan))
    progress = {g.name: (g.done_count, g.item_count, g.percent_done)
                for g, _items in response.context["groups"]}  # fmt: skip
    assert progress == {"Økonomisk Politik": (1, 2, 50), "Skoler og dagtilbud": (1, 3, 33)}
    html = response.content.decode()
    assert "I alt 2 af 5 punkter afsluttet." in html
    assert "1 af 3 punkter afsluttet (33 %)." in html


def test_filters_by_kind_status_and_committee(client, plan, committee_b):
    def titles(params):
        response = client.get(plan_url(plan), params)
        return sorted(i.title for _g, items in response.context["groups"] for i in items)

    assert titles({"type": "anlaegsprojekt"}) == ["Ny skolestruktur"]
    assert titles({"status": "afsluttet"}) == ["Afledt drift af ny daginstitution",
                                               "Budget i balance"]  # fmt: skip
    assert titles({"udvalg": committee_b.pk}) == ["Ny skolestruktur"]
    partial = client.get(plan_url(plan), {"status": "aaben"}, headers={"HX-Request": "true"})
    assert partial.content.decode().lstrip().startswith('<div id="plan-items">')


def test_finance_marks_an_item_completed_with_and_without_htmx(client, plan, finance):
    item = PlanItem.objects.get(title="Flere pædagoger")
    url = reverse("implementation:toggle", args=[plan.cycle.slug, item.pk])
    client_for(client, finance)
    client.get(plan_url(plan))
    assert client.post(url, {"completed": "1"})["Location"] == plan_url(plan)
    item.refresh_from_db()
    assert item.completed and item.completed_at
    client.get(plan_url(plan))
    row = client.post(url, {"completed": "0"}, headers={"HX-Request": "true"}).content.decode()
    assert row.lstrip().startswith(f'<tr id="punkt-{item.pk}"')
    item.refresh_from_db()
    assert not item.completed


def test_only_finance_marks_items(client, plan, politician, editor_a):
    item = PlanItem.objects.get(title="Flere pædagoger")
    url = reverse("implementation:toggle", args=[plan.cycle.slug, item.pk])
    assert scripted_post(client, url, {"completed": "1"}).status_code == 302  # to the login
    for user in (politician, editor_a):
        client_for(client, user)
        assert scripted_post(client, url, {"completed": "1"}).status_code == 403
    assert client.get(url).status_code == 405
    item.refresh_from_db()
    assert not item.completed


def test_unreleased_plan_is_internal(client, plan, politician):
    ImplementationPlan.objects.filter(pk=plan.pk).update(released=False)
    assert client.get(plan_url(plan)).status_code == 404
    assert (
        client.get(reverse("implementation:plan_xlsx", args=[plan.cycle.slug])).status_code == 404
    )
    client_for(client, politician)
    assert client.get(plan_url(plan)).status_code == 200


def test_plan_pdf_and_excel(client, plan):
    pdf = client.get(reverse("implementation:plan_pdf", args=[plan.cycle.slug]), follow=True)
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Udmøntningsplan 2024-2027" in text
    assert "Skoler og dagtilbud" in text
    assert "1 af 3 punkter afsluttet (33 %)." in text
    xlsx = client.get(reverse("implementation:plan_xlsx", args=[plan.cycle.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][:3] == ("Økonomisk Politik", "Budget i balance", "Driftsændring")
    assert rows[1][7] == "X"
    assert rows[2][7] is None


def test_case_page_like_an_agenda_item(client, case):
    html = client.get(case.get_absolute_url()).content.decode()
    for text in ("23/9260", "Åben Sag", "Sagsgang", "ØK, KB", "Sagsfremstilling",
                 "Beslutning i Økonomiudvalget den 05-12-2023", "Tiltrådt.",
                 "Beslutning i Kommunalbestyrelsen den 12-12-2023", "Godkendt.",
                 "Niels Basballe (A)"):  # fmt: skip
        assert text in html, text
    pdf = client.get(reverse("implementation:case_pdf", args=[case.url_number]), follow=True)
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Beslutning i Kommunalbestyrelsen den 12-12-2023" in text
    assert "Niels Basballe (A)" in text


def test_closed_case_is_for_finance_only(client, case, finance, politician):
    case.is_open = False
    case.save()
    assert client.get(case.get_absolute_url()).status_code == 404
    client_for(client, politician)
    assert client.get(case.get_absolute_url()).status_code == 404
    client_for(client, finance)
    assert client.get(case.get_absolute_url()).status_code == 200


def test_finance_keeps_plans_and_cases_in_the_admin(client, finance):
    from django.contrib.auth.models import Group

    finance.is_staff = True
    finance.save()
    finance.groups.add(Group.objects.get(name="okonomi"))
    client_for(client, finance)
    for name in (
        "admin:implementation_case_add",
        "admin:implementation_planitem_add",
        "admin:implementation_implementationplan_add",
    ):
        assert client.get(reverse(name)).status_code == 200


def test_the_plan_charts_progress_per_group_with_the_numbers_beside_it(client, plan):
    html = client.get(plan_url(plan)).content.decode()
    assert "Fremdrift pr. gruppe" in html
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html
    table = html[html.index("Tallene bag diagrammet: Fremdrift pr. gruppe") :]
    assert '<th scope="col" class="num">Skoler og dagtilbud</th>' in table
    assert '<th scope="row">Afsluttet</th><td class="num">1</td><td class="num">1</td>' in table
    assert (
        '<th scope="row">Ikke afsluttet</th><td class="num">1</td><td class="num">2</td>' in table
    )


def test_before_there_is_a_plan_the_header_leads_finance_to_where_it_is_made(
    client, cycle, finance
):
    client_for(client, finance)
    home = client.get(reverse("my_tasks")).content.decode()
    link = reverse("implementation:plan", args=[cycle.slug])
    assert f'href="{link}"><span>Udmøntningsplan</span>' in home
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Der er endnu ingen udmøntningsplan for dette budget." in html
    add = reverse("admin:implementation_implementationplan_add")
    assert f'href="{add}?cycle={cycle.pk}">Opret udmøntningsplanen</a>' in html


def test_before_there_is_a_plan_there_is_nothing_for_anyone_else(
    client, cycle, politician, editor_a
):
    url = reverse("implementation:plan", args=[cycle.slug])
    for user in (None, politician, editor_a):
        client_for(client, user)
        assert client.get(url).status_code == 404


def test_the_header_does_not_ask_for_the_plan_on_every_page(client, cycle, finance):
    client_for(client, finance)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("proposals:list", args=[cycle.slug]))
    assert not [q for q in queries if "implementation_implementationplan" in q["sql"]]


def test_a_plan_that_exists_is_shown_not_the_note(client, plan, finance):
    client_for(client, finance)
    html = client.get(plan_url(plan)).content.decode()
    assert "Udmøntningsplan 2024-2027" in html
    assert "Der er endnu ingen udmøntningsplan" not in html
