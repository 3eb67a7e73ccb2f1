"""Training mode (issue 18 item 2). A trainee reads a scenario and answers the identification
journey's own steps (the same ScreeningForm and step template); the feedback compares the
answers with the scenario's true facts through the real rules (henvis.catalogue.training).
Answers travel in the form as in the screening; only a logged-in user's completion is kept."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from henvis.apps.accounts.roles import Role
from henvis.apps.identification.forms import RESULT_STEP, ScreeningForm
from henvis.apps.identification.journey import (
    activate_posted_language,
    keep_language,
    step_context,
    step_number,
)
from henvis.apps.training.models import Completion
from henvis.catalogue import Catalogue, ScreeningError, load_catalogue
from henvis.catalogue.training import Scenario, feedback, load_scenarios, scenario

# Who may see their organisation's completion counts (never other organisations').
COUNT_VIEWERS = (Role.ORG_ADMIN, Role.COORDINATOR)


def _scenarios(catalogue: Catalogue) -> tuple[Scenario, ...]:
    return load_scenarios(catalogue)


@never_cache
def index(request: HttpRequest) -> HttpResponse:
    catalogue = load_catalogue()
    done: set[str] = set()
    if request.user.is_authenticated:
        done = set(Completion.objects.filter(user=request.user).values_list("scenario_id", flat=True))
    return render(request, "training/index.html", {
        "scenarios": [{"scenario": s, "done": s.id in done} for s in _scenarios(catalogue)],
        "can_see_counts": request.user.is_authenticated and request.user.has_role(*COUNT_VIEWERS),
    })


@never_cache
@require_http_methods(["GET", "POST"])
def play(request: HttpRequest, scenario_id: str) -> HttpResponse:
    catalogue = load_catalogue()
    chosen = scenario(_scenarios(catalogue), scenario_id)
    if chosen is None:
        raise Http404
    if request.method == "GET":
        form = ScreeningForm(initial={"reporter_kind": chosen.facts.reporter_kind}, catalogue=catalogue, step=0)
        return _render_step(request, chosen, form, 0)
    current = step_number(request.POST.get("step"))
    action = request.POST.get("action")
    if action == "language":
        return _switch_language(request, chosen, catalogue, current)
    if action == "back":
        target = max(0, current - 1)
        return _render_step(request, chosen, ScreeningForm(request.POST, catalogue=catalogue, step=target), target)
    form = ScreeningForm(request.POST, catalogue=catalogue, step=current)
    if not form.is_valid():
        return _render_step(request, chosen, form, current)
    if current + 1 < RESULT_STEP:
        return _render_step(request, chosen, form, current + 1)
    try:
        answers = form.screening_input()
    except ScreeningError:
        return _render_step(request, chosen, form, current)
    result = feedback(chosen, answers, catalogue)
    if request.user.is_authenticated:
        # The only thing kept about a trainee: that this scenario was completed.
        Completion.objects.update_or_create(user=request.user, scenario_id=chosen.id)
    return render(request, "training/feedback.html", {
        "scenario": chosen, "feedback": result, "catalogue": catalogue,
        "forms_missed": [f for f in catalogue.forms if f.id in result.missed_forms],
    })


def _render_step(request: HttpRequest, chosen: Scenario, form: ScreeningForm, step: int) -> HttpResponse:
    context: dict[str, Any] = step_context(form, step)
    context["scenario"] = chosen
    return render(request, "training/step.html", context)


def _switch_language(request: HttpRequest, chosen: Scenario, catalogue: Catalogue, current: int) -> HttpResponse:
    language = activate_posted_language(request)
    response = _render_step(request, chosen, ScreeningForm(request.POST, catalogue=catalogue, step=current), current)
    return keep_language(response, language)


@never_cache
def organisation(request: HttpRequest) -> HttpResponse:
    """Completion counts for the viewer's own organisation: per scenario, how many of its
    staff have completed it. Other organisations' staff are never counted here."""
    user = request.user
    if not user.is_authenticated or not user.has_role(*COUNT_VIEWERS) or user.organisation_id is None:
        raise PermissionDenied
    counts = dict(
        Completion.objects.filter(user__organisation_id=user.organisation_id)
        .values_list("scenario_id").annotate(n=Count("user", distinct=True)).values_list("scenario_id", "n")
    )
    staff = get_user_model().objects.filter(organisation_id=user.organisation_id, is_active=True).count()
    catalogue = load_catalogue()
    return render(request, "training/organisation.html", {
        "organisation": user.organisation,
        "staff": staff,
        "rows": [{"scenario": s, "count": counts.get(s.id, 0)} for s in _scenarios(catalogue)],
    })


