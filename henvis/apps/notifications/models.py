"""Notifications to an organisation (issue 15 item 3): a new referral, an answer to one of
its referrals, a withdrawn consent, a deadline passed or near, a reminder.

A notification holds no personal data: its kind, the record it points at (by key), a
deadline's kind and date, and which organisation caused it. The page shows the case
reference; the e-mail only a link. Each user of the organisation reads it separately."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.cases.models import Case
from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import Referral


class Kind(models.TextChoices):
    REFERRAL_NEW = "referral_new", _("New referral to your organisation")
    REFERRAL_ACCEPTED = "referral_accepted", _("Your referral was accepted")
    REFERRAL_DECLINED = "referral_declined", _("Your referral was declined")
    MEASURE_STARTED = "measure_started", _("The receiver of your referral started a measure")
    REFERRAL_REVOKED = "referral_revoked", _("A referral to your organisation was revoked")
    REFERRAL_MESSAGE = "referral_message", _("New message in a referral")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("A consent was withdrawn")
    DEADLINE_OVERDUE = "deadline_overdue", _("A deadline has passed")
    DEADLINE_SOON = "deadline_soon", _("A deadline falls within 7 days")
    REMINDER = "reminder", _("Reminder of a deadline")


# Kinds that answer the organisation's own referrals (the home page's "answers").
ANSWERS = (Kind.REFERRAL_ACCEPTED, Kind.REFERRAL_DECLINED, Kind.MEASURE_STARTED)
# Kinds made by the daily scan of deadlines: one per deadline, date and kind.
SCANNED = (Kind.DEADLINE_OVERDUE, Kind.DEADLINE_SOON)


class Notification(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    # What it is about, so that a repeated scan or reminder finds it again:
    # "referral:<id>" or "decision:<id>:<deadline kind>".
    subject = models.CharField(max_length=80, blank=True)
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    referral = models.ForeignKey(Referral, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    deadline = models.CharField(max_length=40, blank=True)  # a deadline's kind (deadlines.LABELS, "referral_answer")
    due = models.DateField(null=True, blank=True)
    from_organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    created = models.DateTimeField(default=timezone.now)
    emailed = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["organisation", "created"]), models.Index(fields=["subject", "kind"])]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "subject", "due"],
                                    condition=models.Q(kind__in=["deadline_overdue", "deadline_soon"]),
                                    name="notification_scanned_once"),
        ]

    def __str__(self) -> str:
        return f"notification #{self.pk}"


class NotificationRead(models.Model):
    """One user has opened (or marked as read) one notification."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notification", "user"], name="notification_read_once")]

    def __str__(self) -> str:
        return f"read of notification #{self.notification_id}"
