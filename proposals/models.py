"""Budget proposal cards, their yearly amounts and their revisions; what may be asked of them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import models
from django.db.models import Count, Max, Prefetch, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget_portal.figures import YearSum, net_of
from budget_portal.models import BudgetCycle, Committee, Department
from budget_portal.price_level import PriceTable


class Kind(models.TextChoices):
    TECHNICAL = "T", _("Teknisk korrektion")
    CAPITAL = "A", _("Anlægsforslag")
    REDUCTION = "R", _("Reduktionsforslag")
    EFFICIENCY = "E", _("Effektiviseringsforslag")
    EXPANSION = "U", _("Udvidelsesforslag")
    OPERATING = "D", _("Driftsforslag")
    INTENT = "H", _("Hensigtserklæring")


class ServiceFrame(models.TextChoices):
    YES = "ja", _("Ja")
    NO = "nej", _("Nej")
    PARTLY = "delvis", _("Delvis")
    __empty__ = _("Ikke oplyst")


class Status(models.TextChoices):
    DRAFT = "kladde", _("Kladde")
    SUBMITTED = "indsendt", _("Indsendt")
    RELEASED = "frigivet", _("Frigivet til politikerne")
    ADOPTED = "vedtaget", _("Vedtaget")
    REJECTED = "forkastet", _("Forkastet")
    WITHDRAWN = "trukket", _("Trukket")


# Released cards are public material: politicians, citizens and every role read them.
PUBLIC_STATUSES = (Status.RELEASED, Status.ADOPTED, Status.REJECTED)
# The council's decisions on a card; the move to one may cite the case (sag) that made it.
DECIDED_STATUSES = (Status.ADOPTED, Status.REJECTED)
# Once decided or withdrawn a card is history: its figures are no longer edited.
EDITABLE_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.RELEASED)


def statuses_visible_to(user) -> tuple[str, ...]:
    """The statuses of the cards USER may see (ProposalQuerySet.visible_to): every status for
    finance and department editors (their own drafts), the public ones for everyone else,
    anonymous visitors and politicians. The card list offers only these in its status filter."""
    if user.has_perm("proposals.view_unreleased_proposals"):
        return tuple(Status.values)
    return PUBLIC_STATUSES


@dataclass(frozen=True)
class Visibility:
    """Which cards a user may read, as the facts that decide it: every card (finance), or
    the public ones and those of the departments the user edits. Two users with the same
    visibility see the same cards, so it is also what a shared cache of a card list is keyed
    on: a user who loses a department or a role gets another key at once."""

    every: bool = False
    departments: tuple[int, ...] = ()

    @classmethod
    def of(cls, user) -> Visibility:
        if statuses_visible_to(user) == PUBLIC_STATUSES:
            return cls()
        if user.has_perm("proposals.view_every_proposal"):
            return cls(every=True)
        own = Department.objects.filter(editors=user).order_by("pk").values_list("pk", flat=True)
        return cls(departments=tuple(own))

    def key(self) -> str:
        if self.every:
            return "every"
        return "public+" + ".".join(map(str, self.departments))


def with_cards_version(cycles: models.QuerySet[BudgetCycle]) -> models.QuerySet[BudgetCycle]:
    """CYCLES, each read with what `cards_version` needs, in the same query."""
    return cycles.annotate(
        cards_count=Count("proposals"),
        cards_top=Max("proposals__pk"),
        cards_last=Max("proposals__updated_at"),
    )


def cards_version(cycle: BudgetCycle) -> str:
    """Changes when a card of CYCLE (read through `with_cards_version`) is added, deleted or
    saved (the services, the import and the admin save a card with its years, and the time):
    what a cached list of its cards depends on, whoever may see them."""
    last = cycle.cards_last.timestamp() if cycle.cards_last else 0
    return f"{cycle.cards_count}.{cycle.cards_top}.{last}"


def card_url(cycle_slug: str, number: str) -> str:
    """A card's page, for callers that hold its cycle's slug and number but no instance."""
    return reverse("proposals:detail", kwargs={"cycle_slug": cycle_slug, "number": number})


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """What Django's get_FOO_display gives. Its own hashes every lazy label of the field's
    choices (one gettext each) on every call: a fifth of rendering the 500-card list."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def years_in_order() -> Prefetch:
    """The cards' years, read once and in order (`Proposal.ordered_years` then uses them)."""
    return Prefetch("years", queryset=ProposalYear.objects.order_by("year"))


SIGN_LEGEND = _("- = mindreudgift/merindtægt og + = merudgift/mindreindtægt")


class ProposalQuerySet(models.QuerySet):
    def public(self) -> ProposalQuerySet:
        return self.filter(status__in=PUBLIC_STATUSES)

    def visible_to(self, user) -> ProposalQuerySet:
        """Cards USER may read (the rule proposals.view_proposal, as a query); the one place
        that decides it for lists and lookups."""
        seen = Visibility.of(user)
        if seen.every:
            return self
        if not seen.departments:
            return self.public()
        return self.filter(Q(status__in=PUBLIC_STATUSES) | Q(department_id__in=seen.departments))

    def of_departments_of(self, user) -> ProposalQuerySet:
        """Cards of the departments USER edits (a department editor's own cards)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(department__editors=user)

    def for_listing(self) -> ProposalQuerySet:
        return self.select_related("committee", "department", "cycle").prefetch_related(
            years_in_order()
        )

    def listed(self) -> list[ListedCard]:
        """The card list's rows, in two queries of plain values: model instances of 500 cards
        with their committee and 2,000 years were half of a signed-in list's time."""
        nets = defaultdict(list)
        years = ProposalYear.objects.filter(proposal__in=self.values("pk")).order_by("year")
        for pk, expenses, revenues in years.values_list("proposal_id", "expenses", "revenues"):
            nets[pk].append(net_of(expenses, revenues))
        fields = ("number", "title", "committee__name", "status", "service_frame", "price_year")
        return [
            ListedCard(*row, nets=tuple(nets[pk])) for pk, *row in self.values_list("pk", *fields)
        ]

    def totals(self, cycle: BudgetCycle, prices: PriceTable | None = None) -> CycleTotals:
        """Sums per year, split by committee and service frame, in one query.

        With PRICES (the cycle's table), every card's figures are converted to the table's
        base year first, unless the table lacks a year the cards are in: the totals then stay
        unconverted and name the missing years."""
        price_years = sorted(set(self.values_list("price_year", flat=True)))
        missing = prices.missing(price_years) if prices is not None else []
        convert = prices is not None and not missing
        groups = ["year", "proposal__committee_id", "proposal__committee__name"]
        groups += ["proposal__service_frame", "proposal__price_year"]
        rows = (
            ProposalYear.objects.filter(proposal__in=self.values("pk"))
            .values(*groups)
            .annotate(
                sum_expenses=Sum("expenses"),
                sum_revenues=Sum("revenues"),
                sum_fte=Sum("fte"),
                unknown=Count("pk", filter=Q(expenses__isnull=True) | Q(revenues__isnull=True)),
            )
            .order_by()
        )
        totals = CycleTotals(years=cycle.year_range)
        for row in rows:
            if convert:
                row = _converted(row, prices)
            totals.add(row)
        totals.other_price_years = [y for y in price_years if y != cycle.price_year]
        totals.missing_price_years = missing
        totals.converted = convert and bool(totals.other_price_years)
        return totals


def _converted(row: dict, prices: PriceTable) -> dict:
    # Sums of one price year convert as one amount: the conversion is linear.
    year = row["proposal__price_year"]
    return {
        **row,
        "sum_expenses": prices.convert(row["sum_expenses"], year),
        "sum_revenues": prices.convert(row["sum_revenues"], year),
    }


@dataclass
class TotalsLine:
    label: str
    by_year: dict[int, YearSum]

    @property
    def complete(self) -> bool:
        return all(s.complete for s in self.by_year.values())


@dataclass
class CycleTotals:
    """Totals of a set of cards: all, within/outside the service frame, per committee."""

    years: list[int]
    all: dict[int, YearSum] = field(default_factory=dict)
    frame: dict[str, dict[int, YearSum]] = field(default_factory=dict)
    committees: dict[int, tuple[str, dict[int, YearSum]]] = field(default_factory=dict)
    other_price_years: list[int] = field(default_factory=list)
    # Filled when totals were asked at one price level: converted, or the years that stopped it.
    converted: bool = False
    missing_price_years: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.all = self._blank()

    def _blank(self) -> dict[int, YearSum]:
        return {year: YearSum() for year in self.years}

    def add(self, row: dict) -> None:
        year = row["year"]
        if year not in self.all:
            return
        sums = (row["sum_expenses"], row["sum_revenues"], row["sum_fte"], row["unknown"])
        self.all[year].add(*sums)
        self.frame.setdefault(row["proposal__service_frame"], self._blank())[year].add(*sums)
        _name, per_year = self.committees.setdefault(
            row["proposal__committee_id"], (row["proposal__committee__name"], self._blank())
        )
        per_year[year].add(*sums)

    @property
    def complete(self) -> bool:
        return all(s.complete for s in self.all.values())

    def lines(self) -> list[TotalsLine]:
        """The rows of the totals table, in reading order."""
        lines = [
            TotalsLine(str(_("Inden for servicerammen: %(v)s")) % {"v": label}, self.frame[value])
            for value, label in ServiceFrame.choices
            if value in self.frame
        ]
        lines += [TotalsLine(name, per_year) for name, per_year in sorted(self.committees.values())]
        return lines


class Proposal(models.Model):
    """A budget proposal card (forslag): T101 "Digital udvikling KOMBIT projekter"."""

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.PROTECT, related_name="proposals"
    )
    number = models.CharField(
        _("nr."),
        max_length=12,
        help_text=_("Fx T101: bogstav for typen, udvalgets ciffer og et løbenummer."),
    )
    kind = models.CharField(_("type"), max_length=1, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("udvalg")
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("afdeling"),
    )
    price_year = models.PositiveSmallIntegerField(_("prisniveau"))
    start_date = models.DateField(_("iværksættelsestidspunkt"), null=True, blank=True)
    service_frame = models.CharField(
        _("inden for servicerammen"), max_length=6, choices=ServiceFrame.choices, blank=True
    )
    service_frame_note = models.CharField(
        _("bemærkning til servicerammen"),
        max_length=60,
        blank=True,
        help_text=_("Kortets egen ordlyd, når den ikke er et rent Ja eller Nej (fx “Ja/nej”)."),
    )
    background = models.TextField(_("baggrund og beskrivelse"), blank=True)
    consequences = models.TextField(_("økonomiske konsekvenser"), blank=True)
    pending_note = models.CharField(
        _("note om manglende tal"),
        max_length=200,
        blank=True,
        help_text=_("Fx “Opdateres med tal i juni.”"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("senest ændret"), auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("forslag")
        verbose_name_plural = _("forslag")
        ordering = ["cycle", "committee__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="proposal_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return card_url(self.cycle.slug, self.number)

    def get_kind_display(self) -> str:
        return choice_label(Kind, self.kind)

    def get_status_display(self) -> str:
        return choice_label(Status, self.status)

    def get_service_frame_display(self) -> str:
        return choice_label(ServiceFrame, self.service_frame)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def description_heading(self) -> str:
        if self.kind == Kind.TECHNICAL:
            return _("Baggrund for og beskrivelse af den tekniske korrektion")
        return _("Baggrund for og beskrivelse af forslaget")

    def ordered_years(self) -> list[ProposalYear]:
        """Years in order (uses the prefetch when there is one)."""
        return sorted(self.years.all(), key=lambda y: y.year)

    @property
    def has_pending_figures(self) -> bool:
        return bool(self.pending_note) or any(not y.complete for y in self.ordered_years())


@dataclass(frozen=True)
class ListedCard:
    """What the card list shows of a card (ProposalQuerySet.listed)."""

    number: str
    title: str
    committee: str
    status: str
    service_frame: str
    price_year: int
    nets: tuple[int | None, ...]  # each year's net, in order


class ProposalYear(models.Model):
    """A card's figures for one year, in whole kroner; None while not yet known."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("forslag"), on_delete=models.CASCADE, related_name="years"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    expenses = models.BigIntegerField(_("udgifter"), null=True, blank=True)
    revenues = models.BigIntegerField(_("indtægter"), null=True, blank=True)
    fte = models.DecimalField(_("årsværk"), max_digits=8, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("forslagsår")
        verbose_name_plural = _("forslagsår")
        ordering = ["proposal", "year"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "year"], name="proposal_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.proposal.number} {self.year}"

    @property
    def net(self) -> int | None:
        return net_of(self.expenses, self.revenues)

    @property
    def complete(self) -> bool:
        return self.expenses is not None and self.revenues is not None


class Revision(models.Model):
    """One saved state of a card and all its years, as a snapshot; never changed afterwards."""

    proposal = models.ForeignKey(
        Proposal, verbose_name=_("forslag"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("af"),
    )
    action = models.CharField(_("handling"), max_length=200)
    snapshot = models.JSONField(_("indhold"))
    changed = models.JSONField(
        _("ændrede felter"), default=list, help_text="Field labels that changed."
    )

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisioner")
        ordering = ["proposal", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.proposal.number} v{self.number}"


class ExcelImport(models.Model):
    """An uploaded workbook between its preview and its import; kept as a record afterwards."""

    cycle = models.ForeignKey(BudgetCycle, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to="imports/%Y/")
    filename = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    # The file is parsed once: its sheet (header and cell values, as JSON) or the reason it
    # could not be read. The preview and the import work from this, never the file again.
    sheet = models.JSONField(null=True, blank=True, editable=False)
    failure = models.TextField(blank=True, editable=False)

    class Meta:
        verbose_name = _("Excel-import")
        verbose_name_plural = _("Excel-importer")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename
