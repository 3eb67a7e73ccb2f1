"""Keyed blind indexes: how encrypted persons can still be found.

An encrypted column cannot be searched, so for each person we also store HMAC-SHA256
digests of normalised *tokens* of the identifying fields (``PersonIndex`` rows):

- ``name``: every name and alias token, transliterated to ASCII and reduced to a
  consonant skeleton so that spelling variants meet (Mohammed / Muhammad -> ``mhmd``);
- ``birth_year``: the year of birth (or each year of an estimated range);
- ``national_id`` and ``duf``: the identity numbers, digits only.

The digests are keyed, so somebody holding the database but not the key cannot test
guesses against them. The key is ``HENVIS_BLIND_INDEX_KEY`` if set, otherwise it is
derived from the newest field key (``henvis manage rotate_keys`` then rebuilds the
indexes; docs/data-model.md explains both).

Example::

    >>> name_tokens("Muhammad Al-Sayed") == name_tokens("Mohammed al Saiid")
    True
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re

from anyascii import anyascii

from henvis.apps.cases.crypto import field_keys

_VOWELS = set("aeiouy")
# Letter groups written differently across transliterations; order matters.
_EQUIVALENTS = (
    ("tch", "ch"), ("sch", "s"), ("sh", "s"), ("ch", "k"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("kh", "h"), ("gh", "g"), ("ck", "k"), ("c", "k"), ("q", "k"), ("z", "s"),
    ("w", "v"), ("x", "ks"), ("j", "i"),
)


def normalise_tokens(text: str) -> list[str]:
    """Lower-case ASCII tokens of two letters or more. ``"Ó'Brien-Ñúñez"`` -> ``["obrien", "nunez"]``."""
    ascii_text = anyascii(text.casefold()).lower().replace("'", "")
    return [t for t in re.split(r"[^a-z]+", ascii_text) if len(t) >= 2]


def skeleton(token: str) -> str:
    """A spelling-tolerant key: equivalent letter groups merged, vowels after the first
    letter dropped, repeated letters collapsed; a leading vowel becomes ``a``."""
    for old, new in _EQUIVALENTS:
        token = token.replace(old, new)
    if not token:
        return ""
    head = "a" if token[0] in _VOWELS else token[0]
    out = [head]
    for ch in token[1:]:
        if ch in _VOWELS or ch == "h":
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def name_tokens(*names: str) -> set[str]:
    return {s for name in names for t in normalise_tokens(name) if (s := skeleton(t))}


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _index_key() -> bytes:
    explicit = os.environ.get("HENVIS_BLIND_INDEX_KEY", "")
    if explicit:
        return explicit.encode()
    keys = field_keys()
    if not keys:
        raise RuntimeError("HENVIS_FIELD_KEYS is not set")
    # A separate key for the indexes, derived so that it never equals the cipher key.
    return hmac.new(keys[0].encode(), b"henvis blind index v1", hashlib.sha256).digest()


def digest(kind: str, value: str) -> str:
    return hmac.new(_index_key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()
