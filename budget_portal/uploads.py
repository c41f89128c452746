"""Uploaded files: PDFs are checked before they are stored; names are never the user's."""

from __future__ import annotations

import io
import re
import uuid
import warnings
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.translation import gettext as _

# pypdf is imported where a PDF is checked, not at process start (a sixth of a second).

MAX_PDF_BYTES = 10 * 1024 * 1024
MAX_PDF_PAGES = 200
# How many objects, dictionary entries and array items the check looks at before it gives
# up on a file: a tagged (PDF/UA) report from weasyprint has about 5,000 a page.
MAX_PDF_NODES = 2_000_000
# Names a reader acts on: scripts, actions run on open or on events, launching programs,
# attached files, Flash/3D media, XFA forms (which carry their own scripts), and actions
# that post to or load from elsewhere. Links (/URI) and internal jumps (/GoTo) are fine.
ACTIVE_NAMES = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/OpenAction",
        "/AA",
        "/Launch",
        "/EmbeddedFiles",
        "/EmbeddedFile",
        "/RichMedia",
        "/RichMediaContent",
        "/XFA",
        "/GoToE",
        "/ImportData",
        "/SubmitForm",
    }
)
# A name token in the file's text (outside streams), with #xx escapes still in it.
_NAME_TOKEN = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM_BODY = re.compile(rb"stream(?:\r\n|\n|\r).*?endstream", re.DOTALL)


class _Refused(Exception):
    """The check stopped on a reason; the message is for the person who uploaded."""


def random_name(folder: str, original: str) -> str:
    """A storage path nobody can guess or steer: folder/<uuid>.<safe suffix>."""
    suffix = PurePosixPath(original or "").suffix.lower()
    suffix = suffix if suffix in (".pdf", ".xlsx") else ""
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def _active_message() -> str:
    return _("PDF'en indeholder scripts, handlinger eller indlejrede filer.")


def _unreadable_message() -> str:
    return _("PDF'en kan ikke læses. Gem den som PDF igen, og prøv en gang til.")


def check_pdf(upload) -> None:
    """Refuse what is not a plain PDF: wrong type, too big, damaged, encrypted, active content.

    Every PDF upload goes through here. The file must parse in pypdf's strict mode; then
    every object the cross-reference lists and everything reachable from the trailer is
    walked (object streams included), with names as a reader decodes them (#xx escapes
    undone); any active name refuses the file. The text outside streams is
    also scanned, so an object no table lists (which repairing readers find) is seen too.
    """
    if upload.size > MAX_PDF_BYTES:
        raise ValidationError(
            _("Filen er for stor (højst %(mb)s MB).") % {"mb": MAX_PDF_BYTES // 1024 // 1024}
        )
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Filen er ikke en PDF."))
    if _active_name_in_text(data):
        raise ValidationError(_active_message())
    try:
        pages = _check_structure(data)
    except _Refused as exc:
        raise ValidationError(str(exc)) from exc
    except Exception as exc:  # pypdf raises many kinds on damaged files; each means "no"
        raise ValidationError(_unreadable_message()) from exc
    if pages > MAX_PDF_PAGES:
        raise ValidationError(_("PDF'en har for mange sider (højst %(n)s).") % {"n": MAX_PDF_PAGES})


def _decoded(raw: bytes) -> str:
    name = _ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), raw)
    return "/" + name.decode("latin-1")


def _active_name_in_text(data: bytes) -> bool:
    text = _STREAM_BODY.sub(b"stream endstream", data)
    return any(_decoded(m.group(1)) in ACTIVE_NAMES for m in _NAME_TOKEN.finditer(text))


def _check_structure(data: bytes) -> int:
    """The page count of a strict, unencrypted PDF without active content."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pypdf warns about oddities it then refuses anyway
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise _Refused(_("PDF'en er krypteret eller beskyttet med adgangskode."))
        roots: list = [reader.trailer]
        for gen, table in reader.xref.items():
            if gen != 65535:  # the free list
                roots += [IndirectObject(number, gen, reader) for number in table]
        roots += [IndirectObject(number, 0, reader) for number in reader.xref_objStm]
        pages = len(reader.pages)  # first, so a long file is refused for its length
        if pages <= MAX_PDF_PAGES:
            _walk(roots)
        return pages


def _walk(roots: list) -> None:
    """Depth-first over the object graph with a stack, a visited set and a size cap."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    stack = list(roots)
    seen: set[tuple[int, int]] = set()
    nodes = 0
    while stack:
        node = stack.pop()
        nodes += 1
        if nodes > MAX_PDF_NODES:
            raise _Refused(_("PDF'en er for indviklet til at blive kontrolleret."))
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            resolved = node.get_object()
            if resolved is None:
                continue
            stack.append(resolved)
        elif isinstance(node, DictionaryObject):  # streams are dictionaries too
            for name, value in node.items():
                if name in ACTIVE_NAMES:
                    raise _Refused(_active_message())
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject) and node in ACTIVE_NAMES:
            raise _Refused(_active_message())


def serve_download(stored, filename: str, *, public: bool = False) -> FileResponse:
    """An uploaded PDF, always as a download: never rendered inline on our origin, so a
    crafted file cannot run as a page of the portal. Callers check permission first."""
    response = FileResponse(
        stored.open("rb"), content_type="application/pdf", as_attachment=True, filename=filename
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, no-store"
    return response
