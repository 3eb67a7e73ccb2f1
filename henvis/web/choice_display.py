"""``get_<field>_display`` without rebuilding the field's choices on every call.

Django's ``Model._get_FIELD_display`` makes a dict of all of a field's choices (through
``make_hashable``) each time it is called: a list of 100 referrals with two such columns
built 200 dicts per page. The dict depends only on the field, so it is made once per
field and kept on it; its labels stay lazy translations, so the user's language still
applies when the label is shown."""

from __future__ import annotations

from typing import Any

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


def _choices(field: Any) -> dict[Any, Any]:
    cached: dict[Any, Any] | None = field.__dict__.get("_henvis_choices")
    if cached is None:
        cached = dict(make_hashable(field.flatchoices))
        field.__dict__["_henvis_choices"] = cached
    return cached


class ChoiceDisplay:
    """Mixed into a model before ``models.Model``: the same labels as Django's, cheaper."""

    def _get_FIELD_display(self, field: Any) -> Any:  # noqa: N802 - Django's name
        value = getattr(self, field.attname)
        return force_str(_choices(field).get(make_hashable(value), value), strings_only=True)
