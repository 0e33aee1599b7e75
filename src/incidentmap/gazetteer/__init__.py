"""The offline gazetteer: GeoNames-derived places, countries, admin areas, landmarks.

>>> from incidentmap.gazetteer import Gazetteer
>>> Gazetteer.__name__
'Gazetteer'
"""

from __future__ import annotations

from .core import Gazetteer, GazetteerInfo, ReverseResult, default_cache_dir
from .index import NameStats
from .records import PlaceRecord

__all__ = [
    "Gazetteer",
    "GazetteerInfo",
    "NameStats",
    "PlaceRecord",
    "ReverseResult",
    "default_cache_dir",
]
