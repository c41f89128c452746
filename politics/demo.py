"""Demo politics: party groups with a politician in each of two parties, and, on Norddjurs'
catalog, an amendment deadline ahead, budget questions in every state and a scenario per
party.

The amendment deadline is re-anchored to the day loaddemo runs (two weeks ahead), so
amendments can always be tried; questions and scenarios are made once and then left as
the demo users have changed them.
"""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from budget_portal.demo import demo_users
from budget_portal.models import BudgetCycle, Department, Milestone, MilestoneKind
from politics.models import Membership, Party, Question, QuestionState, Scenario
from politics.questions import answer_question, ask_question, assign_question, release_question
from politics.scenarios import create_scenario, save_selection
from proposals.models import Proposal

PARTIES = (("A", "Socialdemokratiet"), ("V", "Venstre"), ("F", "SF"), ("C", "Konservative"))
# (username, party letter)
MEMBERS = (("politiker", "A"), ("politiker2", "V"))


@transaction.atomic
def load_parties() -> str:
    parties = {
        letter: Party.objects.get_or_create(letter=letter, defaults={"name": name})[0]
        for letter, name in PARTIES
    }
    users = demo_users()
    for username, letter in MEMBERS:
        Membership.objects.get_or_create(user=users[username], defaults={"party": parties[letter]})
    return f"Partier: {', '.join(PARTIES_LETTERS)}; politiker er medlem af A, politiker2 af V."


PARTIES_LETTERS = [letter for letter, _name in PARTIES]

AMENDMENT_DEADLINE = "Frist for partiernes ændringsforslag"

# (asker, card or None, text, how far it has come, answer)
QUESTIONS = (
    (
        "politiker",
        "T105",
        "Hvorfor er udgiften til NIS2 højere i 2026 end i overslagsårene?",
        QuestionState.RELEASED,
        "I 2026 kommer engangsudgifter til at kortlægge systemerne og uddanne medarbejderne. "
        "Fra 2027 er det kun den løbende drift.",
    ),
    (
        "politiker2",
        "T101",
        "Hvor mange af KOMBIT-projekterne er lovbundne?",
        QuestionState.ANSWERED,
        "Alle projekterne følger af fælleskommunale aftaler; tre af dem er lovbundne.",
    ),
    (
        "politiker",
        "T109",
        "Hvor mange medarbejdere har brugt barselspuljen de sidste tre år?",
        QuestionState.ASSIGNED,
        "",
    ),
    (
        "politiker2",
        None,
        "Kan kommunen spare på licenser ved at samle indkøbet med nabokommunerne?",
        QuestionState.ASKED,
        "",
    ),
)

# (owner, name, shared with the party, card number -> share %)
SCENARIOS = (
    ("politiker", "Socialdemokratiets udspil", True, {"T101": "100", "T105": "100", "T109": "50"}),
    ("politiker2", "Venstres udspil", True, {"T101": "100", "T105": "50", "T304": "100"}),
)


@transaction.atomic
def load_norddjurs_politics() -> str:
    users = demo_users()
    finance = users["okonomi"]
    cycle = BudgetCycle.objects.get(slug="norddjurs-2026")
    cards = {c.number: c for c in Proposal.objects.filter(cycle=cycle)}

    deadline, _ = Milestone.objects.update_or_create(
        cycle=cycle,
        title=AMENDMENT_DEADLINE,
        defaults={
            "kind": MilestoneKind.DEADLINE,
            "text": "Partierne sender deres ændringsforslag til budgettet i portalen.",
            "bodies": "Kommunalbestyrelsen",
            "starts_on": timezone.localdate() + timedelta(days=14),
            "at_time": time(12),
        },
    )
    if cycle.amendment_deadline_id != deadline.pk:
        cycle.amendment_deadline = deadline
        cycle.save(update_fields=["amendment_deadline"])

    department = Department.objects.get(cycle=cycle, name="Økonomi og Personale")
    for asker, number, text, state, answer in QUESTIONS:
        if Question.objects.filter(cycle=cycle, text=text).exists():
            continue
        question = ask_question(cycle, by=users[asker], text=text, proposal=cards.get(number))
        if state == QuestionState.ASKED:
            continue
        assign_question(
            question,
            by=finance,
            department=department,
            deadline=timezone.localdate() + timedelta(days=10),
        )
        if state == QuestionState.ASSIGNED:
            continue
        answer_question(question, by=users["afdeling"], answer=answer)
        if state == QuestionState.RELEASED:
            release_question(question, by=finance)

    for owner, name, shared, picks in SCENARIOS:
        if Scenario.objects.filter(cycle=cycle, owner=users[owner], name=name).exists():
            continue
        scenario = create_scenario(cycle, by=users[owner], name=name)
        save_selection(scenario, {cards[n].pk: Decimal(share) for n, share in picks.items()})
        if shared:
            scenario.shared_with_party = True
            scenario.save(update_fields=["shared_with_party"])
    return (
        f"{cycle}: frist for ændringsforslag {deadline.when_text}; "
        f"{cycle.questions.count()} budgetspørgsmål; {cycle.scenarios.count()} scenarier."
    )
