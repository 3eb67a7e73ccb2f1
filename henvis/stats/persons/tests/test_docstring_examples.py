"""The examples in the docstrings of the release modules run."""

from __future__ import annotations

import doctest
from importlib import import_module

import pytest

MODULES = ["person_tables", "year_release"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    failed, attempted = doctest.testmod(import_module(f"henvis.stats.persons.{name}"))
    assert attempted > 0 and failed == 0
