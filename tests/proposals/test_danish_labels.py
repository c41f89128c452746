"""'Inden for servicerammen' in the interface's own labels; a card's data keeps its wording."""

from __future__ import annotations

from django.urls import reverse

from proposals.models import Proposal
from proposals.revisions import field_label
from tests.conftest import client_for
from tests.factories import make_card


def test_interface_spells_inden_for_servicerammen(client, finance, department_a, committee, cycle):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status="frigivet")  # fmt: skip
    # Source wording in the card's own text stays as the department wrote it.
    Proposal.objects.filter(pk=card.pk).update(background="Udgiften ligger indenfor rammen.")
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Inden for servicerammen:" in page
    assert "Indenfor servicerammen" not in page
    assert "Udgiften ligger indenfor rammen." in page
    listing = client.get(
        reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})
    ).content.decode()
    assert "Inden for servicerammen" in listing
    assert "Indenfor servicerammen" not in listing
    assert field_label("service_frame") == "Inden for servicerammen"
    client_for(client, finance)
    edit = reverse("proposals:edit", kwargs={"cycle_slug": cycle.slug, "number": card.number})
    assert "Inden for servicerammen" in client.get(edit).content.decode()
