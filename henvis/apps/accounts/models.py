from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from henvis.apps.accounts.roles import (
    CASE_READERS,
    CASE_WRITERS,
    USER_MANAGERS,
    Role,
    role_conflicts,
)
from henvis.apps.organisations.models import Organisation


class User(AbstractUser):
    """A person who works in an organisation. Roles are groups (``Role`` slugs)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="users",
    )
    # Set when an administrator gave the password (a one-time password at creation or
    # reset): until the user chooses their own, every page leads to the change form, so
    # no administrator holds a working password of someone with access to cases.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def role_slugs(self) -> list[str]:
        if not hasattr(self, "_role_cache"):
            self._role_cache = sorted(self.groups.values_list("name", flat=True))
        return self._role_cache

    def has_role(self, *roles: Role | str) -> bool:
        mine = set(self.role_slugs())
        return any(str(r) in mine for r in roles)

    def set_roles(self, roles: list[Role | str]) -> None:
        conflicts = role_conflicts(roles)
        if conflicts:
            raise ValueError(" ".join(conflicts))
        groups = [Group.objects.get_or_create(name=str(Role(r)))[0] for r in roles]
        self.groups.set(groups)
        if hasattr(self, "_role_cache"):
            del self._role_cache

    @property
    def can_read_cases(self) -> bool:
        return self.organisation_id is not None and self.has_role(*CASE_READERS)

    @property
    def can_write_cases(self) -> bool:
        return self.organisation_id is not None and self.has_role(*CASE_WRITERS)

    @property
    def can_manage_users(self) -> bool:
        return self.has_role(*USER_MANAGERS)

    @property
    def is_analyst(self) -> bool:
        return self.has_role(Role.ANALYST)

    @property
    def is_auditor(self) -> bool:
        return self.has_role(Role.AUDITOR)


def one_time_password() -> str:
    """A password for an administrator to pass on once: five groups of four characters
    without look-alikes (about 100 bits), e.g. ``k7mq-...``."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(5))


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """Bearer token for an agency system acting as a user. Only a hash is stored;
    the raw token is shown once when created."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    expires = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @classmethod
    def issue(cls, user: User, name: str, days: int | None = None) -> tuple[ApiToken, str]:
        """A new token, valid ``days`` days (default ``HENVIS_API_TOKEN_DAYS``; 0: no end)."""
        raw = "hv_" + secrets.token_urlsafe(32)
        days = settings.HENVIS_API_TOKEN_DAYS if days is None else days
        expires = timezone.now() + timedelta(days=days) if days > 0 else None
        return cls.objects.create(user=user, name=name, digest=_digest(raw), expires=expires), raw

    @classmethod
    def authenticate(cls, raw: str) -> User | None:
        return cls.look_up(raw).user

    @classmethod
    def look_up(cls, raw: str) -> TokenCheck:
        """The user a raw token stands for, or why it is refused (``unknown``, ``revoked``,
        ``expired``, ``inactive_user``) with the token when it is a known one."""
        token = cls.objects.select_related("user").filter(digest=_digest(raw)).first()
        if token is None:
            return TokenCheck(None, None, "unknown")
        if token.revoked:
            return TokenCheck(None, token, "revoked")
        if token.expires is not None and token.expires < timezone.now():
            return TokenCheck(None, token, "expired")
        if not token.user.is_active:
            return TokenCheck(None, token, "inactive_user")
        return TokenCheck(token.user, token, "")


@dataclass(frozen=True)
class TokenCheck:
    user: User | None
    token: ApiToken | None
    failure: str
