"""Charts: server-side SVG that the CSP allows, with a title, a description and a table of
the same numbers, in pages and in the PDFs."""

from __future__ import annotations

import re

from django.urls import reverse

from budget_portal.charts import PALETTE, Chart, Series
from proposals.models import Status
from tests.factories import make_card


def chart(**over) -> Chart:
    values = {
        "title": "Netto <pr. år>",
        "description": "Søjler & tal",
        "labels": ["2026", "2027"],
        "series": [
            Series("Økonomiudvalget", [1_250_000, -500_000]),
            Series("Børne- og Familieudvalget", [300_000, None]),
        ],
        "unit": "mio",
        "row_heading": "Udvalg",
    }
    return Chart(**(values | over))


def test_the_svg_has_no_inline_style_or_script_for_the_csp():
    svg = chart().svg
    assert svg.startswith("<svg")
    assert "<style" not in svg and "<script" not in svg
    assert not re.search(r"\sstyle=", svg)
    assert not re.search(r"\son[a-z]+=", svg)  # no event handlers either


def test_two_charts_on_one_page_repeat_no_id():
    both = chart().svg + chart(title="Et andet diagram").svg
    ids = re.findall(r'\sid="([^"]+)"', both)
    assert len(ids) == len(set(ids)), "a repeated id: the second chart's would be unreachable"


def test_the_svg_is_one_named_image():
    c = chart()
    svg = c.svg
    assert f'role="img" aria-labelledby="{c.id}-title {c.id}-desc"' in svg
    assert f'<title id="{c.id}-title">Netto &lt;pr. år&gt;</title>' in svg
    assert f'<desc id="{c.id}-desc">Søjler &amp; tal</desc>' in svg


def test_axis_labels_and_table_are_in_danish_notation():
    c = chart()
    ticks = re.findall(r'text-anchor="end">([^<]*)</text>', c.svg)
    assert "0,2" in ticks and "-0,4" in ticks
    assert not any("." in t for t in ticks if t != "mio. kr.")
    assert [(r.label, r.cells) for r in c.rows] == [
        ("Økonomiudvalget", ["1,250", "-0,500"]),
        ("Børne- og Familieudvalget", ["0,300", "–"]),
    ]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_every_series_colour_stands_out_from_the_white_paper():
    for colour in PALETTE:
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour


def test_the_card_list_shows_both_charts_with_their_tables(
    client, finance, department_a, committee, cycle
):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED, net=2_000_000)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T104",
              status=Status.RELEASED, net=-600_000, service_frame="nej")  # fmt: skip
    response = client.get(reverse("proposals:list", kwargs={"cycle_slug": cycle.slug}))
    page = response.content.decode()
    assert "Netto pr. år fordelt på udvalg" in page
    assert "Netto pr. år inden for og uden for servicerammen" in page
    assert "Tallene bag diagrammet: Netto pr. år fordelt på udvalg" in page
    assert '<th scope="row">Økonomiudvalget</th><td class="num">1,400</td>' in page
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # The list does not wait for the drawings: each is an image at its own address.
    images = re.findall(r'<img class="chart-image" src="([^"]+)" alt="([^"]+)"', page)
    assert [alt for _src, alt in images] == [
        "Netto pr. år fordelt på udvalg",
        "Netto pr. år inden for og uden for servicerammen",
    ]
    for src, alt in images:
        image = client.get(src.replace("&amp;", "&"))
        assert image["Content-Type"] == "image/svg+xml; charset=utf-8"
        svg = image.content.decode()
        assert svg.startswith("<svg") and f">{alt}</title>" in svg
        assert "<script" not in svg
        # Drawn again only when the numbers change: the browser revalidates by content.
        again = client.get(src.replace("&amp;", "&"), headers={"If-None-Match": image["ETag"]})
        assert again.status_code == 304


def test_the_list_charts_follow_the_readers_cards_and_filters(
    client, finance, department_a, department_b, committee, committee_b, cycle
):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED, net=2_000_000)  # fmt: skip
    make_card(by=finance, department=department_b, committee=committee_b, number="T201",
              status=Status.RELEASED, net=100_000)  # fmt: skip
    make_card(
        by=finance, department=department_a, committee=committee, number="T199", net=9_900_000
    )  # fmt: skip - a draft: finance sees it, a citizen does not
    url = reverse("proposals:list", kwargs={"cycle_slug": cycle.slug})

    def first_chart(query="") -> tuple[str, str]:
        """The id of the page's first chart (made from its numbers) and of its image."""
        page = client.get(f"{url}?{query}").content.decode()
        figure = re.search(r'<figure class="chart" aria-labelledby="(chart-[0-9a-f]+)-caption">'
                           r'.*?<img class="chart-image" src="([^"]+)"', page, re.S)  # fmt: skip
        image = client.get(figure.group(2).replace("&amp;", "&"))
        assert image.status_code == 200
        return figure.group(1), image["ETag"].strip('"')

    public, public_image = first_chart()
    assert public_image == public
    client.force_login(finance)
    everything, everything_image = first_chart()
    assert everything_image == everything != public  # the draft counts for finance only
    only_b, only_b_image = first_chart(f"udvalg={committee_b.pk}")
    assert only_b_image == only_b != everything


def test_the_card_page_and_the_card_pdf_draw_the_same_chart(
    client, finance, department_a, committee, cycle
):
    from tests.proposals.test_publications import fetch_pdf, text_of

    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.RELEASED, net=1_000_000)  # fmt: skip
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Netto pr. år for T101" in page
    assert re.search(r'text-anchor="end">0,2</text>', page)
    pdf = text_of(fetch_pdf(client, reverse("proposals:card_pdf", args=[cycle.slug, "T101"]))[0])
    assert "Netto pr. år for T101" in pdf
    # "0,2" is an axis tick only (the table says 1,000): WeasyPrint drew the SVG's text.
    assert "0,2" in pdf
