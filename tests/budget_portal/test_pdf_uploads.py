"""The one PDF check every upload goes through: names as a reader decodes them, the whole
object graph (object streams too), strict parsing only; clean files, ours included, pass."""

from __future__ import annotations

import io
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from budget_portal.uploads import check_pdf

ACTIVE = "scripts, handlinger eller indlejrede filer"
UNREADABLE = "kan ikke læses"

CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s >>"
PAGES = b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R %s >>"
CONTENT = b"BT /F1 12 Tf 20 100 Td (Hej) Tj ET"


def stream(body: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(body), extra, body)


def raw_pdf(*, catalog: bytes = b"", page: bytes = b"", extra: dict[int, bytes] | None = None,
            startxref_shift: int = 0, tail: bytes = b"") -> bytes:  # fmt: skip
    """A PDF written by hand, with a correct cross-reference table, so names can be spelled
    exactly as an attacker would (#xx escapes) and still parse in strict mode."""
    objects = {1: CATALOG % catalog, 2: PAGES, 3: PAGE % page, 4: stream(CONTENT)}
    objects |= extra or {}
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    out += tail
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        if number in offsets:
            out += b"%010d 00000 n \n" % offsets[number]
        else:
            out += b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        size,
        xref + startxref_shift,
    )
    return bytes(out)


def objstm_pdf(catalog: bytes = b"") -> bytes:
    """Catalog, pages and page compressed inside an object stream (/ObjStm, FlateDecode),
    listed by a cross-reference stream: none of their names is visible in the raw bytes."""
    inner = {1: CATALOG % catalog, 2: PAGES, 3: PAGE % b""}
    header, body = b"", b""
    for number, text in inner.items():
        header += b"%d %d " % (number, len(body))
        body += text + b"\n"
    packed = zlib.compress(header + body)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {4: len(out)}
    out += b"4 0 obj\n%s\nendobj\n" % stream(CONTENT)
    offsets[5] = len(out)
    out += b"5 0 obj\n%s\nendobj\n" % stream(
        packed, b"/Type /ObjStm /N 3 /First %d /Filter /FlateDecode" % len(header)
    )
    offsets[6] = len(out)
    rows = [bytes([0]) + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    rows += [bytes([2]) + (5).to_bytes(4, "big") + i.to_bytes(2, "big") for i in range(3)]
    rows += [bytes([1]) + offsets[n].to_bytes(4, "big") + (0).to_bytes(2, "big") for n in (4, 5, 6)]
    table = b"".join(rows)
    out += b"6 0 obj\n%s\nendobj\n" % stream(table, b"/Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R")
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return bytes(out)


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as exc:
        check_pdf(SimpleUploadedFile("svar.pdf", data, content_type="application/pdf"))
    return exc.value.messages[0]


def passes(data: bytes) -> None:
    check_pdf(SimpleUploadedFile("svar.pdf", data, content_type="application/pdf"))


GOTO = b"<< /S /GoTo /D [3 0 R /Fit] >>"
SCRIPT = b"<< /S /Java#53cript /#4aS (app.alert(1)) >>"

HOSTILE = {
    "open action, escaped": raw_pdf(catalog=b"/Open#41ction " + GOTO),
    "open action runs a script, all escaped": raw_pdf(catalog=b"/Open#41ction " + SCRIPT),
    "open action launches a program": raw_pdf(
        catalog=b"/Open#41ction << /S /L#61unch /F (calc.exe) >>"
    ),
    "page additional actions": raw_pdf(page=b"/#41A << /O " + SCRIPT + b" >>"),
    "script in the names tree": raw_pdf(
        catalog=b"/Names << /Java#53cript << /Names [(x) 5 0 R] >> >>", extra={5: SCRIPT}
    ),
    "embedded files in the names tree": raw_pdf(
        catalog=b"/Names << /Embedded#46iles << /Names [(a.txt) 5 0 R] >> >>",
        extra={
            5: b"<< /Type /Filespec /F (a.txt) /EF << /F 6 0 R >> >>",
            6: stream(b"hi", b"/Type /Embedded#46ile"),
        },
    ),
    "embedded file stream on its own": raw_pdf(
        page=b"/Thumb 5 0 R", extra={5: stream(b"hi", b"/Type /Embedded#46ile")}
    ),
    "annotation launches": raw_pdf(
        page=b"/Annots [5 0 R]",
        extra={
            5: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /L#61unch /F (x) >> >>"
        },
    ),
    "annotation additional actions": raw_pdf(
        page=b"/Annots [5 0 R]",
        extra={
            5: b"<< /Type /Annot /Subtype /Widget /Rect [0 0 9 9] /#41A << /E 6 0 R >> >>",
            6: SCRIPT,
        },
    ),  # fmt: skip
    "script at the end of a /Next chain": raw_pdf(
        page=b"/Annots [5 0 R]",
        extra={
            5: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A 6 0 R >>",
            6: b"<< /S /URI /URI (https://example.dk) /Next 7 0 R >>",
            7: b"<< /S /GoTo /D [3 0 R /Fit] /Next [8 0 R] >>",
            8: SCRIPT,
        },
    ),
    "xfa form": raw_pdf(
        catalog=b"/AcroForm << /Fields [] /#58FA 5 0 R >>", extra={5: stream(b"<xdp/>")}
    ),
    "rich media annotation": raw_pdf(
        page=b"/Annots [5 0 R]",
        extra={5: b"<< /Type /Annot /Subtype /Rich#4dedia /Rect [0 0 9 9] >>"},
    ),
    "open action inside a compressed object stream": objstm_pdf(
        b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
    ),
    "object no table lists": raw_pdf(tail=b"99 0 obj\n" + SCRIPT + b"\nendobj\n"),
}


@pytest.mark.parametrize("data", HOSTILE.values(), ids=HOSTILE.keys())
def test_active_content_is_refused_however_its_names_are_spelled(data):
    assert ACTIVE in refusal(data)


@pytest.mark.parametrize(
    "data",
    [v for k, v in HOSTILE.items() if k != "object no table lists"],
    ids=[k for k in HOSTILE if k != "object no table lists"],
)
def test_the_hostile_corpus_is_well_formed_so_the_refusal_is_about_content(data):
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 1


def test_a_very_long_action_chain_is_walked_without_recursion():
    chain = {n: b"<< /S /GoTo /D [3 0 R /Fit] /Next %d 0 R >>" % (n + 1) for n in range(5, 3005)}
    chain[3005] = b"<< /S /L#61unch /F (x) >>"
    data = raw_pdf(catalog=b"/Outlines << /First 5 0 R >>", extra=chain)
    assert ACTIVE in refusal(data)


def test_a_file_that_reads_only_when_repaired_is_refused():
    data = raw_pdf(startxref_shift=7)
    assert len(PdfReader(io.BytesIO(data), strict=False).pages) == 1  # a lenient reader repairs it
    assert UNREADABLE in refusal(data)


def test_an_encrypted_pdf_is_refused():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt("hemmelig")
    out = io.BytesIO()
    writer.write(out)
    assert "krypteret" in refusal(out.getvalue())


def test_clean_hand_written_pdfs_pass_links_and_subset_fonts_included():
    link = (
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9]"
        b" /A << /S /URI /URI (https://norddjurs.dk) >> >>"
    )
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /AAAAAB+DejaVuSans >>"
    passes(raw_pdf(page=b"/Annots [5 0 R] /Resources << /Font << /F1 6 0 R >> >>",
                   extra={5: link, 6: font}))  # fmt: skip
    passes(objstm_pdf(b"/PageMode /UseNone"))


def test_a_pypdf_made_pdf_passes():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    passes(out.getvalue())


def test_a_weasyprint_made_pdf_passes():
    from weasyprint import HTML

    html = (
        '<html lang="da"><head><title>Høringssvar</title></head><body><h1>Svømmehallen</h1>'
        '<p>Se <a href="https://norddjurs.dk">kommunens side</a>.</p>'
        + "<p>Afsnit</p>" * 200
        + "</body></html>"
    )
    passes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1"))


def test_the_public_hearing_form_refuses_an_escaped_open_action_at_the_field(client, hearing):
    from hearings.models import Response
    from tests.hearings.test_responding import form_data

    upload = SimpleUploadedFile(
        "svar.pdf",
        HOSTILE["open action runs a script, all escaped"],
        content_type="application/pdf",
    )
    response = client.post(
        hearing.get_absolute_url(), form_data(client, hearing, attachment=upload)
    )
    assert ACTIVE in response.context["form"].errors["attachment"][0]
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    "form_path", ["letters.forms.AttachmentForm", "hearings.admin.DocumentForm"]
)
def test_every_other_pdf_upload_uses_the_same_check(db, form_path):
    from django.utils.module_loading import import_string

    form_class = import_string(form_path)
    upload = SimpleUploadedFile(
        "bilag.pdf", HOSTILE["page additional actions"], content_type="application/pdf"
    )
    form = form_class(data={"title": "Bilag", "position": 0}, files={"file": upload})
    assert not form.is_valid()
    assert ACTIVE in form.errors["file"][0]


def test_a_graph_past_the_cap_is_refused_not_walked_forever(monkeypatch):
    monkeypatch.setattr("budget_portal.uploads.MAX_PDF_NODES", 500)
    chain = {n: b"<< /S /GoTo /D [3 0 R /Fit] /Next %d 0 R >>" % (n + 1) for n in range(5, 600)}
    chain[600] = GOTO
    data = raw_pdf(catalog=b"/Outlines << /First 5 0 R >>", extra=chain)
    assert "for indviklet" in refusal(data)


@pytest.mark.parametrize(
    "action",
    [
        b"<< /S /GoTo#45 /T << /R /C /N (a.pdf) >> >>",
        b"<< /S /Import#44ata /F (data.fdf) >>",
        b"<< /S /Submit#46orm /F (https://example.com) >>",
    ],
    ids=["GoToE", "ImportData", "SubmitForm"],
)
def test_actions_that_open_attachments_or_send_and_load_data_are_refused(action):
    data = raw_pdf(
        page=b"/Annots [5 0 R]",
        extra={5: b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A " + action + b" >>"},
    )
    assert ACTIVE in refusal(data)
