"""Errors the linkage core raises, with text in Norwegian Bokmål and English."""

from __future__ import annotations


class LinkageError(ValueError):
    """A problem with the input to encoding or linking.

    The message carries both languages, Norwegian first, e.g.
    ``"Rad 12: ugyldig fødselsdato / Row 12: invalid birth date"``.
    """

    def __init__(self, nb: str, en: str) -> None:
        super().__init__(f"{nb} / {en}")
        self.nb = nb
        self.en = en


def row_error(row: int, nb: str, en: str) -> LinkageError:
    """An error about one input row (1-based data row, header not counted)."""
    return LinkageError(f"Rad {row}: {nb}", f"Row {row}: {en}")
