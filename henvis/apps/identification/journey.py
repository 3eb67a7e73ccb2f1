"""The screening journey's steps as pages show them: the step number posted, the context
of identification/step.html, the step bar and the journey's own language switch. The
anonymous screening (``views.py``) and training mode (``apps/training``) both walk these
steps, so both ask exactly the same questions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from henvis.apps.identification.forms import RESULT_STEP, STEPS, ScreeningForm
from henvis.catalogue import load_catalogue


def step_number(raw: str | None) -> int:
    try:
        return max(0, min(int(raw or 0), RESULT_STEP - 1))
    except ValueError:
        return 0


def other_language() -> dict[str, str]:
    """The language to offer on the journey's own switch, which carries the answers."""
    current = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return {"code": "nb", "name": "Norsk bokmål"} if current == "en" else {"code": "en", "name": "English"}


def steps_bar(active: int) -> list[dict[str, Any]]:
    return [{"number": n + 1, "title": title, "active": n == active, "done": n < active} for n, (_k, title, _f) in enumerate(STEPS)]


def step_context(form: ScreeningForm, step: int) -> dict[str, Any]:
    """What identification/step.html needs for one step; the training journey (issue 18)
    renders the same steps with it, so both ask exactly the same questions."""
    key, title, names = STEPS[step]
    context: dict[str, Any] = {
        "form": form,
        "step": step,
        "step_key": key,
        "step_title": title,
        "steps": steps_bar(step),
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


def activate_posted_language(request: HttpRequest) -> str:
    """The journey's own language switch (it carries the answers, where the header's
    switch would start again): the posted language, or the current one if unknown,
    activated for the rest of the request."""
    language = request.POST.get("language", "")
    if language not in {code for code, _name in settings.LANGUAGES}:
        language = translation.get_language() or settings.LANGUAGE_CODE
    translation.activate(language)
    request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
    return language


def keep_language(response: HttpResponse, language: str) -> HttpResponse:
    """The same cookie as django.views.i18n.set_language, so the rest of the site follows."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
