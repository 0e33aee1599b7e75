"""incidentmap: places and incidents from news articles, mapped offline.

Importing the package does no work: the names below are loaded on first use.

Examples
--------
>>> import incidentmap
>>> incidentmap.IncidentMapError.__name__
'IncidentMapError'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Article": "incidentmap.model",
    "Candidate": "incidentmap.model",
    "EventType": "incidentmap.model",
    "GeoPrecision": "incidentmap.model",
    "Incident": "incidentmap.model",
    "Place": "incidentmap.model",
    "TimePrecision": "incidentmap.model",
    "Toponym": "incidentmap.model",
    "IncidentMapError": "incidentmap.errors",
    "InputError": "incidentmap.errors",
    "GazetteerError": "incidentmap.errors",
    "ExportError": "incidentmap.errors",
    "RenderError": "incidentmap.errors",
    "GeocoderError": "incidentmap.errors",
    "Gazetteer": "incidentmap.gazetteer",
    "Geoparser": "incidentmap.geoparse",
    "extract_incidents": "incidentmap.incidents",
    "merge_across_articles": "incidentmap.pipeline",
    "incidents_frame": "incidentmap.frame",
    "toponyms_frame": "incidentmap.frame",
    "incident_map": "incidentmap.render",
    "save_map": "incidentmap.render",
    "read_articles": "incidentmap.text.articles",
    "write_incidents": "incidentmap.export",
}

__all__ = sorted(_EXPORTS)

if TYPE_CHECKING:  # pragma: no cover
    from .errors import (
        ExportError,
        GazetteerError,
        GeocoderError,
        IncidentMapError,
        InputError,
        RenderError,
    )
    from .frame import incidents_frame, toponyms_frame
    from .model import (
        Article,
        Candidate,
        EventType,
        GeoPrecision,
        Incident,
        Place,
        TimePrecision,
        Toponym,
    )
    from .pipeline import merge_across_articles
    from .render import incident_map, save_map


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'incidentmap' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
