"""The offline incident map (folium + inlined Leaflet, markercluster and heat map).

Importing this package does no work; :func:`incident_map` and :func:`save_map`
load folium on first use.

Examples
--------
>>> from incidentmap import render
>>> callable(render.incident_map) and callable(render.save_map)
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["incident_map", "map_html", "save_map"]

if TYPE_CHECKING:  # pragma: no cover
    from .map import incident_map, map_html, save_map


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module(".map", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
