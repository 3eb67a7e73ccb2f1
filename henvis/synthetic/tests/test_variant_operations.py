"""The spelling operations do what docs/synthetic-data.md says, for any input."""

from __future__ import annotations

import random
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from henvis.synthetic.variants import cedilla, fold, join_variant, strip_diacritics, typo

LATIN_WITH_MARKS = "abcdefghijklmnopqrstuvwxyzăâîșțşţøåæéèëïçñãõúüýžščėįųūąęłńśźż"
latin_words = st.text(alphabet=LATIN_WITH_MARKS + LATIN_WITH_MARKS.upper(), min_size=1,
                      max_size=14)
ascii_words = st.text(alphabet=string.ascii_letters, min_size=1, max_size=14)


def osa_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (independent of the code under test)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@settings(max_examples=300)
@given(words=st.lists(ascii_words, min_size=1, max_size=3), seed=st.integers(0, 10**9))
def test_typo_is_one_edit_in_one_word_keeping_the_first_letter(words: list[str], seed: int) -> None:
    text = " ".join(words)
    out = typo(text, random.Random(seed))
    assert osa_distance(text, out) <= 1
    changed = [(a, b) for a, b in zip(text.split(" "), out.split(" "), strict=True) if a != b]
    assert len(changed) <= 1
    if any(len(w) >= 4 for w in words):
        # A word long enough always gets a typo ... unless a doubled letter was
        # transposed or a letter doubled into an identical neighbour: then length or
        # distance still tells.
        assert out != text or any(w[i] == w[i + 1] for w in words for i in range(len(w) - 1))
    for a, b in changed:
        assert a[0] == b[0]


@given(latin_words)
def test_stripping_leaves_plain_ascii(word: str) -> None:
    assert strip_diacritics(word).isascii()
    assert strip_diacritics(word, digraphs=True).isascii()
    assert strip_diacritics(strip_diacritics(word)) == strip_diacritics(word)


@given(ascii_words)
def test_plain_ascii_is_untouched(word: str) -> None:
    assert strip_diacritics(word) == word
    assert cedilla(word) == word


def test_norwegian_and_romanian_letters() -> None:
    assert strip_diacritics("Løken Bråten Sæther") == "Loken Braten Saether"
    assert strip_diacritics("Løken Bråten", digraphs=True) == "Loeken Braaten"
    assert strip_diacritics("Țurcanu Lăcătuș Ştefan") == "Turcanu Lacatus Stefan"
    assert cedilla("Șerban Țurcanu") == "Şerban Ţurcanu"
    assert strip_diacritics("Nguyễn Thị Hương") == "Nguyen Thi Huong"
    assert strip_diacritics("Wiśniewska Łukasz") == "Wisniewska Lukasz"


@given(latin_words)
def test_fold_is_idempotent_and_caseless(word: str) -> None:
    assert fold(fold(word)) == fold(word)
    assert fold(word.upper()) == fold(word.lower())


def test_hyphen_and_space_swap() -> None:
    assert join_variant("Dela Cruz") == "Dela-Cruz"
    assert join_variant("Ghebre-Medhin") == "Ghebre Medhin"
    assert join_variant("Osagie") == "Osagie"
