"""Hearing tasks: the receipt e-mail goes from the worker, never from the request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from hearings.models import Response


@task()
def send_receipt(response_id: int) -> None:
    response = Response.objects.select_related("hearing").get(pk=response_id)
    context = {"response": response, "hearing": response.hearing, "site": settings.SITE_URL}
    send_mail(
        subject=_("Kvittering: dit høringssvar til %(t)s") % {"t": response.hearing.title},
        message=render_to_string("hearings/email/receipt.txt", context),
        from_email=None,
        recipient_list=[response.email],
    )
