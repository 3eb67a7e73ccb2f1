"""The guidance page cites the guide by its title and names the rules it applied in
words, in Bokmål and in English; no seed number or rule id reaches the reader."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from henvis.apps.identification.tests.test_screening_page import walk
from henvis.catalogue.guide_rules import RULES

CHILD = {"reporter_kind": "school", "age": "15", "sex": "female", "forms": ["prostitution"],
         "arenas": [], "indicators": ["bg-m02"]}


def _visible(page: str) -> str:
    """The text a reader sees: no tags, attributes or hidden form fields."""
    page = re.sub(r"<(script|style)\b.*?</\1>", "", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_sources_and_rules_are_shown_in_words(client: Client, language: str) -> None:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    page = walk(client, CHILD)
    assert 'data-rule="treat_as_child"' in page  # the rules did fire
    text = _visible(page)
    assert "seed" not in text.lower()
    # One-word ids ("rights") are ordinary words; the others must not show.
    assert [r.id for r in RULES if "_" in r.id and r.id in text] == []
    assert "<code>" not in page
    if language == "nb":
        assert "KOMs veileder «Identifisering av mulige ofre for menneskehandel» (2024), Del 6 punkt 1" in text
        assert "Behandles som barn – Del 6 punkt 1" in text
    else:
        assert 'KOM\'s guide "Identifisering av mulige ofre for menneskehandel" (2024), Part 6 point 1' in text
        assert "Treated as a child – Part 6 point 1" in text
