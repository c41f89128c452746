"""Word plumbing (python-docx): documents finance edits before they go to the city council.

Real headings (Word's built-in "Heading N" styles, so the navigation pane and a table of
contents work), tables for amounts with a repeated header row, Danish as the proofing
language. The apps give the content; this module only writes it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from django.http import HttpResponse

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def new_document(title: str):
    """An A4 document in Danish with TITLE as its property and first heading."""
    import docx
    from docx.shared import Mm, Pt

    document = docx.Document()
    document.core_properties.title = title
    document.core_properties.language = "da-DK"
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    _danish(normal)
    document.add_heading(title, level=0)
    return document


def _danish(style) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = style.element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "da-DK")


def add_table(document, header: Sequence[str], rows: Sequence[Sequence[str]], *, bold_last=False):
    """A table of text cells; columns after the first are amounts (right-aligned)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = str(text)
        cell.paragraphs[0].runs[0].bold = True
    # The header row repeats on each page a long table runs over.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for number, values in enumerate(rows, start=1):
        cells = table.add_row().cells
        for index, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = str(text)
            paragraph = cell.paragraphs[0]
            if index:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if bold_last and number == len(rows) and paragraph.runs:
                paragraph.runs[0].bold = True
    for index in range(1, len(header)):
        table.rows[0].cells[index].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return table


def add_text(document, text: str) -> None:
    """Plain text as paragraphs: a blank line starts a new one."""
    for block in text.replace("\r\n", "\n").split("\n\n"):
        if block.strip():
            document.add_paragraph(block.strip())


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docx_response(data: bytes, filename: str, *, public: bool) -> HttpResponse:
    response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
