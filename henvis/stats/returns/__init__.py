"""International returns (Eurostat, UNODC GLOTIP, US TIP report) and the HTCDS export.

>>> from henvis.stats.returns import build_returns, htcds_export  # doctest: +SKIP
>>> build_returns(stats, registry, 2020).write("out/returns")  # doctest: +SKIP
"""

from henvis.stats.receivers.victim_tables import victim_tables
from henvis.stats.returns.build import Returns, build_returns, registry_figures
from henvis.stats.returns.htcds import (
    EXCHANGE_MARK,
    HTCDS_FIELDS,
    QUASI_IDENTIFIERS,
    ExchangeNotAgreed,
    htcds_export,
    htcds_records,
)

__all__ = [
    "EXCHANGE_MARK", "HTCDS_FIELDS", "QUASI_IDENTIFIERS", "ExchangeNotAgreed", "Returns", "build_returns", "htcds_export", "htcds_records",
    "registry_figures", "victim_tables",
]
