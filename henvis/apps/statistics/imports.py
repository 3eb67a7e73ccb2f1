"""Imports of the statistics unit, for the upload page and anything else that imports:
registry files (all-or-nothing, validated first) and pseudonymised extracts with their
linkage output (names refused, only the counted columns kept, erased cases dropped, the
figures of every year computed once for every worker). Each import is audited; an
error names the file and the row."""

from __future__ import annotations

import io
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from henvis.apps.audit.log import record
from henvis.apps.statistics.models import PersonExtract, RegistryImport
from henvis.apps.statistics.sources import compute_statistics
from henvis.apps.statistics.tasks import warm_figures
from henvis.stats.persons import InputError


def _user(request: HttpRequest) -> Any:
    return request.user if request.user.is_authenticated else None


def _text(upload: Any) -> str:
    try:
        return str(upload.read().decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(upload.name, []) from None


def import_registry(request: HttpRequest, uploads: list[Any]) -> list[str]:
    """Import registry CSV files, all or none; the errors (empty when imported)."""
    from henvis.stats.registry import RegistryValidationError, parse_files
    from henvis.stats.registry.formats import FORMATS_BY_FILENAME

    files: dict[str, str] = {}
    for u in uploads:
        try:
            files[u.name] = u.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            return [_("%(file)s: the file is not UTF-8 text.") % {"file": u.name}]
    try:
        parsed = parse_files(files)
    except RegistryValidationError as exc:
        return [error_text(e.file, e.row, _("column %(name)s") % {"name": e.column} if e.column else None,
                           e.nb, e.en) for e in exc.errors]
    with transaction.atomic():
        for name, text in files.items():
            rows = len(parsed[FORMATS_BY_FILENAME[name].name])
            item = RegistryImport.objects.create(filename=name, content=text, rows=rows, imported_by=_user(request))
            record("statistics.registry_import", request=request, object_type="registry_import",
                   object_id=item.pk, detail=name)
    return []


def _in_language(nb: str, en: str) -> str:
    return nb if (get_language() or settings.LANGUAGE_CODE).startswith("nb") else en


def error_text(file: str, row: int | None, column: str | None, nb: str, en: str) -> str:
    """One import error in the request's language, naming the file, the row (the header
    is row 1, as a spreadsheet shows it) and the column. The core gives each problem in
    Bokmål and English; the page shows one language at a time."""
    where = [file]
    if row is not None:
        where.append(_("Row %(row)s") % {"row": row})
    if column:
        where.append(column)
    return f"{', '.join(where)}: {_in_language(nb, en)}"


def _only_columns(text: str, columns: tuple[str, ...], *, normalise: bool = False) -> str:
    """The CSV with only the columns the counting reads. Whatever else a sender put in
    the file (a free-text note, a name under a column name nobody foresaw) is never
    stored on the statistics side."""
    if not text.strip():
        return text
    import pandas as pd

    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    if normalise:  # as validate_extract reads the header
        frame.columns = [str(c).strip().lower() for c in frame.columns]
    return str(frame[[c for c in columns if c in frame.columns]].to_csv(index=False))


def import_extract(request: HttpRequest, data: dict[str, Any]) -> list[str]:
    """Import an extract with its clusters (and pairs); the errors (empty when imported)."""
    from henvis.apps.dataprotection.extracts import drop_erased
    from henvis.stats.persons.extract import KNOWN
    from henvis.stats.persons.linkage_files import CLUSTER_COLUMNS, PAIR_COLUMNS

    # the core names the files by their role; the page names them as the user chose them
    names = {role: data[role].name for role in ("extract", "clusters", "pairs") if data.get(role)}
    try:
        texts = [_text(data["extract"]), _text(data["clusters"]), _text(data["pairs"]) if data["pairs"] else ""]
        # Data protection: registrations of erased cases leave the next extract.
        texts, _erased = drop_erased(*texts)
        stats = compute_statistics(*texts)
    except InputError as exc:
        file = names.get(exc.source, exc.source)
        return ([error_text(file, e.row, e.field, e.nb, e.en) for e in exc.errors]
                or [_("%(file)s: the file is not UTF-8 text.") % {"file": file}])
    texts = [_only_columns(texts[0], KNOWN, normalise=True), _only_columns(texts[1], CLUSTER_COLUMNS),
             _only_columns(texts[2], PAIR_COLUMNS)]
    with transaction.atomic():
        item = PersonExtract.objects.create(
            label=data["label"], extract_csv=texts[0], clusters_csv=texts[1], pairs_csv=texts[2],
            records=int(stats.summary["registrations"].sum()), years=stats.years, uploaded_by=_user(request),
        )
        record("statistics.extract_import", request=request, object_type="person_extract", object_id=item.pk,
               detail=f"{item.records} records")
        # the pages' figures and charts, computed once by the background worker for
        # every web worker to serve (immediately, inside this request, in tests)
        transaction.on_commit(lambda: warm_figures.enqueue(item.pk))
    return []
