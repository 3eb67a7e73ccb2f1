"""The published translations are the dictionary's, never a guess (issue 15 item 2).

English is the source language of every msgid; each locale/nb holds the Bokmål. The
Bokmål comes only from the translations.yaml beside the .po (scripts/i18n runs
tools/po_fill.py after makemessages). makemessages guesses a translation for a new msgid
from a similar old one and marks it fuzzy; such a guess once reached the pages (a
sentence ending "... med en begrunnelse" under a msgid that has no reason in it). These
tests fail on a fuzzy entry, on a msgstr the dictionary did not give, on a .mo that
is not the compiled .po, on an English msgid written in Bokmål and on a Bokmål msgstr
left in English, as far as a list of common words can tell."""

from __future__ import annotations

import gettext
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
import yaml

HENVIS = Path(__file__).resolve().parents[1]
ROOT = HENVIS.parent
CATALOGUES = sorted(HENVIS.glob("**/locale/nb/LC_MESSAGES/django.po"))

# Common function words; a text is judged by those it holds (legal terms such as
# "fødselsnummer" or "straffeloven § 257" stay in both languages and are not counted).
ENGLISH = set("the and of is are with your you this not from was has have which who what or be by in on it its "
              "that an a if will can must no there their they we our been were all one any but when where how "
              "before after only each every".split())
BOKMAL = set("og er til av som ikke det en et på med du den har deg din ditt hvis eller kan skal fra ved etter "
             "være når hva hvem må å jeg vi dere seg sin sitt sine hun han hen nå ble blir bare også om alle "
             "ingen noe mer der slik ny nye".split())


def _po_fill() -> ModuleType:
    spec = importlib.util.spec_from_file_location("po_fill", ROOT / "tools" / "po_fill.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _entries(po: Path) -> list[tuple[list[str], str, list[str], bool]]:
    """(comment lines, msgid, msgstrs, plural) of each entry but the header."""
    fill = _po_fill()
    out = []
    for lines in fill._blocks(po.read_text(encoding="utf-8")):
        entry = fill.Entry(lines)
        msgid = entry.get("msgid")
        if msgid:
            out.append((entry.comments, msgid, entry.msgstrs(), entry.get("msgid_plural") is not None))
    return out


def _words(text: str) -> list[str]:
    text = re.sub(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>|\(\w\)", " ", text.lower())
    return re.findall(r"[a-zæøå]+", text)


def looks_english(text: str) -> bool:
    words = _words(text)
    english, bokmal = sum(w in ENGLISH for w in words), sum(w in BOKMAL for w in words)
    return english >= 2 and english > bokmal


def looks_bokmal(text: str) -> bool:
    words = _words(text)
    english, bokmal = sum(w in ENGLISH for w in words), sum(w in BOKMAL for w in words)
    return bokmal >= 2 and bokmal > english


def test_the_language_guess_tells_the_two_apart() -> None:
    assert looks_english("The person wants to go home to their country")
    assert looks_bokmal("Personen ønsker å reise hjem til hjemlandet")
    assert not looks_english("Personen ønsker å reise hjem til hjemlandet")
    assert not looks_bokmal("Fødselsnummer or D-number")
    assert not looks_english("Personens samtykke (personvernforordningen art. 6(1)(a), 9(2)(a))")


def test_every_app_with_strings_has_a_catalogue() -> None:
    assert len(CATALOGUES) >= 10, CATALOGUES


@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(HENVIS)) for p in CATALOGUES])
def test_no_entry_is_fuzzy_or_a_guess(po: Path) -> None:
    dictionary = yaml.safe_load((po.parents[1] / "translations.yaml").read_text(encoding="utf-8"))
    problems = []
    for comments, msgid, msgstrs, plural in _entries(po):
        if any(c.startswith("#,") and "fuzzy" in c for c in comments) or any(c.startswith("#|") for c in comments):
            problems.append(f"fuzzy: {msgid!r}")
        if not all(msgstrs):
            problems.append(f"untranslated: {msgid!r}")
        given = dictionary.get(msgid)
        expected = (given if plural else [given]) if given is not None else None
        if expected != msgstrs:
            problems.append(f"not the dictionary's: {msgid!r} -> {msgstrs!r} (dictionary: {given!r})")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(HENVIS)) for p in CATALOGUES])
def test_english_is_english_and_bokmal_is_bokmal(po: Path) -> None:
    problems = []
    for _comments, msgid, msgstrs, _plural in _entries(po):
        if looks_bokmal(msgid):
            problems.append(f"English source written in Bokmål: {msgid!r}")
        for text in msgstrs:
            if looks_english(text) or (text == msgid and len(_words(text)) >= 3):
                problems.append(f"Bokmål left in English: {msgid!r} -> {text!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", CATALOGUES, ids=[str(p.relative_to(HENVIS)) for p in CATALOGUES])
def test_the_compiled_catalogue_is_the_po(po: Path) -> None:
    with po.with_suffix(".mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for _comments, msgid, msgstrs, plural in _entries(po):
        if plural:
            assert [compiled.ngettext(msgid, msgid, n) for n in (1, 2)] == msgstrs[:2], msgid
        else:
            assert compiled.gettext(msgid) == msgstrs[0], f"{po}: {msgid!r}: run scripts/i18n"


def test_po_fill_publishes_the_dictionary_and_never_a_fuzzy_guess(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#: a.html:1\n#, fuzzy\n#| msgid "Lift the hold with a reason."\nmsgid "Lift the hold."\n'
        'msgstr "Opphev stansen med en begrunnelse."\n\n'
        '#: a.html:2\n#, fuzzy, python-format\n#| msgid "Save %(n)s cases"\nmsgid "Save %(n)s case"\n'
        'msgstr "Lagre %(n)s saker"\n\n'
        '#: a.html:3\n#, fuzzy\nmsgid "Close"\nmsgid_plural "Close all"\nmsgstr[0] "Lukk alle"\nmsgstr[1] "Lukk alle"\n\n'
        '#: a.html:4\nmsgid ""\n"A long "\n"text."\nmsgstr "Gammel tekst."\n\n'
        '#: a.html:5\nmsgid "Kept"\nmsgstr "Beholdt"\n',
        encoding="utf-8",
    )
    filled, missing = _po_fill().fill(po, {"Save %(n)s case": "Lagre %(n)s sak", "A long text.": "En lang tekst."})
    assert (filled, missing) == (2, ["Lift the hold.", "Close"])
    entries = {msgid: (comments, msgstrs) for comments, msgid, msgstrs, _p in _entries(po)}
    assert entries["Lift the hold."] == (["#: a.html:1"], [""])  # the guess is gone, not published
    assert entries["Save %(n)s case"] == (["#: a.html:2", "#, python-format"], ["Lagre %(n)s sak"])
    assert entries["Close"] == (["#: a.html:3"], ["", ""])
    assert entries["A long text."][1] == ["En lang tekst."]
    assert entries["Kept"][1] == ["Beholdt"]  # not fuzzy, not in the dictionary: kept
    assert "fuzzy" not in po.read_text(encoding="utf-8") and "#|" not in po.read_text(encoding="utf-8")
