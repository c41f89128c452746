"""CPU time of one request in this process (Django's test client, no gunicorn, no network):
the 500-card list anonymous (the whole page from the shared cache) and as finance (the table
from the shared cache, the rest of the page rendered), and a hearing POST (with the database
task backend, as in production, the receipt's delivery is queued for the worker). A steadier
figure than requests per second on a shared machine: only this process's CPU is counted.

    .venv/bin/python benchmarks/request_cpu.py --fresh      # make the database first (about 30 s)
    .venv/bin/python benchmarks/request_cpu.py --requests 100

The database (default postgres://postgres@127.0.0.1:5432/bench_request_cpu, its name must
contain "bench") is made with --fresh as benchmarks/public_pages.py makes its own: migrate, the
open hearing, 500 released cards through the services. Without --fresh the one there is used.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks.hearing_load import (  # noqa: E402 (the path above first)
    HEARING_SLUG,
    app_environment,
    fresh_postgres,
    prepare_site,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_request_cpu"


def cpu_per_request(call, requests: int) -> float:
    call()  # untimed: caches, compiled templates
    start = time.process_time()
    for _ in range(requests):
        call()
    return (time.process_time() - start) / requests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--fresh", action="store_true", help="DROP, create and seed it first")
    parser.add_argument("--requests", type=int, default=50, help="timed requests per case (50)")
    parser.add_argument(
        "--tasks",
        choices=["database", "immediate"],
        default="database",
        help="database (production's default): the POST queues the receipt's delivery for a "
        "worker; immediate: it is delivered in the request",
    )
    args = parser.parse_args(argv)
    if "bench" not in args.database_url.rsplit("/", 1)[-1]:
        parser.error("the database name must contain 'bench'")
    tmp = Path(tempfile.gettempdir()) / f"request-cpu-{Path(args.database_url).name}"
    tmp.mkdir(exist_ok=True)
    env = app_environment(
        args.database_url, tmp, 8000, "django.core.mail.backends.locmem.EmailBackend", args.tasks
    )
    if args.fresh:
        fresh_postgres(args.database_url)
        prepare_site(env)
        from benchmarks.data import build_world, card_specs, create_cards

        create_cards(build_world(), card_specs(500))
    else:
        os.environ.update(env)
        import django

        django.setup()
    logging.disable(logging.INFO)  # one JSON line per request otherwise
    from django.contrib.auth import get_user_model
    from django.test import Client

    from budget_portal.models import BudgetCycle

    cycle = BudgetCycle.objects.filter(proposals__isnull=False).distinct().get()
    card_list = f"/budget/{cycle.slug}/forslag/"
    finance = get_user_model().objects.get(username="okonomi-bench")
    anonymous, signed_in = Client(HTTP_HOST="127.0.0.1"), Client(HTTP_HOST="127.0.0.1")
    signed_in.force_login(finance)

    def get(client):
        assert client.get(card_list).status_code == 200

    hearing = f"/hoeringer/{HEARING_SLUG}/"
    citizen = Client(HTTP_HOST="127.0.0.1")
    forms = []
    for _ in range(args.requests + 1):  # each POST its own form (submission_key)
        page = citizen.get(hearing).content.decode()
        key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
        forms.append({"name": "Borger", "organisation": "", "email": "b@example.dk",
                      "text": "Svømmehallen er vigtig for skolerne. " * 6, "consent": "on",
                      "website": "", "submission_key": key})  # fmt: skip

    def submit():
        assert citizen.post(hearing, forms.pop()).status_code == 302

    for name, call in (
        ("card list, 500 cards, anonymous (whole page cached)", lambda: get(anonymous)),
        ("card list, 500 cards, finance signed in (table cached)", lambda: get(signed_in)),
        (f"hearing POST (stored, receipt queued; tasks {args.tasks})", submit),
    ):
        print(f"{name}: {cpu_per_request(call, args.requests) * 1000:.1f} ms CPU per request")
    print(f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
