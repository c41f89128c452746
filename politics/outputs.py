"""What the politics pages hand out as files: a scenario's effect (page, Excel, PDF), the
released answers (PDF, Excel) and the amendments (PDF, Excel)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from budget_portal import money
from budget_portal.excel import SheetSpec, write_workbook
from budget_portal.models import BudgetCycle
from budget_portal.pdf import render_pdf
from budget_portal.price_level import COMMON, Level, PriceTable, price_note
from budget_portal.publications import Renderer, register
from politics.effects import Effect, effect
from politics.models import Scenario
from proposals.models import Proposal


def scenario_effect(
    scenario: Scenario,
    *,
    selection: dict[int, Decimal] | None = None,
    prices: PriceTable | None = None,
) -> Effect:
    """The effect of the saved scenario, or of SELECTION (card id -> share) while editing;
    with PRICES (the cycle's table) at the cycle's price level."""
    targets = dict(scenario.cycle.targets.values_list("year", "amount"))
    if selection is None:
        entries = list(scenario.entries.select_related("proposal"))
        cards = {
            p.pk: p
            for p in Proposal.objects.for_listing().filter(pk__in=[e.proposal_id for e in entries])
        }
        rows = [
            (cards[e.proposal_id], e.share, cards[e.proposal_id].version != e.added_version)
            for e in entries
        ]
    else:
        cards = {p.pk: p for p in Proposal.objects.for_listing().filter(pk__in=selection)}
        added = dict(scenario.entries.values_list("proposal_id", "added_version"))
        rows = [
            (cards[pk], share, pk in added and added[pk] != cards[pk].version)
            for pk, share in selection.items()
            if pk in cards
        ]
    rows.sort(key=lambda r: (r[0].committee.number, r[0].number))
    cycle = scenario.cycle
    return effect(rows, cycle.year_range, targets, price_year=cycle.price_year, prices=prices)


def compared_effects(
    scenarios: list[Scenario], prices: PriceTable | None
) -> tuple[list[Effect], Level]:
    """The scenarios' effects side by side, all at one price level or none converted (a
    converted column next to an unconverted one would not compare), and what level that is."""
    effects = [scenario_effect(s, prices=prices) for s in scenarios]
    missing = sorted({y for e in effects for y in e.missing_price_years})
    if missing:
        effects = [scenario_effect(s) for s in scenarios]
    level = Level(
        other_price_years=sorted({y for e in effects for y in e.other_price_years}),
        missing_price_years=missing,
        converted=any(e.converted for e in effects),
    )
    return effects, level


def scenario_workbook(scenario: Scenario, prices: PriceTable | None = None) -> bytes:
    result = scenario_effect(scenario, prices=prices)
    unit = scenario.cycle.display_unit
    factor = money.UNIT_FACTOR[unit]
    header = [_("Nr."), _("Titel"), _("Andel (%)")] + [
        _("Netto %(y)s") % {"y": y} for y in result.years
    ]
    rows = [
        [
            line.proposal.number,
            line.proposal.title,
            line.share,
            *[line.by_year[y].net / factor for y in result.years],
        ]
        for line in result.lines
    ]
    rows.append(["", _("I alt"), None, *[result.totals[y].net / factor for y in result.years]])
    if note := price_note(result, scenario.cycle.price_year):
        rows.append(["", note, None])
    return write_workbook(
        [SheetSpec(scenario.name[:31] or _("Scenarie"), header, rows, widths={2: 45})]
    )


def _scenario(params: dict) -> Scenario:
    return Scenario.objects.select_related("cycle").get(pk=params["scenario"])


def scenario_params(scenario: Scenario, common: bool) -> dict:
    # "prices" is a key only at one price level, so the PDFs already made keep their keys.
    return {"scenario": scenario.pk, **({"prices": COMMON} if common else {})}


def _state(cycle: BudgetCycle, params: dict) -> object:
    scenario = _scenario(params)
    entries = list(scenario.entries.values_list("proposal_id", "share", "proposal__version"))
    state = [scenario.name, entries, list(cycle.targets.values_list("year", "amount"))]
    if params.get("prices") == COMMON:
        state.append(list(cycle.price_factors.values_list("year", "index")))
    return state


def _render(cycle: BudgetCycle, params: dict, progress) -> bytes:
    scenario = _scenario(params)
    prices = PriceTable.for_cycle(cycle) if params.get("prices") == COMMON else None
    return render_pdf(
        "print/scenario.html",
        {
            "scenario": scenario,
            "cycle": cycle,
            "effect": scenario_effect(scenario, prices=prices),
        },
        title=scenario.name,
        progress=progress,
    )


register(
    Renderer(
        kind="scenario",
        state=_state,
        render=_render,
        title=lambda cycle, params: _scenario(params).name,
        filename=lambda cycle, params: f"scenarie-{params['scenario']}.pdf",
        allowed=lambda user, cycle, params: (
            Scenario.objects.visible_to(user).filter(pk=params["scenario"]).exists()
        ),
        public=lambda cycle, params: False,
    )
)


def released_answers(cycle: BudgetCycle):
    """The released questions with their answers: the page, the PDF and the Excel file."""
    from politics.models import Question

    return (
        Question.objects.released()
        .filter(cycle=cycle)
        .select_related("asked_by", "party", "department", "proposal")
    )


def answers_workbook(cycle: BudgetCycle) -> bytes:
    header = [
        _("Nr."),
        _("Stillet"),
        _("Af"),
        _("Parti"),
        _("Forslag"),
        _("Spørgsmål"),
        _("Afdeling"),
        _("Svar"),
        _("Frigivet"),
    ]
    rows = (
        [
            q.number,
            timezone.localtime(q.asked_at).replace(tzinfo=None),
            q.asked_by.get_full_name() or q.asked_by.get_username(),
            q.party.letter if q.party else "",
            q.proposal.number if q.proposal else "",
            q.text,
            q.department.name if q.department else "",
            q.answer,
            timezone.localtime(q.released_at).replace(tzinfo=None),
        ]
        for q in released_answers(cycle)
    )
    return write_workbook(
        [SheetSpec(_("Svar på budgetspørgsmål"), header, rows, widths={6: 60, 8: 80})]
    )


def amendments_workbook(cycle: BudgetCycle, amendments) -> bytes:
    """AMENDMENTS (with years and cards) as a sheet, nets in the cycle's display unit."""
    factor = money.UNIT_FACTOR[cycle.display_unit]
    header = [_("Nr."), _("Parti"), _("Titel"), _("Forslag")] + [
        _("Netto %(y)s") % {"y": y} for y in cycle.year_range
    ]
    rows = []
    for a in amendments:
        nets = {y.year: y.net for y in a.years.all()}
        rows.append(
            [
                a.number,
                a.party.letter,
                a.title,
                ", ".join(c.number for c in a.cards.all()),
                *[
                    None if nets.get(y) is None else Decimal(nets[y]) / factor
                    for y in cycle.year_range
                ],
            ]
        )
    return write_workbook([SheetSpec(_("Ændringsforslag"), header, rows, widths={3: 50})])


def _answers_state(cycle: BudgetCycle, params: dict) -> object:
    from politics.models import Question

    return list(
        Question.objects.released()
        .filter(cycle=cycle)
        .order_by("number")
        .values_list("number", "text", "answer", "released_at")
    )


def _render_answers(cycle: BudgetCycle, params: dict, progress) -> bytes:
    questions = released_answers(cycle)
    title = _("Svar på budgetspørgsmål, %(c)s") % {"c": cycle.name}
    return render_pdf(
        "print/answers.html",
        {"cycle": cycle, "questions": questions},
        title=title,
        progress=progress,
    )


register(
    Renderer(
        kind="answers",
        state=_answers_state,
        render=_render_answers,
        title=lambda cycle, params: _("Svar på budgetspørgsmål, %(c)s") % {"c": cycle.name},
        filename=lambda cycle, params: f"svar-paa-budgetspoergsmaal-{cycle.slug}.pdf",
        allowed=lambda user, cycle, params: user.has_perm("politics.use_reading_room"),
        public=lambda cycle, params: False,
    )
)


def _amendments_state(cycle: BudgetCycle, params: dict) -> object:
    from politics.models import AmendmentYear

    return list(
        AmendmentYear.objects.filter(amendment__cycle=cycle)
        .order_by("amendment__number", "year")
        .values_list("amendment__number", "amendment__title", "year", "expenses", "revenues")
    )


def _render_amendments(cycle: BudgetCycle, params: dict, progress) -> bytes:
    from politics.models import Amendment

    amendments = (
        Amendment.objects.filter(cycle=cycle)
        .select_related("party")
        .prefetch_related("years", "cards")
    )
    title = _("Ændringsforslag til 2. behandling, %(c)s") % {"c": cycle.name}
    return render_pdf(
        "print/amendments.html",
        {"cycle": cycle, "amendments": amendments},
        title=title,
        progress=progress,
    )


register(
    Renderer(
        kind="amendments",
        state=_amendments_state,
        render=_render_amendments,
        title=lambda cycle, params: (
            _("Ændringsforslag til 2. behandling, %(c)s") % {"c": cycle.name}
        ),
        filename=lambda cycle, params: f"aendringsforslag-{cycle.slug}.pdf",
        allowed=lambda user, cycle, params: user.has_perm("politics.see_all_amendments"),
        public=lambda cycle, params: False,
    )
)
