from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from henvis.apps.audit.models import AuditEntry, AuditHead

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq", "at", "actor_id", "actor", "organisation_id", "action", "object_type", "object_id", "ip", "detail",
)


def _entry_hash(prev_hash: str, fields: dict[str, Any]) -> str:
    payload = json.dumps(
        {k: (fields[k].isoformat() if k == "at" else fields[k]) for k in HASHED_FIELDS},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + payload).encode()).hexdigest()


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


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
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
        fields: dict[str, Any] = {
            "seq": head.seq + 1,
            "at": timezone.now(),
            "actor_id": user.pk if authenticated else None,
            "actor": user.get_username() if authenticated else claimed_actor[:150],
            "organisation_id": getattr(user, "organisation_id", None) if authenticated else claimed_organisation_id,
            "action": action,
            "object_type": object_type,
            "object_id": str(object_id),
            "ip": client_address(request),
            "detail": detail[:200],
        }
        digest = _entry_hash(head.entry_hash, fields)
        entry = AuditEntry.objects.create(prev_hash=head.entry_hash, entry_hash=digest, **fields)
        head.seq = fields["seq"]
        head.entry_hash = digest
        head.save(update_fields=["seq", "entry_hash"])
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problems: list[str]


def verify() -> VerifyResult:
    """Walk the chain from the first entry and report every break."""
    problems: list[str] = []
    prev_hash = GENESIS
    expected_seq = 1
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator():
        checked += 1
        fields = {k: getattr(entry, k) for k in HASHED_FIELDS}
        if entry.seq != expected_seq:
            problems.append(f"entry #{entry.seq}: expected sequence {expected_seq} (deleted or reordered entry)")
        if entry.prev_hash != prev_hash:
            problems.append(f"entry #{entry.seq}: does not follow the entry before it (deleted or reordered)")
        if _entry_hash(entry.prev_hash, fields) != entry.entry_hash:
            problems.append(f"entry #{entry.seq}: content changed after it was written")
        prev_hash = entry.entry_hash
        expected_seq = entry.seq + 1
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and (head.seq != expected_seq - 1 or head.entry_hash != prev_hash):
        problems.append(f"the newest entry should be #{head.seq}: entries at the end were removed or changed")
    if head is None and checked:
        problems.append("the chain head is missing")
    return VerifyResult(ok=not problems, checked=checked, problems=problems)
