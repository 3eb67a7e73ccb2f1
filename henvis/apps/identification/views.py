"""The anonymous screening journey (seed 004 Del 4-7). Nothing about the person is stored:
each step posts every answer so far, the next page carries them as hidden fields, and the
result is computed by the pure rules in henvis.catalogue."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from henvis.apps.identification.forms import RESULT_STEP, STEPS, ScreeningForm
from henvis.apps.identification.journey import (
    activate_posted_language,
    keep_language,
    other_language,
    step_context,
    step_number,
    steps_bar,
)
from henvis.catalogue import Catalogue, ScreeningError, guide, load_catalogue
from henvis.catalogue.guide_rules import rights_for


@never_cache
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest) -> HttpResponse:
    """GET: step 1. POST: validate the current step and show the next (or the previous)."""
    catalogue = load_catalogue()
    if request.method == "GET":
        return _render_step(request, ScreeningForm(catalogue=catalogue, step=0), 0)

    current = step_number(request.POST.get("step"))
    if request.POST.get("action") == "language":
        # Switch the language and show the same step with every answer (issue 15 item 6):
        # the header's switch would start the journey again, since nothing is stored.
        return _switch_language(request, catalogue, current)
    if request.POST.get("action") == "edit":
        # From the result page: show the last step again with every answer.
        return _render_step(request, ScreeningForm(request.POST, catalogue=catalogue, step=current), current)
    if request.POST.get("action") == "back":
        # Going back never validates: the answers travel along unchanged.
        target = max(0, current - 1)
        return _render_step(request, ScreeningForm(request.POST, catalogue=catalogue, step=target), target)

    form = ScreeningForm(request.POST, catalogue=catalogue, step=current)
    if not form.is_valid():
        return _render_step(request, form, _first_step_with_errors(form, current))
    if current + 1 < RESULT_STEP:
        return _render_step(request, form, current + 1)
    return _render_result(request, form, catalogue) or _render_step(request, form, current)


def _render_result(request: HttpRequest, form: ScreeningForm, catalogue: Catalogue) -> HttpResponse | None:
    """The guidance page for a valid form; None when the catalogue refuses the answers."""
    try:
        screening_input = form.screening_input()
    except ScreeningError:
        return None
    guidance = guide(screening_input, catalogue)
    return render(request, "identification/result.html", {
        "form": form,
        "guidance": guidance,
        "catalogue": catalogue,
        "screening_json": json.dumps(screening_input.to_dict(), ensure_ascii=False),
        "carry": list(form),  # every answer, so that "change answers" goes back with them
        "last_step": RESULT_STEP - 1,
        "steps": steps_bar(RESULT_STEP),
        "other_language": other_language(),
    })


def _switch_language(request: HttpRequest, catalogue: Catalogue, current: int) -> HttpResponse:
    language = activate_posted_language(request)
    if request.POST.get("result") == "1":
        # On the result page: the same guidance again, in the new language.
        form = ScreeningForm(request.POST, catalogue=catalogue, step=RESULT_STEP - 1)
        response = _render_result(request, form, catalogue) if form.is_valid() else None
    else:
        response = None
    if response is None:
        response = _render_step(request, ScreeningForm(request.POST, catalogue=catalogue, step=current), current)
    return keep_language(response, language)


def _first_step_with_errors(form: ScreeningForm, current: int) -> int:
    for number, (_key, _title, names) in enumerate(STEPS):
        if any(name in form.errors for name in names):
            return number
    return current


def _render_step(request: HttpRequest, form: ScreeningForm, step: int) -> HttpResponse:
    return render(request, "identification/step.html", step_context(form, step))


@never_cache
def rights_sheet(request: HttpRequest, language: str) -> HttpResponse:
    """The printable rights information (seed 004 Del 5 and 7) in Norwegian or English,
    whatever the language of the rest of the site, to hand to the person."""
    if language not in {"nb", "en"}:
        raise Http404
    catalogue = load_catalogue()
    child = request.GET.get("child") == "1"
    # the sheet is rendered in its own language inside the page ({% language %} in the template)
    return render(request, "identification/rights_sheet.html", {
        "sheet_language": language,
        "child": child,
        "catalogue": catalogue,
        "told": [r.text for r in catalogue.rights.tell_the_person if r.audience in {"all", "minor" if child else "adult"}],
        "entitlements": [r.text for r in catalogue.rights.entitlements],
        "all_rights": rights_for(catalogue, child=child),
        "contacts": [catalogue.service(s) for s in (
            ("alarmtelefonen", "barnevernvakt", "police-emergency", "medical-emergency", "legevakt")
            if child else ("rosa", "police-emergency", "medical-emergency", "legevakt", "udi", "iom")
        )],
    })
