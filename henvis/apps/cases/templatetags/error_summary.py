"""``{% error_summary form1 form2 %}``: the errors of the given forms as a list at the top
of the page, each linking to its field (the pattern of GOV.UK and Designsystemet)."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS

register = template.Library()


def _anchor(field: forms.BoundField) -> str:
    """The id of the input to jump to: the field's own, or its first box or button."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        return widget.id_for_label(field.auto_id, "0") if field.auto_id else ""
    return str(field.id_for_label or "")


@register.inclusion_tag("cases/error_summary.html")
def error_summary(*given: Any) -> dict[str, Any]:
    items: list[tuple[str, str]] = []
    for form in given:
        if not isinstance(form, forms.BaseForm) or not form.is_bound or not form.errors:
            continue
        items += [("", str(message)) for message in form.errors.get(NON_FIELD_ERRORS, [])]
        for field in form:  # in the order the fields are shown
            items += [(_anchor(field), f"{field.label}: {message}") for message in field.errors]
    return {"items": items}
