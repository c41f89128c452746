"""Rule: a partial that renders `{% csrf_token %}` keeps its token when included with `only`.

`{% include ... only %}` passes nothing but the named variables, so the partial's forms render
without their hidden token and answer 403 when posted without htmx (the implementation
plan's "Marker afsluttet" did). Print templates post nothing and are left out.
"""

from __future__ import annotations

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INCLUDE_ONLY = re.compile(r'{%\s*include\s+"([^"]+)"\s+with\s+([^%]*?)\bonly\s*%}')


def _posts(name: str, seen: set[str] | None = None) -> bool:
    """Does this template, or a template it includes, render a CSRF token?"""
    seen = seen or set()
    if name in seen or not (TEMPLATES / name).exists():
        return False
    seen.add(name)
    text = (TEMPLATES / name).read_text()
    if "csrf_token" in text:
        return True
    return any(_posts(inner, seen) for inner in re.findall(r'{%\s*include\s+"([^"]+)"', text))


def dropped_tokens() -> list[str]:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        if path.relative_to(TEMPLATES).parts[0] == "print":
            continue
        for included, names in INCLUDE_ONLY.findall(path.read_text()):
            if _posts(included) and "csrf_token=" not in names:
                found.append(f"{path.relative_to(TEMPLATES)} -> {included}")
    return found


def test_no_include_only_drops_the_csrf_token_of_a_form():
    assert dropped_tokens() == []


def test_the_check_finds_a_dropped_token(tmp_path, monkeypatch):
    (tmp_path / "page.html").write_text('{% include "form.html" with x=x only %}')
    (tmp_path / "form.html").write_text('<form method="post">{% csrf_token %}</form>')
    monkeypatch.setattr(f"{__name__}.TEMPLATES", tmp_path)
    assert dropped_tokens() == ["page.html -> form.html"]
