"""Uploaded files: PDFs are checked before they are stored; names are never the user's."""

from __future__ import annotations

import io
import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _
from pypdf import PdfReader
from pypdf.errors import PdfReadError

MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 200
_ACTIVE = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction", b"/AA")


def random_name(folder: str, original: str) -> str:
    """A storage path nobody can guess or steer: folder/<uuid>.<safe suffix>."""
    suffix = PurePosixPath(original or "").suffix.lower()
    suffix = suffix if suffix in (".pdf", ".xlsx") else ""
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def check_pdf(upload) -> None:
    """Refuse what is not a plain PDF: wrong type, too big, encrypted, active content."""
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("Filen er for stor (højst %(mb)s MB).") % {"mb": MAX_PDF_BYTES // 1024 // 1024}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Filen er ikke en PDF."))
    if any(marker in data for marker in _ACTIVE):
        raise ValidationError(_("PDF'en indeholder scripts, handlinger eller indlejrede filer."))
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("PDF'en er krypteret eller beskyttet med adgangskode."))
        pages = len(reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_("PDF'en kan ikke læses.")) from exc
    if pages > MAX_PDF_PAGES:
        raise ValidationError(_("PDF'en har for mange sider (højst %(n)s).") % {"n": MAX_PDF_PAGES})


def serve_download(stored, filename: str, *, public: bool = False) -> FileResponse:
    """An uploaded PDF, always as a download: never rendered inline on our origin, so a
    crafted file cannot run as a page of the portal. Callers check permission first."""
    response = FileResponse(
        stored.open("rb"), content_type="application/pdf", as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
