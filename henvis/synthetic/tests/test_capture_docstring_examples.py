"""The examples in henvis.synthetic.capture's docstrings run and give what they show."""

from __future__ import annotations

import doctest

from henvis.synthetic import capture


def test_examples() -> None:
    result = doctest.testmod(capture, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0
