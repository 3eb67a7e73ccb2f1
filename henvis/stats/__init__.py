"""Official statistics on presumed victims of trafficking (pure core, no web framework).

Subpackages follow the steps of producing a release:

- ``registry``   registry figures (police, UDI/UNE, child welfare, returns, judgments)
                 in documented CSV formats, and the dataset transcribed from KOM 2020
- ``persons``    unique-person statistics from pseudonymised extracts and linkage
- ``tables``     the KOM report tables built from data
- ``disclosure`` statistical disclosure control of every released table
- ``returns``    international returns (Eurostat, UNODC GLOTIP, TIP) and HTCDS export
- ``mse``        multiple systems estimation of the dark figure
- ``report``     the yearly report as HTML and PDF with charts
"""
