"""Validation of a screening posted from the identification guide.

The guide posts ``ScreeningInput.to_dict()`` as JSON. When the catalogue offers
``ScreeningInput.from_dict`` we let it validate the data; otherwise we accept any JSON
object. The JSON is stored exactly as given, with the catalogue version it names."""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from henvis.apps.cases.limits import SCREENING_MAX


class InvalidScreening(ValueError):
    pass


def _screening_input_class() -> Any:
    for module_name in ("henvis.catalogue", "henvis.catalogue.screening", "henvis.catalogue.rules"):
        try:
            module = import_module(module_name)
        except ImportError:
            continue
        cls = getattr(module, "ScreeningInput", None)
        if cls is not None and hasattr(cls, "from_dict"):
            return cls
    return None


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
    version = data.get("catalogue_version") or ""
    cls = _screening_input_class()
    if cls is not None:
        try:
            validated = cls.from_dict(data)
        except ValueError as exc:  # the catalogue decides what is invalid and names the field
            english = (get_language() or "nb").startswith("en")
            detail = getattr(exc, "message_en" if english else "message_nb", "")
            raise InvalidScreening(
                _("The screening does not match the identification guide.") + (f" {detail}" if detail else "")
            ) from exc
        version = getattr(validated, "catalogue_version", "") or version
    return data, str(version)[:40]
