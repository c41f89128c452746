"""GIN indexes over the search vectors of the two big tables (cards, hearing responses), on
PostgreSQL only. They index the very expression search.engine filters on, so the planner can
use them; tests/search/test_search.py checks that it does. Letters and plan items are few and
are searched without an index. Nothing is stored: the index can never be out of date."""

from django.db import migrations

INDEXES = {
    "search_proposal_vector": (
        "proposals_proposal",
        "setweight(to_tsvector('danish'::regconfig, COALESCE(number, '') || ' ' "
        "|| COALESCE(title, '')), 'A') || setweight(to_tsvector('danish'::regconfig, "
        "COALESCE(background, '') || ' ' || COALESCE(consequences, '')), 'B')",
    ),
    "search_response_vector": (
        "hearings_response",
        "setweight(to_tsvector('danish'::regconfig, "
        "COALESCE(COALESCE(NULLIF(published_text, ''), text), '')), 'B')",
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (({expression}))")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_excel_import"),
        ("hearings", "0002_finance_permissions"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
