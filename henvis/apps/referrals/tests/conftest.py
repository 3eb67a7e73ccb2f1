"""The two organisations the referral tests send cases between."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def police(make_user: Any) -> Any:
    return make_user("politi", roles=["first_line"], org="politi-oslo")


@pytest.fixture
def rosa(make_user: Any) -> Any:
    return make_user("rosa", roles=["coordinator"], org="rosa")
