"""The examples in the returns package's docstrings run."""

from __future__ import annotations

import doctest
from importlib import import_module

import pytest

MODULES = ["htcds", "sdmx", "justice", "build", "labels"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    module = import_module(f"henvis.stats.returns.{name}")
    failed, attempted = doctest.testmod(module)
    assert failed == 0 and attempted > 0
