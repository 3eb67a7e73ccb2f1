"""Name normalisation and keyed digests used to find encrypted persons."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from henvis.apps.cases import blind_index


def test_spelling_variants_share_a_skeleton() -> None:
    pairs = [("Mohammed", "Muhammad"), ("Ahmed", "Ahmad"), ("Yusuf", "Jusuf"), ("Olena", "Elena"),
             ("Chukwu", "Tchukwu"), ("Nguyễn", "Nguyen"), ("Sørensen", "Sorensen")]
    for a, b in pairs:
        assert blind_index.name_tokens(a) == blind_index.name_tokens(b), (a, b)


def test_different_names_differ() -> None:
    assert blind_index.name_tokens("Maria") != blind_index.name_tokens("Ivan")


def test_digest_is_keyed_and_not_the_plain_hash(settings: object) -> None:
    import hashlib

    d = blind_index.digest("name", "mhmd")
    assert len(d) == 64 and d != hashlib.sha256(b"name:mhmd").hexdigest()
    assert blind_index.digest("birth_year", "mhmd") != d  # the kind is part of the input


@given(st.text(max_size=60))
def test_tokens_are_lowercase_ascii_letters(text: str) -> None:
    for token in blind_index.normalise_tokens(text):
        assert token.isascii() and token.isalpha() and token == token.lower() and len(token) >= 2


@given(st.text(alphabet=st.characters(categories=["Lu", "Ll"], max_codepoint=0x24F), min_size=2, max_size=20))
def test_letter_case_does_not_change_the_tokens(name: str) -> None:
    assert blind_index.name_tokens(name) == blind_index.name_tokens(name.upper()) == blind_index.name_tokens(name.lower())
