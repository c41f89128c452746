"""Publications rendered in parts: one background job per part, which any worker takes, and
one job that puts the finished parts together into the publication's file.

A part that fails fails the publication with its reason; the parts still queued then do
nothing, and the previous file of the same material stays the one served.
"""

from __future__ import annotations

import logging
import tempfile
import time

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from budget_portal.models import Publication, PublicationPart
from budget_portal.publications import (
    REGISTRY,
    UNFINISHED,
    Parts,
    RenderTimeout,
    time_limit,
)
from budget_portal.worker import on_abandoned

logger = logging.getLogger(__name__)
# Progress of a publication in parts: up to this while the parts render, then the assembly.
PARTS_SHARE = 90


def start_parts(publication: Publication, parts: Parts) -> bool:
    """Queue a job for each part of PUBLICATION; False when it is small enough for one."""
    plan = parts.plan(publication.cycle, publication.params)
    if plan is None:
        return False
    with transaction.atomic():
        for old in publication.parts.all():  # a failed render asked for again
            old.file.delete(save=False)
        publication.parts.all().delete()
        created = PublicationPart.objects.bulk_create(
            PublicationPart(publication=publication, index=i, params=params)
            for i, params in enumerate(plan)
        )
        Publication.objects.filter(pk=publication.pk).update(progress=1)
    for part in sorted(created, key=lambda part: -parts.weight(part.params)):  # stable
        render_publication_part.enqueue(part.pk)
    return True


def _fail(publication_id: int, reason: str) -> None:
    Publication.objects.filter(pk=publication_id, state__in=UNFINISHED).update(
        state=Publication.State.FAILED, error=reason[:2000], finished_at=timezone.now()
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, RenderTimeout):
        limit = settings.PUBLICATION_TIME_LIMIT
        return _("Tidsgrænsen på %(s)s sekunder blev overskredet.") % {"s": limit}
    return f"{type(exc).__name__}: {exc}"


def run_part(part_id: int) -> None:
    part = PublicationPart.objects.select_related("publication__cycle").get(pk=part_id)
    publication = part.publication
    if publication.state != Publication.State.RUNNING or part.state == Publication.State.DONE:
        return  # another part failed, or this one was done before its worker was lost
    renderer = REGISTRY[publication.kind]
    limit = settings.PUBLICATION_TIME_LIMIT
    deadline = time.monotonic() + limit

    def progress(_pct: int) -> None:
        if time.monotonic() > deadline:
            raise RenderTimeout

    PublicationPart.objects.filter(pk=part.pk).update(state=Publication.State.RUNNING)
    try:
        with time_limit(limit):
            rendered = renderer.parts.render(
                publication.cycle, publication.params, part.params, progress
            )
    except Exception as exc:
        logger.exception("part %s of publication %s failed", part.index, publication.pk)
        total = publication.parts.count()
        reason = _("Del %(n)s af %(total)s: %(reason)s") % {
            "n": part.index + 1,
            "total": total,
            "reason": _reason(exc),
        }
        PublicationPart.objects.filter(pk=part.pk).update(
            state=Publication.State.FAILED, error=reason[:2000]
        )
        _fail(publication.pk, reason)
        raise
    part.file.save(f"del-{publication.pk}-{part.index}.pdf", ContentFile(rendered.data), save=False)
    part.pages = rendered.pages
    part.anchors = rendered.anchors
    part.state = Publication.State.DONE
    part.save(update_fields=["file", "pages", "anchors", "state"])
    # Saved (committed) first, counted after: of two parts finishing together, at least
    # the later sees both done, and the state change lets only one queue the assembly.
    states = list(publication.parts.values_list("state", flat=True))
    done = states.count(Publication.State.DONE)
    Publication.objects.filter(pk=publication.pk, state=Publication.State.RUNNING).update(
        progress=max(1, PARTS_SHARE * done // len(states))
    )
    if done == len(states):
        queued = Publication.objects.filter(
            pk=publication.pk, state=Publication.State.RUNNING
        ).update(state=Publication.State.ASSEMBLING)
        if queued:
            assemble_publication.enqueue(publication.pk)


def run_assembly(publication_id: int) -> None:
    publication = Publication.objects.select_related("cycle").get(pk=publication_id)
    if publication.state != Publication.State.ASSEMBLING:
        return
    renderer = REGISTRY[publication.kind]
    parts = list(publication.parts.order_by("index"))
    try:
        with tempfile.TemporaryFile() as out, time_limit(settings.PUBLICATION_TIME_LIMIT):
            renderer.parts.assemble(publication.cycle, publication.params, parts, out)
            size = out.tell()
            out.seek(0)
            name = renderer.filename(publication.cycle, publication.params)
            publication.file.save(name, File(out), save=False)
    except Exception as exc:
        logger.exception("assembling publication %s failed", publication.pk)
        _fail(publication.pk, _("Samling af delene: %(reason)s") % {"reason": _reason(exc)})
        raise
    publication.size = size
    publication.state = Publication.State.DONE
    publication.progress = 100
    publication.finished_at = timezone.now()
    publication.save(update_fields=["file", "size", "state", "progress", "finished_at"])
    for part in parts:  # the parts were only the way there
        part.file.delete(save=True)


@task()
def render_publication_part(part_id: int) -> None:
    run_part(part_id)


@task()
def assemble_publication(publication_id: int) -> None:
    run_assembly(publication_id)


def _part_abandoned(args: list, reason: str) -> None:
    part = PublicationPart.objects.filter(pk__in=args[:1]).first()
    if part is not None:
        PublicationPart.objects.filter(pk=part.pk).update(
            state=Publication.State.FAILED, error=reason
        )
        _fail(part.publication_id, reason)


def _assembly_abandoned(args: list, reason: str) -> None:
    if args:
        _fail(args[0], reason)


on_abandoned(render_publication_part.module_path, _part_abandoned)
on_abandoned(assemble_publication.module_path, _assembly_abandoned)
