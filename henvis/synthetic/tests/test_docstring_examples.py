"""The examples in the package's docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "henvis.synthetic", "henvis.synthetic.birth_dates", "henvis.synthetic.dataset",
    "henvis.synthetic.generator", "henvis.synthetic.identifiers", "henvis.synthetic.names",
    "henvis.synthetic.organisations", "henvis.synthetic.parts", "henvis.synthetic.persons",
    "henvis.synthetic.records", "henvis.synthetic.registrations", "henvis.synthetic.targets",
    "henvis.synthetic.transliterate", "henvis.synthetic.variants",
    "henvis.synthetic.attribute_codes",
]


@pytest.mark.parametrize("name", MODULES)
def test_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
