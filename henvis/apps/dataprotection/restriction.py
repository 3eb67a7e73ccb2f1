"""Restriction of processing (GDPR art. 18): a restricted case is seen only by the roles
its restriction names; ``henvis.apps.cases.access.visible_cases`` applies this, so every
page and API call follows it. The coordinator is always among the roles, so that
someone can answer the person and lift the restriction."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from henvis.apps.accounts.roles import Role
from henvis.apps.cases.models import Case

ALWAYS = Role.COORDINATOR.value


def without_restricted(cases: QuerySet[Case], user: Any) -> QuerySet[Case]:
    from henvis.apps.dataprotection.models import Restriction

    mine = set(user.role_slugs())
    hidden = [case_id for case_id, roles in Restriction.objects.values_list("case_id", "roles")
              if not mine & set(roles)]
    return cases.exclude(pk__in=hidden) if hidden else cases
