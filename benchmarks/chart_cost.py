"""Benchmark: what the charts add to the 500-card list and the 500-card catalog (issue 17's
ceiling: at most 10 % each), measured side by side in one process and database.

    .venv/bin/python benchmarks/chart_cost.py [--cards 500] [--list-runs 9] [--catalog-runs 1]
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_charts \\
        .venv/bin/python benchmarks/chart_cost.py        # PostgreSQL (the database is dropped!)

"Without charts" is the same page with templates/partials/_chart.html answered by an empty
template (every chart's figure, drawing and table go; nothing else changes). The list is
finance's, signed in, with the shared cache emptied before every run (its table is cached for
everyone who sees the same cards), interleaved run by run so drift hits each alike: without
charts; with them, the drawing cache emptied too (the first reader after a card changed).
The list links its two drawings as images (proposals:list_chart), which the browser fetches
beside the page; their time is shown too, drawn anew, but it is not the page's. The catalog is
the public catalog PDF (`REGISTRY["catalog"].render`), with and without charts, alternating.
Results go to benchmarks/results/charts-<backend>.json and the table in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import README, RESULTS, _setup_django, _versions  # noqa: E402

CEILING = 1.10  # charts may add at most 10 %
START, END = "<!-- charts:start -->", "<!-- charts:end -->"


class _WithoutCharts:
    """While active, the chart partial is an empty template: the page without its charts.
    Template engines stay as they are (their caches warm), so nothing else changes."""

    NAME = "partials/_chart.html"

    def __enter__(self):
        from django.template.engine import Engine

        self.original = Engine.get_template
        empty = {}

        def get_template(engine, name):
            if name == self.NAME:
                return empty.setdefault(engine, engine.from_string(""))
            return self.original(engine, name)

        Engine.get_template = get_template
        return self

    def __exit__(self, *exc):
        from django.template.engine import Engine

        Engine.get_template = self.original


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure(cards: int, list_runs: int, catalog_runs: int) -> dict:
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from benchmarks.data import build_world, card_specs, create_cards
    from budget_portal import charts
    from budget_portal.publications import REGISTRY
    from proposals.publications import catalog_params

    world = build_world()
    create_cards(world, card_specs(cards), release=True)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(world.finance)
    url = reverse("proposals:list", kwargs={"cycle_slug": world.cycle.slug})
    off = _WithoutCharts()

    def page() -> None:
        cache.clear()  # the table as the first reader after a card changed gets it
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    def page_off() -> None:
        with off:
            page()

    def page_drawn_anew() -> None:
        charts._DRAWN.clear()
        page()

    with_charts = client.get(url).content.decode()
    images = [
        src.replace("&amp;", "&")
        for src in re.findall(r'class="chart-image" src="([^"]+)"', with_charts)
    ]
    assert len(images) == 2, images

    def images_drawn_anew() -> None:
        charts._DRAWN.clear()
        for src in images:
            assert client.get(src).status_code == 200

    for warm_up in (page, page_off, images_drawn_anew):
        warm_up()
    runs: dict[str, list[float]] = {"list_without": [], "list_with": [], "images": []}
    for _ in range(list_runs):
        runs["list_without"].append(_timed(page_off))
        runs["list_with"].append(_timed(page_drawn_anew))
        runs["images"].append(_timed(images_drawn_anew))
    with off:
        cache.clear()
        html_off = client.get(url).content.decode()
    assert "chart-image" not in html_off and "<figure" not in html_off

    def catalog() -> None:
        charts._DRAWN.clear()
        pdf = REGISTRY["catalog"].render(world.cycle, catalog_params(), lambda pct: None)
        assert pdf.startswith(b"%PDF-")

    def catalog_off() -> None:
        with off:
            catalog()

    runs["catalog_without"], runs["catalog_with"] = [], []
    for _ in range(catalog_runs):
        runs["catalog_without"].append(_timed(catalog_off))
        runs["catalog_with"].append(_timed(catalog))
    medians = {k: statistics.median(v) for k, v in runs.items()}
    return {
        "cards": cards,
        "runs": runs,
        "medians": medians,
        "ratios": {
            "list": medians["list_with"] / medians["list_without"],
            "catalog": medians["catalog_with"] / medians["catalog_without"],
        },
    }


def table(result: dict) -> str:
    m, r, runs = result["medians"], result["ratios"], result["runs"]

    def each(key: str, scale: float, fmt: str) -> str:
        values = [v * scale for v in runs[key]]
        if len(values) > 9:  # the spread, not every run
            return f"{format(min(values), fmt)}–{format(max(values), fmt)} ({len(values)} runs)"
        return " / ".join(format(v, fmt) for v in values)

    def verdict(ratio: float) -> str:
        return "✅ PASS" if ratio <= CEILING else "❌ FAIL"

    rows = [
        (f"{result['cards']}-card list, signed in, without charts",
         f"{m['list_without'] * 1000:.0f} ms",
         each("list_without", 1000, ".0f"), "", "1.00", ""),
        ("… with its two charts (figure, description, table; the drawings linked)",
         f"{m['list_with'] * 1000:.0f} ms", each("list_with", 1000, ".0f"),
         f"≤ {CEILING:.2f}×", f"{r['list']:.3f}", verdict(r["list"])),
        ("the two drawings, fetched by the browser beside the page, drawn anew",
         f"{m['images'] * 1000:.0f} ms", each("images", 1000, ".0f"), "not the page's", "", ""),
        (f"{result['cards']}-card catalog PDF without charts", f"{m['catalog_without']:.1f} s",
         each("catalog_without", 1, ".1f"), "", "1.00", ""),
        ("… with its charts (the overview's two, inline)", f"{m['catalog_with']:.1f} s",
         each("catalog_with", 1, ".1f"), f"≤ {CEILING:.2f}×", f"{r['catalog']:.3f}",
         verdict(r["catalog"])),
    ]  # fmt: skip
    head = (
        f"Run {result['at']} on {result['backend']}, {result['cards']} released cards; "
        f"{result['versions']}. 1-minute load average {result['load_before']:.1f} → "
        f"{result['load_after']:.1f}.\n\n"
        "| case | median | each run | ceiling | ratio to without | result |\n"
        "|---|---:|---|---|---:|---|\n"
    )
    return head + "\n".join("| " + " | ".join(row) + " |" for row in rows) + "\n"


def write_readme(result: dict) -> None:
    text = README.read_text()
    block = f"{START}\n\n{table(result)}\n{END}"
    if START in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Charts\n\n" + block + "\n"
    README.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--list-runs", type=int, default=41)
    parser.add_argument("--catalog-runs", type=int, default=1)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-charts-"))
    load_before = os.getloadavg()[0]
    os.environ["ALLOWED_HOSTS"] = "127.0.0.1"  # the test client's host, production settings
    try:
        backend = _setup_django(tmp)
        result = measure(args.cards, args.list_runs, args.catalog_runs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    versions = _versions(backend)
    result.update(
        backend=backend,
        at=time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        load_before=load_before,
        load_after=os.getloadavg()[0],
        versions=", ".join(f"{k} {v}" for k, v in versions.items() if isinstance(v, str)),
    )
    print(table(result))
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"charts-{backend}.json").write_text(json.dumps(result, indent=2) + "\n")
        write_readme(result)


if __name__ == "__main__":
    main()
