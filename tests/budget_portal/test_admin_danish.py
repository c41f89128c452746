"""The administration speaks Danish: model and field names, and the inline add link."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.conftest import client_for


@pytest.fixture
def staff(client, finance):
    finance.is_staff = True
    finance.save()
    finance.groups.add(Group.objects.get(name="okonomi"))
    return client_for(client, finance)


def test_admin_index_names_the_models_in_danish(staff):
    page = staff.get(reverse("admin:index")).content.decode()
    for name in ("Budgetår", "Faser", "Aktiviteter", "Høringer", "Udmøntningsplaner"):
        assert name in page, name


@pytest.mark.parametrize(
    ("url", "labels", "english"),
    [
        ("admin:budget_portal_milestone_add", ["Budgetår:", "Fase:", "Rækkefølge:"],
         ["Cycle:", "Phase:", "Position:"]),
        ("admin:budget_portal_department_add", ["Budgetår:"], ["Cycle:"]),
        ("admin:hearings_hearing_add", ["Budgetår:"], ["Cycle:"]),
        ("admin:implementation_planitem_add", ["Gruppe:"], ["Group:"]),
        ("admin:implementation_case_add", ["Budgetår:", "Udmøntningsplan:"], ["Cycle:", "Plan:"]),
    ],
)  # fmt: skip
def test_admin_forms_label_fields_in_danish(staff, url, labels, english):
    page = staff.get(reverse(url)).content.decode()
    for label in labels:
        assert label in page, label
    for word in english:
        assert word not in page, word


def test_hearing_material_inline_says_tilfoej_endnu_et(staff):
    page = staff.get(reverse("admin:hearings_hearing_add")).content.decode()
    data = re.search(r'data-inline-formset="([^"]*)"', page).group(1)
    assert json.loads(html.unescape(data))["options"]["addText"] == (
        "Tilføj endnu et høringsmateriale"
    )
