"""Rules of what a reader of the reading room knows and sees (politics/models.py): which
version of a card each reader last knew and when, which cards are new or changed to them,
whose comments, questions, amendments and scenarios they see, and how a draft answer's state
shows to someone not writing it (found by mutation testing: the rules were tested with one
reader at a time, so a filter on the wrong user or card went unnoticed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from politics.models import (
    Amendment,
    CardView,
    Comment,
    Membership,
    Novelty,
    Question,
    QuestionState,
    Scenario,
    last_seen,
    new_or_changed_for,
    novelty,
)
from proposals.models import Proposal, Revision
from tests.factories import UserFactory, make_card

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards(finance, department_a, committee):
    return [
        make_card(by=finance, department=department_a, committee=committee, number=n)
        for n in ("R201", "R202", "R203")
    ]


def bump(card, by) -> Revision:
    """A new version of CARD saved by BY."""
    number = card.version + 1
    revision = Revision.objects.create(
        proposal=card, number=number, author=by, action="Rettet", snapshot={}
    )
    Proposal.objects.filter(pk=card.pk).update(version=number)
    card.version = number
    return revision


def view(user, card, version=None) -> CardView:
    return CardView.objects.create(user=user, proposal=card, seen_version=version or card.version)


def test_rule_a_reader_knows_the_version_they_opened_or_saved_last_and_when(
    cards, politician_a, politician_b
):
    opened, saved, untouched = cards
    seen_view = view(politician_a, opened)
    view(politician_b, untouched)  # another reader's visit is not this reader's
    own = bump(saved, politician_a)
    bump(untouched, politician_b)  # nor another author's edit
    known = last_seen(politician_a, Proposal.objects.filter(pk__in=[c.pk for c in cards]))
    assert set(known) == {opened.pk, saved.pk}
    assert (known[opened.pk].version, known[opened.pk].at) == (1, seen_view.seen_at)
    assert (known[saved.pk].version, known[saved.pk].at) == (2, own.created_at)
    # Only the cards asked about, given as a list as well.
    assert set(last_seen(politician_a, [opened])) == {opened.pk}


def test_rule_having_opened_the_version_one_saved_keeps_the_time_of_opening(cards, politician_a):
    card = cards[0]
    bump(card, politician_a)
    opened = view(politician_a, card)
    CardView.objects.filter(pk=opened.pk).update(seen_at=timezone.now() + timedelta(hours=1))
    opened.refresh_from_db()
    known = last_seen(politician_a, [card])[card.pk]
    assert (known.version, known.at) == (2, opened.seen_at)


def test_rule_new_or_changed_is_what_the_reader_has_not_opened_or_saved_as_it_is(
    cards, politician_a, politician_b
):
    never, old_view, current = cards
    view(politician_a, old_view)
    bump(old_view, politician_b)
    view(politician_a, current)
    view(politician_b, never)  # another reader's visit does not count
    listed = Proposal.objects.filter(pk__in=[c.pk for c in cards])
    assert set(new_or_changed_for(politician_a, listed)) == {never, old_view}
    seen = last_seen(politician_a, cards)
    assert [novelty(seen, c) for c in (never, old_view, current)] == [
        Novelty.NEW,
        Novelty.CHANGED,
        None,
    ]


def test_rule_own_edits_are_not_new_but_later_edits_by_others_are(cards, politician_a, finance):
    mine, revised_after, _other = cards
    bump(mine, politician_a)
    bump(revised_after, politician_a)
    bump(revised_after, finance)
    bump(revised_after, politician_a)  # a later own save counts, not the first one
    bump(_other, finance)
    listed = Proposal.objects.filter(pk__in=[c.pk for c in cards])
    assert set(new_or_changed_for(politician_a, listed)) == {_other}
    bump(mine, finance)
    assert set(new_or_changed_for(politician_a, listed)) == {mine, _other}


def test_rule_comments_are_for_the_reading_room_and_a_private_note_for_its_author(
    cards, politician_a, politician_b, editor_a
):
    card = cards[0]
    remark = Comment.objects.create(proposal=card, author=politician_a, text="Godt forslag.")
    note = Comment.objects.create(
        proposal=card, author=politician_a, text="Husk at spørge til driften", private=True
    )
    assert set(Comment.objects.visible_to(politician_a)) == {remark, note}
    assert set(Comment.objects.visible_to(politician_b)) == {remark}
    assert not Comment.objects.visible_to(editor_a).exists()  # signed in, not a reader
    assert str(note) == f"{card.number}: Husk at spørge til driften"


def ask(cycle, by, party, **fields):
    number = Question.objects.filter(cycle=cycle).count() + 1
    return Question.objects.create(
        cycle=cycle, number=number, asked_by=by, party=party, text="Hvad koster det?", **fields
    )


def test_rule_a_department_sees_the_questions_assigned_to_it_only(
    cycle, politician_b, party_b, department_a, department_b, editor_a
):
    mine = ask(cycle, politician_b, party_b, department=department_a, state=QuestionState.ASSIGNED)
    ask(cycle, politician_b, party_b, department=department_b, state=QuestionState.ASSIGNED)
    assert list(Question.objects.for_departments_of(editor_a)) == [mine]
    assert list(Question.objects.visible_to(editor_a)) == [mine]


def test_rule_a_politician_who_edits_a_department_also_sees_its_questions(
    cycle, politician_a, politician_b, party_b, department_a
):
    department_a.editors.add(politician_a)
    assigned = ask(
        cycle, politician_b, party_b, department=department_a, state=QuestionState.ASSIGNED
    )
    assert list(Question.objects.visible_to(politician_a)) == [assigned]


def test_rule_a_politician_still_sees_the_question_they_asked_after_leaving_the_party(
    cycle, politician_a, party_a
):
    asked = ask(cycle, politician_a, party_a)
    Membership.objects.filter(user=politician_a).delete()
    assert list(Question.objects.visible_to(politician_a)) == [asked]


def test_rule_a_draft_answer_shows_as_assigned_to_an_editor_of_another_department(
    cycle, politician_a, party_a, department_a, department_b, editor_a, editor_b
):
    question = ask(
        cycle,
        politician_a,
        party_a,
        department=department_a,
        state=QuestionState.ANSWERED,
        answer="Det koster 2 mio. kr.",
        deadline=date(2026, 9, 1),
    )
    shown = {
        user.username: Question.objects.with_state_for(user).get(pk=question.pk).shown_state_label
        for user in (editor_a, editor_b, politician_a)
    }
    assert shown == {
        editor_a.username: "Besvaret (kladde)",
        editor_b.username: "Fordelt",
        politician_a.username: "Fordelt",
    }
    assert question.visible_answer_for(politician_a) == ""
    assert question.visible_answer_for(editor_a) == "Det koster 2 mio. kr."


def test_rule_amendments_are_hidden_from_the_public_and_from_those_without_a_party(
    cycle, politician_a, party_a
):
    filed = Amendment.objects.create(
        cycle=cycle, number=1, party=party_a, submitted_by=politician_a, title="Bevar", text=""
    )
    outsider = UserFactory(username="uden-parti", roles=["politiker"])
    assert not Amendment.objects.visible_to(AnonymousUser()).exists()
    assert not Amendment.objects.visible_to(outsider).exists()
    assert list(Amendment.objects.visible_to(politician_a)) == [filed]


def test_rule_a_scenario_shared_without_a_party_is_still_nobody_else_s(cycle, finance):
    colleague = UserFactory(username="kollega", roles=["okonomi"])
    Scenario.objects.create(cycle=cycle, owner=finance, name="Egen", shared_with_party=True)
    assert not Scenario.objects.visible_to(colleague).exists()
    assert Scenario.objects.visible_to(finance).count() == 1
