"""The catalog in parts: rendered part by part and put together, it is the same document as
the catalog rendered in one go (pages, contents, bookmarks, page numbers, tags)."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from budget_portal.models import Publication, PublicationPart
from budget_portal.publications import REGISTRY
from proposals.models import Proposal, Status
from proposals.publications import catalog_params
from tests.conftest import client_for
from tests.factories import make_card
from tests.test_faults import drain

LONG_TEXT = "\n\n".join(
    f"Afsnit {n} om driften, som fylder, så kortet går over mere end én side. " * 12
    for n in range(9)
)


@pytest.fixture
def catalog(finance, department_a, department_b, committee, committee_b, settings):
    """Five released cards in two committees; with parts of two cards the first committee
    (three cards, one of them two pages long) spans two parts."""
    settings.PUBLICATION_PART_CARDS = 2
    cards = [
        ("T101", committee, department_a, "Digital udvikling KOMBIT projekter", ""),
        ("T102", committee, department_a, "Et langt kort over flere sider", LONG_TEXT),
        ("T103", committee, department_a, "Administrationsbidrag til Udbetaling Danmark", ""),
        ("T301", committee_b, department_b, "Anmodning om aktindsigt i egen sag", ""),
        ("T302", committee_b, department_b, "Vintertjeneste på stierne", ""),
    ]
    for number, in_committee, department, title, background in cards:
        card = make_card(
            by=finance,
            department=department,
            committee=in_committee,
            number=number,
            title=title,
            net=1_000_000,
            status=Status.RELEASED,
        )
        if background:  # the text as an import would write it; the card stays released
            Proposal.objects.filter(pk=card.pk).update(background=background)


def pdf_of(publication: Publication) -> PdfReader:
    publication.refresh_from_db()
    assert publication.state == Publication.State.DONE, publication.error
    with publication.file.open("rb") as f:
        return PdfReader(io.BytesIO(f.read()))


def page_texts(reader: PdfReader) -> list[str]:
    # The cover says when it was printed, to the minute; the two renders may straddle one.
    return [re.sub(r"Udskrevet .*", "Udskrevet …", page.extract_text()) for page in reader.pages]


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


def structure(reader: PdfReader) -> dict[str, int]:
    """How many structure elements of each type the tree holds under its Document."""
    counts: dict[str, int] = {}
    root = reader.trailer["/Root"]["/StructTreeRoot"]
    (document,) = [kid.get_object() for kid in root["/K"]]
    assert document["/S"] == "/Document"
    stack = list(document["/K"])
    while stack:
        element = stack.pop().get_object()
        if isinstance(element, dict) and element.get("/Type") == "/StructElem":
            counts[element["/S"]] = counts.get(element["/S"], 0) + 1
            kids = element.get("/K", [])
            stack.extend(kids if isinstance(kids, list) else [kids])
    return counts


@pytest.fixture
def single(catalog, cycle) -> PdfReader:
    data = REGISTRY["catalog"].render(cycle, catalog_params(), lambda _pct: None)
    return PdfReader(io.BytesIO(data))


def render_in_parts(client, cycle) -> Publication:
    client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]))
    return Publication.objects.get(kind="catalog", state=Publication.State.DONE)


def words(reader: PdfReader) -> list[str]:
    """The document's words without the running header and footer (pages may break at
    other lines: WeasyPrint's line breaking differs slightly with what came before)."""
    kept = []
    for text in page_texts(reader):
        for line in text.splitlines():
            if "·" in line or re.fullmatch(r"Side \d+ af \d+", line.strip()):
                continue
            kept.extend(re.sub(r"\.{3,}\s*\d+", " ", line).split())
    return kept


def test_the_catalog_in_parts_says_what_the_catalog_in_one_go_says(client, single, cycle):
    publication = render_in_parts(client, cycle)
    parts = list(PublicationPart.objects.filter(publication=publication))
    # The front, the first committee in two parts (1 + 2 cards), the second in one.
    assert [part.params.get("continues") for part in parts] == [None, False, True, False]
    reader = pdf_of(publication)
    assert words(reader) == words(single)
    assert [(depth, title) for depth, title, _ in outline(reader)] == [
        (depth, title) for depth, title, _ in outline(single)
    ]
    # A box broken over two pages is two elements; these are never broken here.
    semantic = ("/H1", "/H2", "/H3", "/Table", "/TR", "/Link")
    ours, theirs = structure(reader), structure(single)
    assert {tag: ours.get(tag) for tag in semantic} == {tag: theirs.get(tag) for tag in semantic}


def test_contents_page_numbers_bookmarks_and_footers_point_at_the_real_pages(
    client, catalog, cycle
):
    reader = pdf_of(render_in_parts(client, cycle))
    texts = [page.extract_text() for page in reader.pages]
    total = len(reader.pages)
    assert total >= 10  # cover, contents, summary (2), 5 cards, one of them over pages
    assert "Side" not in texts[0]  # the cover has no page number
    for number, text in enumerate(texts[1:], start=2):
        assert f"Side {number} af {total}" in text
    card_pages = {
        entry.group(1): int(entry.group(2))
        for entry in re.finditer(r"(T\d{3}) [^\n.]+?\.*\s*(\d+)\s*$", texts[1], re.M)
    }
    assert list(card_pages) == ["T101", "T102", "T103", "T301", "T302"]
    # Cover, contents, and the summary over two pages (its tables, then its charts).
    assert card_pages["T101"] == 5
    assert card_pages["T103"] > card_pages["T102"] + 1  # the long card's second page
    assert card_pages["T302"] == total
    titles = dict(Proposal.objects.values_list("number", "title"))
    for number, page in card_pages.items():
        assert titles[number] in texts[page - 1]
        if (
            page > card_pages["T101"]
        ):  # the page before is another card's (the summary lists them all)
            assert titles[number] not in texts[page - 2]
    # Every card has its bookmark, under its committee, on the page the contents give.
    bookmarks = outline(reader)
    assert bookmarks[:2] == [(0, "Indhold", 1), (0, "Oversigt pr. udvalg", 2)]
    assert [entry for entry in bookmarks if entry[0] == 1] == [
        (1, titles[number], page - 1) for number, page in card_pages.items()
    ]
    assert [title for depth, title, _page in bookmarks if depth == 0][2:] == [
        "Økonomiudvalget",
        "Børne- og Familieudvalget",
    ]
    # The contents' links go to the cards' pages in the other parts.
    destinations = {
        name: reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
    }
    links = [
        annotation.get_object()["/Dest"]
        for annotation in reader.pages[1]["/Annots"]
        if "/Dest" in annotation.get_object()
    ]
    assert {link: destinations[link] for link in links if link.startswith("kort-")} == {
        f"kort-{number}": page - 1 for number, page in card_pages.items()
    }
    # The running header names each card's committee, the continued one too.
    assert "Økonomiudvalget" in texts[card_pages["T103"] - 1]
    assert "Børne- og Familieudvalget" in texts[card_pages["T302"] - 1]


@pytest.mark.parametrize("front_cards", [150, 2], ids=["one front", "front in pieces"])
def test_the_catalog_in_parts_is_tagged_with_its_language(
    client, catalog, cycle, settings, front_cards
):
    settings.PUBLICATION_FRONT_CARDS = front_cards
    reader = pdf_of(render_in_parts(client, cycle))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "da"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_data().decode()
    assert reader.metadata.title == "Forslagskatalog, Budget 2026-2029"
    tree = root["/StructTreeRoot"]
    parent_tree = tree["/ParentTree"]["/Nums"]
    keys = [int(key) for key in parent_tree[::2]]
    assert keys == sorted(set(keys))  # no two pages or links share a key
    for page in reader.pages:  # each page's marked content has its entry
        assert int(page["/StructParents"]) in keys
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("IBM-Plex-Sans" in font for font in fonts)


def test_progress_shows_the_parts_done(client, catalog, cycle):
    publication = render_in_parts(client, cycle)
    Publication.objects.filter(pk=publication.pk).update(
        state=Publication.State.RUNNING, progress=45
    )
    PublicationPart.objects.filter(publication=publication, index__gte=2).update(
        state=Publication.State.QUEUED
    )
    url = reverse("publication_status", args=[publication.fingerprint])
    assert "2 af 4 dele er færdige" in client.get(url).text
    fragment = client.get(url, headers={"HX-Request": "true"}).text
    assert "2 af 4 dele er færdige" in fragment


def fail_parts(monkeypatch, when):
    """Make every catalog part for which `when(part)` holds fail with a missing font."""
    parts = REGISTRY["catalog"].parts

    def broken(cycle, params, part, progress):
        if when(part):
            raise RuntimeError("skrifttypen mangler")
        return parts.render(cycle, params, part, progress)

    monkeypatch.setitem(
        REGISTRY,
        "catalog",
        dataclasses.replace(REGISTRY["catalog"], parts=dataclasses.replace(parts, render=broken)),
    )


def test_a_failed_part_fails_the_catalog_with_its_reason_and_the_last_one_stays(
    client, catalog, cycle, finance, monkeypatch
):
    previous = render_in_parts(client, cycle)
    fail_parts(monkeypatch, lambda part: part.get("continues"))
    card = cycle.proposals.get(number="T101")
    from proposals.services import change_status

    change_status(card, by=finance, target=Status.ADOPTED, based_on_version=card.version)
    status = client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]), follow=True)
    failed = Publication.objects.get(state=Publication.State.FAILED)
    assert failed.error == "Del 3 af 4: RuntimeError: skrifttypen mangler"
    assert not failed.file
    assert "PDF'en kunne ikke laves" in status.text
    previous_url = reverse("publication_file", args=[previous.fingerprint])
    assert previous_url in status.text
    download = client.get(previous_url)
    assert download["Content-Type"] == "application/pdf"
    assert drain(download).startswith(b"%PDF-")
    client_for(client, finance)
    page = client.get(reverse("publication_status", args=[failed.fingerprint]))
    assert "Årsag: Del 3 af 4: RuntimeError: skrifttypen mangler" in page.text


def test_a_small_catalog_is_still_rendered_in_one_job(client, catalog, cycle, settings):
    settings.PUBLICATION_PART_CARDS = 5
    client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]))
    publication = Publication.objects.get(kind="catalog")
    assert publication.state == Publication.State.DONE
    assert not publication.parts.exists()


def test_a_part_whose_worker_died_fails_the_catalog(cycle):
    """The other workers' reaper (budget_portal/worker.py) fails a lost part's task; the
    publication then says so, and the next request renders it anew."""
    import budget_portal.tasks  # noqa: F401  (the worker imports it: the handlers register)
    from budget_portal.worker import _ON_ABANDONED

    publication = Publication.objects.create(
        kind="catalog",
        cycle=cycle,
        params=catalog_params(),
        fingerprint="b" * 64,
        title="Forslagskatalog",
        state=Publication.State.RUNNING,
    )
    part = PublicationPart.objects.create(publication=publication, index=1, params={})
    lost = _ON_ABANDONED["budget_portal.publication_parts.render_publication_part"]
    lost([part.pk], "Arbejderen stoppede midt i opgaven.")
    publication.refresh_from_db()
    part.refresh_from_db()
    assert (part.state, publication.state) == (Publication.State.FAILED,) * 2
    assert publication.error == "Arbejderen stoppede midt i opgaven."


@pytest.fixture
def front_in_pieces(catalog, settings):
    """A front of at most two cards' lines a piece: the contents in three pieces (the first
    committee's entries over two), the summary in three (its rows over two), the totals."""
    settings.PUBLICATION_FRONT_CARDS = 2


def contents_numbers(texts: list[str]) -> tuple[dict[str, int], int]:
    """Each card's page in the contents (number: page) and the summary's entry's page."""
    cards: dict[str, int] = {}
    summary = None
    for text in texts:
        if "Side" in text and "Nr." in text:  # the summary's first table: the contents end
            break
        for entry in re.finditer(r"(T\d{3}) [^\n.]+?\.*\s*(\d+)\s*$", text, re.M):
            cards[entry.group(1)] = int(entry.group(2))
        found = re.search(r"Oversigt pr\. udvalg[ .]+(\d+)\s*$", text, re.M)
        summary = int(found.group(1)) if found else summary
    return cards, summary


def test_a_front_in_pieces_lays_out_at_most_its_share_of_cards_in_one_job(
    client, front_in_pieces, cycle
):
    publication = render_in_parts(client, cycle)
    parts = list(PublicationPart.objects.filter(publication=publication).order_by("index"))
    fronts = [part.params["front"] for part in parts if part.params.get("front")]
    assert fronts == ["contents"] * 3 + ["summary"] * 3 + ["totals"]
    assert max(len(part.params.get("cards", [])) for part in parts) == 2


def test_a_front_in_pieces_gives_the_contents_the_real_page_numbers(client, front_in_pieces, cycle):
    reader = pdf_of(render_in_parts(client, cycle))
    texts = [page.extract_text() for page in reader.pages]
    total = len(reader.pages)
    assert "Side" not in texts[0]  # the cover has no page number
    for number, text in enumerate(texts[1:], start=2):
        assert f"Side {number} af {total}" in text
    card_pages, summary_page = contents_numbers(texts)
    assert list(card_pages) == ["T101", "T102", "T103", "T301", "T302"]
    # The summary's entry goes to its heading, after the three contents pieces' pages.
    assert summary_page == 5
    assert "Oversigt pr. udvalg" in texts[summary_page - 1]
    assert "Nr." in texts[summary_page - 1] and "Nr." not in texts[summary_page - 2]
    titles = dict(Proposal.objects.values_list("number", "title"))
    for number, page in card_pages.items():
        assert titles[number] in texts[page - 1]
        # The page before is another card's, or the summary's charts (no card row there).
        assert titles[number] not in texts[page - 2]
    assert card_pages["T103"] > card_pages["T102"] + 1  # the long card's second page
    assert card_pages["T302"] == total
    # Bookmarks: the contents, the summary, every card where the contents say.
    bookmarks = outline(reader)
    assert bookmarks[:2] == [(0, "Indhold", 1), (0, "Oversigt pr. udvalg", summary_page - 1)]
    assert [entry for entry in bookmarks if entry[0] == 1] == [
        (1, titles[number], page - 1) for number, page in card_pages.items()
    ]
    # The links of every contents page go to the cards' pages and the summary's.
    destinations = {
        name: reader.get_destination_page_number(dest)
        for name, dest in reader.named_destinations.items()
    }
    links = {
        annotation.get_object()["/Dest"]
        for page in reader.pages[1 : summary_page - 1]
        for annotation in page.get("/Annots", [])
        if "/Dest" in annotation.get_object()
    }
    assert {link: destinations[link] for link in links if link.startswith("kort-")} == {
        f"kort-{number}": page - 1 for number, page in card_pages.items()
    }
    assert destinations["oversigt"] == summary_page - 1


def test_a_front_in_pieces_lists_each_committee_once_with_the_total_of_all_its_cards(
    client, single, front_in_pieces, cycle
):
    reader = pdf_of(render_in_parts(client, cycle))
    texts = [page.extract_text() for page in reader.pages]
    card_pages, summary_page = contents_numbers(texts)
    contents = "\n".join(texts[1 : summary_page - 1])
    summary = "\n".join(texts[summary_page - 1 : card_pages["T101"] - 1])
    # The first committee's entries and rows span two pieces; its name heads them once.
    assert contents.count("Økonomiudvalget") == 1
    assert contents.count("Børne- og Familieudvalget") == 1
    for number in ["T101", "T102", "T103", "T301", "T302"]:
        assert summary.count(f"{number} ") == 1
    single_texts = "\n".join(page.extract_text() for page in single.pages)

    def line(text: str, start: str) -> str:
        (found,) = [row for row in text.splitlines() if row.startswith(start)]
        return found

    for total in ["I alt, Økonomiudvalget", "I alt, Børne- og Familieudvalget", "I alt, netto"]:
        assert line(summary, total) == line(single_texts, total)
    assert summary.index("T103 ") < summary.index("I alt, Økonomiudvalget")
    # Every summary page is headed by it, the pieces after the first too.
    for text in texts[summary_page - 1 : card_pages["T101"] - 1]:
        assert "Oversigt pr. udvalg" in text
    # The totals, the notes and the charts, as the catalog in one go has them (the charts'
    # words in another order where the pages break elsewhere).
    assert sorted(totals_words(words(reader))) == sorted(totals_words(words(single)))


def totals_words(kept: list[str]) -> list[str]:
    """The words from the totals of all to the first card page's committee heading."""
    start = kept.index("netto")
    return kept[start : kept.index("Digital", start)]


def test_a_failed_front_piece_fails_the_catalog_with_its_reason(
    client, front_in_pieces, cycle, monkeypatch
):
    fail_parts(monkeypatch, lambda part: part.get("front") == "summary" and part.get("continues"))
    client.get(reverse("proposals:catalog_pdf", args=[cycle.slug]), follow=True)
    failed = Publication.objects.get(kind="catalog")
    assert failed.state == Publication.State.FAILED
    assert failed.error == "Del 5 af 10: RuntimeError: skrifttypen mangler"
    assert not failed.file


def test_the_card_parts_are_queued_before_the_front_pieces(front_in_pieces, cycle, monkeypatch):
    """The light front pieces fill in at the end while the last card part renders, so no
    worker waits idle for the assembly."""
    from types import SimpleNamespace

    from budget_portal import publication_parts

    queued: list[int] = []
    monkeypatch.setattr(
        publication_parts, "render_publication_part", SimpleNamespace(enqueue=queued.append)
    )
    publication = Publication.objects.create(
        kind="catalog",
        cycle=cycle,
        params=catalog_params(),
        fingerprint="c" * 64,
        title="Forslagskatalog",
        state=Publication.State.RUNNING,
    )
    assert publication_parts.start_parts(publication, REGISTRY["catalog"].parts)
    params = dict(PublicationPart.objects.values_list("pk", "params"))
    kinds = [params[pk].get("front", "cards") for pk in queued]
    assert kinds == ["cards"] * 3 + ["contents"] * 3 + ["summary"] * 3 + ["totals"]
