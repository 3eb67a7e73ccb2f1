"""Roles a user can hold. Roles are Django groups named by these slugs, so the
framework's permission machinery is available; the checks that matter for personal
data are the explicit functions below and the object checks in each area."""

from __future__ import annotations

from collections.abc import Iterable
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


def role_conflicts(roles: Iterable[Role | str]) -> list[str]:
    """Why a set of roles may not be held together (separation of duties), in the
    active language; empty when it may.

    The auditor checks what case workers did, so does not write cases; the system
    administrator makes accounts, so does not also hold a role that reads them (it could
    otherwise give itself access that nobody else granted).

    >>> role_conflicts(["auditor", "coordinator"]) != [] and role_conflicts(["auditor", "org_admin"]) == []
    True
    """
    held = {str(r) for r in roles}
    problems: list[str] = []
    if Role.AUDITOR in held and held & CASE_WRITERS:
        problems.append(str(_("The auditor cannot also hold a role that writes cases.")))
    if Role.SYSTEM_ADMIN in held and held & CASE_READERS:
        problems.append(str(_("The system administrator cannot also hold a role that reads cases.")))
    return problems
