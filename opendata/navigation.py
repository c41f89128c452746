"""Open data in the citizens' header."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from budget_portal.navigation import is_public_visitor, plain, register


def register_navigation() -> None:
    register(
        "opendata",
        _("Åbne data"),
        order=88,
        shown_to=is_public_visitor,
        url=plain("opendata:index"),
    )
