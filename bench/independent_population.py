"""An independent synthetic population for the linkage benchmark (issue #14): persons
and their registrations at twelve organisations, built from a name source the project
does not use (Faker's person providers, a development dependency) and with an error
model written here, not imported from :mod:`henvis.synthetic`. Nothing here reads the
generator's name lists, its spelling operations or its identity-number code: the
point is to test the linker on a population its authors did not shape.

What the population is made to look like (the profile issue #14 describes):

* **names repeat heavily within a nationality.** A person's given, second given and
  family name are drawn from the nationality's Faker lists with Zipf weights (rank r
  has weight r**-s over a seeded permutation of the list, so Faker's alphabetical or
  weighted order plays no part). Nigeria (English, Igbo and Yoruba lists together) has
  s = 1.4: on 5,000 persons (seed 1) the twelve commonest given names cover 81 % of
  the Nigerian women and the twelve commonest family names 79 %. The other
  nationalities have s = 0.9.
* **birth dates are exact in about half of the registrations**; otherwise year only,
  year and month, missing, a year off by one (as a full date or as the year alone),
  day and month swapped (when the day is 12 or less), or 1 January of the year. One
  person in seven does not know the birth date: their registrations carry 1 January or
  the year alone of an estimate that each organisation makes (the true year +- 1).
* **identity numbers for a minority, in some registrations only**: a fødselsnummer or
  D-number (synthetic: 80 added to the month, valid mod-11 check digits) for 20 % of
  the foreign persons and 90 % of the Norwegians, a DUF number for 35 % of the foreign
  persons; each organisation records a number the person has with its own probability
  (police and UDI often, NGOs seldom); 1 % of the recorded numbers carry a one-digit typo.
* **spelling**: Cyrillic names (Bulgarian, Ukrainian, Russian) written in one of four
  romanisations (each organisation has a house system it uses most of the time) or in
  Cyrillic; Thai and Chinese names in varying romanisations (ph/p, th/t, kh/k, ch/j;
  pinyin or Wade-Giles-like x/hs, q/ch, zh/ch); diacritics dropped; Romanian ș/ț written
  with cedillas; upper case; one typo; given and family name swapped (often for the
  family-first Vietnamese and Chinese); a second given name present or not, spaced or
  hyphenated; a name field left empty.
* **one organisation sometimes registers a person twice** (4 % of a person's
  organisations make a second record, written independently).
* sex is missing in 2 % and wrong in 0.5 % of the registrations, citizenship missing
  in 4 % and another code in 1 %.

The weights of the nationalities are chosen by hand to resemble the groups the seeds
name (Nigeria first, then Eastern Europe and South-East Asia); they are not taken from a
report. Albanian and Filipino names are left out: Faker has no person provider for them.

``generate(persons, seed)`` returns an :class:`IndependentPopulation` with the
registrations in the linkage CLI's input columns, the truth (record -> person) and, per
record, what was done to it (for :func:`explain`). Same persons and seed, same data.

    >>> pop = generate(50, 1)
    >>> list(pop.registrations.columns)[:4]
    ['record_id', 'source', 'given_name', 'family_name']
    >>> pop.truth["person_id"].nunique()
    50
    >>> generate(50, 1).registrations.equals(pop.registrations)
    True
"""

from __future__ import annotations

import importlib
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import combinations

import numpy as np
import pandas as pd

COLUMNS = ["record_id", "source", "given_name", "family_name", "birth_date", "sex", "citizenship",
           "national_id", "duf_number"]


@dataclass(frozen=True)
class Nationality:
    code: str
    weight: float
    locales: tuple[str, ...]
    zipf: float
    female_share: float
    family_first: bool = False
    cyrillic: bool = False
    romanisation: str = ""  # "thai", "pinyin" or ""


NATIONALITIES: tuple[Nationality, ...] = (
    Nationality("NG", 0.30, ("en_NG", "ig_NG", "yo_NG"), 1.4, 0.9),
    Nationality("RO", 0.14, ("ro_RO",), 0.9, 0.7),
    Nationality("BG", 0.07, ("bg_BG",), 0.9, 0.7, cyrillic=True),
    Nationality("UA", 0.07, ("uk_UA",), 0.9, 0.7, cyrillic=True),
    Nationality("RU", 0.03, ("ru_RU",), 0.9, 0.7, cyrillic=True),
    Nationality("TH", 0.08, ("en_TH",), 0.9, 0.9, romanisation="thai"),
    Nationality("VN", 0.07, ("vi_VN",), 0.9, 0.5, family_first=True),
    Nationality("CN", 0.04, ("zh_CN",), 0.9, 0.8, family_first=True, romanisation="pinyin"),
    Nationality("LT", 0.05, ("lt_LT",), 0.9, 0.5),
    Nationality("PL", 0.05, ("pl_PL",), 0.9, 0.4),
    Nationality("NO", 0.10, ("no_NO",), 0.9, 0.8),
)

# Organisation, kind, relative share of registrations, probability of recording a
# fødselsnummer/D-number the person has, and a DUF number the person has.
ORGANISATIONS: tuple[tuple[str, str, float, float, float], ...] = (
    ("police", "police", 0.20, 0.70, 0.40),
    ("immigration", "udi", 0.13, 0.60, 0.90),
    ("welfare", "nav", 0.07, 0.80, 0.10),
    ("health", "health", 0.05, 0.60, 0.05),
    ("child-welfare", "barnevern", 0.03, 0.60, 0.30),
    ("ngo-a", "ngo", 0.14, 0.15, 0.10),
    ("ngo-b", "ngo", 0.10, 0.15, 0.10),
    ("ngo-c", "ngo", 0.08, 0.10, 0.05),
    ("shelter-a", "shelter", 0.07, 0.30, 0.20),
    ("shelter-b", "shelter", 0.05, 0.30, 0.20),
    ("church-project", "ngo", 0.05, 0.05, 0.05),
    ("legal-aid", "ngo", 0.03, 0.40, 0.50),
)
# Birth date as one registration writes it, for persons who know it.
DATE_KINDS: tuple[tuple[str, float], ...] = (
    ("exact", 0.60), ("year", 0.11), ("missing", 0.10), ("year_off", 0.07), ("swapped", 0.06),
    ("month", 0.04), ("january_first", 0.02),
)
P_UNKNOWN_DATE = 1 / 7
P_DUPLICATE = 0.04
P_SECOND_GIVEN = 0.3


# --- names -----------------------------------------------------------------------

def _names(locale: str, attribute: str) -> list[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    value = getattr(provider, attribute, None)
    if value is None:
        return []
    return [str(v) for v in (value.keys() if isinstance(value, dict) else value)]


@cache
def name_lists(code: str, sex: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(given names, family names) of a nationality and sex, from Faker's lists."""
    nat = next(n for n in NATIONALITIES if n.code == code)
    given: list[str] = []
    family: list[str] = []
    gendered = "female" if sex == "F" else "male"
    for locale in nat.locales:
        if nat.romanisation == "pinyin":
            given += _names(locale, "first_romanized_names")
            family += _names(locale, "last_romanized_names")
            continue
        given += _names(locale, f"first_names_{gendered}") or _names(locale, "first_names")
        family += _names(locale, f"last_names_{gendered}") or _names(locale, "last_names")
    clean = [n for n in dict.fromkeys(g.strip() for g in given) if n and " " not in n]
    clean_family = [n for n in dict.fromkeys(f.strip() for f in family) if n]
    return tuple(clean), tuple(clean_family)


def zipf_weights(n: int, s: float, rng: np.random.Generator) -> np.ndarray:
    """Probabilities of ``n`` list entries: rank**-s over a random ranking."""
    rank = rng.permutation(n) + 1
    w = rank.astype(float) ** -s
    return np.asarray(w / w.sum())


# Four romanisations of Cyrillic (Bulgarian, Ukrainian and Russian letters together):
# an English-style system, a scholarly one with diacritics, German and French.
_CYR_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i", "й": "y",
    "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "ы": "y", "ь": "", "ъ": "a", "э": "e", "і": "i", "ї": "yi", "є": "ye",
    "ґ": "g", "'": "", "’": "",
}
ROMANISATIONS: dict[str, dict[str, str]] = {
    "english": {**_CYR_COMMON, "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
                "ю": "yu", "я": "ya", "ё": "yo", "е": "e"},
    "scholarly": {**_CYR_COMMON, "ж": "ž", "х": "h", "ц": "c", "ч": "č", "ш": "š", "щ": "št",
                  "ю": "ju", "я": "ja", "ё": "ë", "й": "j", "ъ": "ă", "ы": "y", "ї": "ï", "є": "je"},
    "german": {**_CYR_COMMON, "ж": "sh", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch",
               "ю": "ju", "я": "ja", "ё": "jo", "й": "j", "з": "s", "с": "ss", "в": "w", "є": "je"},
    "french": {**_CYR_COMMON, "ж": "j", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch",
               "ю": "iou", "я": "ia", "ё": "io", "у": "ou", "й": "i", "є": "ie"},
}
# Bulgarian and Ukrainian national systems differ on a few letters from the English one.
_NATIONAL = {"BG": {"щ": "sht", "ъ": "a", "ю": "yu", "я": "ya"},
             "UA": {"г": "h", "и": "y", "і": "i", "ї": "yi", "є": "ye", "х": "kh"}}
_THAI_VARIANTS = (("ph", "p"), ("th", "t"), ("kh", "k"), ("ch", "j"), ("oo", "u"), ("ee", "i"),
                  ("porn", "phon"), ("w", "v"), ("ai", "ay"), ("u", "oo"))
_PINYIN_VARIANTS = (("x", "hs"), ("q", "ch"), ("zh", "ch"), ("z", "ts"), ("ong", "ung"), ("ian", "ien"),
                    ("c", "ts"), ("ui", "uei"), ("j", "ch"), ("r", "j"))
_CEDILLA = {"ș": "ş", "Ș": "Ş", "ț": "ţ", "Ț": "Ţ"}
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def romanise(text: str, system: str, country: str) -> str:
    table = dict(ROMANISATIONS[system])
    if system == "english":
        table.update(_NATIONAL.get(country, {}))
    out = []
    for ch in text:
        low = ch.lower()
        rep = table.get(low, low)
        out.append(rep.capitalize() if ch.isupper() and rep else rep)
    return "".join(out)


def strip_accents(text: str) -> str:
    plain = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "å": "a", "Å": "A", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D"}
    text = "".join(plain.get(c, c) for c in text)
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def spelling_variant(text: str, table: Sequence[tuple[str, str]], rng: np.random.Generator) -> str:
    """One of the romanisation substitutions that applies to the (lower-cased) text."""
    low = text.lower()
    options = [(a, b) for a, b in table if a in low] + [(b, a) for a, b in table if b in low]
    if not options:
        return text
    a, b = options[rng.integers(len(options))]
    new = low.replace(a, b, 1)
    return new[:1].upper() + new[1:] if text[:1].isupper() else new


def typo(text: str, rng: np.random.Generator) -> str:
    """One edit: a letter replaced, dropped, doubled, or two letters transposed; the
    first letter is hit only one time in ten."""
    if len(text) < 3:
        return text
    pos = 0 if rng.random() < 0.1 else int(rng.integers(1, len(text)))
    kind = rng.integers(4)
    if kind == 0:
        letter = _LETTERS[rng.integers(26)]
        return text[:pos] + (letter.upper() if text[pos].isupper() else letter) + text[pos + 1:]
    if kind == 1:
        return text[:pos] + text[pos + 1:]
    if kind == 2:
        return text[:pos] + text[pos] + text[pos:]
    pos = min(pos, len(text) - 2)
    return text[:pos] + text[pos + 1] + text[pos] + text[pos + 2:]


# --- identity numbers ---------------------------------------------------------------

_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def synthetic_national_id(year: int, month: int, day: int, rng: np.random.Generator, d_number: bool) -> str:
    """An 11-digit number with valid mod-11 check digits and the synthetic marker (month
    + 80): never a real person's number."""
    while True:
        individual = int(rng.integers(0, 500)) if year < 2000 else int(rng.integers(500, 1000))
        dd = day + 40 if d_number else day
        digits = [int(c) for c in f"{dd:02d}{month + 80:02d}{year % 100:02d}{individual:03d}"]
        k1 = 11 - sum(d * w for d, w in zip(digits, _W1, strict=True)) % 11
        k1 = 0 if k1 == 11 else k1
        if k1 == 10:
            continue
        k2 = 11 - sum(d * w for d, w in zip([*digits, k1], _W2, strict=True)) % 11
        k2 = 0 if k2 == 11 else k2
        if k2 == 10:
            continue
        return "".join(map(str, [*digits, k1, k2]))


def digit_typo(number: str, rng: np.random.Generator) -> str:
    pos = int(rng.integers(len(number)))
    new = str((int(number[pos]) + 1 + int(rng.integers(9))) % 10)
    return number[:pos] + new + number[pos + 1:]


# --- the population -------------------------------------------------------------------

@dataclass(frozen=True)
class IndependentPopulation:
    registrations: pd.DataFrame  # COLUMNS, as each organisation would hand them to `henvis linkage encode`
    truth: pd.DataFrame  # record_id, person_id
    notes: pd.DataFrame  # record_id, nationality, date_kind, script, swapped, typo, ... (for explain())


def _choose(options: Sequence[tuple[str, float]], rng: np.random.Generator) -> str:
    p = np.array([w for _, w in options])
    return options[int(rng.choice(len(options), p=p / p.sum()))][0]


def _render_date(kind: str, y: int, m: int, d: int, rng: np.random.Generator) -> str:
    if kind == "year":
        return f"{y:04d}"
    if kind == "missing":
        return ""
    if kind == "year_off":
        off = y + (1 if rng.random() < 0.5 else -1)
        return f"{off:04d}-{m:02d}-{d:02d}" if rng.random() < 0.5 else f"{off:04d}"
    if kind == "swapped" and d <= 12 and d != m:
        return f"{y:04d}-{d:02d}-{m:02d}"
    if kind == "month":
        return f"{y:04d}-{m:02d}"
    if kind == "january_first":
        return f"{y:04d}-01-01"
    return f"{y:04d}-{m:02d}-{d:02d}"


def generate(persons: int, seed: int) -> IndependentPopulation:
    rng = np.random.default_rng([seed, 14])
    nat_p = np.array([n.weight for n in NATIONALITIES])
    weights: dict[tuple[str, str, str], np.ndarray] = {}
    org_p = np.array([o[2] for o in ORGANISATIONS])
    house = {o[0]: list(ROMANISATIONS)[int(rng.integers(len(ROMANISATIONS)))] for o in ORGANISATIONS}
    rows: list[dict[str, str]] = []
    notes: list[dict[str, object]] = []
    for person in range(persons):
        nat = NATIONALITIES[int(rng.choice(len(NATIONALITIES), p=nat_p / nat_p.sum()))]
        sex = "F" if rng.random() < nat.female_share else "M"
        given_list, family_list = name_lists(nat.code, sex)
        for part, names in (("given", given_list), ("family", family_list)):
            if (nat.code, sex, part) not in weights:
                weights[(nat.code, sex, part)] = zipf_weights(len(names), nat.zipf, rng)
        gw, fw = weights[(nat.code, sex, "given")], weights[(nat.code, sex, "family")]
        given = given_list[int(rng.choice(len(given_list), p=gw))]
        second = given_list[int(rng.choice(len(given_list), p=gw))] if rng.random() < P_SECOND_GIVEN else ""
        second = "" if second == given else second
        family = family_list[int(rng.choice(len(family_list), p=fw))]
        age = 14 + rng.gamma(4.0, 4.5)
        year = int(2026 - age) if age < 60 else 1966
        month, day = int(rng.integers(1, 13)), int(rng.integers(1, 29))
        knows_date = rng.random() > P_UNKNOWN_DATE
        nid = ""
        if rng.random() < (0.9 if nat.code == "NO" else 0.2):
            nid = synthetic_national_id(year, month, day, rng, d_number=nat.code != "NO")
        duf = f"{int(rng.integers(2012, 2026))}{int(rng.integers(0, 10**8)):08d}" if nat.code != "NO" and rng.random() < 0.35 else ""
        # organisations: a geometric number (mean 2.2), drawn by their shares, distinct
        n_orgs = min(int(rng.geometric(0.45)), len(ORGANISATIONS))
        orgs = rng.choice(len(ORGANISATIONS), size=n_orgs, replace=False, p=org_p / org_p.sum())
        visits = [int(o) for o in orgs] + [int(o) for o in orgs if rng.random() < P_DUPLICATE]
        for o in visits:
            org, _kind, _share, p_nid, p_duf = ORGANISATIONS[o]
            rec_given, rec_family = given, family
            script = "latin"
            if nat.cyrillic:
                if rng.random() < 0.08:
                    script = "cyrillic"
                else:
                    script = house[org] if rng.random() < 0.7 else list(ROMANISATIONS)[int(rng.integers(len(ROMANISATIONS)))]
                    rec_given, rec_family = romanise(given, script, nat.code), romanise(family, script, nat.code)
            elif nat.romanisation:
                table = _THAI_VARIANTS if nat.romanisation == "thai" else _PINYIN_VARIANTS
                if rng.random() < 0.4:
                    script = "variant"
                    rec_given = spelling_variant(rec_given, table, rng)
                if rng.random() < 0.4:
                    script = "variant"
                    rec_family = spelling_variant(rec_family, table, rng)
            has_second = bool(second) and rng.random() < 0.5
            if has_second:
                extra = romanise(second, script, nat.code) if script in ROMANISATIONS else second
                rec_given = f"{rec_given}-{extra}" if rng.random() < 0.2 else f"{rec_given} {extra}"
            swapped = rng.random() < (0.25 if nat.family_first else 0.05)
            if swapped:
                rec_given, rec_family = rec_family, rec_given
            accents = "kept"
            if script != "cyrillic" and strip_accents(rec_given + rec_family) != rec_given + rec_family:
                if rng.random() < 0.5:
                    accents = "dropped"
                    rec_given, rec_family = strip_accents(rec_given), strip_accents(rec_family)
                elif nat.code == "RO" and rng.random() < 0.2:
                    accents = "cedilla"
                    rec_given = "".join(_CEDILLA.get(c, c) for c in rec_given)
                    rec_family = "".join(_CEDILLA.get(c, c) for c in rec_family)
            upper = rng.random() < 0.15
            if upper:
                rec_given, rec_family = rec_given.upper(), rec_family.upper()
            typo_in = ""
            if rng.random() < 0.08:
                if rng.random() < 0.5:
                    typo_in, rec_given = "given", typo(rec_given, rng)
                else:
                    typo_in, rec_family = "family", typo(rec_family, rng)
            empty = ""
            u = rng.random()
            if u < 0.02:
                empty, rec_family = "family", ""
            elif u < 0.025:
                empty, rec_given = "given", ""
            if knows_date:
                date_kind = _choose(DATE_KINDS, rng)
                birth = _render_date(date_kind, year, month, day, rng)
            else:
                estimate = year + int(rng.integers(-1, 2))
                date_kind = "unknown_estimate"
                birth = f"{estimate:04d}-01-01" if rng.random() < 0.5 else f"{estimate:04d}" if rng.random() < 0.7 else ""
            rec_sex = "" if rng.random() < 0.02 else ("M" if sex == "F" else "F") if rng.random() < 0.005 else sex
            cit = nat.code
            if rng.random() < 0.04:
                cit = ""
            elif rng.random() < 0.01:
                cit = NATIONALITIES[int(rng.integers(len(NATIONALITIES)))].code
            rec_nid = nid if nid and rng.random() < p_nid else ""
            rec_duf = duf if duf and rng.random() < p_duf else ""
            nid_typo = bool(rec_nid) and rng.random() < 0.01
            if nid_typo:
                rec_nid = digit_typo(rec_nid, rng)
            if rec_duf and rng.random() < 0.01:
                rec_duf = digit_typo(rec_duf, rng)
            rows.append({"source": org, "given_name": rec_given, "family_name": rec_family, "birth_date": birth,
                         "sex": rec_sex, "citizenship": cit, "national_id": rec_nid, "duf_number": rec_duf,
                         "person_id": f"Q{person + 1:06d}"})
            notes.append({"nationality": nat.code, "date_kind": date_kind, "script": script, "swapped": swapped,
                          "second_given": has_second, "accents": accents, "upper": upper, "typo": typo_in,
                          "empty": empty, "nid_typo": nid_typo})
    frame = pd.DataFrame(rows)
    note = pd.DataFrame(notes)
    order = rng.permutation(len(frame))  # record numbers say nothing about the person
    frame, note = frame.iloc[order].reset_index(drop=True), note.iloc[order].reset_index(drop=True)
    frame.insert(0, "record_id", [f"X{i + 1:07d}" for i in range(len(frame))])
    note.insert(0, "record_id", frame["record_id"])
    return IndependentPopulation(frame[COLUMNS].copy(), frame[["record_id", "person_id"]].copy(), note)


# --- where the linker loses -----------------------------------------------------------

def _same_group_pairs(frame: pd.DataFrame, key: str) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for _k, ids in frame.groupby(key)["record_id"]:
        values = sorted(ids)
        if len(values) > 1:
            pairs.update(combinations(values, 2))
    return pairs


def _date_parts(value: str) -> tuple[str, str, str]:
    parts = (value or "").split("-")
    return (parts + ["", "", ""])[0], (parts + ["", "", ""])[1], (parts + ["", "", ""])[2]


def _evidence(a: pd.Series, b: pd.Series) -> list[str]:
    """Which comparisons an encoded linker can make say two records are different
    persons (or cannot say much)."""
    out = []
    (ya, ma, da), (yb, mb, db) = _date_parts(a["birth_date"]), _date_parts(b["birth_date"])
    if not ya or not yb:
        out.append("a birth date missing")
    elif da and db and ya == yb and (ma, da) != (mb, db) and (ma, da) != (db, mb):
        out.append("full dates of one year disagree")
    elif ya and yb and abs(int(ya) - int(yb)) > 1:
        out.append("birth years more than one apart")
    if a["sex"] and b["sex"] and a["sex"] != b["sex"]:
        out.append("sex disagrees")
    if a["citizenship"] and b["citizenship"] and a["citizenship"] != b["citizenship"]:
        out.append("citizenship disagrees")
    if a["national_id"] and b["national_id"] and a["national_id"] != b["national_id"]:
        out.append("fødselsnummer disagrees")
    if a["duf_number"] and b["duf_number"] and a["duf_number"] != b["duf_number"]:
        out.append("DUF number disagrees")
    return out


def _folded(given: str, family: str) -> frozenset[str]:
    from henvis.linkage.normalise import name_tokens  # the linker's own normalisation

    return frozenset(name_tokens(f"{given} {family}"))


def explain(pop: IndependentPopulation, clusters: pd.DataFrame, pairs: pd.DataFrame, sample: int = 20_000) -> list[str]:
    """Lines (counts only, never a name) on the wrong and the missed links: what the
    records of each wrong link disagree on, whether the pair was ever scored, and what
    the records of each missed link have that made them hard."""
    rng = np.random.default_rng(0)
    reg = pop.registrations.set_index("record_id")
    notes = pop.notes.set_index("record_id")
    truth = pop.truth.set_index("record_id")["person_id"]
    found = clusters.set_index("record_id")["person_id"].astype(str)
    both = pd.DataFrame({"record_id": reg.index, "pred": found.reindex(reg.index).to_numpy(),
                         "true": truth.reindex(reg.index).to_numpy()})
    predicted = _same_group_pairs(both, "pred")
    true = _same_group_pairs(both, "true")
    wrong, missed = sorted(predicted - true), sorted(true - predicted)
    scored: dict[tuple[str, str], float] = {}
    for left, right, p in pairs[["record_id_l", "record_id_r", "match_probability"]].itertuples(index=False):
        key = (str(left), str(right)) if str(left) < str(right) else (str(right), str(left))
        scored[key] = float(p)
    lines = [f"pairs: predicted {len(predicted)}, true {len(true)}, wrong links {len(wrong)}, missed links {len(missed)}"]
    nationality = notes["nationality"].reindex(both["record_id"]).to_numpy()
    per_nationality = []
    for code in pd.Series(nationality).value_counts().index:
        sub = both[nationality == code]
        pp, tt = _same_group_pairs(sub, "pred"), _same_group_pairs(sub, "true")
        tp = len(pp & tt)
        f1 = 2 * tp / max(len(pp) + len(tt), 1)
        per_nationality.append(f"{code} {f1:.3f}")
    lines.append("F1 by nationality (pairs among the records of persons of one nationality): " + ", ".join(per_nationality))

    def pick(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
        if len(items) <= sample:
            return items
        return [items[i] for i in sorted(rng.choice(len(items), size=sample, replace=False))]

    names = {rid: _folded(g, f) for rid, g, f in zip(reg.index, reg["given_name"], reg["family_name"], strict=True)}
    def share(counter: dict[str, int], n: int) -> str:
        return "; ".join(f"{k} {100 * v / n:.0f} %" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])) or "-"

    if wrong:
        picked = pick(wrong)
        n = len(picked)
        groups: dict[str, list[tuple[str, str]]] = {"scored >= 0.5 themselves": [], "never scored >= 0.5 (joined through "
                                                    "a third record or the groups' average)": []}
        for a, b in picked:
            p = scored.get((a, b))
            groups["scored >= 0.5 themselves" if p is not None and p >= 0.5 else list(groups)[1]].append((a, b))
        same_name = sum(names[a] == names[b] and bool(names[a]) for a, b in picked)
        lines.append(f"wrong links ({n} examined): {100 * same_name / n:.0f} % have the same name after the linker's "
                     "normalisation")
        for label, items in groups.items():
            counts: dict[str, int] = {}
            for a, b in items:
                ev = _evidence(reg.loc[a], reg.loc[b])
                if not [e for e in ev if e != "a birth date missing"]:
                    ev.append("no evidence of two persons")
                for e in ev:
                    counts[e] = counts.get(e, 0) + 1
            lines.append(f"  {label}: {100 * len(items) / n:.0f} % of the wrong links; of these: {share(counts, max(len(items), 1))}")
        nat = notes["nationality"]
        per = pd.Series([nat[a] for a, _ in picked]).value_counts()
        lines.append("  wrong links by nationality: " + ", ".join(f"{k} {100 * v / n:.0f} %" for k, v in per.items()))
    if missed:
        picked = pick(missed)
        n = len(picked)
        outcome: dict[str, dict[str, int]] = {"never scored (outside the blocking)": {}, "scored below 0.5": {},
                                              "scored >= 0.5 but kept apart by the clustering": {}}
        sizes = dict.fromkeys(outcome, 0)
        for a, b in picked:
            p = scored.get((a, b))
            label = list(outcome)[0 if p is None else 1 if p < 0.5 else 2]
            sizes[label] += 1
            reasons = outcome[label]

            def add(reason: str, reasons: dict[str, int] = reasons) -> None:
                reasons[reason] = reasons.get(reason, 0) + 1

            na, nb = notes.loc[a], notes.loc[b]
            ka, kb = na["date_kind"], nb["date_kind"]
            if not reg.at[a, "birth_date"] or not reg.at[b, "birth_date"]:
                add("a birth date missing")
            elif "year_off" in (ka, kb):
                add("a birth year off by one")
            elif "unknown_estimate" in (ka, kb):
                add("an estimated birth year")
            elif "swapped" in (ka, kb):
                add("day and month swapped")
            if names[a] != names[b]:
                add("names differ after normalisation")
            else:
                add("same name after normalisation")
            if "cyrillic" in (na["script"], nb["script"]) or (na["script"] != nb["script"] and na["script"] in ROMANISATIONS):
                add("different romanisation or script")
            if na["swapped"] != nb["swapped"]:
                add("given and family swapped on one side")
            if na["typo"] or nb["typo"]:
                add("a typo")
            if na["second_given"] != nb["second_given"]:
                add("second given name on one side")
            if na["empty"] or nb["empty"]:
                add("a name field empty")
            if bool(reg.at[a, "national_id"]) and bool(reg.at[b, "national_id"]):
                add("fødselsnummer on both")
        lines.append(f"missed links ({n} examined):")
        for label, reasons in outcome.items():
            lines.append(f"  {label}: {100 * sizes[label] / n:.0f} % of the missed links; of these: "
                         f"{share(reasons, max(sizes[label], 1))}")
    return lines


def name_concentration(pop: IndependentPopulation, code: str = "NG", sex: str = "F", top: int = 12) -> tuple[float, float]:
    """Share of the persons of one nationality and sex whose (true, first-registered)
    given name, and family name, is among the ``top`` most frequent: the profile check."""
    first = pop.registrations.merge(pop.truth, on="record_id").merge(pop.notes, on="record_id")
    first = first[(first["nationality"] == code) & (first["sex"] == sex) & (first["script"] == "latin")
                  & ~first["swapped"] & (first["typo"] == "") & (first["empty"] == "") & (first["accents"] != "dropped")]
    first = first.drop_duplicates("person_id")
    shares = []
    for column in ("given_name", "family_name"):
        head = first[column].str.split(r"[ -]").str[0].str.capitalize() if column == "given_name" else first[column].str.capitalize()
        counts = head.value_counts()
        shares.append(float(counts.head(top).sum() / max(counts.sum(), 1)))
    return shares[0], shares[1]


if __name__ == "__main__":  # a quick look: sizes and the name concentration
    import sys

    pop = generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000, 1)
    g, f = name_concentration(pop)
    exact = (pop.notes["date_kind"] == "exact").mean()
    print(f"{pop.truth['person_id'].nunique()} persons, {len(pop.registrations)} registrations, "
          f"{pop.registrations['source'].nunique()} organisations; Nigerian women: top 12 given names cover "
          f"{100 * g:.0f} %, top 12 family names {100 * f:.0f} %; exact birth dates in {100 * exact:.0f} % of registrations; "
          f"fødselsnummer in {100 * (pop.registrations['national_id'] != '').mean():.0f} %, "
          f"DUF in {100 * (pop.registrations['duf_number'] != '').mean():.0f} %; "
          f"registrations per person {len(pop.registrations) / pop.truth['person_id'].nunique():.2f}")
