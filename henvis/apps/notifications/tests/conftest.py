"""Three organisations: the police sends, ROSA receives, Filemon is a bystander."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def police(make_user: Any) -> Any:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    user.email = "politi@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def rosa(make_user: Any) -> Any:
    user = make_user("rosa", roles=["coordinator"], org="rosa")
    user.email = "rosa@example.org"
    user.save(update_fields=["email"])
    return user


@pytest.fixture
def filemon(make_user: Any) -> Any:
    user = make_user("filemon", roles=["coordinator"], org="safe-house-filemon")
    user.email = "filemon@example.org"
    user.save(update_fields=["email"])
    return user
