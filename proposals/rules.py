"""Who may do what to which card (django-rules), including the status workflow."""

from __future__ import annotations

from dataclasses import dataclass

import rules
from django.utils.translation import gettext_lazy as _

from budget_portal.navigation import is_public_visitor
from budget_portal.roles import edits_department, is_department_editor, is_finance
from proposals.models import DECIDED_STATUSES, Proposal, Status


# Object predicates answer False without an object (the admin asks "may they ever?").
@rules.predicate
def is_public(user, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.is_public


@rules.predicate
def edits_card_department(user, proposal: Proposal | None) -> bool:
    return proposal is not None and edits_department(user, proposal.department)


@rules.predicate
def is_draft(user, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status == Status.DRAFT


@rules.predicate
def is_editable(user, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.is_editable


@rules.predicate
def edits_any_department(user) -> bool:
    if not user.is_authenticated:
        return False
    # A page asks this several times (its cards, their filter, the cache key): once per
    # user object, i.e. per request, as django-rules keeps a user's group names.
    if not hasattr(user, "_edits_any_department"):
        user._edits_any_department = user.departments.exists()
    return user._edits_any_department


# Finance reads every card; whoever edits a department reads its unreleased cards too
# (ProposalQuerySet.visible_to and the list's status filter ask these two).
rules.add_perm("proposals.view_every_proposal", is_finance)
rules.add_perm("proposals.view_unreleased_proposals", is_finance | edits_any_department)
# The internal catalog prints drafts of every department.
rules.add_perm("proposals.view_internal_catalog", is_finance)
# Politicians read the cards in the reading room; the header's card list is for the rest.
rules.add_perm("proposals.use_card_list", is_finance | is_department_editor | is_public_visitor)

can_view = is_public | is_finance | edits_card_department
# Department editors write their own drafts; after submission the card is finance's.
can_change = is_editable & (is_finance | (is_department_editor & edits_card_department & is_draft))

rules.add_perm("proposals.view_proposal", can_view)
rules.add_perm("proposals.change_proposal", can_change)
rules.add_perm("proposals.view_revisions", is_finance | edits_card_department)


@rules.predicate
def edits_in_cycle(user, cycle) -> bool:
    return (
        cycle is not None
        and user.is_authenticated
        and user.departments.filter(cycle=cycle).exists()
    )


# Object: the cycle. Which department is checked by the form's choices and again by the service.
rules.add_perm("proposals.add_proposal", is_finance | (is_department_editor & edits_in_cycle))
rules.add_perm("proposals.add_proposal_for_any_department", is_finance)
rules.add_perm("proposals.add_proposal_for", is_finance | (is_department_editor & edits_department))


@dataclass(frozen=True)
class Transition:
    source: tuple[str, ...]
    target: str
    label: str
    allowed: rules.Predicate
    # Irreversible moves: the box the user ticks first (the form and the view require it).
    confirm: str = ""

    @property
    def cites_case(self) -> bool:
        """A decision asks for the case number (sagsnr.) that made it."""
        return self.target in DECIDED_STATUSES


TRANSITIONS: tuple[Transition, ...] = (
    Transition(
        (Status.DRAFT,),
        Status.SUBMITTED,
        _("Send til Økonomi"),
        is_finance | (is_department_editor & edits_card_department),
    ),
    Transition((Status.SUBMITTED,), Status.DRAFT, _("Send tilbage til afdelingen"), is_finance),
    # Until finance acts on it (it is still 'indsendt'), the department may take it back.
    Transition(
        (Status.SUBMITTED,),
        Status.DRAFT,
        _("Træk tilbage til kladde"),
        ~is_finance & is_department_editor & edits_card_department,
    ),
    Transition(
        (Status.DRAFT, Status.SUBMITTED),
        Status.RELEASED,
        _("Frigiv til politikerne"),
        is_finance,
        confirm=_(
            "Jeg har tjekket kortet. Frigivet kan det ikke gøres til kladde igen, "
            "og alle politikere kan læse det."
        ),
    ),
    Transition((Status.RELEASED,), Status.ADOPTED, _("Marker som vedtaget"), is_finance),
    Transition((Status.RELEASED,), Status.REJECTED, _("Marker som forkastet"), is_finance),
    Transition(
        (Status.DRAFT, Status.SUBMITTED),
        Status.WITHDRAWN,
        _("Træk forslaget"),
        is_finance | (is_department_editor & edits_card_department),
    ),
    Transition((Status.RELEASED,), Status.WITHDRAWN, _("Træk forslaget"), is_finance),
    Transition((Status.WITHDRAWN,), Status.DRAFT, _("Genåbn som kladde"), is_finance),
)


def transitions_for(user, proposal: Proposal) -> list[Transition]:
    """The status moves USER may make on PROPOSAL now."""
    return [
        t for t in TRANSITIONS if proposal.status in t.source and t.allowed.test(user, proposal)
    ]
