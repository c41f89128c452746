"""Login throttling (django-axes) with our two limits, and a password reset that ignores Host.

Axes counts failures per (username, address) pair. On top of that one address may fail at most
LOGIN_FAILURES_PER_IP times across all usernames, so it cannot try one password on many
accounts; a town hall behind one NAT address still has room for its staff's typos.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.db.models import Sum
from django.shortcuts import render
from django.template import loader

from budget_portal.forms import CleanTextMixin
from budget_portal.outbox import queue_mail


class PortalAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        from_address = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(n=Sum("failures_since_start"))["n"]
        if (from_address or 0) >= settings.LOGIN_FAILURES_PER_IP:
            return max(pair, get_failure_limit(request, credentials))
        return pair


def locked_out(request, credentials=None, *args, **kwargs):
    """The same answer whoever the username belongs to, or whether it exists at all."""
    return render(
        request,
        "registration/locked.html",
        {"minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)},
        status=429,
    )


class OutboxPasswordResetForm(CleanTextMixin, PasswordResetForm):
    """Sends through the outbox, so a mail server that is down delays the mail, not the page."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_mail([to_email], subject, body)


class PasswordResetView(auth_views.PasswordResetView):
    """The link in the mail is built from SITE_URL, never from the request's Host header,
    so a forged Host cannot send a user's reset token to someone else's site."""

    form_class = OutboxPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        site = urlsplit(settings.SITE_URL)
        form.save(
            domain_override=site.netloc,
            use_https=site.scheme == "https",
            token_generator=self.token_generator,
            from_email=self.from_email,
            email_template_name=self.email_template_name,
            subject_template_name=self.subject_template_name,
            request=self.request,
            extra_email_context={"site_name": settings.PORTAL_NAME},
        )
        return super(auth_views.PasswordResetView, self).form_valid(form)
