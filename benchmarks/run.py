"""Benchmarks: the catalog PDF, the Excel import and the Excel export, side by side.

    .venv/bin/python benchmarks/run.py                  # every case, 3 runs each; README table
    .venv/bin/python benchmarks/run.py --case NAME      # one run of one case, JSON on stdout
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_budget .venv/bin/python ...

Each run of a case is a fresh subprocess with a fresh database (a throwaway SQLite file, or
the PostgreSQL database of BENCH_DATABASE_URL dropped and created anew), so peak RSS is that
case's alone and no case sees another's data. See README.md.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
README = HERE / "README.md"
RESULTS = HERE / "results"
START, END = "<!-- results:start -->", "<!-- results:end -->"
RESULT_PREFIX = "BENCH_RESULT "
MIB = 1024 * 1024

# Run in this order in every round: the longest case last, so a time budget cuts it first.
CASES = {
    "catalog-100": "catalog PDF of 100 released cards",
    "import-1000": "import of a 1,000-row workbook into an empty cycle, then the same file again",
    "export-1000": "export of 1,000 cards to .xlsx",
    "catalog-500": "catalog PDF of 500 released cards",
}
TARGETS = {
    ("catalog-100", "seconds"): 15.0,
    ("catalog-500", "seconds"): 60.0,
    ("catalog-500", "peak_rss_mib"): 1024.0,
    ("import-1000", "import_seconds"): 10.0,
    ("import-1000", "import_ratio"): 10.0,
}


# ---------------------------------------------------------------- one case, in its subprocess


def _fresh_postgres(url: str) -> None:
    """Drop and create the database named in URL (connecting to "postgres" on that server)."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    assert name and name != "postgres", "BENCH_DATABASE_URL must name a throwaway database"
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _setup_django(tmp: Path) -> str:
    """Environment for production-like settings, a fresh database, then django.setup()."""
    bench_db = os.environ.get("BENCH_DATABASE_URL", "")
    if bench_db:
        _fresh_postgres(bench_db)
        database_url = bench_db
    else:
        database_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="budget_portal.settings",
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-" + os.urandom(8).hex(),
        DEBUG="False",
        SECURE_SSL_REDIRECT="False",
        SITE_URL="http://127.0.0.1:8000",
        TASKS_BACKEND="immediate",
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="WARNING",
    )
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    # As in the tests: static files from the finders. With DEBUG off the manifest storage
    # would want collectstatic first; the PDF's print.css is read through the finders anyway.
    override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ).enable()
    call_command("migrate", verbosity=0)
    return "postgresql" if bench_db else "sqlite"


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --profile PATH: cProfile the first measured call of the case into PATH (pstats format).
PROFILE: dict[str, str] = {}


def _measure(fn: Callable[[], object], *, trace: bool) -> tuple[object, float, float | None]:
    """(result, seconds, tracemalloc peak in MiB or None)."""
    gc.collect()
    if trace:
        tracemalloc.start()
    profiler = None
    if PROFILE.get("path"):
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    if profiler is not None:
        profiler.disable()
        profiler.dump_stats(PROFILE.pop("path"))
    traced = None
    if trace:
        traced = tracemalloc.get_traced_memory()[1] / MIB
        tracemalloc.stop()
    return result, seconds, traced


def case_catalog(cards: int, *, trace: bool) -> dict:
    import weasyprint

    from benchmarks.data import build_world, card_specs, create_cards
    from budget_portal.publications import REGISTRY
    from proposals.publications import catalog_params

    world = build_world()
    seed_start = time.perf_counter()
    create_cards(world, card_specs(cards), release=True)
    seed_seconds = time.perf_counter() - seed_start
    rss_before = _peak_rss_mib()

    # Pages as weasyprint laid them out: parsing the PDF again (pypdf) would take seconds,
    # because the whole file sits in one compressed object stream.
    pages: list[int] = []
    write_pdf = weasyprint.Document.write_pdf

    def counting_write_pdf(document, *args, **kwargs):
        pages.append(len(document.pages))
        return write_pdf(document, *args, **kwargs)

    weasyprint.Document.write_pdf = counting_write_pdf
    marks: list[tuple[int, float]] = []

    def progress(pct: int) -> None:
        marks.append((pct, time.perf_counter()))

    start = time.perf_counter()
    pdf, seconds, traced = _measure(
        lambda: REGISTRY["catalog"].render(world.cycle, catalog_params(), progress), trace=trace
    )
    peak = _peak_rss_mib()
    weasyprint.Document.write_pdf = write_pdf
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-32:]
    # The renderer reports 10 after its queries, 35 after the HTML, 78 after layout, 95 at the end.
    at = dict(marks)
    phases = {
        "queries": at[10] - start,
        "html": at[35] - at[10],
        "layout": at[78] - at[35],
        "write_pdf": at[95] - at[78],
    }
    return {
        "seconds": seconds,
        "peak_rss_mib": peak,
        "rss_before_mib": rss_before,
        "tracemalloc_peak_mib": traced,
        "pages": pages[0],
        "bytes": len(pdf),
        "phases": phases,
        "seed_seconds": seed_seconds,
    }


def case_import(rows: int, *, trace: bool) -> dict:
    import io

    import openpyxl

    from benchmarks.data import build_world, card_specs, import_workbook
    from proposals.models import Proposal, Revision
    from proposals.workbook import SHEET, apply_import, plan_import

    world = build_world()
    data = import_workbook(world, card_specs(rows))
    rss_before = _peak_rss_mib()

    def bare_read() -> list:
        """The ceiling: openpyxl reading the same file's rows, and nothing else."""
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        values = list(book[SHEET].iter_rows(values_only=True))
        book.close()
        return values

    plan, plan_seconds, plan_traced = _measure(
        lambda: plan_import(world.cycle, data, user=world.finance), trace=trace
    )
    assert plan.ok, [e for r in plan.rows for e in r.errors][:5]
    assert plan.created_count == rows
    counts, apply_seconds, apply_traced = _measure(
        lambda: apply_import(plan, by=world.finance), trace=trace
    )
    assert counts == (rows, 0)
    peak_first = _peak_rss_mib()
    assert Proposal.objects.filter(cycle=world.cycle).count() == rows
    assert Revision.objects.filter(proposal__cycle=world.cycle).count() == rows

    again, replan_seconds, _traced = _measure(
        lambda: plan_import(world.cycle, data, user=world.finance), trace=False
    )
    assert again.ok and again.unchanged_count == rows, (again.updated_count, again.created_count)
    counts, reapply_seconds, _traced = _measure(
        lambda: apply_import(again, by=world.finance), trace=False
    )
    assert counts == (0, 0)
    # The ceiling, after the import (--profile is the plan's): the median of three reads, as
    # the machine is shared and one read is short.
    reads = [_measure(bare_read, trace=False) for _ in range(3)]
    assert all(len(read) == rows + 1 for read, _s, _t in reads)
    read_seconds = statistics.median(seconds for _r, seconds, _t in reads)
    traced = None if not trace else max(plan_traced, apply_traced)
    return {
        "plan_seconds": plan_seconds,
        "apply_seconds": apply_seconds,
        "import_seconds": plan_seconds + apply_seconds,
        "read_seconds": read_seconds,
        "import_ratio": (plan_seconds + apply_seconds) / read_seconds,
        "reimport_seconds": replan_seconds + reapply_seconds,
        "reimport_plan_seconds": replan_seconds,
        "peak_rss_mib": peak_first,
        "peak_rss_after_reimport_mib": _peak_rss_mib(),
        "rss_before_mib": rss_before,
        "tracemalloc_peak_mib": traced,
        "bytes": len(data),
    }


def case_export(cards: int, *, trace: bool) -> dict:
    import io

    import openpyxl

    from benchmarks.data import build_world, card_specs, create_cards
    from proposals.models import Proposal
    from proposals.workbook import SHEET, export_workbook

    world = build_world()
    seed_start = time.perf_counter()
    create_cards(world, card_specs(cards), release=True)
    seed_seconds = time.perf_counter() - seed_start
    rss_before = _peak_rss_mib()
    data, seconds, traced = _measure(
        lambda: export_workbook(world.cycle, Proposal.objects.filter(cycle=world.cycle)),
        trace=trace,
    )
    peak = _peak_rss_mib()
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True)[SHEET]
    assert sum(1 for _row in sheet.iter_rows(min_row=2, values_only=True)) == cards
    return {
        "seconds": seconds,
        "peak_rss_mib": peak,
        "rss_before_mib": rss_before,
        "tracemalloc_peak_mib": traced,
        "bytes": len(data),
        "seed_seconds": seed_seconds,
    }


def run_case(name: str, *, trace: bool) -> dict:
    kind, _dash, size = name.partition("-")
    runner = {"catalog": case_catalog, "import": case_import, "export": case_export}[kind]
    load_before = os.getloadavg()[0]
    wall = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        backend = _setup_django(tmp)
        result = runner(int(size), trace=trace)
        from django.db import connections

        connections.close_all()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return {
        "case": name,
        "backend": backend,
        "tracemalloc": trace,
        **result,
        # The machine is shared: the 1-minute load average says how busy it was meanwhile.
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "process_seconds": time.perf_counter() - wall,
    }


# ---------------------------------------------------------------- the driver


def _spawn(name: str, *, trace: bool) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--case", name]
    if trace:
        command.append("--tracemalloc")
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"case {name} failed (exit {done.returncode})")
    line = next(x for x in done.stdout.splitlines()[::-1] if x.startswith(RESULT_PREFIX))
    return json.loads(line.removeprefix(RESULT_PREFIX))


def _versions(backend: str) -> dict:
    import sqlite3

    import django
    import openpyxl
    import weasyprint

    versions = {
        "python": platform.python_version(),
        "django": django.__version__,
        "weasyprint": weasyprint.__version__,
        "openpyxl": openpyxl.__version__,
    }
    if backend == "postgresql":
        import psycopg

        url = os.environ["BENCH_DATABASE_URL"].replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url) as conn:
            row = conn.execute("SHOW server_version").fetchone()
        versions["postgresql"] = row[0] if row else "?"
    else:
        versions["sqlite"] = sqlite3.sqlite_version
    return versions


def drive(cases: list[str], repeats: int, *, budget: float, trace: bool, write: bool) -> dict:
    backend = "postgresql" if os.environ.get("BENCH_DATABASE_URL") else "sqlite"
    started = time.perf_counter()
    runs: dict[str, list[dict]] = {name: [] for name in cases}
    skipped: dict[str, int] = {}
    # Rounds rather than blocks, so a slow minute of the machine spreads over every case.
    for round_number in range(1, repeats + 1):
        for name in cases:
            elapsed = time.perf_counter() - started
            if runs[name] and elapsed + runs[name][-1]["process_seconds"] > budget:
                skipped[name] = skipped.get(name, 0) + 1
                print(f"[{backend}] round {round_number}: {name} skipped (time budget)")
                continue
            result = _spawn(name, trace=False)
            runs[name].append(result)
            print(
                f"[{backend}] round {round_number}/{repeats} {name}: {_brief(result)}", flush=True
            )
    traced = {}
    for name in cases if trace else ():
        traced[name] = _spawn(name, trace=True)["tracemalloc_peak_mib"]
        print(f"[{backend}] {name}: tracemalloc peak {traced[name]:.0f} MiB", flush=True)
    report = {
        "backend": backend,
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}",
        "versions": _versions(backend),
        "repeats": repeats,
        "budget_seconds": budget,
        "skipped": skipped,
        "driver_seconds": time.perf_counter() - started,
        "runs": runs,
        "tracemalloc_mib": traced,
    }
    if write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{backend}.json").write_text(json.dumps(report, indent=2) + "\n")
        write_readme()
    print(f"[{backend}] driver took {report['driver_seconds'] / 60:.1f} min", flush=True)
    return report


def _brief(result: dict) -> str:
    keys = (
        "seconds",
        "plan_seconds",
        "apply_seconds",
        "read_seconds",
        "import_ratio",
        "reimport_seconds",
        "peak_rss_mib",
    )
    parts = [f"{k}={result[k]:.2f}" for k in keys if k in result]
    if "pages" in result:
        parts.append(f"pages={result['pages']}")
    parts.append(f"load={result['load_before']:.1f}->{result['load_after']:.1f}")
    return " ".join(parts)


# ---------------------------------------------------------------- the README table


def _verdict(case: str, key: str, value: float) -> tuple[str, str]:
    limit = TARGETS.get((case, key))
    if limit is None:
        return "", ""
    if key.endswith("_ratio"):
        return f"≤ {limit:.0f}×", "✅ pass" if value <= limit else "❌ FAIL"
    shown = f"{limit:.0f} s" if "seconds" in key else f"{limit / 1024:.0f} GiB"
    return f"< {shown}", "✅ pass" if value < limit else "❌ FAIL"


def _value(run: dict, key: str) -> float:
    if key == "kib":
        return run["bytes"] / 1024
    if key.startswith("phase:"):
        return run["phases"][key.removeprefix("phase:")]
    return run[key]


# Per case: (label, key in the run's result, format, unit); the first line names the case.
ROWS = {
    "catalog-100": [
        ("**Catalog PDF, 100 cards**: render time", "seconds", ".1f", "s"),
        ("peak RSS", "peak_rss_mib", ".0f", "MiB"),
        ("peak RSS before the render", "rss_before_mib", ".0f", "MiB"),
        ("pages", "pages", ".0f", ""),
        ("file size", "kib", ".0f", "KiB"),
        ("of which queries", "phase:queries", ".2f", "s"),
        ("of which HTML template", "phase:html", ".2f", "s"),
        ("of which WeasyPrint layout", "phase:layout", ".1f", "s"),
        ("of which write_pdf", "phase:write_pdf", ".1f", "s"),
    ],
    "import-1000": [
        ("**Import, 1,000 rows**: plan + apply", "import_seconds", ".1f", "s"),
        ("plan_import", "plan_seconds", ".2f", "s"),
        ("apply_import", "apply_seconds", ".2f", "s"),
        ("ceiling: bare openpyxl read of the same file", "read_seconds", ".2f", "s"),
        ("plan + apply as a multiple of the ceiling", "import_ratio", ".1f", "×"),
        ("peak RSS (after the import)", "peak_rss_mib", ".0f", "MiB"),
        ("peak RSS before the import", "rss_before_mib", ".0f", "MiB"),
        ("re-import, every row unchanged (plan + apply)", "reimport_seconds", ".2f", "s"),
        ("workbook size", "kib", ".0f", "KiB"),
    ],
    "export-1000": [
        ("**Export, 1,000 cards**: export_workbook", "seconds", ".2f", "s"),
        ("peak RSS", "peak_rss_mib", ".0f", "MiB"),
        ("peak RSS before the export", "rss_before_mib", ".0f", "MiB"),
        ("file size", "kib", ".0f", "KiB"),
    ],
}
ROWS["catalog-500"] = [
    (label.replace("100 cards", "500 cards"), *rest) for label, *rest in ROWS["catalog-100"]
]
ROWS_SINCE = {"read_seconds", "import_ratio"}
TABLE_ORDER = ("catalog-100", "catalog-500", "import-1000", "export-1000")


def table(report: dict) -> str:
    runs, traced = report["runs"], report.get("tracemalloc_mib", {})
    lines = [
        "| case and measure | median | each run | target | result |",
        "|---|---:|---|---|---|",
    ]
    for case in TABLE_ORDER:
        if not runs.get(case):
            continue
        for i, (label, key, fmt, unit) in enumerate(ROWS[case]):
            if key in ROWS_SINCE and not all(key in run for run in runs[case]):
                continue  # a figure the runs of an older driver did not take
            values = [_value(run, key) for run in runs[case]]
            median = statistics.median(values)
            each = " / ".join(format(v, fmt) for v in values)
            target, verdict = _verdict(case, key, median)
            name = label if i == 0 else "&nbsp;&nbsp;" + label
            shown = f"{median:{fmt}} {unit}".strip()
            lines.append(f"| {name} | {shown} | {each} | {target} | {verdict} |")
        if case in traced:
            traced_row = f"| &nbsp;&nbsp;tracemalloc peak (1 extra run) | {traced[case]:.0f} MiB"
            lines.append(traced_row + " | | | |")
    return "\n".join(lines)


def write_readme() -> None:
    sections = []
    for backend, title in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        path = RESULTS / f"{backend}.json"
        if not path.exists():
            continue
        report = json.loads(path.read_text())
        versions = ", ".join(f"{k} {v}" for k, v in report["versions"].items())
        loads = [r[k] for runs in report["runs"].values() for r in runs
                 for k in ("load_before", "load_after")]  # fmt: skip
        skipped = "".join(
            f" The time budget skipped {n} run(s) of {case}."
            for case, n in report["skipped"].items()
        )
        sections.append(
            f"### {title}\n\n"
            f"Run {report['date']} on {report['machine']}; {versions}. "
            f"Median of up to {report['repeats']} runs, each a fresh process and database; "
            f"the whole driver took {report['driver_seconds'] / 60:.1f} min.{skipped} "
            f"1-minute load average at the starts and ends of the runs: "
            f"{min(loads):.1f}–{max(loads):.1f}.\n\n"
            f"{table(report)}\n"
        )
    text = README.read_text()
    head, start, rest = text.partition(START)
    _old, end, tail = rest.partition(END)
    assert start and end, f"{README} needs the markers {START} and {END}"
    README.write_text(f"{head}{START}\n\n" + "\n".join(sections) + f"\n{END}{tail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), help="run one case once (subprocess)")
    parser.add_argument(
        "--tracemalloc",
        action="store_true",
        help="with --case: trace Python allocations (3-7x slower); driver: one "
        "extra traced run per case",
    )
    parser.add_argument("--profile", metavar="PATH", help="with --case: cProfile into PATH")
    parser.add_argument("--cases", default=",".join(CASES), help="driver: comma-separated")
    parser.add_argument("--repeats", type=int, default=3, help="driver: runs per case")
    parser.add_argument(
        "--budget",
        type=float,
        default=660,
        help="driver: seconds; a repeat that would end past it is skipped",
    )
    parser.add_argument("--no-write", action="store_true", help="driver: leave README alone")
    args = parser.parse_args()
    if args.case:
        if args.profile:
            PROFILE["path"] = str(Path(args.profile).resolve())
        result = run_case(args.case, trace=args.tracemalloc)
        print(RESULT_PREFIX + json.dumps(result), flush=True)
        return
    cases = [c for c in args.cases.split(",") if c]
    unknown = set(cases) - set(CASES)
    if unknown:
        parser.error(f"unknown cases: {', '.join(sorted(unknown))}")
    drive(cases, args.repeats, budget=args.budget, trace=args.tracemalloc, write=not args.no_write)


if __name__ == "__main__":
    main()
