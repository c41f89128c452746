"""Who decides a permission: the rules alone for their own, the group's model permissions for
the administration."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budget_portal.backends import model_permissions, rules_alone
from letters.models import CoverLetter
from tests.factories import make_card

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as a new request loads it: no permission caches."""
    return type(user).objects.get(pk=user.pk)


def test_rule_a_no_from_the_rules_loads_no_model_permissions(finance):
    user = _fresh(finance)
    with CaptureQueriesContext(connection) as queries:
        assert not user.has_perm("letters.write_department_letter")
    asked = " ".join(q["sql"] for q in queries.captured_queries)
    assert "auth_permission" not in asked


def test_rule_a_group_permission_cannot_overrule_the_rules(finance):
    # A Permission row of the same name (made by hand in the administration's database) must
    # not turn the rules' "no" into a yes.
    forged = Permission.objects.create(
        codename="write_department_letter",
        name="forged",
        content_type=ContentType.objects.get_for_model(CoverLetter),
    )
    finance.user_permissions.add(forged)
    assert not _fresh(finance).has_perm("letters.write_department_letter")


def test_rule_the_administrations_model_permissions_still_come_from_the_group(finance):
    finance.groups.add(Group.objects.get(name="okonomi"))
    user = _fresh(finance)
    assert user.has_perm("hearings.add_hearing")
    assert user.has_perm("hearings.view_response")
    assert not user.has_perm("hearings.delete_response")


def test_rule_a_permission_both_rules_and_model_define_reaches_the_group(politician):
    # proposals.change_proposal is a model permission and a rule: the rules say no to a
    # politician, a model permission given to them still says yes (the administration asks
    # it without an object).
    assert not _fresh(politician).has_perm("proposals.change_proposal")
    politician.user_permissions.add(Permission.objects.get(codename="change_proposal"))
    assert _fresh(politician).has_perm("proposals.change_proposal")


def test_rule_a_model_permission_never_answers_for_one_object(
    politician, finance, department_a, committee
):
    # The administration's model permission is for the model, never for one card: asked
    # with a card, only the rules answer, and they say no to a politician.
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    politician.user_permissions.add(Permission.objects.get(codename="change_proposal"))
    user = _fresh(politician)
    assert user.has_perm("proposals.change_proposal")
    assert not user.has_perm("proposals.change_proposal", card)


def test_which_permissions_the_rules_decide_alone():
    assert "proposals.view_proposal" in model_permissions()
    assert not rules_alone("proposals.view_proposal")
    assert rules_alone("letters.write_department_letter")
    assert not rules_alone("no_such_app.no_such_perm")


def test_the_identity_backend_decides_the_same_way(settings, finance):
    settings.AUTHENTICATION_BACKENDS = [
        "rules.permissions.ObjectPermissionBackend",
        "sso.backends.SessionOnlyBackend",
    ]
    finance.groups.add(Group.objects.get(name="okonomi"))
    user = _fresh(finance)
    assert user.has_perm("hearings.add_hearing")
    with CaptureQueriesContext(connection) as queries:
        assert not user.has_perm("letters.write_department_letter")
    assert "auth_permission" not in " ".join(q["sql"] for q in queries.captured_queries)
