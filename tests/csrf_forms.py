"""Reading a form's CSRF token from a page, as a browser without JavaScript posts it."""

from __future__ import annotations

import re

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def tokens_in(html: str, action: str) -> list[str]:
    """The CSRF tokens of the forms posting to ACTION."""
    forms = re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S)
    return [t for f in forms if f'action="{action}"' in f for t in TOKEN.findall(f)]
