"""A file is written whole or not at all (``henvis/atomic_files.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from henvis.atomic_files import write_all_atomic, write_atomic, write_bytes_atomic


def _fails(tmp: Path) -> None:
    tmp.write_text("half", encoding="utf-8")
    raise OSError("disk full")


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "table.csv"
    write_bytes_atomic(target, b"old\n")
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, _fails)
    assert target.read_bytes() == b"old\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["table.csv"]


def test_several_files_are_renamed_only_when_all_were_written(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    with pytest.raises(OSError):
        write_all_atomic({first: lambda tmp: tmp.write_text("a", encoding="utf-8"), second: _fails})
    assert list(tmp_path.iterdir()) == []
    write_all_atomic({first: lambda tmp: tmp.write_text("a", encoding="utf-8"),
                      second: lambda tmp: tmp.write_text("b", encoding="utf-8")})
    assert (first.read_text(encoding="utf-8"), second.read_text(encoding="utf-8")) == ("a", "b")
    assert oct(first.stat().st_mode & 0o777) == oct(0o644)
