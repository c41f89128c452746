"""Amendments before the calendar's deadline; after it a clear refusal and nothing stored."""

from __future__ import annotations

import io
from datetime import time, timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from pypdf import PdfReader

from budget_portal.models import Milestone, MilestoneKind
from politics.models import Amendment
from tests.clients import scripted_post
from tests.conftest import client_for
from tests.factories import CycleFactory


@pytest.fixture
def deadline(cycle):
    milestone = Milestone.objects.create(
        cycle=cycle,
        kind=MilestoneKind.DEADLINE,
        title="Frist for ændringsforslag",
        starts_on=timezone.localdate() + timedelta(days=2),
        at_time=time(12, 0),
    )
    cycle.amendment_deadline = milestone
    cycle.save()
    return milestone


def form(seed_cards, **over):
    data = {
        "title": "Bevar NIS2 fuldt ud",
        "text": "Vi ønsker hele beløbet.",
        "cards": [seed_cards["T105"].pk],
        "expenses_2026": "0,500",
        "revenues_2026": "0",
        "expenses_2027": "0,500",
        "revenues_2027": "-0,100",
    }
    data.update(over)
    return data


def test_party_submits_before_the_deadline(client, cycle, seed_cards, deadline, politician_a):
    client_for(client, politician_a)
    url = reverse("politics:amendments", args=[cycle.slug])
    page = client.get(url).content.decode()
    assert "kl. 12.00" in page
    assert client.post(url, form(seed_cards)).status_code == 302
    amendment = Amendment.objects.get()
    assert (amendment.number, amendment.party.letter) == (1, "A")
    assert [(y.year, y.net) for y in amendment.years.all()][:2] == [
        (2026, 500_000),
        (2027, 400_000),
    ]
    assert [c.number for c in amendment.cards.all()] == ["T105"]


def test_amounts_are_typed_and_shown_at_the_cycles_price_level(
    client, cycle, seed_cards, deadline, politician_a
):
    client_for(client, politician_a)
    url = reverse("politics:amendments", args=[cycle.slug])
    page = client.get(url).content.decode()
    assert "Beløb (mio. kr., 2026-priser)" in page
    assert "Skriv beløbene i budgettets prisniveau, 2026-priser" in page
    client.post(url, form(seed_cards))
    page = client.get(url).content.decode()
    assert '<th scope="col">(Mio. kr., 2026-priser)</th>' in page


def test_after_the_deadline_refused_and_nothing_stored(
    client, cycle, seed_cards, deadline, politician_a
):
    deadline.starts_on = timezone.localdate() - timedelta(days=1)
    deadline.save()
    client_for(client, politician_a)
    # A tab opened before the deadline: the page now offers no form, the server refuses.
    response = scripted_post(client, reverse("politics:amendments", args=[cycle.slug]),
                             form(seed_cards))  # fmt: skip
    assert response.status_code == 200
    message = response.context["form"].non_field_errors()[0]
    assert message.startswith("Fristen udløb") and "kl. 12.00" in message
    assert "Forslaget er ikke gemt." in message
    assert not Amendment.objects.exists()


def test_bad_amounts_are_refused_at_their_field(client, cycle, seed_cards, deadline, politician_a):
    client_for(client, politician_a)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    response = client.post(
        reverse("politics:amendments", args=[cycle.slug]), form(seed_cards, expenses_2026="0.5")
    )
    assert "komma som decimaltegn" in response.context["form"].errors["expenses_2026"][0]
    assert not Amendment.objects.exists()


def test_parties_see_their_own_finance_sees_all(
    client, cycle, seed_cards, deadline, politician_a, politician_b, finance
):
    client_for(client, politician_a)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    client.post(reverse("politics:amendments", args=[cycle.slug]), form(seed_cards))
    client_for(client, politician_b)
    client.get(reverse("politics:amendments", args=[cycle.slug]))
    client.post(
        reverse("politics:amendments", args=[cycle.slug]),
        form(seed_cards, title="Venstres forslag"),
    )
    page = client.get(reverse("politics:amendments", args=[cycle.slug])).content.decode()
    assert "Venstres forslag" in page and "Bevar NIS2" not in page
    assert client.get(reverse("politics:amendments_xlsx", args=[cycle.slug])).status_code == 403
    client_for(client, finance)
    xlsx = client.get(reverse("politics:amendments_xlsx", args=[cycle.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert [r[:3] for r in rows[1:]] == [
        (1, "A", "Bevar NIS2 fuldt ud"),
        (2, "V", "Venstres forslag"),
    ]
    pdf = client.get(reverse("politics:amendments_pdf", args=[cycle.slug]), follow=True)
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    assert "Ændringsforslag 2: Venstres forslag" in text


def _page(client, cycle) -> str:
    return client.get(reverse("politics:amendments", args=[cycle.slug])).content.decode()


def test_page_says_until_when_before_anything_is_typed(client, cycle, deadline, politician_a):
    client_for(client, politician_a)
    day = date_format(deadline.starts_on, "j. F Y")
    page = _page(client, cycle)
    assert f"Ændringsforslag kan indsendes til og med {day} kl. 12.00." in page
    assert 'name="title"' in page


def test_without_a_deadline_the_page_says_so_and_shows_no_form(client, cycle, politician_a):
    client_for(client, politician_a)
    page = _page(client, cycle)
    assert "Fristen for ændringsforslag er ikke fastsat endnu." in page
    assert 'name="title"' not in page


def test_after_the_deadline_the_page_says_so_and_shows_no_form(
    client, cycle, deadline, politician_a
):
    deadline.starts_on = timezone.localdate() - timedelta(days=1)
    deadline.save()
    client_for(client, politician_a)
    page = _page(client, cycle)
    day = date_format(deadline.starts_on, "j. F Y")
    assert f"Fristen udløb {day} kl. 12.00." in page
    assert 'name="title"' not in page


def test_finance_sets_the_deadline_on_its_own_page_with_this_cycles_milestones(
    client, cycle, finance, politician_a
):
    other = CycleFactory(slug="andeby-2026", municipality="Andeby Kommune")
    Milestone.objects.create(cycle=other, kind=MilestoneKind.DEADLINE, title="Andebys frist",
                             starts_on=timezone.localdate())  # fmt: skip
    own = Milestone.objects.create(
        cycle=cycle, kind=MilestoneKind.DEADLINE, title="Partiernes frist",
        starts_on=timezone.localdate(),
    )  # fmt: skip
    url = reverse("politics:amendment_deadline", args=[cycle.slug])
    client_for(client, politician_a)
    assert client.get(url).status_code == 403
    client_for(client, finance)
    assert url in _page(client, cycle)  # linked from the amendments page
    page = client.get(url).content.decode()
    assert "Partiernes frist" in page and "Andebys frist" not in page
    day = timezone.localdate() + timedelta(days=30)
    bad = client.post(url, {"milestone": own.pk, "day": day.strftime("%d.%m.%Y"), "at": "25.00"})
    assert "Skriv klokkeslættet som timer og minutter, fx 12.00." in bad.content.decode()
    response = client.post(
        url, {"milestone": own.pk, "day": day.strftime("%d.%m.%Y"), "at": "12.00"}, follow=True
    )
    cycle.refresh_from_db()
    assert cycle.amendment_deadline == own
    moment = cycle.amendment_deadline.deadline_moment()
    assert timezone.localtime(moment).strftime("%H.%M") == "12.00"
    assert str(timezone.localtime(moment).tzinfo) == "Europe/Copenhagen"
    text = f"Ændringsforslag kan indsendes til og med {date_format(day, 'j. F Y')} kl. 12.00."
    assert text in response.content.decode()
    # Another cycle's milestone is refused, and no new milestone appears in the other cycle.
    refused = scripted_post(client, url, {"milestone": Milestone.objects.get(cycle=other).pk,
                                "day": day.strftime("%d.%m.%Y"), "at": "12.00"})  # fmt: skip
    assert refused.status_code == 200 and refused.context["form"].errors["milestone"]


def test_finance_sets_a_deadline_without_a_calendar_entry_yet(client, cycle, finance):
    client_for(client, finance)
    url = reverse("politics:amendment_deadline", args=[cycle.slug])
    client.get(url)
    day = timezone.localdate() + timedelta(days=10)
    client.post(url, {"milestone": "", "day": day.strftime("%d.%m.%Y"), "at": "9.30"})
    cycle.refresh_from_db()
    milestone = cycle.amendment_deadline
    assert (milestone.cycle, milestone.title, milestone.starts_on, milestone.at_time) == (
        cycle,
        "Frist for ændringsforslag",
        day,
        time(9, 30),
    )


def test_blank_revenues_count_as_zero_in_the_net_on_page_pdf_and_excel(
    client, cycle, seed_cards, deadline, politician_a, finance
):
    client_for(client, politician_a)
    _page(client, cycle)
    client.post(reverse("politics:amendments", args=[cycle.slug]),
                form(seed_cards, expenses_2026="1,250", revenues_2026=""))  # fmt: skip
    year = Amendment.objects.get().years.get(year=2026)
    assert (year.expenses, year.revenues, year.net) == (1_250_000, None, 1_250_000)
    net_row = _page(client, cycle).split("Netto")[1].split("</tr>")[0]
    assert "1,250" in net_row
    client_for(client, finance)
    xlsx = client.get(reverse("politics:amendments_xlsx", args=[cycle.slug]))
    rows = list(openpyxl.load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][4] == 1.25
    pdf = client.get(reverse("politics:amendments_pdf", args=[cycle.slug]), follow=True)
    text = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(pdf.streaming_content))).pages
    )
    net_line = next(line for line in text.splitlines() if line.startswith("Netto"))
    assert "1,250" in net_line


def test_cycle_admin_offers_only_the_cycles_own_milestones_as_deadline(client, cycle, admin_user):
    other = CycleFactory(slug="andeby-2026", municipality="Andeby Kommune")
    Milestone.objects.create(cycle=other, kind=MilestoneKind.DEADLINE, title="Andebys frist",
                             starts_on=timezone.localdate())  # fmt: skip
    Milestone.objects.create(cycle=cycle, kind=MilestoneKind.DEADLINE, title="Testrups frist",
                             starts_on=timezone.localdate())  # fmt: skip
    client_for(client, admin_user)
    page = client.get(reverse("admin:budget_portal_budgetcycle_change", args=[cycle.pk]))
    html = page.content.decode()
    assert "Testrups frist" in html and "Andebys frist" not in html
