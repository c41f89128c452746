"""Pages of the spine: the front page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from budget_portal.models import BudgetCycle


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    cycles = BudgetCycle.objects.newest_first()
    return render(request, "home.html", {"cycles": cycles})
