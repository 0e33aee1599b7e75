"""The offline vector basemap: simplified Natural Earth country outlines.

By default the outlines come from the gazetteer data file
``countries-simplified.geojson``; a caller may pass another GeoJSON file or a
GeoDataFrame. Only the outlines and a ``name`` property are kept, with
coordinates rounded to 0.001 degrees (about 100 m), so the page stays small.

Examples
--------
>>> import geopandas, shapely
>>> box = geopandas.GeoDataFrame({"name": ["Box"]}, geometry=[shapely.box(0, 0, 1, 1)],
...                              crs="EPSG:4326")
>>> doc = basemap_geojson(box)
>>> doc["features"][0]["properties"], doc["features"][0]["geometry"]["type"]
({'name': 'Box'}, 'Polygon')
"""

from __future__ import annotations

import functools
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from ..errors import GazetteerError, RenderError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["BASEMAP_FILE", "BasemapSource", "basemap_geojson"]

log = logging.getLogger(__name__)

#: Name of the gazetteer data file holding the default outlines.
BASEMAP_FILE = "countries-simplified.geojson"

BasemapSource = Union[str, Path, "geopandas.GeoDataFrame", None]

_NAME_KEYS = ("name", "NAME", "ADMIN", "name_en", "NAME_EN")
_EMPTY: dict[str, Any] = {"type": "FeatureCollection", "features": []}


def _round(coords: Any) -> Any:
    if isinstance(coords, (int, float)):
        return round(float(coords), 3)
    return [_round(c) for c in coords]


def _compact(doc: dict[str, Any], *, source: str) -> dict[str, Any]:
    if not isinstance(doc, dict) or not isinstance(doc.get("features"), list):
        raise RenderError(f"the basemap {source!r} is not a GeoJSON FeatureCollection")
    features = []
    for feature in doc["features"]:
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        props = feature.get("properties") or {}
        name = next((props[k] for k in _NAME_KEYS if props.get(k)), "")
        features.append(
            {
                "type": "Feature",
                "properties": {"name": str(name)},
                "geometry": {
                    "type": geometry["type"],
                    "coordinates": _round(geometry["coordinates"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


@functools.lru_cache(maxsize=4)
def _from_file(path: str, mtime: float) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
    except (OSError, ValueError) as exc:
        raise RenderError(f"cannot read the basemap {path!r} as GeoJSON: {exc}") from exc
    return _compact(doc, source=path)


def _default_path() -> Path | None:
    from ..gazetteer.paths import data_file

    try:
        return data_file(BASEMAP_FILE)
    except GazetteerError as exc:
        log.warning("no offline basemap (%s); the map shows incidents on a plain background", exc)
        return None


def basemap_geojson(source: BasemapSource = None) -> dict[str, Any]:
    """Return the country outlines to draw under the incidents, as compact GeoJSON.

    Parameters
    ----------
    source
        ``None`` for the gazetteer's ``countries-simplified.geojson``, a path to a
        GeoJSON file, or a GeoDataFrame of polygons (any CRS; reprojected to WGS 84).

    Returns
    -------
    dict
        A FeatureCollection of polygons with a ``name`` property; empty when the
        default file is missing (a warning is logged).
    """
    if source is None:
        path = _default_path()
        if path is None:
            return dict(_EMPTY)
        source = path
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise RenderError(f"the basemap file {str(path)!r} does not exist")
        return _from_file(str(path.resolve()), path.stat().st_mtime)
    import geopandas as gpd

    if not isinstance(source, gpd.GeoDataFrame):
        raise RenderError(
            f"basemap must be a path or a GeoDataFrame, not {type(source).__name__!r}"
        )
    frame = source if source.crs is None else source.to_crs("EPSG:4326")
    name_col = next((k for k in _NAME_KEYS if k in frame.columns), None)
    slim = gpd.GeoDataFrame(
        {"name": frame[name_col].astype(str) if name_col else ""},
        geometry=frame.geometry,
        crs="EPSG:4326",
    )
    return _compact(json.loads(slim.to_json()), source="<GeoDataFrame>")
