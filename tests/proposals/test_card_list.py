"""The card list: its table cached per cycle, filter and what the reader may see, never stale
after a card changes, never shown to someone who may see other cards."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from proposals.models import Kind, Proposal, ServiceFrame, Status
from proposals.services import change_status
from tests.conftest import client_for
from tests.factories import make_card


@pytest.fixture
def cards(finance, department_a, committee, department_b, committee_b):
    def card(number, status, department=department_a, committee=committee, **extra):
        return make_card(
            by=finance, department=department, committee=committee, number=number,
            status=status, **extra,
        )  # fmt: skip

    return {
        "T101": card("T101", Status.RELEASED, net=2_000_000),
        "T102": card("T102", Status.RELEASED, department_b, committee_b, net=3_100_000),
        "T103": card("T103", Status.DRAFT, title="Kladde om svømmehallen"),
    }


def list_url(cycle) -> str:
    return reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})


def results(page: str) -> str:
    return page[page.index('<div id="results">') :]


def fetch(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200
    cards_read = [q for q in queries if 'FROM "proposals_proposalyear"' in q["sql"]]
    return response.content.decode(), len(queries), len(cards_read)


def test_second_reader_gets_the_same_table_without_reading_the_cards(client, cycle, cards):
    first, first_queries, first_reads = fetch(client, list_url(cycle))
    second, second_queries, second_reads = fetch(client, list_url(cycle))

    assert results(second) == results(first)
    assert "T101" in second and "T102" in second and "2,000" in second
    assert "T103" not in second  # a draft
    assert first_reads >= 1 and second_reads == 0
    assert second_queries < first_queries


def test_a_revised_card_shows_at_once(client, cycle, cards, finance):
    fetch(client, list_url(cycle))  # cached
    staff = client_for(client.__class__(), finance)
    edit = reverse("proposals:edit", kwargs={"cycle_slug": cycle.slug, "number": "T101"})
    form = staff.get(edit).context["form"]
    data = {n: "" if form[n].value() is None else form[n].value() for n in form.fields}
    data.update({"title": "Digital udvikling KOMBIT", "expenses_2026": "2,5"})
    assert staff.post(edit, data).status_code == 302

    page, _, reads = fetch(client, list_url(cycle))
    assert reads >= 1
    assert "Digital udvikling KOMBIT" in page and "2,500" in page


def test_a_released_card_appears_and_a_withdrawn_one_goes(client, cycle, cards, finance):
    fetch(client, list_url(cycle))
    draft = cards["T103"]
    change_status(draft, by=finance, target=Status.RELEASED, based_on_version=draft.version)
    assert "Kladde om svømmehallen" in fetch(client, list_url(cycle))[0]

    Proposal.objects.get(number="T102").delete()
    assert "T102" not in fetch(client, list_url(cycle))[0]


@pytest.mark.parametrize("signed_in", ["finance", "editor_a"])
def test_signed_in_users_get_their_own_table_not_the_cached_one(
    client, request, cycle, cards, signed_in
):
    public, _, _ = fetch(client, list_url(cycle))
    assert "T103" not in public

    own = client_for(client.__class__(), request.getfixturevalue(signed_in))
    page, _, reads = fetch(own, list_url(cycle))
    assert "T103" in page and reads >= 1  # their department's draft

    after, _, _ = fetch(client, list_url(cycle))
    assert "T103" not in after


def test_staff_who_see_the_same_cards_share_one_table(client, cycle, cards, finance):
    from tests.factories import UserFactory

    first, _, _ = fetch(client_for(client.__class__(), finance), list_url(cycle))
    colleague = UserFactory(username="karen", roles=["okonomi"])
    second, _, reads = fetch(client_for(client.__class__(), colleague), list_url(cycle))
    assert results(second) == results(first) and reads == 0
    assert "T103" in second and "intern udgave med kladder" in second


def test_a_department_s_drafts_stay_with_its_editors(client, cycle, cards, editor_a, editor_b):
    own, _, _ = fetch(client_for(client.__class__(), editor_a), list_url(cycle))
    other, _, reads = fetch(client_for(client.__class__(), editor_b), list_url(cycle))
    assert "Kladde om svømmehallen" in own
    assert "Kladde om svømmehallen" not in other and reads >= 1
    assert "intern udgave med kladder" not in own + other  # the internal catalog is finance's


def test_an_editor_who_leaves_the_department_no_longer_sees_its_drafts(
    client, cycle, cards, editor_a, department_a
):
    editor = client_for(client.__class__(), editor_a)
    assert "Kladde om svømmehallen" in fetch(editor, list_url(cycle))[0]
    department_a.editors.remove(editor_a)
    page, _, _ = fetch(editor, list_url(cycle))
    assert "Kladde om svømmehallen" not in page and "T101" in page


def test_a_politician_gets_the_citizens_table(client, cycle, cards, politician):
    public, _, _ = fetch(client, list_url(cycle))
    page, _, reads = fetch(client_for(client.__class__(), politician), list_url(cycle))
    assert results(page) == results(public) and reads == 0


def test_each_filter_has_its_own_table(client, cycle, cards, committee_b):
    fetch(client, list_url(cycle))
    filtered, _, _ = fetch(client, f"{list_url(cycle)}?udvalg={committee_b.pk}")
    assert "T102" in filtered and "T101" not in filtered

    # The live filter (htmx) gets the same table as its fragment, from the same cache entry.
    fragment, _, reads = fetch(
        client, f"{list_url(cycle)}?udvalg={committee_b.pk}", HTTP_HX_REQUEST="true"
    )
    assert fragment.lstrip().startswith('<div id="results">')
    assert "T102" in fragment and "T101" not in fragment and reads == 0


@pytest.mark.parametrize(
    ("field", "choices"),
    [("status", Status), ("kind", Kind), ("service_frame", ServiceFrame)],
)
def test_choice_labels_are_djangos(db, field, choices):
    card = Proposal()
    generic = Model._get_FIELD_display
    for value in [*choices.values, ""]:
        if value is None:
            continue
        setattr(card, field, value)
        expected = generic(card, Proposal._meta.get_field(field))
        assert getattr(card, f"get_{field}_display")() == expected


def test_the_card_page_reads_its_years_once(client, cycle, cards):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(cards["T101"].get_absolute_url())
    assert page.status_code == 200 and "2,000" in page.content.decode()
    assert sum('FROM "proposals_proposalyear"' in q["sql"] for q in queries) == 1


def test_the_front_page_costs_the_same_with_more_budget_years(client, cycle, cards):
    from tests.factories import CycleFactory

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        return len(queries)

    one = count()
    CycleFactory.create_batch(3)
    assert count() == one


def test_what_the_request_adds_beyond_the_filters_changes_nothing(client, cycle, cards, committee):
    # Random parameters would each cost a render and a stored copy, and would reach the links.
    plain = f"{list_url(cycle)}?udvalg={committee.pk}"
    fetch(client, plain)
    page, _, reads = fetch(client, f"{plain}&x=%3Cb%3Ehej%3C%2Fb%3E&y=1")
    assert reads == 0
    assert "T101" in page and "T102" not in page
    assert "hej" not in page and "&amp;x=" not in page


def test_links_carry_the_filters_in_force(client, cycle, cards, committee_b):
    page, _, _ = fetch(client, f"{list_url(cycle)}?udvalg={committee_b.pk}&type=&status=")
    pdf = reverse("proposals:catalog_pdf", kwargs={"cycle_slug": cycle.slug})
    assert f'href="{pdf}?udvalg={committee_b.pk}"' in page
    unfiltered, _, _ = fetch(client, f"{list_url(cycle)}?udvalg=nonsense")
    assert f'href="{pdf}"' in unfiltered


def test_a_new_display_unit_shows_at_once(client, cycle, cards):
    assert "2,000" in fetch(client, list_url(cycle))[0]
    cycle.display_unit = "t"
    cycle.save()
    assert "2.000" in fetch(client, list_url(cycle))[0]


# --- the whole page for readers without a session (budget_portal.page_cache) ------------


def htmx_token(page: str) -> str:
    import re

    return re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)


def test_citizens_share_the_page_but_each_gets_a_token_of_their_own(cycle, cards, hearing):
    from tests.clients import BrowserClient

    first, second = BrowserClient(), BrowserClient()
    page_a, _, _ = fetch(first, list_url(cycle))
    with CaptureQueriesContext(connection) as queries:
        page_b = second.get(list_url(cycle)).content.decode()
    asked = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert len(asked) == 2  # the budget with its cards' version, the cache
    assert htmx_token(page_a) != htmx_token(page_b)
    assert page_b.replace(htmx_token(page_b), "") == page_a.replace(htmx_token(page_a), "")

    # The token the cached page handed the second reader works for their own requests.
    sent = second.post(
        hearing.get_absolute_url(), {"name": ""}, HTTP_X_CSRFTOKEN=htmx_token(page_b)
    )
    assert sent.status_code == 200  # the form again, with its errors; not 403
    refused = second.post(
        hearing.get_absolute_url(), {"name": ""}, HTTP_X_CSRFTOKEN=htmx_token(page_a)[::-1]
    )
    assert refused.status_code == 403


def test_a_shared_page_tells_caches_that_signed_in_readers_get_another(client, cycle, cards):
    fetch(client, list_url(cycle))
    again = client.get(list_url(cycle))
    assert "Cookie" in again["Vary"] and "HX-Request" in again["Vary"]


def test_a_reader_with_a_message_waiting_gets_a_page_with_it(client, cycle, cards, rf):
    from django.contrib.messages import INFO
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    fetch(client, list_url(cycle))  # the shared page is made
    storage = CookieStorage(rf.get("/"))
    client.cookies[CookieStorage.cookie_name] = storage._encode([Message(INFO, "Tak for dit svar")])
    page, _, _ = fetch(client, list_url(cycle))
    assert "Tak for dit svar" in page
    assert "Tak for dit svar" not in fetch(client, list_url(cycle))[0]  # shown once


def test_a_reader_who_chose_another_budget_year_sees_it_chosen(client, cycle, cards):
    from tests.factories import CycleFactory

    other = CycleFactory(name="Budget 2027-2030", slug="budget-2027")
    fetch(client, list_url(cycle))  # the shared page is made
    client.get(reverse("choose_cycle"), {"budget": other.slug, "next": list_url(cycle)})
    page, _, _ = fetch(client, list_url(cycle))
    assert f'<option value="{other.slug}" selected>' in page


def status_select(page: str) -> str:
    start = page.index('<select name="status"')
    return page[start : page.index("</select>", start)]


def test_the_status_filter_offers_each_reader_their_own_states_whoever_came_first(
    client, cycle, cards, finance, politician, editor_a
):
    staff = status_select(fetch(client_for(client.__class__(), finance), list_url(cycle))[0])
    council = fetch(client_for(client.__class__(), politician), list_url(cycle))[0]
    editor = fetch(client_for(client.__class__(), editor_a), list_url(cycle))[0]
    assert 'value="kladde"' in staff and 'value="kladde"' in status_select(editor)
    assert 'value="kladde"' not in status_select(council)
    assert 'value="frigivet"' in status_select(council)


def test_the_filters_show_the_choice_in_force_and_the_second_reader_reads_no_committees(
    client, cycle, cards, finance
):
    staff = client_for(client.__class__(), finance)
    chosen = status_select(fetch(staff, f"{list_url(cycle)}?status=frigivet")[0])
    assert '<option value="frigivet" selected>' in chosen
    with CaptureQueriesContext(connection) as queries:
        plain = status_select(fetch(staff, list_url(cycle))[0])
        again = status_select(fetch(staff, list_url(cycle))[0])
    assert '<option value="frigivet">' in plain and again == plain
    committees = [q for q in queries if 'FROM "budget_portal_committee"' in q["sql"]]
    assert len(committees) == 1  # drawn once, then from the shared cache


def test_a_filter_with_an_error_shows_the_readers_own_choices(client, cycle, cards, finance):
    staff = client_for(client.__class__(), finance)
    fetch(staff, list_url(cycle))  # the filters without a choice are cached
    page = fetch(staff, f"{list_url(cycle)}?status=frigivet&udvalg=999999")[0]
    assert '<option value="frigivet" selected>' in status_select(page)


def test_a_reader_s_departments_are_asked_once_a_page(client, cycle, cards, politician):
    reader = client_for(client.__class__(), politician)
    with CaptureQueriesContext(connection) as queries:
        reader.get(list_url(cycle))
    asked = [q for q in queries if 'FROM "budget_portal_department_editors"' in q["sql"]]
    assert len(asked) == 1
