"""An attacker's walk over the running demo, over real HTTP, printing findings.

    scripts/demo --port 8461 &          # in another shell
    .venv/bin/python bench/security_probe.py --base http://127.0.0.1:8461

It logs in as every demo user, collects the object ids each one can reach from its own
lists, then asks for every other user's ids on every id route (IDOR across
organisations and roles), and tries the attacks docs/dataprotection.md's probe section
lists: headers, cookies, open redirects, CSRF, session fixation, log-in messages and
timing, oversized input, path traversal, error pages. Each check prints ``ok`` or
``FINDING``; the exit code is the number of findings (0: none). The demo's rate limits
and the refused-access bound are real, so the walk paces itself and a second run within
a minute may see 429s (reported as such, not as findings).

Only synthetic demo data is touched; the probe writes a few records (a case, a message)
as the demo users do.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

import requests

PASSWORD = "henvis-demo-2026"  # noqa: S105 - the demo's published password (README)
USERS = ["politi", "rosa", "filemon", "nav", "udi", "rosa-admin", "analytiker", "revisor", "drift"]

# Pages whose links name the objects a user can reach.
LIST_PAGES = ["/", "/cases/?per_page=100", "/referrals/", "/contacts/", "/procedures/", "/inbox/",
              "/dataprotection/", "/accounts/users/", "/dashboard/", "/referrals/?direction=out"]

# id route families: regex finding ids in links, and the routes to try with an id.
FAMILIES: dict[str, tuple[str, list[str]]] = {
    "case": (r"/cases/(\d+)/", [
        "/cases/{id}/", "/cases/{id}/edit/", "/cases/{id}/person/", "/cases/{id}/close/",
        "/cases/{id}/measures/new/", "/cases/{id}/decisions/new/", "/cases/{id}/refer/",
        "/cases/{id}/consents/new/", "/cases/{id}/transfer/", "/cases/{id}/abroad/",
        "/dataprotection/cases/{id}/", "/dataprotection/cases/{id}/access/",
        "/api/v1/cases/{id}", "/api/v1/cases/{id}/timeline", "/api/v1/cases/{id}/measures",
        "/api/v1/cases/{id}/decisions", "/api/v1/cases/{id}/proceedings",
        "/api/v1/cases/{id}/non-punishment", "/api/v1/cases/{id}/screenings",
    ]),
    "referral": (r"/referrals/(\d+)/", ["/referrals/{id}/", "/api/v1/referrals/{id}",
                                          "/api/v1/referrals/{id}/messages"]),
    "contact": (r"/contacts/(\d+)/", ["/contacts/{id}/", "/contacts/{id}/link/"]),
    "procedure": (r"/procedures/(\d+)/", ["/procedures/{id}/", "/procedures/{id}/screen/"]),
    "notification": (r"/inbox/(\d+)/", ["/inbox/{id}/"]),
    "user": (r"/accounts/users/(\d+)/", ["/accounts/users/{id}/"]),
    "consent_abroad": (r"/referrals/abroad/consents/(\d+)/", ["/referrals/abroad/consents/{id}/export/"]),
}

findings: list[str] = []


def finding(text: str) -> None:
    findings.append(text)
    print(f"FINDING {text}", flush=True)


def ok(text: str) -> None:
    print(f"ok      {text}", flush=True)


class Client:
    def __init__(self, base: str, username: str | None = None) -> None:
        self.base = base
        self.s = requests.Session()
        self.username = username

    def url(self, path: str) -> str:
        return urljoin(self.base, path)

    def get(self, path: str, **kw: object) -> requests.Response:
        return self.s.get(self.url(path), allow_redirects=False, timeout=60, **kw)  # type: ignore[arg-type]

    def post(self, path: str, data: dict[str, str] | None = None, csrf: bool = True, **kw: object) -> requests.Response:
        data = dict(data or {})
        headers = dict(kw.pop("headers", {}) or {})  # type: ignore[call-overload]
        if csrf:
            data.setdefault("csrfmiddlewaretoken", self.csrf())
            headers.setdefault("Referer", self.url(path))
        return self.s.post(self.url(path), data=data, headers=headers, allow_redirects=False, timeout=60, **kw)  # type: ignore[arg-type]

    def csrf(self) -> str:
        token = self.s.cookies.get("csrftoken")
        if not token:
            self.get("/accounts/login/")
            token = self.s.cookies.get("csrftoken")
        return str(token or "")

    def login(self, username: str, password: str = PASSWORD, next_url: str = "") -> requests.Response:
        self.get("/accounts/login/")
        data = {"username": username, "password": password}
        if next_url:
            data["next"] = next_url
        return self.post("/accounts/login/", data)


def wait_for_window(seconds: int = 60) -> None:
    """Start a burst just after a fixed rate window turned over."""
    left = seconds - time.time() % seconds
    if left < seconds - 2:
        time.sleep(left + 0.5)


def logged_in(base: str, username: str) -> Client:
    c = Client(base, username)
    r = c.login(username)
    if r.status_code != 302:
        raise SystemExit(f"could not log in as {username}: {r.status_code}")
    return c


def reachable(c: Client) -> dict[str, set[int]]:
    found: dict[str, set[int]] = defaultdict(set)
    for page in LIST_PAGES:
        r = c.get(page)
        if r.status_code != 200:
            continue
        for family, (pattern, _routes) in FAMILIES.items():
            found[family].update(int(m) for m in re.findall(pattern, r.text))
    # the API lists every case and referral the user can see, not only the first page
    for family, path in (("case", "/api/v1/cases/?limit=1000"), ("referral", "/api/v1/referrals/?limit=1000")):
        r = c.get(path)
        if r.status_code == 200:
            body = r.json()
            items = body.get("items", body) if isinstance(body, dict) else body
            found[family].update(int(i["id"]) for i in items if isinstance(i, dict) and "id" in i)
    return found


def idor(base: str, clients: dict[str, Client], seen: dict[str, dict[str, set[int]]], per_family: int) -> None:
    for name, c in clients.items():
        tried = leaked = 0
        for family, (_pattern, routes) in FAMILIES.items():
            others = sorted(set().union(*(s[family] for u, s in seen.items() if u != name)) - seen[name][family])
            # a spread of other users' ids (first, last and between)
            step = max(1, len(others) // per_family)
            for obj_id in others[::step][:per_family]:
                for route in routes:
                    path = route.format(id=obj_id)
                    r = c.get(path)
                    tried += 1
                    if r.status_code == 429:
                        wait = int(r.headers.get("Retry-After", "60"))
                        time.sleep(wait + 1)
                        r = c.get(path)
                    if r.status_code == 200:
                        leaked += 1
                        finding(f"IDOR {name} GET {path} -> 200 (not in the user's own lists)")
        if not leaked:
            ok(f"IDOR {name}: {tried} requests on other users' ids, none answered 200")


def headers_and_cookies(base: str, c: Client) -> None:
    paths = ["/", "/accounts/login/", "/cases/", "/screening/", "/api/v1/openapi.json", "/static/nope.css",
             "/cases/999999/", "/healthz", "/api/v1/cases/"]
    want = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "frame-ancestors",
            "Referrer-Policy": "", "X-Frame-Options": "DENY"}
    bad = 0
    for path in paths:
        r = c.get(path)
        for header, needle in want.items():
            value = r.headers.get(header)
            if value is None or needle not in value:
                bad += 1
                finding(f"header {header} missing or without {needle!r} on {path} ({r.status_code})")
        if "Server" in r.headers and re.search(r"\d", r.headers["Server"]):
            # runserver names Python's version; production (gunicorn) is the deployment's concern
            print(f"note    Server header {r.headers['Server']!r} on {path} (runserver in the demo)")
    if not bad:
        ok(f"security headers on {len(paths)} responses")
    anon = Client(base)
    anon.get("/accounts/login/")
    r = anon.login("rosa")
    cookie = r.headers.get("Set-Cookie", "")
    for flag in ("HttpOnly", "SameSite=Lax"):
        if "sessionid" in cookie and flag.lower() not in cookie.lower():
            finding(f"session cookie without {flag}")
    ok("session cookie flags HttpOnly and SameSite=Lax") if "httponly" in cookie.lower() else None


def session_fixation(base: str) -> None:
    c = Client(base)
    c.s.cookies.set("sessionid", "attackerchosen0000000000000000000", domain="127.0.0.1")
    c.login("rosa")
    after = c.s.cookies.get("sessionid")
    if after == "attackerchosen0000000000000000000":
        finding("session fixation: the session id chosen before log-in survived it")
    else:
        ok("session id changes at log-in")
    # an anonymous session's id, then log-in: the id must change too
    c2 = Client(base)
    c2.get("/screening/")
    before = c2.s.cookies.get("sessionid")
    c2.login("rosa")
    if before and before == c2.s.cookies.get("sessionid"):
        finding("session fixation: anonymous session id kept after log-in")
    else:
        ok("anonymous session id replaced at log-in")


def open_redirects(base: str) -> None:
    targets = ["https://evil.example/", "//evil.example/", "/\\evil.example", "http:evil.example",
               "\\\\evil.example", "https:/evil.example", "/%2F%2Fevil.example", " //evil.example"]
    bad = 0
    for target in targets:
        c = Client(base)
        r = c.login("rosa", next_url=target)
        location = r.headers.get("Location", "")
        # another host: a scheme-relative or absolute address, or a backslash browsers
        # read as a slash; "/%2F%2Fevil.example" stays a path on this host
        if urlsplit(location.replace("\\", "/")).netloc not in ("", urlsplit(base).netloc):
            bad += 1
            finding(f"open redirect: log-in next={target!r} -> {location}")
        c2 = Client(base)
        r = c2.get(f"/accounts/login/?next={target}")
    for path in ("/i18n/setlang/",):
        c = logged_in(base, "rosa")
        r = c.post(path, {"language": "en", "next": "https://evil.example/"})
        if "evil.example" in r.headers.get("Location", ""):
            bad += 1
            finding(f"open redirect: {path} next -> {r.headers['Location']}")
    if not bad:
        ok(f"open redirects: {len(targets)} log-in next= values and the language switch stay on the site")


def csrf(base: str, c: Client) -> None:
    """Every state-changing page without the token (and with a forged Origin) is refused."""
    posts = ["/cases/new/", "/cases/1/edit/", "/cases/1/close/", "/cases/1/refer/", "/cases/1/consents/new/",
             "/referrals/1/answer/", "/referrals/1/messages/", "/referrals/consents/1/withdraw/",
             "/inbox/read/", "/inbox/remind/", "/accounts/password/", "/accounts/logout/",
             "/contacts/new/", "/procedures/new/", "/dataprotection/cases/1/erase/",
             "/dataprotection/cases/1/restrict/", "/statistics/imports/", "/cases/screenings/save/",
             "/referrals/abroad/import/", "/accounts/users/new/", "/api/v1/cases/", "/api/v1/referrals/"]
    bad = 0
    for path in posts:
        r = c.s.post(c.url(path), data={"x": "1"}, headers={"Origin": "https://evil.example",
                                                           "Referer": "https://evil.example/"},
                     allow_redirects=False, timeout=60)
        if r.status_code not in (403, 401, 404, 405, 429):
            bad += 1
            finding(f"CSRF: POST {path} without a token from a foreign origin -> {r.status_code}")
    if not bad:
        ok(f"CSRF: {len(posts)} state-changing addresses refuse a POST without a token")


def login_messages_and_timing(base: str, rounds: int) -> None:
    wait_for_window()
    c = Client(base)
    known = c.login("rosa", "wrong-password-1")
    c = Client(base)
    unknown = c.login("nobody-such-user", "wrong-password-1")

    def visible(r: requests.Response) -> str:
        text = re.sub(r"csrfmiddlewaretoken\" value=\"[^\"]+\"", "", r.text)
        return re.sub(r"value=\"[^\"]*\"", "", text)
    if (known.status_code, visible(known)) != (unknown.status_code, visible(unknown)):
        finding("user enumeration: the log-in page answers a known and an unknown user differently")
    else:
        ok("log-in answers a known and an unknown user name alike")
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    for i in range(rounds):
        wait_for_window() if i and i % 10 == 0 else None
        for kind, name in (("known", "udi"), ("unknown", f"ghost-{i}")):
            c = Client(base)
            c.get("/accounts/login/")
            start = time.perf_counter()
            r = c.post("/accounts/login/", {"username": name, "password": f"x{i}"})
            if r.status_code == 429:
                break
            times[kind].append(time.perf_counter() - start)
    if times["known"] and times["unknown"]:
        k, u = statistics.median(times["known"]), statistics.median(times["unknown"])
        print(f"figure  log-in median known {k * 1000:.0f} ms, unknown {u * 1000:.0f} ms "
              f"(n={len(times['known'])}, ratio {k / u:.2f})")
        if max(k, u) / min(k, u) > 1.5:
            finding(f"user enumeration by timing: known {k * 1000:.0f} ms vs unknown {u * 1000:.0f} ms")


def rate_limit_bypass(base: str) -> None:
    wait_for_window()
    spoofs: list[dict[str, str]] = []
    for i in range(40):
        spoofs.append({"X-Forwarded-For": f"10.0.{i}.1", "X-Real-IP": f"10.1.{i}.1",
                       "Forwarded": f"for=10.2.{i}.1", "X-Client-IP": f"2001:db8::{i:x}"})
    statuses = []
    for i, headers in enumerate(spoofs):
        c = Client(base)
        c.get("/accounts/login/")
        name = ["nav", "NAV", "Nav", "nAv", " nav"][i % 5]  # not the timing walk's user (locked by now)
        r = c.post("/accounts/login/", {"username": name, "password": f"guess-{i}"}, headers=headers)
        statuses.append(r.status_code)
    if 429 in statuses:
        ok(f"log-in: 429 after {statuses.index(429)} attempts with changing forwarding headers and user-name case")
    else:
        finding("log-in rate limit bypassed with forwarding headers / user-name case")
    # a correct password must now be refused for udi too? (lockout is per user name and address)
    wait_for_window()
    statuses = []
    body = {"answers": {}}
    for i in range(80):
        r = requests.post(urljoin(base, "/api/v1/screening"), json=body,
                          headers={"X-Forwarded-For": f"10.9.{i}.1", "X-Real-IP": f"10.8.{i}.1"}, timeout=60)
        statuses.append(r.status_code)
    if 429 in statuses:
        ok(f"screening API: 429 after {statuses.index(429)} requests with changing forwarding headers")
    else:
        finding("screening API limit bypassed with forwarding headers")
    statuses = []
    for i in range(60):
        r = requests.get(urljoin(base, "/api/v1/cases/"), headers={"Authorization": f"Bearer hv_bogus{i}",
                                                                  "X-Forwarded-For": f"10.7.{i}.1"}, timeout=60)
        statuses.append(r.status_code)
    if 429 in statuses:
        ok(f"bogus API tokens: 429 after {statuses.index(429)} refusals")
    else:
        finding("bogus API tokens not throttled")


def oversized(base: str, c: Client) -> None:
    big = "x" * 200_000
    r = c.post("/cases/new/", {"first_name": big, "last_name": big, "summary": big})
    if r.status_code >= 500:
        finding(f"oversized new-case form -> {r.status_code}")
    r = c.s.post(c.url("/api/v1/screening"), json={"answers": {"a" * 100_000: big}}, timeout=60)
    if r.status_code >= 500:
        finding(f"oversized screening body -> {r.status_code}")
    r = c.s.get(c.url("/cases/?q=" + "x" * 20_000), timeout=60)
    if r.status_code >= 500:
        finding(f"oversized search query -> {r.status_code}")
    ok("oversized inputs answered without a server error") if r.status_code < 500 else None


def traversal_and_errors(base: str, c: Client, names: Iterable[str]) -> None:
    paths = ["/static/../../henvis/web/settings.py", "/static/%2e%2e/%2e%2e/var/demo-secrets.env",
             "/static/..%2f..%2fvar%2fdemo-secrets.env", "/statistics/download/..%2f..%2fvar%2fdemo-secrets.env",
             "/statistics/download/../../var/demo-secrets.env", "/statistics/table/..%2fsecrets.csv",
             "/screening/rights/..%2f..%2fsettings/", "/training/scenarios/..%2f..%2f/",
             "/statistics/download/%00", "/cases/99999999999999999999/", "/api/v1/cases/99999999999999999999",
             "/static/nope.css", "/media/x", "/cases/?page=99999999999", "/cases/?sort=__class__",
             "/api/v1/cases?limit=-1", "/api/v1/cases?offset=-5"]
    bad = 0
    for path in paths:
        r = c.s.get(c.url(path), allow_redirects=False, timeout=60)
        text = r.text
        if "HENVIS_SECRET_KEY" in text or "Traceback" in text or "DJANGO_SETTINGS" in text or r.status_code >= 500:
            bad += 1
            finding(f"{path} -> {r.status_code} ({'trace' if 'Traceback' in text else 'leak' if 'SECRET' in text else 'error'})")
        for n in names:
            if n and n in text and r.status_code >= 400:
                finding(f"{path} error page names a person")
    if not bad:
        ok(f"traversal and error pages: {len(paths)} addresses, no 5xx, trace or secret")


def audit_trail(base: str, clients: dict[str, Client]) -> list[str]:
    """Reads of personal data and refused accesses show in the auditor's export; returns
    the person names seen, for the log check."""
    rosa, politi = clients["rosa"], clients["politi"]
    cases = rosa.get("/api/v1/cases/").json()
    own = [c for c in cases if c["organisation"] == "rosa"][:3]
    names = []
    for case in own:
        page = rosa.get(f"/cases/{case['id']}/").text
        found = re.search(r'id="person-name">([^<]+)<', page)
        if found:
            names.append(found.group(1).strip())
        rosa.get(f"/api/v1/cases/{case['id']}")
        rosa.get(f"/dataprotection/cases/{case['id']}/access/")
        politi.get(f"/cases/{case['id']}/")  # refused: not politi's case
    rosa.get("/cases/?export=csv")
    auditor = logged_in(base, "revisor")
    export = auditor.get("/audit/?export=csv").content.decode("utf-8-sig")
    rows = [line.split(";") for line in export.splitlines()[1:]]
    for case in own:
        about = [r for r in rows if case["reference"] in ";".join(r) or f"/cases/{case['id']}/" in ";".join(r)]
        actions = {(r[2], r[3]) for r in about}
        print(f"audit   {case['reference']}: " + ", ".join(sorted(f"{a}:{b}" for a, b in actions)))
        if not any(a == "rosa" for a, _ in actions):
            finding(f"audit: rosa's reads of {case['reference']} are not in the auditor's export")
        if not any(a == "politi" for a, _ in actions):
            finding(f"audit: politi's refused access to {case['reference']} is not in the auditor's export")
    for name in names:
        if name in export:
            finding("audit export names a person")
    ok("audit: case reads (page, API, access request) and refused accesses in the auditor's export")
    return names


def names_in_logs(names: list[str], logs: list[str]) -> None:
    from pathlib import Path

    hit = 0
    for log in logs:
        path = Path(log)
        if not path.exists():
            print(f"note    no log at {log}")
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in names:
            for part in name.split():
                if len(part) > 3 and re.search(rf"\b{re.escape(part)}\b", text):
                    hit += 1
                    finding(f"log {log} holds a person's name ({part[:1]}...)")
    if not hit:
        ok(f"no person name ({len(names)} seen) in {len(logs)} log file(s)")


def tamper(var_dir: str) -> None:
    """Tamper with a copy of the demo's SQLite database as its owner could (no key, no
    checkpoint files) and ask `henvis audit verify` about it: a changed entry, and
    entries cut from the end of the chain up to and past the newest checkpoint."""
    import json
    import os
    import shutil
    import sqlite3
    import subprocess
    import tempfile
    from pathlib import Path

    var = Path(var_dir)
    env = dict(os.environ)
    for line in (var / "demo-secrets.env").read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    env["HENVIS_VAR_DIR"] = str(var)
    env["HENVIS_AUDIT_CHECKPOINT_DIR"] = str(var / "audit-checkpoints")
    newest = max((json.loads(line)["position"] for f in (var / "audit-checkpoints").glob("*.jsonl")
                  for line in f.read_text(encoding="utf-8").splitlines() if line.strip()), default=0)
    henvis = str(Path(sys.executable).with_name("henvis"))
    with tempfile.TemporaryDirectory() as tmp:
        for label, sql in (
            ("an entry's actor changed", "UPDATE audit_auditentry SET actor='filemon' WHERE seq = {mid}"),
            ("the chain cut back to before the newest checkpoint",
             "DELETE FROM audit_auditseal WHERE position > {cut}; DELETE FROM audit_auditentry WHERE seq > {cut}"),
        ):
            copy = Path(tmp) / "copy.sqlite3"
            shutil.copyfile(var / "henvis.sqlite3", copy)
            with sqlite3.connect(copy) as db:
                (last,) = db.execute("SELECT max(position) FROM audit_auditseal").fetchone()
                db.executescript(sql.format(mid=max(1, newest - 1), cut=max(0, newest - 5)))
            run = subprocess.run([henvis, "audit", "verify"], env={**env, "DATABASE_URL": f"sqlite:///{copy}"},
                                 capture_output=True, text=True, timeout=600, check=False)
            out = (run.stdout + run.stderr).strip().splitlines()
            if run.returncode == 0:
                finding(f"audit chain: {label} passed `henvis audit verify` ({out[-1] if out else ''})")
            else:
                ok(f"audit chain: {label} detected ({out[0] if out else run.returncode})")
        print(f"figure  audit chain: {last - newest} sealed entries after the newest checkpoint "
              f"(#{newest}) could still be cut unseen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000/")
    parser.add_argument("--per-family", type=int, default=6, help="other users' ids tried per route family")
    parser.add_argument("--timing-rounds", type=int, default=8)
    parser.add_argument("--only", default="", help="comma-separated checks to run (default all)")
    parser.add_argument("--var", default="", help="the demo's var/ folder: tamper with a copy of its database")
    parser.add_argument("--log", action="append", default=[],
                        help="a log file of the server under probe, searched for the names seen (repeatable)")
    args = parser.parse_args()
    base = args.base.rstrip("/") + "/"
    only = set(filter(None, args.only.split(",")))

    def want(check: str) -> bool:
        return not only or check in only

    needed = USERS if (not only or "idor" in only) else ["rosa", "politi"]
    clients = {u: logged_in(base, u) for u in needed}
    seen = {u: reachable(c) for u, c in clients.items()}
    for u, s in seen.items():
        print(f"reach   {u}: " + ", ".join(f"{k}={len(v)}" for k, v in sorted(s.items()) if v))
    if want("idor"):
        idor(base, clients, seen, args.per_family)
    if want("headers"):
        headers_and_cookies(base, clients["rosa"])
    if want("fixation"):
        session_fixation(base)
    if want("redirects"):
        open_redirects(base)
    if want("csrf"):
        csrf(base, clients["rosa"])
    if want("oversized"):
        oversized(base, clients["rosa"])
    if want("traversal"):
        traversal_and_errors(base, clients["rosa"], [])
    if want("audit"):
        names = audit_trail(base, clients)
        names_in_logs(names, args.log)
    if want("tamper") and args.var:
        tamper(args.var)
    if want("login"):
        login_messages_and_timing(base, args.timing_rounds)
    if want("rates"):
        rate_limit_bypass(base)
    print(f"\n{len(findings)} finding(s)")
    for f in findings:
        print(f"  - {f}")
    return min(len(findings), 100)


if __name__ == "__main__":
    sys.exit(main())
