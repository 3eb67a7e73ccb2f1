"""Which legal basis each kind of organisation processes on (``data/legal_bases.yaml``)
and whether a person may have the data erased on request there."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext_lazy as _

BASIS_LABELS = {
    "consent": _("The person's consent (GDPR art. 6(1)(a), 9(2)(a))"),
    "legal_duty": _("A legal obligation (GDPR art. 6(1)(c))"),
    "public_task": _("A task in the public interest (GDPR art. 6(1)(e))"),
}


@dataclass(frozen=True)
class Basis:
    basis: str
    erasure_on_request: bool

    @property
    def label(self) -> str:
        return str(BASIS_LABELS[self.basis])


@cache
def bases() -> dict[str, Basis]:
    raw = yaml.safe_load((Path(__file__).parent / "data" / "legal_bases.yaml").read_text(encoding="utf-8"))
    return {kind: Basis(str(v["basis"]), bool(v["erasure_on_request"])) for kind, v in raw.items()}


def basis_of(kind: str) -> Basis:
    """The basis of an organisation kind; an unknown kind allows no erasure on request."""
    return bases().get(kind, Basis("legal_duty", False))
