"""Seal the audit entries a request appended, after its response is made (and its
transactions are committed), so the append itself takes no lock."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from henvis.apps.audit.chain import maybe_checkpoint, seal
from henvis.apps.audit.log import appended

logger = logging.getLogger("henvis.audit")


class AuditSealMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = appended.set(False)
        try:
            response = self.get_response(request)
            if appended.get():
                # Whatever is pending, this request's entries or others': when another
                # process is sealing, it (or the next request) takes them.
                seal()
                try:
                    maybe_checkpoint()
                except OSError:
                    # The page still answers; the next request tries again.
                    logger.exception("audit checkpoint could not be written")
        finally:
            appended.reset(token)
        return response
