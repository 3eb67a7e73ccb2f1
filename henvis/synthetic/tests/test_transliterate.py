"""Ukrainian names are romanised by the national 2010 system and the other systems."""

from __future__ import annotations

import pytest

from henvis.synthetic.transliterate import UK_SYSTEMS, romanise_uk

# Examples printed in the table of Cabinet of Ministers of Ukraine resolution no. 55
# (27 January 2010), the national system used in Ukrainian passports.
OFFICIAL_EXAMPLES = [
    ("Алушта", "Alushta"), ("Андрій", "Andrii"), ("Борщагівка", "Borshchahivka"),
    ("Вінниця", "Vinnytsia"), ("Гадяч", "Hadiach"), ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"), ("Донецьк", "Donetsk"), ("Єнакієве", "Yenakiieve"),
    ("Житомир", "Zhytomyr"), ("Закарпаття", "Zakarpattia"), ("Медвин", "Medvyn"),
    ("Іршава", "Irshava"), ("Їжакевич", "Yizhakevych"), ("Кадіївка", "Kadiivka"),
    ("Йосипівка", "Yosypivka"), ("Стрий", "Stryi"), ("Олексій", "Oleksii"),
    ("Київ", "Kyiv"), ("Миколаїв", "Mykolaiv"), ("Ніжин", "Nizhyn"), ("Одеса", "Odesa"),
    ("Ужгород", "Uzhhorod"), ("Харків", "Kharkiv"), ("Біла Церква", "Bila Tserkva"),
    ("Чернівці", "Chernivtsi"), ("Гоща", "Hoshcha"), ("Юрій", "Yurii"),
    ("Крюківка", "Kriukivka"), ("Яготин", "Yahotyn"), ("Ічня", "Ichnia"),
    ("Знам'янка", "Znamianka"), ("Феодосія", "Feodosiia"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), OFFICIAL_EXAMPLES)
def test_national_system_matches_the_official_table(cyrillic: str, latin: str) -> None:
    assert romanise_uk(cyrillic, "national") == latin


def test_systems_give_the_spellings_seen_in_other_registers() -> None:
    name = "Олександр Ткаченко"
    spellings = {s: romanise_uk(name, s) for s in UK_SYSTEMS}
    assert spellings["national"] == "Oleksandr Tkachenko"
    assert spellings["german"] == "Oleksandr Tkatschenko"
    assert spellings["french"] == "Oleksandr Tkatchenko"
    assert spellings["english"] == "Olexandr Tkachenko"
    assert romanise_uk("Ігор", "russian") == "Igor"
    assert romanise_uk("Ігор", "national") == "Ihor"


def test_every_system_gives_latin_only() -> None:
    for system in UK_SYSTEMS:
        out = romanise_uk("Юлія Євгенія Щербак Ґудзь Їжак", system)
        assert all(not ("\u0400" <= ch <= "\u04ff") for ch in out), (system, out)


def test_unknown_system_is_refused_in_both_languages() -> None:
    with pytest.raises(ValueError, match="Ukjent.*unknown"):
        romanise_uk("Олена", "klingon")
