"""The write side against forged requests: fields a form does not offer (status, department,
author, number, party, cycle) are ignored in every POST form; workflow moves a role may not
make, or that the current state does not allow, are refused with nothing stored."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from proposals.models import Proposal, Revision, Status
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import CycleFactory, make_card
from tests.politics.test_amendments import deadline  # noqa: F401 - fixture
from tests.test_hostile_forms import forms_of
from tests.test_permission_matrix import world  # noqa: F401 - fixture

USERS = ("author", "owner", "asked_by", "submitted_by", "answered_by", "moderated_by", "user")


def fill(name: str, value: str) -> str:
    """A plausible value for an empty text field, so the form gets as far as saving."""
    if value:
        return value
    if name.startswith(("expenses", "revenues", "fte", "missing", "target", "share", "decision_a")):
        return "0"
    if "email" in name:
        return "borger@example.dk"
    if "date" in name or name == "deadline":
        return "1. januar 2027"
    return "Tekst"


def guarded(forged: dict[str, object]) -> dict[tuple, object]:
    """Every stored value of a guarded column: (model, pk, column) -> value."""
    values = {}
    for model in apps.get_models():
        names = {f.name: f.attname for f in model._meta.concrete_fields if f.name in forged}
        if not names:
            continue
        for row in model._default_manager.values("pk", *names.values()):
            for name, attname in names.items():
                values[(model._meta.label, row["pk"], name)] = row[attname]
    return values


@pytest.mark.parametrize("persona", ["anonymous", "editor_a", "politician_a", "finance"])
def test_no_form_takes_a_field_it_does_not_offer(
    client, persona, request, department_b, politician_b, party_b
):
    places = request.getfixturevalue("world")
    other_cycle = CycleFactory(slug="andet-budget")
    forged = {
        "status": Status.ADOPTED,
        "department": department_b.pk,
        "party": party_b.pk,
        "number": 999,
        "cycle": other_cycle.pk,
        **dict.fromkeys(USERS, politician_b.pk),
    }
    if persona != "finance":
        forged["state"] = "offentliggjort"  # finance publishes responses through a form
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    taken = []
    # Every POST form, buttons too (publish, release, mark completed): a move the form
    # offers may happen; what it does not offer must not.
    for form in forms_of(client, places, text_only=False).values():
        data = {name: fill(name, value) for name, value in form["data"].items()}
        offered = set(data) | ({"status"} if "target" in data else set())  # a workflow button
        extra = {name: str(value) for name, value in forged.items() if name not in offered}
        before = guarded(extra)
        client.post(form["action"], {**data, **extra})
        taken += [
            f"{form['action']}: {label} #{pk}.{name} = {value!r}"
            for (label, pk, name), value in guarded(extra).items()
            if value == forged[name] and before.get((label, pk, name)) != value
        ]
    assert not taken, "\n".join(taken)


@pytest.fixture
def draft(finance, department_a, committee):
    return make_card(by=finance, department=department_a, committee=committee, number="T150")


def post_status(client, card: Proposal, target: str):
    # Forged: the page offers no such button, so the request carries the session's own token
    # and the refusal is the workflow's, not the CSRF check's.
    url = reverse("proposals:status", args=[card.cycle.slug, card.number])
    return scripted_post(client, url, {"target": target, "version": card.version, "confirm": "1"})


@pytest.mark.parametrize(
    "who, status, target",
    [
        ("editor_a", Status.DRAFT, Status.RELEASED),  # finance's move
        ("editor_a", Status.DRAFT, Status.ADOPTED),  # not from a draft, and finance's
        ("editor_a", Status.ADOPTED, Status.DRAFT),  # a decision stays for the department too
        ("editor_a", Status.RELEASED, Status.WITHDRAWN),  # released: finance withdraws
        ("finance", Status.DRAFT, Status.ADOPTED),  # a draft is not adopted
        ("finance", Status.WITHDRAWN, Status.RELEASED),  # reopened as a draft first
        ("finance", Status.ADOPTED, Status.DRAFT),  # a decision stays
        ("finance", Status.DRAFT, "hemmelig"),  # no such status
        ("politician_a", Status.RELEASED, Status.ADOPTED),
    ],
)
def test_a_forged_status_move_is_refused_and_nothing_is_stored(
    client, draft, request, who, status, target
):
    Proposal.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()
    revisions = Revision.objects.count()
    client_for(client, request.getfixturevalue(who))
    answer = post_status(client, draft, target)
    assert answer.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.status == status and Revision.objects.count() == revisions


def test_an_editor_cannot_move_another_departments_card(client, draft, editor_b, department_b):
    client_for(client, editor_b)
    assert post_status(client, draft, Status.SUBMITTED).status_code == 404
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_editor_cannot_put_a_card_in_another_department(client, editor_a, draft, department_b):
    client_for(client, editor_a)
    url = reverse("proposals:edit", args=[draft.cycle.slug, draft.number])
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else form[n].value()) for n in form.fields}
    page = client.post(url, {**data, "department": department_b.pk})
    assert page.status_code == 200
    assert "du kan ikke oprette eller rette forslag for den" in page.text
    draft.refresh_from_db()
    assert draft.department_id != department_b.pk


# --- budget questions: asked -> assigned -> answered -> released ------------------------------


@pytest.fixture
def question(cycle, politician_a):
    from politics.questions import ask_question

    return ask_question(cycle, by=politician_a, text="Hvad koster NIS2 i 2027?")


def question_action(client, q, name, **data):
    client.get(q.get_absolute_url())
    url = reverse("politics:question_action", args=[q.cycle.slug, q.number, name])
    return client.post(url, data)


def stored(q) -> tuple:
    q.refresh_from_db()
    return q.state, q.department_id, q.answer, q.released_at


def released(q, *, finance, editor, department):
    from politics.questions import answer_question, assign_question, release_question

    assign_question(q, by=finance, department=department, deadline=timezone.now().date())
    answer_question(q, by=editor, answer="2,9 mio. kr.")
    release_question(q, by=finance)
    return q


def test_a_released_question_is_not_sent_back_by_assigning_it_again(
    client, question, finance, editor_a, department_a, department_b
):
    released(question, finance=finance, editor=editor_a, department=department_a)
    before = stored(question)
    client_for(client, finance)
    answer = question_action(
        client, question, "fordel", department=department_b.pk, deadline="01.10.2026"
    )
    assert answer.status_code == 403
    assert stored(question) == before


def test_a_released_answer_is_not_released_twice(
    client, question, finance, editor_a, department_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    question.asked_by.email = "anna@kommune.dk"
    question.asked_by.save()
    released(question, finance=finance, editor=editor_a, department=department_a)
    before = stored(question)
    client_for(client, finance)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = question_action(client, question, "frigiv")
    assert answer.status_code == 403
    assert stored(question) == before
    assert not mail.outbox  # the asker was told once, at the first release


@pytest.mark.parametrize(
    "who, name, data",
    [
        ("politician_a", "fordel", {"department": "dept", "deadline": "01.10.2026"}),
        ("politician_a", "besvar", {"answer": "Eget svar"}),
        ("politician_a", "frigiv", {}),
        ("editor_a", "fordel", {"department": "dept", "deadline": "01.10.2026"}),
        ("editor_b", "besvar", {"answer": "Fra en anden afdeling"}),  # not their department
        ("editor_a", "frigiv", {}),
        ("finance", "frigiv", {}),  # nothing answered yet
        ("finance", "offentliggoer", {}),  # no such move
    ],
)
def test_a_question_move_the_role_or_state_does_not_allow_is_refused(
    client, question, finance, department_a, department_b, request, who, name, data
):
    from politics.questions import assign_question

    assign_question(question, by=finance, department=department_a,
                    deadline=timezone.now().date())  # fmt: skip
    before = stored(question)
    client_for(client, request.getfixturevalue(who))
    data = {k: (department_b.pk if v == "dept" else v) for k, v in data.items()}
    answer = question_action(client, question, name, **data)
    assert answer.status_code in (403, 404)
    assert stored(question) == before


def test_a_hearing_response_takes_only_what_the_citizen_may_send(client, hearing, finance):
    from hearings.models import Response
    from tests.hearings.test_responding import form_data

    data = form_data(client, hearing)
    forged = {
        "state": "offentliggjort",
        "number": "99",
        "published_text": "Falsk offentlig tekst",
        "receipt": "valgtafmig",
        "moderated_by": str(finance.pk),
        "rejection_reason": "x",
        "erased_at": "2026-01-01T00:00:00Z",
        "hearing": "999",
    }
    assert client.post(hearing.get_absolute_url(), {**data, **forged}).status_code == 302
    response = Response.objects.get()
    assert response.hearing == hearing and response.state == Response.State.RECEIVED
    assert (response.number, response.published_text, response.rejection_reason) == (1, "", "")
    assert response.receipt != "valgtafmig" and response.moderated_by is None
    assert response.erased_at is None
    assert "Falsk offentlig tekst" not in client.get(hearing.get_absolute_url()).text


def test_an_amendment_is_the_submitters_party_whatever_is_posted(
    client, cycle, seed_cards, politician_a, politician_b, party_b, request
):
    from politics.models import Amendment
    from tests.politics.test_amendments import form

    request.getfixturevalue("deadline")
    other_cycle = CycleFactory(slug="andet-budget")
    client_for(client, politician_a)
    url = reverse("politics:amendments", args=[cycle.slug])
    client.get(url)
    forged = {"party": party_b.pk, "number": 99, "submitted_by": politician_b.pk,
              "cycle": other_cycle.pk}  # fmt: skip
    assert client.post(url, {**form(seed_cards), **forged}).status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.party.letter, amendment.number) == ("A", 1)
    assert (amendment.submitted_by, amendment.cycle) == (politician_a, cycle)
