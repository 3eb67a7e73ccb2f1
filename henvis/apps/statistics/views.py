"""Analyst pages: unique-person figures with intervals and charts, imports with a
row-level error report, the dark-figure estimate, and downloads. Analysts see counts
only, protected by disclosure control; no page here shows a case or a name."""

from __future__ import annotations

import io
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from henvis.apps.audit.log import record
from henvis.apps.statistics.access import analyst_required
from henvis.apps.statistics.figures import (
    TABLE_TITLES,
    chart_png,
    dark_figure_for,
    page_figures,
    persons_of_year,
    warm,
)
from henvis.apps.statistics.models import PersonExtract, RegistryImport
from henvis.apps.statistics.reports import CONTENT_TYPES, UNDER_AGREEMENT, build_download
from henvis.apps.statistics.sources import (
    compute_statistics,
    current_extract,
    person_statistics,
    years_with_data,
)
from henvis.stats.disclosure import SUPPRESSED, DisclosureRule
from henvis.stats.disclosure.disclosure_rule import Language
from henvis.stats.persons import InputError
from henvis.stats.returns import ExchangeNotAgreed

RULE = DisclosureRule()


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


def _extract_years(extract: PersonExtract) -> list[int]:
    """The years of an extract, as stored at its import (no counting needed)."""
    return sorted(int(y) for y in extract.years) or person_statistics(extract).years


@analyst_required
def index(request: HttpRequest) -> HttpResponse:
    extract = current_extract()
    context: dict[str, Any] = {
        "extract": extract, "imports": RegistryImport.objects.all(),
        "method_note": RULE.method_note(_language(request)),
    }
    if extract is not None:
        years = _extract_years(extract)
        year = _year(request, years)
        figures = page_figures(extract, year)  # shared by every worker, computed once
        context.update({
            "year": year, "years": years, "samples": figures["samples"],
            "summary": figures["summary"],
            "tables": [{**t, "title": TABLE_TITLES.get(t["name"], t["name"])} for t in figures["tables"]],
            "suppressed": SUPPRESSED,
        })
    record("statistics.view", request=request, object_type="statistics", detail="figures")
    return render(request, "statistics/index.html", context)


@analyst_required
def chart(request: HttpRequest) -> HttpResponse:
    """Persons per year (with the linkage interval) against the sum over organisations."""
    extract = current_extract()
    if extract is None:
        raise Http404
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


def _user(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


def _text(upload: Any) -> str:
    try:
        return str(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(upload.name, []) from None


@analyst_required
def upload(request: HttpRequest) -> HttpResponse:
    registry_form = RegistryUploadForm(prefix="registry")
    extract_form = ExtractUploadForm(prefix="extract")
    errors: list[str] = []
    if request.method == "POST" and request.POST.get("kind") == "registry":
        registry_form = RegistryUploadForm(request.POST, request.FILES, prefix="registry")
        if registry_form.is_valid():
            errors = _import_registry(request, registry_form.cleaned_data["uploads"])
            if not errors:
                return redirect("statistics:upload")
    elif request.method == "POST" and request.POST.get("kind") == "extract":
        extract_form = ExtractUploadForm(request.POST, request.FILES, prefix="extract")
        if extract_form.is_valid():
            errors = _import_extract(request, extract_form.cleaned_data)
            if not errors:
                return redirect("statistics:index")
    return render(request, "statistics/upload.html", {
        "registry_form": registry_form, "extract_form": extract_form, "errors": errors,
        "imports": RegistryImport.objects.all(), "extracts": PersonExtract.objects.all()[:10],
    })


def _import_registry(request: HttpRequest, uploads: list[Any]) -> list[str]:
    from henvis.stats.registry import RegistryValidationError, parse_files
    from henvis.stats.registry.formats import FORMATS_BY_FILENAME

    try:
        files = {u.name: u.read().decode("utf-8-sig") for u in uploads}
    except UnicodeDecodeError:
        return [_("A file is not UTF-8 text.")]
    try:
        parsed = parse_files(files)
    except RegistryValidationError as exc:
        return [str(e) for e in exc.errors]
    with transaction.atomic():
        for name, text in files.items():
            rows = len(parsed[FORMATS_BY_FILENAME[name].name])
            item = RegistryImport.objects.create(filename=name, content=text, rows=rows, imported_by=_user(request))
            record("statistics.registry_import", request=request, object_type="registry_import",
                   object_id=item.pk, detail=name)
    messages.success(request, _("The registry files were imported."))
    return []


def _only_columns(text: str, columns: tuple[str, ...], *, normalise: bool = False) -> str:
    """The CSV with only the columns the counting reads. Whatever else a sender put in
    the file (a free-text note, a name under a column name nobody foresaw) is never
    stored on the statistics side."""
    if not text.strip():
        return text
    import pandas as pd

    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    if normalise:  # as validate_extract reads the header
        frame.columns = [str(c).strip().lower() for c in frame.columns]
    return str(frame[[c for c in columns if c in frame.columns]].to_csv(index=False))


def _import_extract(request: HttpRequest, data: dict[str, Any]) -> list[str]:
    from henvis.apps.dataprotection.extracts import drop_erased
    from henvis.stats.persons.extract import KNOWN
    from henvis.stats.persons.linkage_files import CLUSTER_COLUMNS, PAIR_COLUMNS

    try:
        texts = [_text(data["extract"]), _text(data["clusters"]), _text(data["pairs"]) if data["pairs"] else ""]
        # Data protection: registrations of erased cases leave the next extract.
        texts, _erased = drop_erased(*texts)
        stats = compute_statistics(*texts)
    except InputError as exc:
        return [str(e) for e in exc.errors] or [_("A file is not UTF-8 text.")]
    texts = [_only_columns(texts[0], KNOWN, normalise=True), _only_columns(texts[1], CLUSTER_COLUMNS),
             _only_columns(texts[2], PAIR_COLUMNS)]
    with transaction.atomic():
        item = PersonExtract.objects.create(
            label=data["label"], extract_csv=texts[0], clusters_csv=texts[1], pairs_csv=texts[2],
            records=int(stats.summary["registrations"].sum()), years=stats.years, uploaded_by=_user(request),
        )
        record("statistics.extract_import", request=request, object_type="person_extract", object_id=item.pk,
               detail=f"{item.records} records")
        # the pages' figures and charts, computed once now for every worker to serve
        transaction.on_commit(lambda: warm(item))
    messages.success(request, _("The extract was imported."))
    return []


# The dark figure's lists (henvis.stats.report.darkfigure.LIST_GROUPS) as the page names
# them; the core's names are codes in Bokmål.
LIST_LABELS = {
    "politi": gettext_lazy("Police (districts and national units)"),
    "utlendingsforvaltningen": gettext_lazy("Immigration authorities"),
    "frivillige": gettext_lazy("Voluntary organisations"),
    "barnevern": gettext_lazy("Child welfare (municipal and state)"),
    "andre-offentlige": gettext_lazy("Other public services"),
}


def _list_label(name: str) -> str:
    return str(LIST_LABELS.get(name, name))


def _interaction_label(term: str) -> str:
    """A two-list term of the model ("politi:frivillige") in the page's language."""
    return " × ".join(_list_label(name) for name in term.split(":"))


@analyst_required
def dark_figure_view(request: HttpRequest) -> HttpResponse:
    extract = current_extract()
    if extract is None:
        raise Http404
    years = _extract_years(extract)
    year = _year(request, years)
    from henvis.stats.report.darkfigure import method_note

    # the clustering's table and one per linkage sample: the estimate is pooled over the
    # first LINKAGE_SAMPLES of them so that its interval includes linkage errors
    dark = dark_figure_for(extract, year)
    language = _language(request)
    # the figures page's unique persons of the year (the linkage's own clustering): when
    # the estimate's known persons are another count, the page says why (not when the
    # figures page suppresses the figure)
    persons = persons_of_year(extract, year)
    gap = None if RULE.is_small(persons) else dark.observed_gap(persons)
    record("statistics.view", request=request, object_type="statistics", detail="dark figure")
    return render(request, "statistics/dark_figure.html", {
        "year": year, "years": years, "dark": dark,
        # the core's texts come in Bokmål and English: the request's language is picked here
        "refusal": dark.refusal_in(language), "model_warnings": dark.model_warnings_in(language),
        "method_note": method_note(language),
        "lists": [_list_label(name) for name in dark.lists],
        "interactions": [_interaction_label(term) for term in dark.interactions],
        "persons": persons, "gap": gap, "threshold": RULE.threshold,
        # the known persons pass the same disclosure control as every other count
        "known": RULE.released(dark.observed), "known_low": RULE.released(dark.observed_low),
        "known_high": RULE.released(dark.observed_high),
        "gap_unlisted_small": gap is not None and RULE.is_small(gap.unlisted),
        "gap_left_out_small": gap is not None and RULE.is_small(gap.left_out),
    })


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
