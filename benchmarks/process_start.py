"""How long a fresh process takes to be ready: the portal against a bare Django project.

Each run is a new interpreter that calls django.setup(), imports the root URLconf and
resolves "/" (what a gunicorn worker, a task worker or a management command does first).
"Bare Django" is the same with minimal settings (contenttypes and auth, one URL pattern).
Prints the median and each run, and which of weasyprint, openpyxl and pypdf got imported.

    .venv/bin/python benchmarks/process_start.py            # 5 runs each
    .venv/bin/python benchmarks/process_start.py --runs 9
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PORTAL = """
import sys, django
HEAVY = ("weasyprint", "openpyxl", "pypdf")
django.setup()
from django.urls import resolve
resolve("/")
print(",".join(m for m in HEAVY if m in sys.modules))
"""

BARE = """
import sys, django
HEAVY = ("weasyprint", "openpyxl", "pypdf")
from django.conf import settings
from django.urls import path
from django.http import HttpResponse
urlpatterns = [path("", lambda r: HttpResponse("ok"))]
settings.configure(
    SECRET_KEY="x", ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"],
    INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth"],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
)
django.setup()
from django.urls import resolve
resolve("/")
print(",".join(m for m in HEAVY if m in sys.modules))
"""

# The floor for the portal: Django with the same contrib and third-party apps as the
# portal's settings (read from them without importing them), none of the portal's own
# apps, and the admin's URLs. What the portal's code adds on top of this is ours to cut.
STACK = """
import ast, sys, django
HEAVY = ("weasyprint", "openpyxl", "pypdf")
tree = ast.parse(open("budget_portal/settings.py").read())
apps = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", "") == "INSTALLED_APPS")
OTHERS = ("django.", "django_", "template_", "rules", "csp", "axes")
apps = [a for a in apps if a.startswith(OTHERS)]
from django.conf import settings
settings.configure(
    SECRET_KEY="x", ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], INSTALLED_APPS=apps,
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}],
)
django.setup()
from django.contrib import admin
from django.urls import path
urlpatterns = [path("admin/", admin.site.urls)]
from django.urls import resolve
resolve("/admin/")
print(",".join(m for m in HEAVY if m in sys.modules))
"""


def environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.setdefault("SECRET_KEY", "x")
    env.setdefault("SECURE_SSL_REDIRECT", "False")
    env.setdefault("SITE_URL", "http://127.0.0.1:8000")
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one_run(code: str, settings_module: str | None) -> tuple[float, float, str]:
    """Wall time, CPU time (user + system) and the heavy modules loaded, of one process."""
    env = environment()
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    cpu, start = _children_cpu(), time.perf_counter()
    out = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start, _children_cpu() - cpu, out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    one_run(PORTAL, "budget_portal.settings")  # warm the file cache and .pyc files
    one_run(BARE, None)
    one_run(STACK, None)
    wall, cpu = {}, {}
    cases = (
        ("bare Django", BARE, None),
        ("the same Django and third-party apps, none of ours", STACK, None),
        ("portal", PORTAL, "budget_portal.settings"),
    )
    runs = {name: [] for name, _, _ in cases}
    for _ in range(args.runs):  # alternate, so both see the same load on a shared machine
        for name, code, module in cases:
            runs[name].append(one_run(code, module))
    for name, _, _ in cases:
        wall[name] = statistics.median(t for t, _, _ in runs[name])
        cpu[name] = statistics.median(c for _, c, _ in runs[name])
        loaded = runs[name][-1][2] or "none"
        each = " / ".join(f"{c:.2f}" for _, c, _ in runs[name])
        print(
            f"{name}: CPU median {cpu[name]:.2f} s ({each}), wall median {wall[name]:.2f} s; "
            f"heavy modules loaded: {loaded}"
        )
    floor = cpu["the same Django and third-party apps, none of ours"]
    print(
        f"portal / bare Django: {cpu['portal'] / cpu['bare Django']:.2f}x CPU, "
        f"{wall['portal'] / wall['bare Django']:.2f}x wall; the same apps without ours / "
        f"bare Django: {floor / cpu['bare Django']:.2f}x CPU; portal / that: "
        f"{cpu['portal'] / floor:.2f}x CPU; load average {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
