"""The import graph between the apps: budget_portal (the spine) imports no app, and no two
apps import each other, directly or round a longer loop.

The graph is read from the source with `ast`: every import statement, also those inside
functions (a lazy import is still a dependency, only a hidden one), and `import_module` /
`import_string` calls with a literal name. Migrations are left out: they are history, ordered
by Django's migration graph (whose `dependencies` rightly name other apps' migrations for a
foreign key), never imported by app code, and reach other apps' models through the historical
`apps.get_model`, not an import; an old migration is not rewritten to please a layering rule.

`python tests/budget_portal/test_import_graph.py` prints the graph, edge by edge.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPINE = "budget_portal"
APPS = (
    SPINE,
    "audit",
    "hearings",
    "implementation",
    "letters",
    "opendata",
    "politics",
    "proposals",
    "search",
    "sso",
    "subscriptions",
)
_DYNAMIC = {"import_module", "import_string"}

Graph = dict[tuple[str, str], list[str]]  # (importer, imported) -> ["file.py:12", ...]


def _imported_names(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        # A relative import stays inside its own package.
        if node.level or not node.module:
            return []
        if "." not in node.module:  # `from audit import log`: the module is audit.log
            return [f"{node.module}.{alias.name}" for alias in node.names]
        return [node.module]
    if isinstance(node, ast.Call) and node.args:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        first = node.args[0]
        if name in _DYNAMIC and isinstance(first, ast.Constant) and isinstance(first.value, str):
            return [first.value]
    return []


def cross_app_imports(root: Path, apps: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(importing app, imported module, "file.py:12") for every import from one of APPS
    into another, under ROOT."""
    found = []
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root)
            if "migrations" in relative.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(relative))):
                for name in _imported_names(node):
                    target = name.partition(".")[0]
                    if target in apps and target != app:
                        found.append((app, name, f"{relative}:{node.lineno}"))
    return found


def import_graph(root: Path, apps: tuple[str, ...]) -> Graph:
    """Every import from one of APPS into another, under ROOT, with where it is written."""
    graph: Graph = defaultdict(list)
    for app, name, where in cross_app_imports(root, apps):
        graph[(app, name.partition(".")[0])].append(f"{where} imports {name}")
    return dict(graph)


def cycles(graph: Graph) -> list[list[str]]:
    """The groups of apps that reach each other (strongly connected, Tarjan), largest first."""
    successors: dict[str, set[str]] = defaultdict(set)
    for source, target in graph:
        successors[source].add(target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for successor in sorted(successors[node]):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(successors):
        if node not in index:
            visit(node)
    return sorted(groups, key=lambda g: (-len(g), g))


def loops(graph: Graph, group: list[str]) -> list[list[str]]:
    """The shortest way round from each app of GROUP back to itself, each loop once."""
    successors: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(graph):
        if source in group and target in group:
            successors[source].append(target)
    found: list[list[str]] = []
    for start in group:
        paths, seen = [[start]], {start}
        while paths:
            path = paths.pop(0)
            if start in successors[path[-1]]:
                loop = path
                break
            for successor in successors[path[-1]]:
                if successor not in seen:
                    seen.add(successor)
                    paths.append([*path, successor])
        turn = loop.index(min(loop))
        loop = loop[turn:] + loop[:turn]
        if loop not in found:
            found.append(loop)
    return found


def _describe(graph: Graph, loop: list[str]) -> list[str]:
    hops = zip(loop, [*loop[1:], loop[0]], strict=True)
    lines = [" -> ".join([*loop, loop[0]]) + ":"]
    for source, target in hops:
        first, *more = graph[(source, target)]
        lines.append(f"  {first}" + (f" (and {len(more)} more)" if more else ""))
    return lines


def spine_imports(graph: Graph, spine: str = SPINE) -> list[str]:
    return [
        f"  {where}"
        for (source, _target), places in sorted(graph.items())
        if source == spine
        for where in places
    ]


def test_no_import_cycle_between_apps():
    graph = import_graph(ROOT, APPS)
    found = cycles(graph)
    report = []
    for group in found:
        for loop in loops(graph, group):
            report += _describe(graph, loop)
    assert not found, "\n".join(report)


def test_the_spine_imports_no_app():
    offending = spine_imports(import_graph(ROOT, APPS))
    assert not offending, "budget_portal imports an app:\n" + "\n".join(offending)


# What an app may take from another: its models and querysets, its permission rules, its
# signals, its service verbs, the card comparison (proposals.revisions) and the audit log's
# recorder and request context. Forms, views, admin, templatetags and helpers are the app's own.
PUBLIC_MODULES = {"models", "rules", "signals", "services", "revisions", "log", "context"}


def internals_reached(root: Path, apps: tuple[str, ...], spine: str = SPINE) -> list[str]:
    offending = []
    for _app, name, where in cross_app_imports(root, apps):
        package, _dot, rest = name.partition(".")
        if package != spine and rest.partition(".")[0] not in PUBLIC_MODULES:
            offending.append(f"  {where} imports {name}")
    return offending


def test_apps_take_only_each_others_public_modules():
    offending = internals_reached(ROOT, APPS)
    assert not offending, "an app imports another app's internals:\n" + "\n".join(offending)


def _package(root: Path, name: str, files: dict[str, str]) -> None:
    (root / name).mkdir()
    (root / name / "__init__.py").write_text("")
    for filename, source in files.items():
        (root / name / filename).write_text(source)


def test_the_graph_builder_finds_a_planted_cycle_and_back_edge(tmp_path):
    _package(tmp_path, "spine", {"tasks.py": "def run():\n    from shop.models import Order\n"})
    _package(tmp_path, "shop", {"models.py": "import spine.tasks\n"})
    _package(
        tmp_path,
        "mail",
        {
            "views.py": "from django.utils.module_loading import import_string\n"
            "f = import_string('shop.models.Order')\n"
        },
    )
    _package(tmp_path, "clean", {"views.py": "from . import models\nimport os\n"})
    _package(tmp_path, "letters", {"forms.py": "from shop.forms import AmountField\n"})
    (tmp_path / "shop" / "migrations").mkdir()
    (tmp_path / "shop" / "migrations" / "0001.py").write_text("import mail\n")

    apps = ("spine", "shop", "mail", "clean", "letters")
    graph = import_graph(tmp_path, apps)

    assert graph == {
        ("spine", "shop"): ["spine/tasks.py:2 imports shop.models"],
        ("shop", "spine"): ["shop/models.py:1 imports spine.tasks"],
        ("mail", "shop"): ["mail/views.py:2 imports shop.models.Order"],
        ("letters", "shop"): ["letters/forms.py:1 imports shop.forms"],
    }
    assert cycles(graph) == [["shop", "spine"]]
    assert spine_imports(graph, "spine") == ["  spine/tasks.py:2 imports shop.models"]
    assert internals_reached(tmp_path, apps, "spine") == ["  letters/forms.py:1 imports shop.forms"]


def test_cycles_finds_a_loop_round_three_apps_and_not_a_chain():
    loop = {("a", "b"): ["x"], ("b", "c"): ["y"], ("c", "a"): ["z"], ("c", "d"): ["w"]}
    assert cycles(loop) == [["a", "b", "c"]]
    assert loops(loop, ["a", "b", "c"]) == [["a", "b", "c"]]
    assert cycles({("a", "b"): ["x"], ("b", "c"): ["y"], ("a", "c"): ["z"]}) == []


if __name__ == "__main__":
    graph = import_graph(ROOT, APPS)
    for (source, target), places in sorted(graph.items()):
        print(f"{source} -> {target} ({len(places)})")
    for group in cycles(graph):
        print("cycle:", " <-> ".join(group))
    sys.exit(0)
