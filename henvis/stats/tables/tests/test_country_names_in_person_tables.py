"""The report's table of persons by citizenship prints country names in Bokmål, never
the two-letter codes (issue 15 item 2: words, not codes, wherever a person reads)."""

from __future__ import annotations

import pandas as pd

from henvis.stats.tables.unique_persons import country_names, unique_person_tables


def test_citizenship_rows_are_country_names_in_bokmal() -> None:
    frame = pd.DataFrame({"persons": [7, 4, 2, 13]},
                         index=pd.Index(["NG", "PH", "unknown", "Total"], name="citizenship"))
    table = unique_person_tables({"citizenship": frame}, 2024)[0]
    assert table.row_labels[:3] == ("Nigeria", "Filippinene", "Ukjent")
    assert not any(len(label) == 2 and label.isupper() for label in table.row_labels)


def test_only_the_citizenship_table_reads_codes_as_countries() -> None:
    # "NO" is Norway in the citizenship table, but a code of another table is left alone
    frame = pd.DataFrame({"persons": [3, 3]}, index=pd.Index(["NO", "Total"], name="sex"))
    assert unique_person_tables({"sex": frame}, 2024)[0].row_labels[0] == "NO"
    assert country_names()["NO"] == "Norge"
