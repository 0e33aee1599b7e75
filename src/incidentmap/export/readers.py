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
import re
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


#: pandas' words for a row with more fields than the header (``on_bad_lines="warn"``).
_SKIPPED_LINE = re.compile(r"Skipping line (\d+): (.+)")


def _read_csv(path: Path, report: Callable[[InputError], None] | None = None) -> Any:
    """Read an incident CSV; each bad row is reported (its line) and the others are read.

    A row with more fields than the header is left out; a ``lat``/``lon`` that is no
    number, or a ``wkt`` that is no geometry, leaves its row without a point (which a
    map cannot place). Without ``report`` the first such row raises.
    """
    import warnings

    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    from ..frame import INCIDENT_COLUMNS

    problems: list[InputError] = []
    text_columns = {n: "string" for n, t in INCIDENT_COLUMNS.items() if t in ("string", "object")}
    text_columns["wkt"] = "string"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", pd.errors.ParserWarning)
        df = pd.read_csv(
            path, dtype=text_columns, keep_default_na=False, na_values=[""], on_bad_lines="warn"
        )
    for warning in caught:
        for number, why in _SKIPPED_LINE.findall(str(warning.message)):
            problems.append(
                InputError(f"the row is left out: {why.strip().rstrip('.')}", line=int(number))
            )
    from .safety import restore_formulas

    for name in text_columns:  # the quote that kept a spreadsheet from running a formula
        if name in df and name != "wkt":
            df[name] = df[name].map(restore_formulas, na_action="ignore")
    # A spreadsheet edits lat/lon; a GIS would not edit a CSV. So lat/lon win, and
    # the wkt column only places rows without them.
    y, x = ("lat", "lon") if "lat" in df else ("latitude", "longitude")  # ACLED's names
    lat = _numbers(df, y, problems)
    lon = _numbers(df, x, problems)
    geometry = None
    if "wkt" in df:
        wkt = df["wkt"].astype(object).where(df["wkt"].notna(), None).to_numpy()
        geometry = shapely.from_wkt(wkt, on_invalid="ignore")
        for row in np.flatnonzero(pd.isna(geometry) & pd.notna(wkt)):
            why = f"wkt {str(wkt[row])[:40]!r} is no geometry; the row is kept without a point"
            problems.append(InputError(why, line=int(row) + 2, kept=True))
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
    if problems:
        _report_rows(path, problems, report)
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def _numbers(df: Any, column: str, problems: list[InputError]) -> Any:
    """Return ``column`` as numbers (``None`` if absent); a cell that is none is reported.

    The column is replaced by the numbers, so that a point's coordinates can be written
    back into it.
    """
    import pandas as pd

    if column not in df:
        return None
    values = pd.to_numeric(df[column], errors="coerce")
    for row in (values.isna() & df[column].notna()).to_numpy().nonzero()[0]:
        shown = str(df[column].iloc[row])[:40]
        why = f"{column} {shown!r} is not a number; the row is kept without it"
        problems.append(InputError(why, line=int(row) + 2, kept=True))
    df[column] = values
    return values


def _report_rows(
    path: Path, problems: list[InputError], report: Callable[[InputError], None] | None
) -> None:
    """Give each problem its file and line, in file order; raise the first without ``report``.

    pandas names a left-out row by its number among the file's rows (the header is 1), a
    kept one by its place among the rows it kept. A quoted field may hold line breaks, so
    the file is read once more to find the line each row starts on.
    """
    import csv

    starts = []  # the first line of each row, the header's first
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        reader = csv.reader(handle)
        first = 1
        for _ in reader:
            starts.append(first)
            first = reader.line_num + 1
    left_out = {p.line for p in problems if not p.kept}
    kept = [row for row in range(2, len(starts) + 1) if row not in left_out]
    errors = []
    for problem in problems:
        row = problem.line or 0
        if problem.kept and 2 <= row < len(kept) + 2:
            row = kept[row - 2]  # header 1, first kept row 2
        line = starts[row - 1] if 0 < row <= len(starts) else row
        errors.append(InputError(problem.reason, source=str(path), line=line, kept=problem.kept))
    errors.sort(key=lambda e: e.line or 0)
    if report is None:
        raise errors[0]
    for error in errors:
        report(error)


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
    report: Callable[[InputError], None] | None = None,
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
    report
        Called with an :class:`~incidentmap.errors.InputError` (file and line) for each
        bad row of a CSV file: a row with more fields than the header is left out, and
        one whose ``lat``/``lon`` is no number or whose ``wkt`` is no geometry is kept
        without a point. Without it, the first such row raises.

    Returns
    -------
    geopandas.GeoDataFrame
        The incident schema (EPSG:4326), extra columns kept.

    Raises
    ------
    ExportError
        If the file is missing, its format is unknown, it cannot be read, or its rows
        have no ``event_type`` (they are not incidents).
    InputError
        Without ``report``, for the first bad row of a CSV file (its file and line).
    """
    source = Path(path)
    fmt = parse_formats(format)[0] if format is not None else format_for_path(source)
    if not source.is_file():
        raise ExportError(f"cannot read {str(source)!r}: no such file")
    try:
        gdf = _read(source, fmt, layer, report)
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
    except (ExportError, InputError):
        raise
    except Exception as exc:
        raise ExportError(f"cannot read {str(source)!r} as {fmt}: {exc}") from exc


def _read(
    source: Path, fmt: str, layer: str | None, report: Callable[[InputError], None] | None
) -> Any:
    import pyogrio

    if fmt == "csv":
        return _read_csv(source, report)
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
