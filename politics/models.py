"""The politicians' side: parties, what each has seen, and negotiation scenarios."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from budget_portal.figures import net_of
from budget_portal.models import BudgetCycle
from proposals.models import Proposal, Revision


class Party(models.Model):
    """A party group in the council: "Socialdemokratiet", list letter "A"."""

    name = models.CharField(_("navn"), max_length=120, unique=True)
    letter = models.CharField(_("listebogstav"), max_length=3, unique=True)

    class Meta:
        verbose_name = _("parti")
        verbose_name_plural = _("partier")
        ordering = ["letter"]

    def __str__(self) -> str:
        return f"{self.name} ({self.letter})"


class Membership(models.Model):
    """A politician belongs to one party."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bruger"),
        on_delete=models.CASCADE,
        related_name="party_membership",
    )
    party = models.ForeignKey(
        Party, verbose_name=_("parti"), on_delete=models.PROTECT, related_name="memberships"
    )

    class Meta:
        verbose_name = _("partimedlemskab")
        verbose_name_plural = _("partimedlemskaber")

    def __str__(self) -> str:
        return f"{self.user} – {self.party}"


def party_of(user) -> Party | None:
    membership = Membership.objects.select_related("party").filter(user=user).first()
    return membership.party if membership else None


class CardView(models.Model):
    """When a user last opened a card, and which version they saw: "nyt siden sidst"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    seen_version = models.PositiveIntegerField()
    seen_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kortvisning")
        verbose_name_plural = _("kortvisninger")
        constraints = [
            models.UniqueConstraint(fields=["user", "proposal"], name="one_view_per_user_card")
        ]

    def __str__(self) -> str:
        return f"{self.user} så {self.proposal.number} v{self.seen_version}"


@dataclass(frozen=True)
class Seen:
    version: int
    at: datetime


def last_seen(user, proposals) -> dict[int, Seen]:
    """Per card id: the newest version USER knows, opened (CardView) or saved by themselves
    (a revision they authored). Own edits are never "nyt siden sidst" to their author."""
    ids = [p.pk for p in proposals] if isinstance(proposals, list | tuple) else proposals
    seen = {
        v.proposal_id: Seen(v.seen_version, v.seen_at)
        for v in CardView.objects.filter(user=user, proposal__in=ids)
    }
    # In any order: the newest own revision of a card wins over older ones and older views.
    own = Revision.objects.filter(author=user, proposal__in=ids).values_list(
        "proposal_id", "number", "created_at"
    )
    for proposal_id, number, created_at in own:
        if proposal_id not in seen or seen[proposal_id].version < number:
            seen[proposal_id] = Seen(number, created_at)
    return seen


class Novelty(models.TextChoices):
    """What the reading room marks on a card for one reader (last_seen says which)."""

    NEW = "ny", _("Ny")
    CHANGED = "ændret", _("Ændret siden sidst")


def novelty(seen: dict[int, Seen], card: Proposal) -> Novelty | None:
    """NEW if the reader has never opened or saved the card, CHANGED if it has a newer
    version than the one they know, None if they know it as it is."""
    if card.pk not in seen:
        return Novelty.NEW
    return Novelty.CHANGED if seen[card.pk].version < card.version else None


def new_or_changed_for(user, cards):
    """Of CARDS, those USER has neither opened nor saved in their current version: the
    queryset form of last_seen, for counts ("nyt siden sidst" on the start page)."""
    seen = CardView.objects.filter(user=user, proposal=OuterRef("pk")).values("seen_version")
    own = (
        Revision.objects.filter(author=user, proposal=OuterRef("pk"))
        .order_by("-number")
        .values("number")
    )
    return cards.annotate(seen_version=Subquery(seen[:1]), own_version=Subquery(own[:1])).filter(
        Q(seen_version__isnull=True) | Q(seen_version__lt=F("version")),
        Q(own_version__isnull=True) | Q(own_version__lt=F("version")),
    )


class BudgetTarget(models.Model):
    """What must be found in a year to balance the budget (negative: a saving to find)."""

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.CASCADE, related_name="targets"
    )
    year = models.PositiveSmallIntegerField(_("år"))
    amount = models.BigIntegerField(_("beløb (kr.)"))

    class Meta:
        verbose_name = _("budgetmål")
        verbose_name_plural = _("budgetmål")
        ordering = ["cycle", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "year"], name="one_target_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} {self.year}"


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScenarioQuerySet:
        """Own scenarios, and those the own party shares; nobody else's, ever."""
        if not user.is_authenticated:
            return self.none()
        party = party_of(user)
        shared = Q(shared_with_party=True, party=party) if party else Q(pk__in=[])
        return self.filter(Q(owner=user) | shared)


class Scenario(models.Model):
    cycle = models.ForeignKey(BudgetCycle, on_delete=models.CASCADE, related_name="scenarios")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scenarios"
    )
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, blank=True)
    name = models.CharField(_("navn"), max_length=120)
    shared_with_party = models.BooleanField(_("delt med partiet (kun læse)"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("scenarie")
        verbose_name_plural = _("scenarier")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("politics:scenario", kwargs={"cycle_slug": self.cycle.slug, "pk": self.pk})


class ScenarioCard(models.Model):
    """A card in a scenario, whole (100 %) or in part, and the version it was added at."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="entries")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="+")
    share = models.DecimalField(
        _("andel (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(100),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    added_version = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("forslag i scenarie")
        verbose_name_plural = _("forslag i scenarier")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "proposal"], name="card_once_in_scenario"),
            models.CheckConstraint(
                condition=Q(share__gte=0, share__lte=100), name="share_0_to_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario}: {self.proposal.number} {self.share} %"

    @property
    def changed_since_added(self) -> bool:
        return self.proposal.version != self.added_version


class QuestionState(models.TextChoices):
    ASKED = "stillet", _("Stillet")
    ASSIGNED = "fordelt", _("Fordelt")
    ANSWERED = "besvaret", _("Besvaret (kladde)")
    RELEASED = "frigivet", _("Frigivet")


# Not yet answered: a deadline still binds.
OPEN_QUESTION_STATES = (QuestionState.ASKED, QuestionState.ASSIGNED)


def _overdue_on(today) -> Q:
    return Q(deadline__lt=today, state__in=OPEN_QUESTION_STATES)


class QuestionQuerySet(models.QuerySet):
    def overdue(self, today) -> QuestionQuerySet:
        """Past the deadline and not yet answered: the one overdue rule (lists use with_overdue)."""
        return self.filter(_overdue_on(today))

    def with_overdue(self, today) -> QuestionQuerySet:
        """Annotate is_late: the overdue rule per row, for lists that mark the late ones."""
        return self.annotate(
            is_late=Case(When(_overdue_on(today), then=Value(True)), default=Value(False))
        )

    def for_departments_of(self, user) -> QuestionQuerySet:
        """Questions assigned to a department USER edits: theirs to answer."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(department__editors=user)

    def visible_to(self, user) -> QuestionQuerySet:
        """Finance sees all; a politician released ones and those of the own party; a
        department editor those assigned to their department."""
        if user.has_perm("politics.see_all_questions"):
            return self
        if not user.is_authenticated:
            return self.none()
        rule = Q(department__editors=user)
        if user.has_perm("politics.ask_question"):
            rule |= Q(state=QuestionState.RELEASED) | Q(asked_by=user)
            party = party_of(user)
            if party:
                rule |= Q(party=party)
        return self.filter(rule).distinct()

    def with_state_for(self, user) -> QuestionQuerySet:
        """Annotate shown_state: the status as USER may know it. A draft answer is finance's
        and the answering department's business; to everyone else the question is still
        "Fordelt" until the answer is released (the same rule as answer_is_visible_to)."""
        from budget_portal.models import Department

        if user.has_perm("politics.see_all_questions"):
            return self.annotate(shown_state=F("state"))
        answering = Exists(
            Department.editors.through.objects.filter(
                department_id=OuterRef("department_id"), user_id=user.pk
            )
        )
        return self.annotate(
            shown_state=Case(
                When(
                    Q(state=QuestionState.ANSWERED) & ~Q(answering),
                    then=Value(QuestionState.ASSIGNED.value),
                ),
                default=F("state"),
                output_field=models.CharField(),
            )
        )

    def released(self) -> QuestionQuerySet:
        """Questions whose answer finance has released: the only answers politicians and the
        publications (page, PDF, Excel) may show."""
        return self.filter(state=QuestionState.RELEASED)

    def beside_cards(self, cards) -> QuestionQuerySet:
        """The released answers about CARDS, in number order, with what their note needs
        (the revision answered and the answering department) read in the same query."""
        return (
            self.released()
            .filter(proposal__in=cards)
            .select_related("answered_revision", "department")
            .order_by("number")
        )


class Question(models.Model):
    """A budgetspørgsmål, numbered per cycle without gaps: "Spørgsmål 14"."""

    cycle = models.ForeignKey(BudgetCycle, on_delete=models.PROTECT, related_name="questions")
    number = models.PositiveIntegerField(_("nr."))
    proposal = models.ForeignKey(
        Proposal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("forslag"),
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="questions_asked"
    )
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, blank=True)
    text = models.TextField(_("spørgsmål"))
    asked_at = models.DateTimeField(_("stillet"), auto_now_add=True)
    state = models.CharField(
        _("status"), max_length=10, choices=QuestionState.choices, default=QuestionState.ASKED
    )
    department = models.ForeignKey(
        "budget_portal.Department",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("afdeling"),
    )
    deadline = models.DateField(_("svarfrist"), null=True, blank=True)
    answer = models.TextField(_("svar"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(_("frigivet"), null=True, blank=True)
    # The card as it stood when the answer was written (answer_question): the answer explains
    # those numbers, so a later revision of the card makes it an answer to an older version.
    answered_revision = models.ForeignKey(
        Revision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvaret version af forslaget"),
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("budgetspørgsmål")
        verbose_name_plural = _("budgetspørgsmål")
        ordering = ["cycle", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="question_number_unique")
        ]

    def __str__(self) -> str:
        return f"Spørgsmål {self.number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "politics:question", kwargs={"cycle_slug": self.cycle.slug, "number": self.number}
        )

    @property
    def is_released(self) -> bool:
        """Finance has released the answer: final, for every politician to read."""
        return self.state == QuestionState.RELEASED

    @property
    def awaits_release(self) -> bool:
        """A department has answered; finance has yet to approve and release the answer."""
        return self.state == QuestionState.ANSWERED

    def answer_is_visible_to(self, user) -> bool:
        """The confidentiality rule for answers: a released answer is for every reader of the
        question; before release only finance and the department writing it see the draft,
        never the asker or their party."""
        if self.is_released:
            return True
        return bool(self.answer) and user.has_perm("politics.answer_question", self)

    def state_label_for(self, user) -> str:
        if self.state == QuestionState.ANSWERED and not self.answer_is_visible_to(user):
            return QuestionState.ASSIGNED.label
        return self.get_state_display()

    @property
    def shown_state_label(self) -> str:
        """The label of shown_state (QuestionQuerySet.with_state_for)."""
        return QuestionState(getattr(self, "shown_state", self.state)).label

    def visible_answer_for(self, user) -> str:
        """The answer as USER may read it; "" while it is an unreleased draft for them."""
        return self.answer if self.answer_is_visible_to(user) else ""

    @property
    def answers_older_version(self) -> bool:
        """The card has been revised since the answer was written: "Svaret gælder en
        tidligere version"."""
        return (
            self.answered_revision is not None
            and self.proposal is not None
            and self.answered_revision.number < self.proposal.version
        )


class CommentQuerySet(models.QuerySet):
    def visible_to(self, user) -> CommentQuerySet:
        """Politicians' and finance's remarks; a private note only to its author."""
        if not user.is_authenticated or not user.has_perm("politics.use_reading_room"):
            return self.none()
        return self.filter(Q(private=False) | Q(author=user))


class Comment(models.Model):
    """A remark on a card, internal to politicians and finance; or a private note."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("tekst"))
    private = models.BooleanField(_("privat note"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("kommentar")
        verbose_name_plural = _("kommentarer")
        ordering = ["proposal", "created_at"]

    def __str__(self) -> str:
        return f"{self.proposal.number}: {self.text[:40]}"


class CommentEdit(models.Model):
    """The text a comment had before an edit: edits keep their history."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="edits")
    text = models.TextField()
    edited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ændring af kommentar")
        verbose_name_plural = _("ændringer af kommentarer")
        ordering = ["comment", "edited_at"]

    def __str__(self) -> str:
        return f"{self.comment_id} @ {self.edited_at}"


class AmendmentQuerySet(models.QuerySet):
    def visible_to(self, user) -> AmendmentQuerySet:
        """Finance sees every party's amendments; a politician those of the own party."""
        if user.has_perm("politics.see_all_amendments"):
            return self
        party = party_of(user) if user.is_authenticated else None
        return self.filter(party=party) if party else self.none()


class Amendment(models.Model):
    """A party's ændringsforslag for the second reading, numbered per cycle."""

    cycle = models.ForeignKey(BudgetCycle, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveIntegerField(_("nr."))
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="amendments")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    cards = models.ManyToManyField(Proposal, blank=True, related_name="amendments")
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = AmendmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("ændringsforslag")
        verbose_name_plural = _("ændringsforslag")
        ordering = ["cycle", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="amendment_number_unique")
        ]

    def __str__(self) -> str:
        return f"Ændringsforslag {self.number}: {self.title}"


class AmendmentYear(models.Model):
    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField()
    expenses = models.BigIntegerField(null=True, blank=True)
    revenues = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("år i ændringsforslag")
        verbose_name_plural = _("år i ændringsforslag")
        ordering = ["amendment", "year"]
        constraints = [
            models.UniqueConstraint(fields=["amendment", "year"], name="amendment_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.amendment_id} {self.year}"

    @property
    def net(self) -> int | None:
        """Expenses plus revenues. A blank field in an amendment is no change (0 kr.), unlike
        a card's pending figure: the party proposes only what it writes. Only a year with
        both fields blank has no net."""
        if self.expenses is None and self.revenues is None:
            return None
        return net_of(self.expenses or 0, self.revenues or 0)
