"""Show catalogue texts (Norwegian and English in the data) in the active language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from henvis.catalogue.guide_types import Text

register = template.Library()


@register.filter
def lang(text: Text | None) -> str:
    """``{{ indicator.text|lang }}``: English when the active language is English."""
    if text is None:
        return ""
    return text.in_language(get_language() or "nb")


@register.filter
def tel(phone: str) -> str:
    """``tel:`` link target: digits only."""
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")
