"""A citizen verified with MitID for this browser session: only the name, for a short while.

No CPR number, subject or token is kept: the hearing response needs the name on its receipt
and nothing else (see the privacy page). In the spine: sso's MitID login writes it, the hearings
read it, and neither app imports the other for it."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

NEXT = "mitid_next"
KEY = "mitid_citizen"
# Long enough to write a considered response; the name is all that is kept meanwhile.
VALID_FOR = timedelta(hours=3)


def remember(request, name: str) -> None:
    request.session[KEY] = {"name": name[:200], "at": timezone.now().isoformat()}


def verified_name(request) -> str | None:
    data = request.session.get(KEY)
    if not data:
        return None
    at = datetime.fromisoformat(data["at"])
    if timezone.now() - at > VALID_FOR:
        request.session.pop(KEY, None)
        return None
    return data["name"]


def forget(request) -> None:
    request.session.pop(KEY, None)
