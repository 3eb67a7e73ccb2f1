from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from henvis.linkage.normalise import name_tokens, normalise_name


def test_diacritics_and_scripts_become_plain_ascii() -> None:
    assert normalise_name("Ştefan Ţărână") == "stefan tarana"
    assert normalise_name("Ørjan Åsmund") == "orjan asmund"
    assert normalise_name("Наталья Иванова") == "natalya ivanova"
    assert normalise_name("สมชาย") == "smchay"


def test_hyphens_and_spaces_separate_tokens() -> None:
    assert normalise_name("  Müller-Lüdenscheidt  ") == "muller ludenscheidt"
    assert name_tokens("Anna  Maria") == name_tokens("Maria Anna") == ("anna", "maria")


def test_missing_values_are_empty() -> None:
    assert normalise_name(None) == ""
    assert normalise_name(float("nan")) == ""
    assert name_tokens("") == ()


@given(st.text())
def test_output_is_lower_ascii_letters_and_single_spaces(text: str) -> None:
    out = normalise_name(text)
    assert set(out) <= set("abcdefghijklmnopqrstuvwxyz ")
    assert "  " not in out and out == out.strip()


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(st.lists(st.text(alphabet="abcdefghij", min_size=1, max_size=8), min_size=1, max_size=4))
def test_token_order_does_not_matter(words: list[str]) -> None:
    assert name_tokens(" ".join(words)) == name_tokens(" ".join(reversed(words)))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12))
def test_case_does_not_matter(word: str) -> None:
    assert normalise_name(word.upper()) == normalise_name(word) == word
