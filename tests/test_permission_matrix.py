"""Every URL of the portal, for every kind of visitor, with the answer each must get.

The matrix is checked against the URL configuration: a new URL that is not in the matrix
fails this test, so no page or htmx endpoint can be added without deciding who may use it.
Changing URLs are POST-only: a GET (or HEAD) there is answered 405 for everyone.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse
from django.utils import timezone

from budget_portal.publications import request_publication
from hearings.models import Hearing, HearingDocument
from hearings.services import Submission, submit_response
from implementation.models import Case, ImplementationPlan, ItemKind, PlanGroup, PlanItem
from letters.models import CoverLetter, ExpiringGrant, GrantShortfall, LetterAttachment
from letters.services import record_revision
from politics.questions import ask_question
from politics.services import create_scenario
from proposals.models import ExcelImport, Status
from proposals.publications import catalog_params
from subscriptions.models import Subscription
from subscriptions.services import confirm_token, unsubscribe_token
from tests.factories import make_card
from tests.hearings.test_responding import pdf_bytes

PERSONAS = ("anonymous", "editor_b", "politician_a", "politician_b", "finance")


def same(code: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, code)


def codes(anonymous, editor_b, politician_a, politician_b, finance) -> dict[str, int]:
    return dict(
        zip(PERSONAS, (anonymous, editor_b, politician_a, politician_b, finance), strict=True)
    )


LOGIN, FORBID, HIDDEN, POST_ONLY = 302, 403, 404, 405
STAFF_ONLY = codes(LOGIN, FORBID, FORBID, FORBID, 200)
POLITICAL = codes(LOGIN, FORBID, 200, 200, 200)

# url name -> [(kwargs key in the world, expected answers)]
MATRIX = {
    "home": [(None, same(200))],
    "my_tasks": [(None, codes(LOGIN, 200, 200, 200, 200))],
    # The cycle switcher only remembers a choice and sends the visitor on.
    "choose_cycle": [(None, same(302))],
    "login": [(None, same(200))],
    "privacy": [(None, same(200))],
    "accessibility": [(None, same(200))],
    "healthz": [(None, same(200))],
    "logout": [(None, same(POST_ONLY))],
    # Single sign-on is not set up in these tests: its addresses do not exist (tests/sso).
    "sso_login": [(None, same(HIDDEN))],
    "sso_callback": [(None, same(HIDDEN))],
    "mitid_login": [(None, same(HIDDEN))],
    "mitid_callback": [(None, same(HIDDEN))],
    "password_reset": [(None, same(200))],
    "password_reset_done": [(None, same(200))],
    "password_reset_confirm": [("reset_link", same(200))],
    "password_reset_complete": [(None, same(200))],
    "publication_status": [("publication", same(302))],
    "publication_file": [("publication", same(200))],
    "calendar": [("cycle", same(200))],
    "calendar_ics": [("cycle", same(200))],
    "calendar_pdf": [("cycle", same(302))],
    "price_table": [("cycle", STAFF_ONLY)],
    "price_table_import": [("cycle", same(POST_ONLY))],
    "price_table_xlsx": [("cycle", STAFF_ONLY)],
    "implementation:plan": [("cycle", same(200))],
    "implementation:toggle": [("plan_item", same(POST_ONLY))],
    "implementation:plan_pdf": [("cycle", same(302))],
    "implementation:plan_xlsx": [("cycle", same(200))],
    "implementation:case": [("case", same(200))],
    "implementation:case_pdf": [("case", same(302))],
    "hearings:personal_data": [(None, STAFF_ONLY)],
    "hearings:erase_personal_data": [(None, same(POST_ONLY))],
    "proposals:list": [("cycle", same(200))],
    "proposals:list_chart": [("list_chart", same(200)), ("unknown_list_chart", same(HIDDEN))],
    "proposals:create": [("cycle", codes(LOGIN, 200, FORBID, FORBID, 200))],
    "proposals:catalog_pdf": [("cycle", same(302))],
    "proposals:catalog_docx": [("cycle", same(200))],
    "proposals:brief": [("cycle", same(200))],
    "proposals:brief_pdf": [("cycle", same(200))],
    "proposals:excel": [("cycle", codes(LOGIN, 200, FORBID, FORBID, 200))],
    "proposals:excel_template": [("cycle", codes(LOGIN, 200, FORBID, FORBID, 200))],
    "proposals:excel_export": [("cycle", same(200))],
    "proposals:excel_preview": [("excel_import", codes(LOGIN, HIDDEN, FORBID, FORBID, 200))],
    "proposals:excel_apply": [("excel_import", same(POST_ONLY))],
    "proposals:detail": [
        ("released_card", same(200)),
        ("draft_card", codes(HIDDEN, HIDDEN, HIDDEN, HIDDEN, 200)),
    ],
    "proposals:edit": [
        ("draft_card", codes(LOGIN, HIDDEN, HIDDEN, HIDDEN, 200)),
        ("released_card", codes(LOGIN, FORBID, FORBID, FORBID, 200)),
    ],
    "proposals:card_pdf": [
        ("released_card", same(302)),
        ("draft_card", codes(HIDDEN, HIDDEN, HIDDEN, HIDDEN, 302)),
    ],
    "proposals:status": [("draft_card", same(POST_ONLY))],
    "proposals:history": [("draft_card", codes(LOGIN, HIDDEN, HIDDEN, HIDDEN, 200))],
    "proposals:compare": [("released_card", codes(LOGIN, FORBID, FORBID, FORBID, 200))],
    "letters:list": [("cycle", same(200))],
    "letters:detail": [("letter", codes(HIDDEN, HIDDEN, HIDDEN, HIDDEN, 200))],
    "letters:attachment": [("letter_attachment", codes(HIDDEN, HIDDEN, HIDDEN, HIDDEN, 200))],
    "letters:edit": [("letter", codes(LOGIN, HIDDEN, HIDDEN, HIDDEN, 200))],
    "letters:release": [("letter", same(POST_ONLY))],
    "letters:pdf": [("letter", codes(HIDDEN, HIDDEN, HIDDEN, HIDDEN, 302))],
    "letters:grant_new": [("letter", codes(LOGIN, HIDDEN, HIDDEN, HIDDEN, 200))],
    "letters:grant_edit": [("grant", codes(LOGIN, HIDDEN, HIDDEN, HIDDEN, 200))],
    "letters:grants": [("cycle", STAFF_ONLY)],
    "letters:grant_to_proposal": [("grant_overview", same(POST_ONLY))],
    "hearings:list": [(None, same(200))],
    "hearings:detail": [("hearing", same(200))],
    "hearings:thanks": [("hearing", same(200))],
    "hearings:receipt": [("receipt", same(200))],
    "hearings:document": [("document", same(200))],
    "hearings:responses_pdf": [("hearing", same(302))],
    "hearings:moderation": [("hearing", STAFF_ONLY)],
    "hearings:attachment": [("response", STAFF_ONLY)],
    "hearings:moderate": [("moderate", same(POST_ONLY))],
    "hearings:note": [("hearing", STAFF_ONLY)],
    "hearings:note_pdf": [("hearing", codes(LOGIN, FORBID, FORBID, FORBID, 302))],
    "hearings:note_docx": [("hearing", STAFF_ONLY)],
    "hearings:note_response": [("response", same(POST_ONLY))],
    "hearings:note_remark": [("note_group", same(POST_ONLY))],
    "hearings:check_text": [("hearing", same(POST_ONLY))],
    "hearings:responses_xlsx": [("hearing", STAFF_ONLY)],
    "subscriptions:subscribe": [(None, same(200))],
    "subscriptions:sent": [(None, same(200))],
    "subscriptions:confirm": [("confirm_link", same(200))],
    "subscriptions:unsubscribe": [("unsubscribe_link", same(200))],
    "politics:comment_add": [("comment_card", same(POST_ONLY))],
    "politics:comment_edit": [("pk_only", same(POST_ONLY))],
    "politics:reading_room": [("cycle", POLITICAL)],
    "politics:targets": [("cycle", STAFF_ONLY)],
    "politics:amendments": [("cycle", POLITICAL)],
    "politics:amendment_deadline": [("cycle", STAFF_ONLY)],
    "politics:amendments_xlsx": [("cycle", STAFF_ONLY)],
    "politics:amendments_pdf": [("cycle", codes(LOGIN, FORBID, FORBID, FORBID, 302))],
    "politics:amendments_docx": [("cycle", STAFF_ONLY)],
    "politics:questions": [("cycle", codes(LOGIN, 200, 200, 200, 200))],
    "politics:answers": [("cycle", POLITICAL)],
    "politics:answers_pdf": [("cycle", codes(LOGIN, FORBID, 302, 302, 302))],
    "politics:answers_xlsx": [("cycle", POLITICAL)],
    "politics:answers_docx": [("cycle", POLITICAL)],
    "politics:question": [("question", codes(LOGIN, HIDDEN, 200, HIDDEN, 200))],
    "politics:question_action": [("question_action", same(POST_ONLY))],
    "politics:scenarios": [("cycle", POLITICAL)],
    "politics:compare": [("cycle", codes(LOGIN, FORBID, 302, 302, 302))],
    "politics:scenario": [("scenario", codes(LOGIN, FORBID, 200, HIDDEN, HIDDEN))],
    "politics:copy": [("scenario", same(POST_ONLY))],
    "politics:share": [("scenario", same(POST_ONLY))],
    "politics:xlsx": [("scenario", codes(LOGIN, FORBID, 200, HIDDEN, HIDDEN))],
    "politics:pdf": [("scenario", codes(LOGIN, FORBID, 302, HIDDEN, HIDDEN))],
    "search:search": [(None, same(200))],
    "opendata:index": [(None, same(200))],
    "opendata:sitemap": [(None, same(200))],
    "opendata:hearings_rss": [(None, same(200))],
    "opendata:hearings_atom": [(None, same(200))],
    "opendata:datapackage": [("cycle", same(200)), ("unknown_cycle", same(HIDDEN))],
    "opendata:cards_rss": [("cycle", same(200)), ("unknown_cycle", same(HIDDEN))],
    "opendata:cards_atom": [("cycle", same(200)), ("unknown_cycle", same(HIDDEN))],
    "opendata:csv": [("dataset", same(200)), ("unknown_cycle_dataset", same(HIDDEN))],
    "opendata:json": [("dataset", same(200)), ("unknown_cycle_dataset", same(HIDDEN))],
}


def url_names() -> set[str]:
    names = set()

    def walk(patterns, namespace=""):
        for p in patterns:
            if hasattr(p, "url_patterns"):
                if p.namespace == "admin":
                    continue
                ns = p.namespace or namespace
                walk(p.url_patterns, ns)
            elif p.name:
                names.add(f"{namespace}:{p.name}" if namespace else p.name)

    walk(get_resolver().url_patterns)
    return names


def _close_file(response) -> None:
    # A download holds its file open until the response is closed; response.close() would
    # also fire request_finished, which closes the test's database connection.
    for close in getattr(response, "_resource_closers", []):
        close()


def test_every_url_is_in_the_matrix():
    assert url_names() == set(MATRIX), "decide who may use the new URL and add it here"


@pytest.fixture
def world(cycle, finance, editor_a, department_a, committee, politician_a, django_user_model):
    draft = make_card(by=finance, department=department_a, committee=committee, number="T199")
    released = make_card(
        by=finance,
        department=department_a,
        committee=committee,
        number="T101",
        status=Status.RELEASED,
    )
    hearing = Hearing.objects.create(
        cycle=cycle,
        slug="hoering",
        title="Høring",
        opens_at=timezone.now() - timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=1),
    )
    document = HearingDocument.objects.create(
        hearing=hearing, title="Materiale", file=SimpleUploadedFile("m.pdf", pdf_bytes())
    )
    response, _ = submit_response(
        hearing,
        Submission(
            "Karen",
            "",
            "k@example.dk",
            "Svar",
            True,
            [],
            SimpleUploadedFile("a.pdf", pdf_bytes()),
            uuid.uuid4(),
        ),
        client_ip="192.0.2.9",
    )
    letter = CoverLetter.objects.create(cycle=cycle, department=department_a, heading="Brev")
    grant = ExpiringGrant.objects.create(letter=letter, name="Bevilling")
    enclosed = LetterAttachment.objects.create(
        letter=letter, title="Bilag", file=SimpleUploadedFile("b.pdf", pdf_bytes())
    )
    GrantShortfall.objects.create(grant=grant, year=2027, amount=1_000_000)
    record_revision(letter, by=finance, action="Oprettet")
    plan = ImplementationPlan.objects.create(cycle=cycle, title="Plan", released=True)
    item = PlanItem.objects.create(
        group=PlanGroup.objects.create(plan=plan, name="Gruppe"),
        title="Punkt",
        kind=ItemKind.OPERATING,
    )
    case = Case.objects.create(cycle=cycle, number="23/9260", title="Sag", is_open=True)
    upload = ExcelImport.objects.create(
        cycle=cycle,
        uploaded_by=finance,
        filename="x.xlsx",
        file=SimpleUploadedFile("x.xlsx", b"PK"),
    )
    publication = request_publication("catalog", cycle, catalog_params())
    scenario = create_scenario(cycle, by=politician_a, name="Privat")
    question = ask_question(cycle, by=politician_a, text="Hvorfor?")
    subscription = Subscription.objects.create(email="borger@example.dk")
    slug = cycle.slug
    return {
        None: {},
        "cycle": {"cycle_slug": slug},
        "list_chart": {"cycle_slug": slug, "name": "udvalg"},
        "unknown_list_chart": {"cycle_slug": slug, "name": "findes-ikke"},
        "unknown_cycle": {"cycle_slug": "findes-ikke"},
        "dataset": {"cycle_slug": slug, "name": "hoeringssvar"},
        "unknown_cycle_dataset": {"cycle_slug": "findes-ikke", "name": "forslag"},
        "publication": {"fingerprint": publication.fingerprint},
        "plan_item": {"cycle_slug": slug, "pk": item.pk},
        "case": {"number": case.url_number},
        "excel_import": {"cycle_slug": slug, "pk": upload.pk},
        "draft_card": {"cycle_slug": slug, "number": draft.number},
        "released_card": {"cycle_slug": slug, "number": released.number},
        "letter": {"cycle_slug": slug, "pk": letter.pk},
        "grant": {"cycle_slug": slug, "pk": letter.pk, "grant_pk": grant.pk},
        "letter_attachment": {"cycle_slug": slug, "pk": letter.pk, "attachment_pk": enclosed.pk},
        "grant_overview": {"cycle_slug": slug, "grant_pk": grant.pk},
        "hearing": {"slug": hearing.slug},
        "receipt": {"slug": hearing.slug, "receipt": response.receipt},
        "document": {"slug": hearing.slug, "pk": document.pk},
        "response": {"slug": hearing.slug, "pk": response.pk},
        "moderate": {"slug": hearing.slug, "pk": response.pk, "action": "offentliggoer"},
        "note_group": {"slug": hearing.slug, "key": "generelt"},
        "comment_card": {"card_pk": released.pk},
        "pk_only": {"pk": 1},
        "reset_link": {"uidb64": "MQ", "token": "ugyldig-kode"},
        "question": {"cycle_slug": slug, "number": question.number},
        "question_action": {"cycle_slug": slug, "number": question.number, "action": "frigiv"},
        "scenario": {"cycle_slug": slug, "pk": scenario.pk},
        "confirm_link": {"token": confirm_token(subscription)},
        "unsubscribe_link": {"token": unsubscribe_token(subscription.key)},
    }


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix(client, world, persona, request, department_b):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    wrong = []
    for name, cases in MATRIX.items():
        for key, expected in cases:
            url = reverse(name, kwargs=world[key])
            response = client.get(url)
            _close_file(response)
            status = response.status_code
            if status == 200 and response["Content-Type"].startswith("text/html"):
                # Every page, full or partial, for every persona carries the strict headers.
                csp = response.get("Content-Security-Policy", "")
                if "script-src 'self'" not in csp or "unsafe-inline" in csp:
                    wrong.append(f"{name}: no strict CSP")
                if response.get("X-Content-Type-Options") != "nosniff":
                    wrong.append(f"{name}: no nosniff")
                if persona != "anonymous" and "no-store" not in response.get("Cache-Control", ""):
                    wrong.append(f"{name}: a signed-in page may be stored")
            if status != expected[persona]:
                wrong.append(f"{name} ({key}): {status}, expected {expected[persona]}")
            if expected[persona] == POST_ONLY:
                head = client.head(url)
                _close_file(head)
                if head.status_code != POST_ONLY:
                    wrong.append(f"{name}: HEAD is not refused")
    assert not wrong, "\n".join(wrong)
