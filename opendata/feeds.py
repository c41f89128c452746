"""RSS and Atom feeds: hearings as they open, and a cycle's public cards as they change."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.html import escape, linebreaks
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from budget_portal.models import BudgetCycle
from budget_portal.money import format_kr
from hearings.models import Hearing
from opendata.datasets import Source, public_cards
from opendata.package import cycle_title
from proposals.models import Proposal

FEED_ITEMS = 50


def _moment(value) -> str:
    """1. maj 2026 kl. 12.00"""
    return date_format(timezone.localtime(value), r"j. F Y \k\l. H.i")


class PortalFeed(Feed):
    """Atom 1.0 wants an author for the feed (RFC 4287 4.1.1): the portal, which publishes."""

    language = "da"

    def author_name(self) -> str:
        return settings.PORTAL_NAME


class HearingsFeed(PortalFeed):
    def title(self) -> str:
        return _("Høringer om budgettet")

    def description(self) -> str:
        return _("Nye høringer, hvor borgerne kan sende høringssvar.")

    def link(self) -> str:
        return reverse("hearings:list")

    def items(self) -> list[Hearing]:
        # A hearing enters the feed when it opens; coming ones are on the hearings page.
        return list(
            Hearing.objects.filter(opens_at__lte=timezone.now())
            .select_related("cycle")
            .order_by("-opens_at")[:FEED_ITEMS]
        )

    def item_title(self, item: Hearing) -> str:
        return escape(item.title)

    def item_description(self, item: Hearing) -> str:
        period = _("Høringsperiode: %(opens)s – %(closes)s.") % {
            "opens": _moment(item.opens_at),
            "closes": _moment(item.closes_at),
        }
        # Feed readers take the description as HTML.
        return linebreaks(f"{period}\n\n{Truncator(item.text).chars(600)}".strip(), autoescape=True)

    def item_pubdate(self, item: Hearing):
        return item.opens_at

    def item_updateddate(self, item: Hearing):
        # Atom's <updated> (RFC 4287 4.1.2): a hearing prepared early changes for the reader
        # when it opens; an edit after that is its change.
        return max(item.opens_at, item.updated_at)

    def item_categories(self, item: Hearing) -> list[str]:
        return [cycle_title(item.cycle)]


class HearingsAtomFeed(HearingsFeed):
    feed_type = Atom1Feed
    subtitle = HearingsFeed.description


class CardsFeed(PortalFeed):
    """A cycle's released and decided cards, newest change first; a new version of a card
    is a new item, so readers see that it changed."""

    def get_object(self, request, cycle_slug: str) -> Source:
        budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
        return Source(budget, request.build_absolute_uri("/").rstrip("/"))

    def title(self, obj: Source) -> str:
        return _("Budgetforslag: %(cycle)s") % {"cycle": cycle_title(obj.cycle)}

    def description(self, obj: Source) -> str:
        return _("Forslag, der er frigivet, vedtaget eller forkastet, og ændringer i dem.")

    def link(self, obj: Source) -> str:
        return reverse("proposals:list", kwargs={"cycle_slug": obj.cycle.slug})

    def items(self, obj: Source) -> list[Proposal]:
        cards = list(
            public_cards()
            .filter(cycle=obj.cycle)
            .for_listing()
            .order_by("-updated_at")[:FEED_ITEMS]
        )
        for card in cards:
            card.feed_guid = f"{obj.url(card.get_absolute_url())}#version-{card.version}"
        return cards

    def item_title(self, item: Proposal) -> str:
        return escape(f"{item.number} {item.title} ({item.get_status_display().lower()})")

    def item_description(self, item: Proposal) -> str:
        lines = [
            _("%(kind)s under %(committee)s, %(department)s. Status: %(status)s.")
            % {
                "kind": item.get_kind_display(),
                "committee": item.committee.name,
                "department": item.department.name,
                "status": item.get_status_display(),
            }
        ]
        lines += [
            _("Netto %(year)s: %(amount)s") % {"year": y.year, "amount": format_kr(y.net)}
            for y in item.ordered_years()
            if y.net is not None
        ]
        return linebreaks("\n".join(lines), autoescape=True)

    def item_guid(self, item: Proposal) -> str:
        return item.feed_guid

    item_guid_is_permalink = False

    def item_pubdate(self, item: Proposal):
        return item.updated_at

    def item_updateddate(self, item: Proposal):
        return item.updated_at

    def item_categories(self, item: Proposal) -> list[str]:
        return [item.committee.name, item.get_kind_display()]


class CardsAtomFeed(CardsFeed):
    feed_type = Atom1Feed
    subtitle = CardsFeed.description
