"""A department's cover letter (følgebrev) to its budget material, and the expiring grants
it reports (udløb af bevillinger)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle, Department
from budget_portal.uploads import random_name
from proposals.models import Proposal


def _attachment_path(instance, filename: str) -> str:
    return random_name("letter-attachments", filename)


class LetterStatus(models.TextChoices):
    DRAFT = "kladde", _("Kladde")
    RELEASED = "frigivet", _("Frigivet")


class CoverLetterQuerySet(models.QuerySet):
    def visible_to(self, user) -> CoverLetterQuerySet:
        """The letters USER may read: the rule letters.view_letter, as a query."""
        if user.has_perm("letters.view_every_letter"):
            return self
        if not user.is_authenticated:
            return self.filter(status=LetterStatus.RELEASED)
        return self.filter(Q(status=LetterStatus.RELEASED) | Q(department__editors=user)).distinct()


class CoverLetter(models.Model):
    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.PROTECT, related_name="letters"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="letters", verbose_name=_("afdeling")
    )
    heading = models.CharField(_("overskrift"), max_length=200)
    intro = models.TextField(_("indledning"), blank=True)
    expiring_grants_heading = models.CharField(
        _("overskrift for udløbende bevillinger"), max_length=200, blank=True
    )
    expiring_grants_intro = models.TextField(_("tekst om udløbende bevillinger"), blank=True)
    closing = models.TextField(_("afslutning"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = CoverLetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("følgebrev")
        verbose_name_plural = _("følgebreve")
        ordering = ["cycle", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "department"], name="one_letter_per_department"
            )
        ]

    def __str__(self) -> str:
        return self.heading

    def get_absolute_url(self) -> str:
        return reverse("letters:detail", kwargs={"cycle_slug": self.cycle.slug, "pk": self.pk})

    @property
    def is_released(self) -> bool:
        """Released letters are public and are not released again."""
        return self.status == LetterStatus.RELEASED


class LetterAttachment(models.Model):
    """An item of "Vedlagt fremsendes": an uploaded document, a card, or just its title."""

    letter = models.ForeignKey(
        CoverLetter,
        verbose_name=_("følgebrev"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    title = models.CharField(_("titel"), max_length=300)
    file = models.FileField(_("fil (PDF)"), upload_to=_attachment_path, blank=True)
    card = models.ForeignKey(
        Proposal, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("forslag")
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("bilag")
        verbose_name_plural = _("bilag")
        ordering = ["letter", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class LetterTheme(models.Model):
    letter = models.ForeignKey(
        CoverLetter, verbose_name=_("følgebrev"), on_delete=models.CASCADE, related_name="themes"
    )
    heading = models.CharField(_("overskrift"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    cards = models.ManyToManyField(Proposal, blank=True, verbose_name=_("forslag"))
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("tema")
        verbose_name_plural = _("temaer")
        ordering = ["letter", "position", "pk"]

    def __str__(self) -> str:
        return self.heading


class Signature(models.Model):
    letter = models.ForeignKey(
        CoverLetter,
        verbose_name=_("følgebrev"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    name = models.CharField(_("navn"), max_length=120)
    title = models.CharField(_("titel"), max_length=120)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["letter", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"


class ExpiringGrant(models.Model):
    """Time-limited money that ends: what granted it, the period, the gap it leaves."""

    letter = models.ForeignKey(
        CoverLetter, verbose_name=_("følgebrev"), on_delete=models.CASCADE, related_name="grants"
    )
    name = models.CharField(_("navn"), max_length=200)
    decision_body = models.CharField(_("bevilget af"), max_length=120, blank=True)
    decision_date = models.DateField(_("bevilget den"), null=True, blank=True)
    decision_amount = models.BigIntegerField(_("bevilget beløb (kr.)"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("periode fra år"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("periode til år"), null=True, blank=True)
    text = models.TextField(_("tekst"), blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="from_grants",
        verbose_name=_("forslag startet fra bevillingen"),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("udløbende bevilling")
        verbose_name_plural = _("udløbende bevillinger")
        ordering = ["letter", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    def shortfall_by_year(self) -> dict[int, GrantShortfall]:
        return {s.year: s for s in self.shortfalls.all()}


class GrantShortfall(models.Model):
    """Missing financing in one year; None when the amount is not yet known."""

    grant = models.ForeignKey(
        ExpiringGrant,
        verbose_name=_("bevilling"),
        on_delete=models.CASCADE,
        related_name="shortfalls",
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.BigIntegerField(_("manglende finansiering (kr.)"), null=True, blank=True)

    class Meta:
        verbose_name = _("manglende finansiering")
        verbose_name_plural = _("manglende finansiering")
        ordering = ["grant", "year"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "year"], name="one_shortfall_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.grant} {self.year}"


class LetterRevision(models.Model):
    letter = models.ForeignKey(CoverLetter, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=200)
    snapshot = models.JSONField()

    class Meta:
        verbose_name = _("version af følgebrev")
        verbose_name_plural = _("versioner af følgebreve")
        ordering = ["letter", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="letter_revision_unique")
        ]

    def __str__(self) -> str:
        return f"{self.letter} v{self.number}"
