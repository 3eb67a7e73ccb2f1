"""The load mix of bench/load/run.py (Locust): caseworkers listing, opening and updating
cases and reading referrals, analysts reading the statistics, and anonymous visitors
using the screening guide and its API. Think time 0.5-1.5 s, as a person at a desk.

Users and password are the demo's (`henvis demo`): synthetic data only."""

from __future__ import annotations

import random
import re

from form_fields import (
    FormFields,  # bench/load/form_fields.py (Locust puts this folder on the path)
)
from locust import HttpUser, between, task

PASSWORD = "henvis-demo-2026"  # noqa: S105 - the synthetic demo users' password
CASEWORKERS = ["rosa", "filemon", "nav", "politi", "udi"]
CASE_LINK = re.compile(r'href="/cases/(\d+)/"')
SCREENING = {
    "reporter_kind": "ngo", "age": 34, "sex": "male", "needs_safe_place": True,
    "forms": ["forced_labour"], "arenas": ["construction"], "indicators": ["fl-02", "ct-15"],
}


class Caseworker(HttpUser):
    weight = 6
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="login page")
        self.client.post("/accounts/login/", name="log in", data={
            "username": random.choice(CASEWORKERS), "password": PASSWORD,  # noqa: S311
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
        })
        self.visible: list[str] = []
        self.own: list[str] = []
        self.list_cases()
        # own cases in an open status (the edit form offers open statuses only: a closed
        # case is reopened by choosing one, which this mix does not do)
        self.own = CASE_LINK.findall(
            self.client.get("/cases/?whose=own&status=presumed_victim", name="case list").text)

    @task(3)
    def list_cases(self) -> None:
        self.visible = CASE_LINK.findall(self.client.get("/cases/", name="case list").text) or self.visible

    @task(6)
    def open_case(self) -> None:
        if self.visible:
            self.client.get(f"/cases/{random.choice(self.visible)}/", name="case page")  # noqa: S311

    @task(1)
    def update_case(self) -> None:
        if not self.own:
            return
        pk = random.choice(self.own)  # noqa: S311
        page = self.client.get(f"/cases/{pk}/edit/", name="case edit form")
        form = FormFields()
        form.feed(page.text[page.text.find("<main"):])
        with self.client.post(f"/cases/{pk}/edit/", data=form.fields, name="case save",
                              allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 302:
                answer.failure(f"case save answered {answer.status_code}")

    @task(2)
    def referrals(self) -> None:
        self.client.get("/referrals/", name="referrals")


class Analyst(HttpUser):
    weight = 1
    wait_time = between(0.5, 1.5)

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="login page")
        self.client.post("/accounts/login/", name="log in", data={
            "username": "analytiker", "password": PASSWORD,
            "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
        })

    @task(3)
    def figures(self) -> None:
        self.client.get("/statistics/", name="statistics")

    @task(1)
    def chart(self) -> None:
        self.client.get("/statistics/chart/persons.png", name="statistics chart")


class Screener(HttpUser):
    """Anyone at a front desk using the anonymous guide: no log-in, nothing stored."""

    weight = 3
    wait_time = between(0.5, 1.5)

    @task(3)
    def api(self) -> None:
        self.client.post("/api/v1/screening", json=SCREENING, name="screening API")

    @task(1)
    def page(self) -> None:
        self.client.get("/screening/", name="screening page")
