"""Organisations are the tenants of Henvis: every user belongs to one, every case is
owned by one. The real Norwegian organisations are loaded from
``henvis/catalogue/data/organisations.yaml`` (each citing its seed section)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    """In the order the organisation list shows them."""

    COORDINATION = "coordination", _("National coordination unit")
    POLICE_DISTRICT = "police_district", _("Police district")
    POLICE_NATIONAL = "police_national", _("National police unit")
    PROSECUTION = "prosecution", _("Prosecuting authority")
    IMMIGRATION = "immigration", _("Immigration authority")
    CHILD_WELFARE_STATE = "child_welfare_state", _("State child welfare")
    CHILD_WELFARE_MUNICIPAL = "child_welfare_municipal", _("Municipal child welfare service")
    WELFARE = "welfare", _("Labour and welfare (NAV)")
    VICTIM_SUPPORT = "victim_support", _("Victim support")
    LABOUR = "labour", _("Labour inspection and foreign workers")
    INTEGRATION = "integration", _("Integration authority")
    HEALTH = "health", _("Health services")
    NGO = "ngo", _("Voluntary or non-profit organisation")
    INTERNATIONAL = "international", _("International organisation")
    OPERATOR = "operator", _("System operator")


# Kinds that neither receive referrals, provide measures nor decide on a case: the
# coordination unit counts, the operator runs the system.
NOT_SERVING = (OrganisationKind.COORDINATION, OrganisationKind.OPERATOR)


class OrganisationQuerySet(models.QuerySet["Organisation"]):
    def serving(self) -> OrganisationQuerySet:
        """Active organisations that can receive a referral, provide a measure or decide."""
        return self.filter(active=True).exclude(kind__in=NOT_SERVING)


class Organisation(models.Model):
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="units",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    phone_note = models.CharField(_("phone note"), max_length=200, blank=True)
    phone_note_en = models.CharField(_("phone note in English"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    web = models.CharField(_("web address"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True,
        help_text=_("Where the public details come from (seed document and section)."),
    )
    active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        """The name in the page's language: an English page shows the English name."""
        return self.in_language("name", get_language() or "nb")

    def in_language(self, field: str, language: str) -> str:
        """``name``, ``phone_note`` or ``description`` in ``language``: the English text
        when the page is English and the data have one, the Bokmål otherwise."""
        english = getattr(self, f"{field}_en", "") if language.startswith("en") else ""
        return str(english or getattr(self, field))
