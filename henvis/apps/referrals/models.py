"""Referrals between organisations, the consent or legal basis each rests on, and
transfers of case ownership.

A referral gives the receiving organisation access to the case while it is pending or
accepted, and lets it see the records of the referring organisation; see
``henvis.apps.cases.access`` for the whole rule."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.cases import periods
from henvis.apps.cases.crypto import EncryptedJSONField, EncryptedTextField
from henvis.apps.cases.models import Case
from henvis.apps.organisations.models import Organisation
from henvis.web.choice_display import ChoiceDisplay


class Purpose(models.TextChoices):
    HOUSING = "housing", _("Housing")
    FOLLOW_UP = "follow_up", _("Follow-up")
    LEGAL_AID = "legal_aid", _("Legal aid")
    HEALTH = "health", _("Health")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    POLICE_REPORT = "police_report", _("Police report")
    RESIDENCE_PERMIT = "residence_permit", _("Residence permit")
    ASSISTED_RETURN = "assisted_return", _("Assisted return")
    OTHER = "other", _("Other")


class ReferralStatus(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    REVOKED = "revoked", _("Revoked")


# Statuses in which the receiving organisation has access to the case.
OPEN_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACCEPTED)
# Statuses in which the receiver has answered (a revoked referral was not answered).
ANSWERED_STATUSES = (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED, ReferralStatus.COMPLETED)


# The longest message a referral may carry (page and API alike).
MESSAGE_MAX = 2000
CONTACT_PERSON_MAX = 200
CONTACT_PHONE_MAX = 30


class LegalBasis(models.TextChoices):
    """What lifts the duty of confidentiality (seed 004 Del 6)."""

    CONSENT = "consent", _("The person's consent")
    DUTY_TO_NOTIFY = "duty_to_notify", _("Duty to notify child welfare (barnevernsloven § 13-2 e)")
    DUTY_TO_AVERT = "duty_to_avert", _("Duty to avert (straffeloven § 196)")


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Written")
    ORAL = "oral", _("Oral, noted by the worker")


class Consent(models.Model):
    """The person's consent that ``organisation`` may share the case with ``given_to``."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    given_to = models.ForeignKey(Organisation, verbose_name=_("consent to share with"), on_delete=models.PROTECT, related_name="+")
    given_on = models.DateField(_("consent given"), default=timezone.localdate)
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices, default=ConsentForm.WRITTEN)
    scope = EncryptedTextField(_("what may be shared"), max_length=200, blank=True)
    withdrawn_on = models.DateField(_("withdrawn"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["given_on", "id"]

    def __str__(self) -> str:
        return f"consent #{self.pk}"

    @property
    def active(self) -> bool:
        return self.withdrawn_on is None


class Referral(ChoiceDisplay, models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(Organisation, verbose_name=_("from"), on_delete=models.PROTECT, related_name="referrals_sent")
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("to"), on_delete=models.PROTECT, related_name="referrals_received")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    status = models.CharField(_("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT)
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.CONSENT)
    consent = models.ForeignKey(Consent, verbose_name=_("consent"), null=True, blank=True, on_delete=models.PROTECT, related_name="referrals")
    message = EncryptedTextField(_("message to the receiver"), max_length=MESSAGE_MAX, blank=True)
    decline_reason = EncryptedTextField(_("reason for declining"), max_length=300, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sent = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered = models.DateTimeField(null=True, blank=True)
    # Onward referral (issue 16): only the owner may let a receiver pass the case on,
    # and an onward referral lives only as long as the accepted referral it rests on.
    # Whom the receiver calls about the referral (a worker, not the person referred).
    contact_person = models.CharField(_("contact person"), max_length=CONTACT_PERSON_MAX, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=CONTACT_PHONE_MAX, blank=True)
    # What a receiver sees before accepting (issue 15 item 4): with this off (the
    # default), only the referral itself (purpose, message, the kind of case), not the
    # person or the case; the sender opts in to share them before the answer.
    shared_before_accepting = models.BooleanField(
        _("the receiver sees the person and the case before accepting"), default=False,
    )
    onward_allowed = models.BooleanField(_("the receiver may refer the case onward"), default=False)
    rests_on = models.ForeignKey(
        "self", verbose_name=_("onward referral of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="onward",
    )

    class Meta:
        ordering = ["-sent", "-id"]
        indexes = [models.Index(fields=["to_organisation", "status"]), models.Index(fields=["case", "status"])]

    def __str__(self) -> str:
        return f"referral #{self.pk}"

    @property
    def answer_due(self) -> date | None:
        """When the receiver should have answered (None once answered)."""
        if self.status != ReferralStatus.SENT:
            return None
        return periods.referral_answer_due(timezone.localdate(self.sent), self.legal_basis == LegalBasis.DUTY_TO_NOTIFY,
                                           settings.HENVIS_REFERRAL_ANSWER_DAYS)

    @property
    def answer_overdue(self) -> bool:
        due = self.answer_due
        return due is not None and due < timezone.localdate()


class ReferralMessage(models.Model):
    """One message in the conversation between a referral's sender and receiver."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("message"), max_length=MESSAGE_MAX)  # may be about the person
    sent = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sent", "id"]

    def __str__(self) -> str:
        return f"referral message #{self.pk}"


class OwnershipTransfer(models.Model):
    """The history of who owned a case: one row per hand-over."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey(Organisation, verbose_name=_("new owner"), on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.CONSENT)
    consent = models.ForeignKey(Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"), max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"transfer #{self.pk}"


class CrossBorderConsent(models.Model):
    """The person's consent to a referral abroad (issue 18 item 4): it names the transfer
    across the border, the country and contact point, and how much identity goes with it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="crossborder_consents")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    country = models.CharField(_("country"), max_length=2)
    contact_point = models.CharField(_("contact point"), max_length=40)
    given_on = models.DateField(_("consent given"), default=timezone.localdate)
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices, default=ConsentForm.WRITTEN)
    includes_name = models.BooleanField(_("the name may be sent"), default=False)
    includes_birth_date = models.BooleanField(_("the date of birth may be sent"), default=False)
    withdrawn_on = models.DateField(_("withdrawn"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"cross-border consent #{self.pk}"


class CrossBorderExport(models.Model):
    """One signed file made from a cross-border consent (what left, when, by whom)."""

    # Erased with the case and its consent; the audit log keeps that a file left.
    consent = models.ForeignKey(CrossBorderConsent, on_delete=models.CASCADE, related_name="exports")
    file_id = models.UUIDField(unique=True)
    digest = models.CharField(max_length=64)  # SHA-256 of the file as downloaded
    exported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    exported = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-exported", "-id"]

    def __str__(self) -> str:
        return f"cross-border export #{self.pk}"


class CrossBorderImport(models.Model):
    """A referral received from abroad as a signed file; the verified summary beside it."""

    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="crossborder")
    file_id = models.UUIDField(unique=True)  # the same file is never imported twice
    sender_instance = models.CharField(max_length=80)
    sender_country = models.CharField(max_length=2)
    summary = EncryptedJSONField(default=dict)  # indicators, needs, identity as consented
    received = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received", "-id"]

    def __str__(self) -> str:
        return f"cross-border import #{self.pk}"
