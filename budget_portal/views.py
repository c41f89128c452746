"""Pages of the spine: the front page, the start page, the cycle switcher, the calendar,
publication progress and files."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from budget_portal.calendar import ical, schedule, timeline, where_now
from budget_portal.htmx import page_or_partial
from budget_portal.middleware import with_security_headers
from budget_portal.models import BudgetCycle, Milestone, Phase, Publication
from budget_portal.navigation import (
    SESSION_KEY,
    chosen_cycle,
    days_left,
    front_sections,
    is_staff_role,
    task_sections,
)
from budget_portal.publications import (
    is_public,
    may_fetch,
    publication_redirect,
    request_publication,
)
from budget_portal.requestlog import current_request_id


@dataclass
class CycleFront:
    """One budget cycle on the front page: where the process is and what is next."""

    cycle: BudgetCycle
    phase: Phase | None
    next_milestone: Milestone | None
    next_in: str
    sections: list


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    cycles = list(BudgetCycle.objects.newest_first().select_related("implementation_plan"))
    now = where_now(cycles, today)
    sections = front_sections(cycles, today)
    fronts = []
    for budget in cycles:
        phase, nxt = now[budget.pk]
        fronts.append(
            CycleFront(
                cycle=budget,
                phase=phase,
                next_milestone=nxt,
                next_in=_when_next(nxt, today),
                sections=sections[budget.pk],
            )
        )
    context = {"fronts": fronts, "show_my_tasks": is_staff_role(request.user)}
    return render(request, "home.html", context)


def _when_next(milestone: Milestone | None, today) -> str:
    if milestone is None:
        return ""
    if milestone.starts_on < today:
        return gettext("i gang")
    return days_left(milestone.starts_on, today)


@require_safe
@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Mine opgaver: per role the user holds, what waits for them in the chosen cycle."""
    cycles = list(BudgetCycle.objects.newest_first())
    budget = chosen_cycle(request, cycles)
    today = timezone.localdate()
    sections = task_sections(request.user, budget, today) if budget else []
    response = render(
        request, "my_tasks.html", {"task_cycle": budget, "sections": sections, "today": today}
    )
    # Some counts (new since last visit) are personal and change by the minute.
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def choose_cycle(request: HttpRequest) -> HttpResponse:
    """The header's cycle switcher (a GET form: works without JS). Remembered in the
    session; the same page of the new cycle where the page is the cycle's, else back."""
    slug = request.GET.get("budget", "")
    budget = BudgetCycle.objects.filter(slug=slug).first()
    nxt = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        nxt = reverse("home")
    if budget is None:
        return redirect(nxt)
    request.session[SESSION_KEY] = budget.slug
    return redirect(same_page_in(nxt, budget))


def same_page_in(path: str, budget: BudgetCycle) -> str:
    """PATH in BUDGET when its only argument is the cycle (lists, calendar, reading room);
    a page of one thing in the old cycle (a card, a question) has no twin: the front page."""
    try:
        match = resolve(path.split("?", 1)[0])
    except Resolver404:
        return path
    if "cycle_slug" not in match.kwargs:
        return path
    if set(match.kwargs) != {"cycle_slug"}:
        return reverse("home")
    return reverse(match.view_name, kwargs={"cycle_slug": budget.slug})


@require_safe
def calendar_page(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    milestones = list(budget.milestones.select_related("phase"))
    context = {
        "cycle": budget,
        "phases": list(budget.phases.all()),
        "months": timeline(milestones),
        "schedule": schedule(budget),
        "today": timezone.localdate(),
    }
    return render(request, "calendar/calendar.html", context)


@require_safe
def calendar_ics(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    response = HttpResponse(ical(budget, request.get_host()), content_type="text/calendar")
    response["Content-Disposition"] = f'inline; filename="budgetproces-{budget.slug}.ics"'
    return response


@require_safe
def calendar_pdf(request: HttpRequest, cycle_slug: str) -> HttpResponse:
    budget = get_object_or_404(BudgetCycle, slug=cycle_slug)
    return publication_redirect(request_publication("calendar", budget, {}))


def _publication_for(request: HttpRequest, fingerprint: str) -> Publication:
    publication = get_object_or_404(
        Publication.objects.select_related("cycle"), fingerprint=fingerprint
    )
    if not may_fetch(request.user, publication):
        raise Http404
    return publication


@require_safe
def publication_status(request: HttpRequest, fingerprint: str) -> HttpResponse:
    """Progress of a render. htmx polls the fragment inside a polite live region and, when
    the file is ready, shows the link to it; without JavaScript the page's "Opdatér" link
    comes back here, and a ready file is then sent straight on (no meta refresh: axe)."""
    publication = _publication_for(request, fingerprint)
    if publication.is_ready and not request.htmx:
        return redirect("publication_file", fingerprint=fingerprint)
    template = page_or_partial(request, "publication_status.html", "progress")
    failed = publication.state == Publication.State.FAILED
    context = {
        "publication": publication,
        "polling": not publication.is_ready and not failed,
        "previous": None if publication.is_ready else publication.previous_ready(),
        "parts": None if publication.is_ready or failed else publication.parts_done(),
        "show_error": request.user.has_perm("budget_portal.view_publication_error"),
    }
    response = render(request, template, context)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def publication_file(request: HttpRequest, fingerprint: str) -> HttpResponse:
    publication = _publication_for(request, fingerprint)
    if not publication.is_ready:
        return redirect("publication_status", fingerprint=fingerprint)
    response = FileResponse(
        publication.file.open("rb"),
        content_type="application/pdf",
        filename=publication.file.name.rsplit("/", 1)[-1],
    )
    # The fingerprint names one state of the data: the file at this URL never changes.
    response["ETag"] = f'"{publication.fingerprint}"'
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if is_public(publication) else "private, no-store"
    )
    return response


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """Privatlivspolitik; its periods are read from the settings that enforce them."""
    return render(
        request,
        "pages/privacy.html",
        {
            "hearing_days": settings.HEARING_RETENTION_DAYS,
            "audit_days": settings.AUDIT_RETENTION_DAYS,
            "session_hours": settings.SESSION_COOKIE_AGE // 3600,
            "lockout_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "responses_per_hour": settings.HEARING_RESPONSES_PER_HOUR,
            "outbox_days": settings.OUTBOX_RETENTION_DAYS,
            "contact": settings.PRIVACY_CONTACT,
            "contact_email": settings.PRIVACY_CONTACT_EMAIL,
        },
    )


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pages/accessibility.html",
        {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL},
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page: plain HTML with one variable, the request id a user can quote. No
    context processors, no database: it must work when those are what broke."""
    try:
        body = loader.get_template("500.html").render({"request_id": current_request_id()})
    except Exception:  # the error page itself must never fail
        body = "<!doctype html><html lang=da><title>Fejl</title><h1>Der skete en fejl</h1></html>"
    response = HttpResponseServerError(body)
    # Set before the headers below, so they need not ask who the user is (the session store
    # may be what failed).
    response["Cache-Control"] = "private, no-store"
    # A fault in an outer middleware (the session store away) skips the inner ones that set
    # the security headers on every other page: the same steps as the 400 page.
    return with_security_headers(request, response)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The 400 page (a bad Host header, a malformed request). Plain like the 500 page: a bad
    Host is refused before sessions and users are loaded. It gets the security headers here
    because it may never pass the middlewares that set them (with_security_headers)."""
    body = loader.get_template("400.html").render({"request_id": current_request_id()})
    return with_security_headers(request, HttpResponseBadRequest(body))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form's security token was missing or old (a page left open past
    the session, cookies blocked). Says what to do; the reason is for the log, not the user."""
    page = loader.render_to_string("403_csrf.html", request=request)
    return HttpResponseForbidden(page)
