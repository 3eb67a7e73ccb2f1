"""The printable rights sheet exists in Norwegian and English and prints on A4."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils.html import escape

from henvis.catalogue import load_catalogue


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_rights_sheet_in_each_language(client: Client, language: str) -> None:
    catalogue = load_catalogue()
    page = client.get(f"/screening/rights/{language}/").content.decode()
    for item in catalogue.rights.entitlements:
        assert escape(getattr(item.text, language)) in page
    other = "en" if language == "nb" else "nb"
    assert escape(getattr(catalogue.rights.entitlements[0].text, other)) not in page
    assert "22 33 11 60" in page and 'media="print"' in page


@pytest.mark.django_db
def test_child_sheet_has_the_child_rights_and_116_111(client: Client) -> None:
    page = client.get("/screening/rights/nb/?child=1").content.decode()
    assert load_catalogue().rights.minors.nb in page and "116 111" in page


@pytest.mark.django_db
def test_unknown_language_is_404(client: Client) -> None:
    assert client.get("/screening/rights/de/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nb", "en"])
def test_rights_sheet_prints_on_at_most_two_a4_pages(client: Client, language: str) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    html = client.get(f"/screening/rights/{language}/").content.decode()

    # The linked stylesheets, read from the static folders (no network, no server).
    sheets = [weasyprint.CSS(filename=finders.find(name)) for name in (
        "henvis/henvis.css", "henvis/print.css", "identification/screening.css", "identification/rights-print.css",
    )]
    html = re.sub(r"<link[^>]*>|<script[^>]*></script>", "", html)
    document = weasyprint.HTML(string=html).render(stylesheets=sheets)
    assert 1 <= len(document.pages) <= 2
    width, height = document.pages[0].width, document.pages[0].height
    assert (round(width), round(height)) == (794, 1123)  # A4 in CSS pixels (210 x 297 mm)
