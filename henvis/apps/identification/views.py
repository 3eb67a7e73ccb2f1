"""The anonymous screening journey (seed 004 Del 4-7). Nothing about the person is stored:
each step posts every answer so far, the next page carries them as hidden fields, and the
result is computed by the pure rules in henvis.catalogue."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from henvis.apps.identification.forms import RESULT_STEP, STEPS, ScreeningForm
from henvis.catalogue import Catalogue, ScreeningError, guide, load_catalogue
from henvis.catalogue.guide_rules import rights_for


def _step_number(raw: str | None) -> int:
    try:
        return max(0, min(int(raw or 0), RESULT_STEP - 1))
    except ValueError:
        return 0


@never_cache
@require_http_methods(["GET", "POST"])
def screening(request: HttpRequest) -> HttpResponse:
    """GET: step 1. POST: validate the current step and show the next (or the previous)."""
    catalogue = load_catalogue()
    if request.method == "GET":
        return _render_step(request, ScreeningForm(catalogue=catalogue, step=0), 0)

    current = _step_number(request.POST.get("step"))
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
        "steps": _steps(RESULT_STEP),
        "other_language": other_language(),
    })


def other_language() -> dict[str, str]:
    """The language to offer on the journey's own switch, which carries the answers."""
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return {"code": "nb", "name": "Norsk bokmål"} if current == "en" else {"code": "en", "name": "English"}


def _switch_language(request: HttpRequest, catalogue: Catalogue, current: int) -> HttpResponse:
    language = request.POST.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = translation.get_language() or settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    if request.POST.get("result") == "1":
        # On the result page: the same guidance again, in the new language.
        form = ScreeningForm(request.POST, catalogue=catalogue, step=RESULT_STEP - 1)
        response = _render_result(request, form, catalogue) if form.is_valid() else None
    else:
        response = None
    if response is None:
        response = _render_step(request, ScreeningForm(request.POST, catalogue=catalogue, step=current), current)
    # The same cookie as django.views.i18n.set_language, so the rest of the site follows.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


def _first_step_with_errors(form: ScreeningForm, current: int) -> int:
    for number, (_key, _title, names) in enumerate(STEPS):
        if any(name in form.errors for name in names):
            return number
    return current


def _steps(active: int) -> list[dict[str, Any]]:
    return [{"number": n + 1, "title": title, "active": n == active, "done": n < active} for n, (_k, title, _f) in enumerate(STEPS)]


def _render_step(request: HttpRequest, form: ScreeningForm, step: int) -> HttpResponse:
    return render(request, "identification/step.html", step_context(form, step))


def step_context(form: ScreeningForm, step: int) -> dict[str, Any]:
    """What identification/step.html needs for one step; the training journey (issue 18)
    renders the same steps with it, so both ask exactly the same questions."""
    key, title, names = STEPS[step]
    context: dict[str, Any] = {
        "form": form,
        "step": step,
        "step_key": key,
        "step_title": title,
        "steps": _steps(step),
        "visible": [form[name] for name in names if name != "indicators"],
        "carry": [form[name] for _k, _t, fields in STEPS for name in fields if name not in names],
        "catalogue": load_catalogue(),
        "is_last": step == RESULT_STEP - 1,
        "other_language": other_language(),
    }
    if key == "observations":
        context["groups"] = _indicator_groups(form)
    if key == "situation":
        context["law"] = load_catalogue().law
        context["arena_tree"] = _arena_tree(form)
    return context


def _arena_tree(form: ScreeningForm) -> list[dict[str, Any]]:
    """The arenas as the guide prints them (seed 004 lines 325-349): "Andre arenaer ..., for
    eksempel" with its examples nested under it, so that no example stands alone."""
    raw = form["arenas"].value() or []
    chosen = set(raw if isinstance(raw, list) else [raw])
    tree: list[dict[str, Any]] = []
    for arena in form.catalogue.arenas:
        item = {"arena": arena, "checked": arena.id in chosen, "children": []}
        if arena.parent:
            next(t for t in tree if t["arena"].id == arena.parent)["children"].append(item)
        else:
            tree.append(item)
    return tree


def _indicator_groups(form: ScreeningForm) -> list[dict[str, Any]]:
    """Categories with their visible indicators, in the order of the guide, sub-grouped."""
    catalogue = form.catalogue
    visible = form.visible_indicators()
    raw = form["indicators"].value() or []
    chosen = set(raw if isinstance(raw, list) else [raw])
    groups = []
    for category in catalogue.categories:
        mine = [i for i in visible if i.category == category.id]
        if not mine:
            continue
        sections: list[dict[str, Any]] = []
        for indicator in mine:
            label = None
            if indicator.applies_to == "minor":
                label = "minor"
            elif indicator.subgroup:
                label = indicator.subgroup
            if not sections or sections[-1]["key"] != label:
                subgroup = next((s for s in category.subgroups if s.id == label), None)
                sections.append({"key": label, "subgroup": subgroup, "minor": label == "minor", "items": []})
            sections[-1]["items"].append({
                "indicator": indicator, "checked": indicator.id in chosen, "advice": indicator.advice,
            })
        groups.append({"category": category, "sections": sections})
    return groups


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
