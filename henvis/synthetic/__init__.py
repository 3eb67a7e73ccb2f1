"""Synthetic presumed victims of trafficking in Norway and their registrations across
organisations and years, with the ground truth (which registrations are the same
person) kept apart. Pure core: no web framework.

Example:
    >>> from henvis.synthetic import generate
    >>> ds = generate(persons=10, seed=1)
    >>> ds.registrations.columns[0], ds.truth.columns.tolist()
    ('record_id', ['record_id', 'person_id'])

See docs/synthetic-data.md for what is generated and from which seed figures.
"""

from henvis.synthetic.dataset import (
    ATTRIBUTE_COLUMNS,
    LINKAGE_COLUMNS,
    PERSON_COLUMNS,
    REGISTRATION_COLUMNS,
    SyntheticDataset,
)
from henvis.synthetic.generator import generate

__all__ = [
    "ATTRIBUTE_COLUMNS",
    "LINKAGE_COLUMNS",
    "PERSON_COLUMNS",
    "REGISTRATION_COLUMNS",
    "SyntheticDataset",
    "generate",
]
