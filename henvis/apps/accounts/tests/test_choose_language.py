from __future__ import annotations

from django.test import Client


def test_norwegian_is_the_default_language(client: Client, db: object) -> None:
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert '<html lang="nb">' in html
    assert "Logg inn" in html


def test_english_can_be_chosen(client: Client, db: object) -> None:
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html and "Logg inn" not in html


def test_an_english_browser_still_gets_norwegian_until_english_is_chosen(client: Client, db: object) -> None:
    html = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="nb">' in html
