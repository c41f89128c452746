"""The header per role, the cycle switcher and the start pages ("Mine opgaver")."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import timezone

from budget_portal.figures import YearValues
from budget_portal.models import Milestone, MilestoneKind, Publication
from budget_portal.navigation import days_left
from hearings.services import Submission, submit_response
from letters.models import CoverLetter, LetterStatus
from politics.amendments import submit_amendment
from politics.questions import answer_question, ask_question, assign_question
from politics.services import create_scenario
from proposals.models import Status
from proposals.services import change_status
from tests.conftest import client_for
from tests.factories import CycleFactory, UserFactory, make_card

FINANCE = [
    "Mine opgaver",
    "Forslag",
    "Høringer",
    "Spørgsmål",
    "Ændringsforslag",
    "Udløbende bevillinger",
    "Udmøntningsplan",
    "Budgetmål",
    "Administration",
]
DEPARTMENT = ["Mine opgaver", "Forslag", "Spørgsmål", "Følgebreve"]
POLITICIAN = ["Mine opgaver", "Læsesal", "Scenarier", "Spørgsmål", "Ændringsforslag"]
ANONYMOUS = ["Forslag", "Kalender", "Høringer", "Søg", "Åbne data"]


def header_links(html: str) -> list[tuple[str, str]]:
    """(label, href) of the wide header's navigation menu."""
    menu = re.search(r'<ul class="mainmenu">(.*?)</ul>', html, re.S)
    assert menu, "no navigation menu in the header"
    return re.findall(r'href="([^"]+)"[^>]*><span>([^<]+)</span>', menu[1])


def links_of(html: str) -> dict[str, str]:
    return {label: href for href, label in header_links(html)}


def labels(html: str) -> list[str]:
    return [label for _href, label in header_links(html)]


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("finance", FINANCE),
        ("editor_a", DEPARTMENT),
        ("politician_a", POLITICIAN),
        (None, ANONYMOUS),
    ],
)
def test_header_shows_exactly_the_roles_places(who, expected, request, client, cycle, department_a):
    client_for(client, request.getfixturevalue(who) if who else None)
    assert labels(client.get(reverse("home")).content.decode()) == expected


def test_a_user_with_several_roles_sees_each_place_once(client, cycle, department_a):
    user = UserFactory(username="dobbelt", roles=["okonomi", "politiker", "afdeling"])
    client_for(client, user)
    got = labels(client.get(reverse("home")).content.decode())
    assert len(got) == len(set(got))
    assert set(got) == set(FINANCE) | set(DEPARTMENT) | set(POLITICIAN)


def test_a_signed_in_user_without_a_role_gets_the_public_places(client, cycle):
    client_for(client, UserFactory(username="uden-rolle"))
    assert labels(client.get(reverse("home")).content.decode()) == ANONYMOUS


def test_politician_reaches_reading_room_scenarios_questions_amendments_by_clicking(
    client, cycle, politician_a
):
    client_for(client, politician_a)
    links = links_of(client.get(reverse("home")).content.decode())
    for label in ("Læsesal", "Scenarier", "Spørgsmål", "Ændringsforslag", "Mine opgaver"):
        assert client.get(links[label]).status_code == 200, label
    assert links["Læsesal"] == f"/politik/{cycle.slug}/"


def test_header_links_point_at_the_newest_cycle_by_default(client, cycle, finance):
    newer = CycleFactory(slug="testrup-2027", first_year=2027, name="Budget 2027-2030")
    client_for(client, finance)
    links = links_of(client.get(reverse("home")).content.decode())
    assert links["Forslag"] == f"/budget/{newer.slug}/forslag/"
    assert links["Budgetmål"] == f"/politik/{newer.slug}/maal/"


def test_cycle_switcher_works_without_js_and_is_remembered(client, cycle, finance):
    newer = CycleFactory(slug="testrup-2027", first_year=2027, name="Budget 2027-2030")
    client_for(client, finance)
    page = client.get(reverse("proposals:list", kwargs={"cycle_slug": newer.slug})).content.decode()
    # A plain GET form with a select and a submit button: no script needed.
    form = re.search(
        r'<form class="cycle-switcher" method="get" action="([^"]+)">(.*?)</form>', page, re.S
    )
    assert form and form[1] == reverse("choose_cycle")
    assert 'class="form-select"' in form[2] and 'name="budget"' in form[2]
    assert re.search(
        r'<button type="submit" class="button button-secondary">Skift</button>', form[2]
    )
    assert f'<option value="{newer.slug}" selected>' in form[2]

    response = client.get(
        reverse("choose_cycle"), {"budget": cycle.slug, "next": f"/budget/{newer.slug}/forslag/"}
    )
    # The same page, in the chosen cycle.
    assert response.status_code == 302
    assert response["Location"] == f"/budget/{cycle.slug}/forslag/"
    # Remembered: other pages' links now point at the chosen cycle.
    links = links_of(client.get(reverse("home")).content.decode())
    assert links["Forslag"] == f"/budget/{cycle.slug}/forslag/"
    assert f'<option value="{cycle.slug}" selected>' in client.get(reverse("home")).content.decode()


def test_cycle_switcher_from_a_card_lands_on_the_front_page_and_ignores_other_hosts(client, cycle):
    other = CycleFactory(slug="testrup-2027", first_year=2027)
    response = client.get(
        reverse("choose_cycle"),
        {"budget": other.slug, "next": f"/budget/{cycle.slug}/forslag/T101/"},
    )
    assert response["Location"] == "/"
    response = client.get(
        reverse("choose_cycle"), {"budget": other.slug, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"
    unknown = client.get(reverse("choose_cycle"), {"budget": "findes-ikke", "next": "/soeg/"})
    assert unknown["Location"] == "/soeg/"


def test_header_names_the_municipality_of_the_chosen_cycle_else_the_setting(client, db, settings):
    settings.MUNICIPALITY_NAME = "Eksempel Kommune"
    assert '<p class="authority-name">Eksempel Kommune</p>' in client.get("/").content.decode()
    CycleFactory(municipality="Testrup Kommune")
    assert '<p class="authority-name">Testrup Kommune</p>' in client.get("/").content.decode()


def test_sign_in_lands_on_my_tasks(client, finance):
    assert resolve_url(settings.LOGIN_REDIRECT_URL) == "/mine-opgaver/"
    client.get(reverse("login"))
    response = client.post(
        reverse("login"), {"username": finance.username, "password": "kodeord-til-test"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/mine-opgaver/"


def test_my_tasks_needs_sign_in(client, cycle):
    response = client.get(reverse("my_tasks"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- the start pages' counts -------------------------------------------------------------


def tasks_page(client, user) -> str:
    client_for(client, user)
    response = client.get(reverse("my_tasks"))
    assert response.status_code == 200
    assert "<h1>Mine opgaver</h1>" in response.content.decode()
    return text(response)


def submitted(card, by):
    change_status(card, by=by, target=Status.SUBMITTED, based_on_version=card.version)


def test_finance_start_page_counts_what_waits(
    client, cycle, finance, department_a, committee, hearing, politician_a
):
    for n in (1, 2):
        submitted(
            make_card(by=finance, department=department_a, committee=committee, number=f"T20{n}"),
            finance,
        )
    make_card(by=finance, department=department_a, committee=committee, number="T209")  # draft
    for name in ("Karen", "Ole", "Ib"):
        submit_response(
            hearing,
            Submission(name, "", f"{name}@example.dk", "Svar.", True, [], None, uuid.uuid4()),
            client_ip="10.0.0.1",
        )
    q1 = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    q2 = ask_question(cycle, by=politician_a, text="Hvor mange elever?")
    ask_question(cycle, by=politician_a, text="Hvornår?")
    assign_question(
        q1, by=finance, department=department_a, deadline=timezone.localdate() - timedelta(days=1)
    )
    assign_question(
        q2, by=finance, department=department_a, deadline=timezone.localdate() + timedelta(days=3)
    )
    answer_question(q2, by=finance, answer="Det koster 2 mio. kr.")
    cycle.amendment_deadline = Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.DEADLINE,
        title="Frist for ændringsforslag",
        starts_on=timezone.localdate() + timedelta(days=5),
    )
    cycle.save()
    submit_amendment(
        cycle,
        by=politician_a,
        title="Flere pædagoger",
        text="Tekst.",
        years={2026: YearValues(1_000_000, 0, None)},
    )
    Publication.objects.create(
        kind="catalog",
        cycle=cycle,
        fingerprint="x",
        title="Katalog",
        state=Publication.State.FAILED,
    )

    page = tasks_page(client, finance)
    assert '<h2 id="tasks-okonomi">Økonomi</h2>' in page
    assert "2 indsendte forslag venter på en afgørelse" in page
    assert f'href="/budget/{cycle.slug}/forslag/?status=indsendt"' in page
    assert "3 høringssvar venter på moderation" in page
    assert f'href="/hoeringer/{hearing.slug}/moderation/"' in page
    assert "1 spørgsmål er ikke fordelt" in page
    assert f'href="/politik/{cycle.slug}/spoergsmaal/?status=stillet"' in page
    assert "1 spørgsmål har overskredet fristen" in page
    assert "1 svar venter på frigivelse" in page
    assert "1 ændringsforslag modtaget" in page
    assert "1 publikation fejlede" in page
    assert "Afdeling</h2>" not in page and "Politiker</h2>" not in page


def test_finance_start_page_singular(client, cycle, finance, department_a, committee):
    submitted(
        make_card(by=finance, department=department_a, committee=committee, number="T201"), finance
    )
    page = tasks_page(client, finance)
    assert "1 indsendt forslag venter på en afgørelse" in page
    assert "0 høringssvar venter på moderation" in page


def test_department_start_page_counts_own_drafts_questions_and_letters(
    client,
    cycle,
    finance,
    editor_a,
    department_a,
    department_b,
    committee,
    committee_b,
    politician_a,
):
    for n in (1, 2):
        make_card(by=finance, department=department_a, committee=committee, number=f"T20{n}")
    submitted(
        make_card(by=finance, department=department_a, committee=committee, number="T203"), finance
    )
    make_card(by=finance, department=department_b, committee=committee_b, number="T301")
    q = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    deadline = timezone.localdate() + timedelta(days=3)
    assign_question(q, by=finance, department=department_a, deadline=deadline)
    other = ask_question(cycle, by=politician_a, text="Og de andre?")
    assign_question(other, by=finance, department=department_b, deadline=deadline)

    page = tasks_page(client, editor_a)
    assert "2 kladder i din afdeling" in page
    assert f'href="/budget/{cycle.slug}/forslag/?status=kladde"' in page
    assert "1 spørgsmål til besvarelse i din afdeling" in page
    assert f"spørgsmål {q.number}: frist" in page and "(om 3 dage)" in page
    assert f"spørgsmål {other.number}:" not in page
    assert "1 følgebrev at skrive" in page
    assert "Økonomi</h2>" not in page

    CoverLetter.objects.create(
        cycle=cycle, department=department_a, heading="Følgebrev", status=LetterStatus.RELEASED
    )
    assert "0 følgebreve at skrive" in tasks_page(client, editor_a)


def test_politician_start_page_new_cards_questions_deadline_scenarios(
    client, cycle, seed_cards, politician_a, politician_a2, finance
):
    today = timezone.localdate()
    Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.NEGOTIATION,
        title="Budgetforhandlinger",
        starts_on=today + timedelta(days=1),
    )
    Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.NEGOTIATION,
        title="Senere møde",
        starts_on=today + timedelta(days=9),
    )
    ask_question(cycle, by=politician_a, text="Hvad koster det?")
    ask_question(cycle, by=politician_a2, text="Partifællens spørgsmål")
    create_scenario(cycle, by=politician_a, name="Mit scenarie")

    page = tasks_page(client, politician_a)
    assert "4 nye eller ændrede forslag siden sidst" in page
    assert f'href="/politik/{cycle.slug}/#nyt-siden-sidst"' in page
    assert "1 spørgsmål stillet af dig" in page
    assert "1 stillet" in page
    assert "Næste frist: Budgetforhandlinger" in page
    assert "(om 1 dag)" in page
    assert "1 scenarie (dine og partiets)" in page

    # Opening a card marks it seen; a change by finance makes it new again.
    client.get(seed_cards["T101"].get_absolute_url())
    client.get(seed_cards["T105"].get_absolute_url())
    assert "2 nye eller ændrede forslag siden sidst" in tasks_page(client, politician_a)
    card = seed_cards["T101"]
    card.refresh_from_db()
    change_status(card, by=finance, target=Status.ADOPTED, based_on_version=card.version)
    assert "3 nye eller ændrede forslag siden sidst" in tasks_page(client, politician_a)
    room = client.get(reverse("politics:reading_room", kwargs={"cycle_slug": cycle.slug}))
    assert 'id="nyt-siden-sidst"' in room.content.decode()


def test_each_role_sees_its_own_sections_once(client, cycle, department_a):
    user = UserFactory(username="alt", roles=["okonomi", "politiker"])
    page = tasks_page(client, user)
    assert page.count("Økonomi</h2>") == 1
    assert page.count("Politiker</h2>") == 1
    assert "Afdeling</h2>" not in page


def test_days_left_in_danish():
    today = date(2026, 6, 1)
    assert days_left(date(2026, 6, 2), today) == "om 1 dag"
    assert days_left(date(2026, 6, 6), today) == "om 5 dage"
    assert days_left(today, today) == "i dag"
    assert days_left(date(2026, 5, 30), today) == "for 2 dage siden"


def test_the_current_place_is_marked_once(client, cycle, politician_a):
    client_for(client, politician_a)
    html = client.get(reverse("politics:scenarios", kwargs={"cycle_slug": cycle.slug})).content
    current = re.findall(r'aria-current="page"><span>([^<]+)</span>', html.decode())
    assert current == ["Scenarier"]


def test_politician_start_page_does_not_tell_of_a_draft_answer(
    client, cycle, seed_cards, politician_a, finance, editor_a, department_a
):
    # The confidentiality rule (Question.answer_is_visible_to) holds on the start page too:
    # a drafted answer leaves the asker's question "fordelt" until finance releases it.
    q = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(q, by=finance, department=department_a, deadline=date(2026, 10, 1))
    answer_question(q, by=editor_a, answer="Udkast til svar")
    page = tasks_page(client, politician_a)
    assert "1 fordelt" in page
    assert "besvaret" not in page.lower()


def test_signing_in_from_the_front_page_lands_on_my_tasks(client, finance):
    finance.set_password("kode-2026")
    finance.save()
    front = client.get(reverse("home")).content.decode()
    login = re.search(r'href="(/log-ind/[^"]*)"', front).group(1)
    client.get(login)
    answer = client.post(login, {"username": finance.username, "password": "kode-2026"})
    assert answer["Location"] == reverse("my_tasks")


def test_the_header_starts_in_the_default_cycle_until_one_is_chosen(
    client, cycle, finance, settings
):
    newer = CycleFactory(slug="andeby-2027", first_year=2027, municipality="Andeby Kommune")
    client_for(client, finance)
    assert f'<option value="{newer.slug}" selected>' in client.get(reverse("my_tasks")).text
    settings.DEFAULT_CYCLE = cycle.slug
    page = client.get(reverse("my_tasks")).content.decode()
    assert f'<option value="{cycle.slug}" selected>' in page


def test_own_saves_are_not_new_on_the_start_page(client, cycle, seed_cards, finance):
    # The reading room's rule (politics.models.last_seen): what a reader saved is not news to
    # them. A councillor who also works in finance releases a card: not "nyt" to them.
    both = UserFactory(username="begge", roles=["okonomi", "politiker"])
    for card in seed_cards.values():
        client_for(client, both)
        client.get(card.get_absolute_url())
    assert "0 nye eller ændrede forslag siden sidst" in tasks_page(client, both)
    t101 = seed_cards["T101"]
    card = make_card(
        by=both,
        department=t101.department,
        committee=t101.committee,
        number="T150",
        status=Status.RELEASED,
    )
    assert "0 nye eller ændrede forslag siden sidst" in tasks_page(client, both)
    card.refresh_from_db()
    change_status(card, by=finance, target=Status.ADOPTED, based_on_version=card.version)
    assert "1 nyt eller ændret forslag siden sidst" in tasks_page(client, both)
