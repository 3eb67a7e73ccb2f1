"""Template filters every page may use: ``{% load henvis %}`` (registered in settings).

``{{ source|cite }}`` shows a ``source`` of the data (``seed 004 Del 6 punkt 1``) as the
citation of the document by its title, in the active language
(``henvis/catalogue/citations.py``)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms, template
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


# --- Designsystemet (Digdir) rendering: forms and the main menu ---------------------------
# Forms are laid out as Designsystemet's field pattern: label, hint under it, validation
# message, then the control (class ds-input); a group of boxes or buttons is a fieldset
# with a legend. Required fields are marked. See templates/henvis/ds_form.html.

_GROUPED = (forms.CheckboxSelectMultiple, forms.RadioSelect)

# Fields shown only for one answer of another field (progressive enhancement: the page
# shows every field without JavaScript; henvis/shown-for.js hides the others).
SHOWN_FOR: dict[str, tuple[str, tuple[str, ...]]] = {
    "birth_date": ("birth_precision", ("exact",)),
    "birth_year": ("birth_precision", ("year", "range")),
    "birth_year_to": ("birth_precision", ("range",)),
}


def ds_field(field: forms.BoundField) -> dict[str, Any]:
    widget = field.field.widget
    kind = "grouped" if isinstance(widget, _GROUPED) else (
        "checkbox" if getattr(widget, "input_type", "") == "checkbox" else "single")
    if kind != "grouped":  # a group's boxes are written out one by one in ds_field.html
        widget.attrs.setdefault("class", "ds-input")
    _name_the_empty_choice(field.field)
    # Django itself points aria-describedby at the hint and the error message.
    shown = SHOWN_FOR.get(field.name)
    return {
        "field": field, "kind": kind,
        "shown_for": f"{shown[0]}:{' '.join(shown[1])}" if shown and shown[0] in field.form.fields else "",
    }


def _name_the_empty_choice(field: forms.Field) -> None:
    """A list's empty choice says what it means ("Velg …" where an answer is required, a dash
    where none is), not Django's "---------". ``field`` is the form's own copy."""
    if not isinstance(field, forms.ChoiceField) or isinstance(field.widget, forms.SelectMultiple):
        return
    label = _("Choose…") if field.required else "—"
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == "---------":
            field.empty_label = label
        return
    choices = list(field.choices)  # type: ignore[arg-type]  # a plain list here (not callable)
    if any(value == "" and text == "---------" for value, text in choices):
        field.choices = [(value, label if value == "" and text == "---------" else text) for value, text in choices]


@register.inclusion_tag("henvis/ds_form.html")
def ds_form(form: forms.BaseForm) -> dict[str, Any]:
    """``{% ds_form form %}``: every field of a form in Designsystemet's markup."""
    return {
        "hidden": form.hidden_fields(),
        "fields": [ds_field(f) for f in form.visible_fields()],
        "non_field_errors": form.non_field_errors(),
    }


@register.inclusion_tag("henvis/ds_field.html")
def ds_field_tag(field: forms.BoundField) -> dict[str, Any]:
    """``{% ds_field_tag form.name %}``: one field in Designsystemet's markup."""
    return {"f": ds_field(field)}


@register.simple_tag(takes_context=True)
def main_menu(context: template.Context) -> list[dict[str, Any]]:
    """The header menu: the areas' entries, then organisations, users and the audit log.
    The entry whose address is the longest start of the page's path is the current one."""
    request = context.get("request")
    user = getattr(request, "user", None)
    items = [dict(item) for item in context.get("nav_items") or []]
    if user is not None and user.is_authenticated:
        items.append({"url": reverse("organisations:list"), "label": _("Organisations")})
        if getattr(user, "can_manage_users", False):
            items.append({"url": reverse("accounts:users"), "label": _("Users")})
        if "auditor" in (context.get("user_roles") or set()):
            items.append({"url": reverse("audit:search"), "label": _("Audit log")})
    path = getattr(request, "path", "")
    matching = [i for i in items if path.startswith(i["url"]) and i["url"] != "/"]
    current = max(matching, key=lambda i: len(i["url"]))["url"] if matching else None
    for item in items:
        item["current"] = item["url"] == current
    return items


@register.simple_tag
def error_title(*given: Any) -> str:
    """``{% error_title form %}`` at the start of a title: "Feil: " when a given form shows
    errors, so a screen reader hears at once that the page came back with errors (WCAG 3.3.1)."""
    if any(isinstance(f, forms.BaseForm) and f.is_bound and f.errors for f in given):
        return _("Error:") + " "
    return ""


@register.filter(name="word")
def word_filter(code: object) -> str:
    """``{{ code|word }}``: a code (``eastern_europe``, ``F``, ``NG``) as words in the
    reader's language (henvis/web/words.py)."""
    from henvis.web.words import word

    return word(code)


@register.filter
def countries_in_words(codes: object) -> str:
    """``{{ person.citizenships|countries_in_words }}``: "Nigeria, Romania", not "NG, RO"."""
    from henvis.web.words import word

    if not codes:
        return ""
    items = [codes] if isinstance(codes, str) else list(codes)  # type: ignore[call-overload]
    return ", ".join(word(c) for c in items)


@register.filter
def action_in_words(action: str) -> str:
    """``{{ entry.action|action_in_words }}``: "Sak: lest" instead of ``case.read``."""
    from henvis.web.words import action_words

    return action_words(str(action))


# --- Long lists: sortable column headers and the pager (henvis/web/lists.py) -------------

@register.simple_tag(takes_context=True)
def sort_header(context: template.Context, key: str, label: str) -> str:
    """A column header that sorts the list by ``key`` (again: the other way round); the
    link keeps the list's filter (``list_params``) and goes back to the first page."""
    from django.utils.html import format_html

    from henvis.web.lists import with_params

    current = str(context.get("sort", ""))
    params: dict[str, str] = context.get("list_params") or {}
    default = str(context.get("default_sort", ""))
    ascending = current == key
    descending = current == f"-{key}"
    target = f"-{key}" if ascending else key
    href = with_params(params, sort=None if target == default else target, page=None)
    state = "ascending" if ascending else "descending" if descending else "none"
    arrow = " ▲" if ascending else " ▼" if descending else ""
    return format_html('<th aria-sort="{}"><a href="{}">{}{}</a></th>', state, href, label, arrow)


@register.inclusion_tag("henvis/pager.html", takes_context=True)
def pager(context: template.Context, page: Any, form_id: str = "") -> dict[str, Any]:
    """Previous / next page, keeping the filter in the address; for a posted search
    (``form_id``) the buttons post that form again with the page number instead."""
    from henvis.web.lists import with_params

    params: dict[str, str] = context.get("list_params") or {}
    return {
        "page": page, "form_id": form_id,
        "previous": with_params(params, page=page.previous_page_number()) if page.has_previous() else "",
        "next": with_params(params, page=page.next_page_number()) if page.has_next() else "",
    }


@register.simple_tag(takes_context=True)
def export_href(context: template.Context) -> str:
    """The address of the list's CSV export with the list's filter and sort."""
    from henvis.web.lists import with_params

    return with_params(context.get("list_params") or {}, export="csv", page=None)


@register.filter
def roles_in_words(codes: object) -> str:
    """``{{ restriction.roles|roles_in_words }}``: "Case coordinator, Auditor", not role codes."""
    from henvis.apps.accounts.roles import ROLE_LABELS, Role

    labels = {r.value: str(label) for r, label in ROLE_LABELS.items() if isinstance(r, Role)}
    items = [codes] if isinstance(codes, str) else list(codes or [])  # type: ignore[call-overload]
    return ", ".join(labels.get(str(c), str(c)) for c in items)


@register.filter
def person_field_in_words(name: object) -> str:
    """``{{ correction.field|person_field_in_words }}``: a person's field by its label
    ("Family name"), not its column name; an unknown name is shown as it is."""
    from django.core.exceptions import FieldDoesNotExist

    from henvis.apps.cases.models import Person

    try:
        field = Person._meta.get_field(str(name))
    except FieldDoesNotExist:
        return str(name)
    return str(getattr(field, "verbose_name", name)).capitalize()
