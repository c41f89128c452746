"""The cache is a speed-up, not a dependency: public pages work uncached when the cache table
was never created or the cache server is down, and `migrate` creates the cache table."""

from __future__ import annotations

import logging

import pytest
from django.core.cache import cache
from django.core.cache.backends.base import BaseCache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from budget_portal.cache import ForgivingCache
from budget_portal.settings import cache_from_env
from proposals.models import Status
from tests.factories import make_card


@pytest.fixture
def cards(finance, department_a, committee):
    make_card(by=finance, department=department_a, committee=committee, number="T101",
              status=Status.RELEASED, title="Ældrepleje på Ærø", net=2_000_000)  # fmt: skip
    make_card(by=finance, department=department_a, committee=committee, number="T199",
              status=Status.DRAFT, title="Hemmelig kladde")  # fmt: skip


@pytest.fixture
def fresh_warnings(monkeypatch):
    # The warning is once per process; each test starts as a new process would.
    monkeypatch.setattr("budget_portal.cache._warned", set(), raising=False)


def drop_cache_table():
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE django_cache")


def cache_table_exists() -> bool:
    with connection.cursor() as cursor:
        return "django_cache" in connection.introspection.table_names(cursor)


def test_the_card_list_works_without_the_cache_table_and_warns_once(
    client, cycle, cards, caplog, fresh_warnings
):
    drop_cache_table()
    url = reverse("proposals:list", args=[cycle.slug])
    with caplog.at_level(logging.WARNING, logger="budget_portal.cache"):
        pages = [client.get(url) for _ in range(3)]
    for page in pages:
        assert page.status_code == 200
        assert "Ældrepleje på Ærø" in page.text and "Hemmelig kladde" not in page.text
    warnings = [r for r in caplog.records if r.name == "budget_portal.cache"]
    assert len(warnings) == 1
    assert "uden cache" in warnings[0].getMessage()


def test_a_cache_read_that_fails_inside_a_transaction_leaves_the_transaction_usable(
    cycle, cards, fresh_warnings
):
    # PostgreSQL aborts a transaction at its first error; the failed cache read must not
    # take the rest of the request's queries with it.
    drop_cache_table()
    assert cache.get("nøgle") is None
    cache.set("nøgle", "x")
    assert cycle.__class__.objects.filter(pk=cycle.pk).exists()


def test_the_card_list_works_when_the_cache_server_is_down(
    client, cycle, cards, settings, fresh_warnings
):
    pytest.importorskip("redis")
    settings.CACHES = {"default": cache_from_env({"CACHE_URL": "redis://127.0.0.1:1/0"})}
    page = client.get(reverse("proposals:list", args=[cycle.slug]))
    assert page.status_code == 200
    assert "Ældrepleje på Ærø" in page.text


class Unreachable(BaseCache):
    """A cache server that refuses every connection, as a stopped Redis does."""

    def __init__(self, location, params):
        super().__init__(params)

    def get(self, *args, **kwargs):
        raise ConnectionRefusedError(111, "Connection refused")

    set = add = delete = get


class UnreachableCache(ForgivingCache, Unreachable):
    pass


def test_the_card_list_works_when_any_cache_server_refuses_connections(
    client, cycle, cards, settings, fresh_warnings, caplog
):
    settings.CACHES = {"default": {"BACKEND": f"{__name__}.UnreachableCache"}}
    for _ in range(2):
        page = client.get(reverse("proposals:list", args=[cycle.slug]))
        assert page.status_code == 200
        assert "Ældrepleje på Ærø" in page.text
    assert len([r for r in caplog.records if r.name == "budget_portal.cache"]) == 1


def test_migrate_creates_the_cache_table(db):
    drop_cache_table()
    assert not cache_table_exists()
    call_command("migrate", verbosity=0)
    assert cache_table_exists()
    cache.set("budget", "2026", 30)
    assert cache.get("budget") == "2026"
