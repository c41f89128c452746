"""scripts/run-demo on another port: the links in the demo's mails point at that port.

The script is run for real, in a copy of scripts/ whose bootstrap and Python are stand-ins
that record the environment and arguments they were called with (no server is started).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run-demo"


def run_demo(tmp_path: Path, **env: str) -> list[str]:
    (tmp_path / "scripts").mkdir()
    shutil.copy(SCRIPT, tmp_path / "scripts" / "run-demo")
    (tmp_path / "scripts" / "bootstrap").write_text("#!/bin/sh\nexit 0\n")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$SITE_URL|$*" >> "$(dirname "$0")/calls"\n')
    for stub in (python, tmp_path / "scripts" / "bootstrap", tmp_path / "scripts" / "run-demo"):
        stub.chmod(0o755)
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HOST", "PORT")}
    subprocess.run(  # noqa: S603 - our own script, fixed arguments
        ["/bin/bash", str(tmp_path / "scripts" / "run-demo")],
        env=clean | env, check=True, timeout=30, capture_output=True,
    )  # fmt: skip
    return (python.parent / "calls").read_text().splitlines()


@pytest.mark.parametrize(
    ("env", "site_url", "listen"),
    [
        ({}, "http://127.0.0.1:8000", "127.0.0.1:8000"),
        ({"PORT": "8123"}, "http://127.0.0.1:8123", "127.0.0.1:8123"),
        ({"HOST": "0.0.0.0", "PORT": "9000"}, "http://127.0.0.1:9000", "0.0.0.0:9000"),  # noqa: S104
        ({"PORT": "8123", "SITE_URL": "https://demo.example.dk"}, "https://demo.example.dk",
         "127.0.0.1:8123"),
    ],
)  # fmt: skip
def test_mail_links_follow_host_and_port(tmp_path, env, site_url, listen):
    calls = run_demo(tmp_path, **env)
    assert f"{site_url}|manage.py loaddemo" in calls
    assert f"{site_url}|manage.py runserver {listen}" in calls
