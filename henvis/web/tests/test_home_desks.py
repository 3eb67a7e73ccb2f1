"""The home page shows what needs each role today (issue 15 item 3), not only menu links:
the analyst what the figures rest on, the auditor the week's refusals and the chain, an
administrator the users who are locked out or still on a one-time password."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from henvis.apps.audit.log import record
from henvis.web.tests.test_accessibility_in_browser import store_synthetic_extract

pytestmark = pytest.mark.django_db


def _section(html: str, section_id: str) -> str:
    found = re.search(rf'<section id="{section_id}".*?</section>', html, flags=re.S)
    assert found, section_id
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))).replace(" :", ":")


def test_the_analyst_sees_the_newest_extract_and_its_years(client: Client, make_user: Any) -> None:
    client.force_login(make_user("analytiker", roles=["analyst"], org="kom"))
    empty = _section(client.get("/").content.decode(), "desk-figures")
    assert "Ingen uttrekk er importert" in empty
    extract = store_synthetic_extract()
    html = client.get("/").content.decode()
    shown = _section(html, "desk-figures")
    assert f"{extract.records} registreringer" in shown
    assert ", ".join(str(y) for y in sorted(extract.years)) in shown
    assert f'href="/statistics/?year={max(extract.years)}"' in html


def test_the_auditor_sees_the_weeks_refusals_in_words_with_a_link(client: Client, make_user: Any) -> None:
    auditor = make_user("revisor", roles=["auditor"], org="rosa")
    ola = make_user("ola", roles=["coordinator"], org="rosa")
    for _ in range(3):
        record("access.refused", user=ola, object_type="case", object_id=1)
    record("access.refused", user=make_user("other", roles=["coordinator"], org="kom"), object_type="case", object_id=2)
    client.force_login(auditor)
    html = client.get("/").content.decode()
    shown = _section(html, "desk-audit")
    assert "Tilgang: avvist: 3" in shown  # only the auditor's own organisation's entries
    assert "access.refused" not in shown
    assert re.search(r'href="/audit/\?action=access\.refused&amp;date_from=\d{4}-\d\d-\d\d"', html)
    # the link opens a search that the form accepts
    found = re.search(r'href="(/audit/\?action=access\.refused[^"]+)"', html)
    assert found
    link = found.group(1).replace("&amp;", "&")
    assert client.get(link).content.decode().count('data-action="access.refused"') == 3


def test_an_administrator_sees_locked_out_users_and_one_time_passwords(client: Client, make_user: Any,
                                                                        settings: Any) -> None:
    from axes.models import AccessAttempt

    admin = make_user("rosa-admin", roles=["org_admin"], org="rosa")
    kari = make_user("kari", roles=["coordinator"], org="rosa")
    kari.must_change_password = True
    kari.save(update_fields=["must_change_password"])
    make_user("per", roles=["coordinator"], org="rosa")
    outsider = make_user("anna", roles=["coordinator"], org="kom")
    for name in ("per", outsider.username):
        AccessAttempt.objects.create(username=name, ip_address="10.0.0.1", user_agent="x",
                                     failures_since_start=settings.AXES_FAILURE_LIMIT)
    client.force_login(admin)
    shown = _section(client.get("/").content.decode(), "desk-users")
    assert re.search(r"Låst ute etter mislykkede innlogginger \(1\) per ", shown), shown
    assert "kari" in shown and "anna" not in shown
