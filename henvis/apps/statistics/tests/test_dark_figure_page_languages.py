"""The dark-figure page is all in the reader's language: in English (the site's language
switch; the site ignores the browser's Accept-Language on purpose, see
NorwegianByDefaultMiddleware) no Bokmål is left (the method note used to stay in Bokmål,
and the model's warnings, a refusal and the list names came from the core in Bokmål);
in Bokmål the same page is in Bokmål."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from typing import Any

import pandas as pd
import pytest
from django.test import Client
from django.utils import translation

from henvis.stats.report.darkfigure import method_note


def _main(response: Any) -> str:
    """The page's own content (the layout around it has the language switch, which names
    both languages), as plain text."""
    html = response.content.decode()
    main = html[html.index('<main id="main">'):html.index("</main>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def _dark(stored_extract: Any, year: int) -> Any:
    from henvis.apps.statistics.figures import dark_figure_for

    return dark_figure_for(stored_extract, year)


def _labels(names: tuple[str, ...], language: str) -> list[str]:
    from henvis.apps.statistics.pages import LIST_LABELS

    with translation.override(language):
        return [str(LIST_LABELS.get(n, n)) for n in names]


def _switch(client: Client, language: str) -> Client:
    """The site's language switch, as the button in the page header posts it."""
    client.post("/i18n/setlang/", {"language": language, "next": "/statistics/dark-figure/"})
    return client


@pytest.mark.django_db
def test_english_page_has_no_bokmal_left(client_for: Callable[[list[str]], Client], stored_extract: Any) -> None:
    client = _switch(client_for(["analyst"]), "en")
    year = max(stored_extract.years)
    response = client.get(f"/statistics/dark-figure/?year={year}")
    assert response.status_code == 200
    text = _main(response)
    assert " ".join(method_note("en").split()) in text
    assert method_note("nb")[:60] not in text
    dark = _dark(stored_extract, year)
    for warning in dark.model_warnings_in("en"):
        assert " ".join(warning.split()) in text
    for label in _labels(dark.lists, "en"):
        assert label in text
    # every string of the page went through the translation: no Norwegian letter is left
    assert not re.search(r"[æøåÆØÅ]", text), re.findall(r"\S*[æøåÆØÅ]\S*", text)


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["default", "language switch"])
def test_bokmal_page_is_in_bokmal(client_for: Callable[[list[str]], Client], stored_extract: Any,
                                  how: str) -> None:
    year = max(stored_extract.years)
    client = client_for(["analyst"])
    if how == "language switch":
        _switch(_switch(client, "en"), "nb")  # back from English
    # an English browser still gets Bokmål until the reader switches
    response = client.get(f"/statistics/dark-figure/?year={year}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    text = _main(response)
    assert " ".join(method_note("nb").split()) in text
    assert method_note("en")[:60] not in text
    dark = _dark(stored_extract, year)
    for warning in dark.model_warnings_in("nb"):
        assert " ".join(warning.split()) in text
    labels = _labels(dark.lists, "nb")
    assert labels != _labels(dark.lists, "en")  # the list names are translated
    for label in labels:
        assert label in text
    with translation.override("nb"):
        assert translation.gettext("Method") in text and translation.gettext("Lists used") in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "nb"])
def test_refusal_is_shown_in_the_page_s_language(client_for: Callable[[list[str]], Client], stored_extract: Any,
                                                 language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from henvis.apps.statistics import pages
    from henvis.stats.report import dark_figure

    year = max(stored_extract.years)
    client = _switch(client_for(["analyst"]), language)
    client.get(f"/statistics/dark-figure/?year={year}")  # fills the page's cache for the year
    # two lists cannot support an estimate: the page shows the refusal instead
    refused = dark_figure(pd.DataFrame({"A": [1, 0, 1], "B": [0, 1, 1], "count": [40, 30, 10]}),
                          bootstrap=0, collapse=False)
    assert refused.refusal is not None and refused.refusal_en is not None
    # through monkeypatch, so that the page shows the real estimate again afterwards
    monkeypatch.setattr(pages, "dark_figure_for", lambda extract, y: refused)
    text = _main(client.get(f"/statistics/dark-figure/?year={year}"))
    shown, other = ((refused.refusal_en, refused.refusal) if language == "en"
                    else (refused.refusal, refused.refusal_en))
    assert shown in text and other not in text
