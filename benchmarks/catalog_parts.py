"""Benchmark: the catalog in parts with two worker processes, beside the same catalog
rendered in one process, in the same run, on PostgreSQL.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_catalog \\
        .venv/bin/python benchmarks/catalog_parts.py --cards 500 [--cards 2000 --no-single]

The database (its name must contain "bench") is dropped and made anew; the cards are made as
finance makes them (benchmarks/data.py). Production settings (DEBUG off, collected static
files, the database task backend). One process: `manage.py render_publication catalog`.
In parts: the catalog is asked for as a reader asks for it (request_publication), and two
`manage.py run_worker` processes, started at that moment, take its jobs; the time runs until
the publication is "klar". Peak RSS is each process's own (wait4), workers included, the
processes started by a small launcher (see Launcher).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MIB = 1024


def environment(tmp: Path, database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "budget_portal.settings",
        "DATABASE_URL": database_url,
        "SECRET_KEY": "benchmark-only-" + os.urandom(8).hex(),
        "DEBUG": "False",
        "SECURE_SSL_REDIRECT": "False",
        "SITE_URL": "http://127.0.0.1:8000",
        "TASKS_BACKEND": "database",
        "MEDIA_ROOT": str(tmp / "media"),
        "STATIC_ROOT": str(tmp / "static"),
        "LOG_LEVEL": "WARNING",
        "WORKER_HEARTBEAT_SECONDS": "30",
    }


# Started first, while this process is small; it starts the measured processes and reaps them.
LAUNCHER = """
import json, os, subprocess, sys
children = {}  # kept: a Popen collected while its child runs would be reaped behind our back
for line in sys.stdin:
    message = json.loads(line)
    if "start" in message:
        # The replies are this process's stdout: the child writes to stderr instead.
        child = subprocess.Popen(
            message["start"], cwd=message["cwd"], env=message["env"],
            stdin=subprocess.DEVNULL, stdout=sys.stderr,
        )
        children[child.pid] = child
        reply = {"pid": child.pid}
    else:
        _pid, status, usage = os.wait4(message["wait"], 0)
        reply = {
            "rss_kib": usage.ru_maxrss,
            "cpu": usage.ru_utime + usage.ru_stime,
            "code": os.waitstatus_to_exitcode(status),
        }
    print(json.dumps(reply), flush=True)
"""


class Launcher:
    """Starts and reaps the measured processes from a process that stays small. A child of
    this process would not report its own peak: Python starts children with vfork, and Linux
    carries the parent's peak RSS over the exec into the child's ru_maxrss (after seeding 500
    cards, every worker read 540.9 MiB whatever it did)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-c", LAUNCHER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _ask(self, message: dict) -> dict:
        self.process.stdin.write(json.dumps(message) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def start(self, command: list[str], env: dict) -> int:
        return self._ask({"start": command, "cwd": str(ROOT), "env": env})["pid"]

    def wait(self, pid: int) -> tuple[float, float, int]:
        """(peak RSS MiB, CPU seconds, exit code) of the process PID, once it has ended."""
        reply = self._ask({"wait": pid})
        return reply["rss_kib"] / MIB, reply["cpu"], reply["code"]


def run_measured(
    launcher: Launcher, command: list[str], env: dict
) -> tuple[float, float, float, int]:
    """(wall seconds, peak RSS MiB, CPU seconds, exit code) of COMMAND as a child process."""
    start = time.perf_counter()
    pid = launcher.start(command, env)
    rss, cpu, code = launcher.wait(pid)
    return time.perf_counter() - start, rss, cpu, code


def seed(cards: int) -> tuple[int, str]:
    from benchmarks.data import build_world, card_specs, create_cards

    world = build_world()
    create_cards(world, card_specs(cards), release=True)
    return world.cycle.pk, world.cycle.slug


def pages_per_card(data: bytes) -> dict:
    """Pages of each card by its bookmark (level 2): what the 2.07 pages a card are."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    starts = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth == 1:
                starts.append(reader.get_destination_page_number(item))

    walk(reader.outline, 0)
    counts = [b - a for a, b in zip(starts, [*starts[1:], len(reader.pages)], strict=True)]
    histogram: dict[int, int] = {}
    for count in counts:
        histogram[count] = histogram.get(count, 0) + 1
    return {
        "pages": len(reader.pages),
        "cards": len(counts),
        "pages_per_card": sum(counts) / len(counts),
        "cards_by_pages": dict(sorted(histogram.items())),
    }


def in_parts(launcher: Launcher, cycle_id: int, env: dict, workers: int) -> dict:
    from budget_portal.models import BudgetCycle, Publication
    from budget_portal.publications import request_publication
    from proposals.publications import catalog_params

    cycle = BudgetCycle.objects.get(pk=cycle_id)
    start = time.perf_counter()
    publication = request_publication("catalog", cycle, catalog_params())
    worker = [sys.executable, "manage.py", "run_worker", "--interval", "0.2", "--no-startup-delay"]
    children = [launcher.start(worker, env) for _ in range(workers)]
    try:
        while True:
            publication.refresh_from_db()
            if publication.state in (Publication.State.DONE, Publication.State.FAILED):
                break
            time.sleep(0.2)
        seconds = time.perf_counter() - start
    finally:
        rss, cpu = [], []
        for pid in children:
            os.kill(pid, signal.SIGTERM)  # the workers this benchmark started, by their own id
            peak, seconds_cpu, _code = launcher.wait(pid)
            rss.append(peak)
            cpu.append(seconds_cpu)
    assert publication.state == Publication.State.DONE, publication.error
    with publication.file.open("rb") as f:
        data = f.read()
    return {
        "seconds": seconds,
        "worker_peak_rss_mib": rss,
        # Work done, whatever else the machine ran: on a loaded machine the wall time is not.
        "worker_cpu_seconds": cpu,
        "parts": publication.parts.count(),
        "bytes": len(data),
        **pages_per_card(data),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, action="append")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-single", action="store_true", help="only the parts")
    args = parser.parse_args()
    launcher = Launcher()
    database_url = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_catalog"
    )
    assert "bench" in database_url.rsplit("/", 1)[-1], "a throwaway bench database, please"
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import _fresh_postgres

    results = []
    for cards in args.cards or [500]:
        tmp = Path(tempfile.mkdtemp(prefix="bench-parts-"))
        env = environment(tmp, database_url)
        os.environ.update(env)
        _fresh_postgres(database_url)
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", verbosity=0)
        call_command("collectstatic", "--noinput", verbosity=0)
        cycle_id, slug = seed(cards)
        connections.close_all()
        load = [os.getloadavg()[0]]
        result: dict = {"cards": cards, "workers": args.workers}
        if not args.no_single:
            out = tmp / "single.pdf"
            seconds, rss, cpu, code = run_measured(
                launcher,
                [sys.executable, "manage.py", "render_publication", "catalog"]
                + ["--cycle", slug, "-o", str(out)],
                env,
            )
            assert code == 0
            result["single"] = {
                "seconds": seconds,
                "peak_rss_mib": rss,
                "cpu_seconds": cpu,
                **pages_per_card(out.read_bytes()),
            }
            load.append(os.getloadavg()[0])
        result["parts"] = in_parts(launcher, cycle_id, env, args.workers)
        load.append(os.getloadavg()[0])
        result["load_average"] = load
        if "single" in result:
            result["ratio"] = result["parts"]["seconds"] / result["single"]["seconds"]
        print(json.dumps(result, indent=1))
        results.append(result)
    out = HERE / "results" / "catalog_parts.json"
    out.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
