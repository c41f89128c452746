"""After adoption: the implementation plan (udmøntningsplan) and the cases (sager) that
decided it, with their treatment at each meeting."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle, Committee
from proposals.models import Proposal


class ItemKind(models.TextChoices):
    OPERATING = "driftsaendring", _("Driftsændring")
    CAPITAL = "anlaegsprojekt", _("Anlægsprojekt")
    INTENT = "hensigtserklaering", _("Hensigtserklæring")


class ItemStatus(models.TextChoices):
    """Where an item stands, as the plan's filter offers it (stored as PlanItem.completed)."""

    OPEN = "aaben", _("I gang")
    DONE = "afsluttet", _("Afsluttet")


class ImplementationPlan(models.Model):
    cycle = models.OneToOneField(
        BudgetCycle,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="implementation_plan",
    )
    title = models.CharField(_("titel"), max_length=200)
    released = models.BooleanField(
        _("offentliggjort"), default=False, help_text=_("Borgerne kan se planen.")
    )

    class Meta:
        verbose_name = _("udmøntningsplan")
        verbose_name_plural = _("udmøntningsplaner")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("implementation:plan", kwargs={"cycle_slug": self.cycle.slug})


class PlanGroupQuerySet(models.QuerySet):
    def with_progress(self) -> PlanGroupQuerySet:
        return self.annotate(
            item_count=Count("items"), done_count=Count("items", filter=Q(items__completed=True))
        )


class PlanGroup(models.Model):
    plan = models.ForeignKey(
        ImplementationPlan,
        verbose_name=_("udmøntningsplan"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    name = models.CharField(_("navn"), max_length=200)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    objects = PlanGroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("gruppe")
        verbose_name_plural = _("grupper")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="plan_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def percent_done(self) -> int:
        total = getattr(self, "item_count", None)
        if total is None:
            total = self.items.count()
            done = self.items.filter(completed=True).count()
        else:
            done = self.done_count
        return 0 if not total else (done * 100) // total


def progress_totals(groups) -> dict[str, int]:
    """Items and completed items over GROUPS (PlanGroupQuerySet.with_progress)."""
    return {
        "total": sum(g.item_count for g in groups),
        "done": sum(g.done_count for g in groups),
    }


class PlanItemQuerySet(models.QuerySet):
    def with_status(self, status: str) -> PlanItemQuerySet:
        return self.filter(completed=status == ItemStatus.DONE)


class PlanItem(models.Model):
    group = models.ForeignKey(
        PlanGroup, verbose_name=_("gruppe"), on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(_("titel"), max_length=300)
    kind = models.CharField(_("type"), max_length=20, choices=ItemKind.choices)
    committees = models.ManyToManyField(
        Committee, blank=True, related_name="plan_items", verbose_name=_("ansvarlige udvalg")
    )
    timing = models.CharField(_("tidspunkt (vejledende)"), max_length=100, blank=True)
    process = models.TextField(_("proces"), blank=True)
    cards = models.ManyToManyField(
        Proposal, blank=True, related_name="plan_items", verbose_name=_("forslag")
    )
    completed = models.BooleanField(_("afsluttet"), default=False)
    completed_at = models.DateTimeField(_("afsluttet den"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    objects = PlanItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("punkt i udmøntningsplanen")
        verbose_name_plural = _("punkter i udmøntningsplanen")
        ordering = ["group", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Case(models.Model):
    """A case (sag) as on an agenda: number, routing, narrative, recommendation."""

    cycle = models.ForeignKey(
        BudgetCycle,
        verbose_name=_("budgetår"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    plan = models.ForeignKey(
        ImplementationPlan,
        verbose_name=_("udmøntningsplan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    cards = models.ManyToManyField(
        Proposal, verbose_name=_("forslag"), blank=True, related_name="cases"
    )
    number = models.CharField(_("sagsnr."), max_length=40, unique=True)
    is_open = models.BooleanField(_("åben sag"), default=True)
    title = models.CharField(_("titel"), max_length=300)
    routing = models.CharField(_("sagsgang"), max_length=200, blank=True, help_text="ØK, KB")
    presentation = models.TextField(_("sagsfremstilling"), blank=True)
    related_policies = models.TextField(
        _("sammenhæng til andre politikker/strategier og fagområder"), blank=True
    )
    economic_consequences = models.TextField(_("økonomiske konsekvenser"), blank=True)
    legal_basis = models.TextField(_("lovgrundlag"), blank=True)
    recommendation = models.TextField(_("indstilling"), blank=True)

    class Meta:
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("implementation:case", kwargs={"number": self.url_number})

    @property
    def url_number(self) -> str:
        """The case number as it stands in a URL: 23/9260 becomes 23-9260."""
        return self.number.replace("/", "-")


class Treatment(models.Model):
    """A case at one meeting: the body, the date, the decision and who sent apologies."""

    case = models.ForeignKey(
        Case, verbose_name=_("sag"), on_delete=models.CASCADE, related_name="treatments"
    )
    body = models.CharField(_("udvalg/organ"), max_length=120)
    meeting_date = models.DateField(_("mødedato"))
    recommendation = models.TextField(_("indstilling"), blank=True)
    decision = models.TextField(_("beslutning"), blank=True)

    class Meta:
        verbose_name = _("behandling")
        verbose_name_plural = _("behandlinger")
        ordering = ["case", "meeting_date", "pk"]

    def __str__(self) -> str:
        return f"{self.case.number} {self.body} {self.meeting_date}"


class Absence(models.Model):
    treatment = models.ForeignKey(
        Treatment, verbose_name=_("behandling"), on_delete=models.CASCADE, related_name="absences"
    )
    name = models.CharField(_("navn"), max_length=120)
    note = models.CharField(_("parti eller titel"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("afbud")
        verbose_name_plural = _("afbud")
        ordering = ["treatment", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.note})" if self.note else self.name
