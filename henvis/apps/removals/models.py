"""Screening in asylum and return procedures (issue 18 item 1). The US TIP report (seed 000)
asks Norway to screen foreigners and asylum seekers for trafficking indicators and to wait
with removal until screening is done; the guide says the police and immigration must not
remove before identification (seed 004 line 292). A ``Procedure`` is an asylum or
return/removal record of a case; a ``ProcedureScreening`` notes the catalogue's indicators and
an outcome; "refer and hold" puts a ``Hold`` on the procedure that keeps it from being closed
until the referral is answered or a responsible person lifts it with a reason."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.organisations.models import Organisation
from henvis.apps.referrals.models import ANSWERED_STATUSES


class ProcedureKind(models.TextChoices):
    ASYLUM = "asylum", _("Asylum procedure")
    RETURN = "return", _("Return or removal")


class Outcome(models.TextChoices):
    NONE = "none", _("No indicators")
    REFER = "refer", _("Indicators: refer")
    REFER_HOLD = "refer_hold", _("Indicators: refer and hold the removal")


class LiftReason(models.TextChoices):
    NO_GROUNDS = "no_grounds", _("Assessed further: no grounds to suspect human trafficking")
    HANDLED = "handled", _("The referral was handled in another way (documented in the case)")
    DECISION = "decision", _("Decision by the responsible person (documented in the case)")


class Procedure(models.Model):
    case = models.ForeignKey("cases.Case", verbose_name=_("case"), on_delete=models.PROTECT, related_name="procedures")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("procedure"), max_length=10, choices=ProcedureKind.choices)
    opened = models.DateField(_("opened"), default=date.today)
    closed = models.DateField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened", "-id"]
        verbose_name = _("asylum or return procedure")

    def __str__(self) -> str:
        return f"procedure #{self.pk}"

    def active_holds(self) -> list[Hold]:
        return [h for h in self.holds.select_related("screening__referral") if h.active]


class ProcedureScreening(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="screenings")
    screened_on = models.DateField(_("screened"), default=date.today)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)  # catalogue ids
    catalogue_version = models.CharField(max_length=40, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices)
    referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.PROTECT, related_name="procedure_screenings",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-screened_on", "-id"]

    def __str__(self) -> str:
        return f"procedure screening #{self.pk}"


class Hold(models.Model):
    """A stop on the procedure. Active until the screening's referral is answered or a
    responsible person lifts it with a reason."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="holds")
    screening = models.OneToOneField(ProcedureScreening, on_delete=models.CASCADE, related_name="hold")
    placed = models.DateTimeField(default=timezone.now)
    lifted = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    lift_reason = models.CharField(_("reason"), max_length=20, choices=LiftReason.choices, blank=True)

    def __str__(self) -> str:
        return f"hold #{self.pk}"

    @property
    def referral_answered(self) -> bool:
        referral = self.screening.referral
        return referral is not None and referral.status in ANSWERED_STATUSES

    @property
    def active(self) -> bool:
        return self.lifted is None and not self.referral_answered
