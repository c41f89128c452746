"""Open a Word file in a real client: LibreOffice converts it to PDF and we read the text.

The bootstrap installs LibreOffice (libreoffice-writer-nogui), so CI always runs these checks;
a developer's machine without it skips them rather than fail.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

SOFFICE = shutil.which("soffice")

needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) not installed"
)


def printed_text(data: bytes, tmp_path: Path, name: str = "dokument") -> str:
    """The text LibreOffice prints from the .docx bytes, whitespace folded to single spaces."""
    source = tmp_path / f"{name}.docx"
    source.write_bytes(data)
    command = [
        SOFFICE,
        f"-env:UserInstallation=file://{tmp_path}/lo",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=180)  # noqa: S603 - our file, a fixed program
    pages = PdfReader(tmp_path / f"{name}.pdf").pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())
