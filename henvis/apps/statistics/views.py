"""Analyst pages: unique-person figures with intervals and charts, imports with a
row-level error report, the dark-figure estimate, and downloads. Analysts see counts
only, protected by disclosure control; no page here shows a case or a name."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from henvis.apps.audit.log import record
from henvis.apps.statistics.access import analyst_required
from henvis.apps.statistics.figures import chart_png
from henvis.apps.statistics.imports import import_extract, import_registry
from henvis.apps.statistics.models import PersonExtract, RegistryImport
from henvis.apps.statistics.pages import (
    dark_figure_of_year,
    extract_years,
    figures_of_year,
    method_note,
    table_csv,
)
from henvis.apps.statistics.reports import CONTENT_TYPES, UNDER_AGREEMENT, build_download
from henvis.apps.statistics.sources import current_extract, extract_or_404, years_with_data
from henvis.stats.disclosure.disclosure_rule import Language
from henvis.stats.returns import ExchangeNotAgreed


def _language(request: HttpRequest) -> Language:
    """The request's language as the pure core names it (it has no Django to ask)."""
    return "nb" if request.LANGUAGE_CODE == "nb" else "en"


def _year(request: HttpRequest, years: list[int]) -> int:
    """The year asked for (default: the newest); 404 for a year not in ``years``."""
    if not years:
        raise Http404
    try:
        year = int(request.GET.get("year", years[-1]))
    except ValueError:
        raise Http404 from None
    if year not in years:
        raise Http404
    return year


@analyst_required
def index(request: HttpRequest) -> HttpResponse:
    extract = current_extract()
    context: dict[str, Any] = {
        "extract": extract, "imports": RegistryImport.objects.all(),
        "method_note": method_note(_language(request)),
    }
    if extract is not None:
        years = extract_years(extract)
        year = _year(request, years)
        context.update({"year": year, "years": years, **figures_of_year(extract, year)})
    record("statistics.view", request=request, object_type="statistics", detail="figures")
    return render(request, "statistics/index.html", context)


@analyst_required
def chart(request: HttpRequest) -> HttpResponse:
    """Persons per year (with the linkage interval) against the sum over organisations."""
    extract = extract_or_404()
    return HttpResponse(chart_png(extract), content_type="image/png")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class RegistryUploadForm(forms.Form):
    uploads = MultipleFileField(label=gettext_lazy("Registry files (CSV)"))


class ExtractUploadForm(forms.Form):
    label = forms.CharField(label=gettext_lazy("Label"), max_length=200)
    extract = forms.FileField(label=gettext_lazy("Pseudonymised extract (CSV)"))
    clusters = forms.FileField(label=gettext_lazy("Linkage clusters (clusters.csv)"))
    pairs = forms.FileField(label=gettext_lazy("Linkage pairs (pairs.csv, optional)"), required=False)


@analyst_required
def upload(request: HttpRequest) -> HttpResponse:
    registry_form = RegistryUploadForm(prefix="registry")
    extract_form = ExtractUploadForm(prefix="extract")
    errors: list[str] = []
    if request.method == "POST" and request.POST.get("kind") == "registry":
        registry_form = RegistryUploadForm(request.POST, request.FILES, prefix="registry")
        if registry_form.is_valid():
            errors = import_registry(request, registry_form.cleaned_data["uploads"])
            if not errors:
                messages.success(request, _("The registry files were imported."))
                return redirect("statistics:upload")
    elif request.method == "POST" and request.POST.get("kind") == "extract":
        extract_form = ExtractUploadForm(request.POST, request.FILES, prefix="extract")
        if extract_form.is_valid():
            errors = import_extract(request, extract_form.cleaned_data)
            if not errors:
                messages.success(request, _("The extract was imported."))
                return redirect("statistics:index")
    return render(request, "statistics/upload.html", {
        "registry_form": registry_form, "extract_form": extract_form, "errors": errors,
        "imports": RegistryImport.objects.all(), "extracts": PersonExtract.objects.all()[:10],
    })


@analyst_required
def dark_figure_view(request: HttpRequest) -> HttpResponse:
    extract = extract_or_404()
    years = extract_years(extract)
    year = _year(request, years)
    context = dark_figure_of_year(extract, year, _language(request))
    record("statistics.view", request=request, object_type="statistics", detail="dark figure")
    return render(request, "statistics/dark_figure.html", {"year": year, "years": years, **context})


@analyst_required
def table_download(request: HttpRequest, name: str) -> HttpResponse:
    """One table of the figures page as CSV: the cells the page shows, audited as every
    download is."""
    extract = extract_or_404()
    year = _year(request, extract_years(extract))
    try:
        body = table_csv(extract, year, name)
    except LookupError:
        raise Http404 from None
    record("statistics.download", request=request, object_type="statistics", object_id=year,
           detail=f"table {name}.csv")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="henvis-{year}-{name}.csv"'
    return response


@analyst_required
def download(request: HttpRequest, what: str) -> HttpResponse:
    if what not in CONTENT_TYPES:
        raise Http404
    extract = current_extract()
    # a year with no data at all is refused as the figures page refuses it, rather than
    # answered with a report (or return) of empty chapters
    year = _year(request, years_with_data(extract))
    agreement = what in UNDER_AGREEMENT and request.GET.get("agreement") == "exchange"
    try:
        body = build_download(what, year, extract, under_agreement=agreement)
    except ExchangeNotAgreed:
        raise PermissionDenied from None
    except (ValueError, LookupError):
        raise Http404 from None
    record("statistics.download", request=request, object_type="statistics", object_id=year,
           detail=f"{what} (exchange under agreement)" if agreement else what)
    response = HttpResponse(body, content_type=CONTENT_TYPES[what])
    name = f"henvis-{year}-exchange-under-agreement-{what}" if agreement else f"henvis-{year}-{what}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
