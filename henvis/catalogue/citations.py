"""How a ``source`` in the data is shown to people: the one place that maps seed ids to
the documents' real titles.

The data files keep the traceable citation (``seed 004 Del 6 punkt 1, Meldeplikt til
barnevernet``; the seeds are listed in ``seeds/README.md``). People see the document by
its title, in Bokmål or English; the section headings stay as the document writes them,
and in English the words that number the parts are translated.

>>> cite("seed 004 Del 6 punkt 1, Meldeplikt til barnevernet").nb
'KOMs veileder «Identifisering av mulige ofre for menneskehandel» (2024), Del 6 punkt 1, Meldeplikt til barnevernet'
>>> cite("seed 004 Del 6 punkt 1, Meldeplikt til barnevernet").en
'KOM\\'s guide "Identifisering av mulige ofre for menneskehandel" (2024), Part 6 point 1, Meldeplikt til barnevernet'
>>> cite("seed 004 Del 8, Politiet; seed 001 Tabell 2").nb
'KOMs veileder «Identifisering av mulige ofre for menneskehandel» (2024), Del 8, Politiet; KOMs tilstandsrapport for 2020, Tabell 2'
>>> cite("Del 6 punkt 1 (Meldeplikt til barnevernet) og punkt 3").en
'Part 6 point 1 (Meldeplikt til barnevernet) and point 3'
>>> cite("seed 002 (Nasjonal strategi 2025), Ansvar og roller").en
"The Government's national strategy against human trafficking (2025), Ansvar og roller"
"""

from __future__ import annotations

import re

from henvis.catalogue.guide_types import Text

# The five source documents (seeds/README.md), by the number their file name starts with.
DOCUMENTS: dict[str, Text] = {
    "000": Text(
        nb="US State Department, Trafficking in Persons Report 2022, kapitlet om Norge",
        en="US State Department, Trafficking in Persons Report 2022, Norway chapter",
    ),
    "001": Text(
        nb="KOMs tilstandsrapport for 2020",
        en="KOM situation report (tilstandsrapport) for 2020",
    ),
    "002": Text(
        nb="Regjeringens nasjonale strategi mot menneskehandel (2025)",
        en="The Government's national strategy against human trafficking (2025)",
    ),
    "003": Text(
        nb="nyhetssak om KOMs rapport for 2016",
        en="news item on KOM's report for 2016",
    ),
    "004": Text(
        nb="KOMs veileder «Identifisering av mulige ofre for menneskehandel» (2024)",
        en='KOM\'s guide "Identifisering av mulige ofre for menneskehandel" (2024)',
    ),
}

# "seed 004", and a short name of the document after it ("(KOM-veileder 2024)", "(file ...)").
_SEED = re.compile(r"\bseed (\d{3})(?: \((?:file [^)]*|[^)]*\b\d{4})\))?,? ?")
# The words that number a document's parts, and "og" between two such numbers.
_ENGLISH_PARTS = (
    (re.compile(r"\bDel (\d)"), r"Part \1"),
    (re.compile(r"\bpunkt (\d)"), r"point \1"),
    (re.compile(r"\bkapittel (\d)"), r"chapter \1"),
    (re.compile(r"\bTabell (\d)"), r"Table \1"),
    (re.compile(r"\blinje (\d)"), r"line \1"),  # line numbers of the seed's text file
    (re.compile(r"\bkolofon\b"), "colophon"),
    (re.compile(r"([\d)]) og (?=(?:punkt |Del |Part |point )?\d)"), r"\1 and "),
)


# The data also write line numbers in English ("lines 168-170"): in Bokmål they read "linje".
_BOKMAL_PARTS = ((re.compile(r"\blines? (\d)"), r"linje \1"),)


def _render(source: str, language: str) -> str:
    def title(match: re.Match[str]) -> str:
        document = DOCUMENTS.get(match.group(1))
        if document is None:
            return match.group(0)
        rest = source[match.end():]
        separator = ", " if rest and not rest.startswith((";", ")")) else ""
        return document.in_language(language) + separator

    text = _SEED.sub(title, source).strip()
    for pattern, replacement in _ENGLISH_PARTS if language == "en" else _BOKMAL_PARTS:
        text = pattern.sub(replacement, text)
    return text


def cite(source: str) -> Text:
    """The citation ``source`` (``seed NNN`` and a section) for display, in both languages.
    Text that names no known seed is left as it is."""
    return Text(nb=_render(source, "nb"), en=_render(source, "en"), source=source)
