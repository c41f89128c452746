"""The search page /soeg/: Danish words, ranking, filters, who finds what, and bad input."""

from __future__ import annotations

import re
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearings.services import Submission, publish_response, submit_response
from implementation.models import ImplementationPlan, ItemKind, PlanGroup, PlanItem
from letters.models import CoverLetter, LetterStatus, LetterTheme
from proposals.models import Proposal, Status
from search.engine import danish_stem, fallback_snippet, fallback_terms
from tests.conftest import client_for
from tests.factories import CommitteeFactory, CycleFactory, DepartmentFactory, make_card

URL = reverse("search:search")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search"
)


@pytest.fixture
def card(finance, department_a, committee):
    """Make a card with a title and a background text (released unless told otherwise)."""
    numbers = iter(range(101, 200))

    def make(title, background="", *, status=Status.RELEASED, department=None, number=None):
        department = department or department_a
        made = make_card(
            by=finance,
            department=department,
            committee=department.committee or committee,
            number=number or f"T{next(numbers)}",
            title=title,
            status=status,
        )
        Proposal.objects.filter(pk=made.pk).update(background=background, consequences="")
        return made

    return make


def found(client, user=None, **params) -> list[str]:
    """The titles on the result page, in order."""
    page = client_for(client, user).get(URL, params)
    assert page.status_code == 200
    html = page.content.decode()
    return [
        re.sub(r"\s+", " ", t).strip()
        for t in re.findall(r'class="h4 search-hit-title"><a href="[^"]*">(.*?)</a>', html, re.S)
    ]


def respond(hearing, text, *, consent=True):
    response, _ = submit_response(
        hearing,
        Submission("Karen", "", "karen@example.dk", text, consent, [], None, uuid.uuid4()),
        client_ip="192.0.2.1",
    )
    return response


# --------------------------------------------------------------- words and ranking


def test_skoler_finds_a_card_about_a_skole(client, card):
    card("Ny skole i Auning", number="A101")
    card("Vejvedligehold")
    assert found(client, q="skoler") == ["A101 Ny skole i Auning"]


def test_a_word_in_the_background_text_is_found(client, card):
    card("Vejvedligehold", "Vejene ved skolerne skal have ny asfalt.", number="T101")
    assert found(client, q="asfalt") == ["T101 Vejvedligehold"]


def test_every_word_must_occur(client, card):
    card("Ny skole i Auning", number="A101")
    card("Ny skole i Grenaa", number="A102")
    assert found(client, q="skole Grenaa") == ["A102 Ny skole i Grenaa"]


def test_a_title_hit_ranks_before_a_text_only_hit(client, card):
    card("Vejvedligehold", "Vejen til skolen repareres.", number="T101")
    card("Skolens tag", "Taget repareres.", number="T102")
    assert found(client, q="skole") == ["T102 Skolens tag", "T101 Vejvedligehold"]


def test_capital_danish_letters_are_found_by_small_ones(client, card):
    card("Ældreplejen i Grenaa", number="T101")
    assert found(client, q="ældreplejen") == ["T101 Ældreplejen i Grenaa"]


def test_snippet_marks_the_word_in_the_text(client, card):
    card("Vejvedligehold", "Lang tekst om veje. Vejen ved skolen får ny asfalt.", number="T101")
    html = client.get(URL, {"q": "skolen"}).content.decode()
    assert "<mark>skolen</mark>" in html


@postgres_only
def test_websearch_syntax_excludes_words_and_finds_phrases(client, card):
    card("Ny skole og skolebus", number="T101")
    card("Ny skole i Auning", number="T102")
    assert found(client, q="skole -skolebus") == ["T102 Ny skole i Auning"]
    assert found(client, q='"skole i auning"') == ["T102 Ny skole i Auning"]


def test_a_minus_word_is_excluded_on_every_database(client, card):
    card("Ny skole og cykelsti", number="T101")
    card("Ny skole i Auning", number="T102")
    assert found(client, q="skole -cykelsti") == ["T102 Ny skole i Auning"]


@postgres_only
def test_a_title_hit_still_ranks_first_past_the_full_rank_limit(client, card, monkeypatch):
    monkeypatch.setattr("search.engine.FULL_RANK_LIMIT", 1)
    card("Vejvedligehold", "Vejen til skolen repareres.", number="T101")
    card("Skolens tag", "Taget repareres.", number="T102")
    assert found(client, q="skole") == ["T102 Skolens tag", "T101 Vejvedligehold"]


@postgres_only
def test_card_and_response_searches_use_their_indexes(client, card, hearing, finance):
    # The indexes (migration 0001) repeat the engine's expressions; if the two drift apart,
    # PostgreSQL silently stops using the index and every search parses every text.
    card("Skole", number="T101")
    publish_response(respond(hearing, "Bevar skolen."), by=finance)
    with CaptureQueriesContext(connection) as context:
        client.get(URL, {"q": "skole"})
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        for query in context.captured_queries:
            if "@@" in query["sql"]:
                cursor.execute("EXPLAIN " + query["sql"])
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    assert any("search_proposal_vector" in plan for plan in plans), plans
    assert any("search_response_vector" in plan for plan in plans), plans


def test_danish_endings_are_cut_in_the_fallback():
    assert [danish_stem(w) for w in ("skolerne", "skoler", "skolen", "skole", "huset")] == [
        "skol", "skol", "skol", "skol", "hus",
    ]  # fmt: skip
    assert danish_stem("bus") == "bus"  # a stem keeps 3 letters
    assert danish_stem("ene") == "ene"
    assert fallback_terms('"Ny skole" -busser') == (["ny", "skol"], ["buss"])


def test_fallback_snippet_is_cut_around_the_first_hit_marked_and_escaped():
    text = "Indledning. " * 40 + "Vejen ved <Skolerne> får asfalt. " + "Slut. " * 40
    snippet = fallback_snippet(text, ["skol"])
    assert snippet.startswith("… ")
    assert snippet.endswith(" …")
    assert "&lt;<mark>Skolerne</mark>&gt; får asfalt." in snippet
    assert len(snippet) < 260


# --------------------------------------------------------------- who finds what


@pytest.fixture
def draft(card):
    return card("Skolereform (kladde)", "Skolerne lægges sammen.", status=Status.DRAFT,
                number="T150")  # fmt: skip


@pytest.mark.parametrize("persona", [None, "politician", "editor_b"])
def test_a_draft_card_is_not_found_by_those_who_may_not_read_it(
    client, draft, department_b, persona, request
):
    user = request.getfixturevalue(persona) if persona else None
    assert found(client, user, q="skolereform") == []
    assert found(client, user, q="skolerne") == []


@pytest.mark.parametrize("persona", ["finance", "editor_a"])
def test_finance_and_the_own_department_find_a_draft_card(client, draft, persona, request):
    assert found(client, request.getfixturevalue(persona), q="skolereform") == [
        "T150 Skolereform (kladde)"
    ]


def test_an_unpublished_hearing_response_is_found_by_nobody(client, hearing, finance):
    respond(hearing, "Bevar skolen i Vivild.")
    respond(hearing, "Bevar skolen i Glesborg.", consent=False)
    for user in (None, finance):
        assert found(client, user, q="skolen") == []


def test_a_published_response_is_found_by_its_published_text_only(client, hearing, finance):
    response = respond(hearing, "Min nabo Jensen siger: bevar skolen i Vivild.")
    publish_response(response, by=finance, published_text="Bevar skolen i Vivild.")
    assert found(client, q="vivild") == ["Svar nr. 1 fra Karen"]
    assert found(client, q="jensen") == []


@pytest.fixture
def letters(cycle, department_a, department_b):
    released = CoverLetter.objects.create(cycle=cycle, department=department_a,
                                          heading="Følgebrev fra Økonomi",
                                          status=LetterStatus.RELEASED)  # fmt: skip
    LetterTheme.objects.create(letter=released, heading="Digitalisering",
                               text="Ny skoleplatform i 2026.")  # fmt: skip
    draft = CoverLetter.objects.create(cycle=cycle, department=department_b,
                                       heading="Følgebrev fra Børn og Familie",
                                       intro="Skoleplatformen koster mere.")  # fmt: skip
    return released, draft


def test_a_letter_is_found_by_its_themes_and_a_draft_letter_only_by_its_readers(
    client, letters, editor_b, finance, politician
):
    assert found(client, q="skoleplatform") == ["Følgebrev fra Økonomi"]
    assert found(client, politician, q="skoleplatform") == ["Følgebrev fra Økonomi"]
    assert sorted(found(client, editor_b, q="skoleplatform")) == [
        "Følgebrev fra Børn og Familie", "Følgebrev fra Økonomi",
    ]  # fmt: skip
    assert len(found(client, finance, q="skoleplatform")) == 2


@pytest.fixture
def unreleased_plan(cycle):
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=False)
    group = PlanGroup.objects.create(plan=plan, name="Skoler og dagtilbud")
    PlanItem.objects.create(group=group, title="Ny skolestruktur", kind=ItemKind.CAPITAL)
    return plan


def test_an_unreleased_plan_is_found_by_staff_only(client, unreleased_plan, politician):
    assert found(client, q="skolestruktur") == []
    assert found(client, politician, q="skolestruktur") == ["Ny skolestruktur"]
    ImplementationPlan.objects.update(released=True)
    assert found(client, q="skolestruktur") == ["Ny skolestruktur"]


# --------------------------------------------------------------- filters


def test_type_and_cycle_filters(client, card, letters, finance):
    card("Skoleplatform", number="T101")
    other_cycle = CycleFactory(slug="andeby-2026", municipality="Andeby Kommune")
    other = DepartmentFactory(cycle=other_cycle, committee=CommitteeFactory(cycle=other_cycle))
    card("Skoleplatform i Andeby", department=other, number="T101")
    assert len(found(client, q="skoleplatform")) == 3
    assert found(client, q="skoleplatform", type="brev") == ["Følgebrev fra Økonomi"]
    assert found(client, q="skoleplatform", type="kort", budget="andeby-2026") == [
        "T101 Skoleplatform i Andeby"
    ]
    assert found(client, q="skoleplatform", budget="andeby-2026", type="brev") == []


def test_an_unknown_filter_value_is_a_message_not_an_error(client, card):
    card("Skole", number="T101")
    html = client.get(URL, {"q": "skole", "type": "hemmelig"}).content.decode()
    assert "Vælg en gyldig mulighed" in html
    assert "search-hit-title" not in html


# --------------------------------------------------------------- the page


def test_result_count_and_no_results_message(client, card):
    card("Skole", number="T101")
    card("Skolebus", "Bussen til skolen.", number="T102")
    assert "2 resultater" in client.get(URL, {"q": "skole"}).content.decode()
    html = client.get(URL, {"q": "svømmehal"}).content.decode()
    assert "Ingen resultater for “svømmehal”." in html


def test_an_empty_query_shows_the_form_and_no_results(client, card):
    card("Skole", number="T101")
    for params in ({}, {"q": ""}, {"q": "   "}):
        page = client.get(URL, params)
        assert page.status_code == 200
        html = page.content.decode()
        assert 'name="q"' in html
        assert "search-hit-title" not in html
        assert "Ingen resultater" not in html


def test_a_very_long_query_is_refused_with_a_danish_message(client, card):
    card("Skole", number="T101")
    page = client.get(URL, {"q": "skole " * 100})
    assert page.status_code == 200
    assert "Søgningen må højst være 200 tegn" in page.content.decode()
    assert "search-hit-title" not in page.content.decode()


def test_a_nul_character_gives_a_message_not_a_crash(client, card):
    card("Skole", number="T101")
    for params in (
        {"q": "sko\x00le"},
        {"q": "skole", "budget": "x\x00"},
        {"q": "skole", "side": "\x00"},
    ):
        page = client.get(URL, params)
        assert page.status_code == 200
    assert "nul-tegn" in client.get(URL, {"q": "sko\x00le"}).content.decode()


@pytest.mark.parametrize("q", ['"', "-", "-skole", "&|!:*", "'", "\\", "%_", "og", "ü ß 🙂"])
def test_odd_input_finds_nothing_without_an_error(client, card, q):
    card("Skole", number="T101")
    page = client.get(URL, {"q": q})
    assert page.status_code == 200
    assert "search-hit-title" not in page.content.decode()


def test_user_text_is_escaped_in_titles_and_snippets(client, card):
    card("<script>alert(1)</script>skole", "<b>skole</b> <img src=x onerror=alert(2)>",
         number="T101")  # fmt: skip
    html = client.get(URL, {"q": "skole"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;skole" in html
    snippet = re.search(r'class="search-hit-snippet">(.*?)</p>', html, re.S).group(1)
    assert "&lt;img src=x onerror=alert" in snippet
    assert "<mark>skole</mark>" in snippet
    assert re.sub(r"</?mark>", "", snippet).count("<") == 0


def test_a_query_that_looks_like_html_is_escaped(client, db):
    html = client.get(URL, {"q": "<script>x</script>"}).content.decode()
    assert "<script>x</script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html


def test_htmx_gets_only_the_results(client, card):
    card("Skole", number="T101")
    page = client.get(URL, {"q": "skole"}, headers={"HX-Request": "true"})
    html = page.content.decode()
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<html" not in html
    assert "1 resultat" in html
    assert "HX-Request" in page["Vary"]


def test_results_are_paged(client, card):
    for n in range(25):
        card(f"Skole nr. {n}", number=f"T{n + 101}")
    first = client.get(URL, {"q": "skole"}).content.decode()
    assert "25 resultater · side 1 af 2" in first
    assert first.count("search-hit-title") == 20
    assert "Næste side" in first
    second = client.get(URL, {"q": "skole", "side": "2"}).content.decode()
    assert second.count("search-hit-title") == 5
    assert "Forrige side" in second


@pytest.mark.parametrize("persona", [None, "finance", "editor_a"])
def test_query_count_does_not_grow_with_the_results(client, card, cycle, department_a, persona,
                                                    request):  # fmt: skip
    client_for(client, request.getfixturevalue(persona) if persona else None)
    # A title hit ranks first, so both pages show a letter and cards: two kinds loaded.
    CoverLetter.objects.create(cycle=cycle, department=department_a, heading="Skoleplatform",
                               status=LetterStatus.RELEASED)  # fmt: skip

    def queries() -> int:
        client.get(URL, {"q": "skoleplatform"})  # warm the session and caches
        with CaptureQueriesContext(connection) as context:
            html = client.get(URL, {"q": "skoleplatform"}).content.decode()
        assert "search-hit-brev" in html
        return len(context.captured_queries)

    for n in range(3):
        card(f"Kort {n}", "Om skoleplatformen.", number=f"T{n + 101}")
    few = queries()
    for n in range(3, 30):
        card(f"Kort {n}", "Om skoleplatformen.", number=f"T{n + 101}")
    assert queries() == few


def test_the_header_has_a_search_field(client, db):
    html = client.get(reverse("home")).content.decode()
    assert f'action="{URL}"' in html
    assert 'id="portal-search-q" name="q"' in html
