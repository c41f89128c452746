"""PDF rendering (weasyprint) of print/ templates, with a URL fetcher that denies by default.

Only our own static files (fonts, print CSS) can be loaded while rendering: no file:// URLs,
no network, so no user text can make the renderer read the server's files or call out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcherResponse

# WeasyPrint (and pydyf) are imported on the first render, not when this module is: they
# were 40 % of the time every process (web worker, task worker, manage.py) took to start.

# A base URL in a reserved domain: relative links resolve under it, and the fetcher
# answers only for its static files without ever touching the network.
BASE_URL = "https://budgetportal.invalid/"
_STATIC_PREFIX = BASE_URL + settings.STATIC_URL.lstrip("/")
_TYPES = {
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


def _cached_page_references(self) -> tuple[bytes, ...]:
    """pydyf rebuilds this tuple of every page on each call, and WeasyPrint's PDF/UA tagging
    calls it once per tagged box: quadratic in pages (4.5 million steps for 100 cards, 25
    times that for 500). Pages are only ever appended, so the tuple is kept per page count."""
    kids = self.pages["Kids"]
    cached = self.__dict__.get("_budgetportal_page_refs")
    if cached is None or cached[0] != len(kids):
        refs = tuple(f"{number} 0 R".encode("ascii") for number in kids[::3])
        cached = self.__dict__["_budgetportal_page_refs"] = (len(kids), refs)
    return cached[1]


class RefusedURL(ValueError):
    pass


@cache
def _weasyprint():
    """WeasyPrint, imported once, with pydyf's page references cached (see above)."""
    import pydyf
    import weasyprint

    pydyf.PDF.page_references = property(_cached_page_references)
    return weasyprint


@cache
def _fetcher_class() -> type:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    _weasyprint()

    class StaticOnlyFetcher(URLFetcher):
        """Serves files under STATIC_URL from the static finders; refuses every other URL."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols=["https"], allow_redirects=False)

        def fetch(self, url: str, headers=None) -> URLFetcherResponse:
            path = static_path(url)
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": _TYPES[path.suffix]}
            )

    return StaticOnlyFetcher


def __getattr__(name: str):
    # `from budget_portal.pdf import StaticOnlyFetcher` still works; it imports WeasyPrint.
    if name == "StaticOnlyFetcher":
        return _fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def static_path(url: str) -> Path:
    """The file behind a static URL, or RefusedURL."""
    if not url.startswith(_STATIC_PREFIX):
        raise RefusedURL(f"refused while rendering a PDF: {url[:100]}")
    relative = url.removeprefix(_STATIC_PREFIX).split("?")[0].split("#")[0]
    if ".." in relative.split("/") or Path(relative).suffix not in _TYPES:
        raise RefusedURL(f"refused while rendering a PDF: {url[:100]}")
    # In development the finders know the file; in production {% static %} gives the
    # collected, hashed name, which only the static files storage knows.
    found = finders.find(relative)
    if found:
        return Path(found)
    if staticfiles_storage.exists(relative):
        return Path(staticfiles_storage.path(relative))
    raise RefusedURL(f"no such static file: {relative[:100]}")


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    # Each anchor (an element's id) and the 0-based page it is on: where a part's cards start.
    anchors: dict[str, int]


def render_document(
    template: str,
    context: dict,
    *,
    title: str,
    progress: Callable[[int], None] | None = None,
) -> RenderedPdf:
    """Render TEMPLATE to a tagged PDF (PDF/UA-1); PROGRESS gets 0-100 along the way."""
    report = progress or (lambda _pct: None)
    html = render_to_string(template, {**context, "pdf_title": title})
    report(30)
    weasyprint = _weasyprint()
    fetcher = _fetcher_class()()
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        pdf_variant="pdf/ua-1"
    )
    report(80)
    anchors: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, number)
    # Title and language come from <title> and <html lang>; PDF/UA needs both.
    data = document.write_pdf(pdf_variant="pdf/ua-1")
    report(100)
    return RenderedPdf(data, len(document.pages), anchors)


def render_pdf(
    template: str,
    context: dict,
    *,
    title: str,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Render TEMPLATE to a tagged PDF (PDF/UA-1); PROGRESS gets 0-100 along the way."""
    return render_document(template, context, title=title, progress=progress).data
