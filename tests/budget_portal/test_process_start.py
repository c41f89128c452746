"""A fresh process (web worker, task worker, manage.py) starts without the heavy libraries:
WeasyPrint, openpyxl and pypdf are imported by the first PDF or workbook, Authlib (with
cryptography) by the first sign-in through the identity provider, not at start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

START = """
import sys, django
django.setup()
from django.urls import resolve
from django.conf import settings
import importlib
importlib.import_module(settings.ROOT_URLCONF)
resolve("/")
HEAVY = ("weasyprint", "openpyxl", "pypdf", "icalendar", "authlib", "cryptography")
print(" ".join(sorted(m for m in HEAVY if m in sys.modules)))
"""


def test_settings_and_urls_load_without_weasyprint_openpyxl_pypdf_authlib():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "budget_portal.settings"}
    env.setdefault("SECRET_KEY", "x")
    env.setdefault("SECURE_SSL_REDIRECT", "False")
    out = subprocess.run(  # noqa: S603 (our own interpreter, fixed code)
        [sys.executable, "-c", START], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_a_pdf_still_renders_with_the_cached_page_references():
    import pydyf

    from budget_portal.pdf import render_pdf

    data = render_pdf("print/base.html", {}, title="Prøve")
    assert data.startswith(b"%PDF-")
    assert pydyf.PDF.page_references.fget.__name__ == "_cached_page_references"
