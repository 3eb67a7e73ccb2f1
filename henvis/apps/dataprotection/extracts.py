"""Erasure on the statistics side. The statistics unit holds only pseudonymised
extracts (one row per registration: ``source`` = the organisation's short name,
``record_id`` = the case reference, ``henvis.stats.persons.extract``). An erased case is
left out of the next extract uploaded: rows whose (source, record_id) name a case
tombstone are dropped before the extract is stored. Figures already published are not
recalled (docs/dataprotection.md, "Erasure and statistics")."""

from __future__ import annotations

import io

import pandas as pd

from henvis.apps.dataprotection.models import Tombstone
from henvis.apps.organisations.models import Organisation


def erased_registrations() -> set[tuple[str, str]]:
    slugs = dict(Organisation.objects.values_list("pk", "slug"))
    return {(slugs[org_id], ref) for org_id, ref in
            Tombstone.objects.filter(object_type="case").exclude(reference="").values_list("organisation_id",
                                                                                          "reference")}


def _drop(text: str, erased: set[tuple[str, str]], sides: tuple[tuple[str, str], ...]) -> tuple[str, int]:
    if not text.strip():
        return text, 0
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    if any(col not in frame.columns for side in sides for col in side):
        return text, 0  # the reader will refuse the file and say why
    keep = pd.Series(True, index=frame.index)
    for source, record_id in sides:
        keep &= pd.Series([(s, r) not in erased for s, r in zip(frame[source], frame[record_id], strict=True)],
                          index=frame.index)
    dropped = int((~keep).sum())
    return (str(frame[keep].to_csv(index=False)) if dropped else text), dropped


def drop_erased(extract_csv: str, clusters_csv: str = "", pairs_csv: str = "") -> tuple[list[str], int]:
    """The three linkage files without the registrations of erased cases, and how many
    extract rows went."""
    erased = erased_registrations()
    if not erased:
        return [extract_csv, clusters_csv, pairs_csv], 0
    extract, dropped = _drop(extract_csv, erased, (("source", "record_id"),))
    clusters, _n = _drop(clusters_csv, erased, (("source", "record_id"),))
    pairs, _n = _drop(pairs_csv, erased, (("source_l", "record_id_l"), ("source_r", "record_id_r")))
    return [extract, clusters, pairs], dropped
