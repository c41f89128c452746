"""Which provider account a portal user is: the provider's subject, never its e-mail or name,
so a renamed or re-addressed person stays the same user and nobody can claim another's."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Identity(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="identities",
    )
    issuer = models.URLField(_("udsteder"), max_length=300)
    subject = models.CharField(_("subjekt"), max_length=255)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)

    class Meta:
        verbose_name = _("login-identitet")
        verbose_name_plural = _("login-identiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="sso_identity_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.issuer})"
