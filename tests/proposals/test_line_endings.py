"""Browsers post textareas with CRLF: a card saved unchanged must not look changed."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.urls import reverse

from proposals.models import Proposal, Revision
from proposals.revisions import snapshot
from tests.conftest import client_for
from tests.factories import make_card

BACKGROUND = "Første afsnit.\n\n- punkt et\n- punkt to\n\nSidste afsnit."
CONSEQUENCES = "Linje et\nLinje to"


def _card(finance, department_a, committee) -> Proposal:
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    Proposal.objects.filter(pk=card.pk).update(background=BACKGROUND, consequences=CONSEQUENCES)
    card.refresh_from_db()
    card.revisions.update(snapshot=snapshot(card))  # as if created with these texts
    return card


def _as_browser_posts(client, url) -> dict:
    form = client.get(url).context["form"]
    data = {n: ("" if form[n].value() is None else form[n].value()) for n in form.fields}
    return {k: v.replace("\n", "\r\n") if isinstance(v, str) else v for k, v in data.items()}


def test_crlf_text_unchanged_and_one_amount_changed_records_only_the_amount(
    client, finance, department_a, committee
):
    card = _card(finance, department_a, committee)
    client_for(client, finance)
    url = reverse("proposals:edit", kwargs={"cycle_slug": card.cycle.slug, "number": card.number})
    data = _as_browser_posts(client, url) | {"expenses_2027": "2,500"}
    assert "\r\n" in data["background"]
    assert client.post(url, data).status_code == 302

    card.refresh_from_db()
    assert card.background == BACKGROUND
    assert card.consequences == CONSEQUENCES
    latest = card.revisions.first()
    assert latest.changed == ["Udgifter 2027", "Netto 2027"]

    compare = reverse(
        "proposals:compare", kwargs={"cycle_slug": card.cycle.slug, "number": card.number}
    )
    response = client.get(compare, {"kun": "aendringer"})
    page = response.content.decode()
    assert [row.label for row in response.context["rows"]] == ["Udgifter 2027", "Netto 2027"]
    assert "Baggrund og beskrivelse" not in page
    assert "Økonomiske konsekvenser" not in page


def test_crlf_text_saved_alone_makes_no_revision(client, finance, department_a, committee):
    card = _card(finance, department_a, committee)
    client_for(client, finance)
    url = reverse("proposals:edit", kwargs={"cycle_slug": card.cycle.slug, "number": card.number})
    client.post(url, _as_browser_posts(client, url))
    assert card.revisions.count() == 1


def test_lone_cr_and_crlf_from_a_service_are_stored_as_lf(finance, department_a, committee):
    card = make_card(by=finance, department=department_a, committee=committee, number="T102")
    card.background = "a\r\nb\rc"
    card.save()
    card.refresh_from_db()
    assert card.background == "a\nb\nc"


def test_migration_turns_crlf_rows_and_snapshots_into_lf(finance, department_a, committee):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101")
    first = card.revisions.get()
    crlf = snapshot(card) | {"background": "Et\r\nTo", "consequences": "Tre\rFire"}
    Revision.objects.filter(pk=first.pk).update(snapshot=crlf)
    second = Revision.objects.create(
        proposal=card, number=2, author=finance, action="Rettet",
        snapshot=crlf | {"background": "Et\nTo"},
        changed=["Baggrund og beskrivelse"],
    )  # fmt: skip
    Proposal.objects.filter(pk=card.pk).update(background="Et\r\nTo", title="Titel\r")

    migration = importlib.import_module("proposals.migrations.0004_normalise_line_endings")
    migration.normalise_line_endings(apps, type("Editor", (), {})())

    card.refresh_from_db()
    assert (card.background, card.title) == ("Et\nTo", "Titel\n")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.snapshot["background"] == "Et\nTo"
    assert first.snapshot["consequences"] == "Tre\nFire"
    assert second.changed == []  # the old CRLF was its only "change"
