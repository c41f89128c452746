"""Permissions through django-rules only: in an app with a rules.py, no other module asks a
role (budget_portal.roles, or the header's audience predicates) directly; views, services,
forms, models and the header ask has_perm, and rules.py says which roles that means. The
spine defines the roles and the start page's role sections; apps without objects (search,
open data) only name the header's audience."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.budget_portal.test_import_graph import APPS, ROOT, SPINE

ROLES = "budget_portal.roles"
AUDIENCES = {"budget_portal.navigation.is_public_visitor", "budget_portal.navigation.is_staff_role"}


def _role_imports(path: Path, root: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        if any(n == ROLES or n.startswith(ROLES + ".") or n in AUDIENCES for n in names):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def _outside_rules(root: Path, apps) -> list[str]:
    found = []
    for app in apps:
        if not (root / app / "rules.py").exists():
            continue
        for path in sorted((root / app).rglob("*.py")):
            if path.name != "rules.py" and "migrations" not in path.parts:
                found += _role_imports(path, root)
    return found


def test_apps_ask_roles_only_in_their_rules_module():
    offences = _outside_rules(ROOT, [app for app in APPS if app != SPINE])
    assert offences == [], "ask a perm from the app's rules.py instead:\n" + "\n".join(offences)


def test_the_finder_finds_a_role_asked_outside_rules(tmp_path):
    app = tmp_path / "someapp"
    app.mkdir()
    (app / "rules.py").write_text("from budget_portal.roles import is_finance\n")
    (app / "views.py").write_text(
        "import rules\n\n\ndef view(request):\n"
        "    from budget_portal.roles import is_finance\n\n    return is_finance(request.user)\n"
    )
    (app / "forms.py").write_text("import budget_portal.roles\n")
    (app / "navigation.py").write_text("from budget_portal.navigation import is_public_visitor\n")
    assert _outside_rules(tmp_path, ["someapp"]) == [
        "someapp/forms.py:1",
        "someapp/navigation.py:1",
        "someapp/views.py:5",
    ]
