"""Snapshots of a card with all its years, and the differences between two of them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from budget_portal import money
from budget_portal.figures import net_of
from budget_portal.price_level import PriceTable
from proposals.models import Kind, Proposal, ServiceFrame, Status

# Field order is reading order on the card; labels are what the comparison page shows.
CARD_FIELDS = (
    "number",
    "title",
    "kind",
    "committee",
    "department",
    "status",
    "price_year",
    "start_date",
    "service_frame",
    "service_frame_note",
    "pending_note",
    "background",
    "consequences",
)
YEAR_FIELDS = ("expenses", "revenues", "fte")


def snapshot(proposal: Proposal, years=None) -> dict[str, Any]:
    """The card as plain JSON: names rather than ids, so old revisions read right forever.

    YEARS: the card's ProposalYear rows when the caller has them (a bulk write), else read."""
    data: dict[str, Any] = {
        "number": proposal.number,
        "title": proposal.title,
        "kind": proposal.kind,
        "committee": proposal.committee.name,
        "department": proposal.department.name,
        "status": proposal.status,
        "price_year": proposal.price_year,
        "start_date": proposal.start_date.isoformat() if proposal.start_date else None,
        "service_frame": proposal.service_frame,
        "service_frame_note": proposal.service_frame_note,
        "pending_note": proposal.pending_note,
        "background": proposal.background,
        "consequences": proposal.consequences,
        "unit": proposal.cycle.display_unit,
        "years": {},
    }
    rows = proposal.years.order_by("year") if years is None else sorted(years, key=_year)
    for y in rows:
        data["years"][str(y.year)] = {
            "expenses": y.expenses,
            "revenues": y.revenues,
            "fte": None if y.fte is None else str(y.fte.normalize()),
        }
    return data


def _year(row) -> int:
    return row.year


def field_label(name: str) -> str:
    return {
        "number": _("Nr."),
        "title": _("Titel"),
        "kind": _("Type"),
        "committee": _("Udvalg"),
        "department": _("Afdeling"),
        "status": _("Status"),
        "price_year": _("Prisniveau"),
        "start_date": _("Iværksættelsestidspunkt"),
        "service_frame": _("Inden for servicerammen"),
        "service_frame_note": _("Bemærkning til servicerammen"),
        "pending_note": _("Note om manglende tal"),
        "background": _("Baggrund og beskrivelse"),
        "consequences": _("Økonomiske konsekvenser"),
    }[name]


def year_label(name: str, year: str) -> str:
    return {
        "expenses": _("Udgifter %(y)s"),
        "revenues": _("Indtægter %(y)s"),
        "net": _("Netto %(y)s"),
        "fte": _("Årsværk %(y)s"),
    }[name] % {"y": year}


def _display(name: str, value: Any, unit: str) -> str:
    if value is None or value == "":
        return "–"
    if name in ("expenses", "revenues", "net"):
        return money.in_unit(value, unit)
    if name == "fte":
        return money.format_fte(Decimal(value))
    if name == "kind":
        return str(Kind(value).label)
    if name == "status":
        return str(Status(value).label)
    if name == "service_frame":
        return str(ServiceFrame(value).label)
    if name == "start_date":
        from datetime import date

        from django.utils.formats import date_format

        return date_format(date.fromisoformat(value), "j. F Y")
    return str(value)


@dataclass(frozen=True)
class Row:
    """One line of a side-by-side comparison."""

    key: str
    label: str
    old: str
    new: str
    long: bool = False

    @property
    def changed(self) -> bool:
        return self.old != self.new


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Row]:
    """Every field and every year of two snapshots, side by side, in card order."""
    unit = new.get("unit") or old.get("unit") or "mio"
    rows = [
        Row(
            name,
            field_label(name),
            _display(name, old.get(name), unit),
            _display(name, new.get(name), unit),
            long=name in ("background", "consequences"),
        )
        for name in CARD_FIELDS
    ]
    years = sorted(set(old.get("years", {})) | set(new.get("years", {})))
    for name in (*YEAR_FIELDS[:2], "net", YEAR_FIELDS[2]):
        for year in years:
            before = _year_value(old, year, name)
            after = _year_value(new, year, name)
            rows.append(
                Row(
                    f"{name}:{year}",
                    year_label(name, year),
                    _display(name, before, unit),
                    _display(name, after, unit),
                )
            )
    return rows


def _year_value(snap: dict[str, Any], year: str, name: str) -> Any:
    values = snap.get("years", {}).get(year)
    if values is None:
        return None
    if name == "net":
        return net_of(values["expenses"], values["revenues"])
    return values[name]


def changed_labels(old: dict[str, Any] | None, new: dict[str, Any]) -> list[str]:
    if old is None:
        return []
    return [row.label for row in compare(old, new) if row.changed]


def at_one_price_level(
    old: dict[str, Any], new: dict[str, Any], table: PriceTable, *, numbers: tuple[int, int]
) -> tuple[dict[str, Any], str]:
    """OLD's amounts in NEW's price year, so that comparing them shows real changes, and the
    note that says so; OLD as it is, and why, when TABLE cannot convert it. NUMBERS: the two
    versions' numbers, for the note."""
    before, after = old.get("price_year"), new.get("price_year")
    if before is None or after is None or before == after:
        return old, ""
    prices = table.to_year(after)
    facts = {"a": numbers[0], "b": numbers[1], "pa": before, "pb": after}
    if missing := prices.missing([before]):
        note = _(
            "Version %(a)s er i %(pa)s-priser og version %(b)s i %(pb)s-priser. Beløbene er "
            "ikke omregnet: pris- og lønindekset mangler %(years)s."
        )
        return old, note % {**facts, "years": ", ".join(map(str, missing))}
    converted = {
        year: {
            **values,
            "expenses": prices.convert(values["expenses"], before),
            "revenues": prices.convert(values["revenues"], before),
        }
        for year, values in old.get("years", {}).items()
    }
    note = _(
        "Version %(a)s er i %(pa)s-priser; dens beløb er her omregnet til %(pb)s-priser med "
        "pris- og lønindekset, så de kan sammenlignes med version %(b)s."
    )
    return {**old, "years": converted}, note % facts
