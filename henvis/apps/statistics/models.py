"""What the statistics unit holds: imported registry figures and pseudonymised extracts
with their linkage output. No name or identity number is ever stored here: an extract
that carries one is refused before it reaches the database."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryImport(models.Model):
    """One validated registry CSV (police reports, decisions, ...), kept as imported.
    The format follows from the file name (``henvis.stats.registry.formats``); a later
    import of the same format replaces the years it covers."""

    filename = models.CharField(_("file name"), max_length=100)
    content = models.TextField(_("content"))
    rows = models.PositiveIntegerField(_("rows"))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["imported_at", "pk"]
        verbose_name = _("registry import")

    def __str__(self) -> str:
        return f"{self.filename} ({self.rows})"


class PersonExtract(models.Model):
    """Pseudonymised extracts of all organisations and the linkage output for them. The
    newest is the one the figures are computed from."""

    label = models.CharField(_("label"), max_length=200)
    extract_csv = models.TextField(_("extract"))
    clusters_csv = models.TextField(_("clusters"))
    pairs_csv = models.TextField(_("pairs"), blank=True)
    records = models.PositiveIntegerField(_("records"))
    years = models.JSONField(_("years"), default=list)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("person extract")

    def __str__(self) -> str:
        return self.label
