"""The card list's table rows, built in Python: one `reverse()` and one label table for the
whole list instead of the template engine's look-ups, filters and URL per row, which were
almost all of a signed-in 500-card list's time (it is never cached)."""

from __future__ import annotations

from html import escape  # Django's escape() is this, behind a lazy-string check per call
from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from budget_portal.money import in_unit
from proposals.models import ListedCard, ServiceFrame, Status

register = template.Library()

# What reverse() leaves unquoted in a path segment (django.urls.resolvers).
_URL_SAFE = "!$&'()*+,;=/~:@"


@register.simple_tag
def card_rows(cards: list[ListedCard], cycle) -> SafeString:
    """One <tr> per card: number (linked), title, committee, status, service frame and the
    net of each year in the cycle's unit, "afventer" where a figure is missing. Looks and
    reads as the template loop it replaces (tests/proposals/test_card_rows.py)."""
    prefix = reverse("proposals:detail", kwargs={"cycle_slug": cycle.slug, "number": "0"})[:-2]
    # str() first: escape() of a lazy label stays lazy, a gettext at every row.
    statuses = {value: escape(str(label)) for value, label in Status.choices}
    frames = {value: escape(str(label)) for value, label in ServiceFrame.choices}
    pending = f'<span class="pending">{escape(_("afventer"))}</span>'
    unit = cycle.display_unit
    rows = []
    for card in cards:
        number = escape(card.number)
        url = escape(prefix + quote(card.number, safe=_URL_SAFE))
        status = statuses.get(card.status) or escape(card.status)
        frame = frames.get(card.service_frame) or escape(card.service_frame)
        title = escape(card.title)
        if card.price_year != cycle.price_year:
            title += f' <span class="badge">{card.price_year}-priser</span>'
        cells = [
            f'<td><a href="{url}/">{number}</a></td>',
            f"<td>{title}</td>",
            f'<td class="col-wide">{escape(card.committee)}</td>',
            f'<td class="col-wide">{status}</td>',
            f'<td class="col-wide">{frame}</td>',
        ]
        for i, net in enumerate(card.nets):
            shown = pending if net is None else in_unit(net, unit)  # digits, dots, a comma
            cells.append(f'<td class="num{" col-wide" if i else ""}">{shown}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return mark_safe("\n".join(rows))  # noqa: S308 (every value above is escaped)
