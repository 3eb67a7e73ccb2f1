"""Henvis: national referral mechanism and trafficking statistics.

The pure core (``henvis.catalogue``, ``henvis.linkage``, ``henvis.stats``,
``henvis.synthetic``) imports no web framework; ``henvis.web`` and ``henvis.apps``
are the Django application shell around it; ``henvis.cli`` is the operator's
command line.
"""

__version__ = "0.1.0"
