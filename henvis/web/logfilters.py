"""Logging filters: keep personal data out of the server log."""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


class NoQueryStrings(logging.Filter):
    """Drop the query string from logged request lines. The case search is posted, but a
    hand-typed or old link such as ``/cases/?q=<name>`` (repeated by the log-in redirect
    in ``?next=``) would otherwise put a name in the development server's log
    (``henvis serve``, ``scripts/demo``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_QUERY.sub("?…", a) if isinstance(a, str) else a for a in record.args)
        if isinstance(record.msg, str):
            record.msg = _QUERY.sub("?…", record.msg)
        return True
