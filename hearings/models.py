"""Public hearings (høringer) and the responses citizens send to them."""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from budget_portal.models import BudgetCycle, Milestone
from budget_portal.personal_data import mask_cpr_numbers
from budget_portal.uploads import random_name
from proposals.models import Proposal


def _document_path(instance, filename: str) -> str:
    return random_name("hearing-documents", filename)


def _attachment_path(instance, filename: str) -> str:
    return random_name("hearing-attachments", filename)


def new_receipt() -> str:
    return secrets.token_urlsafe(12)


def default_retention_days() -> int:
    return settings.HEARING_RETENTION_DAYS


class HearingQuerySet(models.QuerySet):
    def open_at(self, moment) -> HearingQuerySet:
        return self.filter(opens_at__lte=moment, closes_at__gt=moment)


class Hearing(models.Model):
    """A consultation on budget material, open between two moments in time."""

    class State(models.TextChoices):
        UPCOMING = "kommende", _("Kommende")
        OPEN = "aaben", _("Åben")
        CLOSED = "lukket", _("Lukket")

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("budgetår"), on_delete=models.PROTECT, related_name="hearings"
    )
    slug = models.SlugField(_("kortnavn"), unique=True, max_length=80)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"), blank=True)
    opens_at = models.DateTimeField(_("åbner"))
    closes_at = models.DateTimeField(_("lukker"), help_text=_("Svar modtages til dette tidspunkt."))
    milestone = models.ForeignKey(
        Milestone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="hearings",
        verbose_name=_("aktivitet i kalenderen"),
    )
    requires_mitid = models.BooleanField(
        _("kræver MitID"),
        default=False,
        help_text=_(
            "Borgeren logger ind med MitID, før svaret kan sendes; navnet kommer fra MitID og "
            "kan ikke rettes. Kræver, at et MitID-login er sat op (OIDC_CITIZEN_ISSUER)."
        ),
    )
    publish_responses = models.BooleanField(
        _("svar offentliggøres"),
        default=True,
        help_text=_("Svar med samtykke vises på høringens side, når de er godkendt."),
    )
    cards = models.ManyToManyField(
        Proposal, blank=True, related_name="hearings", verbose_name=_("forslag i høring")
    )
    retention_days = models.PositiveIntegerField(
        _("opbevaring af persondata (dage efter lukning)"),
        default=default_retention_days,
        help_text=_(
            "Derefter slettes navn, e-mail, tekst og bilag i svar, der ikke er offentliggjort, "
            "og e-mailadressen i de offentliggjorte."
        ),
    )

    # The last change of the hearing's own text and dates; the Atom feed's <updated>.
    updated_at = models.DateTimeField(_("sidst ændret"), auto_now=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = _("høring")
        verbose_name_plural = _("høringer")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="hearing_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("hearings:detail", kwargs={"slug": self.slug})

    def is_open(self, moment=None) -> bool:
        moment = moment or timezone.now()
        return self.opens_at <= moment < self.closes_at

    def state(self, moment=None) -> Hearing.State:
        moment = moment or timezone.now()
        if moment < self.opens_at:
            return self.State.UPCOMING
        return self.State.OPEN if self.is_open(moment) else self.State.CLOSED


class HearingDocument(models.Model):
    hearing = models.ForeignKey(
        Hearing, verbose_name=_("høring"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("titel"), max_length=200)
    file = models.FileField(_("fil (PDF)"), upload_to=_document_path)
    position = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        verbose_name = _("høringsmateriale")
        verbose_name_plural = _("høringsmateriale")
        ordering = ["hearing", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ResponseQuerySet(models.QuerySet):
    def awaiting_moderation(self) -> ResponseQuerySet:
        """Received, not yet published or rejected, and not erased: finance's to moderate."""
        return self.filter(state=Response.State.RECEIVED, erased_at__isnull=True)

    def in_note(self) -> ResponseQuerySet:
        """The responses the høringsnotat answers: all but the rejected ones."""
        return self.exclude(state=Response.State.REJECTED)

    def published(self) -> ResponseQuerySet:
        return self.filter(
            state=Response.State.PUBLISHED, consent=True, hearing__publish_responses=True
        )


class Response(models.Model):
    """A høringssvar. The e-mail address is for the receipt and is never published."""

    class State(models.TextChoices):
        RECEIVED = "modtaget", _("Modtaget")
        PUBLISHED = "offentliggjort", _("Offentliggjort")
        REJECTED = "afvist", _("Afvist")

    hearing = models.ForeignKey(
        Hearing, verbose_name=_("høring"), on_delete=models.PROTECT, related_name="responses"
    )
    name = models.CharField(_("navn"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    text = models.TextField(_("høringssvar"))
    attachment = models.FileField(_("vedhæftet fil"), upload_to=_attachment_path, blank=True)
    # The file is stored under a random name; the sender's own name for it is kept for the
    # receipt, which should say which file arrived.
    attachment_name = models.CharField(_("filnavn"), max_length=255, blank=True)
    consent = models.BooleanField(_("samtykke til offentliggørelse"), default=False)
    # That the name came from a MitID sign-in; no identifier from the sign-in is stored.
    name_verified = models.BooleanField(_("navn bekræftet med MitID"), default=False)
    cards = models.ManyToManyField(
        Proposal, blank=True, related_name="hearing_responses", verbose_name=_("forslag")
    )
    state = models.CharField(
        _("status"), max_length=16, choices=State.choices, default=State.RECEIVED
    )
    published_text = models.TextField(
        _("offentliggjort tekst"),
        blank=True,
        help_text=_("Den redigerede tekst, der vises offentligt (tom: svaret som modtaget)."),
    )
    rejection_reason = models.CharField(_("begrundelse for afvisning"), max_length=500, blank=True)
    receipt = models.CharField(
        _("kvittering"), max_length=32, unique=True, default=new_receipt, editable=False
    )
    number = models.PositiveIntegerField(_("nr."), editable=False)
    submission_key = models.UUIDField(_("indsendelsesnøgle"), default=uuid.uuid4, editable=False)
    client_hash = models.CharField(
        _("afsender-fingeraftryk"), max_length=64, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("modtaget"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("behandlet"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandlet af"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The høringsnotat: finance's summary (empty: drafted from the text) and comment.
    summary = models.TextField(_("resumé"), blank=True)
    remark = models.TextField(_("administrationens bemærkning"), blank=True)
    # Set when the sender's personal data were deleted (retention or a request for erasure);
    # the row stays so the numbering keeps no gaps.
    erased_at = models.DateTimeField(_("persondata slettet"), null=True, blank=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("høringssvar")
        verbose_name_plural = _("høringssvar")
        ordering = ["hearing", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "submission_key"], name="response_submitted_once"
            ),
            models.UniqueConstraint(fields=["hearing", "number"], name="response_number_unique"),
        ]
        indexes = [models.Index(fields=["hearing", "client_hash", "created_at"])]

    def __str__(self) -> str:
        return f"{self.hearing} #{self.number}"

    @property
    def mail_key(self) -> str:
        """What the outbox calls the mails carrying this response (the receipt)."""
        return f"hearings.response:{self.pk}"

    @property
    def public_text(self) -> str:
        return self.published_text or self.text

    @property
    def public_sender(self) -> str:
        """Who the public sees: the organisation when there is one, else the name."""
        return self.organisation or self.name

    @property
    def note_sender(self) -> str:
        """Who the høringsnotat names: only a sender who consented to publication; the
        others (and erased senders) by kind, so the note can travel to the committee."""
        if self.consent and (self.organisation or self.name):
            return self.organisation or self.name
        return gettext("Organisation") if self.organisation else gettext("Privatperson")

    @property
    def note_summary(self) -> str:
        """The resumé as written by finance, else a draft from the (redacted) text."""
        return self.summary or draft_summary(self.public_text)


SUMMARY_DRAFT_CHARS = 300


def draft_summary(text: str, limit: int = SUMMARY_DRAFT_CHARS) -> str:
    """The first LIMIT characters of TEXT, cut at a word boundary, with CPR numbers masked
    (a draft may be read by people the sender never meant to see them)."""
    text = " ".join(mask_cpr_numbers(text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[: limit + 1] else text[:limit]
    return cut.rstrip(" ,.;:-") + " …"


class NoteRemark(models.Model):
    """Administrationens bemærkning to all the responses about one card (card None: the
    responses about the budget in general)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="note_remarks")
    card = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField(_("administrationens bemærkning"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("bemærkning i høringsnotat")
        verbose_name_plural = _("bemærkninger i høringsnotat")
        constraints = [
            models.UniqueConstraint(
                fields=["hearing", "card"],
                condition=models.Q(card__isnull=False),
                name="note_remark_once_per_card",
            ),
            models.UniqueConstraint(
                fields=["hearing"],
                condition=models.Q(card__isnull=True),
                name="note_remark_once_in_general",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.hearing}: {self.card or '-'}"
