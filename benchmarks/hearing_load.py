"""Load benchmark: many citizens send hearing responses at the same moment, through gunicorn.

    .venv/bin/python benchmarks/hearing_load.py               # 3 rounds of 200; HEARING_LOAD.md
    .venv/bin/python benchmarks/hearing_load.py --clients 1000 --rounds 1 --no-write
    .venv/bin/python benchmarks/hearing_load.py --email-backend console   # also count the mails

A fresh PostgreSQL database (dropped and created anew), one open hearing, gunicorn with the
production settings on a free loopback port, then rounds of N clients in threads: each GETs the
hearing page (CSRF cookie, hidden submission_key) and, when all have their forms, POSTs its
response at the same moment as the others; every --double-every'th client POSTs the very same
form twice at once (two threads, one submission_key). Afterwards the database must hold exactly
one response per accepted submission_key, numbered 1..N without gaps. Ceilings with the same
gunicorn: a plain GET of "/", and after each round the same burst of new clients POSTing their
forms to /bench/plain-post/ (CSRF check, multipart parsed, a redirect; no query). Exits
non-zero when a check fails. See HEARING_LOAD.md.
"""

from __future__ import annotations

import argparse
import html.parser
import http.client
import http.cookiejar
import os
import platform
import re
import resource
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPORT = HERE / "HEARING_LOAD.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_hearing_load"
HEARING_SLUG = "belastningsproeve"
# The ceiling a hearing POST is measured against (benchmarks/public_pages_urls.py).
PLAIN_POST_PATH = "/bench/plain-post/"
REQUEST_TIMEOUT = 120.0


# ---------------------------------------------------------------- database and Django


def fresh_postgres(url: str) -> None:
    """Drop and create the database named in URL (connecting to "postgres" on that server)."""
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if not name or name == "postgres" or "bench" not in name:
        raise SystemExit(f"refusing to drop {name!r}: the database name must contain 'bench'")
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def app_environment(
    database_url: str, tmp: Path, port: int, email_backend: str, tasks: str = "immediate"
) -> dict:
    """Production settings for the benchmark: the parent's Django and gunicorn share them.
    TASKS: "database" as in production (a worker process delivers the mail), or "immediate"
    (the delivery runs in the request, after its commit)."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="budget_portal.settings",
        DATABASE_URL=database_url,
        SECRET_KEY="benchmark-only-" + secrets.token_hex(16),
        DEBUG="False",
        SECURE_SSL_REDIRECT="False",
        SECURE_COOKIES="False",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        TASKS_BACKEND=tasks,
        EMAIL_BACKEND=email_backend,
        HEARING_RESPONSES_PER_HOUR="0",
        MEDIA_ROOT=str(tmp / "media"),
        STATIC_ROOT=str(tmp / "static"),
        SITE_URL=f"http://127.0.0.1:{port}",
    )
    return env


def prepare_site(env: dict) -> dict:
    """Migrate, write a static manifest, create the open hearing. Returns facts for the report."""
    os.environ.update(env)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from budget_portal.models import BudgetCycle
    from hearings.models import Hearing

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # as the container's entrypoint does
    # With DEBUG off, {% static %} needs the manifest. The plain manifest storage writes the
    # same staticfiles.json as the compressing one gunicorn uses, without the 30 s of gzip and
    # brotli: pages render, and static files themselves are not part of this benchmark.
    manifest = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": manifest},
        }
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    now = timezone.now()
    cycle = BudgetCycle.objects.create(
        municipality="Belastning Kommune",
        name="Budget 2026-2029",
        slug="belastning-2026",
        first_year=2026,
        price_year=2026,
    )
    Hearing.objects.create(
        cycle=cycle,
        slug=HEARING_SLUG,
        title="Høring om effektiviseringskataloget",
        text="Kataloget er i høring. Send dit svar inden fristen.",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(days=1),
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        server = cursor.fetchone()[0].split(" on ")[0]
    connection.close()
    return {"postgres": server}


def rolled_back(url: str) -> int:
    """Transactions rolled back in the database so far (pg_stat_database). In this run only
    submit_response rolls back: when the unique constraint stops the second of a double
    submit that passed the "already stored?" look-up at the same moment as the first."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        row = conn.execute(
            "SELECT xact_rollback FROM pg_stat_database WHERE datname = %s", [name]
        ).fetchone()
    return int(row[0]) if row else 0


# ---------------------------------------------------------------- gunicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def launch(command: list[str], env: dict, log_path: Path) -> subprocess.Popen:
    """COMMAND in ROOT, in a process group of its own, its output appended to LOG_PATH."""
    with log_path.open("ab") as log:
        return subprocess.Popen(  # noqa: S603 (our own interpreter, fixed arguments)
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


class TaskWorker:
    """`manage.py run_worker` beside gunicorn, as in production: it takes the deliveries the
    requests queue. Its output goes to the gunicorn log, so the mail and error checks read it."""

    def __init__(self, env: dict, log_path: Path):
        self.env, self.log_path = env, log_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        command = [sys.executable, "manage.py", "run_worker", "--interval", "0.2"]
        command.append("--no-startup-delay")
        self.proc = launch(command, self.env, self.log_path)

    def drain(self, wait: float = 300.0) -> float:
        """Seconds until the outbox holds no unsent mail (or WAIT has passed)."""
        from django.db import connection

        from budget_portal.models import OutboxMessage

        start = time.monotonic()
        while time.monotonic() - start < wait:
            if not OutboxMessage.objects.filter(sent_at__isnull=True).exists():
                break
            time.sleep(0.2)
        connection.close()
        return time.monotonic() - start

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()


class Gunicorn:
    """gunicorn budget_portal.wsgi as a subprocess in its own process group; stop() always."""

    def __init__(self, env: dict, port: int, workers: int, log_path: Path):
        self.env, self.port, self.workers, self.log_path = env, port, workers, log_path
        self.proc: subprocess.Popen | None = None

    def start(self, wait: float = 90.0) -> None:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "budget_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.workers),
            "--chdir",
            str(ROOT),
            "--timeout",
            "120",
            "--error-logfile",
            "-",
            "--no-control-socket",  # gunicorn 27 would put one in ~/.gunicorn
        ]
        self.proc = launch(command, self.env, self.log_path)
        deadline = time.monotonic() + wait
        opener = make_opener()
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited with {self.proc.returncode}; see {self.log_path}"
                )
            status = fetch(opener, self.url("/"), timeout=5).status
            if status == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {wait:.0f} s; see {self.log_path}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)  # the group we started, nothing else
            self.proc.wait(timeout=10)


# ---------------------------------------------------------------- HTTP client


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Hand the 302 back to the caller: its Location is the receipt."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def make_opener(jar: http.cookiejar.CookieJar | None = None) -> urllib.request.OpenerDirector:
    handlers: list = [urllib.request.ProxyHandler({}), _NoRedirect()]  # loopback only, no proxy
    if jar is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers)


@dataclass
class Reply:
    status: int  # 0: no HTTP answer (connection refused, reset, timeout)
    location: str
    body: bytes
    seconds: float
    error: str = ""


def fetch(
    opener: urllib.request.OpenerDirector,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict | None = None,
    timeout: float = REQUEST_TIMEOUT,
) -> Reply:
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=timeout) as answer:
            body = answer.read()
            return Reply(answer.status, "", body, time.perf_counter() - start)
    except urllib.error.HTTPError as exc:  # 3xx (not followed), 4xx, 5xx
        with exc:
            body = exc.read()
        location = exc.headers.get("Location", "") if exc.headers else ""
        return Reply(exc.code, location, body, time.perf_counter() - start)
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
        return Reply(0, "", b"", time.perf_counter() - start, error)


def post(connection: http.client.HTTPConnection, path: str, body: bytes, headers: dict) -> Reply:
    """POST on a connection opened beforehand; the time is from sending to the last byte."""
    start = time.perf_counter()
    try:
        connection.request("POST", path, body=body, headers=headers)
        with connection.getresponse() as answer:
            data = answer.read()
            location = answer.getheader("Location", "")
            return Reply(answer.status, location, data, time.perf_counter() - start)
    except (OSError, http.client.HTTPException) as exc:
        error = f"{type(exc).__name__}: {exc}"
        return Reply(0, "", b"", time.perf_counter() - start, error)
    finally:
        connection.close()


class _FormInputs(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attributes = dict(attrs)
            if attributes.get("name"):
                self.values.setdefault(attributes["name"], attributes.get("value") or "")


def form_inputs(page: bytes) -> dict[str, str]:
    parser = _FormInputs()
    parser.feed(page.decode("utf-8", "replace"))
    return parser.values


def multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    """The body a browser sends for this form (enctype multipart, an empty file input)."""
    boundary = "----BenchBoundary" + secrets.token_hex(12)
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="attachment"; filename=""\r\n'
        "Content-Type: application/octet-stream\r\n\r\n\r\n"
    )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode(), f"multipart/form-data; boundary={boundary}"


# ---------------------------------------------------------------- the load


@dataclass
class Client:
    number: int
    shots: int  # POSTs of the same form at the same moment: 1, or 2 for a double submit
    opener: urllib.request.OpenerDirector = field(init=False)
    jar: http.cookiejar.CookieJar = field(default_factory=http.cookiejar.CookieJar)
    form_ready: threading.Event = field(default_factory=threading.Event)
    key: str = ""
    body: bytes = b""
    content_type: str = ""
    headers: dict = field(default_factory=dict)
    connections: list[http.client.HTTPConnection] = field(default_factory=list)
    get: Reply | None = None
    posts: list[Reply] = field(default_factory=list)
    problem: str = ""

    def __post_init__(self) -> None:
        self.opener = make_opener(self.jar)


def _csrf_cookie(jar: http.cookiejar.CookieJar) -> str:
    return next((cookie.value or "" for cookie in jar if cookie.name == "csrftoken"), "")


def run_hearing_load(
    server: Gunicorn, clients: int, double_every: int, first: int = 0, post_path: str = ""
) -> dict:
    """One round: CLIENTS new citizens (numbered from FIRST + 1), all POSTing at one moment.
    POST_PATH (the plain POST ceiling) takes the same forms instead of the hearing page."""
    page_path = f"/hoeringer/{HEARING_SLUG}/"
    post_path = post_path or page_path
    page_url = server.url(page_path)
    receipt_path = re.compile(rf"^/hoeringer/{HEARING_SLUG}/kvittering/([^/]+)/$")
    crowd = [
        Client(first + i, 2 if double_every and i % double_every == 0 else 1)
        for i in range(1, clients + 1)
    ]
    total_shots = sum(c.shots for c in crowd)
    lock = threading.Lock()
    moments: dict[str, float] = {}
    post_ends: list[float] = []
    get_ends: list[float] = []

    def release() -> None:  # runs once, when every POSTing thread is at the barrier
        moments["post_start"] = time.perf_counter()

    gets_done = threading.Barrier(total_shots, timeout=REQUEST_TIMEOUT * 3)
    posts_go = threading.Barrier(total_shots, action=release, timeout=REQUEST_TIMEOUT * 3)

    def get_form(client: Client) -> None:
        client.get = fetch(client.opener, page_url)
        with lock:
            get_ends.append(time.perf_counter())
        inputs = form_inputs(client.get.body) if client.get.status == 200 else {}
        token = inputs.get("csrfmiddlewaretoken", "")
        client.key = inputs.get("submission_key", "")
        if client.get.status != 200:
            client.problem = f"GET {client.get.status} {client.get.error}".strip()
        elif not (token and client.key and _csrf_cookie(client.jar)):
            client.problem = "GET: no csrftoken cookie, csrf token or submission_key"
        else:
            fields = {
                "csrfmiddlewaretoken": token,
                "submission_key": client.key,
                "name": f"Borger {client.number}",
                "organisation": "Grundejerforeningen Nord" if client.number % 4 == 0 else "",
                "email": f"borger{client.number}@example.dk",
                "text": (
                    f"Høringssvar nr. {client.number} fra belastningsprøven. "
                    "Svømmehallen er vigtig for skolerne og foreningerne i byen. " * 3
                ),
                "consent": "on",
                "website": "",
                "hearing": HEARING_SLUG,  # for the plain POST; the hearing form ignores it
            }
            client.body, client.content_type = multipart(fields)

    def connect(client: Client) -> None:
        """Open the POST connections: a double submit's two one after the other, so they sit
        side by side in gunicorn's accept queue and meet in the server. Only after every GET:
        a sync worker that accepts a connection waits for its request and serves nothing else."""
        probe = urllib.request.Request(page_url)  # noqa: S310
        client.jar.add_cookie_header(probe)
        client.headers = {
            "Content-Type": client.content_type,
            "Cookie": probe.get_header("Cookie") or "",
        }
        for _ in range(client.shots):
            connection = http.client.HTTPConnection("127.0.0.1", server.port, REQUEST_TIMEOUT)
            connection.connect()
            client.connections.append(connection)

    def step(client: Client, action) -> None:
        try:
            action(client)
        except Exception as exc:  # connection refused and the like: this client fails
            with lock:
                client.problem = client.problem or f"{type(exc).__name__}: {exc}"

    def shoot(client: Client, shot: int) -> None:
        try:
            if shot == 0:
                step(client, get_form)
            gets_done.wait()
            if shot == 0:
                if not client.problem:
                    step(client, connect)
                client.form_ready.set()
            else:
                client.form_ready.wait(REQUEST_TIMEOUT * 2)
            posts_go.wait()
        except threading.BrokenBarrierError:
            with lock:
                client.problem = client.problem or "barrier broken"
            return
        if client.problem or len(client.connections) <= shot:
            return
        reply = post(client.connections[shot], post_path, client.body, client.headers)
        with lock:
            client.posts.append(reply)
            post_ends.append(time.perf_counter())

    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    threads = [
        threading.Thread(target=shoot, args=(client, shot), daemon=True)
        for client in crowd
        for shot in range(client.shots)
    ]
    get_start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)

    # Outcomes per client: a POST is accepted when it is the 302 to this hearing's receipt.
    accepted: dict[str, set[str]] = {}
    post_latencies, errors, twin_problems = [], [], []
    for client in crowd:
        if client.problem:
            errors.append(f"client {client.number}: {client.problem}")
        receipts = []
        for reply in client.posts:
            post_latencies.append(reply.seconds)
            path = urllib.parse.urlsplit(reply.location).path
            match = receipt_path.match(path) if reply.status == 302 else None
            if match:
                receipts.append(match.group(1))
            else:
                snippet = reply.body[:200].decode("utf-8", "replace").split("\n")[0]
                detail = reply.error or reply.location or snippet
                errors.append(f"client {client.number}: POST {reply.status} {detail}".strip())
        if receipts:
            accepted.setdefault(client.key, set()).update(receipts)
        if client.shots == 2 and len(set(receipts)) > 1:
            twin_problems.append(f"client {client.number}: two receipts {sorted(set(receipts))}")
    post_start = moments.get("post_start", time.perf_counter())
    post_wall = (max(post_ends) - post_start) if post_ends else 0.0
    get_wall = (max(get_ends) - get_start) if get_ends else 0.0
    get_latencies = [c.get.seconds for c in crowd if c.get is not None]
    return {
        "clients": clients,
        "double_submitters": sum(1 for c in crowd if c.shots == 2),
        "posts": len(post_latencies),
        "gets": len(get_latencies),
        "get_wall": get_wall,
        "get_rate": len(get_latencies) / get_wall if get_wall else 0.0,
        "get_seconds": get_latencies,
        "post_wall": post_wall,
        "rate": len(accepted) / post_wall if post_wall else 0.0,
        "post_seconds": post_latencies,
        "accepted": accepted,
        "errors": errors,
        "twin_problems": twin_problems,
        "client_cpu": (cpu_after.ru_utime + cpu_after.ru_stime)
        - (cpu_before.ru_utime + cpu_before.ru_stime),
    }


def combine(rounds: list[dict]) -> dict:
    """The rounds together: sums, pooled latencies, each round's rate (and their median)."""
    accepted: dict[str, set[str]] = {}
    for one in rounds:
        accepted.update(one["accepted"])
    return {
        "rounds": len(rounds),
        "clients": rounds[0]["clients"],
        "double_submitters": sum(r["double_submitters"] for r in rounds),
        "posts": sum(r["posts"] for r in rounds),
        "gets": sum(r["gets"] for r in rounds),
        "post_walls": [r["post_wall"] for r in rounds],
        "rates": [r["rate"] for r in rounds],
        "get_rates": [r["get_rate"] for r in rounds],
        "post_latency": summarize([s for r in rounds for s in r["post_seconds"]]),
        "get_latency": summarize([s for r in rounds for s in r["get_seconds"]]),
        "accepted": accepted,
        "errors": [e for r in rounds for e in r["errors"]],
        "twin_problems": [p for r in rounds for p in r["twin_problems"]],
        "client_cpu": sum(r["client_cpu"] for r in rounds),
    }


def run_front_page(server: Gunicorn, requests: int, concurrency: int) -> dict:
    """Closed loop: CONCURRENCY threads GET "/" until REQUESTS answers are in."""
    return get_loop(server.url("/"), concurrency, requests=requests)


def get_loop(
    url: str,
    concurrency: int,
    *,
    requests: int | None = None,
    seconds: float | None = None,
    headers: dict | None = None,
) -> dict:
    """Closed loop: CONCURRENCY threads GET URL, each as soon as its last answer is in, until
    REQUESTS answers are in or SECONDS have passed."""
    remaining = iter(range(requests)) if requests is not None else None
    deadline = time.perf_counter() + seconds if seconds is not None else None
    lock = threading.Lock()
    replies: list[Reply] = []

    def worker() -> None:
        opener = make_opener()
        while True:
            if deadline is not None and time.perf_counter() >= deadline:
                return
            if remaining is not None:
                with lock:
                    if next(remaining, None) is None:
                        return
            reply = fetch(opener, url, headers=headers)
            reply.body = b""
            with lock:
                replies.append(reply)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    bad = Counter(f"{r.status} {r.error}".strip() for r in replies if r.status != 200)
    return {
        "requests": len(replies),
        "concurrency": concurrency,
        "wall": wall,
        "rps": len(replies) / wall if wall else 0.0,
        "latency": summarize([r.seconds for r in replies]),
        "errors": sum(bad.values()),
        "error_kinds": dict(bad),
    }


def warm_up(server: Gunicorn, rounds: int) -> None:
    """The first request of each worker compiles templates; not part of any measurement."""
    urls = [server.url("/"), server.url(f"/hoeringer/{HEARING_SLUG}/")]
    threads = [
        threading.Thread(target=fetch, args=(make_opener(), url), daemon=True)
        for _ in range(rounds)
        for url in urls
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def summarize(seconds: list[float]) -> dict:
    if not seconds:
        return {"p50": 0.0, "p95": 0.0, "max": 0.0}
    ordered = sorted(seconds)
    p95 = statistics.quantiles(ordered, n=100, method="inclusive")[94] if len(ordered) > 1 else 0
    return {"p50": statistics.median(ordered), "p95": p95 or ordered[0], "max": ordered[-1]}


# ---------------------------------------------------------------- checks


def check_database(load: dict) -> tuple[list[tuple[str, bool, str]], dict]:
    """Exactly once, numbered 1..N: what the database holds against what the clients saw."""
    from django.db import connection

    from budget_portal.models import OutboxMessage
    from hearings.models import Hearing, Response

    hearing = Hearing.objects.get(slug=HEARING_SLUG)
    rows = list(
        Response.objects.filter(hearing=hearing).values_list("submission_key", "number", "receipt")
    )
    accepted = load["accepted"]
    keys = Counter(str(key) for key, _, _ in rows)
    twins = {key: n for key, n in keys.items() if n > 1}
    numbers = sorted(number for _, number, _ in rows)
    expected = list(range(1, len(rows) + 1))
    stored = {str(key): receipt for key, _, receipt in rows}
    wrong_receipts = [
        key for key, receipts in accepted.items() if receipts != {stored.get(key, "(none)")}
    ]
    duplicate_numbers = [n for n, count in Counter(numbers).items() if count > 1]
    missing_numbers = sorted(set(expected) - set(numbers))
    outbox = OutboxMessage.objects.count()
    unsent = OutboxMessage.objects.filter(sent_at__isnull=True).count()
    checks = [
        (
            "Response rows = distinct accepted submission keys",
            len(rows) == len(accepted),
            f"{len(rows)} rows, {len(accepted)} keys",
        ),
        (
            "no submission_key stored twice",
            not twins,
            f"{len(twins)} keys stored more than once" if twins else "none",
        ),
        (
            "numbers are 1..N, no gaps or twins",
            numbers == expected,
            "ok"
            if numbers == expected
            else f"duplicates {duplicate_numbers[:10]}, missing {missing_numbers[:10]}",
        ),
        (
            "every accepted POST got its response's receipt",
            not wrong_receipts,
            f"{len(wrong_receipts)} keys with another receipt" if wrong_receipts else "ok",
        ),
        (
            "one receipt mail queued per response",
            outbox == len(rows),
            f"{outbox} in the outbox, {unsent} unsent",
        ),
        ("every receipt sent", unsent == 0, f"{unsent} unsent"),
    ]
    connection.close()
    return checks, {"rows": len(rows), "outbox": outbox, "unsent": unsent, "receipts": stored}


def check_mail_log(log_text: str, receipts: dict) -> tuple[str, bool, str]:
    """With the console backend every mail is in the gunicorn log: one per receipt."""
    sent = Counter(re.findall(rf"/hoeringer/{HEARING_SLUG}/kvittering/([^/\s]+)/", log_text))
    wanted = set(receipts.values())
    twice = {r: n for r, n in sent.items() if r in wanted and n > 1}
    missing = wanted - set(sent)
    detail = (
        f"{sum(sent[r] for r in wanted)} mails for {len(wanted)} responses; "
        f"{len(twice)} receipts mailed more than once (up to {max(twice.values(), default=1)}x), "
        f"{len(missing)} never mailed"
    )
    return "each receipt mailed exactly once (console backend)", not twice and not missing, detail


def log_problems(log_text: str, limit: int = 3) -> list[str]:
    """Tracebacks and error lines from the gunicorn log (Django's and gunicorn's own)."""
    blocks = re.findall(
        r"(?:^.*\n)?Traceback \(most recent call last\):\n(?:[ \t].*\n)*.*", log_text, re.M
    )
    lines = [
        line
        for line in log_text.splitlines()
        if re.search(r"\b(ERROR|CRITICAL|WORKER TIMEOUT|Internal Server Error)\b", line)
    ]
    return blocks[:limit] + lines[: limit * 4]


# ---------------------------------------------------------------- report


def machine() -> dict:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {
        "cores": os.cpu_count() or 1,
        "cpu": model,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def each(values: list[float], fmt: str) -> str:
    return ", ".join(format(v, fmt) for v in values)


def results_table(run: dict) -> str:
    load, front, info, plain = run["load"], run["front"], run["info"], run["plain"]
    rounds = load["rounds"]
    lines = [
        f"Run of {info['date']}: {rounds} round(s) of `--clients {load['clients']}` "
        f"({load['double_submitters'] // rounds} of them POST the same form twice at once), "
        f"{info['workers']} gunicorn sync workers, {info['machine']['cores']} cores "
        f"({info['machine']['cpu']}), {info['postgres']}, Python {info['machine']['python']}, "
        f"gunicorn {info['gunicorn']}, Django {info['django']}, e-mail `{info['email']}`, "
        f"tasks `{info.get('tasks', 'immediate')}`. "
        f"Load average (1 min) {info['load_before']:.2f} before, {info['load_after']:.2f} after.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| hearing POSTs sent (a round's all at once) | {load['posts']} |",
        f"| accepted submissions (distinct keys, 302 to the receipt) | {len(load['accepted'])} |",
        f"| wall time of the POST phase, each round | {each(load['post_walls'], '.2f')} s |",
        f"| **accepted submissions per second** (median of the rounds) "
        f"| **{statistics.median(load['rates']):,.1f}** |",
        f"| accepted submissions per second, each round | {each(load['rates'], ',.1f')} |",
        f"| POST latency p50 / p95 / max | {ms(load['post_latency']['p50'])} / "
        f"{ms(load['post_latency']['p95'])} / {ms(load['post_latency']['max'])} |",
        f"| errors (anything but the 302 to the receipt) | {len(load['errors'])} |",
        f"| double submits whose two POSTs met inside the server (the unique constraint "
        f"stopped the second: rolled-back transactions) | {load['raced']} of "
        f"{load['double_submitters']} |",
        f"| hearing page GETs per second (a round's all at once), each round "
        f"| {each(load['get_rates'], ',.1f')} |",
        f"| hearing page GET latency p50 / p95 / max | {ms(load['get_latency']['p50'])} / "
        f"{ms(load['get_latency']['p95'])} / {ms(load['get_latency']['max'])} |",
        f"| **ceiling: plain POSTs per second** (`/bench/plain-post/`: the same clients and "
        f"burst, CSRF check and multipart parsed, no query), median of the rounds "
        f"| **{statistics.median(plain['rates']):,.1f}** |",
        f"| plain POSTs per second, each round | {each(plain['rates'], ',.1f')} |",
        f"| plain POST latency p50 / p95 / max | {ms(plain['post_latency']['p50'])} / "
        f"{ms(plain['post_latency']['p95'])} / {ms(plain['post_latency']['max'])} |",
        f"| plain POST errors | {len(plain['errors'])} |",
        f"| **accepted submissions as a share of the plain POST ceiling** "
        f"| **{statistics.median(load['rates']) / statistics.median(plain['rates']):.1%}** |",
        f"| **ceiling: GET `/` per second** ({front['requests']} requests, "
        f"{front['concurrency']} at a time) | **{front['rps']:,.1f}** |",
        f"| GET `/` latency p50 / p95 / max | {ms(front['latency']['p50'])} / "
        f"{ms(front['latency']['p95'])} / {ms(front['latency']['max'])} |",
        f"| GET `/` errors | {front['errors']} |",
        f"| client CPU time during the hearing load (same machine) | {load['client_cpu']:.1f} s |",
        "",
        "| check | result | detail |",
        "|---|---|---|",
    ]
    for name, passed, detail in run["checks"]:
        lines.append(f"| {name} | {'ok' if passed else '**FAILED**'} | {detail} |")
    return "\n".join(lines)


def write_report(table: str) -> None:
    if REPORT.exists() and START in (text := REPORT.read_text()) and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1]
        REPORT.write_text(f"{head}{START}\n{table}\n{END}{tail}")
    else:
        REPORT.write_text(f"# Hearing load benchmark\n\n{START}\n{table}\n{END}\n")


def load_average() -> float:
    return os.getloadavg()[0]


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=200, help="citizens (default 200)")
    parser.add_argument(
        "--double-every",
        type=int,
        default=10,
        help="every Nth client POSTs its form twice at once (default 10; 0: none)",
    )
    parser.add_argument(
        "--workers", type=int, default=2 * cores + 1, help="gunicorn workers (default 2*cores+1)"
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_HEARING_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="PostgreSQL database to DROP and create (its name must contain 'bench')",
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="bursts of --clients new citizens (default 3)"
    )
    parser.add_argument("--front-requests", type=int, default=1000, help='GETs of "/" (1000)')
    parser.add_argument("--front-concurrency", type=int, default=20, help="at a time (20)")
    parser.add_argument(
        "--email-backend",
        choices=["locmem", "console"],
        default="locmem",
        help="console: mails go to the gunicorn log and each receipt is checked to go out once",
    )
    parser.add_argument(
        "--tasks",
        choices=["database", "immediate"],
        default="database",
        help="database (production's default): the request queues the receipt's delivery and "
        "a `manage.py run_worker` beside gunicorn sends it; immediate: sent in the request",
    )
    parser.add_argument("--no-write", action="store_true", help="do not update HEARING_LOAD.md")
    parser.add_argument("--keep", action="store_true", help="keep the temp dir (gunicorn log)")
    args = parser.parse_args(argv)
    if min(args.clients, args.workers, args.rounds) < 1:
        parser.error("--clients, --workers and --rounds must be at least 1")

    email = f"django.core.mail.backends.{args.email_backend}.EmailBackend"
    tmp = Path(tempfile.mkdtemp(prefix="hearing-load-"))
    log_path = tmp / "gunicorn.log"
    port = free_port()
    env = app_environment(args.database_url, tmp, port, email, args.tasks)
    env["DJANGO_SETTINGS_MODULE"] = "benchmarks.public_pages_settings"  # + /bench/plain-post/
    print(f"database {args.database_url} (dropped and created), temp dir {tmp}", flush=True)
    fresh_postgres(args.database_url)
    setup_start = time.perf_counter()
    facts = prepare_site(env)
    print(f"migrated, static manifest, hearing made in {time.perf_counter() - setup_start:.1f} s")

    import django
    import gunicorn

    server = Gunicorn(env, port, args.workers, log_path)
    worker = TaskWorker(env, log_path) if args.tasks == "database" else None
    rollbacks_before = rolled_back(args.database_url)
    load_before = load_average()
    # A SIGTERM to this script unwinds through the finally below, so gunicorn stops too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        server.start()
        print(f"gunicorn on 127.0.0.1:{port} with {args.workers} workers", flush=True)
        if worker is not None:
            worker.start()
            print("a task worker beside it (manage.py run_worker)", flush=True)
        warm_up(server, rounds=args.workers * 2)
        front = run_front_page(server, args.front_requests, args.front_concurrency)
        print(f'GET "/": {front["rps"]:.1f}/s, errors {front["errors"]}', flush=True)
        rounds, plain_rounds = [], []
        for number in range(args.rounds):
            one = run_hearing_load(
                server, args.clients, args.double_every, first=number * args.clients
            )
            rounds.append(one)
            print(
                f"hearing round {number + 1}: {len(one['accepted'])} accepted in "
                f"{one['post_wall']:.2f} s = {one['rate']:.1f}/s, errors {len(one['errors'])}",
                flush=True,
            )
            # The ceiling round by round, so both see the same load on a shared machine.
            ceiling = run_hearing_load(
                server, args.clients, 0, first=(args.rounds + number) * args.clients,
                post_path=PLAIN_POST_PATH,
            )  # fmt: skip
            plain_rounds.append(ceiling)
            print(
                f"plain POST round {number + 1}: {ceiling['rate']:.1f}/s, "
                f"errors {len(ceiling['errors'])}",
                flush=True,
            )
        load = combine(rounds)
        plain = combine(plain_rounds)
        if worker is not None:
            drained = worker.drain()
            print(f"the worker sent the last receipts {drained:.1f} s after the last round")
    finally:
        server.stop()
        if worker is not None:
            worker.stop()
    load_after = load_average()

    checks, stored = check_database(load)
    time.sleep(1)  # the workers' backends report their statistics as they exit
    load["raced"] = rolled_back(args.database_url) - rollbacks_before
    checks.insert(0, ("no errors", not load["errors"], f"{len(load['errors'])} errors"))
    checks.insert(
        1, ("no plain POST errors", not plain["errors"], f"{len(plain['errors'])} errors")
    )
    checks.insert(
        1,
        (
            "each double submit got one receipt",
            not load["twin_problems"],
            f"{len(load['twin_problems'])} with two receipts" if load["twin_problems"] else "ok",
        ),
    )
    log_text = log_path.read_text("utf-8", "replace") if log_path.exists() else ""
    if args.email_backend == "console":
        checks.append(check_mail_log(log_text, stored["receipts"]))
    problems = log_problems(log_text)
    checks.append(
        (
            "no tracebacks or errors in the gunicorn log",
            not problems,
            f"{len(problems)} shown below" if problems else "none",
        )
    )
    failed = not all(passed for _, passed, _ in checks)

    run = {
        "load": load,
        "front": front,
        "plain": plain,
        "checks": checks,
        "info": {
            "date": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            "workers": args.workers,
            "machine": machine(),
            "postgres": facts["postgres"],
            "gunicorn": gunicorn.__version__,
            "django": django.get_version(),
            "email": args.email_backend,
            "tasks": args.tasks,
            "load_before": load_before,
            "load_after": load_after,
        },
    }
    table = results_table(run)
    print()
    print(table)
    for error in load["errors"][:20]:
        print("error:", error)
    for problem in load["twin_problems"][:20]:
        print("double submit:", problem)
    for problem in problems:
        print("\n--- gunicorn log ---\n" + problem)
    if not args.no_write:
        write_report(table)
        print(f"\nwrote {REPORT.relative_to(ROOT)}")
    if failed or args.keep:
        print(f"gunicorn log kept: {log_path}")
    else:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
