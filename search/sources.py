"""What the search finds and who may find it: one Source per kind of material, each reusing
its own app's visibility rule, so search never shows what the app's own pages would hide."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Aggregate, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle
from hearings.models import Response
from implementation.models import PlanItem
from implementation.rules import is_staff_reader
from letters.models import CoverLetter, LetterTheme
from proposals.models import Proposal

Text = str | models.Expression


@dataclass(frozen=True)
class Described:
    title: str
    context: str
    cycle: BudgetCycle
    url: str


@dataclass(frozen=True)
class Source:
    kind: str  # the ?type= value in the URL
    label: str
    model: type[models.Model]
    visible: Callable[[object], models.QuerySet]  # user -> what that user may read
    cycle_slug: str  # lookup from the model to its budget cycle's slug
    title: tuple[Text, ...]  # weighs most (PostgreSQL weight A; the fallback ranks by it)
    body: tuple[Text, ...]  # the rest; snippets are cut from it
    related: tuple[str, ...]  # select_related for a page of hits
    describe: Callable[[models.Model], Described]


class JoinedText(Aggregate):
    """A column's values joined by spaces: string_agg on PostgreSQL, group_concat on SQLite."""

    function = "STRING_AGG"
    template = "%(function)s(%(distinct)s%(expressions)s, ' ')"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


def _theme_text() -> Subquery:
    # A letter's themes are rows of their own; the letter is found by their words too.
    themes = (
        LetterTheme.objects.filter(letter=OuterRef("pk"))
        .order_by()
        .values("letter")
        .annotate(text=JoinedText(Concat("heading", Value(" "), "text", output_field=TextField())))
        .values("text")
    )
    return Subquery(themes, output_field=TextField())


def _plan_items(user) -> models.QuerySet:
    # The plan page's rule (implementation.view_plan): staff read any plan, others released ones.
    if is_staff_reader(user):
        return PlanItem.objects.all()
    return PlanItem.objects.filter(group__plan__released=True)


def _card(card: Proposal) -> Described:
    return Described(
        f"{card.number} {card.title}", card.committee.name, card.cycle, card.get_absolute_url()
    )


def _letter(letter: CoverLetter) -> Described:
    return Described(
        letter.heading, letter.department.name, letter.cycle, letter.get_absolute_url()
    )


def _plan_item(item: PlanItem) -> Described:
    plan = item.group.plan
    return Described(
        item.title, item.group.name, plan.cycle, f"{plan.get_absolute_url()}#punkt-{item.pk}"
    )


def _response(response: Response) -> Described:
    hearing = response.hearing
    title = _("Svar nr. %(n)s fra %(who)s") % {"n": response.number, "who": response.public_sender}
    return Described(
        title, hearing.title, hearing.cycle, f"{hearing.get_absolute_url()}#svar-{response.number}"
    )


SOURCES: tuple[Source, ...] = (
    Source(
        kind="kort",
        label=_("Forslag"),
        model=Proposal,
        visible=lambda user: Proposal.objects.visible_to(user),
        cycle_slug="cycle__slug",
        title=("number", "title"),
        body=("background", "consequences"),
        related=("cycle", "committee"),
        describe=_card,
    ),
    Source(
        kind="brev",
        label=_("Følgebrev"),
        model=CoverLetter,
        visible=lambda user: CoverLetter.objects.visible_to(user),
        cycle_slug="cycle__slug",
        title=("heading",),
        body=(
            "intro",
            _theme_text(),
            "expiring_grants_heading",
            "expiring_grants_intro",
            "closing",
        ),
        related=("cycle", "department"),
        describe=_letter,
    ),
    Source(
        kind="plan",
        label=_("Udmøntningsplan"),
        model=PlanItem,
        visible=_plan_items,
        cycle_slug="group__plan__cycle__slug",
        title=("title",),
        body=("process", "timing"),
        related=("group__plan__cycle",),
        describe=_plan_item,
    ),
    Source(
        kind="hoeringssvar",
        label=_("Høringssvar"),
        model=Response,
        # Published responses only, for everyone: moderation has its own pages.
        visible=lambda user: Response.objects.published(),
        cycle_slug="hearing__cycle__slug",
        title=(),
        # The text as published: the moderator's redaction when there is one.
        body=(
            Coalesce(
                NullIf("published_text", Value(""), output_field=TextField()),
                "text",
                output_field=TextField(),
            ),
        ),
        related=("hearing__cycle",),
        describe=_response,
    ),
)

KIND_CHOICES = [(source.kind, source.label) for source in SOURCES]
