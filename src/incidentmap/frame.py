"""Incidents and toponyms as GeoDataFrames: the one tabular schema.

Every writer (:mod:`incidentmap.export`) and the map (:mod:`incidentmap.render`)
take the frames built here, so a column means the same thing everywhere.

Examples
--------
>>> from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
>>> inc = Incident(id="i1", article_id="a1", event_type=EventType.PROTESTS,
...                sub_event_type="Peaceful protest", event_date="2021-11-06",
...                time_precision=TimePrecision.DAY, location="Baghdad",
...                place_id="geonames:98182", lat=33.34, lon=44.40, country_code="IQ",
...                admin1="07", geo_precision=GeoPrecision.EXACT,
...                evidence="Crowds marched.", evidence_start=0, evidence_end=15)
>>> gdf = incidents_frame([inc])
>>> gdf.crs.to_epsg(), gdf.loc[0, "event_type"], int(gdf.loc[0, "geo_precision"])
(4326, 'Protests', 1)
>>> frame_to_incidents(gdf)[0] == inc
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .model import EventType, GeoPrecision, Incident, TimePrecision, Toponym

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "INCIDENT_COLUMNS",
    "LIST_COLUMNS",
    "TOPONYM_COLUMNS",
    "frame_to_incidents",
    "incident_record",
    "incidents_frame",
    "normalize_incidents_frame",
    "toponyms_frame",
]

#: Column name -> pandas dtype of :func:`incidents_frame` (geometry excluded).
INCIDENT_COLUMNS: dict[str, str] = {
    "id": "string",
    "article_id": "string",
    "event_type": "string",
    "sub_event_type": "string",
    "event_date": "datetime64[ms]",
    "time_precision": "Int8",
    "location": "string",
    "place_id": "string",
    "lat": "float64",
    "lon": "float64",
    "country_code": "string",
    "admin1": "string",
    "geo_precision": "Int8",
    "fatalities": "Int32",
    "injured": "Int32",
    "actors": "object",
    "evidence": "string",
    "evidence_start": "Int64",
    "evidence_end": "Int64",
    "source_url": "string",
    "source_title": "string",
    "confidence": "float64",
    "sources": "Int32",
    "source_urls": "object",
    "article_ids": "object",
    "background": "bool",
    "date_text": "string",
    "notes": "object",
    "area_wkt": "string",
}

#: Columns holding lists of strings; formats without arrays store them JSON-encoded.
LIST_COLUMNS: tuple[str, ...] = ("actors", "source_urls", "article_ids", "notes")

#: Column name -> pandas dtype of :func:`toponyms_frame` (geometry excluded).
TOPONYM_COLUMNS: dict[str, str] = {
    "article_id": "string",
    "start": "Int64",
    "end": "Int64",
    "text": "string",
    "kind": "string",
    "place_id": "string",
    "name": "string",
    "feature_code": "string",
    "country_code": "string",
    "admin1": "string",
    "lat": "float64",
    "lon": "float64",
    "confidence": "float64",
}


def incident_record(incident: Incident) -> dict[str, Any]:
    """Return an incident as a JSON-ready dict (enums as their labels or numbers).

    >>> rec = incident_record(Incident(id="x", article_id="a", event_type=EventType.RIOTS,
    ...     sub_event_type="Mob violence", event_date=None, time_precision=TimePrecision.MONTH,
    ...     location=None, place_id=None, lat=None, lon=None, country_code=None, admin1=None,
    ...     geo_precision=GeoPrecision.REGION, evidence="A mob attacked.", evidence_start=0,
    ...     evidence_end=15))
    >>> rec["event_type"], rec["time_precision"], rec["actors"]
    ('Riots', 3, [])
    """
    out: dict[str, Any] = {}
    for name in incident.__dataclass_fields__:
        value = getattr(incident, name)
        if isinstance(value, tuple):
            value = list(value)
        elif name == "event_type":
            value = str(value)
        elif name in ("time_precision", "geo_precision"):
            value = int(value)
        out[name] = value
    return out


def incidents_frame(incidents: Iterable[Incident]) -> geopandas.GeoDataFrame:
    """Build the incident GeoDataFrame (EPSG:4326, one point per incident).

    Incidents without coordinates get an empty geometry (``None``); the columns and
    their dtypes are those of :data:`INCIDENT_COLUMNS`.

    Parameters
    ----------
    incidents
        The incidents, in the order the rows should have.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns of :data:`INCIDENT_COLUMNS` plus ``geometry``.
    """
    import pandas as pd

    rows = [incident_record(i) for i in incidents]
    df = pd.DataFrame(rows, columns=list(INCIDENT_COLUMNS))
    return _finish(df, INCIDENT_COLUMNS)


def toponyms_frame(items: Iterable[tuple[str, Toponym]]) -> geopandas.GeoDataFrame:
    """Build the GeoDataFrame of resolved place mentions.

    Parameters
    ----------
    items
        ``(article_id, toponym)`` pairs; unresolved toponyms are skipped.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns of :data:`TOPONYM_COLUMNS` plus ``geometry`` (EPSG:4326).
    """
    import pandas as pd

    rows = []
    for article_id, t in items:
        p = t.place
        if p is None:
            continue
        rows.append(
            {
                "article_id": article_id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "kind": t.kind,
                "place_id": p.id,
                "name": p.name,
                "feature_code": p.feature_code,
                "country_code": p.country_code,
                "admin1": p.admin1,
                "lat": p.lat,
                "lon": p.lon,
                "confidence": t.confidence,
            }
        )
    df = pd.DataFrame(rows, columns=list(TOPONYM_COLUMNS))
    return _finish(df, TOPONYM_COLUMNS)


def _finish(df: Any, columns: dict[str, str]) -> geopandas.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    for name, dtype in columns.items():
        if dtype.startswith("datetime"):
            df[name] = pd.to_datetime(df[name], errors="coerce").astype(dtype)
        elif dtype == "bool":
            df[name] = pd.array([_as_bool(v) for v in df[name]], dtype=bool)
        elif dtype != "object":
            df[name] = df[name].astype(dtype)
    has_xy = df["lat"].notna() & df["lon"].notna()
    geometry = gpd.points_from_xy(df["lon"].where(has_xy), df["lat"].where(has_xy))
    geometry[~has_xy.to_numpy()] = None
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


_TRUE = frozenset({"true", "1", "yes", "t", "y"})


def _as_bool(value: Any) -> bool:
    """Read a flag from a bool, a number, text such as ``"false"`` (CSV, KML) or nothing."""
    if isinstance(value, str):
        return value.strip().lower() in _TRUE
    if value is None or value != value:  # None or NaN
        return False
    return bool(value)


def _as_list(value: Any) -> list[str]:
    """Read a list column back from a list, a JSON string, or nothing."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            try:
                loaded = json.loads(text)
            except ValueError:
                return [text]
            return [str(v) for v in loaded] if isinstance(loaded, list) else [str(loaded)]
        return [text]
    try:
        import pandas as pd

        if pd.isna(value):
            return []
    except (TypeError, ValueError):
        pass
    return [str(v) for v in value]


def normalize_incidents_frame(gdf: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Bring a frame read from a file (possibly edited in a GIS) back to the schema.

    Missing columns are added empty, list columns stored as JSON text are decoded,
    dtypes are restored, and ``lat``/``lon`` are taken from the geometry, so a point
    moved in QGIS moves the incident. Extra columns are kept.

    Parameters
    ----------
    gdf
        A frame read by :func:`geopandas.read_file` or similar.

    Returns
    -------
    geopandas.GeoDataFrame
        A new frame in EPSG:4326 with the columns of :data:`INCIDENT_COLUMNS`.
    """
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(gdf.copy())
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    elif gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs("EPSG:4326")
    for name in INCIDENT_COLUMNS:
        if name not in gdf.columns:
            gdf[name] = None
    for name in LIST_COLUMNS:
        gdf[name] = [_as_list(v) for v in gdf[name]]
    points = gdf.geometry
    valid = points.notna() & ~points.is_empty
    if valid.any():
        gdf.loc[valid, "lon"] = points[valid].x
        gdf.loc[valid, "lat"] = points[valid].y
    extra = [c for c in gdf.columns if c not in INCIDENT_COLUMNS and c != gdf.geometry.name]
    df = gdf[list(INCIDENT_COLUMNS) + extra].copy()
    out = _finish(df, INCIDENT_COLUMNS)
    return out


def _none_if_na(value: Any) -> Any:
    import pandas as pd

    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return value
    return value


def frame_to_incidents(gdf: geopandas.GeoDataFrame) -> list[Incident]:
    """Turn an incident frame back into :class:`Incident` objects.

    Parameters
    ----------
    gdf
        A frame of the :func:`incidents_frame` schema (run it through
        :func:`normalize_incidents_frame` first if it was read from a file).

    Returns
    -------
    list of Incident
    """
    out: list[Incident] = []
    for rec in gdf.to_dict("records"):
        v = {k: _none_if_na(rec.get(k)) for k in INCIDENT_COLUMNS}
        date = v["event_date"]
        out.append(
            Incident(
                id=str(v["id"]),
                article_id=str(v["article_id"]),
                event_type=EventType(v["event_type"]),
                sub_event_type=str(v["sub_event_type"] or ""),
                event_date=date.strftime("%Y-%m-%d") if date is not None else None,
                time_precision=TimePrecision(int(v["time_precision"] or 3)),
                location=v["location"],
                place_id=v["place_id"],
                lat=None if v["lat"] is None else float(v["lat"]),
                lon=None if v["lon"] is None else float(v["lon"]),
                country_code=v["country_code"],
                admin1=v["admin1"],
                geo_precision=GeoPrecision(int(v["geo_precision"] or 3)),
                evidence=str(v["evidence"] or ""),
                evidence_start=int(v["evidence_start"] or 0),
                evidence_end=int(v["evidence_end"] or 0),
                fatalities=None if v["fatalities"] is None else int(v["fatalities"]),
                injured=None if v["injured"] is None else int(v["injured"]),
                actors=tuple(_as_list(rec.get("actors"))),
                source_url=v["source_url"],
                source_title=v["source_title"],
                confidence=float(v["confidence"] if v["confidence"] is not None else 0.5),
                sources=int(v["sources"] or 1),
                source_urls=tuple(_as_list(rec.get("source_urls"))),
                article_ids=tuple(_as_list(rec.get("article_ids"))),
                background=bool(v["background"]),
                date_text=v["date_text"],
                notes=tuple(_as_list(rec.get("notes"))),
                area_wkt=v["area_wkt"],
            )
        )
    return out
