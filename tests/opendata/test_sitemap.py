"""/sitemap.xml lists the public pages, never a draft or a page behind a login."""

from __future__ import annotations

# defusedxml parses into xml.etree elements, without entity expansion.
from defusedxml import ElementTree

from implementation.models import Case, ImplementationPlan
from letters.models import CoverLetter, LetterStatus
from tests.conftest import client_for
from tests.opendata.conftest import SECRET

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client) -> set[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return {loc.text for loc in root.iter(f"{NS}loc")}


def test_sitemap_has_public_pages_and_no_drafts(client, open_world, cycle, department_a, finance):
    released = CoverLetter.objects.create(
        cycle=cycle, department=department_a, heading="Brev", status=LetterStatus.RELEASED
    )
    ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=True)
    Case.objects.create(cycle=cycle, number="23/9260", title="Åben sag", is_open=True)
    Case.objects.create(cycle=cycle, number="23/9261", title="Lukket sag", is_open=False)
    client_for(client, finance)  # what finance may see changes nothing
    urls = locations(client)
    base = "http://testserver"
    c = cycle.slug
    for path in (
        "/",
        "/hoeringer/",
        "/data/",
        f"/budget/{c}/forslag/",
        f"/budget/{c}/kalender/",
        f"/budget/{c}/foelgebreve/",
        f"/budget/{c}/foelgebreve/{released.pk}/",
        f"/budget/{c}/udmoentningsplan/",
        f"/budget/{c}/forslag/T101/",
        f"/budget/{c}/forslag/A102/",
        f"/budget/{c}/forslag/E103/",
        "/hoeringer/effektiviseringskatalog/",
        "/hoeringer/kommende/",
        "/sager/23-9260/",
    ):
        assert base + path in urls, path
    for key in ("draft", "submitted", "withdrawn"):
        assert f"{base}{open_world['cards'][key].get_absolute_url()}" not in urls
    assert f"{base}/sager/23-9261/" not in urls
    assert SECRET not in client.get("/sitemap.xml").content.decode()


def test_unreleased_letters_and_plans_stay_out(client, cycle, department_a):
    letter = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="Kladde")
    ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=False)
    urls = locations(client)
    assert f"http://testserver{letter.get_absolute_url()}" not in urls
    assert f"http://testserver/budget/{cycle.slug}/udmoentningsplan/" not in urls
