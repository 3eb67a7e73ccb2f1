"""Who screens in asylum and return procedures: users of the immigration administration
(UDI, UNE: organisations of kind immigration) and of the police immigration unit (PU), who
may write cases. Lifting a hold is for the organisation's coordinator (the responsible
person), never the worker who is to carry out the removal alone."""

from __future__ import annotations

from typing import Any

from henvis.apps.accounts.roles import Role
from henvis.apps.organisations.models import OrganisationKind

POLICE_IMMIGRATION_UNITS = frozenset({"pu"})


def immigration_organisation(user: Any) -> bool:
    organisation = getattr(user, "organisation", None)
    return organisation is not None and (
        organisation.kind == OrganisationKind.IMMIGRATION or organisation.slug in POLICE_IMMIGRATION_UNITS
    )


def can_screen(user: Any) -> bool:
    return bool(getattr(user, "can_write_cases", False)) and immigration_organisation(user)


def can_lift(user: Any, organisation_id: int) -> bool:
    return (getattr(user, "organisation_id", None) == organisation_id and immigration_organisation(user)
            and user.has_role(Role.COORDINATOR))
