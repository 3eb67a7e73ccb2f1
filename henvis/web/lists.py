"""What every long list shares (cases, referrals, users; issue 15 item 5): a page of at
most ``PER_PAGE`` rows, sorting by a whitelisted key from the address, the filter in the
address, and a CSV export.

The address of a list holds only the whitelisted filter and sort keys a view hands to
``list_params``: never a person's name or identity number (a name in a URL stays in the
browser history and in every proxy's log; the name search is posted, see
docs/architecture.md, "Names never go in URLs"). Sorting is by database columns that are
not encrypted (an encrypted column sorts by ciphertext), so never by a person's name."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from henvis.apps.organisations.models import Organisation

PER_PAGE = 100


def sort_from(request: HttpRequest, keys: Mapping[str, Sequence[str]], default: str) -> tuple[str, list[str]]:
    """The sort key asked for in ``?sort=`` (``opened`` or ``-opened``) if the list offers
    it, else ``default``; and the ORM ordering it stands for. An unknown key is ignored."""
    asked = request.GET.get("sort", "").strip()
    key = asked if asked.lstrip("-") in keys else default
    fields = list(keys[key.lstrip("-")])
    if key.startswith("-"):
        fields = [f[1:] if f.startswith("-") else f"-{f}" for f in fields]
    return key, fields


def page_of(request: HttpRequest, rows: Any, per_page: int = PER_PAGE) -> Page:
    """One page of ``rows`` (a query set is sliced in the database: only the rows of
    the page are read and decrypted). The page number comes from the address or, for a
    posted search, from the form."""
    number = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    return Paginator(rows, min(per_page, PER_PAGE)).get_page(number)


def list_params(form: Any, sort: str, default_sort: str) -> dict[str, str]:
    """The address parameters of a list: the valid, filled-in fields of its filter form
    (as typed) and the sort key. Only the form's own fields go in, so a name typed into
    a crafted address is never echoed into the page's links."""
    params: dict[str, str] = {}
    cleaned = getattr(form, "cleaned_data", {}) if form.is_bound and form.is_valid() else {}
    for name in form.fields:
        if cleaned.get(name) not in (None, "", [], ()):
            params[name] = str(form.data.get(name))
    if sort != default_sort:
        params["sort"] = sort
    return params


def with_params(params: Mapping[str, str], **changes: Any) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` (``None`` removes a key)."""
    merged = dict(params)
    for name, value in changes.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = str(value)
    return "?" + urlencode(merged) if merged else "?"


def wants_csv(request: HttpRequest) -> bool:
    source = request.POST if request.method == "POST" else request.GET
    return source.get("export") == "csv"


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A CSV file for Excel: UTF-8 with a byte-order mark (Excel reads a file without one
    as the local code page), semicolons (Excel in Norway expects them: the comma is the
    decimal separator), one header row of words."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([str(h) for h in header])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return response


def organisation_filter(label: Any) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    """A list filter's choice of organisation (by slug in the address; "All" when empty);
    the organisations offered are given to ``ListFilterForm``."""
    return forms.ModelChoiceField(label=label, queryset=Organisation.objects.none(), required=False,
                                  empty_label=_("All"), to_field_name="slug")


class ListFilterForm(forms.Form):
    """A list's filter: in the address (GET, bookmarkable); never names. Its
    ``organisation`` field (``organisation_filter``) offers ``organisations``: those the
    user may see rows of."""

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


# What Excel (and LibreOffice) read as the start of a formula (OWASP: CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _cell(value: Any) -> str:
    """A cell that cannot run: text somebody typed (a name, the user name of a failed
    log-in) that starts like a formula gets a leading apostrophe, which Excel shows as
    text. Numbers, negative ones included, are left alone.

    >>> _cell("=HYPERLINK(1)"), _cell("-12"), _cell(-3), _cell("@SUM(1)"), _cell(None)
    ("'=HYPERLINK(1)", '-12', '-3', "'@SUM(1)", '')
    """
    if value is None:
        return ""
    text = str(value)
    if not text.startswith(_FORMULA_START) or isinstance(value, int | float):
        return text
    try:
        float(text)
    except ValueError:
        return "'" + text
    return text
