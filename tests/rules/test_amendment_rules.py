"""Rules of the amendment deadline (politics/amendments.py): until which moment a party can
file, what the page says before, at and after it, what finance's deadline becomes in the
calendar, and that a refusal says why and that nothing was kept (found by mutation testing:
the deadline's own moment and the sentences were not pinned)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from budget_portal.figures import YearValues
from budget_portal.models import Milestone, MilestoneKind
from politics.amendments import (
    DeadlinePassed,
    amendment_window,
    deadline_text,
    set_amendment_deadline,
    submit_amendment,
)
from politics.models import Amendment

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
NOON = datetime(2026, 9, 1, 12, 0, tzinfo=COPENHAGEN)
SECOND = timedelta(seconds=1)


def fix(cycle, finance, at=time(12, 0), day=date(2026, 9, 1), **kwargs):
    return set_amendment_deadline(cycle, by=finance, day=day, at=at, **kwargs)


def test_rule_without_a_deadline_no_amendment_can_be_filed(cycle):
    window = amendment_window(cycle, NOON)
    assert window.open is False
    assert window.message == "Fristen for ændringsforslag er ikke fastsat endnu."
    assert deadline_text(cycle) == ""


def test_rule_amendments_are_open_until_just_before_the_deadline_s_moment(cycle, finance):
    fix(cycle, finance)
    before, at = amendment_window(cycle, NOON - SECOND), amendment_window(cycle, NOON)
    assert before.open is True
    assert before.message == (
        "Ændringsforslag kan indsendes til og med 1. september 2026 kl. 12.00."
    )
    assert at.open is False
    assert at.message == (
        "Fristen udløb 1. september 2026 kl. 12.00. Der kan ikke indsendes flere ændringsforslag."
    )


def test_rule_a_deadline_without_a_time_lasts_the_whole_day(cycle, finance):
    milestone = fix(cycle, finance)
    milestone.at_time = None
    milestone.save()
    assert deadline_text(cycle) == "1. september 2026 (dagen ud)"
    assert amendment_window(cycle, datetime(2026, 9, 1, 23, 59, tzinfo=COPENHAGEN)).open
    assert not amendment_window(cycle, datetime(2026, 9, 2, 0, 0, tzinfo=COPENHAGEN)).open


def test_rule_finance_s_new_deadline_is_a_dated_deadline_of_the_parties_in_the_calendar(
    cycle, finance
):
    milestone = fix(cycle, finance)
    assert cycle.amendment_deadline == milestone  # the caller's cycle knows it at once
    stored = Milestone.objects.get(pk=milestone.pk)
    assert (stored.kind, stored.title, stored.bodies) == (
        MilestoneKind.DEADLINE,
        "Frist for ændringsforslag",
        "Partierne",
    )
    assert (stored.starts_on, stored.ends_on, stored.at_time) == (date(2026, 9, 1), None, time(12))
    assert (stored.approximate, stored.date_label) == (False, "")


def test_rule_a_calendar_entry_made_the_deadline_gets_the_exact_day_instead_of_its_month(
    cycle, finance
):
    may = Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.DEADLINE,
        title="Ændringsforslag",
        starts_on=date(2026, 5, 1),
        ends_on=date(2026, 5, 31),
        approximate=True,
        date_label="Maj",
    )
    fix(cycle, finance, milestone=may, day=date(2026, 5, 20))
    may.refresh_from_db()
    assert (may.starts_on, may.ends_on, may.approximate, may.date_label) == (
        date(2026, 5, 20),
        None,
        False,
        "",
    )
    assert may.title == "Ændringsforslag"  # its own title and text stay


def amend(cycle, by, now):
    return submit_amendment(
        cycle,
        by=by,
        title="Bevar svømmehallen",
        text="Lukningen udgår.",
        years={2026: YearValues(expenses=2_000_000, revenues=0, fte=None)},
        now=now,
    )


def test_rule_the_deadline_is_judged_at_the_moment_of_filing(cycle, finance, politician_a, party_a):
    fix(cycle, finance, day=date(2000, 1, 1))  # long over by the clock
    with pytest.raises(DeadlinePassed) as refused:
        amend(cycle, politician_a, datetime(2000, 1, 1, 12, 0, tzinfo=COPENHAGEN))
    assert str(refused.value) == (
        "Fristen udløb 1. januar 2000 kl. 12.00. Der kan ikke indsendes flere ændringsforslag. "
        "Forslaget er ikke gemt."
    )
    assert not Amendment.objects.exists()
    filed = amend(cycle, politician_a, datetime(2000, 1, 1, 11, 59, tzinfo=COPENHAGEN))
    assert (filed.number, filed.party, filed.submitted_by) == (1, party_a, politician_a)


def test_rule_only_a_party_s_politician_may_file_and_is_told_so(cycle, finance):
    fix(cycle, finance)
    with pytest.raises(PermissionDenied) as refused:
        amend(cycle, finance, NOON - SECOND)
    assert str(refused.value) == "Kun politikere i et parti kan stille ændringsforslag."
