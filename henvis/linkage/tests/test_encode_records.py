from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from henvis.linkage.encode import encode_frame, qgrams, schema_of
from henvis.linkage.errors import LinkageError
from henvis.linkage.normalise import normalise_name
from henvis.linkage.schema import EncodingParams, read_encoded, write_encoded
from henvis.linkage.tests.conftest import KEY, records


def _dice(enc: pd.DataFrame, i: int, j: int, prefix: str) -> float:
    cols = [c for c in enc.columns if c[:-1] == prefix and c[-1].isdigit()]
    inter = sum(bin(int(enc.at[i, c]) & int(enc.at[j, c]) & (2**64 - 1)).count("1") for c in cols)
    return 2 * inter / (int(enc.at[i, f"{prefix}c"]) + int(enc.at[j, f"{prefix}c"]))


def test_qgrams_pad_each_token_and_join_tokens() -> None:
    assert qgrams(("ab",), 2) == {"_a", "ab", "b_"}
    assert "er" in qgrams(("satte", "rley"), 2)


def test_similar_names_have_similar_filters_and_different_names_do_not() -> None:
    frame = records([
        {"record_id": "1", "source": "a", "given_name": "Natalia", "family_name": "Popescu"},
        {"record_id": "2", "source": "a", "given_name": "Natalya", "family_name": "Popescu"},
        {"record_id": "3", "source": "a", "given_name": "Mohammed", "family_name": "Okafor"},
    ])
    enc = encode_frame(frame, KEY, rng=np.random.default_rng(1))
    assert _dice(enc, 0, 1, "f") > 0.85
    assert _dice(enc, 0, 1, "g") > 0.6
    assert _dice(enc, 0, 2, "g") < 0.3


def test_same_name_gets_different_filters_because_of_noise() -> None:
    frame = records([{"record_id": str(i), "source": "a", "given_name": "Ana", "family_name": "Pop"} for i in range(20)])
    enc = encode_frame(frame, KEY, rng=np.random.default_rng(3))
    words = enc[["g0", "g1", "g2", "g3"]].astype("int64").apply(tuple, axis=1)
    # About 8 % of filters get no flip at all (0.99**256), the rest are all different:
    # counting exact duplicates no longer shows how common the name is.
    assert words.nunique() >= 17


def test_identifiers_hash_equal_when_equal_after_cleaning() -> None:
    frame = records([
        {"record_id": "1", "source": "a", "national_id": "010190 12345", "duf_number": "2019-123"},
        {"record_id": "2", "source": "b", "national_id": "01019012345", "duf_number": "2019123"},
        {"record_id": "3", "source": "b", "national_id": "01019012346"},
    ])
    enc = encode_frame(frame, KEY)
    assert enc.at[0, "nid"] == enc.at[1, "nid"] != enc.at[2, "nid"]
    assert enc.at[0, "duf"] == enc.at[1, "duf"]
    assert pd.isna(enc.at[2, "duf"])


def test_birth_date_parts_and_transposition() -> None:
    frame = records([
        {"record_id": "1", "source": "a", "birth_date": "1990-04-07"},
        {"record_id": "2", "source": "a", "birth_date": "1990-07-04"},
        {"record_id": "3", "source": "a", "birth_date": "1991"},
    ])
    enc = encode_frame(frame, KEY)
    assert enc.at[0, "dy"] == enc.at[1, "dy"]
    assert enc.at[0, "dm"] == enc.at[1, "dd"] and enc.at[0, "dd"] == enc.at[1, "dm"]
    assert enc.at[2, "dyp"] == enc.at[0, "dy"]
    assert pd.isna(enc.at[2, "dm"])


def test_encoded_file_holds_no_plaintext(tmp_path) -> None:
    rows = [
        {"record_id": "1", "source": "a", "given_name": "Ştefania", "family_name": "Ionescu-Pop",
         "birth_date": "1987-03-21", "national_id": "21038712345", "duf_number": "201912345678",
         "year": "2024"},
        {"record_id": "2", "source": "a", "given_name": "Наталья", "family_name": "Соколова",
         "birth_date": "1999-11", "year": "2023"},
    ]
    enc = encode_frame(records(rows), KEY, keep=["year"])
    path = tmp_path / "enc.parquet"
    write_encoded(enc, schema_of(enc), path)
    data = path.read_bytes().lower()
    for row in rows:
        for field in ("given_name", "family_name", "birth_date", "national_id", "duf_number"):
            value = row.get(field)
            if not value:
                continue
            forms = {value, normalise_name(value), *normalise_name(value).split(), value.replace("-", "")}
            for form in forms:
                if len(form) >= 3:
                    assert form.lower().encode() not in data, f"{field} leaked"
    back, schema = read_encoded(path)
    assert schema.kept_columns == ("year",) and list(back["year"]) == ["2024", "2023"]


def test_identifying_columns_cannot_be_kept() -> None:
    with pytest.raises(LinkageError, match="identifies a person"):
        encode_frame(records([{"record_id": "1", "source": "a"}]), KEY, keep=["given_name"])


def test_bad_date_names_the_row_in_both_languages() -> None:
    frame = records([
        {"record_id": "1", "source": "a", "birth_date": "1990-01-01"},
        {"record_id": "2", "source": "a", "birth_date": "01.02.1990"},
    ])
    with pytest.raises(LinkageError) as err:
        encode_frame(frame, KEY)
    assert "Rad 2" in str(err.value) and "Row 2" in str(err.value)
    assert "01.02.1990" not in str(err.value)


def test_missing_source_and_repeated_record_id_are_refused() -> None:
    with pytest.raises(LinkageError, match="Row 2: source is missing"):
        encode_frame(records([{"record_id": "1", "source": "a"}, {"record_id": "2", "source": ""}]), KEY)
    with pytest.raises(LinkageError, match="Row 2: record_id repeats"):
        encode_frame(records([{"record_id": "1", "source": "a"}, {"record_id": "1", "source": "a"}]), KEY)


def test_short_key_is_refused() -> None:
    with pytest.raises(LinkageError):
        encode_frame(records([{"record_id": "1", "source": "a"}]), b"short")


def test_file_round_trip_keeps_every_bit(tmp_path) -> None:
    frame = records([
        {"record_id": "1", "source": "a", "given_name": "Ana", "family_name": "Pop", "birth_date": "1990"},
        {"record_id": "2", "source": "a", "given_name": "", "family_name": "Ionescu", "birth_date": ""},
    ])
    enc = encode_frame(frame, KEY)
    path = tmp_path / "enc.parquet"
    write_encoded(enc, schema_of(enc), path)
    back, _ = read_encoded(path)
    for col in enc.columns:
        assert back[col].astype(str).tolist() == enc[col].astype(str).tolist(), col


def test_year_salt_keeps_names_comparable_within_a_year_only() -> None:
    frame = records([
        {"record_id": "1", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": "1990-04-07"},
        {"record_id": "2", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": "1990"},
        {"record_id": "3", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": "1991-04-07"},
        {"record_id": "4", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": ""},
        {"record_id": "5", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": ""},
    ])
    params = EncodingParams(year_salt=True, flip_probability=0.0)
    enc = encode_frame(frame, KEY, params=params)
    for prefix in ("g", "f"):
        assert _dice(enc, 0, 1, prefix) == 1.0  # same year
        assert _dice(enc, 0, 2, prefix) < 0.5  # another year: unrelated bits
        assert _dice(enc, 0, 3, prefix) < 0.5  # no year: a salt of its own
        assert _dice(enc, 3, 4, prefix) == 1.0
    assert enc.at[0, "mhg1"] == enc.at[1, "mhg1"] and enc.at[0, "mhg1"] != enc.at[2, "mhg1"]
    # The whole name is not salted: it still links records whose years differ.
    assert _dice(enc, 0, 2, "n") == 1.0 and _dice(enc, 0, 3, "n") == 1.0
    assert enc.at[0, "mhn1"] == enc.at[2, "mhn1"] == enc.at[3, "mhn1"]
    assert schema_of(enc).params.year_salt


def test_without_year_salt_no_whole_name_minhashes_are_stored() -> None:
    frame = records([{"record_id": "1", "source": "a", "given_name": "Ana", "family_name": "Pop", "birth_date": "1990"}])
    enc = encode_frame(frame, KEY, params=EncodingParams(year_salt=False))
    assert not [c for c in enc.columns if c.startswith("mhn")]
    assert {"mhg1", "mhg4", "mhf1", "mhf4"} <= set(enc.columns)


def test_other_schema_versions_are_refused(tmp_path) -> None:
    import json

    import pyarrow.parquet as pq

    from henvis.linkage.schema import METADATA_KEY

    enc = encode_frame(records([{"record_id": "1", "source": "a", "given_name": "Ana"}]), KEY)
    path = tmp_path / "enc.parquet"
    write_encoded(enc, schema_of(enc), path)
    table = pq.read_table(path)
    meta = json.loads(table.schema.metadata[METADATA_KEY])
    meta["version"] = "henvis-linkage/1"
    old = tmp_path / "old.parquet"
    pq.write_table(table.replace_schema_metadata({METADATA_KEY: json.dumps(meta).encode()}), old)
    with pytest.raises(LinkageError, match="not supported"):
        read_encoded(old)


def test_month_day_whole_name_salt_and_own_salt_for_records_without_a_year() -> None:
    """The private option (docs/linkage.md, Session 2026-12-07 evening): the whole name
    compares across years only when month and day agree (in either order), and a
    record without a birth date shares its name salt with no other record."""
    frame = records([
        {"record_id": "1", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": "1990-04-07"},
        {"record_id": "2", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": "1991-07-04"},
        {"record_id": "3", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": "1991-05-07"},
        {"record_id": "4", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": ""},
        {"record_id": "5", "source": "a", "given_name": "Natalia", "family_name": "Popescu", "birth_date": ""},
    ])
    params = EncodingParams(flip_probability=0.0, whole_name_salt="month-day", yearless_salt="record")
    enc = encode_frame(frame, KEY, params=params)
    assert _dice(enc, 0, 1, "n") == 1.0  # another year, month and day transposed
    assert _dice(enc, 0, 2, "n") < 0.5  # another month: unrelated bits
    assert _dice(enc, 0, 3, "n") < 0.5  # no date
    assert _dice(enc, 3, 4, "n") == 1.0  # no date on either side: one whole-name salt
    for prefix in ("g", "f"):
        assert _dice(enc, 3, 4, prefix) < 0.5  # no year: a name salt of its own
    assert enc.at[0, "mhn1"] == enc.at[1, "mhn1"] != enc.at[2, "mhn1"]
    assert schema_of(enc).params == params


def test_files_written_before_a_parameter_existed_read_as_its_legacy_value(tmp_path) -> None:
    """An older file must not pass for one made with today's defaults (the linker
    refuses files whose parameters differ)."""
    import json

    from henvis.linkage.schema import LEGACY_PARAMS, EncodedSchema

    schema = schema_of(encode_frame(records([{"record_id": "1", "source": "a", "given_name": "Ana"}]), KEY))
    data = json.loads(schema.to_json())
    for name in LEGACY_PARAMS:
        del data["params"][name]
    old = EncodedSchema.from_json(json.dumps(data))
    assert {name: getattr(old.params, name) for name in LEGACY_PARAMS} == LEGACY_PARAMS
    private = EncodingParams(whole_name_salt="month-day", yearless_salt="record")
    assert old.params != private
