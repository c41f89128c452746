"""What every page's layout needs: the portal's name and the user's roles."""

from __future__ import annotations

from django.conf import settings

from budget_portal.roles import is_department_editor, is_finance, is_politician


def portal(request) -> dict:
    user = request.user
    return {
        "portal_name": settings.PORTAL_NAME,
        "user_is_finance": is_finance(user),
        "user_is_editor": is_department_editor(user),
        "user_is_politician": is_politician(user),
    }
