"""A cycle's datapackage.json (Frictionless Data Package) and the JSON files' envelope.

Both come from opendata/schema.py. Ideas from the Fiscal Data Package where they fit: the
fiscal period, the country, and columnType on amounts, the year and the committees.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from budget_portal.models import BudgetCycle
from opendata.formats import json_value
from opendata.schema import DATASETS, Dataset


def licence() -> dict:
    """The licence of the open data (settings.OPEN_DATA_LICENSE), as a Data Package lists it."""
    return {k: v for k, v in settings.OPEN_DATA_LICENSE.items() if v}


def cycle_title(cycle: BudgetCycle) -> str:
    return f"{cycle.name}, {cycle.municipality}"


def datapackage(cycle: BudgetCycle, *, docs_url: str, site_url: str) -> dict:
    """The descriptor; resource paths are relative to its own address, where the files are."""
    return {
        "profile": "tabular-data-package",
        "name": f"budget-{cycle.slug.lower()}",
        "title": cycle_title(cycle),
        "description": _(
            "Offentlige data fra budgetlægningen: frigivne og afgjorte budgetforslag med beløb "
            "pr. år, budgetkalenderen, høringer og offentliggjorte høringssvar."
        ),
        "homepage": docs_url,
        "licenses": [licence()],
        "sources": [{"title": f"{cycle.municipality} – {settings.PORTAL_NAME}", "path": site_url}],
        "keywords": ["budget", cycle.municipality, str(cycle.first_year)],
        "countryCode": "DK",
        "fiscalPeriod": {"start": f"{cycle.first_year}-01-01", "end": f"{cycle.last_year}-12-31"},
        "resources": [resource(d) for d in DATASETS.values()],
    }


def resource(dataset: Dataset) -> dict:
    return {
        "profile": "tabular-data-resource",
        "name": dataset.name,
        "path": f"{dataset.name}.csv",
        "title": str(dataset.title),
        "description": str(dataset.description),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": dataset.table_schema(),
    }


def json_document(dataset: Dataset, cycle: BudgetCycle, rows: list[dict], *, docs_url: str):
    """A JSON file: what it is, whose, under which licence, and the rows."""
    return {
        "datasaet": dataset.name,
        "titel": str(dataset.title),
        "budget": {
            "kortnavn": cycle.slug,
            "navn": cycle.name,
            "kommune": cycle.municipality,
            "foerste_aar": cycle.first_year,
            "sidste_aar": cycle.last_year,
        },
        "licens": licence(),
        "dokumentation": f"{docs_url}#{dataset.name}",
        "data": json_value(rows),
    }
