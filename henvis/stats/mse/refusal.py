"""Typed refusals and bilingual notices of multiple systems estimation.

An estimate that the data cannot support must not be shown at all (issue 7, part 4), so
the estimator raises :class:`MSERefusal` instead of returning a number. Every message a
user may read is carried in Norwegian Bokmål and English.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RefusalReason(StrEnum):
    """Why no estimate can be given; the value is a stable code for programs."""

    INVALID_TABLE = "invalid_table"
    INVALID_MODEL = "invalid_model"
    TOO_FEW_LISTS = "too_few_lists"
    NO_OVERLAPS = "no_overlaps"
    MLE_DOES_NOT_EXIST = "mle_does_not_exist"
    NOT_IDENTIFIABLE = "not_identifiable"


@dataclass(frozen=True)
class Notice:
    """A message for people, in Norwegian Bokmål (``nb``) and English (``en``)."""

    code: str
    nb: str
    en: str

    def __str__(self) -> str:
        return f"{self.nb} / {self.en}"

    def text(self, language: str = "nb") -> str:
        """The message in one language (``"nb"`` or ``"en"``)."""
        return self.en if language == "en" else self.nb

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "nb": self.nb, "en": self.en}


class MSERefusal(ValueError):
    """The data cannot support a population estimate.

    >>> err = MSERefusal(RefusalReason.TOO_FEW_LISTS, "For få lister", "Too few lists")
    >>> str(err)
    'For få lister / Too few lists'
    >>> err.reason.value
    'too_few_lists'
    """

    def __init__(self, reason: RefusalReason, nb: str, en: str) -> None:
        self.reason = reason
        self.notice = Notice(reason.value, nb, en)
        super().__init__(str(self.notice))

    @property
    def message_nb(self) -> str:
        return self.notice.nb

    @property
    def message_en(self) -> str:
        return self.notice.en

    def to_dict(self) -> dict[str, str]:
        return self.notice.to_dict()
