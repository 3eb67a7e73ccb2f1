"""Writing files so that a failure never leaves a half-written file under the final name:
the one helper for the core, the CLI and the web application (it imports nothing of
the web framework, so the pure core may use it).

Each file is written to a temporary name in the same folder and renamed into place
(``os.replace`` is atomic within a file system). ``write_all_atomic`` writes every file
first and renames them only when all were written, so a failure leaves none new."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

Writer = Callable[[Path], object]
"""Writes the content to the path it is given (the temporary file)."""


def write_all_atomic(files: Mapping[Path, Writer]) -> list[Path]:
    """Write each ``path`` with its writer; all renamed into place once all are written."""
    temporaries: dict[Path, Path] = {}
    try:
        for path, write in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".tmp-{path.name}.", suffix=".tmp")
            os.close(fd)
            temporaries[path] = Path(tmp)
            write(Path(tmp))
            os.chmod(tmp, 0o644)  # mkstemp makes 0600; these are ordinary data files
        for path, tmp_path in temporaries.items():
            os.replace(tmp_path, path)
    finally:
        for tmp_path in temporaries.values():
            tmp_path.unlink(missing_ok=True)
    return list(files)


def write_atomic(path: Path, write: Writer) -> Path:
    """Write one file with ``write`` (given the temporary path)."""
    write_all_atomic({path: write})
    return path


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))
