"""Universal design checked in a real Chromium (issue 22; WCAG 2.1 AA as the Norwegian
regulations require): every page of every demo role and each form with its errors shown
goes through axe-core (npm, pinned in package-lock.json) at 1280 px and 320 px and must
show no WCAG 2.1 A/AA violation; at 390 px and 320 px no page may scroll sideways
(reflow, 1.4.10). A screenshot of every page at each width is saved to var/screenshots/
(git-ignored) for a person to look at.

One language at a time (issue 15 item 2): every page is also read in English, at 1280 and
390 px, and a page fails when it shows a string of the translation catalogues in the
other language (an English msgid on a Bokmål page, a Bokmål translation on an English
one) or "norsk / English" side by side."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[3]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "var" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_WIDTHS = (1280, 320)
REFLOW_WIDTHS = (390, 320)

# The demo's roles (henvis/cli/app.py DEMO_USERS): user name, organisation, roles.
ROLES: dict[str, tuple[str, list[str]]] = {
    "politi": ("politi-oslo", ["first_line"]),
    "rosa": ("rosa", ["coordinator"]),
    "rosa-admin": ("rosa", ["org_admin"]),
    "analytiker": ("kom", ["analyst"]),
    "revisor": ("kom", ["auditor"]),
    "drift": ("henvis-drift", ["system_admin"]),
    "udi": ("udi", ["first_line"]),  # screens in asylum and return procedures
}
# Not a demo role: the immigration administration's responsible person, who lifts a hold.
HOLD_LIFTER = ("udi-koordinator", "udi", ["coordinator"])


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now, one line each.
    Evaluated through the DevTools protocol, which the page's Content-Security-Policy
    (scripts from the site only) does not block."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '"
        " + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))",
        WCAG_TAGS,
    )
    return list(result)


def horizontal_overflow(page: Any) -> int:
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return int(page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth"))


def shoot(page: Any, who: str, name: str, width: int) -> None:
    folder = SHOTS / who
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{re.sub(r'[^a-z0-9]+', '-', name.lower()).strip('-')}-{width}.png"), full_page=True)


# The text a reader sees: text nodes, placeholders, accessible names and the title, leaving
# out what is marked as another language (``lang`` on an element, e.g. the rights sheet in
# the person's language or the link to the other language's version).
SEEN_TEXT = """() => { const out = []; const root = document.documentElement.lang;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); let node;
  while ((node = walker.nextNode())) { const el = node.parentElement;
    if (!el || el.closest('script, style, [hidden]')) continue;
    const marked = el.closest('[lang]'); if (marked && marked.lang !== root) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim(); if (text) out.push(text); }
  for (const el of document.querySelectorAll('[placeholder], [aria-label]')) {
    const marked = el.closest('[lang]'); if (marked && marked.lang !== root) continue;
    out.push(el.getAttribute('placeholder') || el.getAttribute('aria-label')); }
  out.push(document.title); return out; }"""


def _catalogue_strings() -> dict[str, set[str]]:
    """Per page language, the catalogue strings that belong to the other one: the English
    msgids whose Bokmål differs (wrong on a Bokmål page) and the Bokmål translations (wrong
    on an English page), of two words or more and without placeholders."""
    from henvis.tests.test_translations import CATALOGUES, _entries

    english, bokmal = set(), set()
    for po in CATALOGUES:
        for _comments, msgid, msgstrs, _plural in _entries(po):
            if "%" in msgid or "{" in msgid or len(msgid.split()) < 2:
                continue
            for text in msgstrs:
                if text and text != msgid:
                    english.add(" ".join(msgid.split()))
                    bokmal.add(" ".join(text.split()))
    return {"nb": english - bokmal, "en": bokmal - english}


WRONG_LANGUAGE = _catalogue_strings()


def untranslated(page: Any, language: str) -> list[str]:
    """Strings shown in the other language than the page's, or both side by side."""
    seen = set(page.evaluate(SEEN_TEXT))
    wrong = sorted(t for t in seen if t in WRONG_LANGUAGE[language])
    wrong += sorted(t for t in seen if re.search(r"\b(feil / error|Rad \d+.* / Row \d+|Skrev / wrote)\b", t))
    return wrong


def check_page(page: Any, who: str, name: str, width: int, problems: list[str], language: str = "nb",
               widths: tuple[int, ...] = AXE_WIDTHS, reflow: tuple[int, ...] = REFLOW_WIDTHS) -> None:
    """Axe at 1280 and 320, reflow at 390 and 320, the language at 1280, a screenshot at each."""
    if width in widths:
        problems += [f"{who} {name} @{width}px: {v}" for v in axe_violations(page)]
    if width in reflow and (extra := horizontal_overflow(page)) > 0:
        problems.append(f"{who} {name} @{width}px: {extra} px wider than the window")
    if width == 1280:
        problems += [f"{who} {name} ({language}): not in {language}: {t!r}" for t in untranslated(page, language)]
    shoot(page, who if language == "nb" else f"{who}-{language}", name, width)


@pytest.fixture
def world(make_user: Any) -> dict[str, Any]:
    """The demo's users, a case at the police and at ROSA, a return procedure at UDI held by a
    screening that referred its case to ROSA, and an anonymous contact at the police."""
    from django.test import Client

    from henvis.apps.cases.tests.factories import make_case
    from henvis.apps.contacts.models import Contact
    from henvis.apps.removals.tests.test_removal_screening_over_http import held_procedure

    users = {name: make_user(name, roles=roles, org=org) for name, (org, roles) in ROLES.items()}
    name, org, roles = HOLD_LIFTER
    users[name] = make_user(name, roles=roles, org=org)
    police_case = make_case(users["politi"], given="Ana", family="Popescu-" + "Ionescu" * 12)
    rosa_case = make_case(users["rosa"], given="Mara", family="Lungu")
    # A return procedure at UDI held by a screening that referred the case to ROSA.
    client = Client()
    client.force_login(users["udi"])
    procedure = held_procedure(client, users["udi"])
    contact = Contact.objects.create(organisation=users["politi"].organisation, caller_kind="person",
                                     indicators=["ct-15"], created_by=users["politi"])
    store_synthetic_extract()
    return {"users": users, "police_case": police_case, "rosa_case": rosa_case, "procedure": procedure,
            "hold": procedure.active_holds()[0], "referral": procedure.screenings.get().referral, "contact": contact}


def store_synthetic_extract() -> Any:
    """A synthetic population's pseudonymised extract, so that the statistics pages show figures."""
    import io

    import pandas as pd

    from henvis.apps.statistics.models import PersonExtract
    from henvis.stats.persons import pseudonymised_extract
    from henvis.synthetic import generate

    ds = generate(persons=150, seed=5)
    regs = ds.registrations
    clusters = regs[["record_id", "source"]].merge(ds.truth, on="record_id").assign(match_probability=1.0)
    text = pseudonymised_extract(regs).to_csv(index=False)
    extract = pd.read_csv(io.StringIO(text))
    return PersonExtract.objects.create(
        label="synthetic", extract_csv=text, clusters_csv=clusters.to_csv(index=False),
        records=len(extract), years=sorted(extract["year"].unique().tolist()),
    )


def pages_of(who: str, world: dict[str, Any]) -> list[tuple[str, str]]:
    police, rosa, user = world["police_case"].pk, world["rosa_case"].pk, world["users"][who]
    common = [("home", "/"), ("profile", "/accounts/profile/"), ("organisations", "/organisations/"),
              ("accessibility", "/accessibility/"), ("screening", "/screening/"), ("password", "/accounts/password/")]
    own = {
        "politi": [("cases", "/cases/"), ("new case", "/cases/new/"), ("case", f"/cases/{police}/"),
                   ("refer", f"/cases/{police}/refer/"), ("consent", f"/cases/{police}/consents/new/"),
                   ("measure", f"/cases/{police}/measures/new/"), ("deadlines", "/dashboard/"),
                   ("referrals", "/referrals/"), ("inbox", "/inbox/"),
                   ("contacts", "/contacts/"), ("new contact", "/contacts/new/"),
                   ("contact", f"/contacts/{world['contact'].pk}/"),
                   # cross-border referral (issue 18 item 4)
                   ("refer abroad", f"/cases/{police}/abroad/"), ("import from abroad", "/referrals/abroad/import/"),
                   ("non-punishment", f"/cases/{police}/non-punishment/new/"),
                   ("training scenario", "/training/scenarios/child-pickpocket/")],
        "rosa": [("cases", "/cases/"), ("case", f"/cases/{rosa}/"), ("edit case", f"/cases/{rosa}/edit/"),
                 ("edit person", f"/cases/{rosa}/person/"), ("close case", f"/cases/{rosa}/close/"),
                 ("transfer", f"/cases/{rosa}/transfer/"), ("decision", f"/cases/{rosa}/decisions/new/"),
                 ("proceedings", f"/cases/{rosa}/proceedings/new/"), ("deadlines", "/dashboard/"),
                 ("referrals", "/referrals/"), ("inbox", "/inbox/"), ("referral from udi", f"/referrals/{world['referral'].pk}/"),
                 ("data protection", "/dataprotection/"), ("data protection case", f"/dataprotection/cases/{rosa}/"),
                 ("revoked referrals", "/dataprotection/notices/"), ("training completions", "/training/organisation/"),
                 # the long lists with a filter and a sort in the address (issue 15 item 5)
                 ("cases filtered", "/cases/?status=concern&opened_from=2020-01-01&sort=opened"),
                 ("referrals filtered", "/referrals/?direction=received&sort=status")],
        "rosa-admin": [("users", "/accounts/users/"), ("new user", "/accounts/users/new/"),
                       ("user", f"/accounts/users/{user.pk}/"), ("data protection", "/dataprotection/"),
                       ("data protection case", f"/dataprotection/cases/{rosa}/"),
                       ("users filtered", "/accounts/users/?state=active&sort=-organisation")],
        "analytiker": [("statistics", "/statistics/"), ("imports", "/statistics/imports/"),
                       ("dark figure", "/statistics/dark-figure/"), ("contacts per year", "/contacts/statistics/"),
                       ("procedure figures", "/procedures/statistics/"), ("assistance figures", "/assistance/statistics/")],
        "revisor": [("audit log", "/audit/"), ("corrections", "/dataprotection/corrections/")],
        "drift": [("users", "/accounts/users/"), ("new user", "/accounts/users/new/"),
                  ("new organisation", "/organisations/new/")],
        "udi": [("procedures", "/procedures/"), ("new procedure", "/procedures/new/"),
                ("procedure", f"/procedures/{world['procedure'].pk}/"), ("deadlines", "/dashboard/"),
                ("referral", f"/referrals/{world['referral'].pk}/"), ("inbox", "/inbox/")],
    }
    return common + own[who]


ANONYMOUS_PAGES = [("login", "/accounts/login/"), ("screening", "/screening/"),
                   ("accessibility", "/accessibility/"), ("rights sheet", "/screening/rights/nb/"),
                   ("rights sheet in english", "/screening/rights/en/"),
                   ("not found", "/no-such-page/"), ("training", "/training/scenarios/"),
                   ("training step", "/training/scenarios/child-pickpocket/")]


def _at(page: Any, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})


@pytest.mark.parametrize("who", list(ROLES))
def test_every_page_of_a_role_passes_axe_and_reflows(page: Any, live_server: Any, login: Callable[..., None],
                                                      world: dict[str, Any], who: str) -> None:
    login(page, who)
    page.set_default_navigation_timeout(180_000)  # the first figures of an extract take a while
    problems: list[str] = []
    for name, path in pages_of(who, world):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, (who, path, response and response.status)
        for width in (1280, 390, 320):
            _at(page, width)
            check_page(page, who, name, width, problems)
    assert not problems, "\n".join(problems)


def test_anonymous_pages_pass_axe_and_reflow(page: Any, live_server: Any) -> None:
    problems: list[str] = []
    for name, path in ANONYMOUS_PAGES:
        page.goto(f"{live_server.url}{path}")
        for width in (1280, 390, 320):
            _at(page, width)
            check_page(page, "anonymous", name, width, problems)
    _training_feedback(page, live_server.url)
    for width in (1280, 390, 320):
        _at(page, width)
        check_page(page, "anonymous", "training feedback", width, problems)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("who", list(ROLES))
def test_every_page_of_a_role_in_english_is_english_and_reflows(page: Any, live_server: Any,
                                                                 login: Callable[..., None], world: dict[str, Any],
                                                                 who: str) -> None:
    """The same pages in English, at 1280 and 390 px: no Bokmål from the catalogues, no
    sideways scrolling, a screenshot of each (var/screenshots/<role>-en/)."""
    login(page, who)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.set_default_navigation_timeout(180_000)
    problems: list[str] = []
    for name, path in pages_of(who, world):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, (who, path, response and response.status)
        assert page.evaluate("document.documentElement.lang") == "en", (who, path)
        for width in (1280, 390):
            _at(page, width)
            check_page(page, who, name, width, problems, language="en", widths=(), reflow=(390,))
    assert not problems, "\n".join(problems)


def test_anonymous_pages_in_english(page: Any, live_server: Any) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    problems: list[str] = []
    for name, path in ANONYMOUS_PAGES + [("rights sheet in bokmal", "/screening/rights/nb/?child=1")]:
        page.goto(f"{live_server.url}{path}")
        for width in (1280, 390):
            _at(page, width)
            check_page(page, "anonymous", name, width, problems, language="en", widths=(), reflow=(390,))
    assert not problems, "\n".join(problems)


def test_the_language_check_finds_a_string_in_the_other_language(page: Any, live_server: Any) -> None:
    """The check above can fail: a Bokmål page showing a catalogue string in English, and an
    English page showing one in Bokmål, are found; marked with ``lang`` they are not."""
    page.goto(f"{live_server.url}/accessibility/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', "
                  "'<p>Skip to main content</p><p lang=\"en\">Main menu</p>')")
    assert untranslated(page, "nb") == ["Skip to main content"]
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/accessibility/")
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<p>Hopp til hovedinnholdet</p>')")
    assert untranslated(page, "en") == ["Hopp til hovedinnholdet"]


def _training_feedback(page: Any, url: str) -> None:
    """Play a training scenario to its feedback (missed indicators, a child not treated as one)."""
    _at(page, 1280)
    page.goto(f"{url}/training/scenarios/child-pickpocket/")
    _click_and_wait(page, "button[name=action][value=next]")
    page.fill("input[name=age]", "18")
    page.check("input[name=sex][value=male]")
    for _step in range(3):
        _click_and_wait(page, "button[name=action][value=next]")
    assert page.locator("[data-child=yes]").count() == 1


def _click_and_wait(page: Any, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _new_case_with_errors(page: Any, url: str) -> None:
    page.goto(f"{url}/cases/new/")
    page.select_option("#id_birth_precision", "exact")
    _click_and_wait(page, "#save-case")


def _screening_age_error(page: Any, url: str) -> None:
    page.goto(f"{url}/screening/")
    page.check("input[name=reporter_kind] >> nth=0")
    _click_and_wait(page, "button[name=action][value=next]")
    page.fill("input[name=age]", "130")
    _click_and_wait(page, "button[name=action][value=next]")


def _refer_without_receiver(page: Any, url: str, case_pk: int) -> None:
    page.goto(f"{url}/cases/{case_pk}/refer/")
    _click_and_wait(page, "#send-referral")


def _new_user_empty(page: Any, url: str) -> None:
    page.goto(f"{url}/accounts/users/new/")
    _click_and_wait(page, "main form button[type=submit]")


def _submit_empty(page: Any, url: str, path: str, button: str) -> None:
    page.goto(f"{url}{path}")
    _click_and_wait(page, button)


def test_forms_with_their_errors_shown_pass_axe_and_reflow(page: Any, live_server: Any, login: Callable[..., None],
                                                           world: dict[str, Any]) -> None:
    problems: list[str] = []
    cases: list[tuple[str, str, Callable[[], None]]] = [
        ("politi", "new case with errors", lambda: _new_case_with_errors(page, live_server.url)),
        ("politi", "refer with errors", lambda: _refer_without_receiver(page, live_server.url, world["police_case"].pk)),
        ("politi", "screening step with errors", lambda: _screening_age_error(page, live_server.url)),
        ("rosa-admin", "new user with errors", lambda: _new_user_empty(page, live_server.url)),
        ("politi", "new contact with errors", lambda: _submit_empty(page, live_server.url, "/contacts/new/", "#save-contact")),
        ("politi", "link contact with errors",
         lambda: _submit_empty(page, live_server.url, f"/contacts/{world['contact'].pk}/", "#link-contact-submit")),
        ("udi", "new procedure with errors", lambda: _submit_empty(page, live_server.url, "/procedures/new/", "#save-procedure")),
        ("udi", "procedure screening with errors",
         lambda: _submit_empty(page, live_server.url, f"/procedures/{world['procedure'].pk}/", "#save-screening")),
        ("udi", "referral message with errors",
         lambda: _submit_empty(page, live_server.url, f"/referrals/{world['referral'].pk}/", "#send-message")),
        ("udi-koordinator", "lift hold with errors",
         lambda: _submit_empty(page, live_server.url, f"/procedures/holds/{world['hold'].pk}/lift/", "#lift-hold")),
    ]
    for who, name, show_errors in cases:
        page.context.clear_cookies()
        login(page, who)
        _at(page, 1280)
        show_errors()
        assert page.title().startswith("Feil: "), (name, page.title())  # the title says so
        assert page.locator("#error-summary").count() == 1, name
        for width in (1280, 390, 320):
            _at(page, width)
            check_page(page, who, name, width, problems)
    assert not problems, "\n".join(problems)


def _luminance(rgb: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_form_control_borders_contrast_at_least_3_to_1(page: Any, live_server: Any, login: Callable[..., None],
                                                       world: dict[str, Any]) -> None:
    """WCAG 1.4.11: a text field's, a list's and a box's border against the page behind it."""
    login(page, "politi")
    page.goto(f"{live_server.url}/cases/new/")
    page_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    for selector in ("#id_given_names", "#id_birth_precision", "#id_contact", "#id_minor"):
        border = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).borderTopColor")
        light, dark = sorted((_luminance(border), _luminance(page_bg)), reverse=True)
        ratio = (light + 0.05) / (dark + 0.05)
        assert ratio >= 3, (selector, border, page_bg, round(ratio, 2))
