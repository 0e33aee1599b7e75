"""Read incident files back into the frame schema, including files edited in a GIS.

Every format :mod:`incidentmap.export` writes can be read back; the result goes
through :func:`incidentmap.frame.normalize_incidents_frame`, so a point moved in
QGIS moves the incident and columns a tool dropped come back empty.

Examples
--------
>>> import tempfile, pathlib
>>> from incidentmap.frame import incidents_frame
>>> from incidentmap.export import write_incidents
>>> path = pathlib.Path(tempfile.mkdtemp()) / "none.gpkg"
>>> len(read_incidents(write_incidents(incidents_frame([]), path)))
0
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ExportError, InputError
from .formats import format_for_path, parse_formats
from .writers import INCIDENTS_LAYER, KML_ID

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["read_incident_records", "read_incidents"]

#: Fields the KML drivers add on reading (or that the KML writer derives): not incident data.
_KML_FIELDS = frozenset(
    {
        "name",
        "Name",
        "description",
        "Description",
        "timestamp",
        "begin",
        "end",
        "altitudeMode",
        "tessellate",
        "extrude",
        "visibility",
        "drawOrder",
        "icon",
    }
)

_TRUE = frozenset({"true", "1", "yes", "t", "y"})
_FALSE = frozenset({"false", "0", "no", "f", "n", ""})


def _read_csv(path: Path) -> Any:
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from ..frame import INCIDENT_COLUMNS

    text_columns = {n: "string" for n, t in INCIDENT_COLUMNS.items() if t in ("string", "object")}
    text_columns["wkt"] = "string"
    df = pd.read_csv(path, dtype=text_columns, keep_default_na=False, na_values=[""])
    from .safety import restore_formulas

    for name in text_columns:  # the quote that kept a spreadsheet from running a formula
        if name in df and name != "wkt":
            df[name] = df[name].map(restore_formulas, na_action="ignore")
    # A spreadsheet edits lat/lon; a GIS would not edit a CSV. So lat/lon win, and
    # the wkt column only places rows without them.
    y, x = ("lat", "lon") if "lat" in df else ("latitude", "longitude")  # ACLED's names
    lat = pd.to_numeric(df[y], errors="coerce") if y in df else None
    lon = pd.to_numeric(df[x], errors="coerce") if x in df else None
    geometry = None
    if "wkt" in df:
        wkt = df["wkt"].astype(object).where(df["wkt"].notna(), None).to_numpy()
        geometry = shapely.from_wkt(wkt, on_invalid="ignore")
    if lat is not None and lon is not None:
        has_xy = (lat.notna() & lon.notna()).to_numpy()
        points = shapely.points(lon.to_numpy(), lat.to_numpy())
        points[~has_xy] = None
        if geometry is not None:
            points[~has_xy] = geometry[~has_xy]
        geometry = points
    df = df.drop(columns=[c for c in ("wkt",) if c in df])
    if geometry is None:  # no point columns at all: every row unplaced
        geometry = shapely.points(np.full(len(df), np.nan), np.full(len(df), np.nan))
        geometry[:] = None
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def _has_content(path: Path) -> bool:
    with path.open("rb") as fh:
        return bool(fh.read(4096).strip())


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE or text in _FALSE:
            return text in _TRUE
        raise ValueError(f"not a boolean: {value!r} (expected true or false)")
    return bool(value) if value is not None and value == value else False


def read_incidents(
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    layer: str | None = None,
) -> geopandas.GeoDataFrame:
    """Read an incident file written by :func:`write_incidents` (or edited since).

    Parameters
    ----------
    path
        A ``.geojson``, ``.geojsonl``, ``.gpkg`` (layer ``incidents``), ``.csv``,
        ``.parquet`` or ``.kml`` file, in incidentmap's schema or ACLED's (an
        ``--schema acled`` export, or a CSV downloaded from ACLED).
    format
        A key of :data:`~incidentmap.export.FORMATS`; by default chosen by extension.
    layer
        The GeoPackage layer to read; by default ``incidents`` if present, else the first.

    Returns
    -------
    geopandas.GeoDataFrame
        The incident schema (EPSG:4326), extra columns kept.

    Raises
    ------
    ExportError
        If the file is missing, its format is unknown, it cannot be read, or its rows
        have no ``event_type`` (they are not incidents).
    """
    source = Path(path)
    fmt = parse_formats(format)[0] if format is not None else format_for_path(source)
    if not source.is_file():
        raise ExportError(f"cannot read {str(source)!r}: no such file")
    try:
        gdf = _read(source, fmt, layer)
        if len(gdf) and "event_type" not in gdf.columns:  # the places of geoparse, say
            shown = ", ".join(map(str, list(gdf.columns)[:8]))
            raise ExportError(
                f"{str(source)!r} holds no incidents: it has no event_type column (its "
                f"columns: {shown}{', ...' if len(gdf.columns) > 8 else ''}); expected a "
                "file of `incidentmap run` or `incidentmap incidents`, or an ACLED export"
            )
        if "event_id_cnty" in gdf.columns and "id" not in gdf.columns:
            from .acled import from_acled

            gdf = from_acled(gdf)
        if "background" in gdf.columns and gdf["background"].dtype != bool:
            gdf["background"] = [_as_bool(v) for v in gdf["background"]]
        from ..frame import normalize_incidents_frame

        return normalize_incidents_frame(gdf)
    except ExportError:
        raise
    except Exception as exc:
        raise ExportError(f"cannot read {str(source)!r} as {fmt}: {exc}") from exc


def _read(source: Path, fmt: str, layer: str | None) -> Any:
    import pyogrio

    if fmt == "csv":
        return _read_csv(source)
    if fmt == "geojsonseq" and not _has_content(source):
        from ..frame import incidents_frame  # an empty sequence: GDAL cannot open it

        return incidents_frame([])
    if fmt == "parquet":
        import geopandas as gpd

        return gpd.read_parquet(source)
    if fmt == "gpkg":
        layers = [str(name) for name, _ in pyogrio.list_layers(source)]
        if layer is None:
            layer = INCIDENTS_LAYER if INCIDENTS_LAYER in layers else layers[0]
        elif layer not in layers:
            raise ExportError(
                f"{str(source)!r} has no layer {layer!r}; its layers: {', '.join(layers)}"
            )
        return pyogrio.read_dataframe(source, layer=layer)
    if fmt == "kml":
        return _read_kml(source)
    return pyogrio.read_dataframe(source)


def _read_kml(source: Path) -> Any:
    """Read every folder (one per event type) of a KML file into one frame."""
    import pandas as pd
    import pyogrio

    frames = []
    for name, _ in pyogrio.list_layers(source):
        gdf = pyogrio.read_dataframe(source, layer=str(name))
        drop = [c for c in gdf.columns if c in _KML_FIELDS or (c == "id" and KML_ID in gdf)]
        frames.append(gdf.drop(columns=drop).rename(columns={KML_ID: "id"}))
    if not frames:
        from ..frame import incidents_frame

        return incidents_frame([])
    non_empty = [f for f in frames if len(f)] or frames[:1]
    return pd.concat(non_empty, ignore_index=True) if len(non_empty) > 1 else non_empty[0]


def read_incident_records(
    path: str | os.PathLike[str], *, report: Callable[[InputError], None] | None = None
) -> geopandas.GeoDataFrame:
    r"""Read the JSON lines ``incidentmap incidents`` writes (``.jsonl``) as an incident frame.

    Parameters
    ----------
    path
        A ``.jsonl``/``.ndjson`` file, one incident object per line.
    report
        Called with an :class:`~incidentmap.errors.InputError` (its file and line) for
        each line that is not an incident, which is skipped while the other lines are
        read. Without it, the first such line raises.

    Returns
    -------
    geopandas.GeoDataFrame
        The incident schema (EPSG:4326).

    Raises
    ------
    ExportError
        If the file is missing, or (without ``report``) a line is not an incident object.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "i.jsonl"
    >>> _ = path.write_text('{"event_type": "Riots", "lat": 1, "lon": 2}\n{nope\n')
    >>> skipped = []
    >>> len(read_incident_records(path, report=skipped.append))
    1
    >>> print(skipped[0])  # doctest: +ELLIPSIS
    /.../i.jsonl:2: not a JSON line (Expecting property name enclosed in double quotes...)
    """
    import geopandas as gpd
    import pandas as pd

    from ..frame import INCIDENT_COLUMNS, normalize_incidents_frame

    source = Path(path)
    if not source.is_file():
        raise ExportError(f"cannot read {str(source)!r}: no such file")
    records = []
    with source.open(encoding="utf-8", errors="surrogateescape") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            problem = _incident_line(line)
            if isinstance(problem, dict):
                records.append(problem)
                continue
            if report is None:
                raise ExportError(f"{source}:{number}: {problem}")
            report(InputError(problem, source=str(source), line=number))
    names = dict.fromkeys([*INCIDENT_COLUMNS, *(key for r in records for key in r)])
    df = pd.DataFrame(records, columns=list(names))
    lat = pd.to_numeric(df["lat"], errors="coerce")
    lon = pd.to_numeric(df["lon"], errors="coerce")
    has_xy = (lat.notna() & lon.notna()).to_numpy()
    geometry = gpd.points_from_xy(lon.where(has_xy), lat.where(has_xy))
    geometry[~has_xy] = None
    return normalize_incidents_frame(gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326"))


def _incident_line(line: str) -> dict[str, Any] | str:
    """Return the incident object of one JSON line, or what is wrong with the line."""
    import json

    try:
        record = json.loads(line)
    except RecursionError:
        return "not read: nested too deep"
    except ValueError as exc:
        return f"not a JSON line ({exc})"
    if not isinstance(record, dict) or "event_type" not in record:
        return (
            "not an incident (expected an object with event_type, as `incidentmap incidents` "
            "writes)"
        )
    return record
