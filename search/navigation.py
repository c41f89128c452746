"""Search in the citizens' header."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from budget_portal.navigation import is_public_visitor, plain, register


def register_navigation() -> None:
    register("search", _("Søg"), order=85, shown_to=is_public_visitor, url=plain("search:search"))
