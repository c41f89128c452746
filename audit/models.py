"""The audit log: who did what, when, from where. Rows are only ever added.

Updates are refused by the model, the queryset and (on PostgreSQL) a trigger; rows leave only
through `purge_older_than`, the retention rule. On PostgreSQL triggers also refuse DELETE of
rows younger than the retention and TRUNCATE (migration 0003), and the application's role has
neither UPDATE nor DELETE on the table (`grant_app_role`).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import connections, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    pass


class Action(models.TextChoices):
    LOGIN = "login", _("Logget ind")
    LOGIN_FAILED = "login_failed", _("Mislykket login")
    VERIFIED = "verified", _("Borger verificeret med MitID")
    LOCKED_OUT = "locked_out", _("Login låst")
    LOGOUT = "logout", _("Logget ud")
    DENIED = "denied", _("Adgang nægtet")
    STATUS = "status", _("Statusændring")
    PUBLISHED = "published", _("Offentliggjort eller frigivet")
    MODERATED = "moderated", _("Moderation af høringssvar")
    IMPORTED = "imported", _("Import")
    EXPORTED = "exported", _("Eksport")
    USER = "user", _("Bruger ændret")
    ROLE = "role", _("Rolle ændret")
    PERSONAL_DATA = "personal_data", _("Persondata udleveret eller slettet")
    RETENTION = "retention", _("Sletning efter opbevaringsfrist")


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Revisionssporet kan ikke ændres.")

    def delete(self):
        raise AppendOnly("Revisionssporet slettes kun efter opbevaringsfristen.")

    def purge_older_than(self, days: int) -> int:
        """The retention rule: the only way rows leave the log.

        On PostgreSQL through `audit_purge`, which runs as the tables' owner and never removes
        rows younger than the database's own retention (audit migration 0003)."""
        if connections[self.db].vendor == "postgresql":
            with connections[self.db].cursor() as cursor:
                cursor.execute("SELECT audit_purge(%s)", [days])
                return cursor.fetchone()[0]
        cutoff = timezone.now() - timedelta(days=days)
        return self.filter(at__lt=cutoff)._raw_delete(self.db)


class AuditEvent(models.Model):
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        null=True,
        blank=True,
        # DO_NOTHING: SET_NULL would UPDATE the log's rows when a user is deleted, which the
        # log refuses. Without a database constraint the id stays as it was, pointing nowhere.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    # Kept when the user is deleted, and for failed logins with no user at all.
    actor_name = models.CharField(_("brugernavn"), max_length=150, blank=True)
    action = models.CharField(_("handling"), max_length=20, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("objekttype"), max_length=100, blank=True)
    target_id = models.CharField(_("objekt-id"), max_length=64, blank=True)
    target = models.CharField(_("objekt"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP-adresse"), null=True, blank=True)
    details = models.JSONField(_("detaljer"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()
    # grant_app_role gives the application's database role INSERT and SELECT only.
    append_only = True

    class Meta:
        verbose_name = _("hændelse")
        verbose_name_plural = _("revisionsspor")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnly("Revisionssporet kan ikke ændres.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Revisionssporet slettes kun efter opbevaringsfristen.")
