"""Validation of a screening posted from the identification guide.

The guide posts ``ScreeningInput.to_dict()`` as JSON; the catalogue's
``ScreeningInput.from_dict`` validates it (the one definition of a screening). The JSON
is stored exactly as given, with the catalogue version it names."""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from henvis.apps.cases.limits import SCREENING_MAX
from henvis.catalogue import ScreeningInput


class InvalidScreening(ValueError):
    pass


def parse_screening(raw: str) -> tuple[dict[str, Any], str]:
    """``(data, catalogue_version)`` from the posted JSON, or ``InvalidScreening``."""
    if raw is not None and len(raw) > SCREENING_MAX:
        raise InvalidScreening(_("The screening is longer than %(n)d characters.") % {"n": SCREENING_MAX})
    try:
        data = json.loads(raw)
    except (TypeError, ValueError):
        raise InvalidScreening(_("The screening is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise InvalidScreening(_("The screening must be a JSON object."))
    try:
        validated = ScreeningInput.from_dict(data)
    except ValueError as exc:  # the catalogue decides what is invalid and names the field
        english = (get_language() or "nb").startswith("en")
        detail = getattr(exc, "message_en" if english else "message_nb", "")
        raise InvalidScreening(
            _("The screening does not match the identification guide.") + (f" {detail}" if detail else "")
        ) from exc
    version = validated.catalogue_version or data.get("catalogue_version") or ""
    return data, str(version)[:40]
