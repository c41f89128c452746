"""Reading secrets from the environment, for the settings and the modules they use."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def envsecret(name: str, default: str | None = None, env=os.environ) -> str | None:
    """Read NAME, or the file named by NAME_FILE (container secrets)."""
    if path := env.get(f"{name}_FILE"):
        try:
            return Path(path).read_text().strip()
        except OSError as exc:
            # The error names the variable: a bare traceback names only the path.
            raise ImproperlyConfigured(f"{name}_FILE: {exc}") from exc
    return env.get(name, default)
