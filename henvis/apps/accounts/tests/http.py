"""A small real-HTTP client (standard library only) for tests against ``live_server``:
cookies kept, the CSRF token sent, any status returned instead of raised."""

from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from typing import Any


class HttpClient:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirect())

    def request(self, method: str, path: str, *, data: dict[str, Any] | None = None, json_body: Any = None,
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        body: bytes | None = None
        all_headers = {"Referer": self.base_url + "/", **(headers or {})}
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            body = json.dumps(json_body).encode()
            all_headers["Content-Type"] = "application/json"
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError("an HTTP address is expected")
        req = urllib.request.Request(  # noqa: S310 - scheme checked above
            self.base_url + path, data=body, method=method, headers=all_headers)
        try:
            with self.opener.open(req, timeout=120) as response:  # noqa: S310 - scheme checked above
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode()

    def get(self, path: str, **kwargs: Any) -> tuple[int, dict[str, str], str]:
        return self.request("GET", path, **kwargs)

    def csrf_token(self) -> str:
        return next((c.value or "" for c in self.cookies if c.name == "csrftoken"), "")

    def post_form(self, path: str, data: dict[str, Any], headers: dict[str, str] | None = None,
                  ) -> tuple[int, dict[str, str], str]:
        """GET the form first (for its CSRF token), then POST it."""
        _, _, page = self.get(path, headers=headers)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        token = found.group(1) if found else self.csrf_token()
        return self.request("POST", path, data={"csrfmiddlewaretoken": token, **data}, headers=headers)

    def login(self, username: str, password: str, headers: dict[str, str] | None = None) -> int:
        status, _, _ = self.post_form(
            "/accounts/login/", {"username": username, "password": password}, headers=headers)
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
