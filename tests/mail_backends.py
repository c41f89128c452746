"""A mail backend that fails like a mail server that is down."""

import smtplib

from django.core.mail.backends.base import BaseEmailBackend


class DownBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class CountingBackend(BaseEmailBackend):
    """Counts what would go to the mail server (a class attribute: reset it in the test)."""

    sent: list = []

    def send_messages(self, email_messages):
        CountingBackend.sent.extend(email_messages)
        return len(email_messages)
