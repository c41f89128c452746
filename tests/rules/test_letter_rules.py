"""Rules of which cover letters a person finds in the list: finance all, a department's
editors their own drafts, everyone the released ones."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from letters.models import CoverLetter, ExpiringGrant, GrantShortfall, LetterStatus
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_rule_the_letter_list_shows_each_person_what_they_may_read(
    cycle, department_a, department_b, finance, editor_a, editor_b
):
    draft_a = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="A")
    draft_b = CoverLetter.objects.create(cycle=cycle, department=department_b, heading="B")
    department_c = DepartmentFactory(cycle=cycle, name="Teknik", committee=department_b.committee)
    released = CoverLetter.objects.create(
        cycle=cycle, department=department_c, heading="C", status=LetterStatus.RELEASED
    )
    department_a.editors.add(UserFactory(roles=["afdeling"]))  # two editors: still listed once

    def visible(user):
        return sorted(CoverLetter.objects.visible_to(user).values_list("heading", flat=True))

    assert visible(finance) == ["A", "B", "C"]
    assert visible(editor_a) == ["A", "C"]
    assert visible(editor_b) == ["B", "C"]
    assert visible(AnonymousUser()) == ["C"]
    assert visible(UserFactory(roles=["politiker"])) == ["C"]
    assert {draft_a.pk, draft_b.pk, released.pk} == set(
        CoverLetter.objects.visible_to(finance).values_list("pk", flat=True)
    )


def test_rule_a_grants_shortfalls_are_read_by_year(cycle, department_a):
    letter = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="A")
    grant = ExpiringGrant.objects.create(letter=letter, name="Domen", position=0)
    y0, y1 = cycle.year_range[:2]
    GrantShortfall.objects.create(grant=grant, year=y1, amount=None)
    GrantShortfall.objects.create(grant=grant, year=y0, amount=2_000_000)
    by_year = grant.shortfall_by_year()
    assert sorted(by_year) == [y0, y1]
    assert (by_year[y0].amount, by_year[y1].amount) == (2_000_000, None)
