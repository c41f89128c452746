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
    amendment_deadline = models.ForeignKey(
        "Milestone",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frist for ændringsforslag"),
        help_text=_("Aktiviteten i kalenderen; uden klokkeslæt gælder dagen ud."),
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
        return reverse("proposals:list", kwargs={"cycle_slug": self.slug})

    @property
    def year_range(self) -> list[int]:
        return list(range(self.first_year, self.first_year + self.years))

    @property
    def unit_caption(self) -> str:
        """The amounts table's caption word: "Mio. kr." as on the seed cards."""
        return {"mio": _("Mio. kr."), "t": _("1.000 kr."), "kr": _("Kr.")}[self.display_unit]

    @property
    def priced_unit_caption(self) -> str:
        """ "Mio. kr., 2026-priser": amounts typed at the cycle's own price level (amendments),
        so they compare with the totals shown at it without conversion."""
        return _("%(unit)s, %(year)s-priser") % {"unit": self.unit_caption, "year": self.price_year}

    @property
    def last_year(self) -> int:
        return self.first_year + self.years - 1


class Committee(models.Model):
    """A standing committee (fagudvalg); its digit is the middle digit of card numbers."""

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.CASCADE, related_name="committees"
    )
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

    cycle = models.ForeignKey(
        BudgetCycle,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="departments",
    )
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
        # A publication rendered in parts: every part is done, they are being put together.
        ASSEMBLING = "samles", _("Samles")
        DONE = "klar", _("Klar")
        FAILED = "fejlet", _("Fejlet")

    kind = models.CharField(_("type"), max_length=40)
    cycle = models.ForeignKey(
        BudgetCycle,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="publications",
    )
    params = models.JSONField(_("indstillinger"), default=dict)
    fingerprint = models.CharField(_("fingeraftryk"), max_length=64)
    title = models.CharField(_("titel"), max_length=200)
    state = models.CharField(
        _("tilstand"), max_length=10, choices=State.choices, default=State.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("fremdrift (%)"), default=0)
    file = models.FileField(_("fil"), upload_to="publications/%Y/", blank=True)
    size = models.PositiveIntegerField(_("størrelse (byte)"), default=0)
    error = models.TextField(_("fejl"), blank=True)
    created_at = models.DateTimeField(_("bestilt"), auto_now_add=True)
    finished_at = models.DateTimeField(_("færdig"), null=True, blank=True)

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

    @property
    def is_failed(self) -> bool:
        return self.state == self.State.FAILED

    def parts_done(self) -> tuple[int, int] | None:
        """(parts done, parts) of a publication rendered in parts, else None."""
        states = list(self.parts.values_list("state", flat=True))
        if not states:
            return None
        return sum(state == self.State.DONE for state in states), len(states)

    def previous_ready(self) -> Publication | None:
        """The newest finished file of the same material: what stays published while this
        one renders, or if it fails."""
        return (
            Publication.objects.filter(
                kind=self.kind, cycle=self.cycle_id, params=self.params, state=self.State.DONE
            )
            .exclude(pk=self.pk)
            .order_by("-finished_at")
            .first()
        )


class PublicationPart(models.Model):
    """One part of a large publication, rendered by any worker on its own; the parts are
    put together into the publication's file (budget_portal/publication_parts.py)."""

    publication = models.ForeignKey(
        Publication, verbose_name=_("publikation"), on_delete=models.CASCADE, related_name="parts"
    )
    index = models.PositiveIntegerField(_("nummer"))
    params = models.JSONField(_("indhold"), default=dict)
    state = models.CharField(
        _("tilstand"),
        max_length=10,
        choices=Publication.State.choices,
        default=Publication.State.QUEUED,
    )
    pages = models.PositiveIntegerField(_("sider"), default=0)
    # Each anchor of the part and the 0-based page it is on (where its cards start).
    anchors = models.JSONField(_("ankre"), default=dict)
    file = models.FileField(_("fil"), upload_to="publications/parts/%Y/", blank=True)
    error = models.TextField(_("fejl"), blank=True)

    class Meta:
        verbose_name = _("publikationsdel")
        verbose_name_plural = _("publikationsdele")
        ordering = ["publication", "index"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "index"], name="publication_part_once")
        ]

    def __str__(self) -> str:
        return f"{self.publication} ({self.index + 1})"


class Phase(models.Model):
    """A phase of the budget calendar: "Fase 1: Afklaring og kvalificering"."""

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.CASCADE, related_name="phases"
    )
    number = models.PositiveSmallIntegerField(_("nummer"))
    name = models.CharField(_("navn"), max_length=120)
    description = models.TextField(_("beskrivelse"), blank=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("faser")
        ordering = ["cycle", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="phase_number_unique")
        ]

    def __str__(self) -> str:
        return f"Fase {self.number}: {self.name}"


class MilestoneKind(models.TextChoices):
    DEADLINE = "frist", _("Frist")
    MEETING = "moede", _("Møde")
    HEARING = "hoering", _("Høring")
    SEMINAR = "seminar", _("Seminar")
    CITIZENS = "borgermoede", _("Borgermøde")
    PUBLICATION = "offentliggoerelse", _("Offentliggørelse")
    NEGOTIATION = "forhandling", _("Forhandling")
    ACTIVITY = "aktivitet", _("Aktivitet")


class MilestoneQuerySet(models.QuerySet):
    def upcoming(self, today) -> MilestoneQuerySet:
        """Milestones not yet over on TODAY, soonest first."""
        return self.filter(
            models.Q(ends_on__gte=today) | models.Q(ends_on__isnull=True, starts_on__gte=today)
        ).order_by("starts_on", "position")


class Milestone(models.Model):
    """A dated activity of the calendar: a deadline, a meeting, a hearing period.

    A date or a date range; month-level entries ("Maj", "Jan/Feb") span their months and
    keep the calendar's own wording in date_label.
    """

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.CASCADE, related_name="milestones"
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("fase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    kind = models.CharField(_("type"), max_length=20, choices=MilestoneKind.choices)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    bodies = models.CharField(
        _("hvem"), max_length=200, blank=True, help_text=_("Fx Økonomiudvalget, byrådet.")
    )
    starts_on = models.DateField(_("fra"))
    ends_on = models.DateField(_("til"), null=True, blank=True)
    at_time = models.TimeField(_("klokkeslæt"), null=True, blank=True)
    date_label = models.CharField(
        _("dato som i tidsplanen"), max_length=40, blank=True, help_text=_("Fx 14/6-9/8 eller Maj.")
    )
    approximate = models.BooleanField(
        _("kun måned"), default=False, help_text=_("Datoen er kun fastlagt til måneden.")
    )
    in_schedule = models.BooleanField(
        _("i den samlede tidsplan"),
        default=True,
        help_text=_("Fra: står som række i tidsplanen; ellers kun på tidslinjen."),
    )
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")
        ordering = ["cycle", "starts_on", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="milestone_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("Slutdatoen ligger før startdatoen.")})

    @property
    def last_day(self):
        return self.ends_on or self.starts_on

    def deadline_moment(self):
        """The last moment this milestone allows: its time on the last day, or midnight."""
        from datetime import datetime, time, timedelta

        from django.utils import timezone

        if self.at_time:
            return timezone.make_aware(datetime.combine(self.last_day, self.at_time))
        return timezone.make_aware(datetime.combine(self.last_day + timedelta(days=1), time()))

    @property
    def when_text(self) -> str:
        """The date as a person says it: "14. juni – 9. august 2023", "kl. 12.00" where set."""
        from django.utils.formats import date_format

        if self.approximate:
            text = self.date_label or date_format(self.starts_on, "F Y")
        elif self.ends_on and self.ends_on != self.starts_on:
            same_year = self.starts_on.year == self.ends_on.year
            start = date_format(self.starts_on, "j. F" if same_year else "j. F Y")
            text = f"{start} – {date_format(self.ends_on, 'j. F Y')}"
        else:
            text = date_format(self.starts_on, "j. F Y")
        if self.at_time:
            text += " " + str(_("kl. %(t)s")) % {"t": self.at_time.strftime("%H.%M")}
        return text


class OutboxMessage(models.Model):
    """An e-mail waiting to go out. Written in the same transaction as what caused it, sent
    by the worker, retried after a failure: nothing is lost when the mail server is down."""

    to = models.JSONField(_("modtagere"))
    subject = models.CharField(_("emne"), max_length=300)
    body = models.TextField(_("tekst"))
    # Extra header lines, e.g. List-Unsubscribe on the mails to subscribers.
    headers = models.JSONField(_("ekstra headere"), default=dict, blank=True)
    # The record whose personal data the mail carries ("hearings.response:12"), so erasing
    # that record can take the mail with it, sent or not.
    about = models.CharField(_("vedrører"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("forsøg"), default=0)
    last_error = models.TextField(_("seneste fejl"), blank=True)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), null=True, blank=True)

    class Meta:
        verbose_name = _("udgående mail")
        verbose_name_plural = _("udgående mails")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["sent_at", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.subject


class WorkerHeartbeat(models.Model):
    """The last sign of life of one worker process (`manage.py run_worker`); /healthz reads
    the newest."""

    worker_id = models.CharField(max_length=64, unique=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("baggrundsarbejder")
        verbose_name_plural = _("baggrundsarbejdere")

    def __str__(self) -> str:
        return f"{self.hostname}:{self.pid}"


class ScheduledJob(models.Model):
    """The last slot a periodic job was queued for (budget_portal/schedule.py). Workers claim
    a slot by moving this forward in one conditional update: only one of them succeeds."""

    name = models.CharField(max_length=200, unique=True)
    last_slot = models.DateTimeField(null=True)
    last_enqueued_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("planlagt job")
        verbose_name_plural = _("planlagte job")

    def __str__(self) -> str:
        return self.name


class PriceFactor(models.Model):
    """One year of a cycle's price and wage index (KL's pris- og lønskøn): amounts in one
    year's prices become another's by the ratio of their indices (budget_portal/price_level.py).
    Written only by `price_level.replace_price_table`, which keeps every state as a revision."""

    cycle = models.ForeignKey(
        BudgetCycle,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="price_factors",
    )
    year = models.PositiveSmallIntegerField(
        _("år"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    index = models.DecimalField(
        _("indeks"),
        max_digits=9,
        decimal_places=4,
        validators=[MinValueValidator(0)],
        help_text=_("Fx 100 for basisåret og 102,3 året efter, eller faktorer som 1,023."),
    )
    source = models.CharField(
        _("kilde"), max_length=200, help_text=_("Fx KL's pris- og lønskøn, juni 2025.")
    )
    published_on = models.DateField(_("dato for skønnet"))

    class Meta:
        verbose_name = _("pris- og lønindeks")
        verbose_name_plural = _("pris- og lønindeks")
        ordering = ["cycle", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "year"], name="price_factor_year_unique"),
            models.CheckConstraint(condition=models.Q(index__gt=0), name="price_factor_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.index}"


class PriceTableRevision(models.Model):
    """One saved state of a cycle's price table, as a snapshot; never changed afterwards."""

    cycle = models.ForeignKey(
        BudgetCycle,
        verbose_name=_("budgetår"),
        on_delete=models.CASCADE,
        related_name="price_revisions",
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("af")
    )
    action = models.CharField(_("handling"), max_length=200)
    snapshot = models.JSONField(_("indhold"))

    class Meta:
        verbose_name = _("version af pris- og lønindeks")
        verbose_name_plural = _("versioner af pris- og lønindeks")
        ordering = ["cycle", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "number"], name="price_table_revision_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cycle} v{self.number}"

    @property
    def summary(self) -> str:
        """The index per year as a person reads it: "2025: 100; 2026: 102,3"."""
        years = self.snapshot.get("years", {})
        return "; ".join(f"{y}: {v['index'].replace('.', ',')}" for y, v in years.items()) or "–"
