"""Logging filters: keep personal data out of the server log."""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class NoQueryStrings(logging.Filter):
    """Drop the query string from logged request lines. The case search sends names in
    ``?q=`` (and the log-in redirect repeats it in ``?next=``); the development server
    (``henvis serve``, ``scripts/demo``) would otherwise print them."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        return True
