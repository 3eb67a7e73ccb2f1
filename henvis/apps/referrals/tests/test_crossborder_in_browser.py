"""Cross-border referral in a real browser (issue 18 item 4): the police record the
person's consent to a referral to Sweden and download the signed file; on the Swedish
instance (the same server with Swedish settings and keys) ROSA's coordinator imports it
and accepts. Both pages pass axe at 1280 px and reflow at 390 px."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat
from django.test import override_settings
from django.utils import timezone

from henvis.apps.cases.tests.factories import make_case
from henvis.apps.referrals import crossborder_file as cbf
from henvis.apps.referrals.models import Referral
from henvis.web.tests.test_accessibility_in_browser import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def _key() -> tuple[str, str]:
    key = Ed25519PrivateKey.generate()
    return (base64.b64encode(key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())).decode(),
            cbf.public_key_text(key))


def test_refer_abroad_download_import_and_accept(page: Any, live_server: Any, login: Any, make_user: Any,
                                                 tmp_path: Path) -> None:
    police = make_user("politi", roles=["first_line"], org="politi-oslo")
    make_user("rosa", roles=["coordinator"], org="rosa")
    case = make_case(police, exploitation_forms=["labour"])
    no_private, no_public = _key()
    se_private, se_public = _key()
    problems: list[str] = []
    base = live_server.url
    page.set_default_navigation_timeout(180_000)  # a shared, busy machine
    page.set_default_timeout(120_000)

    with override_settings(HENVIS_CROSSBORDER_INSTANCE="henvis-no", HENVIS_CROSSBORDER_COUNTRY="NO",
                           HENVIS_CROSSBORDER_SIGNING_KEY=no_private,
                           HENVIS_CROSSBORDER_PARTNERS={"henvis-se": se_public}):
        login(page, "politi")
        page.goto(f"{base}/cases/{case.pk}/")
        page.click(f"a[href='/cases/{case.pk}/abroad/']")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            check_page(page, "politi", "refer abroad", width, problems)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.select_option("#id_contact_point", "se-jamy")
        page.fill("#id_given_on", timezone.localdate().isoformat())
        page.check("#id_cross_border")
        page.click("#record-abroad-consent")
        page.wait_for_load_state()
        assert page.locator("#abroad-consents").count() == 1
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            check_page(page, "politi", "refer abroad with consent", width, problems)
        page.set_viewport_size({"width": 1280, "height": 900})
        with page.expect_download() as info:
            page.click("#abroad-consents button:has-text('JSON')")
        saved = tmp_path / "referral.json"
        info.value.save_as(saved)
        assert cbf.schema_errors(__import__("json").loads(saved.read_bytes())) == []

    page.context.clear_cookies()
    with override_settings(HENVIS_CROSSBORDER_INSTANCE="henvis-se", HENVIS_CROSSBORDER_COUNTRY="SE",
                           HENVIS_CROSSBORDER_SIGNING_KEY=se_private,
                           HENVIS_CROSSBORDER_PARTNERS={"henvis-no": no_public}):
        login(page, "rosa")
        page.goto(f"{base}/referrals/")
        page.click("a[href='/referrals/abroad/import/']")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            check_page(page, "rosa", "import from abroad", width, problems)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.set_input_files("#id_file", str(saved))
        page.click("#import-abroad")
        page.wait_for_load_state()
        assert page.locator("#from-abroad").count() == 1
        page.click("button[name=action][value=accept]")
        page.wait_for_load_state()
    referral = Referral.objects.get(to_organisation__slug="rosa")
    assert referral.status == "accepted"
    assert not problems, "\n".join(problems)
