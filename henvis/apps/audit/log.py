"""Appending to the audit log. No lock: an entry and its pending mark are two inserts
(on PostgreSQL one statement, one round trip), and the chain is computed afterwards by :func:`henvis.apps.audit.chain.seal`."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from henvis.apps.audit.chain import VerifyResult, seal, verify
from henvis.apps.audit.models import AuditEntry, AuditPending
from henvis.web.client import client_address

__all__ = ["VerifyResult", "appended", "client_address", "record", "refused_case", "seal", "verify"]

# Set when the current request (or command) appended an entry, so that the request's
# end seals (henvis/apps/audit/middleware.py).
appended: ContextVar[bool] = ContextVar("henvis_audit_appended", default=False)

# The id of a case the current request asked for and was refused (not visible to the
# user), wherever the id came from: path, query or body. The refused-access audit
# (henvis/web/middleware.py) names it, so that probing by body or query shows too.
refused_case: ContextVar[int | None] = ContextVar("henvis_refused_case", default=None)


_COLUMNS = ("at", "actor_id", "actor", "organisation_id", "action", "object_type", "object_id", "ip", "detail",
            "roles")


def _append_sql() -> str:
    entries, pending = AuditEntry._meta.db_table, AuditPending._meta.db_table
    columns = ", ".join(_COLUMNS)  # the fields' own names are the columns
    return (f"WITH e AS (INSERT INTO {entries} ({columns}) VALUES ({', '.join(['%s'] * len(_COLUMNS))}) "  # noqa: S608
            f"RETURNING seq) INSERT INTO {pending} (entry_id) SELECT seq FROM e RETURNING entry_id")


def _append_postgresql(entry: AuditEntry) -> None:
    """The entry and its pending mark in one statement: atomic on its own (no BEGIN,
    SAVEPOINT or COMMIT of ours around it), so one round trip instead of four."""
    values = [getattr(entry, name) for name in _COLUMNS]
    with connection.cursor() as cursor:
        cursor.execute(_append_sql(), values)
        entry.seq = cursor.fetchone()[0]
    entry._state.adding = False
    entry._state.db = connection.alias


def _roles(user: Any) -> str:
    """The user's roles now, as slugs: kept in the entry so that an access document
    names the role someone read in, not the one they hold later. No names."""
    slugs = user.role_slugs() if hasattr(user, "role_slugs") else []
    return "+".join(slugs)[:200]


def record(
    action: str,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    detail: str = "",
    claimed_actor: str = "",
    claimed_organisation_id: int | None = None,
) -> AuditEntry:
    """Append one entry. ``detail`` must not contain personal data (field names, not values).

    ``claimed_actor`` and ``claimed_organisation_id`` name who a request that is *not*
    authenticated claimed to be (the user name of a failed log-in, the owner of a revoked
    API token), so that the attempt is found under that user and by that organisation's
    auditor; ``actor_id`` stays empty, since nobody proved to be that user."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    authenticated = user is not None and getattr(user, "is_authenticated", False)
    if authenticated and (claimed_actor or claimed_organisation_id is not None):
        raise ValueError("claimed_actor is for requests that are not authenticated")
    entry = AuditEntry(
        at=timezone.now(),
        actor_id=user.pk if authenticated else None,
        actor=user.get_username() if authenticated else claimed_actor[:150],
        organisation_id=getattr(user, "organisation_id", None) if authenticated else claimed_organisation_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:64],
        ip=client_address(request),
        detail=detail[:200],
        roles=_roles(user) if authenticated else "",
    )
    if connection.vendor == "postgresql":
        _append_postgresql(entry)
    else:
        with transaction.atomic():
            entry.save(force_insert=True)
            AuditPending.objects.create(entry_id=entry.seq)
    appended.set(True)
    return entry
