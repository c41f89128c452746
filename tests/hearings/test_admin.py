"""Finance sets up hearings in the administration; documents must be real PDFs."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.urls import reverse

from tests.conftest import client_for


def test_finance_staff_can_create_hearings_in_the_admin(client, finance):
    finance.is_staff = True
    finance.save()
    finance.groups.add(Group.objects.get(name="okonomi"))
    client_for(client, finance)
    assert client.get(reverse("admin:hearings_hearing_add")).status_code == 200
    assert client.get(reverse("admin:budget_portal_milestone_add")).status_code == 200
    assert client.get(reverse("admin:hearings_response_changelist")).status_code == 200


def test_politicians_have_no_admin(client, politician):
    politician.is_staff = True
    politician.save()
    client_for(client, politician)
    assert client.get(reverse("admin:hearings_hearing_add")).status_code == 403
