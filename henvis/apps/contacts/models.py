"""An anonymous contact (issue 18 item 3): a hotline call, an NGO's first conversation, a
call to KOM's advice line. It holds no identity and no free text, only choices from fixed
lists and the catalogue's ids, so it can never name the person. It is counted as a contact,
never as a person; when the person later agrees, it is linked to a case with identity and
from then on counts once, as that case's person."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.organisations.models import Organisation


class CallerKind(models.TextChoices):
    PERSON = "person", _("The person concerned")
    PRIVATE = "private", _("Family, friend or other private person")
    PROFESSIONAL = "professional", _("Public employee or other professional")
    EMPLOYER = "employer", _("Employer or business")
    UNKNOWN = "unknown", _("Not known")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    CHAT = "chat", _("Chat or text message")
    IN_PERSON = "in_person", _("In person")
    EMAIL = "email", _("E-mail or letter")


class Contact(models.Model):
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+")
    contact_date = models.DateField(_("date of contact"), default=date.today)
    caller_kind = models.CharField(_("who made contact"), max_length=20, choices=CallerKind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PHONE)
    # Catalogue ids only (validated by the form against the installed catalogue).
    indicators = models.JSONField(_("indicators noted"), default=list, blank=True)
    forms = models.JSONField(_("suspected forms of exploitation"), default=list, blank=True)
    advised_services = models.JSONField(_("advised to contact"), default=list, blank=True)
    catalogue_version = models.CharField(max_length=40, blank=True)
    referred_to = models.ForeignKey(
        Organisation, verbose_name=_("referred without identity to"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    # Set when the person agreed to a case with identity: the contact then counts through it.
    case = models.ForeignKey(
        "cases.Case", verbose_name=_("case"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="anonymous_contacts",
    )
    linked_on = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-contact_date", "-id"]
        verbose_name = _("anonymous contact")

    def __str__(self) -> str:
        return f"{self.organisation_id}:{self.contact_date}"
