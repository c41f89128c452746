"""The spine every app hangs off: the budget cycle, its committees and departments, and roles."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles are Django groups; the names are what finance sees in the admin."""

    FINANCE = "okonomi", _("Økonomi")
    DEPARTMENT = "afdeling", _("Afdeling")
    POLITICIAN = "politiker", _("Politiker")


class DisplayUnit(models.TextChoices):
    MILLION = "mio", _("mio. kr.")
    THOUSAND = "t", _("1.000 kr.")
    KRONER = "kr", _("kr.")


class BudgetCycleQuerySet(models.QuerySet):
    def newest_first(self) -> BudgetCycleQuerySet:
        return self.order_by("-first_year", "municipality")


class BudgetCycle(models.Model):
    """One municipality's budget for a run of years, e.g. "Budget 2026-2029" of Norddjurs."""

    municipality = models.CharField(_("kommune"), max_length=100)
    name = models.CharField(_("navn"), max_length=100)
    slug = models.SlugField(
        _("kortnavn"), unique=True, help_text=_("Bruges i adressen, fx norddjurs-2026.")
    )
    first_year = models.PositiveSmallIntegerField(
        _("første budgetår"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    years = models.PositiveSmallIntegerField(
        _("antal år"),
        default=4,
        validators=[MinValueValidator(4), MaxValueValidator(8)],
        help_text=_("Budgetår plus overslagsår: mindst 4, højst 8."),
    )
    price_year = models.PositiveSmallIntegerField(_("prisniveau (standard)"))
    display_unit = models.CharField(
        _("visningsenhed"), max_length=3, choices=DisplayUnit.choices, default=DisplayUnit.MILLION
    )

    objects = BudgetCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("budgetår")
        verbose_name_plural = _("budgetår")
        ordering = ["-first_year", "municipality"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(years__gte=4, years__lte=8), name="cycle_years_4_to_8"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality})"

    def get_absolute_url(self) -> str:
        return reverse("proposals:list", kwargs={"cycle": self.slug})

    @property
    def year_range(self) -> list[int]:
        return list(range(self.first_year, self.first_year + self.years))

    @property
    def unit_caption(self) -> str:
        """The amounts table's caption word: "Mio. kr." as on the seed cards."""
        return {"mio": _("Mio. kr."), "t": _("1.000 kr."), "kr": _("Kr.")}[self.display_unit]

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1


class Committee(models.Model):
    """A standing committee (fagudvalg); its digit is the middle digit of card numbers."""

    cycle = models.ForeignKey(BudgetCycle, on_delete=models.CASCADE, related_name="committees")
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=120)

    class Meta:
        verbose_name = _("udvalg")
        verbose_name_plural = _("udvalg")
        ordering = ["cycle", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="committee_number_unique"),
            models.UniqueConstraint(fields=["cycle", "name"], name="committee_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """An administrative department (afdeling); its editors draft the department's cards."""

    cycle = models.ForeignKey(BudgetCycle, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("navn"), max_length=120)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        related_name="departments",
        verbose_name=_("udvalg"),
        null=True,
        blank=True,
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="departments",
        blank=True,
        verbose_name=_("redaktører"),
    )

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["cycle", "name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "name"], name="department_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.committee_id and self.committee.cycle_id != self.cycle_id:
            raise ValidationError({"committee": _("Udvalget hører til et andet budgetår.")})


class Publication(models.Model):
    """A rendered PDF of some material (a catalog, a card) for one state of the data.

    The fingerprint names that state: the same request on unchanged data finds the file
    already made; a change gives a new fingerprint and a new render.
    """

    class State(models.TextChoices):
        QUEUED = "venter", _("Venter")
        RUNNING = "genereres", _("Genereres")
        DONE = "klar", _("Klar")
        FAILED = "fejlet", _("Fejlet")

    kind = models.CharField(_("type"), max_length=40)
    cycle = models.ForeignKey(BudgetCycle, on_delete=models.CASCADE, related_name="publications")
    params = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64)
    title = models.CharField(_("titel"), max_length=200)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to="publications/%Y/", blank=True)
    size = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("publikation")
        verbose_name_plural = _("publikationer")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "cycle", "fingerprint"], name="publication_once_per_state"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_ready(self) -> bool:
        return self.state == self.State.DONE
