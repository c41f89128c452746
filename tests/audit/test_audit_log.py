"""The audit log: what is written, that nothing in it can be changed, retention, the page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from audit.log import record
from audit.models import Action, AppendOnly, AuditEvent
from audit.retention import write_database_retention
from proposals.models import Status
from tests.conftest import client_for
from tests.factories import UserFactory, make_card
from tests.hearings.test_moderation import moderate, respond


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_sign_in_failure_lockout_and_logout_are_logged_with_the_address(client, db):
    user = UserFactory(username="olga")
    user.set_password("rigtig-kode-2026")
    user.save()
    url = reverse("login")
    client.get(url)
    client.post(url, {"username": "olga", "password": "forkert"}, REMOTE_ADDR="10.1.2.3")
    client.post(url, {"username": "olga", "password": "rigtig-kode-2026"}, REMOTE_ADDR="10.1.2.3")
    client.get(reverse("home"))
    client.post(reverse("logout"), REMOTE_ADDR="10.1.2.3")
    failed, login, logout = events(Action.LOGIN_FAILED), events(Action.LOGIN), events(Action.LOGOUT)
    assert [e.actor_name for e in failed] == ["olga"] and failed[0].actor is None
    assert login[0].actor == user and login[0].ip_address == "10.1.2.3"
    assert logout[0].actor == user
    for _ in range(5):
        client.get(url)
        client.post(url, {"username": "nogen", "password": "x"}, REMOTE_ADDR="10.9.9.9")
    assert [e.actor_name for e in events(Action.LOCKED_OUT)] == ["nogen"]


def test_a_refusal_is_logged(client, cycle, politician):
    client_for(client, politician)
    assert client.get(reverse("proposals:create", args=[cycle.slug])).status_code == 403
    (event,) = events(Action.DENIED)
    assert event.actor == politician
    assert event.details == {"method": "GET", "path": f"/budget/{cycle.slug}/forslag/ny/"}


def test_status_change_names_who_from_and_to(client, finance, department_a, committee):
    card = make_card(by=finance, department=department_a, committee=committee, number="T101",
                     status=Status.SUBMITTED)  # fmt: skip
    client_for(client, finance)
    client.get(card.get_absolute_url())
    client.post(
        reverse("proposals:status", args=[card.cycle.slug, "T101"]),
        {"target": Status.RELEASED, "version": card.version, "confirm": "1"},
    )
    event = events(Action.STATUS)[-1]
    assert event.actor == finance and event.target == str(card)
    assert (event.details["fra"], event.details["til"]) == (Status.SUBMITTED, Status.RELEASED)


def test_moderation_and_export_of_personal_data_are_logged(client, hearing, finance):
    response = respond(hearing)
    client_for(client, finance)
    moderate(client, response, "afvis", reason="Injurierende")
    client.get(reverse("hearings:responses_xlsx", args=[hearing.slug]))
    (decision,) = events(Action.MODERATED)
    assert decision.details == {"til": "afvist"} and decision.target_id == str(response.pk)
    (export,) = events(Action.EXPORTED)
    assert export.actor == finance and export.details["hvad"] == "høringssvar (Excel)"


def test_role_and_user_changes_are_logged_without_the_password(db):
    user = UserFactory(username="karen")
    user.groups.add(Group.objects.get_or_create(name="politiker")[0])
    user.set_password("en-anden-kode-2026")
    user.is_staff = True
    user.save()
    role = [e for e in events(Action.ROLE) if e.target_id == str(user.pk)][-1]
    assert role.details == {"grupper": "add", "navne": ["politiker"]}
    change = events(Action.USER)[-1]
    assert change.details == {"ændret": ["is_staff", "password"]}
    assert "pbkdf2" not in str(change.details) and "md5" not in str(change.details)


def test_giving_and_taking_a_politicians_party_is_logged_as_a_role_change(db):
    from politics.models import Membership, Party

    karen = UserFactory(username="karen")
    party = Party.objects.create(name="Socialdemokratiet", letter="A")
    membership = Membership.objects.create(user=karen, party=party)
    membership.delete()
    changes = [e.details for e in events(Action.ROLE) if e.target_id == str(karen.pk)]
    assert changes == [{"parti": "Socialdemokratiet (A)"}, {"parti": None}]


def test_an_admin_changing_a_user_is_named_as_the_actor(client, db):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    karen = UserFactory(username="karen", is_active=True)
    client.force_login(admin)
    client.get(reverse("admin:auth_user_change", args=[karen.pk]))
    page = client.post(
        reverse("admin:auth_user_change", args=[karen.pk]),
        {"username": "karen", "is_active": "", "date_joined_0": "2026-01-01",
         "date_joined_1": "10:00:00", "initial-date_joined_0": "2026-01-01",
         "initial-date_joined_1": "10:00:00"},
    )  # fmt: skip
    assert page.status_code == 302
    change = [e for e in events(Action.USER) if e.target_id == str(karen.pk)][-1]
    assert change.actor == admin and "is_active" in change.details["ændret"]


def test_the_log_cannot_be_changed_or_deleted(db):
    event = record(Action.LOGIN, actor_name="olga")
    event.actor_name = "en anden"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.update(actor_name="x")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().actor_name == "olga"


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's"
)


def refused(sql: str) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)


@pytest.fixture
def old_and_new(db):
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(action=Action.LOGIN, actor_name="gammel", at=now - timedelta(days=731)),
            AuditEvent(action=Action.LOGIN, actor_name="ny", at=now - timedelta(days=1)),
        ]
    )


def names() -> set[str]:
    return set(AuditEvent.objects.values_list("actor_name", flat=True))


@postgresql_only
def test_the_database_refuses_deleting_a_recent_row_behind_the_models_back(old_and_new):
    refused("DELETE FROM audit_auditevent WHERE actor_name = 'ny'")
    refused("DELETE FROM audit_auditevent")
    assert names() == {"gammel", "ny"}


@postgresql_only
def test_the_database_refuses_truncating_the_log(old_and_new):
    refused("TRUNCATE audit_auditevent")
    refused("TRUNCATE audit_auditevent CASCADE")
    assert names() == {"gammel", "ny"}


@postgresql_only
def test_the_database_deletes_only_what_its_own_retention_allows(old_and_new):
    # Asked for a shorter period than AUDIT_RETENTION_DAYS (730), the database keeps its own.
    assert AuditEvent.objects.purge_older_than(0) == 1
    assert names() == {"ny"}


@postgresql_only
def test_migrate_tells_the_database_a_changed_retention(db, settings):
    settings.AUDIT_RETENTION_DAYS = 400
    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT audit_retention_days()")
        assert cursor.fetchone()[0] == 400


@postgresql_only
def test_the_database_refuses_an_update_behind_the_models_back(db):
    record(Action.LOGIN, actor_name="olga")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_name = 'x'")
    assert AuditEvent.objects.get().actor_name == "olga"


def test_retention_deletes_only_what_is_older_than_the_setting(db, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    write_database_retention()  # what `migrate` does after a change (PostgreSQL)
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(action=Action.LOGIN, actor_name="gammel", at=now - timedelta(days=31)),
            AuditEvent(action=Action.LOGIN, actor_name="ny", at=now - timedelta(days=29)),
        ]
    )
    call_command("purge_audit_log")
    assert set(AuditEvent.objects.values_list("actor_name", flat=True)) == {"ny", "system"}
    assert events(Action.RETENTION)[0].details == {"revisionsspor": 1, "dage": 30}


def test_administrators_read_and_filter_the_log_and_finance_cannot(client, db, finance):
    record(Action.LOGIN_FAILED, actor_name="mistænkelig")
    record(Action.LOGIN, actor_name="olga")
    url = reverse("admin:audit_auditevent_changelist")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    page = client.get(url, {"action": Action.LOGIN_FAILED})
    assert page.status_code == 200
    assert "mistænkelig" in page.text and "olga" not in page.text
    client.force_login(finance)
    assert client.get(url).status_code in (302, 403)


def test_a_user_with_audit_events_can_be_deleted_and_the_events_keep_the_name(client, db):
    # The log is append-only: deleting a user must not rewrite its rows (on PostgreSQL the
    # trigger and the app role's missing UPDATE would refuse it), so the event keeps the
    # user's id and name and the admin page shows the name.
    karen = UserFactory(username="karen")
    record(Action.LOGIN, actor=karen)
    karen_id = karen.pk
    karen.delete()
    event = AuditEvent.objects.get(action=Action.LOGIN)
    assert (event.actor_id, event.actor_name) == (karen_id, "karen")
    client.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))
    assert page.status_code == 200 and "karen" in page.text


def test_rule_no_permission_granted_in_the_admin_opens_the_log_to_a_non_administrator(client, db):
    # The log names who did what; only superusers read it (audit/rules.py). Django's own
    # "can view audit event", granted to a staff user, must not widen that.
    record(Action.LOGIN_FAILED, actor_name="mistænkelig")
    staff = UserFactory(username="kontor", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    client.force_login(staff)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code in (302, 403)
