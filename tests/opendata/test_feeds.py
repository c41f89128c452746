"""RSS and Atom: hearings as they open, a cycle's public cards as they change."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

# defusedxml parses into xml.etree elements, without entity expansion.
from defusedxml import ElementTree
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from hearings.models import Hearing
from proposals.models import Status
from proposals.services import change_status
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import make_card
from tests.opendata.conftest import SECRET

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    return [{child.tag: child.text for child in item} for item in channel.iter("item")]


def atom_entries(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    return [
        {
            "title": e.findtext(f"{ATOM}title"),
            "link": e.find(f"{ATOM}link").get("href"),
            "id": e.findtext(f"{ATOM}id"),
        }
        for e in feed.iter(f"{ATOM}entry")
    ]


def test_hearings_feed_lists_opened_hearings_with_absolute_links(client, open_world, settings):
    settings.ALLOWED_HOSTS = ["budget.testrup.dk", "testserver"]
    items = rss_items(client.get("/feeds/hoeringer.rss", HTTP_HOST="budget.testrup.dk"))
    assert [i["title"] for i in items] == ["Høring om effektiviseringskatalog"]
    item = items[0]
    assert item["link"] == "http://budget.testrup.dk/hoeringer/effektiviseringskatalog/"
    assert "Høringsperiode:" in item["description"]
    assert "Kataloget er i høring." in item["description"]
    channel = ElementTree.fromstring(client.get("/feeds/hoeringer.rss").content).find("channel")
    assert channel.findtext("title") == "Høringer om budgettet"
    assert channel.findtext("language") == "da"


def test_hearings_atom_feed(client, open_world):
    entries = atom_entries(client.get("/feeds/hoeringer.atom"))
    assert [e["title"] for e in entries] == ["Høring om effektiviseringskatalog"]
    assert entries[0]["link"] == "http://testserver/hoeringer/effektiviseringskatalog/"
    assert scripted_post(client, "/feeds/hoeringer.atom").status_code == 405


def test_a_hearing_enters_the_feed_when_it_opens(client, open_world):
    coming = open_world["coming"]
    assert "Kommende høring" not in client.get("/feeds/hoeringer.rss").content.decode()
    Hearing.objects.filter(pk=coming.pk).update(opens_at=timezone.now() - timedelta(minutes=1))
    titles = [i["title"] for i in rss_items(client.get("/feeds/hoeringer.rss"))]
    assert titles[0] == "Kommende høring"


@pytest.mark.parametrize("who", [None, "finance"])
def test_cards_feed_has_public_cards_only(client, request, open_world, cycle, who):
    if who:
        client_for(client, request.getfixturevalue(who))
    url = reverse("opendata:cards_rss", kwargs={"cycle_slug": cycle.slug})
    items = rss_items(client.get(url))
    numbers = {i["title"].split()[0] for i in items}
    assert numbers == {"R101", "T101", "A102", "E103", "T104", "T105"}
    body = client.get(url).content.decode()
    assert SECRET not in body and "T199" not in body and "T198" not in body
    t101 = next(i for i in items if i["title"].startswith("T101"))
    assert t101["link"] == "http://testserver/budget/testrup-2026/forslag/T101/"
    # The description is HTML, as feed readers take it.
    assert "Netto 2026: 2.000.000 kr.<br>Netto 2027" in t101["description"]
    assert t101["title"] == "T101 Ældrepleje på Ærø – større råderum (frigivet til politikerne)"


def test_a_decision_is_a_new_item_in_the_cards_feed(client, open_world, cycle, finance):
    url = reverse("opendata:cards_atom", kwargs={"cycle_slug": cycle.slug})
    before = {e["id"] for e in atom_entries(client.get(url))}
    card = open_world["cards"]["released"]
    change_status(card, by=finance, target=Status.ADOPTED, based_on_version=card.version)
    entries = atom_entries(client.get(url))
    assert entries[0]["title"] == "T101 Ældrepleje på Ærø – større råderum (vedtaget)"
    assert entries[0]["id"] not in before
    assert entries[0]["id"].startswith("http://testserver/budget/testrup-2026/forslag/T101/#")


def test_feed_of_unknown_cycle_is_404(client, db):
    assert client.get("/feeds/findes-ikke/forslag.rss").status_code == 404


@pytest.mark.parametrize("url", ["/sitemap.xml", "/feeds/{c}/forslag.rss", "/feeds/hoeringer.atom"])
def test_feeds_and_sitemap_query_count_does_not_grow(
    url, client, cycle, finance, department_a, committee, django_assert_num_queries
):
    url = url.format(c=cycle.slug)

    def add(start, stop):
        for n in range(start, stop):
            make_card(by=finance, department=department_a, committee=committee,
                      number=f"T{100 + n}", status=Status.RELEASED)  # fmt: skip
            Hearing.objects.create(cycle=cycle, slug=f"h{n}", title=f"Høring {n}",
                                   opens_at=timezone.now() - timedelta(days=1),
                                   closes_at=timezone.now() + timedelta(days=1))  # fmt: skip

    add(0, 3)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add(3, 30)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200


def assert_valid_atom(response) -> list:
    """RFC 4287: the feed and every entry have id, title and updated (4.1.1, 4.1.2); an
    author on the feed or on each entry; a link rel=alternate each (4.1.1, 4.1.2)."""
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"

    def required(element, where):
        for name in ("id", "title", "updated"):
            assert (element.findtext(f"{ATOM}{name}") or "").strip(), f"{where} lacks {name}"
        updated = element.findtext(f"{ATOM}updated")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)", updated)
        rels = [link.get("rel", "alternate") for link in element.findall(f"{ATOM}link")]
        assert "alternate" in rels, f"{where} lacks link rel=alternate"

    required(feed, "feed")
    feed_author = feed.find(f"{ATOM}author")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    for n, entry in enumerate(entries):
        required(entry, f"entry {n}")
        author = entry.find(f"{ATOM}author")
        author = author if author is not None else feed_author
        assert author is not None and author.findtext(f"{ATOM}name"), f"entry {n} lacks author"
    return entries


def test_hearings_atom_feed_is_valid_atom_with_the_hearings_change_time(client, open_world):
    hearing = Hearing.objects.get(slug="effektiviseringskatalog")
    hearing.title = "Høring om effektiviseringskatalog (rettet)"
    hearing.save()
    (entry,) = assert_valid_atom(client.get("/feeds/hoeringer.atom"))
    updated = datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    hearing.refresh_from_db()
    assert updated == hearing.updated_at > hearing.opens_at


def test_cards_atom_feed_is_valid_atom_with_each_cards_change_time(client, open_world, cycle):
    url = reverse("opendata:cards_atom", kwargs={"cycle_slug": cycle.slug})
    entries = assert_valid_atom(client.get(url))
    card = open_world["cards"]["released"]
    card.refresh_from_db()
    (t101,) = [e for e in entries if e.findtext(f"{ATOM}title").startswith("T101")]
    updated = datetime.fromisoformat(t101.findtext(f"{ATOM}updated"))
    assert updated == card.updated_at
