"""Restriction of processing (GDPR art. 18): a restricted case is seen only by the roles
its restriction names; ``henvis.apps.cases.access.visible_cases`` applies this, so every
page and API call follows it. The coordinator is always among the roles, so that
someone can answer the person and lift the restriction."""

from __future__ import annotations

import json
from typing import Any

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from henvis.apps.accounts.roles import Role
from henvis.apps.cases.models import Case

ALWAYS = Role.COORDINATOR.value


def without_restricted(cases: QuerySet[Case], user: Any) -> QuerySet[Case]:
    """``cases`` without those restricted to roles the user does not hold. A subquery of
    the cases' own query (read at the same moment, no query of its own): a restriction
    hides its case unless its JSON list of role slugs names one of the user's roles."""
    from henvis.apps.dataprotection.models import Restriction

    allowed = Q()
    for role in user.role_slugs():
        # The list as text holds each slug in quotes; slugs are identifiers, so one slug
        # never matches inside another.
        allowed |= Q(roles_text__contains=json.dumps(role))
    restrictions = Restriction.objects.annotate(roles_text=Cast("roles", TextField()))
    hidden = restrictions.exclude(allowed) if allowed else restrictions
    return cases.exclude(pk__in=hidden.values("case_id"))
