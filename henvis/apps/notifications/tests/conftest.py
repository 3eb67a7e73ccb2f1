"""Three organisations: the police sends, ROSA receives, Filemon is a bystander. Each
user has an e-mail address, for the notices sent by e-mail."""

from __future__ import annotations

from typing import Any

import pytest


def _with_email(make_user: Any, username: str, role: str, org: str) -> Any:
    user = make_user(username, roles=[role], org=org)
    user.email = f"{username}@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def police(make_user: Any) -> Any:
    return _with_email(make_user, "politi", "first_line", "politi-oslo")


@pytest.fixture
def rosa(make_user: Any) -> Any:
    return _with_email(make_user, "rosa", "coordinator", "rosa")


@pytest.fixture
def filemon(make_user: Any) -> Any:
    return _with_email(make_user, "filemon", "coordinator", "safe-house-filemon")
