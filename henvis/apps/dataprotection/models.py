"""What data protection itself keeps: tombstones of erased records, notices to the
organisations a case had been referred to, the report of each retention run, the
history of corrections to identifying fields, and restrictions of processing.

None of these hold a name or identity number except ``IdentityCorrection``, whose old
and new values are encrypted like the person's own fields (and deleted with the person)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.cases.crypto import EncryptedTextField
from henvis.apps.cases.models import Case, Person
from henvis.apps.organisations.models import Organisation


class Reason(models.TextChoices):
    REQUEST = "request", _("Erased at the person's request")
    RETENTION = "retention", _("Retention period ended")


class Tombstone(models.Model):
    """An erased record. Audit entries name records by type and id and keep their hashes;
    after erasure no row links that id to a person, and this says the id was erased, when
    and why. ``reference`` is the case reference the statistics extracts use
    (``record_id``, with ``source`` = the organisation's short name)."""

    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=40, blank=True)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    erased_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"]), models.Index(fields=["reference"])]

    def __str__(self) -> str:
        return f"tombstone {self.object_type} #{self.object_id}"


class ReceiverNotice(models.Model):
    """A referral an organisation had received was revoked and its case erased. Holds no
    personal data: the referral's number, the sender and the date."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    sender = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    referral_number = models.BigIntegerField()
    reason = models.CharField(max_length=12, choices=Reason.choices)
    sent_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"notice of referral #{self.referral_number}"


class RetentionRun(models.Model):
    """One run of the retention job, with what it deleted (kinds, counts and references,
    never names)."""

    started = models.DateTimeField(default=timezone.now)
    dry_run = models.BooleanField(default=False)
    report = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started", "-id"]

    def __str__(self) -> str:
        return f"retention run #{self.pk}"


class IdentityCorrection(models.Model):
    """One change to one identifying field of a person: what it was, what it became, who
    (user and organisation) and when. Values are encrypted; seen by the organisation's
    auditor."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    field = models.CharField(max_length=40)
    old_value = EncryptedTextField(blank=True)
    new_value = EncryptedTextField(blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"correction of {self.field} of person #{self.person_id}"


class Restriction(models.Model):
    """Processing of a case restricted while the person disputes a correction (GDPR
    art. 18): only the named roles of the organisations that see the case may read it."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="restriction")
    roles = models.JSONField(default=list)
    since = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"restriction of case #{self.case_id}"
