"""The data files: only public material, the right figures, safe CSV, fixed query counts."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearings.services import publish_response
from opendata.datasets import BUILDERS
from opendata.schema import DATASETS
from proposals.models import Status
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import make_card
from tests.opendata.conftest import SECRET, read_csv, respond


def csv_url(cycle, name):
    return reverse("opendata:csv", kwargs={"cycle_slug": cycle.slug, "name": name})


def json_url(cycle, name):
    return reverse("opendata:json", kwargs={"cycle_slug": cycle.slug, "name": name})


def everything(client, cycle) -> str:
    """Every file of the cycle, as one text to search."""
    parts = [client.get(reverse("opendata:datapackage", kwargs={"cycle_slug": cycle.slug}))]
    for name in DATASETS:
        parts += [client.get(csv_url(cycle, name)), client.get(json_url(cycle, name))]
    assert all(p.status_code == 200 for p in parts)
    return "\n".join(p.content.decode() for p in parts)


def test_every_dataset_has_a_builder_and_rows_carry_exactly_its_fields(client, open_world, cycle):
    assert set(BUILDERS) == set(DATASETS)
    for name, dataset in DATASETS.items():
        body = client.get(json_url(cycle, name)).json()
        assert body["data"], name
        nested = {"aar"} if name == "forslag" else set()
        for row in body["data"]:
            assert set(row) == set(dataset.field_names) | nested, name
        header = client.get(csv_url(cycle, name)).content.decode().splitlines()[0]
        assert header == ",".join(dataset.field_names)


@pytest.mark.parametrize("who", [None, "finance", "editor_a"])
def test_drafts_submitted_and_withdrawn_cards_never_appear(client, request, open_world, cycle, who):
    # Logged-in staff see drafts on the site; the open data are the same for everyone.
    if who:
        client_for(client, request.getfixturevalue(who))
    text = everything(client, cycle)
    for key in ("draft", "submitted", "withdrawn"):
        card = open_world["cards"][key]
        assert card.title not in text
        assert f'"{card.number}"' not in text and f"\n{card.number}," not in text
    assert SECRET not in text
    cards = read_csv(client.get(csv_url(cycle, "forslag")))
    assert {c["status"] for c in cards} == {"frigivet", "vedtaget", "forkastet"}
    assert {c["nummer"] for c in cards} == {"R101", "T101", "A102", "E103", "T104", "T105"}


def test_card_rows_and_year_rows_give_the_cards_figures(client, open_world, cycle):
    cards = {c["nummer"]: c for c in read_csv(client.get(csv_url(cycle, "forslag")))}
    t101 = cards["T101"]
    assert t101["titel"] == "Ældrepleje på Ærø – større råderum"
    assert t101["udvalg"] == "Økonomiudvalget"
    assert t101["afdeling"] == "Økonomi og Personale"
    assert t101["type"] == "Teknisk korrektion"
    assert t101["serviceramme"] == "Ja"
    assert t101["prisniveau"] == "2026"
    assert t101["url"] == "http://testserver/budget/testrup-2026/forslag/T101/"
    assert t101["sidst_aendret"].endswith("Z")
    years = [
        r for r in read_csv(client.get(csv_url(cycle, "forslag-aar"))) if r["nummer"] == "T101"
    ]
    assert [r["aar"] for r in years] == ["2026", "2027", "2028", "2029"]
    assert (years[0]["udgifter"], years[0]["indtaegter"], years[0]["netto"]) == (
        "2250000", "-250000", "2000000",
    )  # fmt: skip
    assert years[0]["aarsvaerk"] == "0.54"
    pending = [
        r for r in read_csv(client.get(csv_url(cycle, "forslag-aar"))) if r["nummer"] == "T105"
    ]
    assert pending[0]["netto"] == "" and pending[0]["udgifter"] == ""


def test_json_has_integers_and_the_years_under_each_card(client, open_world, cycle):
    body = client.get(json_url(cycle, "forslag")).json()
    assert body["budget"]["kortnavn"] == cycle.slug
    assert body["licens"]["name"] == "CC-BY-4.0"
    t101 = next(c for c in body["data"] if c["nummer"] == "T101")
    first = t101["aar"][0]
    assert first == {"aar": 2026, "udgifter": 2_250_000, "indtaegter": -250_000,
                     "netto": 2_000_000, "aarsvaerk": 0.54}  # fmt: skip
    assert t101["ivaerksaettelse"] is None
    raw = client.get(json_url(cycle, "forslag")).content.decode()
    assert "Ældrepleje på Ærø" in raw  # UTF-8, not \u-escaped


def test_danish_letters_survive_in_csv(client, open_world, cycle):
    response = client.get(csv_url(cycle, "forslag"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "Ældrepleje på Ærø – større råderum".encode() in response.content
    assert not response.content.startswith(b"\xef\xbb\xbf")


def test_a_title_that_looks_like_a_formula_is_neutralised_in_csv(client, open_world, cycle):
    for name in ("forslag", "forslag-aar"):
        rows = read_csv(client.get(csv_url(cycle, name)))
        titles = {r["titel"] for r in rows if r["nummer"] == "T104"}
        assert titles == {'\'=HYPERLINK("http://x.invalid","klik")'}
    # Negative amounts are numbers, not text: they keep their sign.
    years = read_csv(client.get(csv_url(cycle, "forslag-aar")))
    assert {r["netto"] for r in years if r["nummer"] == "E103"} == {"-400000"}
    # JSON is for programs, not spreadsheets: the title is as written.
    data = client.get(json_url(cycle, "forslag")).json()["data"]
    assert next(c for c in data if c["nummer"] == "T104")["titel"].startswith("=HYPERLINK")


def test_only_published_responses_with_their_public_text_and_no_email(client, open_world, cycle):
    rows = read_csv(client.get(csv_url(cycle, "hoeringssvar")))
    assert [(r["hoering"], r["nummer"]) for r in rows] == [
        ("effektiviseringskatalog", str(open_world["published"].number)),
        ("effektiviseringskatalog", str(open_world["redacted"].number)),
    ]
    first, redacted = rows
    assert first["afsender"] == "Svømmeklubben Delfinen"
    assert first["tekst"] == "Bevar svømmehallen i Ærøskøbing."
    # Only public cards are named, never the draft the sender also ticked.
    assert first["forslag"] == "T101"
    assert first["url"].endswith(f"/hoeringer/effektiviseringskatalog/#svar-{first['nummer']}")
    assert redacted["tekst"] == "Luk ikke hallen."
    text = everything(client, cycle)
    assert "@" not in text.replace("@context", "")
    assert "example.dk" not in text
    assert "010101-1234" not in text
    for hidden in open_world["hidden"]:
        assert hidden.text not in text


def test_hearings_name_public_cards_and_count_published_responses(client, open_world, cycle):
    rows = {r["kortnavn"]: r for r in read_csv(client.get(csv_url(cycle, "hoeringer")))}
    assert set(rows) == {"effektiviseringskatalog", "kommende"}
    main = rows["effektiviseringskatalog"]
    assert main["forslag"] == "R101"
    assert main["antal_offentliggjorte_svar"] == "2"
    assert main["svar_offentliggoeres"] == "true"
    assert rows["kommende"]["antal_offentliggjorte_svar"] == "0"


def test_calendar_and_phases(client, open_world, cycle):
    rows = read_csv(client.get(csv_url(cycle, "kalender")))
    assert [r["titel"] for r in rows] == ["Høringsperiode", "Frist for ændringsforslag"]
    hearing, deadline = rows
    assert (hearing["fra"], hearing["til"], hearing["type"]) == (
        "2026-08-14",
        "2026-09-09",
        "Høring",
    )
    assert (deadline["fase_nummer"], deadline["klokkeslaet"]) == ("1", "12:00:00")
    assert hearing["fase_nummer"] == ""
    phases = read_csv(client.get(csv_url(cycle, "faser")))
    assert phases == [{"nummer": "1", "navn": "Afklaring og kvalificering", "beskrivelse": ""}]


def test_unknown_cycle_or_dataset_is_404(client, cycle):
    assert client.get("/data/findes-ikke/forslag.csv").status_code == 404
    assert client.get(f"/data/{cycle.slug}/brugere.csv").status_code == 404
    assert client.get(f"/data/{cycle.slug}/forslag.xml").status_code == 404


def test_files_are_cacheable_and_answer_304_when_unchanged(client, open_world, cycle):
    first = client.get(csv_url(cycle, "forslag"))
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(csv_url(cycle, "forslag"), headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    assert scripted_post(client, csv_url(cycle, "forslag")).status_code == 405


@pytest.mark.parametrize("name", list(DATASETS))
def test_query_count_does_not_grow_with_rows(
    name,
    client,
    cycle,
    finance,
    department_a,
    committee,
    hearing,
    django_assert_num_queries,
    settings,
):
    settings.HEARING_RESPONSES_PER_HOUR = 0

    def add(start, stop):
        for n in range(start, stop):
            card = make_card(by=finance, department=department_a, committee=committee,
                             number=f"T{100 + n}", status=Status.RELEASED)  # fmt: skip
            hearing.cards.add(card)
            publish_response(respond(hearing, f"Svar {n}", cards=[card]), by=finance)

    def count(url) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    add(0, 3)
    small = {url: count(url) for url in (csv_url(cycle, name), json_url(cycle, name))}
    add(3, 30)
    for url, queries in small.items():
        with django_assert_num_queries(queries):
            client.get(url)
    assert len(json.loads(client.get(json_url(cycle, "forslag")).content)["data"]) == 31


def test_year_rows_carry_the_net_at_the_common_price_level(client, finance, department_a,
                                                           committee, cycle):  # fmt: skip
    from tests.proposals.test_price_level_totals import index

    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED, net=333_333, price_year=2025)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T102",
              status=Status.RELEASED, net=1_000, price_year=2024)  # fmt: skip
    index(cycle, finance, y2025="100", y2026="102.3")
    rows = {r["nummer"]: r for r in read_csv(client.get(csv_url(cycle, "forslag-aar")))}
    # 333.333 × 102,3 / 100 = 340.999,659 kr.: half up to 341.000 kr., in 2026 prices.
    assert rows["T101"]["netto"] == "333333"
    assert rows["T101"]["netto_faelles_prisniveau"] == "341000"
    assert rows["T101"]["faelles_prisniveau"] == "2026"
    # No index for 2024: no converted figure, rather than a wrong one.
    assert rows["T102"]["netto_faelles_prisniveau"] == ""
