"""The development server (``henvis serve``, ``scripts/demo``) logs every request line.
A case search carries the name in the query string; the log must not."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from io import StringIO

import pytest


@pytest.fixture
def server_log() -> Iterator[StringIO]:
    stream = StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("django.server")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def test_request_lines_are_logged_without_the_query_string(server_log: StringIO) -> None:
    logger = logging.getLogger("django.server")
    # exactly what django.core.servers.basehttp.WSGIRequestHandler.log_message does
    logger.info('"%s" %s %s', "GET /cases/?q=Ioana+Dumitrescu&status= HTTP/1.1", "200", "5120",
                extra={"status_code": 200})
    logger.warning('"%s" %s %s', "GET /accounts/login/?next=/cases/%3Fq%3DDumitrescu HTTP/1.1", "404", "10",
                   extra={"status_code": 404})
    text = server_log.getvalue()
    assert "GET /cases/" in text and "/accounts/login/" in text  # the request is still logged
    assert "Dumitrescu" not in text and "Ioana" not in text
