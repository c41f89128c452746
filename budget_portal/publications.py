"""Publications: a registry of PDF kinds, rendering in the worker, and cached results.

An app registers a Renderer for each kind it publishes (proposals: "catalog", "card").
request_publication() finds the file for the current state of the data, or queues a render.
"""

from __future__ import annotations

import hashlib
import json
import logging
import signal
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from budget_portal.models import BudgetCycle, Publication

logger = logging.getLogger(__name__)

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Renderer:
    kind: str
    # The data state the PDF depends on, as any JSON-able value (hashed here).
    state: Callable[[BudgetCycle, dict], object]
    render: Callable[[BudgetCycle, dict, Progress], bytes]
    title: Callable[[BudgetCycle, dict], str]
    filename: Callable[[BudgetCycle, dict], str]
    # Who may fetch it: (user, cycle, params) -> bool. Checked on every status and file view.
    allowed: Callable[[object, BudgetCycle, dict], bool]
    # Public material may sit in shared caches; the rest never does.
    public: Callable[[BudgetCycle, dict], bool]
    # Large material rendered in parts by any worker, then put together (publication_parts).
    parts: Parts | None = None


@dataclass(frozen=True)
class Parts:
    # The parts' parameters in order, or None to render in one job (small material).
    plan: Callable[[BudgetCycle, dict], list[dict] | None]
    # One part: (cycle, params, part params, progress) -> RenderedPdf.
    render: Callable[[BudgetCycle, dict, dict, Progress], object]
    # The whole from the finished parts: (cycle, params, parts, out) -> None; parts are
    # PublicationPart rows with their files, in order; the PDF is written to the file OUT.
    assemble: Callable[[BudgetCycle, dict, list, object], None]
    # How long a part takes, roughly (part params -> a number): the heaviest are queued
    # first, so the light ones fill in while the last heavy one renders.
    weight: Callable[[dict], int] = lambda _part: 0


REGISTRY: dict[str, Renderer] = {}
UNFINISHED = [Publication.State.QUEUED, Publication.State.RUNNING, Publication.State.ASSEMBLING]
# Bump when templates or CSS change what a PDF looks like, so cached files are remade.
LAYOUT_VERSION = 2


def register(renderer: Renderer) -> None:
    REGISTRY[renderer.kind] = renderer


def fingerprint(kind: str, cycle: BudgetCycle, params: dict) -> str:
    state = REGISTRY[kind].state(cycle, params)
    blob = json.dumps([LAYOUT_VERSION, kind, cycle.pk, params, state], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def request_publication(kind: str, cycle: BudgetCycle, params: dict) -> Publication:
    """The publication of KIND for the data as it is now; queued for rendering if new."""
    renderer = REGISTRY[kind]
    fp = fingerprint(kind, cycle, params)
    try:
        with transaction.atomic():
            publication, created = Publication.objects.get_or_create(
                kind=kind,
                cycle=cycle,
                fingerprint=fp,
                defaults={"params": params, "title": renderer.title(cycle, params)},
            )
    except IntegrityError:  # two requests raced to create it: the other one won
        publication, created = (
            Publication.objects.get(kind=kind, cycle=cycle, fingerprint=fp),
            False,
        )
    if created or publication.state == Publication.State.FAILED:
        from budget_portal.tasks import render_publication

        Publication.objects.filter(pk=publication.pk).update(
            state=Publication.State.QUEUED, progress=0, error=""
        )
        render_publication.enqueue(publication.pk)
        publication.refresh_from_db()
    return publication


class RenderTimeout(Exception):
    pass


@contextmanager
def time_limit(seconds: int):
    """A hard stop for a render in the worker's main thread (SIGALRM); elsewhere the
    progress callback checks the clock between cards."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGALRM"):
        yield
        return

    def stop(signum, frame):
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_render(publication_id: int) -> None:
    """Render one publication (in the worker); failures are stored, never lost silently.
    A failed render leaves earlier files of the same material as they were."""
    publication = Publication.objects.select_related("cycle").get(pk=publication_id)
    if publication.state == Publication.State.DONE:
        return
    renderer = REGISTRY[publication.kind]
    limit = settings.PUBLICATION_TIME_LIMIT
    deadline = time.monotonic() + limit

    def progress(pct: int) -> None:
        if time.monotonic() > deadline:
            raise RenderTimeout
        Publication.objects.filter(pk=publication.pk).update(progress=min(pct, 99))

    Publication.objects.filter(pk=publication.pk).update(state=Publication.State.RUNNING)
    if renderer.parts is not None:
        from budget_portal.publication_parts import start_parts

        if start_parts(publication, renderer.parts):
            return  # the parts' jobs carry on; the last one to finish queues the assembly
    try:
        with time_limit(limit):
            data = renderer.render(publication.cycle, publication.params, progress)
    except Exception as exc:
        logger.exception("publication %s failed", publication.pk)
        if isinstance(exc, RenderTimeout):
            error = _("Tidsgrænsen på %(s)s sekunder blev overskredet.") % {"s": limit}
        else:
            error = f"{type(exc).__name__}: {exc}"
        Publication.objects.filter(pk=publication.pk).update(
            state=Publication.State.FAILED, error=error[:2000], finished_at=timezone.now()
        )
        raise
    name = renderer.filename(publication.cycle, publication.params)
    publication.file.save(name, ContentFile(data), save=False)
    publication.size = len(data)
    publication.state = Publication.State.DONE
    publication.progress = 100
    publication.finished_at = timezone.now()
    publication.save(update_fields=["file", "size", "state", "progress", "finished_at"])


def render_abandoned(args: list, reason: str) -> None:
    """The worker rendering it died: say so; the next request for the material queues it
    again (request_publication re-queues a failed one)."""
    Publication.objects.filter(pk__in=args[:1], state__in=UNFINISHED).update(
        state=Publication.State.FAILED, error=reason, finished_at=timezone.now()
    )


def may_fetch(user, publication: Publication) -> bool:
    renderer = REGISTRY[publication.kind]
    return renderer.allowed(user, publication.cycle, publication.params)


def is_public(publication: Publication) -> bool:
    return REGISTRY[publication.kind].public(publication.cycle, publication.params)


def publication_redirect(publication: Publication):
    """To the file when it is ready, else to the page that shows the render's progress."""
    from django.shortcuts import redirect

    target = "publication_file" if publication.is_ready else "publication_status"
    return redirect(target, fingerprint=publication.fingerprint)
