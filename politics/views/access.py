"""Helpers of the politics views: the cycle a user may reach (else 403/404), and downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from budget_portal.models import BudgetCycle


def cycle_for(request: HttpRequest, slug: str, perm: str | None = None) -> BudgetCycle:
    """The cycle of SLUG (404 if none), after checking PERM (403 without it)."""
    if perm is not None and not request.user.has_perm(perm):
        raise PermissionDenied
    return get_object_or_404(BudgetCycle.objects.select_related("amendment_deadline"), slug=slug)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Scenarios, amendments and answers are the politicians' working papers: kept by no cache.
    response["Cache-Control"] = "private, no-store"
    return response
