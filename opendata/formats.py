"""Rows as CSV and JSON: UTF-8, a header row, ISO dates, times in UTC, a decimal point.

CSV is for machines and spreadsheets alike, so a text that a spreadsheet would run as a
formula gets a leading apostrophe, the same rule as our Excel files (budget_portal/excel.py).
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time
from decimal import Decimal

from budget_portal.excel import looks_like_formula
from opendata.schema import Dataset


def machine_value(value):
    """VALUE as it stands in both formats; None stays None (empty in CSV, null in JSON)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date | time):
        return value.isoformat()
    if value == "":
        return None
    return value


def csv_cell(value) -> str:
    value = machine_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, str) and looks_like_formula(value):
        return "'" + value
    return str(value)


def to_csv(dataset: Dataset, rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(dataset.field_names)
    for row in rows:
        writer.writerow([csv_cell(row[name]) for name in dataset.field_names])
    return out.getvalue()


def json_value(value):
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_value(v) for v in value]
    value = machine_value(value)
    if isinstance(value, Decimal):
        # Årsværk have two decimals; a float prints them exactly ("0.54") and JSON has no
        # other number. Money is never a Decimal here: kroner are integers.
        return float(value)
    return value
