"""The spelling operations that turn a person's true name into what a record shows.

Every operation here is documented in docs/synthetic-data.md. Each takes a
``random.Random`` seeded by the generator, so the result is deterministic.

Example:
    >>> strip_diacritics("Bjørn Sæther")
    'Bjorn Saether'
    >>> strip_diacritics("Bjørn Bråten", digraphs=True)
    'Bjoern Braaten'
    >>> strip_diacritics("Ștefan Lăcătuș")
    'Stefan Lacatus'
    >>> cedilla("Ștefan Țurcanu")
    'Ştefan Ţurcanu'
    >>> fold("  ŞTEFAN-Lăcătuş ")
    'stefan-lacatus'
"""

from __future__ import annotations

import random
import unicodedata
from functools import lru_cache
from typing import Final

# Letters NFKD does not decompose, spelt the way Norwegian registers usually write them.
_PLAIN: Final[dict[str, str]] = {
    "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "å": "a", "Å": "A", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ß": "ss",
}
# Scandinavian digraph spellings (Bjoern, Braaten) used when a keyboard lacks ø/å.
_DIGRAPH: Final[dict[str, str]] = {
    **_PLAIN, "ø": "oe", "Ø": "Oe", "å": "aa", "Å": "Aa",
}
# Romanian comma-below letters and the cedilla letters old keyboards and fonts produce.
_CEDILLA: Final[dict[str, str]] = {"ș": "ş", "Ș": "Ş", "ț": "ţ", "Ț": "Ţ"}

# Neighbouring keys on a Norwegian/QWERTY keyboard, for substitution typos.
_NEIGHBOURS: Final[dict[str, str]] = {
    "a": "sqz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "wa", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "xa",
}
TYPO_KINDS: Final[tuple[str, ...]] = ("substitute", "delete", "insert", "transpose")


@lru_cache(maxsize=1 << 16)  # names repeat: the same few thousand parts
def strip_diacritics(text: str, *, digraphs: bool = False) -> str:
    """Drop accents and special letters (ă ş ț ø å é ...) as a form without them would."""
    table = _DIGRAPH if digraphs else _PLAIN
    mapped = "".join(table.get(ch, ch) for ch in text)
    decomposed = unicodedata.normalize("NFKD", mapped)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1 << 16)
def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def cedilla(text: str) -> str:
    """Romanian ș/ț (comma below) written with the cedilla letters ş/ţ."""
    return "".join(_CEDILLA.get(ch, ch) for ch in text)


def fold(text: str) -> str:
    """Case-folded, diacritic-free, trimmed form for comparing names (not for encoding)."""
    return strip_diacritics(text.strip()).casefold()


def typo(text: str, rng: random.Random) -> str:
    """One keyboard error (substitution, deletion, insertion or transposition) in one
    Latin word of at least four letters; the text is returned unchanged if none qualifies.
    """
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if len(w) >= 4 and w.isascii() and w.isalpha()]
    if not candidates:
        return text
    index = candidates[rng.randrange(len(candidates))]
    word = words[index]
    pos = rng.randrange(1, len(word) - 1)  # keep first letter: people rarely mistype it
    kind = TYPO_KINDS[rng.randrange(len(TYPO_KINDS))]
    ch = word[pos]
    if kind == "substitute":
        options = _NEIGHBOURS.get(ch.lower(), "e")
        new = options[rng.randrange(len(options))]
        word = word[:pos] + (new.upper() if ch.isupper() else new) + word[pos + 1:]
    elif kind == "delete":
        word = word[:pos] + word[pos + 1:]
    elif kind == "insert":
        word = word[:pos] + ch + word[pos:]  # doubled letter
    else:  # swap with the next letter (pos + 1 <= len - 1)
        word = word[:pos] + word[pos + 1] + word[pos] + word[pos + 2:]
    words[index] = word
    return " ".join(words)


def join_variant(text: str) -> str:
    """Multi-word names written with hyphens instead of spaces, or the other way round."""
    if "-" in text:
        return text.replace("-", " ")
    if " " in text:
        return text.replace(" ", "-")
    return text
