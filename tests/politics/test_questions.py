"""Budget questions: numbering, the way from asked to released, who sees what, e-mails."""

from __future__ import annotations

import io
import threading
from datetime import date, timedelta

import openpyxl
import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from politics.models import Question
from politics.questions import answer_question, ask_question, assign_question, release_question
from tests.clients import scripted_post
from tests.conftest import client_for


def action(client, q, name, scripted=False, **data):
    url = reverse("politics:question_action", args=[q.cycle.slug, q.number, name])
    if scripted:  # the page offers this user no such button
        return scripted_post(client, url, data)
    client.get(q.get_absolute_url())
    return client.post(
        reverse("politics:question_action", args=[q.cycle.slug, q.number, name]), data
    )


def test_ask_assign_answer_release(
    client,
    cycle,
    seed_cards,
    politician_a,
    finance,
    editor_a,
    department_a,
    django_capture_on_commit_callbacks,
):
    politician_a.email, editor_a.email = "anna@kommune.dk", "anders@kommune.dk"
    politician_a.save()
    editor_a.save()
    client_for(client, politician_a)
    client.get(reverse("politics:questions", args=[cycle.slug]))
    response = client.post(
        reverse("politics:questions", args=[cycle.slug]),
        {"text": "Hvad koster NIS2 i 2027?", "proposal": seed_cards["T105"].pk},
    )
    question = Question.objects.get()
    assert response["Location"] == question.get_absolute_url()
    assert (question.number, question.party.letter, question.proposal.number) == (1, "A", "T105")

    client_for(client, finance)
    with django_capture_on_commit_callbacks(execute=True):
        action(client, question, "fordel", department=department_a.pk, deadline="01.10.2026")
    question.refresh_from_db()
    assert (question.state, question.deadline) == ("fordelt", date(2026, 10, 1))
    assert mail.outbox[-1].to == ["anders@kommune.dk"]
    assert "Spørgsmål 1 er fordelt" in mail.outbox[-1].subject

    client_for(client, editor_a)
    action(client, question, "besvar", answer="2,9 mio. kr.")
    question.refresh_from_db()
    assert question.state == "besvaret"
    assert action(client, question, "frigiv", scripted=True).status_code == 403

    client_for(client, finance)
    with django_capture_on_commit_callbacks(execute=True):
        action(client, question, "frigiv", confirm="1")
    question.refresh_from_db()
    assert question.state == "frigivet"
    assert mail.outbox[-1].to == ["anna@kommune.dk"]


def test_who_sees_a_question_before_and_after_release(
    client,
    cycle,
    seed_cards,
    politician_a,
    politician_a2,
    politician_b,
    finance,
    editor_a,
    editor_b,
    department_a,
):
    q = ask_question(cycle, by=politician_a, text="Spørgsmål fra A")
    url = q.get_absolute_url()
    for user, status in ((politician_a2, 200), (politician_b, 404), (editor_a, 404)):
        client_for(client, user)
        assert client.get(url).status_code == status
    assign_question(q, by=finance, department=department_a, deadline=date(2026, 10, 1))
    for user, status in ((editor_a, 200), (editor_b, 404)):
        client_for(client, user)
        assert client.get(url).status_code == status
    answer_question(q, by=editor_a, answer="Svar")
    release_question(q, by=finance)
    client_for(client, politician_b)
    assert client.get(url).status_code == 200
    page = client.get(reverse("politics:answers", args=[cycle.slug])).content.decode()
    assert "Spørgsmål 1" in page and "Svar" in page


def test_overdue_filter(client, cycle, politician_a, finance, department_a):
    late = ask_question(cycle, by=politician_a, text="Sent")
    assign_question(
        late, by=finance, department=department_a, deadline=timezone.localdate() - timedelta(days=1)
    )
    ontime = ask_question(cycle, by=politician_a, text="I tide")
    assign_question(
        ontime,
        by=finance,
        department=department_a,
        deadline=timezone.localdate() + timedelta(days=5),
    )
    client_for(client, finance)
    listed = client.get(reverse("politics:questions", args=[cycle.slug]), {"overskredet": "1"})
    assert [q.number for q in listed.context["questions"]] == [1]
    assert "overskredet" in listed.content.decode()


def test_only_politicians_ask(client, cycle, finance, editor_a):
    for user in (finance, editor_a):
        client_for(client, user)
        response = client.post(reverse("politics:questions", args=[cycle.slug]), {"text": "Hej?"})
        assert response.status_code == 403
    assert not Question.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_askers_at_the_same_moment_get_numbers_without_gap(cycle, politician_a, politician_b):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:"):
        pytest.skip("in-memory SQLite shares one connection between threads")
    barrier = threading.Barrier(4)

    def ask(user):
        try:
            barrier.wait()
            ask_question(cycle, by=user, text=f"Spørgsmål fra {user.username}")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=ask, args=(u,))
        for u in (politician_a, politician_b, politician_a, politician_b)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(Question.objects.values_list("number", flat=True)) == [1, 2, 3, 4]


def test_answers_publication_pdf_and_excel(
    client, cycle, politician_a, finance, department_a, editor_a
):
    q = ask_question(cycle, by=politician_a, text="Hvor mange årsværk?")
    assign_question(q, by=finance, department=department_a, deadline=date(2026, 10, 1))
    answer_question(q, by=editor_a, answer="Tre årsværk.")
    release_question(q, by=finance)
    ask_question(cycle, by=politician_a, text="Ubesvaret")
    client_for(client, politician_a)
    pdf = client.get(reverse("politics:answers_pdf", args=[cycle.slug]), follow=True)
    reader = PdfReader(io.BytesIO(b"".join(pdf.streaming_content)))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Svar på budgetspørgsmål" in text and "Tre årsværk." in text
    assert "Ubesvaret" not in text
    xlsx = client.get(reverse("politics:answers_xlsx", args=[cycle.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][7] == "Tre årsværk."


@pytest.fixture
def answered(cycle, politician_a, finance, department_a, editor_a):
    q = ask_question(cycle, by=politician_a, text="Hvad koster det?")
    assign_question(q, by=finance, department=department_a, deadline=date(2026, 10, 1))
    return answer_question(q, by=editor_a, answer="Det koster 1,2 mio. kr.")


def _release_url(q):
    return reverse("politics:question_action", args=[q.cycle.slug, q.number, "frigiv"])


def test_release_asks_for_confirmation_without_javascript(client, answered, finance):
    client_for(client, finance)
    page = client.get(answered.get_absolute_url()).content.decode()
    assert "Godkend og frigiv svaret" in page
    first = client.post(_release_url(answered))
    html = first.content.decode()
    assert first.status_code == 200
    assert "Er du sikker på, at du vil frigive svaret på spørgsmål 1?" in html
    assert "Frigivelsen kan ikke fortrydes." in html
    assert 'name="confirm" value="1"' in html and "Ja, frigiv svaret" in html
    answered.refresh_from_db()
    assert answered.state == "besvaret"  # nothing released by the first click
    assert not mail.outbox
    second = client.post(_release_url(answered), {"confirm": "1"})
    assert second.status_code == 302
    answered.refresh_from_db()
    assert answered.state == "frigivet"


def test_release_confirmation_as_htmx_fragment(client, answered, finance):
    client_for(client, finance)
    client.get(answered.get_absolute_url())
    fragment = client.post(_release_url(answered), headers={"HX-Request": "true"})
    html = fragment.content.decode()
    assert html.lstrip().startswith('<div id="release">')
    assert "Er du sikker" in html and "csrfmiddlewaretoken" in html
    answered.refresh_from_db()
    assert answered.state == "besvaret"


def test_only_finance_reaches_the_release_confirmation(client, answered, editor_a, politician_a):
    for user in (editor_a, politician_a):
        client_for(client, user)
        client.get(answered.get_absolute_url())
        assert client.post(_release_url(answered)).status_code == 403
        assert client.post(_release_url(answered), {"confirm": "1"}).status_code == 403
    answered.refresh_from_db()
    assert answered.state == "besvaret"


def test_the_list_marks_only_open_questions_past_their_deadline_as_late(
    client, cycle, politician_a, finance, editor_a, department_a
):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = ask_question(cycle, by=politician_a, text="Sent")
    assign_question(late, by=finance, department=department_a, deadline=yesterday)
    answered = ask_question(cycle, by=politician_a, text="Besvaret i tide")
    assign_question(answered, by=finance, department=department_a, deadline=yesterday)
    answer_question(answered, by=editor_a, answer="Svaret")
    client_for(client, finance)
    listed = client.get(reverse("politics:questions", args=[cycle.slug]))
    assert listed.content.decode().count('<strong class="badge badge-error">overskredet') == 1
    assert {q.number: q.is_late for q in listed.context["questions"]} == {1: True, 2: False}
