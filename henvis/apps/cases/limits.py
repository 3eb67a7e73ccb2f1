"""Every text field has a maximum, the same on the page and in the API (issue 16 item 7),
and the page says it: the browser gets ``maxlength`` from Django, the reader a help text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext

# Shared maxima for free text that has no column length of its own.
ALIASES_MAX = 500
CITIZENSHIPS_MAX = 100
CONTACT_MAX = 1000
CHILDREN_MAX = 1000
SEARCH_MAX = 200
SCREENING_MAX = 100_000  # characters of posted screening JSON (a full screening is a few thousand)


def _at_most(n: int) -> str:
    return gettext("At most %(n)d characters.") % {"n": n}


_at_most_lazy = lazy(_at_most, str)


def show_limits(form: forms.BaseForm) -> None:
    """Add "At most N characters." to the help text of every text field with a maximum."""
    for field in form.fields.values():
        limit = getattr(field, "max_length", None)
        if not isinstance(field, forms.CharField) or limit is None or isinstance(field.widget, forms.HiddenInput):
            continue
        note = _at_most_lazy(limit)
        field.help_text = format_lazy("{} {}", field.help_text, note) if field.help_text else note


class LimitsShown:
    """Form mixin: ``show_limits`` after the form's own ``__init__``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        show_limits(self)  # type: ignore[arg-type]
