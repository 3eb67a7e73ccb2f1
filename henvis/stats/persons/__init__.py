"""Unique-person statistics from pseudonymised extracts and the linkage output.

>>> from henvis.stats.persons import read_extract, read_clusters, unique_persons  # doctest: +SKIP
>>> stats = unique_persons(read_extract("extract.csv"), read_clusters("clusters.csv"))  # doctest: +SKIP
>>> stats.summary  # persons per year with intervals, and the sum over organisations  # doctest: +SKIP
"""

from henvis.stats.persons.errors import InputError, RowError
from henvis.stats.persons.extract import pseudonymised_extract, read_extract, validate_extract
from henvis.stats.persons.linkage_files import read_clusters, read_pairs
from henvis.stats.persons.person_tables import person_tables
from henvis.stats.persons.statistics import PersonStatistics, unique_persons

__all__ = [
    "InputError", "PersonStatistics", "RowError", "person_tables", "pseudonymised_extract", "read_clusters", "read_extract",
    "read_pairs", "unique_persons", "validate_extract",
]
