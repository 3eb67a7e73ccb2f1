from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from henvis.apps.organisations.loading import read_organisations

pytestmark = pytest.mark.django_db

# The organisations the foundation issue names (seeds 002 and 004 Del 8).
REQUIRED = [
    "Oslo politidistrikt", "Øst politidistrikt", "Innlandet politidistrikt", "Sør-Øst politidistrikt",
    "Agder politidistrikt", "Sør-Vest politidistrikt", "Vest politidistrikt", "Møre og Romsdal politidistrikt",
    "Trøndelag politidistrikt", "Nordland politidistrikt", "Troms politidistrikt", "Finnmark politidistrikt",
    "Kripos", "Påtalemyndigheten", "Utlendingsdirektoratet (UDI)", "Utlendingsnemnda (UNE)",
    "Bufdir", "Nasjonal veiledningsfunksjon", "Bufetat", "Barneverntjenesten i Oslo kommune", "NAV",
    "Human Trafficking Support Oslo (HTSO), NAV Grünerløkka", "Støttesenter for kriminalitetsutsatte",
    "Arbeidstilsynet", "SUA", "IMDi", "Helsetjenesten", "ROSA", "Kirkens Bymisjon Nadheim", "Lauras hus",
    "Frelsesarmeen", "Safe House Filemon", "Migrasjonssenteret", "Maritastiftelsen", "Caritas Norge",
    "Pro Sentret", "Shalam Kristiansand", "Røde Kors", "IOM", "Koordineringsenheten mot menneskehandel (KOM)",
]


def test_organisation_list_shows_norways_organisations(client: Client, make_user: Any) -> None:
    client.force_login(make_user("ola", roles=["first_line"], org="politi-oslo"))
    html = client.get("/organisations/").content.decode()
    missing = [name for name in REQUIRED if name not in html]
    assert missing == []
    # Public numbers from seed 004 Del 8.
    for phone in ("22 33 11 60", "466 15 000", "99 47 02 79", "800 40 008", "23 35 16 00", "23 10 53 20"):
        assert phone in html


def test_every_organisation_cites_its_source() -> None:
    for entry in read_organisations():
        assert entry["source"].strip(), entry["slug"]


def test_system_administrator_can_add_an_organisation(client: Client, make_user: Any, organisations: Any) -> None:
    client.force_login(make_user("drift", roles=["system_admin"], org="henvis-drift"))
    response = client.post("/organisations/new/", {"slug": "krisesenter-bodo", "name": "Krisesenteret i Bodø", "kind": "ngo"})
    assert response.status_code == 302
    assert organisations.filter(slug="krisesenter-bodo").exists()


def test_others_cannot_add_organisations(client: Client, make_user: Any, organisations: Any) -> None:
    client.force_login(make_user("admin", roles=["org_admin"], org="rosa"))
    response = client.post("/organisations/new/", {"slug": "x", "name": "X", "kind": "ngo"})
    assert response.status_code == 403
    assert not organisations.filter(slug="x").exists()


def test_loading_twice_changes_nothing(organisations: Any) -> None:
    from henvis.apps.organisations.loading import load_organisations

    before = organisations.count()
    load_organisations()
    assert organisations.count() == before


@pytest.mark.parametrize("language", ["nb", "en"])
def test_sources_are_cited_by_the_documents_titles(client: Client, make_user: Any, language: str) -> None:
    client.force_login(make_user("ola", roles=["first_line"], org="politi-oslo"))
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get("/organisations/").content.decode()
    assert "seed 0" not in html
    if language == "nb":
        assert "KOMs tilstandsrapport for 2020, Tabell 2" in html
    else:
        assert "KOM situation report (tilstandsrapport) for 2020, Table 2" in html


def test_every_note_and_description_has_its_english_beside_it() -> None:
    for entry in read_organisations():
        for field in ("phone_note", "description"):
            if entry.get(field):
                assert entry.get(f"{field}_en"), (entry["slug"], field)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_notes_and_descriptions_follow_the_language(client: Client, make_user: Any, language: str) -> None:
    client.force_login(make_user("ola", roles=["first_line"], org="politi-oslo"))
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    html = client.get("/organisations/").content.decode()
    norwegian = ("Be om å få snakke med distriktets", "mandag til fredag", "Botilbud for antatte ofre")
    english = ("Ask to speak to the district", "Monday to Friday", "Housing for presumed victims")
    shown, hidden = (norwegian, english) if language == "nb" else (english, norwegian)
    assert all(text in html for text in shown), [t for t in shown if t not in html]
    assert not any(text in html for text in hidden), [t for t in hidden if t in html]
