"""KOM's identification guide (seed 004) as versioned data and guidance rules.

>>> from henvis.catalogue import load_catalogue
>>> load_catalogue().version
'kom-2024.3'
"""

from henvis.catalogue.guidance import Guidance
from henvis.catalogue.guide_rules import guide
from henvis.catalogue.guide_types import Catalogue, Indicator, Service, Text
from henvis.catalogue.load import CatalogueError, load_catalogue
from henvis.catalogue.screening import ScreeningError, ScreeningInput

__all__ = [
    "Catalogue", "CatalogueError", "Guidance", "Indicator", "ScreeningError", "ScreeningInput",
    "Service", "Text", "guide", "load_catalogue",
]
