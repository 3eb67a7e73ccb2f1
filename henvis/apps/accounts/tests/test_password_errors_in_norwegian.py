"""A refused password is explained in the language of the page: every configured
validator's error and help text is Norwegian on Norwegian pages (Django 5.2's own ``nb``
catalogue lacks the length error, see ``henvis/web/django_strings.py``)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.password_validation import get_default_password_validators
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from henvis.apps.accounts.models import User
from henvis.conftest import TEST_PASSWORD

pytestmark = pytest.mark.django_db

# Each password is refused by one validator at least (user name "kari.nordmann").
WEAK = ["kari.nordmann1", "short-7", "password1234", "123456789012345"]


def _errors(language: str) -> list[str]:
    user = User(username="kari.nordmann", first_name="Kari", last_name="Nordmann")
    found: list[str] = []
    with translation.override(language):
        for validator in get_default_password_validators():
            found.append(str(validator.get_help_text()))
            for password in WEAK:
                try:
                    validator.validate(password, user)
                except ValidationError as exc:
                    found.extend(exc.messages)
    return found


def test_every_validator_speaks_norwegian_on_norwegian_pages() -> None:
    english, norwegian = _errors("en"), _errors("nb")
    assert len(english) == len(norwegian) >= 2 * len(get_default_password_validators())
    untranslated = [text for text in norwegian if text in english]
    assert not untranslated


def test_a_too_short_password_is_refused_in_norwegian(client: Client, make_user: Any) -> None:
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    client.force_login(kari)
    form = {"old_password": TEST_PASSWORD, "new_password1": "kort-7", "new_password2": "kort-7"}
    html = client.post("/accounts/password/", form).content.decode()
    assert "Passordet er for kort. Det må bestå av minst 12 tegn." in html
    assert "too short" not in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.post("/accounts/password/", form).content.decode()
    assert "This password is too short. It must contain at least 12 characters." in html
    assert User.objects.get(pk=kari.pk).check_password(TEST_PASSWORD)
