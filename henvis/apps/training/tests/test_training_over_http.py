"""Training over HTTP: anonymous and in English, the same steps as the screening, feedback
from the rules, only a logged-in user's completion stored, counts for one's own staff only."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.training.models import Completion

pytestmark = pytest.mark.django_db

GROOMED = {
    "reporter_kind": "school", "age": "15", "sex": "female", "forms": ["prostitution"], "arenas": ["grooming"],
    "indicators": ["bg-m02", "ct-05"], "reason_to_believe": "on",
}


def _hidden(page: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page):
        if name not in {"csrfmiddlewaretoken", "step"}:
            out.setdefault(name, []).append(value)
    return out


def play(client: Client, scenario_id: str, answers: dict[str, Any]) -> str:
    url = f"/training/scenarios/{scenario_id}/"
    page = client.get(url).content.decode()
    for step in range(4):
        response = client.post(url, {**_hidden(page), **answers, "step": str(step), "action": "next"})
        assert response.status_code == 200
        page = response.content.decode()
    return page


def test_anonymous_trainee_in_english_gets_feedback_and_nothing_is_stored(client: Client) -> None:
    client.cookies["django_language"] = "en"
    index = client.get("/training/scenarios/").content.decode()
    assert index.count('href="/training/scenarios/') >= 8
    first = client.get("/training/scenarios/child-groomed/").content.decode()
    assert "school nurse" in first  # the story, in English
    assert 'action="/training/scenarios/child-groomed/"' in first  # the journey posts back to training
    page = play(client, "child-groomed", GROOMED)
    # Missed: the three indicators not ticked; found the duty in force.
    assert sorted(re.findall(r'<li data-indicator="([^"]+)"', page.split("Indicators you missed")[1].split("</ul>")[0])) == [
        "bg-m02", "ct-05", "ct-06", "ct-10", "ct-m02"][2:]
    assert 'data-duty="duty_to_notify_child_welfare" data-reached="yes"' in page
    assert "Duties that applied" in page
    assert Completion.objects.count() == 0


def test_a_missed_judgement_shows_the_duty_was_not_reached(client: Client) -> None:
    answers = {k: v for k, v in GROOMED.items() if k != "reason_to_believe"}
    page = play(client, "child-groomed", answers)
    assert 'data-duty="duty_to_notify_child_welfare" data-reached="no"' in page


def test_the_same_questions_as_the_screening(client: Client) -> None:
    """Each step's inputs are those of /screening/ (same form, same template)."""
    def names(page: str) -> list[str]:
        return sorted(set(re.findall(r'<input type="(?:checkbox|radio|number)" name="([^"]+)"', page)))

    assert names(client.get("/training/scenarios/adult-escort/").content.decode()) == names(
        client.get("/screening/").content.decode())


def test_logged_in_completion_is_stored_and_counts_are_for_own_staff_only(client: Client, make_user: Any) -> None:
    trainee = make_user("trainee", roles=["first_line"], org="rosa")
    make_user("other", roles=["first_line"], org="kom")
    admin = make_user("admin", roles=["org_admin"], org="rosa")
    other_admin = make_user("kom-admin", roles=["org_admin"], org="kom")
    other = Client()
    other.force_login(type(trainee).objects.get(username="other"))
    play(other, "adult-escort", {"reporter_kind": "ngo", "age": "24"})
    client.force_login(trainee)
    play(client, "adult-escort", {"reporter_kind": "ngo", "age": "24"})
    play(client, "adult-escort", {"reporter_kind": "ngo", "age": "24"})  # twice: still one completion
    assert list(Completion.objects.filter(user=trainee).values_list("scenario_id", flat=True)) == ["adult-escort"]
    assert 'data-done="adult-escort"' in client.get("/training/scenarios/").content.decode()
    assert client.get("/training/organisation/").status_code == 403  # a first-line worker sees no counts

    def count(user: Any) -> str:
        viewer = Client()
        viewer.force_login(user)
        page = viewer.get("/training/organisation/").content.decode()
        return re.search(r'data-scenario="adult-escort"><td>[^<]*</td><td>(\d+)</td>', page).group(1)  # type: ignore[union-attr]

    assert count(admin) == "1"  # rosa's own trainee, not kom's
    assert count(other_admin) == "1"
    Completion.objects.filter(user__username="other").delete()
    assert count(other_admin) == "0"


def test_a_duty_without_a_legal_provision_shows_no_empty_brackets(client: Client) -> None:
    """Without the trainee's judgement, the groomed girl's feedback lists "consider
    notifying the police and child welfare", which cites no provision: its title stood
    with "()" after it."""
    client.cookies["django_language"] = "en"
    answers = {k: v for k, v in GROOMED.items() if k != "reason_to_believe"}
    page = play(client, "child-groomed", answers)
    duties = page.split('<ul class="training-duties">')[1].split("</ul>")[0]
    assert "Consider notifying the police and child welfare" in duties
    assert "()" not in re.sub(r"\s+", "", duties)
