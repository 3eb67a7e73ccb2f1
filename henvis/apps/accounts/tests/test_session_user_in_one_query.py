"""A logged-in request reads its user, the user's organisation and the user's roles in
one query (henvis/apps/accounts/backends.py), fresh on every request: a role taken away,
or a user deactivated, applies to the very next request of an open session."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from henvis.apps.accounts.backends import UserBackend

pytestmark = pytest.mark.django_db


def test_user_roles_and_organisation_come_in_one_query(make_user: Any) -> None:
    kari = make_user("kari", roles=["first_line", "coordinator"], org="rosa")
    with CaptureQueriesContext(connection) as queries:
        user = UserBackend().get_user(kari.pk)
        assert user is not None
        assert user.role_slugs() == ["coordinator", "first_line"]
        assert user.can_read_cases and user.can_write_cases
        assert user.organisation is not None and user.organisation.slug == "rosa"
    assert len(queries.captured_queries) == 1, [q["sql"] for q in queries.captured_queries]


def test_a_user_without_roles_has_none(make_user: Any) -> None:
    nobody = make_user("nobody", roles=[], org="rosa")
    user = UserBackend().get_user(nobody.pk)
    assert user is not None and user.role_slugs() == []
    assert not user.can_read_cases


def test_a_role_taken_away_applies_to_the_next_request(make_user: Any) -> None:
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    session = Client()
    session.force_login(kari)
    assert session.get("/cases/").status_code == 200
    kari.set_roles(["analyst"])
    assert session.get("/cases/").status_code == 403


def test_a_deactivated_user_is_not_loaded(make_user: Any) -> None:
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    kari.is_active = False
    kari.save()
    assert UserBackend().get_user(kari.pk) is None
    assert UserBackend().get_user(kari.pk + 1000) is None
