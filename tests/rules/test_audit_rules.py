"""Rules of the audit log (audit/log.py, audit/models.py): who is named, what the entry is
about, that nothing longer than its column is stored, and that the log is never changed or
deleted by hand (found by mutation testing: only signed-in actors and short names were ever
logged, and the refusals were not read)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from audit.log import record, record_export, record_export_by
from audit.models import Action, AppendOnly, AuditEvent
from hearings.models import Hearing

pytestmark = pytest.mark.django_db

OPENS = datetime(2026, 1, 1, tzinfo=UTC)


def test_rule_an_anonymous_or_unknown_actor_is_logged_as_nobody_or_by_the_name_given():
    for nobody in (AnonymousUser(), object()):
        event = record(Action.LOGIN_FAILED, actor=nobody)
        assert (event.actor, event.actor_name) == (None, "")
    named = record(Action.LOGIN_FAILED, actor_name="k" * 200)
    assert AuditEvent.objects.get(pk=named.pk).actor_name == "k" * 150


def test_rule_a_signed_in_actor_is_logged_by_username(finance):
    event = record(Action.LOGIN, actor=finance, actor_name="ignoreret")
    assert (event.actor, event.actor_name) == (finance, finance.get_username())


def test_rule_an_entry_names_its_object_cut_to_its_column():
    # Not saved: only the log is written, and no stored title is that long.
    hearing = Hearing(pk=4711, title="H" * 400)
    event = AuditEvent.objects.get(pk=record(Action.MODERATED, target=hearing).pk)
    assert (event.target_type, event.target_id) == ("hearings.hearing", "4711")
    assert event.target == "H" * 300


def test_rule_an_export_names_what_where_and_which_object(cycle, finance):
    hearing = Hearing.objects.create(
        cycle=cycle,
        slug="h",
        title="Høring",
        opens_at=OPENS,
        closes_at=OPENS + timedelta(days=30),
    )
    request = RequestFactory().get("/hoeringer/h/svar.xlsx")
    request.user = finance
    record_export(request, "høringssvar (Excel)", target=hearing)
    record_export_by(finance, "persondata", path="/" + "p" * 400)
    first, second = AuditEvent.objects.filter(action=Action.EXPORTED).order_by("pk")
    assert (first.actor, first.target_id, first.details) == (
        finance,
        str(hearing.pk),
        {"hvad": "høringssvar (Excel)", "sti": "/hoeringer/h/svar.xlsx"},
    )
    assert second.details == {"hvad": "persondata", "sti": ("/" + "p" * 400)[:300]}
    request.user = AnonymousUser()
    record_export(request, "ingenting")
    assert AuditEvent.objects.filter(action=Action.EXPORTED).count() == 2


def test_rule_the_log_refuses_changes_and_deletion_and_says_so(finance):
    event = record(Action.LOGIN, actor=finance)
    changed = "Revisionssporet kan ikke ændres."
    deleted = "Revisionssporet slettes kun efter opbevaringsfristen."
    for attempt, words in (
        (event.save, changed),
        (AuditEvent.objects.all().update, changed),
        (event.delete, deleted),
        (AuditEvent.objects.all().delete, deleted),
    ):
        with pytest.raises(AppendOnly) as refused:
            attempt()
        assert str(refused.value) == words
    assert AuditEvent.objects.get(pk=event.pk).actor == finance


def test_rule_the_purge_keeps_what_the_setting_keeps_though_the_database_was_told_less(settings):
    """A longer AUDIT_RETENTION_DAYS counts before `migrate` has told the database: the purge
    removes only what is older than both (on SQLite the setting alone)."""
    from django.utils import timezone

    from audit.retention import purge_audit_log, write_database_retention

    settings.AUDIT_RETENTION_DAYS = 30
    write_database_retention()
    settings.AUDIT_RETENTION_DAYS = 60
    now = timezone.now()
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(action=Action.LOGIN, actor_name="61 dage", at=now - timedelta(days=61)),
            AuditEvent(action=Action.LOGIN, actor_name="31 dage", at=now - timedelta(days=31)),
        ]
    )
    assert purge_audit_log() == 1
    assert set(AuditEvent.objects.values_list("actor_name", flat=True)) == {"31 dage", "system"}
