"""The dark figure's texts for readers come in Bokmål and English from the pure core,
which has no Django to ask for the language: the caller names it ("nb" or "en")."""

from __future__ import annotations

import pandas as pd

from henvis.stats.mse import MSERefusal, estimate_population
from henvis.stats.report import dark_figure
from henvis.stats.report.darkfigure import method_note

THREE_LISTS = pd.DataFrame({"A": [1, 0, 0, 1, 1, 0], "B": [0, 1, 0, 1, 0, 1],
                            "C": [0, 0, 1, 0, 1, 1], "count": [50, 60, 70, 30, 5, 6]})


def test_method_note_in_both_languages() -> None:
    nb, en = method_note("nb"), method_note("en")
    assert nb != en and method_note() == nb
    for note in (nb, en):
        assert "Chan, Silverman" in note and "SparseMSE" in note and "BCa" in note
    assert "multippel systemestimering" in nb and "multiple systems estimation" in en


def test_refusal_in_both_languages() -> None:
    two_lists = pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [40, 30, 10]})
    try:
        estimate_population(two_lists, bootstrap=0)
    except MSERefusal as exc:
        expected = exc
    dark = dark_figure(two_lists, bootstrap=0, collapse=False)
    assert dark.refusal_in("nb") == expected.message_nb == dark.refusal
    assert dark.refusal_in("en") == expected.message_en


def test_model_warnings_in_both_languages() -> None:
    # five replicates per sample over two samples: the pooled "few replicates" warning
    dark = dark_figure([THREE_LISTS] * 3, bootstrap=5, collapse=False)
    assert dark.model_warnings_in("nb") == dark.model_warnings
    assert len(dark.model_warnings_in("en")) == len(dark.model_warnings) > 0
    assert any("bootstrap replicates in all" in w for w in dark.model_warnings_in("en"))
    assert not set(dark.model_warnings_in("en")) & set(dark.model_warnings)
