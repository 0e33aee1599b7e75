"""Files written next to an export: a CSV's ``.csvt`` and a GeoPackage's toponyms.

* ``incidents.csvt`` gives the type of each CSV column in GDAL's CSV-types format
  (one line: ``"String","Date","Integer",...,"WKT"``). GDAL, and so QGIS when it
  opens the CSV as an OGR layer, reads it: dates are Date fields, counts Integer,
  ``admin1`` "07" stays text, and the ``wkt`` column is the geometry.
* ``incidents.prj`` says the coordinates are WGS 84 (EPSG:4326); GDAL reads it as the
  CSV layer's CRS.
* ``incidents-toponyms.gpkg`` holds the resolved place mentions (layer ``toponyms``).
  They are a file of their own so that ``incidents.gpkg`` has exactly one layer, which
  geopandas, QGIS and ``ogr2ogr`` open without asking (or warning) which one.

Examples
--------
>>> import pyarrow as pa
>>> csvt_line(pa.schema([("id", pa.string()), ("event_date", pa.date32()),
...                      ("fatalities", pa.int32()), ("wkt", pa.string())]))
'"String","Date","Integer","WKT"'
>>> toponyms_path(Path("out/incidents.gpkg")).name
'incidents-toponyms.gpkg'
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__all__ = ["csv_sidecars", "csvt_line", "csvt_path", "prj_text", "sidecar_paths", "toponyms_path"]


def _csv_type(field: pyarrow.Field) -> str:
    import pyarrow as pa

    kind = field.type
    if field.name == "wkt":
        return "WKT"
    if pa.types.is_boolean(kind):
        return "Integer(Boolean)"
    if pa.types.is_int64(kind) or pa.types.is_uint32(kind) or pa.types.is_uint64(kind):
        return "Integer64"
    if pa.types.is_integer(kind):
        return "Integer"
    if pa.types.is_floating(kind):
        return "Real"
    if pa.types.is_date(kind):
        return "Date"
    if pa.types.is_timestamp(kind):
        return "DateTime"
    return "String"


def csvt_line(schema: pyarrow.Schema) -> str:
    """Return the ``.csvt`` line (GDAL CSV driver) for a CSV written from ``schema``."""
    return ",".join(f'"{_csv_type(field)}"' for field in schema)


def csvt_path(csv: Path) -> Path:
    """Return the ``.csvt`` file that goes with ``csv``."""
    return csv.with_suffix(".csvt")


def csv_sidecars(csv: Path) -> list[Path]:
    """Return the files that go with ``csv``: its ``.csvt`` and its ``.prj``."""
    return [csv.with_suffix(".csvt"), csv.with_suffix(".prj")]


def prj_text() -> str:
    """Return the ``.prj`` text of WGS 84 (WKT 1 with its EPSG code, as GDAL reads it)."""
    import pyproj

    return pyproj.CRS.from_epsg(4326).to_wkt("WKT1_GDAL")


def toponyms_path(gpkg: Path) -> Path:
    """Return the GeoPackage of toponyms that goes with the incident GeoPackage ``gpkg``."""
    return gpkg.with_name(f"{gpkg.stem}-toponyms.gpkg")


def sidecar_paths(path: Path) -> list[Path]:
    """Return the sidecar files of the export ``path`` that exist."""
    suffix = path.suffix.lower()
    candidates = (
        csv_sidecars(path)
        if suffix == ".csv"
        else [toponyms_path(path)]
        if suffix == ".gpkg"
        else []
    )
    return [p for p in candidates if p.is_file()]
