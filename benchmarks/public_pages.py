"""Public pages under load: requests per second and p50/p95 latency through gunicorn and
PostgreSQL, beside a plain Django page without queries on the same server (the ceiling).

    .venv/bin/python benchmarks/public_pages.py                   # writes the table in README.md
    .venv/bin/python benchmarks/public_pages.py --seconds 3 --no-write
    .venv/bin/python benchmarks/public_pages.py --client threads  # without wrk

A fresh PostgreSQL database (dropped and created anew; its name must contain "bench"), the
production settings of hearing_load.app_environment with a benchmark-only URLconf
(public_pages_settings.py, public_pages_urls.py: the portal's URLs plus /bench/plain/), the
site of hearing_load.prepare_site (migrated, static manifest, one open hearing), then 500
released cards made through the services (benchmarks/data.py). The hearing is moved into the
cards' cycle, with 10 cards in hearing and 20 published responses. The card list's query
count is taken at 50 and at 500 cards (Django's test client, in this process), anonymous (the
cached table), as a politician and as finance (signed in: never cached; finance sees every
card, drafts included).
Then gunicorn (sync workers; 3, as the Dockerfile's default) and, one page after the other,
--seconds of load each from wrk (Debian: `apt-get install wrk`) or, without it, from threads
of urllib. Exits non-zero when a page answers anything but 200 or the query counts differ.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from benchmarks.hearing_load import (  # noqa: E402 (the path above first)
    HEARING_SLUG,
    Gunicorn,
    app_environment,
    fetch,
    free_port,
    fresh_postgres,
    get_loop,
    load_average,
    machine,
    make_opener,
    prepare_site,
)

README = HERE / "README.md"
RESULTS = HERE / "results" / "public_pages.json"
START, END = "<!-- public-pages:start -->", "<!-- public-pages:end -->"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_public_pages"
SMALL_LIST = 50
CATALOG_BYTES = 5_063_932  # the 500-card catalog of benchmarks/run.py

# wrk reports p50/p90/p99 by itself; the done() hook gives any percentile, as one JSON line.
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p95_us": %d, '
    .. '"max_us": %d, "connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50),
    latency:percentile(95), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


# ---------------------------------------------------------------- data


def seed(cards: int) -> dict:
    """Cards, the hearing's material and responses; query counts. Returns the pages to load."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from benchmarks.data import build_world, card_specs, create_cards
    from benchmarks.public_pages_urls import PLAIN_PATH
    from budget_portal.models import Role
    from hearings.models import Hearing
    from hearings.services import Submission, publish_response, submit_response
    from proposals.models import Proposal

    def queries(path: str, user=None) -> int:
        return alone(path, times=1, user=user)["queries"]

    def alone(path: str, times: int, user=None) -> dict:
        """One request at a time in this process: the page's own cost, without gunicorn or
        other requests. Median of TIMES runs (after one untimed). A client of its own: whitenoise
        lists the static files when its first request comes, and the catalog's twin is new."""
        client = Client(HTTP_HOST="127.0.0.1")
        if user is not None:
            client.force_login(user)
        client.get(path)
        runs = []
        for _ in range(times):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                answer = client.get(path)
                wall = time.perf_counter() - start
            if answer.status_code != 200:
                raise SystemExit(f"{path}: {answer.status_code} in the test client")
            query_time = sum(float(q["time"]) for q in captured.captured_queries)
            runs.append((wall, query_time, len(captured)))
        wall, query_time, count = sorted(runs)[len(runs) // 2]
        return {"seconds": wall, "query_seconds": query_time, "queries": count}

    world = build_world()
    # A signed-in reader's list is never cached (drafts, access that can end): the rendering
    # every anonymous reader after the first is spared.
    politician = get_user_model().objects.create_user("bench-politiker", password=None)
    politician.groups.add(Group.objects.get_or_create(name=Role.POLITICIAN.value)[0])
    specs = card_specs(cards)
    card_list = reverse("proposals:list", kwargs={"cycle_slug": world.cycle.slug})
    create_cards(world, specs[:SMALL_LIST])
    readers = {"politician": politician, "finance": world.finance}
    list_small = {"anonymous": queries(card_list)}
    list_small |= {who: queries(card_list, user) for who, user in readers.items()}
    create_cards(world, specs[SMALL_LIST:])

    hearing = Hearing.objects.get(slug=HEARING_SLUG)
    hearing.cycle = world.cycle
    hearing.save()
    hearing.cards.set(Proposal.objects.filter(cycle=world.cycle).order_by("number")[:10])
    for n in range(1, 21):
        response, _ = submit_response(
            hearing,
            Submission(
                f"Borger {n}",
                "Grundejerforeningen Nord" if n % 4 == 0 else "",
                f"borger{n}@example.dk",
                f"Høringssvar nr. {n}. Svømmehallen er vigtig for skolerne og foreningerne. " * 4,
                True,
                list(hearing.cards.all()[: n % 3]),
                None,
                uuid.UUID(int=n),
            ),
            client_ip="192.0.2.1",
        )
        publish_response(response, by=world.finance)

    catalog, static_twin = stored_catalog(world.cycle)
    cookies = {}
    for who, user in readers.items():
        signed_in = Client(HTTP_HOST="127.0.0.1")
        signed_in.force_login(user)
        session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
        cookies[who] = f"{settings.SESSION_COOKIE_NAME}={session}"
    pages = [
        ("plain Django page, no queries (ceiling)", PLAIN_PATH, None),
        ("front page", "/", None),
        (f"card list, {cards} cards", card_list, None),
        (f"card list, {cards} cards, a politician signed in", card_list, "politician"),
        (f"card list, {cards} cards, finance signed in", card_list, "finance"),
        ("card page", reverse("proposals:detail", args=[world.cycle.slug, specs[0].number]), None),
        ("hearing page (10 cards, 20 responses)", f"/hoeringer/{HEARING_SLUG}/", None),
        ("catalog PDF from storage (4.8 MiB, a finished render)", catalog, None),
        ("the same bytes as a static file (whitenoise)", static_twin, None),
    ]
    costs = {
        page_key(path, who): alone(path, times=5, user=readers.get(who)) for _, path, who in pages
    }
    connection.close()
    return {
        "pages": pages,
        "alone": costs,
        "list_queries": {
            who or "anonymous": {
                SMALL_LIST: list_small[who or "anonymous"],
                cards: costs[page_key(card_list, who)]["queries"],
            }
            for who in (None, *readers)
        },
        "cookies": cookies,
        "usernames": {w: u.get_full_name() or u.get_username() for w, u in readers.items()},
        "card_list": card_list,
        "last_card": specs[-1].number,
    }


def stored_catalog(cycle) -> tuple[str, str]:
    """A finished public catalog of the 500-card size, stored as a render leaves it, and the
    same bytes as a static file. Serving does not look inside, so the bytes are random after
    a PDF header (a real render takes 2.5 min and is measured in benchmarks/run.py)."""
    from django.conf import settings
    from django.core.files.base import ContentFile
    from django.urls import reverse

    from budget_portal.models import Publication
    from proposals.publications import catalog_params

    body = b"%PDF-1.7\n" + os.urandom(CATALOG_BYTES - 9)
    publication = Publication(kind="catalog", cycle=cycle, params=catalog_params(),
                              fingerprint=uuid.uuid4().hex, title="Forslagskatalog",
                              state=Publication.State.DONE, size=len(body))  # fmt: skip
    publication.file.save("katalog-bench.pdf", ContentFile(body), save=False)
    publication.save()
    (Path(settings.STATIC_ROOT) / "bench-katalog.pdf").write_bytes(body)
    return (
        reverse("publication_file", args=[publication.fingerprint]),
        settings.STATIC_URL + "bench-katalog.pdf",
    )


# ---------------------------------------------------------------- load


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def self_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def page_key(path: str, who: str | None) -> str:
    return f"{path} (signed in as {who})" if who else path


def cookie_header(cookie: str | None) -> dict | None:
    return {"Cookie": cookie} if cookie else None


def load_wrk(url: str, seconds: float, connections: int, script: Path, cookie=None) -> dict:
    cpu = children_cpu()
    command = ["wrk", "-t", "1", "-c", str(connections), "-d", f"{seconds:g}s"]
    command += ["-H", f"Cookie: {cookie}"] if cookie else []
    command += ["--timeout", "30s", "-s", str(script), url]
    out = subprocess.run(  # noqa: S603 (wrk from PATH, fixed arguments)
        command, capture_output=True, text=True, check=True, timeout=seconds + 120
    )
    line = next(line for line in out.stdout.splitlines() if line.startswith("RESULT "))
    data = json.loads(line.removeprefix("RESULT "))
    wall = data["duration_us"] / 1e6
    errors = {k: data[k] for k in ("connect", "read", "write", "status", "timeout") if data[k]}
    return {
        "requests": data["requests"],
        "wall": wall,
        "rps": data["requests"] / wall,
        "latency": {k: data[f"{k}_us"] / 1e6 for k in ("p50", "p95", "max")},
        "errors": sum(errors.values()),
        "error_kinds": errors,
        "client_cpu": children_cpu() - cpu,
    }


def load_threads(url: str, seconds: float, connections: int, cookie=None) -> dict:
    """Threads of urllib in this process (hearing_load.get_loop), when wrk is not at hand."""
    cpu = self_cpu()
    result = get_loop(url, connections, seconds=seconds, headers=cookie_header(cookie))
    result["client_cpu"] = self_cpu() - cpu
    return result


def warm_up(server: Gunicorn, seeded: dict, times: int) -> dict[str, int]:
    """Every worker renders every page before anything is timed. Returns each page's size."""
    sizes = {}
    opener = make_opener()
    for _, path, who in seeded["pages"]:
        cookie = seeded["cookies"].get(who)
        for _ in range(times):
            reply = fetch(opener, server.url(path), headers=cookie_header(cookie))
            if reply.status != 200:
                raise SystemExit(f"warm-up: {path} answered {reply.status} {reply.error}")
            if who and seeded["usernames"][who].encode() not in reply.body:
                raise SystemExit(f"warm-up: {path} was not answered as {who} signed in")
        sizes[page_key(path, who)] = len(reply.body)
    card_list = fetch(opener, server.url(seeded["card_list"])).body.decode()
    if seeded["last_card"] not in card_list:
        raise SystemExit(f"the card list does not show card {seeded['last_card']}")
    return sizes


# ---------------------------------------------------------------- report


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def memory_gib() -> str:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return "?"
    total_kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
    return f"{total_kib / 1024**2:.0f} GiB"


def results_table(run: dict) -> str:
    info, pages = run["info"], run["pages"]
    ceiling = pages[0]["rps"]
    m = info["machine"]
    lines = [
        f"Run of {info['date']} on {m['cores']} cores ({m['cpu']}), {info['memory']} RAM, "
        f"{m['system']}; {info['postgres']} on 127.0.0.1; Python {m['python']}, "
        f"Django {info['django']}, gunicorn {info['gunicorn']} with {info['workers']} sync "
        f"workers; client {info['client']} with {info['connections']} connections, "
        f"{info['seconds']:g} s per page, one page after the other, on the same machine. "
        f"Load average (1 min) {info['load_before']:.2f} before, {info['load_after']:.2f} after.",
        "",
        "| page | queries | size | one request alone (of which queries) | requests/s | "
        "of the ceiling | p50 | p95 | max | errors | client CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for page in pages:
        lines.append(
            f"| {page['name']} (`{page['path']}`) | {page['queries']} | "
            f"{page['bytes'] / 1024:,.1f} KiB | "
            f"{ms(page['seconds'])} ({ms(page['query_seconds'])}) | **{page['rps']:,.1f}** | "
            f"{page['rps'] / ceiling:.1%} | {ms(page['latency']['p50'])} | "
            f"{ms(page['latency']['p95'])} | {ms(page['latency']['max'])} | "
            f"{page['errors']} | {page['client_cpu']:.1f} s |"
        )
    lines.append("")
    for who, counts in run["list_queries"].items():
        small, large = sorted(counts, key=int)
        same = counts[small] == counts[large]
        lines.append(
            f"Card list queries ({who}): {counts[small]} at {small} cards, "
            f"{counts[large]} at {large} cards: "
            + ("equal ✅" if same else "**they differ** ❌")
            + "  "
        )
    return "\n".join(lines).rstrip()


def write_readme(table: str) -> None:
    text = README.read_text()
    head, start, rest = text.partition(START)
    _old, end, tail = rest.partition(END)
    if not (start and end):
        raise SystemExit(f"{README} needs the markers {START} and {END}")
    README.write_text(f"{head}{START}\n\n{table}\n\n{END}{tail}")


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=500, help="released cards (500)")
    parser.add_argument("--seconds", type=float, default=10, help="of load per page (10)")
    parser.add_argument("--connections", type=int, default=6, help="at a time (6)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (3)")
    parser.add_argument(
        "--client",
        choices=["auto", "wrk", "threads"],
        default="auto",
        help="wrk when it is on PATH (auto), else threads of urllib in this process",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_PUBLIC_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database to DROP and create (its name must contain 'bench')",
    )
    parser.add_argument("--no-write", action="store_true", help="leave README.md alone")
    parser.add_argument(
        "--only",
        default="",
        help="load only the pages whose name holds one of these comma-separated words "
        "(the ceiling always: 'card list')",
    )
    args = parser.parse_args(argv)
    if args.cards <= SMALL_LIST:
        parser.error(f"--cards must be more than {SMALL_LIST}")
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "threads"
    if client == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not on PATH (Debian: apt-get install wrk), or use --client threads")

    tmp = Path(tempfile.mkdtemp(prefix="public-pages-"))
    port = free_port()
    env = app_environment(
        args.database_url, tmp, port, "django.core.mail.backends.locmem.EmailBackend"
    )
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.public_pages_settings"
    print(f"database {args.database_url} (dropped and created), temp dir {tmp}", flush=True)
    fresh_postgres(args.database_url)
    setup_start = time.perf_counter()
    facts = prepare_site(env)
    seeded = seed(args.cards)
    print(f"site and {args.cards} cards made in {time.perf_counter() - setup_start:.0f} s")
    print(f"card list queries: {seeded['list_queries']}", flush=True)

    import django
    import gunicorn

    client_name = client
    if client == "wrk":
        version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)  # noqa: S607
        client_name = f"wrk {(version.stdout or version.stderr).split()[1]}"
    script = tmp / "percentiles.lua"
    script.write_text(WRK_SCRIPT)
    server = Gunicorn(env, port, args.workers, tmp / "gunicorn.log")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    load_before = load_average()
    results = []
    try:
        server.start()
        sizes = warm_up(server, seeded, times=args.workers * 3)
        for name, path, who in seeded["pages"]:
            wanted = not args.only or any(word in name for word in args.only.split(","))
            if not wanted and path != seeded["pages"][0][1]:  # the ceiling always
                continue
            url, key, cookie = server.url(path), page_key(path, who), seeded["cookies"].get(who)
            if client == "wrk":
                result = load_wrk(url, args.seconds, args.connections, script, cookie)
            else:
                result = load_threads(url, args.seconds, args.connections, cookie)
            result.update(name=name, path=path, bytes=sizes[key], **seeded["alone"][key])
            results.append(result)
            print(
                f"{name}: {result['rps']:,.1f}/s, p50 {ms(result['latency']['p50'])}, "
                f"p95 {ms(result['latency']['p95'])}, errors {result['errors']}",
                flush=True,
            )
    finally:
        server.stop()
    load_after = load_average()

    run = {
        "pages": results,
        "list_queries": seeded["list_queries"],
        "info": {
            "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "machine": machine(),
            "memory": memory_gib(),
            "postgres": facts["postgres"],
            "django": django.get_version(),
            "gunicorn": gunicorn.__version__,
            "workers": args.workers,
            "client": client_name,
            "connections": args.connections,
            "seconds": args.seconds,
            "cards": args.cards,
            "load_before": load_before,
            "load_after": load_after,
        },
    }
    table = results_table(run)
    print()
    print(table)
    if not args.no_write:
        RESULTS.write_text(json.dumps(run, indent=1, ensure_ascii=False) + "\n")
        write_readme(table)
        print(f"\nwrote {README.relative_to(HERE.parent)} and {RESULTS.relative_to(HERE.parent)}")
    shutil.rmtree(tmp, ignore_errors=True)
    differ = any(len(set(c.values())) > 1 for c in seeded["list_queries"].values())
    failed = any(r["errors"] for r in results) or differ
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
