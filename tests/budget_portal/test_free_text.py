"""Free text in every form: LF line endings, and no invisible bidirectional controls."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from budget_portal.text import normalise_newlines, reject_bidi_controls
from hearings.models import Response
from politics.models import Comment
from tests.conftest import client_for
from tests.factories import make_card
from tests.hearings.test_responding import form_data as response_data

RLO = "\u202e"  # right-to-left override: "Karen\u202eregrob" reads "Karen borger"
MESSAGE = "Teksten indeholder usynlige retningstegn"


@pytest.mark.parametrize("char", [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))])
def test_every_embedding_override_and_isolate_control_is_refused(char):
    with pytest.raises(ValidationError, match=MESSAGE):
        reject_bidi_controls(f"Navn{char}")


def test_implicit_marks_and_ordinary_text_pass():
    reject_bidi_controls("Ærø \u200e kommune \u200f – 1.250.000 kr.")


def test_line_endings_crlf_and_lone_cr_become_lf():
    assert normalise_newlines("a\r\nb\rc\n") == "a\nb\nc\n"


def test_hearing_response_name_with_bidi_control_is_refused_at_the_field(client, hearing):
    response = client.post(
        hearing.get_absolute_url(), response_data(client, hearing, name=f"Karen{RLO}regrob")
    )
    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors["name"][0]
    assert MESSAGE in response.content.decode()
    assert not Response.objects.exists()


def test_hearing_response_text_is_stored_with_lf(client, hearing):
    client.post(hearing.get_absolute_url(), response_data(client, hearing, text="Et\r\nTo\rTre"))
    assert Response.objects.get().text == "Et\nTo\nTre"


def test_card_text_with_bidi_control_is_refused_at_the_field(
    client, finance, department_a, committee
):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    client_for(client, finance)
    url = reverse("proposals:edit", kwargs={"cycle_slug": card.cycle.slug, "number": card.number})
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else form[n].value()) for n in form.fields}
    response = client.post(url, data | {"background": f"Pris {RLO}000.001"})
    assert response.status_code == 200
    assert MESSAGE in response.context["form"].errors["background"][0]
    card.refresh_from_db()
    assert card.background == "Baggrund."


def test_comment_with_bidi_control_is_refused(client, seed_cards, politician_a):
    card = seed_cards["T101"]
    client_for(client, politician_a)
    client.get(card.get_absolute_url())
    response = client.post(
        reverse("politics:comment_add", args=[card.pk]), {"text": f"Enig{RLO}"}, follow=True
    )
    assert MESSAGE in response.content.decode()
    assert not Comment.objects.exists()


def test_every_form_of_the_portal_gets_the_text_rules():
    # The rule lives in one place (budget_portal.forms); a form built on Django's own bases
    # would let CRLF and bidi controls through unnoticed, so none may be.
    import importlib
    import inspect
    import pkgutil
    from pathlib import Path

    from django import forms as django_forms
    from django.apps import apps

    from budget_portal.forms import CleanTextMixin

    outside = []
    for config in apps.get_app_configs():
        if Path(config.path).parent != settings.BASE_DIR:  # the portal's own apps only
            continue
        for info in pkgutil.walk_packages([config.path], f"{config.name}."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for name, obj in inspect.getmembers(module, inspect.isclass):
                if (
                    obj.__module__ == module.__name__
                    and issubclass(obj, django_forms.BaseForm)
                    and not issubclass(obj, CleanTextMixin)
                ):
                    outside.append(f"{module.__name__}.{name}")
    assert outside == []
