r"""Turn an incident frame into the one JSON document a map page embeds.

The page draws its markers client-side from this document, so 100,000 incidents
cost one JSON array per column rather than 100,000 Python marker objects.
Columns are stored side by side (``lat[i]``, ``type[i]`` ...); repeated strings
(sub-event types, places, source titles and URLs) are stored once in a table and
referred to by index, ``-1`` meaning "unknown".

Examples
--------
>>> safe_json({"evidence": "</script><b>&"})
'{"evidence":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
"""

from __future__ import annotations

import functools
import json
import logging
import math
from typing import TYPE_CHECKING, Any

from ..errors import RenderError
from .assets import static_text

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

__all__ = [
    "COMPRESS_ABOVE",
    "EventStyle",
    "build_payload",
    "data_block",
    "event_styles",
    "safe_json",
]

log = logging.getLogger(__name__)

EventStyle = dict[str, str]

_EPOCH_DAY = 86_400_000  # milliseconds

#: Data documents longer than this (characters of JSON) are embedded gzip-compressed.
COMPRESS_ABOVE = 8_000_000

#: ``type`` of the ``<script>`` element holding compressed data.
PACKED_TYPE = "application/x-incidentmap+gzip;base64"


@functools.lru_cache(maxsize=1)
def _style_table() -> tuple[dict[str, EventStyle], EventStyle]:
    table = json.loads(static_text("event_types.json"))
    styles = {t["type"]: {k: t[k] for k in ("type", "color", "glyph")} for t in table["types"]}
    return styles, dict(table["unknown"])


def event_styles() -> list[EventStyle]:
    """Return the colour and glyph of each ACLED event type, in ACLED's order.

    >>> [s["type"] for s in event_styles()][:2]
    ['Battles', 'Explosions/Remote violence']
    """
    return list(_style_table()[0].values())


def safe_json(value: Any) -> str:
    r"""Encode ``value`` as JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\u003c``, ``\u003e`` and ``\u0026``, and the
    line separators U+2028/U+2029 are escaped too, so article text holding
    ``</script>`` cannot end the element early.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def data_block(
    payload: dict[str, Any], element_id: str, *, compress_above: int | None = None
) -> str:
    """Return the ``<script>`` element that carries ``payload`` in the page.

    Documents longer than :data:`COMPRESS_ABOVE` are gzip-compressed and base64-encoded
    (the page unpacks them with the browser's ``DecompressionStream``), which makes a
    map of 100,000 incidents about half as large; smaller ones are plain JSON.

    >>> data_block({"n": 0}, "d")
    '<script type="application/json" id="d">{"n":0}</script>'
    """
    import base64
    import gzip

    text = safe_json(payload)
    limit = COMPRESS_ABOVE if compress_above is None else compress_above
    if len(text) <= limit:
        return f'<script type="application/json" id="{element_id}">{text}</script>'
    packed = base64.b64encode(gzip.compress(text.encode("utf-8"), compresslevel=1, mtime=0))
    return f'<script type="{PACKED_TYPE}" id="{element_id}">{packed.decode("ascii")}</script>'


def _codes(column: pandas.Series) -> tuple[list[int], list[str]]:
    """Dictionary-encode a string column: codes (``-1`` = missing) and the table."""
    import pandas as pd

    values = column.astype("string").str.strip()
    values = values.mask(values == "")
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes.tolist(), [str(u) for u in uniques]


def _lists(column: pandas.Series) -> tuple[list[list[int]], list[str]]:
    """Dictionary-encode a column of string lists (actors): per row a list of codes."""
    table: dict[str, int] = {}
    rows: list[list[int]] = []
    for value in column.tolist():
        if value is None or isinstance(value, float) or len(value) == 0:
            rows.append([])
            continue
        items = [value] if isinstance(value, str) else list(value)
        codes: list[int] = []
        for item in items:
            name = str(item).strip() if item is not None else ""
            if name:
                code = table.setdefault(name, len(table))
                if code not in codes:
                    codes.append(code)
        rows.append(codes)
    return rows, list(table)


def _ints(column: pandas.Series, *, missing: int) -> list[int]:
    import pandas as pd

    values = pd.to_numeric(column, errors="coerce")
    return values.fillna(missing).round().astype("int64").tolist()


def _days(column: pandas.Series) -> list[int | None]:
    """Dates as days since 1970-01-01 (``None`` when unknown)."""
    import pandas as pd

    dates = pd.to_datetime(column, errors="coerce")
    millis = dates.astype("datetime64[ms]").astype("int64")
    known = dates.notna().tolist()
    return [m // _EPOCH_DAY if k else None for m, k in zip(millis.tolist(), known, strict=True)]


def _area_geometries(column: pandas.Series) -> tuple[list[int], list[dict[str, Any]]]:
    """Parse the WKT outlines once each; return per-row indices and GeoJSON geometries."""
    import shapely

    codes, uniques = _codes(column)
    geometries: list[dict[str, Any] | None] = []
    for wkt in uniques:
        try:
            shape = shapely.from_wkt(wkt)
        except shapely.errors.GEOSException as exc:
            log.warning("ignoring an area outline that is not valid WKT (%s): %.60s", exc, wkt)
            geometries.append(None)
            continue
        if shape is None or shape.is_empty or shape.geom_type not in ("Polygon", "MultiPolygon"):
            log.warning("ignoring an area outline that is not a polygon: %.60s", wkt)
            geometries.append(None)
            continue
        geometries.append(json.loads(shapely.to_geojson(shapely.set_precision(shape, 1e-6))))
    kept: list[dict[str, Any]] = []
    remap: dict[int, int] = {}
    for i, geom in enumerate(geometries):
        if geom is not None:
            remap[i] = len(kept)
            kept.append(geom)
    return [remap.get(c, -1) for c in codes], kept


def _styles_for(types: list[str]) -> list[EventStyle]:
    known, unknown = _style_table()
    order = list(known)
    ranked = sorted(types, key=lambda t: (order.index(t) if t in known else len(order), t))
    out = []
    for name in ranked:
        style = dict(known.get(name, unknown))
        style["type"] = name
        out.append(style)
    return out


def build_payload(gdf: geopandas.GeoDataFrame) -> tuple[dict[str, Any], int]:
    """Build the column-wise JSON document for the incidents that have a point.

    Parameters
    ----------
    gdf
        A frame of the :func:`incidentmap.frame.incidents_frame` schema in EPSG:4326.

    Returns
    -------
    tuple of (dict, int)
        The document, and how many rows were skipped for lack of a point.
    """
    import numpy as np
    import pandas as pd

    geometry = gdf.geometry
    has_point = geometry.notna().to_numpy() & ~geometry.is_empty.to_numpy()
    if has_point.any():
        has_point[has_point] = (geometry[has_point].geom_type == "Point").to_numpy()
    skipped = int((~has_point).sum())
    df = gdf.loc[has_point]
    points = df.geometry
    lat = np.round(points.y.to_numpy(dtype="float64"), 5)
    lon = np.round(points.x.to_numpy(dtype="float64"), 5)
    if len(df) and not (np.isfinite(lat).all() and np.isfinite(lon).all()):
        raise RenderError("some incident points have coordinates that are not finite numbers")

    type_names = df["event_type"].astype("string").fillna("Other").str.strip()
    type_names = type_names.mask(type_names == "", "Other")
    present = sorted(set(type_names.tolist()))
    styles = _styles_for(present)
    type_index = {s["type"]: i for i, s in enumerate(styles)}
    type_codes = [type_index[t] for t in type_names.tolist()]

    sub_codes, sub_table = _codes(df["sub_event_type"])
    loc_codes, loc_table = _codes(df["location"])
    title_codes, title_table = _codes(df["source_title"])
    url_codes, url_table = _codes(df["source_url"])
    area_codes, areas = _area_geometries(df["area_wkt"])
    cc_codes, cc_table = _codes(df["country_code"].astype("string").str.upper())
    actor_codes, actor_table = _lists(df["actors"])
    confidence = pd.to_numeric(df["confidence"], errors="coerce").fillna(0.5).clip(0.0, 1.0)
    ids = df["id"].astype("string").fillna("").tolist()
    evidence = df["evidence"].astype("string").fillna("").tolist()
    background = df["background"].fillna(False).astype(bool).astype("int8").tolist()

    payload: dict[str, Any] = {
        "n": len(df),
        "types": styles,
        "tables": {
            "sub": sub_table,
            "loc": loc_table,
            "title": title_table,
            "url": url_table,
            "cc": cc_table,
            "act": actor_table,
        },
        "areas": areas,
        "id": ids,
        "lat": lat.tolist(),
        "lon": lon.tolist(),
        "type": type_codes,
        "sub": sub_codes,
        "date": _days(df["event_date"]),
        "tp": _ints(df["time_precision"], missing=3),
        "loc": loc_codes,
        "gp": _ints(df["geo_precision"], missing=3),
        "fat": _ints(df["fatalities"], missing=-1),
        "inj": _ints(df["injured"], missing=-1),
        "ev": evidence,
        "title": title_codes,
        "url": url_codes,
        "conf": [math.floor(c * 100 + 0.5) / 100 for c in confidence.tolist()],
        "src": _ints(df["sources"], missing=1),
        "bg": background,
        "area": area_codes,
        "cc": cc_codes,
        "act": actor_codes,
    }
    return payload, skipped
