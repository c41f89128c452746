"""Rules of the spine's models (budget_portal/models.py) and the subscriptions' small ones: the
order cycles are offered in, a department's committee from its own cycle, which calendar
milestones are still to come, a publication's parts and the file that stays published while a
new one renders, and the names the admin shows (found by mutation testing: no test in the
list called these)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from budget_portal.models import (
    BudgetCycle,
    Department,
    Milestone,
    MilestoneKind,
    Publication,
    PublicationPart,
)
from subscriptions.models import HearingAnnouncement, SignupAttempt, new_key
from tests.factories import CommitteeFactory, CycleFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 9, 15)


def test_rule_cycles_come_newest_year_first_then_by_municipality():
    CycleFactory(municipality="Testrup Kommune", first_year=2026, slug="t26")
    CycleFactory(municipality="Norddjurs Kommune", first_year=2026, slug="n26")
    CycleFactory(municipality="Aarhus Kommune", first_year=2025, slug="a25")
    CycleFactory(municipality="Testrup Kommune", first_year=2027, slug="t27")
    assert list(BudgetCycle.objects.newest_first().values_list("slug", flat=True)) == [
        "t27",
        "n26",
        "t26",
        "a25",
    ]


def test_rule_a_cycle_opens_on_its_card_list(cycle):
    assert cycle.get_absolute_url() == "/budget/testrup-2026/forslag/"


def test_rule_a_department_answers_to_a_committee_of_its_own_cycle(cycle, committee):
    other = CommitteeFactory(cycle=CycleFactory(slug="andet"), number=1)
    wrong = Department(cycle=cycle, name="Teknik", committee=other)
    with pytest.raises(ValidationError) as refused:
        wrong.clean()
    assert refused.value.message_dict == {"committee": ["Udvalget hører til et andet budgetår."]}
    Department(cycle=cycle, name="Teknik", committee=committee).clean()
    Department(cycle=cycle, name="Teknik").clean()


def milestone(cycle, title, starts_on, ends_on=None, position=0) -> Milestone:
    return Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.DEADLINE,
        title=title,
        starts_on=starts_on,
        ends_on=ends_on,
        position=position,
    )


def test_rule_a_milestone_is_upcoming_until_its_last_day_is_over_soonest_first(cycle):
    day = timedelta(days=1)
    milestone(cycle, "i går", TODAY - day)
    milestone(cycle, "sluttede i går", TODAY - 5 * day, TODAY - day)
    milestone(cycle, "i morgen", TODAY + day)
    milestone(cycle, "i dag, som nr. 2", TODAY, position=2)
    milestone(cycle, "i dag, som nr. 1", TODAY, position=1)
    milestone(cycle, "slutter i dag", TODAY - 5 * day, TODAY)
    assert [m.title for m in Milestone.objects.upcoming(TODAY)] == [
        "slutter i dag",
        "i dag, som nr. 1",
        "i dag, som nr. 2",
        "i morgen",
    ]


def test_rule_a_milestone_cannot_end_before_it_starts(cycle):
    backwards = Milestone(cycle=cycle, kind=MilestoneKind.MEETING, title="Møde",
                          starts_on=TODAY, ends_on=TODAY - timedelta(days=1))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        backwards.clean()
    assert refused.value.message_dict == {"ends_on": ["Slutdatoen ligger før startdatoen."]}
    Milestone(cycle=cycle, kind=MilestoneKind.MEETING, title="Møde", starts_on=TODAY,
              ends_on=TODAY).clean()  # fmt: skip
    Milestone(cycle=cycle, kind=MilestoneKind.MEETING, title="Møde", starts_on=TODAY).clean()


def publication(cycle, state=Publication.State.DONE, finished=None, **more) -> Publication:
    fields = {"kind": "catalog", "params": {}, "title": "Katalog"} | more
    return Publication.objects.create(
        cycle=cycle,
        fingerprint=f"{Publication.objects.count()}-{state}",
        state=state,
        finished_at=finished,
        **fields,
    )


def test_rule_parts_done_counts_the_finished_parts_of_a_publication_in_parts(cycle):
    whole = publication(cycle)
    assert whole.parts_done() is None
    State = Publication.State
    done, queued, failed = State.DONE, State.QUEUED, State.FAILED
    for index, state in enumerate([done, queued, done, done, failed]):
        PublicationPart.objects.create(publication=whole, index=index, state=state)
    assert whole.parts_done() == (3, 5)
    part = whole.parts.get(index=1)
    assert str(part) == f"{whole} (2)"


def test_rule_the_previous_ready_file_is_the_newest_finished_one_of_the_same_material(cycle):
    at = datetime(2026, 9, 1, 12, tzinfo=UTC)
    older = publication(cycle, finished=at)
    newest = publication(cycle, finished=at + timedelta(hours=2))
    publication(cycle, state=Publication.State.FAILED, finished=at + timedelta(hours=3))
    publication(cycle, kind="card", finished=at + timedelta(hours=4))
    publication(cycle, params={"committee": 1}, finished=at + timedelta(hours=4))
    elsewhere = publication(CycleFactory(slug="andet"), finished=at + timedelta(hours=4))
    rendering = publication(cycle, state=Publication.State.RUNNING)
    assert rendering.previous_ready() == newest
    assert newest.previous_ready() == older  # never itself
    assert elsewhere.previous_ready() is None


def test_rule_the_admin_names_an_announcement_by_its_hearing_and_an_attempt_by_time(hearing):
    assert str(HearingAnnouncement(hearing=hearing)) == str(hearing)
    attempt = SignupAttempt(
        client_hash="abcdef0123456789", created_at=datetime(2026, 9, 1, 8, 5, tzinfo=UTC)
    )
    assert str(attempt) == "abcdef01 2026-09-01 08:05"
    keys = {new_key() for _ in range(20)}
    assert len(keys) == 20 and all(len(k) == 32 for k in keys)
