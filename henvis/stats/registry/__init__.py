"""Registry figures: documented CSV formats, validation, and the transcribed KOM dataset.

>>> from henvis.stats.registry import load_kom_seed
>>> ds = load_kom_seed()
>>> [r.cases for r in ds.placements if r.authority == "fylkesnemnd" and r.year == 2013]
[30]
"""

from henvis.stats.registry.dataset import (
    KOM_SEED_DIR,
    RegistryDataset,
    load_directory,
    load_kom_seed,
    parse_files,
)
from henvis.stats.registry.parse import RegistryValidationError, RowError, parse_csv, to_csv

__all__ = [
    "KOM_SEED_DIR", "RegistryDataset", "RegistryValidationError", "RowError", "load_directory",
    "load_kom_seed", "parse_csv", "parse_files", "to_csv",
]
