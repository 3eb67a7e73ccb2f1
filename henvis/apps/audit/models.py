"""Append-only audit log of every read and write of personal data, sealed into an
HMAC chain (docs/architecture.md, "Audit log").

A request appends an ``AuditEntry`` and marks it ``AuditPending`` without any lock, so
audited requests never queue behind each other. A sealing step (after the request, or
``henvis audit seal``/``verify``) takes the pending entries in order and appends one
``AuditSeal`` per entry: a gap-free position and an HMAC, keyed with a key kept outside
the database (``HENVIS_AUDIT_KEYS``), over the previous seal's HMAC and the entry. The
chain head is also written to checkpoint files outside the database. Entries never hold
personal data themselves: the object is named by type and id only."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    # The order of appending. A rolled-back transaction leaves a gap here, which is why
    # the gap-free order that verification checks is the seal's ``position``.
    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("time"))
    actor_id = models.BigIntegerField(_("user id"), null=True)
    actor = models.CharField(_("user"), max_length=150, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True)
    action = models.CharField(_("action"), max_length=40)
    object_type = models.CharField(_("object type"), max_length=60, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    ip = models.CharField(_("from"), max_length=64, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    # The actor's roles when the entry was written (role slugs joined by "+"), so that a
    # person's access document says in which role someone read, even after the user's
    # roles changed or the user was removed. Empty for entries written before this field.
    roles = models.CharField(_("roles"), max_length=200, blank=True)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            models.Index(fields=["actor_id", "at"]),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries are append-only")


class AuditPending(models.Model):
    """An entry not sealed yet; written in the same transaction as the entry, removed
    when it is sealed. A small table, so the sealer never scans the whole log."""

    entry_id = models.BigIntegerField(primary_key=True)

    def __str__(self) -> str:
        return f"pending #{self.entry_id}"


class AuditSeal(models.Model):
    """One link of the chain: ``mac`` = HMAC(key, previous mac, position, entry)."""

    position = models.BigIntegerField(primary_key=True)
    entry_id = models.BigIntegerField(unique=True)
    key_id = models.CharField(max_length=16)
    mac = models.CharField(max_length=64)
    sealed_at = models.DateTimeField()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"seal #{self.position} -> entry #{self.entry_id}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise PermissionError("audit seals are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit seals are append-only")


class AuditAnchor(models.Model):
    """Where the chain starts after entries past their retention were pruned: the
    position and mac of the last pruned seal, signed with the audit key (so writing the
    database alone cannot move it) and also published as a checkpoint. Verification
    starts from the newest anchor instead of the genesis."""

    position = models.BigIntegerField(primary_key=True)
    mac = models.CharField(max_length=64)
    key_id = models.CharField(max_length=16)
    signature = models.CharField(max_length=64)
    at = models.CharField(max_length=32)  # ISO time, as signed
    entries_pruned = models.BigIntegerField()
    written_before = models.CharField(max_length=32)  # ISO time: entries up to it were due

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"anchor at seal #{self.position}"
