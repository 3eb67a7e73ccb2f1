"""Restriction while a correction is disputed: only the named roles read the case, in
the owning organisation and in those it was referred to; lifting it gives access back."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_restricted_case_is_read_only_by_the_named_roles(client: Client, rosa: Any, make_user: Any,
                                                         police: Any, referred_case: Any) -> None:
    first_line = Client()
    first_line.force_login(make_user("rosa-1", roles=["first_line"], org="rosa"))
    receiver = Client()
    receiver.force_login(police)  # the police's first-line worker, to whom the case was referred
    url = f"/cases/{referred_case.pk}/"
    assert first_line.get(url).status_code == 200 and receiver.get(url).status_code == 200
    assert receiver.get(f"/api/v1/cases/{referred_case.pk}").status_code == 200
    client.force_login(rosa)
    response = client.post(f"/dataprotection/cases/{referred_case.pk}/restrict/", {"roles": ["coordinator"]})
    assert response.status_code == 302
    assert first_line.get(url).status_code == 404
    assert receiver.get(url).status_code == 404
    assert referred_case.reference not in first_line.get("/cases/").content.decode()
    assert receiver.get(f"/api/v1/cases/{referred_case.pk}").status_code == 404
    assert client.get(url).status_code == 200  # the coordinator still reads it
    assert AuditEntry.objects.filter(action="case.restrict", object_id=str(referred_case.pk)).exists()
    client.post(f"/dataprotection/cases/{referred_case.pk}/unrestrict/")
    assert first_line.get(url).status_code == 200 and receiver.get(url).status_code == 200


def test_the_coordinator_is_always_among_the_roles(client: Client, rosa: Any, make_user: Any,
                                                   referred_case: Any) -> None:
    client.force_login(rosa)
    client.post(f"/dataprotection/cases/{referred_case.pk}/restrict/", {"roles": ["first_line"]})
    assert client.get(f"/cases/{referred_case.pk}/").status_code == 200
    admin = Client()
    admin.force_login(make_user("admin", roles=["org_admin"], org="rosa"))
    assert admin.get(f"/cases/{referred_case.pk}/").status_code == 404


def test_only_the_owners_coordinator_or_administrator_restricts(client: Client, make_user: Any, police: Any,
                                                                referred_case: Any) -> None:
    client.force_login(police)
    assert client.post(f"/dataprotection/cases/{referred_case.pk}/restrict/",
                       {"roles": ["coordinator"]}).status_code == 403
    client.force_login(make_user("rosa-1", roles=["first_line"], org="rosa"))
    assert client.post(f"/dataprotection/cases/{referred_case.pk}/restrict/",
                       {"roles": ["coordinator"]}).status_code == 403
    assert client.get(f"/cases/{referred_case.pk}/").status_code == 200


def test_a_restriction_is_read_in_the_cases_own_query_and_matches_whole_role_names(
        rosa: Any, make_user: Any, referred_case: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from henvis.apps.cases.access import visible_cases
    from henvis.apps.dataprotection.models import Restriction

    first_line = make_user("rosa-1", roles=["first_line"], org="rosa")
    both = make_user("rosa-2", roles=["first_line", "coordinator"], org="rosa")
    Restriction.objects.create(case=referred_case, roles=["coordinator", "first_line_lead"], by=rosa)
    # "first_line" is part of "first_line_lead" as text, but is not that role
    assert not visible_cases(first_line).filter(pk=referred_case.pk).exists()
    assert visible_cases(both).filter(pk=referred_case.pk).exists()
    assert visible_cases(rosa).filter(pk=referred_case.pk).exists()
    with CaptureQueriesContext(connection) as queries:
        list(visible_cases(first_line))
    assert len(queries.captured_queries) == 1  # the restriction is a subquery, not a query of its own
    Restriction.objects.filter(case=referred_case).update(roles=["coordinator", "first_line"])
    assert visible_cases(first_line).filter(pk=referred_case.pk).exists()
