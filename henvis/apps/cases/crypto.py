"""Encryption at rest of identifying fields (names, identity numbers, birth dates,
contact details, free text about a person).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, authenticated) through
``MultiFernet`` built from ``settings.HENVIS_FIELD_KEYS`` (newest key first): new values
are always encrypted with the newest key, old values still decrypt with any listed key.
``henvis manage rotate_keys`` re-encrypts every stored value with the newest key (see
docs/data-model.md, "Key rotation").

Example::

    >>> token = encrypt("Ana Popescu")
    >>> token.startswith("gAAAA") and decrypt(token) == "Ana Popescu"
    True
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "HENVIS_FIELD_KEYS er ikke satt / HENVIS_FIELD_KEYS is not set "
            "(see docs/data-model.md, 'Key rotation')."
        )
    try:
        return MultiFernet([Fernet(k.strip().encode()) for k in keys])
    except ValueError as exc:  # a malformed key must stop the app, not silently store plaintext
        raise ImproperlyConfigured(
            "HENVIS_FIELD_KEYS inneholder en ugyldig nøkkel / contains an invalid Fernet key"
        ) from exc


def field_keys() -> tuple[str, ...]:
    return tuple(settings.HENVIS_FIELD_KEYS)


def fernet() -> MultiFernet:
    return _fernet_for(field_keys())


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        # Never include the token or any plaintext in the message.
        raise ImproperlyConfigured(
            "Kan ikke dekryptere et felt: mangler den gamle nøkkelen i HENVIS_FIELD_KEYS? / "
            "Cannot decrypt a field: is the old key missing from HENVIS_FIELD_KEYS?"
        ) from exc


def rotate(token: str) -> str:
    """Re-encrypt ``token`` with the newest key (MultiFernet.rotate)."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """A text column stored as a Fernet token. The empty string stays empty (so that
    "not given" needs no key) and cannot be searched; use blind indexes for look-ups."""

    description = "Text encrypted at rest (Fernet)"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))


class EncryptedJSONField(models.TextField):  # type: ignore[type-arg]
    """A JSON value (list or dict) stored as one Fernet token."""

    description = "JSON encrypted at rest (Fernet)"
    # Tell django-stubs the Python type: a list or dict, not a string.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return self.get_default()
        return json.loads(decrypt(value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError:
                return value
        return value

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return encrypt(json.dumps(value, ensure_ascii=False, sort_keys=True))

    def value_to_string(self, obj: models.Model) -> str:
        return json.dumps(self.value_from_object(obj), ensure_ascii=False)
