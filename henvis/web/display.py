"""Template filters every page may use: ``{% load henvis %}`` (registered in settings).

``{{ source|cite }}`` shows a ``source`` of the data (``seed 004 Del 6 punkt 1``) as the
citation of the document by its title, in the active language
(``henvis/catalogue/citations.py``)."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.translation import get_language

from henvis.catalogue.citations import cite as _cite

register = template.Library()


@register.filter
def cite(source: str | None) -> str:
    if not source:
        return ""
    return _cite(source).in_language(get_language() or "nb")


@register.filter
def localised(obj: object, field: str) -> str:
    """``{{ organisation|localised:"phone_note" }}``: ``obj.in_language(field, language)``,
    the English text beside the Bokmål in the data when the page is English."""
    return str(obj.in_language(field, get_language() or "nb"))  # type: ignore[attr-defined]


@register.filter
def minutes(duration: timedelta | None) -> int:
    """``{{ cooloff_timedelta|minutes }}``: whole minutes of a duration."""
    return int(duration.total_seconds() // 60) if duration else 0
