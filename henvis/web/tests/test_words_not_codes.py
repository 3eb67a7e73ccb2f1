"""Words, not codes, where a person reads (issue 15 item 2): the statistics tables, a case's
citizenships and place, the audit log's actions and case numbers, in Bokmål and English."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from henvis.web.tests.test_accessibility_in_browser import store_synthetic_extract

pytestmark = pytest.mark.django_db

CODES = ["eastern_europe", "western_europe", "forced_labour", "forced_criminality", "prostitution",
         "organisation_kind", "exploitation_form", "police_district", ">adult<", ">child<", ">F<", ">M<", ">sex<"]


def _cells(html: str) -> str:
    """The text of the page's table cells, as tags and all."""
    return " ".join(re.findall(r"<t[hd][^>]*>.*?</t[hd]>", html, re.S))


@pytest.mark.parametrize(("language", "words"), [("nb", ["Kvinner", "Øst-Europa", "Kjønn"]),
                                                  ("en", ["Women", "Eastern Europe", "Sex"])])
def test_the_statistics_tables_show_words_in_the_readers_language(make_user: Any, language: str, words: list[str]) -> None:
    store_synthetic_extract()
    client = Client()
    client.force_login(make_user("analytiker", roles=["analyst"], org="kom"))
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    cells = _cells(client.get("/statistics/").content.decode())
    assert cells, "no tables on the figures page"
    assert not [c for c in CODES if c in cells], [c for c in CODES if c in cells]
    assert not re.search(r"<th scope=\"row\">[A-Z]{2}</th>", cells)  # citizenships as country names
    for w in words:
        assert w in cells, w


def test_a_case_shows_countries_by_name_and_the_place_with_separators(client: Client, make_user: Any) -> None:
    from henvis.apps.cases.tests.factories import make_case

    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    case = make_case(police)
    case.person.citizenships = ["NG", "RO"]
    case.person.save()
    client.force_login(police)
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Nigeria, Romania" in html
    assert "NG, RO" not in html
    where = re.search(r"<dt>Hvor</dt><dd>(.*?)</dd>", html, re.S)
    assert where and "  " not in where.group(1)


def test_the_audit_log_names_actions_and_cases_in_words(client: Client, make_user: Any) -> None:
    from henvis.apps.cases.tests.factories import make_case

    police = make_user("politi", roles=["first_line"], org="kom")
    case = make_case(police)
    client.force_login(police)
    client.get(f"/cases/{case.pk}/")
    client.force_login(make_user("revisor", roles=["auditor"], org="kom"))
    html = client.get("/audit/").content.decode()
    cells = _cells(html)
    assert "Sak: lest" in cells and "case.read" not in cells
    assert f"Sak {case.reference}" in cells
    assert not re.search(rf">\s*case {case.pk}\s*<", cells)


def test_the_audit_log_pages_keep_the_filter_in_the_address(client: Client, make_user: Any) -> None:
    from henvis.apps.audit.log import record

    revisor = make_user("revisor", roles=["auditor"], org="kom")
    for _ in range(60):  # more than one page of 50
        record("user.read", user=revisor, object_type="user", object_id="1")
    client.force_login(revisor)
    html = client.get("/audit/", {"action": "user.read"}).content.decode()
    assert 'href="?action=user.read&amp;page=2"' in html


def _audited_actions_in_the_code() -> set[str]:
    """Every literal action the code records ("case.read"), and the object types it names."""
    source = Path(__file__).resolve().parents[2]
    found: set[str] = set()
    for path in source.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r"""(?:record\(\s*|action=)["']([a-z_]+\.[a-z_]+)["']""", text))
        found |= {f"{name}." for name in re.findall(r"""object_type=["']([a-z_]+)["']""", text)}
    return found


def test_every_action_the_code_audits_has_words_in_both_languages() -> None:
    """A new audited action without words showed its code on the auditor's page
    ("access: refused"); every object and verb must have a translated label."""
    from django.utils import translation

    from henvis.web.words import ACTION_OBJECTS, ACTION_VERBS, action_words

    actions = _audited_actions_in_the_code()
    assert len(actions) > 40  # the scan finds the code's actions
    missing = sorted(a for a in actions if a.partition(".")[0] not in ACTION_OBJECTS
                     or (a.partition(".")[2] and a.partition(".")[2] not in ACTION_VERBS))
    assert not missing
    for language in ("nb", "en"):
        with translation.override(language):
            for action in actions:
                assert "_" not in action_words(action), (language, action)


@pytest.mark.parametrize(("path", "who", "roles", "org"), [
    ("/contacts/new/", "politi", ["first_line"], "politi-oslo"),
    ("/accounts/users/new/", "rosa-admin", ["org_admin"], "rosa"),
])
def test_a_list_says_what_its_empty_choice_means(client: Client, make_user: Any, path: str, who: str,
                                                 roles: list[str], org: str) -> None:
    """"Velg …" (or a dash where no answer is needed), not Django's "---------"."""
    client.force_login(make_user(who, roles=roles, org=org))
    html = client.get(path).content.decode()
    assert "---------" not in html
    assert "Velg …" in html


@pytest.mark.parametrize("language", ["nb", "en"])
def test_regions_and_countries_are_in_the_alphabetical_order_of_their_names(make_user: Any, language: str) -> None:
    from henvis.apps.statistics.models import PersonExtract
    from henvis.apps.statistics.pages import _NORWEGIAN_ORDER, figures_of_year

    store_synthetic_extract()
    extract = PersonExtract.objects.get()
    from django.utils import translation

    with translation.override(language):
        from henvis.web.words import word

        tables = {t["name"]: t for t in figures_of_year(extract, max(extract.years))["tables"]}
        for name in ("region", "citizenship"):
            labels = [str(r[0]) for r in tables[name]["rows"]]
            names = [word(label).lower().translate(_NORWEGIAN_ORDER) for label in labels if label not in ("unknown", "Total")]
            assert len(names) > 2 and names == sorted(names), (name, labels)
            assert labels[-1] == "Total"


@pytest.mark.parametrize(("language", "detail", "shown"), [
    ("nb", "home rows=0 referrals=2 answers=0", "forside, rader: 0, henvisninger: 2, svar: 0"),
    ("en", "home rows=0 referrals=2 answers=0", "home page, rows: 0, referrals: 2, answers: 0"),
    ("nb", "dark figure", "mørketall"),
    ("nb", "GET 403", "GET 403"),
])
def test_an_audit_entrys_detail_reads_in_words(language: str, detail: str, shown: str) -> None:
    from django.utils import translation

    from henvis.web.words import detail_words

    with translation.override(language):
        assert detail_words(detail) == shown
