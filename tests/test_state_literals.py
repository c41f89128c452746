"""A state is named by its enum: no app module or template compares a card's, letter's,
hearing's, response's, question's, plan item's or publication's state to a bare string
("frigivet"), so renaming a state's value cannot leave a check behind that silently fails."""

from __future__ import annotations

import re
from pathlib import Path

from budget_portal.models import Publication
from hearings.models import Hearing, Response
from implementation.models import ItemStatus
from letters.models import LetterStatus
from politics.models import QuestionState
from proposals.models import Status
from tests.budget_portal.test_import_graph import APPS, ROOT

STATE_ENUMS = (
    Status,
    LetterStatus,
    Hearing.State,
    Response.State,
    QuestionState,
    ItemStatus,
    Publication.State,
)


def _comparisons(values: set[str]) -> re.Pattern[str]:
    quoted = "|".join(re.escape(v) for v in sorted(values))
    literal = rf"""["']({quoted})["']"""
    # `x == "frigivet"`, `"frigivet" != x`, `x in ("kladde", ...)`, `filter(status="kladde")`
    return re.compile(
        rf"(?:==|!=)\s*{literal}|{literal}\s*(?:==|!=)|\bin\s*[(\[][^)\]]*{literal}"
        rf"|\b(?:status|state)(?:__in)?\s*=\s*[(\[]?\s*{literal}"
    )


def _offences(paths, pattern: re.Pattern[str], root: Path = ROOT) -> list[str]:
    found = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    return found


def _app_modules():
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_no_state_literal_outside_its_enum():
    values = {str(v) for enum in STATE_ENUMS for v in enum.values}
    pattern = _comparisons(values)
    offences = _offences(_app_modules(), pattern)
    offences += _offences((ROOT / "templates").rglob("*.html"), pattern)
    assert offences == [], "compare with the enum member instead:\n" + "\n".join(offences)


def test_the_literal_finder_finds_a_planted_comparison(tmp_path):
    pattern = _comparisons({str(v) for v in LetterStatus.values})
    planted = tmp_path / "planted.py"
    planted.write_text(
        'ok = letter.status == LetterStatus.RELEASED\nbad = letter.status != "frigivet"\n'
        "{% if letter.status == 'kladde' %}\nqs.filter(status=\"kladde\")\n"
    )
    assert _offences([planted], pattern, root=tmp_path) == [
        'planted.py:2: bad = letter.status != "frigivet"',
        "planted.py:3: {% if letter.status == 'kladde' %}",
        'planted.py:4: qs.filter(status="kladde")',
    ]
