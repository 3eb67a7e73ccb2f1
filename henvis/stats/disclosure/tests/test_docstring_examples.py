"""The examples in the docstrings run."""

from __future__ import annotations

import doctest
from importlib import import_module

import pytest

MODULES = ["__init__", "disclosure_rule", "structure", "attack", "suppress", "rounding", "kanon"]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    module = import_module("henvis.stats.disclosure" + ("" if name == "__init__" else f".{name}"))
    failed, _ = doctest.testmod(module)
    assert failed == 0
