"""The catalog and card PDFs: content, structure, who may fetch them, and caching."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from pypdf import PdfReader

from budget_portal.models import Publication
from budget_portal.pdf import RefusedURL, StaticOnlyFetcher, static_path
from proposals.models import Status
from tests.conftest import client_for
from tests.factories import make_card


@pytest.fixture
def catalog_cards(finance, department_a, department_b, committee, committee_b):
    make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        title="Digital udvikling KOMBIT projekter",
        net=2_000_000,
        status=Status.RELEASED,
    )
    make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T103",
        title="Administrationsbidrag til Udbetaling Danmark",
        net=None,
        revenues=None,
        status=Status.RELEASED,
    )
    make_card(
        by=finance,
        department=department_b,
        committee=committee_b,
        number="T304",
        title="Anmodning om aktindsigt i egen sag",
        net=245_000,
        fte="0.54",
        status=Status.RELEASED,
    )
    make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T199",
        title="Hemmelig kladde",
        status=Status.DRAFT,
    )


def fetch_pdf(client, url: str) -> tuple[PdfReader, object]:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(body)), response


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def test_public_catalog_has_cover_contents_summary_and_a_page_per_card(
    client, catalog_cards, cycle
):
    reader, response = fetch_pdf(client, reverse("proposals:catalog_pdf", args=[cycle.slug]))
    text = text_of(reader)
    # cover, contents, summary with its charts (two pages), then a page for each of the
    # three released cards
    assert len(reader.pages) == 7
    assert "Forslagskatalog, Budget 2026-2029" in reader.pages[0].extract_text()
    assert "Indhold" in reader.pages[1].extract_text()
    assert "Oversigt pr. udvalg" in reader.pages[2].extract_text()
    assert "Side 3 af 7" in reader.pages[2].extract_text()
    overview = reader.pages[2].extract_text() + reader.pages[3].extract_text()
    assert "Netto pr. år fordelt på udvalg" in overview
    assert "Netto pr. år inden for og uden for servicerammen" in overview
    assert "Hemmelig kladde" not in text
    assert "T199" not in text
    # The summary's committee totals and the pending card.
    assert "I alt, Økonomiudvalget" in text
    assert "afventer" in text
    assert "0,54" in text
    # The contents give the page each card starts on.
    contents = reader.pages[1].extract_text()
    assert "T304 Anmodning om aktindsigt i egen sag" in contents
    assert "7" in contents.splitlines()[-1]
    assert "Digital udvikling KOMBIT projekter" in reader.pages[4].extract_text()
    assert outline_titles(reader) == [
        "Indhold",
        "Oversigt pr. udvalg",
        "Økonomiudvalget",
        "Digital udvikling KOMBIT projekter",
        "Administrationsbidrag til Udbetaling Danmark",
        "Børne- og Familieudvalget",
        "Anmodning om aktindsigt i egen sag",
    ]
    assert response["Cache-Control"].startswith("public")


def test_catalog_pdf_is_tagged_with_embedded_plex_fonts(client, catalog_cards, cycle):
    reader, _ = fetch_pdf(client, reverse("proposals:catalog_pdf", args=[cycle.slug]))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "da"
    assert reader.metadata.title == "Forslagskatalog, Budget 2026-2029"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("IBM-Plex-Sans" in f for f in fonts)


def test_catalog_filters_by_committee(client, catalog_cards, cycle, committee_b):
    url = reverse("proposals:catalog_pdf", args=[cycle.slug]) + f"?udvalg={committee_b.pk}"
    reader, _ = fetch_pdf(client, url)
    text = text_of(reader)
    assert "T304" in text
    assert "T101" not in text


def test_internal_catalog_is_for_finance_only(client, catalog_cards, cycle, politician, finance):
    url = reverse("proposals:catalog_pdf", args=[cycle.slug]) + "?udgave=intern"
    assert client.get(url).status_code == 403
    client_for(client, politician)
    assert client.get(url).status_code == 403
    client_for(client, finance)
    reader, response = fetch_pdf(client, url)
    assert "Hemmelig kladde" in text_of(reader)
    assert response["Cache-Control"] == "private, no-store"
    # The file URL of the internal edition does not open for anyone else either.
    publication = Publication.objects.get(params__edition="intern")
    client.logout()
    file_url = reverse("publication_file", args=[publication.fingerprint])
    assert client.get(file_url).status_code == 404


def test_card_pdf_is_laid_out_like_the_seed_card(client, catalog_cards, cycle):
    reader, _ = fetch_pdf(client, reverse("proposals:card_pdf", args=[cycle.slug, "T304"]))
    text = text_of(reader)
    for expected in (
        "Børne- og Familieudvalget",
        "Teknisk korrektion – budget 2026 og overslagsår",
        "Anmodning om aktindsigt i egen sag",
        "T304",
        "(Mio. kr. i 2026-priser)",
        "0,245",
        "- = mindreudgift/merindtægt og + = merudgift/mindreindtægt",
        "Antal fuldtidsstillinger",
        "0,54",
        "Iværksættelsestidspunkt",
        "Inden for servicerammen",
        "Baggrund for og beskrivelse af den tekniske korrektion",
        "Økonomiske konsekvenser",
    ):
        assert expected in text, expected


def test_draft_card_pdf_is_hidden_from_the_public(client, catalog_cards, cycle):
    assert client.get(reverse("proposals:card_pdf", args=[cycle.slug, "T199"])).status_code == 404


def test_unchanged_data_is_rendered_once_and_a_change_renders_anew(
    client, catalog_cards, cycle, finance
):
    url = reverse("proposals:catalog_pdf", args=[cycle.slug])
    first = client.get(url)
    second = client.get(url)
    assert first["Location"] == second["Location"]
    assert Publication.objects.filter(kind="catalog").count() == 1
    card = cycle.proposals.get(number="T101")
    from proposals.services import change_status

    change_status(card, by=finance, target=Status.ADOPTED, based_on_version=card.version)
    third = client.get(url)
    assert third["Location"] != first["Location"]
    assert Publication.objects.filter(kind="catalog").count() == 2


def test_progress_page_while_rendering(client, cycle):
    publication = Publication.objects.create(
        kind="catalog",
        cycle=cycle,
        params={"edition": "offentlig", "kind": "", "committee": "", "status": ""},
        fingerprint="a" * 64,
        title="Forslagskatalog",
        state=Publication.State.RUNNING,
        progress=40,
    )
    url = reverse("publication_status", args=[publication.fingerprint])
    page = client.get(url).content.decode()
    assert 'http-equiv="refresh"' not in page  # axe: critical; htmx polls instead
    assert "40 %" in page
    region = '<div class="publication-live" role="status" aria-live="polite">'
    live = page[page.index(region) :]
    assert f'hx-get="{url}" hx-trigger="every 2s" hx-swap="outerHTML"' in live
    assert f'<a href="{url}">Opdatér</a>' in page  # without JavaScript
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert fragment.lstrip().startswith('<div id="publication-progress" hx-get=')
    assert "publication-live" not in fragment  # the region stays; only its content is swapped
    Publication.objects.filter(pk=publication.pk).update(state=Publication.State.DONE)
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    file_url = reverse("publication_file", args=[publication.fingerprint])
    assert "PDF'en er klar." in done
    assert f'<a href="{file_url}">Hent PDF</a>' in done
    assert "hx-trigger" not in done  # polling stops
    assert client.get(url)["Location"] == file_url  # the "Opdatér" link, once it is ready


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "https://evil.example/x.css",
        "http://169.254.169.254/latest/meta-data/",
        "https://budgetportal.invalid/static/../../budget_portal/settings.py",
        "https://budgetportal.invalid/static/css/../../manage.py",
        "https://budgetportal.invalid/media/publications/x.pdf",
    ],
)
def test_pdf_url_fetcher_denies_everything_but_static_files(url):
    with pytest.raises(RefusedURL):
        static_path(url)
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_pdf_url_fetcher_serves_the_print_css():
    path = static_path("https://budgetportal.invalid/static/css/print.css")
    assert "IBM Plex Sans" in path.read_text()


def test_render_publication_command(tmp_path, catalog_cards, cycle):
    out = tmp_path / "katalog.pdf"
    call_command("render_publication", "catalog", "--cycle", "2026", "-o", str(out))
    assert PdfReader(out).pages
    card = tmp_path / "t101.pdf"
    call_command("render_publication", "card", "t101", "--cycle", cycle.slug, "-o", str(card))
    assert "Digital udvikling" in text_of(PdfReader(card))
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("render_publication", "card", "X999", "--cycle", "2026", "-o", str(card))
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("render_publication", "catalog", "--cycle", "1999", "-o", str(out))


def test_pdf_is_styled_with_collected_hashed_static_files(
    client, catalog_cards, cycle, settings, tmp_path
):
    """Production serves collected files under hashed names; the PDF must still find them."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    from django.templatetags.static import static

    assert static("css/print.css") != "/static/css/print.css"  # hashed, as in production
    reader, _ = fetch_pdf(client, reverse("proposals:card_pdf", args=[cycle.slug, "T304"]))
    fonts = {
        str(f.get_object()["/BaseFont"]) for f in reader.pages[0]["/Resources"]["/Font"].values()
    }
    assert fonts and all("IBM-Plex-Sans" in f for f in fonts)


def test_page_references_stay_right_as_pages_are_added():
    import pydyf

    import budget_portal.pdf  # noqa: F401  (installs the cached page_references)

    pdf = pydyf.PDF()
    for count in (1, 2, 5):
        while pdf.pages["Count"] < count:
            pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        numbers = pdf.pages["Kids"][::3]
        assert pdf.page_references == tuple(f"{n} 0 R".encode() for n in numbers)
        assert len(pdf.page_references) == count
