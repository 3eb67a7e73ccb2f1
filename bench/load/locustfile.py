"""The load mix of bench/load/run.py (Locust): caseworkers listing, opening and updating
cases and reading referrals, analysts reading the statistics, and anonymous visitors
using the screening guide and its API. Think time 0.5-1.5 s, as a person at a desk.

Users and password are the demo's (`henvis demo`): synthetic data only."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

from locust import HttpUser, between, task

PASSWORD = "henvis-demo-2026"  # noqa: S105 - the synthetic demo users' password
CASEWORKERS = ["rosa", "filemon", "nav", "politi", "udi"]
CASE_LINK = re.compile(r'href="/cases/(\d+)/"')
SCREENING = {
    "reporter_kind": "ngo", "age": 34, "sex": "male", "needs_safe_place": True,
    "forms": ["forced_labour"], "arenas": ["construction"], "indicators": ["fl-02", "ct-15"],
}


class FormFields(HTMLParser):
    """The fields of the page's form with id ``main`` content: what a browser would post
    back when the user saves without changing anything."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        name = attrs.get("name", "")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self._text.append(data)


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
        self.own = CASE_LINK.findall(self.client.get("/cases/?whose=own", name="case list").text)

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
