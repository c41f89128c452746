"""/sitemap.xml: the pages anyone may read, and only those (each section asks the same
rule as the page it lists)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from budget_portal.models import BudgetCycle
from hearings.models import Hearing
from implementation.models import Case, ImplementationPlan
from letters.models import CoverLetter
from opendata.datasets import public_cards


class PagesSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["home", "hearings:list", "opendata:index", "privacy", "accessibility"]

    def location(self, item: str) -> str:
        return reverse(item)


# The pages every cycle has, for everyone.
CYCLE_PAGES = ("proposals:list", "calendar", "letters:list")


class CyclePagesSitemap(Sitemap):
    def items(self) -> list[tuple[str, str]]:
        slugs = BudgetCycle.objects.newest_first().values_list("slug", flat=True)
        return [(name, slug) for slug in slugs for name in CYCLE_PAGES]

    def location(self, item: tuple[str, str]) -> str:
        name, slug = item
        return reverse(name, kwargs={"cycle_slug": slug})


class CardsSitemap(Sitemap):
    def items(self):
        return public_cards().select_related("cycle").order_by("cycle__slug", "number")

    def lastmod(self, item):
        return item.updated_at


class HearingsSitemap(Sitemap):
    def items(self):
        return Hearing.objects.order_by("slug")


class LettersSitemap(Sitemap):
    def items(self):
        return (
            CoverLetter.objects.visible_to(AnonymousUser())
            .select_related("cycle")
            .order_by("cycle__slug", "pk")
        )

    def lastmod(self, item):
        return item.updated_at


class PlansSitemap(Sitemap):
    def items(self):
        return (
            ImplementationPlan.objects.filter(released=True)
            .select_related("cycle")
            .order_by("cycle__slug")
        )


class CasesSitemap(Sitemap):
    def items(self):
        return Case.objects.filter(is_open=True).order_by("number")


SITEMAPS = {
    "sider": PagesSitemap,
    "budgetaar": CyclePagesSitemap,
    "forslag": CardsSitemap,
    "hoeringer": HearingsSitemap,
    "foelgebreve": LettersSitemap,
    "udmoentningsplaner": PlansSitemap,
    "sager": CasesSitemap,
}
