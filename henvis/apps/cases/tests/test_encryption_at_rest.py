"""Identifying fields are stored as Fernet tokens and can be rotated to a new key."""

from __future__ import annotations

import io
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from henvis.apps.cases import crypto, duplicates
from henvis.apps.cases.models import Person
from henvis.apps.cases.tests.factories import make_case

pytestmark = pytest.mark.django_db


def _raw(column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM cases_person WHERE id = %s", [pk])  # noqa: S608
        value: str = cursor.fetchone()[0]
        return value


def test_names_and_numbers_are_ciphertext_in_the_table(make_user: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(user, given="Ioana", family="Dumitrescu", national_id="15076500565")
    raw_name, raw_id = _raw("given_names", case.person_id), _raw("national_id", case.person_id)
    assert "Ioana" not in raw_name and raw_name.startswith("gAAAA")
    assert "15076500565" not in raw_id
    assert Person.objects.get(pk=case.person_id).given_names == "Ioana"


def test_tampered_ciphertext_is_rejected(make_user: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(user)
    token = _raw("family_name", case.person_id)
    tampered = token[:-6] + ("A" if token[-6] != "A" else "B") + token[-5:]
    with pytest.raises(Exception, match="decrypt"):
        crypto.decrypt(tampered)


def test_rotate_keys_re_encrypts_with_the_new_key_and_keeps_search_working(make_user: Any, settings: Any) -> None:
    user = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(user, given="Mohammed", family="Ali", birth="1990")
    old_key = settings.HENVIS_FIELD_KEYS[0]
    old_token = _raw("given_names", case.person_id)
    new_key = Fernet.generate_key().decode()
    with override_settings(HENVIS_FIELD_KEYS=[new_key, old_key]):
        call_command("rotate_keys", stdout=io.StringIO())
        new_token = _raw("given_names", case.person_id)
        assert new_token != old_token
        assert Fernet(new_key.encode()).decrypt(new_token.encode()).decode() == "Mohammed"
        # The old key can now be removed: everything decrypts with the new key alone.
        with override_settings(HENVIS_FIELD_KEYS=[new_key]):
            person = Person.objects.get(pk=case.person_id)
            assert person.given_names == "Mohammed"
            probe = Person(organisation=user.organisation, given_names="Muhammad", family_name="Ali",
                           birth="1990", birth_precision="year")
            assert [c.person.pk for c in duplicates.candidates(user, probe)] == [case.person_id]
