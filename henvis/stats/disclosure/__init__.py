"""Statistical disclosure control for released tables of persons.

Small counts are suppressed with secondary suppression across linked tables (or cells
are rounded by controlled rounding); an attacker module measures what can still be
derived; k-anonymity protects microdata-like exports.

>>> import pandas as pd
>>> from henvis.stats.disclosure import DisclosureRule, protect
>>> t = pd.DataFrame({"n": [5, 2, 9, 16]}, index=pd.Index(["a", "b", "c", "I alt"], name="sex"))
>>> protect(t, DisclosureRule()).display()["n"].tolist()
[':', ':', '9', '16']
"""

from henvis.stats.disclosure.attack import feasible_ranges
from henvis.stats.disclosure.disclosure_rule import SUPPRESSED, DisclosureRule
from henvis.stats.disclosure.kanon import KAnonymityResult, k_anonymise, smallest_class
from henvis.stats.disclosure.protected_table import ProtectedTable
from henvis.stats.disclosure.rounding import controlled_round
from henvis.stats.disclosure.structure import Cell, LinearSystem, Relation, as_frame
from henvis.stats.disclosure.suppress import DisclosureError, protect, protect_release

__all__ = [
    "SUPPRESSED", "Cell", "DisclosureError", "DisclosureRule", "KAnonymityResult",
    "LinearSystem", "ProtectedTable", "Relation", "as_frame", "controlled_round", "feasible_ranges",
    "k_anonymise", "protect", "protect_release", "smallest_class",
]
