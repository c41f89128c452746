"""Every query parameter the portal reads is a Danish word (?udvalg=3&type=T&status=frigivet),
apart from the names a protocol or Django fixes: the address bar and the links read in one
language. A new parameter in English fails here, with its file and line."""

from __future__ import annotations

import ast
from pathlib import Path

import django_filters

from tests.budget_portal.test_import_graph import APPS, ROOT

DANISH = {
    "afdeling", "budget", "bemaerkning", "format", "forslag", "fra", "gruppe", "kun",
    "overskredet", "priser", "serviceramme", "side", "status", "svar", "til", "type", "udgave",
    "udvalg",
}  # fmt: skip
# Fixed by others: Django's `next` after sign-in, OpenID Connect's answer (code, state,
# error), the search box's `q`, and the scenario comparison's repeated `s`.
FIXED = {"next", "code", "state", "error", "error_description", "q", "s"}


def _read_names(path: Path) -> list[tuple[str, int]]:
    """("name", line) of every `request.GET.get("name")`, `GET["name"]`, `GET.getlist`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        target, key = None, None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("get", "getlist") and node.args:
                target, key = node.func.value, node.args[0]
        elif isinstance(node, ast.Subscript):
            target, key = node.value, node.slice
        if (
            isinstance(target, ast.Attribute)
            and target.attr == "GET"
            and isinstance(key, ast.Constant)
            and isinstance(key.value, str)
        ):
            found.append((key.value, node.lineno))
    return found


def _offences() -> list[str]:
    bad = []
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            for name, line in _read_names(path):
                if name not in DANISH | FIXED:
                    bad.append(f"{path.relative_to(ROOT)}:{line}: ?{name}=")
    return bad


def _filtersets() -> list[type[django_filters.FilterSet]]:
    from implementation.filters import PlanItemFilter
    from politics.filters import QuestionFilter
    from proposals.filters import ProposalFilter

    return [ProposalFilter, PlanItemFilter, QuestionFilter]


def test_every_query_parameter_the_views_read_is_danish():
    assert _offences() == []


def test_every_filter_is_named_in_danish():
    names = {name for filterset in _filtersets() for name in filterset.base_filters}
    assert names - DANISH == set()


def test_the_finder_finds_a_planted_english_parameter(tmp_path):
    planted = tmp_path / "views.py"
    planted.write_text('def v(request):\n    return request.GET.get("committee", "")\n')
    assert _read_names(planted) == [("committee", 2)]
