"""Persons (presumed victims), their cases and what happens in a case.

Every record that is added to a case (screening, measure, decision, proceeding,
non-punishment assessment) names the ``organisation`` that recorded it: visibility
of those records follows the organisation (see ``henvis.apps.cases.access``).
Identifying fields are encrypted at rest (``crypto``) and findable only through
keyed blind indexes (``PersonIndex``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from henvis.apps.cases import blind_index, periods
from henvis.apps.cases.age import Age, age_of
from henvis.apps.cases.choices import (
    Arena,
    BirthPrecision,
    CaseStatus,
    ClosingReason,
    CourtLevel,
    DecisionKind,
    ExploitationForm,
    IdentifiedHow,
    MeasureKind,
    NonPunishmentOutcome,
    Outcome,
    PlaceKind,
    ProceedingStage,
    Provision,
    RefusalReason,
    Sex,
    Verdict,
)
from henvis.apps.cases.crypto import EncryptedJSONField, EncryptedTextField
from henvis.apps.organisations.models import Organisation, OrganisationKind
from henvis.web.choice_display import ChoiceDisplay


class Person(models.Model):
    """A presumed victim as registered by one organisation."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("registered by"), on_delete=models.PROTECT, related_name="+",
    )
    given_names = EncryptedTextField(_("given names"), blank=True)
    family_name = EncryptedTextField(_("family name"), blank=True)
    aliases = EncryptedJSONField(_("aliases"), default=list, blank=True)
    birth_precision = models.CharField(
        _("date of birth is"), max_length=10, choices=BirthPrecision.choices, default=BirthPrecision.UNKNOWN,
    )
    # "YYYY-MM-DD" (exact), "YYYY" (year) or "YYYY/YYYY" (estimated range), encrypted.
    birth = EncryptedTextField(_("date of birth"), blank=True)
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    citizenships = models.JSONField(_("citizenships"), default=list, blank=True)
    national_id = EncryptedTextField(_("fødselsnummer or D-number"), blank=True)
    duf_number = EncryptedTextField(_("DUF number"), blank=True)
    contact = EncryptedTextField(_("contact details"), blank=True)
    # [{"name": ..., "birth_year": ...}], encrypted as a whole.
    children = EncryptedJSONField(_("accompanying children"), default=list, blank=True)
    # The worker's flags. Whether the person is a child follows from the date of birth
    # when there is one: always ask ``age()`` (``henvis.apps.cases.age``), never these.
    minor = models.BooleanField(_("minor (under 18)"), default=False)
    age_in_doubt = models.BooleanField(_("age in doubt (treat as a child)"), default=False)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        # Deliberately no name: str() ends up in logs and error pages.
        return f"person #{self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self.rebuild_index()

    @property
    def identity_unknown(self) -> bool:
        """No name, alias or identity number: registered as of unknown identity (the
        form asks for one of them or an explicit "identity not known")."""
        return not any((self.given_names, self.family_name, self.aliases, self.national_id, self.duf_number))

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p) or "–"

    def age(self, on: date | None = None) -> Age:
        """Minor, adult, age in doubt or unknown on ``on`` (today): the one rule."""
        return age_of(self.birth_precision, self.birth or "", minor=self.minor,
                      age_in_doubt=self.age_in_doubt, on=on or timezone.localdate())

    def birth_years(self) -> list[int]:
        text = self.birth or ""
        if self.birth_precision == BirthPrecision.RANGE and "/" in text:
            first, _sep, last = text.partition("/")
            return list(range(int(first), int(last) + 1)) if first.isdigit() and last.isdigit() else []
        return [int(text[:4])] if text[:4].isdigit() else []

    def index_entries(self) -> set[tuple[str, str]]:
        names = [self.given_names or "", self.family_name or "", *[str(a) for a in self.aliases or []]]
        entries = {("name", t) for t in blind_index.name_tokens(*names)}
        entries |= {("birth_year", str(y)) for y in self.birth_years()}
        if digits := blind_index.digits(self.national_id or ""):
            entries.add(("national_id", digits))
        if digits := blind_index.digits(self.duf_number or ""):
            entries.add(("duf", digits))
        return entries

    def rebuild_index(self) -> None:
        PersonIndex.objects.filter(person=self).delete()
        PersonIndex.objects.bulk_create(
            PersonIndex(person=self, organisation_id=self.organisation_id, kind=kind,
                        digest=blind_index.digest(kind, value))
            for kind, value in sorted(self.index_entries())
        )


class PersonIndex(models.Model):
    """Keyed digests of a person's normalised name tokens, birth years and numbers."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="index")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "digest"]), models.Index(fields=["digest"])]

    def __str__(self) -> str:
        return f"{self.kind} index of person #{self.person_id}"


class Case(ChoiceDisplay, models.Model):
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="cases")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("owning organisation"), on_delete=models.PROTECT, related_name="cases",
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.CONCERN)
    opened = models.DateField(_("opened"), default=date.today)
    closed = models.DateField(_("closed"), null=True, blank=True)
    closing_reason = models.CharField(_("closing reason"), max_length=30, choices=ClosingReason.choices, blank=True)
    exploitation_forms = models.JSONField(_("exploitation forms"), default=list, blank=True)
    arenas = models.JSONField(_("arenas"), default=list, blank=True)
    place_kind = models.CharField(_("where"), max_length=10, choices=PlaceKind.choices, default=PlaceKind.NORWAY)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    police_district = models.ForeignKey(
        Organisation, verbose_name=_("police district"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"kind": OrganisationKind.POLICE_DISTRICT},
    )
    country = models.CharField(_("country (if abroad)"), max_length=2, blank=True)
    identified_how = models.CharField(
        _("how identified"), max_length=20, choices=IdentifiedHow.choices, default=IdentifiedHow.SCREENING,
    )
    identified_by_kind = models.CharField(
        _("identified by (kind of organisation)"), max_length=40, choices=OrganisationKind.choices, blank=True,
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-opened", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.reference

    def exploitation_form_labels(self) -> list[str]:
        labels = dict(ExploitationForm.choices)
        return [str(labels.get(code, code)) for code in self.exploitation_forms or []]

    def arena_labels(self) -> list[str]:
        labels = dict(Arena.choices)
        return [str(labels.get(code, code)) for code in self.arenas or []]

    @property
    def country_name(self) -> str:
        """The country's name in the active language ("" when none; the code if unknown)."""
        return str(countries.name(self.country) or self.country) if self.country else ""

    @property
    def reference(self) -> str:
        return f"HV-{self.opened.year}-{self.pk:06d}" if self.pk else "HV-new"


class CaseRecord(ChoiceDisplay, models.Model):
    """A record added to a case by one organisation (visibility follows ``organisation``)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="%(class)ss")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class Screening(models.Model):
    """A screening from the identification guide, saved by an organisation, attached to
    a case now or later. ``data`` is ``ScreeningInput.to_dict()`` exactly as posted."""

    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.CASCADE, related_name="screenings")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created = models.DateTimeField(default=timezone.now)
    catalogue_version = models.CharField(_("catalogue version"), max_length=40, blank=True)
    # Observations about a person are personal data: encrypted like the identifiers.
    data = EncryptedJSONField(_("screening"), default=dict)

    class Meta:
        ordering = ["created"]

    def __str__(self) -> str:
        return f"screening #{self.pk}"


class Measure(CaseRecord):
    kind = models.CharField(_("measure"), max_length=20, choices=MeasureKind.choices)
    provider = models.ForeignKey(
        Organisation, verbose_name=_("provider"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    # Which shelter or lawyer helps the person says where the person may be found.
    provider_name = EncryptedTextField(_("other provider"), max_length=200, blank=True)
    start = models.DateField(_("from"))
    end = models.DateField(_("to"), null=True, blank=True)
    legal_aid_hours = models.DecimalField(_("hours of free legal aid"), max_digits=5, decimal_places=1, null=True, blank=True)
    extension_granted = models.BooleanField(_("extension granted by the County Governor"), default=False)
    risk_assessed_on = models.DateField(_("risk assessment date"), null=True, blank=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


class Decision(CaseRecord):
    kind = models.CharField(_("decision"), max_length=30, choices=DecisionKind.choices)
    decided_by = models.ForeignKey(
        Organisation, verbose_name=_("decided by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    applied_on = models.DateField(_("applied"), null=True, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    refusal_reason = models.CharField(_("refusal reason"), max_length=30, choices=RefusalReason.choices, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    renewal_of = models.ForeignKey(
        "self", verbose_name=_("renews or extends"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="renewals",
    )
    reintegration_support = models.BooleanField(_("with reintegration support"), default=False)

    class Meta:
        ordering = ["valid_from", "decided_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    def chain_start(self) -> date | None:
        """First day of the first decision this one renews (placement chains)."""
        first: Decision = self
        seen = {self.pk}
        while first.renewal_of is not None and first.renewal_of.pk not in seen:
            first = first.renewal_of
            seen.add(first.pk)
        return first.valid_from

    def default_valid_to(self) -> date | None:
        """The end the rules give when none was entered."""
        if self.valid_from is None or self.outcome != Outcome.GRANTED:
            return None
        if self.kind == DecisionKind.REFLECTION_PERIOD:
            return periods.reflection_period_end(self.valid_from)
        if self.kind == DecisionKind.LIMITED_PERMIT:
            return periods.limited_permit_end(self.valid_from)
        if self.kind == DecisionKind.CW_ACUTE_PLACEMENT:
            return periods.acute_placement_end(self.valid_from)
        if self.kind == DecisionKind.CW_INSTITUTION_PLACEMENT:
            return periods.placement_end(self.valid_from, self.chain_start() or self.valid_from)
        return None


class CriminalProceeding(CaseRecord):
    police_district = models.ForeignKey(
        Organisation, verbose_name=_("police district"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"kind": OrganisationKind.POLICE_DISTRICT},
    )
    reported_on = models.DateField(_("reported"), null=True, blank=True)
    provision = models.CharField(_("provision"), max_length=3, choices=Provision.choices, default=Provision.S257)
    exploitation_form = models.CharField(_("exploitation form"), max_length=20, blank=True)
    victim_minor_at_time = models.BooleanField(_("victim under 18 at the time"), default=False)
    stage = models.CharField(_("stage"), max_length=20, choices=ProceedingStage.choices, default=ProceedingStage.REPORTED)
    indicted_on = models.DateField(_("indicted"), null=True, blank=True)
    court_level = models.CharField(_("court"), max_length=10, choices=CourtLevel.choices, blank=True)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices, blank=True)
    judgment_on = models.DateField(_("judgment date"), null=True, blank=True)
    final = models.BooleanField(_("final (rettskraftig)"), default=False)
    sentence = EncryptedTextField(_("sentence"), max_length=200, blank=True)  # free text in a criminal case
    compensation_awarded = models.DecimalField(
        _("compensation awarded (NOK)"), max_digits=12, decimal_places=0, null=True, blank=True,
    )

    class Meta:
        ordering = ["reported_on", "id"]

    def __str__(self) -> str:
        return f"proceeding #{self.pk}"


class NonPunishmentAssessment(CaseRecord):
    """Council of Europe convention art. 26: was the person spared prosecution for
    offences committed as part of the exploitation? (seed 004 Del 7)"""

    assessed_on = models.DateField(_("assessed"))
    offence = EncryptedTextField(_("offence the person is suspected of"), max_length=200, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=NonPunishmentOutcome.choices, default=NonPunishmentOutcome.PENDING,
    )

    class Meta:
        ordering = ["assessed_on", "id"]

    def __str__(self) -> str:
        return f"non-punishment assessment #{self.pk}"


class Submission(models.Model):
    """A form or API request that created something, by its one-time key: the same key
    again (a double click, a resubmitted page, an API retry) creates nothing new
    (``henvis.apps.cases.idempotency``). Holds no personal data: a key, a digest of
    the request and the id of what was created."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=100)
    fingerprint = models.CharField(max_length=64)
    object_id = models.PositiveIntegerField(null=True, blank=True)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "scope", "key"], name="one_submission_per_key")]

    def __str__(self) -> str:
        return f"submission #{self.pk}"
