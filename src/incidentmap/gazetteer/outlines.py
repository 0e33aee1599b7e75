"""Country outlines (Natural Earth, simplified) for point-in-country tests.

The outlines are those of the offline basemap, ``countries-simplified.geojson`` among the
embedded data files (public domain, Natural Earth 1:10m admin-0 countries simplified to
about 1 km). They answer "does this country hold this point?", which the evaluation uses
to count a chosen country as right when the gold point lies inside it.

Examples
--------
>>> import shapely
>>> box = {"type": "Feature", "properties": {"iso_a2": "XX"},
...        "geometry": shapely.geometry.mapping(shapely.box(40, 30, 50, 40))}
>>> outlines = CountryOutlines.from_geojson({"type": "FeatureCollection", "features": [box]})
>>> outlines.holds("XX", 35.0, 45.0), outlines.holds("XX", 10.0, 45.0)
(True, False)
>>> outlines.holds("YY", 35.0, 45.0), "XX" in outlines
(False, True)
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import GazetteerError
from .paths import data_file

__all__ = ["OUTLINES_FILE", "CountryOutlines"]

#: The embedded data file of the country outlines (shared with the basemap).
OUTLINES_FILE = "countries-simplified.geojson"


class CountryOutlines:
    """Outlines of countries by ISO 3166-1 alpha-2 code, prepared for fast point tests."""

    def __init__(self, shapes: Mapping[str, Any]) -> None:
        self._shapes = dict(shapes)

    @classmethod
    def from_geojson(cls, doc: Mapping[str, Any]) -> CountryOutlines:
        """Read a FeatureCollection whose features carry an ``iso_a2`` property.

        A country may come as several features with one code (Natural Earth gives
        Australia's Coral Sea Islands and Brazil's Brazilian Island features of their
        own): its outline is their union, not the last feature read.
        """
        import shapely

        parts: dict[str, list[Any]] = {}
        for feature in doc.get("features", ()):
            code = (feature.get("properties") or {}).get("iso_a2")
            geometry = feature.get("geometry")
            if not code or not geometry:
                continue
            parts.setdefault(str(code).upper(), []).append(shapely.geometry.shape(geometry))
        shapes = {}
        for code, pieces in parts.items():
            shape = shapely.union_all(pieces)
            shapely.prepare(shape)
            shapes[code] = shape
        return cls(shapes)

    @staticmethod
    @functools.cache
    def default() -> CountryOutlines:
        """Return the embedded outlines (read once).

        Raises
        ------
        GazetteerError
            If the data file is missing or is not GeoJSON.
        """
        path: Path = data_file(OUTLINES_FILE)
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GazetteerError(f"cannot read the country outlines {path}: {exc}") from exc
        return CountryOutlines.from_geojson(doc)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.upper() in self._shapes

    def shape(self, code: str) -> Any | None:
        """Return the outline of country ``code`` (a shapely geometry), None if unknown."""
        return self._shapes.get(code.upper())

    def holds(self, code: str, lat: float, lon: float) -> bool:
        """Whether the outline of country ``code`` covers the point (``False`` if unknown)."""
        import shapely

        shape = self._shapes.get(code.upper())
        return shape is not None and bool(shape.covers(shapely.Point(lon, lat)))
