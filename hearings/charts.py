"""The hearing's chart: how many published responses concern each card."""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget_portal.charts import Chart, Series


def responses_chart(cards, responses) -> Chart | None:
    """CARDS: the hearing's public cards; RESPONSES: its published responses with their
    cards prefetched. A response about several cards counts for each."""
    responses = list(responses)
    if not responses:
        return None
    counts = {card.pk: 0 for card in cards}
    without = 0
    for response in responses:
        about = [c.pk for c in response.cards.all() if c.pk in counts]
        for pk in about:
            counts[pk] += 1
        without += not about
    labels = [f"{card.number} {card.title}" for card in cards]
    values = [counts[card.pk] for card in cards]
    if without:
        labels.append(_("Ikke om et bestemt forslag"))
        values.append(without)
    return Chart(
        title=_("Offentliggjorte høringssvar pr. forslag"),
        description=_(
            "Liggende søjler: antal offentliggjorte høringssvar om hvert forslag i høringen; "
            "et svar om flere forslag tælles ved hvert af dem. Tallene står i tabellen."
        ),
        labels=labels,
        series=[Series(_("Høringssvar"), values)],
        row_heading=_("Antal"),
        kind="hbar",
    )
