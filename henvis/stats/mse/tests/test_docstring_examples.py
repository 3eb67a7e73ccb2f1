"""The examples in the MSE modules' docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "henvis.stats.mse", "henvis.stats.mse.table", "henvis.stats.mse.refusal",
    "henvis.stats.mse.identifiability", "henvis.stats.mse.stepwise",
    "henvis.stats.mse.bootstrap", "henvis.stats.mse.estimate",
    "henvis.stats.mse.linkage_samples",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
