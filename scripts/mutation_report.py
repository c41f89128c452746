"""Survivor report of one module's mutmut run (called by scripts/mutation in the module's folder).

Prints each mutant that was not killed as file:line, its status and the changed lines, then one
line per module: mutants, killed, survived, timeout, no tests, % killed (timeouts count as
killed: the tests noticed). Appends that line to ../summary.tsv.

Further arguments: the folders of other runs of the same module (on PostgreSQL); a mutant that
any run killed counts as killed, as CI runs the suite on both databases.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from mutmut.mutation.data import SourceFileMutationData
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code

CAUGHT = ("killed", "timeout")


def def_lines(source: str) -> dict[str, int]:
    """Line of each function's `def`, keyed as mutmut mangles it (x_f, xǁClassǁf)."""
    lines = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines[f"x_{node.name}"] = node.lineno
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines[f"xǁ{node.name}ǁ{item.name}"] = item.lineno
    return lines


def where_and_what(name: str, module: str, starts: dict[str, int]) -> tuple[int, list[str]]:
    diff = get_diff_for_mutant(name, path=module).splitlines()
    function = re.sub(r"__mutmut_\d+$", "", name.rpartition(".")[2])
    line, changed = starts.get(function, 0), []
    for row in diff:
        hunk = re.match(r"@@ -(\d+)", row)
        if hunk and not changed:
            offset = int(hunk.group(1)) - 1
        elif row.startswith(("-", "+")) and not row.startswith(("---", "+++")):
            if not changed:
                # First changed line: count the context lines before it inside the hunk.
                context = diff.index(row) - next(
                    i for i, r in enumerate(diff) if r.startswith("@@")
                )
                line += offset + context - 1
            changed.append(row)
    return line, changed


def main() -> None:
    module, seconds, others = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    data = SourceFileMutationData(path=Path(module))
    data.load()
    starts = def_lines(Path(module).read_text())
    statuses = {name: status_by_exit_code[code] for name, code in data.exit_code_by_key.items()}
    for other in others:
        codes = json.loads((Path(other) / "mutants" / f"{module}.meta").read_text())
        for name, code in codes["exit_code_by_key"].items():
            if status_by_exit_code[code] in CAUGHT and name in statuses:
                statuses[name] = status_by_exit_code[code]
    count = Counter(statuses.values())
    for name, status in sorted(statuses.items()):
        if status in CAUGHT:
            continue
        line, changed = where_and_what(name, module, starts)
        print(f"{module}:{line}  {status}  {name.rpartition('.')[2]}")
        for row in changed:
            print(f"    {row}")
    total = len(statuses)
    caught = count["killed"] + count["timeout"]
    percent = 100 * caught / total if total else 100.0
    print(
        f"{module}: {total} mutants, {count['killed']} killed, {count['survived']} survived, "
        f"{count['timeout']} timeout, {count['no tests']} no tests; "
        f"{percent:.1f} % killed ({seconds} s)"
    )
    row = [datetime.now(UTC).strftime("%Y-%m-%d %H:%M"), module, total, count["killed"]]
    row += [count["survived"], count["timeout"], count["no tests"], f"{percent:.1f}", seconds]
    with open("../summary.tsv", "a") as f:
        f.write("\t".join(map(str, row)) + "\n")


if __name__ == "__main__":
    main()
