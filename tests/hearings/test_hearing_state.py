"""A hearing's state (Hearing.state): upcoming before it opens, open until the moment it
closes, closed from then on; the list and the hearing's page both follow it."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hearings.models import Hearing


def _section(html: str, heading: str) -> str:
    """The list's part under HEADING, up to the next heading."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2", start + 1)
    return html[start : end if end != -1 else len(html)]


@pytest.fixture
def three_hearings(cycle):
    now = timezone.now()
    made = {}
    for slug, opens, closes in (
        ("kommende-hoering", now + timedelta(days=1), now + timedelta(days=8)),
        ("aaben-hoering", now - timedelta(days=1), now + timedelta(days=8)),
        ("lukket-hoering", now - timedelta(days=8), now - timedelta(seconds=1)),
    ):
        made[slug] = Hearing.objects.create(
            cycle=cycle, slug=slug, title=f"Høring {slug}", opens_at=opens, closes_at=closes
        )
    return made


def test_rule_the_hearing_list_places_each_hearing_under_its_state(client, three_hearings):
    html = client.get(reverse("hearings:list")).content.decode()
    assert "Høring aaben-hoering" in _section(html, "Åbne høringer")
    assert "Høring kommende-hoering" in _section(html, "Kommende høringer")
    assert "Høring lukket-hoering" in _section(html, "Afsluttede høringer")
    assert len(re.findall(r"Høring (?:aaben|kommende|lukket)-hoering", html)) == 3


@pytest.mark.parametrize(
    ("slug", "says"),
    [
        ("kommende-hoering", "Høringen er ikke åbnet endnu."),
        ("aaben-hoering", "Høringen er åben."),
        ("lukket-hoering", "Høringen er lukket."),
    ],
)
def test_rule_the_hearing_page_says_its_state(client, three_hearings, slug, says):
    html = client.get(three_hearings[slug].get_absolute_url()).content.decode()
    assert says in html
    # Only an open hearing offers the response form.
    assert ('name="submission_key"' in html) is (slug == "aaben-hoering")


def test_rule_a_hearing_is_closed_at_the_moment_it_closes(cycle):
    now = timezone.now()
    hearing = Hearing(cycle=cycle, opens_at=now - timedelta(days=1), closes_at=now)
    assert hearing.state(now) == Hearing.State.CLOSED
    assert hearing.state(now - timedelta(microseconds=1)) == Hearing.State.OPEN
    assert hearing.state(now - timedelta(days=1)) == Hearing.State.OPEN
    assert hearing.state(now - timedelta(days=1, microseconds=1)) == Hearing.State.UPCOMING
