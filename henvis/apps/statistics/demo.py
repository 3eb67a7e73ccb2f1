"""Demo data for the statistics area: synthetic registrations of all organisations,
pseudonymised and linked the way the real flow does it (each organisation encodes with
the shared key, the statistics unit links), plus the registry figures transcribed from
KOM's report (seed 001)."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from henvis.apps.statistics.models import PersonExtract, RegistryImport


def demo_linkage_key(seed: int) -> bytes:
    """The demo organisations' shared key, made from the demo's seed. In a real flow the
    key is drawn at random and never reaches the statistics unit; the demo's data are
    synthetic, and a key of its own each time made two demos with the same seed publish
    different figures (the linkage, and so every count, moved with the key and the
    encoding's random noise)."""
    return hashlib.sha256(f"henvis demo linkage key, seed {seed}".encode()).digest()


def demo_linkage(registrations: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clusters and pairs of the demo's registrations: the same seed, the same result."""
    from henvis.linkage import encode_frame, link_frames

    noise = np.random.default_rng([seed, 14])  # the encoding's noise, from the seed too
    result = link_frames([encode_frame(registrations, demo_linkage_key(seed), rng=noise)], quiet=True)
    return result.clusters, result.pairs


def _linkage(registrations: pd.DataFrame, truth: pd.DataFrame, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    try:
        clusters, pairs = demo_linkage(registrations, seed)
        return clusters, pairs, "linkage"
    except Exception:  # noqa: BLE001 - the demo must come up even if linkage cannot run here
        clusters = registrations[["record_id", "source"]].merge(truth, on="record_id")
        return clusters.assign(match_probability=1.0), pd.DataFrame(), "ground truth"


def load(persons: int, seed: int) -> str:
    from henvis.stats.persons import pseudonymised_extract
    from henvis.stats.registry import KOM_SEED_DIR
    from henvis.synthetic import generate

    ds = generate(persons=persons, seed=seed)
    clusters, pairs, how = _linkage(ds.registrations, ds.truth, seed)
    extract = pseudonymised_extract(ds.registrations)
    item = PersonExtract.objects.create(
        # A label is data an analyst names (in Bokmål), quoted as it is on pages in either
        # language: one language, not "norsk / English" side by side.
        label=f"Syntetiske demodata ({persons} personer, frø {seed}, "
              f"{'koblet' if how == 'linkage' else 'fasit som kobling'})",
        extract_csv=extract.to_csv(index=False), clusters_csv=clusters.to_csv(index=False),
        pairs_csv=pairs.to_csv(index=False) if len(pairs) else "",
        records=len(extract), years=sorted(int(y) for y in extract["year"].unique()),
    )
    for path in sorted(KOM_SEED_DIR.glob("*.csv")):
        text = path.read_text(encoding="utf-8")
        RegistryImport.objects.create(filename=path.name, content=text, rows=max(text.count("\n") - 1, 0))
    from henvis.apps.statistics.figures import warm

    warm(item)  # figures and charts once, here, rather than in the first page views
    return f"{len(extract)} pseudonymised registrations linked by {how}; KOM seed registry figures"
