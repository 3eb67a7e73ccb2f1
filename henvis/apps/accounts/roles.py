"""Roles a user can hold. Roles are Django groups named by these slugs, so the
framework's permission machinery is available; the checks that matter for personal
data are the explicit functions below and the object checks in each area."""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    FIRST_LINE = "first_line"
    COORDINATOR = "coordinator"
    ORG_ADMIN = "org_admin"
    ANALYST = "analyst"
    AUDITOR = "auditor"
    SYSTEM_ADMIN = "system_admin"


ROLE_LABELS = {
    Role.FIRST_LINE: _("First-line worker"),
    Role.COORDINATOR: _("Case coordinator"),
    Role.ORG_ADMIN: _("Organisation administrator"),
    Role.ANALYST: _("Statistics analyst"),
    Role.AUDITOR: _("Auditor"),
    Role.SYSTEM_ADMIN: _("System administrator"),
}

# Roles that may read or write personal data in cases. The analyst (pseudonymised
# data only) and the system administrator (users, not cases) are deliberately absent.
CASE_READERS = frozenset({Role.FIRST_LINE, Role.COORDINATOR, Role.ORG_ADMIN})
CASE_WRITERS = frozenset({Role.FIRST_LINE, Role.COORDINATOR})
USER_MANAGERS = frozenset({Role.ORG_ADMIN, Role.SYSTEM_ADMIN})
