"""A forum and its structure: Forum → Session → Round → Question (a Pol.is "conversation")."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Access(models.TextChoices):
    OPEN = "open", _("Open: anyone may take part")
    LINK = "link", _("Link only: whoever has the invitation link")
    SIGNED_IN = "signed_in", _("Signed-in participants only")


class SessionKind(models.TextChoices):
    PLENARY = "plenary", _("Plenary")
    THEMATIC = "thematic", _("Thematic")
    LOCAL = "local", _("Local")


class Moderation(models.TextChoices):
    STRICT = "strict", _("Strict: new statements wait for an organiser")
    LAX = "lax", _("After the fact: new statements show until an organiser rejects them")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Forum(models.Model):
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    language = models.CharField(
        _("language"), max_length=8, default="en", help_text=_("the forum's own language")
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    access = models.CharField(_("access"), max_length=10, choices=Access.choices, default=Access.OPEN)
    invitation = models.CharField(max_length=64, blank=True, help_text=_("the secret of link-only forums"))
    organisers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="forums_organised")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")

    def __str__(self) -> str:
        return self.title


class Session(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=SessionKind.choices, default=SessionKind.THEMATIC
    )
    territory = models.ForeignKey("territories.Territory", null=True, blank=True, on_delete=models.PROTECT)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self) -> str:
        return self.title


class Round(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="rounds")
    title = models.CharField(_("title"), max_length=300)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """What participants answer with statements and votes; ``source``/``source_id`` name an imported Pol.is
    conversation. The analysis is cached here, with the vote count it was computed from."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    title = models.CharField(_("title"), max_length=300)
    prompt = models.TextField(_("prompt"), blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=8, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    moderation = models.CharField(
        _("moderation"), max_length=8, choices=Moderation.choices, default=Moderation.LAX
    )
    allow_statements = models.BooleanField(_("participants may add statements"), default=True)
    source = models.CharField(max_length=80, blank=True)
    source_id = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    votes_version = models.PositiveBigIntegerField(default=0, help_text="bumped by every vote and moderation")
    analysis = models.JSONField(null=True, blank=True)
    analysed_version = models.PositiveBigIntegerField(default=0)
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.title
