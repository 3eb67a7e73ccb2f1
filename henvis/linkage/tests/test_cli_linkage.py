from __future__ import annotations

import pandas as pd
from click.testing import CliRunner

from henvis.cli.linkage import linkage
from henvis.linkage.schema import read_encoded
from henvis.linkage.tests.test_link_records import pair_f1


def test_encode_then_link_through_the_command_line(tmp_path, synthetic_small) -> None:
    reg, truth = synthetic_small
    key = tmp_path / "key"
    runner = CliRunner()
    assert runner.invoke(linkage, ["new-key", str(key)]).exit_code == 0
    first = reg["source"].isin(sorted(reg["source"].unique())[::2])
    inputs = []
    for i, part in enumerate((reg[first], reg[~first])):
        path = tmp_path / f"in{i}.csv"
        part.to_csv(path, index=False)
        out = tmp_path / f"enc{i}.parquet"
        res = runner.invoke(linkage, ["encode", "--secret-file", str(key), str(path), "--out", str(out), "--keep", "year,organisation_kind"])
        assert res.exit_code == 0, res.output
        inputs.append(str(out))
    clusters, pairs = tmp_path / "clusters.csv", tmp_path / "pairs.csv"
    res = runner.invoke(linkage, ["link", *inputs, "--out", str(clusters), "--pairs-out", str(pairs)])
    assert res.exit_code == 0, res.output
    result = pd.read_csv(clusters, dtype=str)
    assert list(result.columns) == ["record_id", "source", "person_id", "match_probability"]
    assert len(result) == len(reg)
    assert pair_f1(result, truth)[2] > 0.6
    assert list(pd.read_csv(pairs).columns) == ["record_id_l", "source_l", "record_id_r", "source_r", "match_probability"]


def test_bad_row_gives_an_error_in_the_chosen_language_and_no_output(tmp_path) -> None:
    key = tmp_path / "key"
    key.write_text("x" * 40)
    src = tmp_path / "in.csv"
    src.write_text(
        "record_id,source,given_name,family_name,birth_date,sex,citizenship,national_id,duf_number\n"
        "1,rosa,Ana,Pop,1990-01-01,F,RO,,\n"
        "2,rosa,Ion,Pop,1/2/1990,M,RO,,\n"
    )
    out = tmp_path / "enc.parquet"
    args = ["encode", "--secret-file", str(key), str(src), "--out", str(out)]
    res = CliRunner().invoke(linkage, args, env={"HENVIS_LANGUAGE": "nb"})
    assert res.exit_code == 2
    assert "Rad 2" in res.output and "Row 2" not in res.output
    res = CliRunner().invoke(linkage, args, env={"HENVIS_LANGUAGE": "en"})
    assert res.exit_code == 2
    assert "Row 2" in res.output and "Rad 2" not in res.output
    assert not out.exists()


def test_birth_year_salt_is_the_default_and_must_agree(tmp_path, synthetic_small) -> None:
    reg, truth = synthetic_small
    key = tmp_path / "key"
    key.write_text("x" * 40)
    runner = CliRunner()
    first = reg["source"].isin(sorted(reg["source"].unique())[::2])
    paths = {}
    for i, part in enumerate((reg[first], reg[~first])):
        src = tmp_path / f"in{i}.csv"
        part.to_csv(src, index=False)
        for salted in (True, False):
            out = tmp_path / f"enc{i}{'s' if salted else ''}.parquet"
            args = ["encode", "--secret-file", str(key), str(src), "--out", str(out)]
            # The salt is the default (issue #14: privacy first); --no-salt-birth-year opts out.
            assert runner.invoke(linkage, args + ([] if salted else ["--no-salt-birth-year"])).exit_code == 0
            assert read_encoded(out)[1].params.year_salt is salted
            paths[i, salted] = str(out)
    clusters = tmp_path / "clusters.csv"
    salted_run = runner.invoke(linkage, ["link", paths[0, True], paths[1, True], "--out", str(clusters)])
    assert salted_run.exit_code == 0, salted_run.output
    assert pair_f1(pd.read_csv(clusters, dtype=str), truth)[2] > 0.6
    mixed = runner.invoke(linkage, ["link", paths[0, True], paths[1, False], "--out", str(tmp_path / "m.csv")],
                          env={"HENVIS_LANGUAGE": "nb"})
    assert mixed.exit_code == 2 and "ulike parametere" in mixed.output and "different parameters" not in mixed.output
    mixed = runner.invoke(linkage, ["link", paths[0, True], paths[1, False], "--out", str(tmp_path / "m.csv")],
                          env={"HENVIS_LANGUAGE": "en"})
    assert mixed.exit_code == 2 and "different parameters" in mixed.output
