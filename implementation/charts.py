"""The implementation plan's chart: how many points of each group are done."""

from __future__ import annotations

from django.utils.translation import gettext as _

from budget_portal.charts import Chart, Series


def progress_chart(groups) -> Chart | None:
    """GROUPS: PlanGroups annotated with_progress (item_count, done_count)."""
    if not groups:
        return None
    return Chart(
        title=_("Fremdrift pr. gruppe"),
        description=_(
            "Liggende søjler: for hver gruppe i udmøntningsplanen antallet af afsluttede og "
            "ikke afsluttede punkter. Tallene står i tabellen."
        ),
        labels=[g.name for g in groups],
        series=[
            Series(_("Afsluttet"), [g.done_count for g in groups]),
            Series(_("Ikke afsluttet"), [g.item_count - g.done_count for g in groups]),
        ],
        row_heading=_("Punkter"),
        kind="hbar",
    )
