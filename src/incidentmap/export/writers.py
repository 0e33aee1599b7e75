"""One writer per output format, each writing a whole frame to a (temporary) path.

Writers take the frame, the path to create and an optional toponyms frame, and
write with GDAL (through pyogrio's Arrow interface), pyarrow or geopandas. They
do not deal with atomicity: :func:`incidentmap.export.write_incidents` hands them
a temporary path and renames it when they return.

Field types are fixed by :func:`~incidentmap.export.table.attribute_table`; the
per-format choices are:

- GeoJSON / GeoJSONSeq: RFC 7946, Feature ``id`` = incident id, 7 decimals, lists as
  arrays, dates as ``"YYYY-MM-DD"`` strings (GDAL reads them back as Date fields);
  assembled with Arrow by :mod:`.geojson` (several times faster than GDAL's driver).
- GeoPackage: Date, nullable Integer, Real, Boolean fields; lists as JSON text;
  layers ``incidents`` and ``toponyms``.
- CSV: UTF-8 with a header, ISO dates, lists as JSON text, ``lat``/``lon`` columns and a
  ``wkt`` geometry column last.
- GeoParquet 1.1: ``date32`` dates, nullable integers, ``list<string>`` lists, WKB points.
- KML: ``name`` = event type and place, ``description`` = the evidence sentence and the
  date, the other fields as ExtendedData, the incident id as ``incident_id`` (KML readers
  use ``id`` for the Placemark's own id).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .table import (
    COORDINATE_DECIMALS,
    DATE_COLUMNS,
    attribute_table,
    geometry_type,
    rounded_geometry,
    wkb_array,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pyarrow

__all__ = [
    "CRS",
    "INCIDENTS_LAYER",
    "KML_ID",
    "TOPONYMS_LAYER",
    "WRITERS",
    "Writer",
    "geoparquet_metadata",
    "write_csv",
    "write_geojson",
    "write_geojsonseq",
    "write_gpkg",
    "write_kml",
    "write_parquet",
]

#: A format writer: ``(incidents, path, toponyms) -> None``.
Writer = Callable[["geopandas.GeoDataFrame", Path, "geopandas.GeoDataFrame | None"], None]

#: The CRS every output is written in.
CRS = "EPSG:4326"

#: Name of the incident id field in KML.
KML_ID = "incident_id"

#: Layer names inside a GeoPackage.
INCIDENTS_LAYER = "incidents"
TOPONYMS_LAYER = "toponyms"


def _iso_dates(table: pyarrow.Table) -> pyarrow.Table:
    """Replace date columns with ``YYYY-MM-DD`` text (GDAL would write ``YYYY/MM/DD``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for i, field in enumerate(table.schema):
        if pa.types.is_date(field.type):
            text = pc.strftime(table.column(i).cast(pa.timestamp("s")), format="%Y-%m-%d")
            table = table.set_column(i, pa.field(field.name, pa.string()), text)
    return table


def _with_geometry(table: pyarrow.Table, gdf: geopandas.GeoDataFrame) -> pyarrow.Table:
    return table.append_column("geometry", wkb_array(gdf))


def _write_ogr(table: pyarrow.Table, path: Path, driver: str, kind: str, **options: object) -> None:
    import pyogrio

    pyogrio.write_arrow(
        table,
        path,
        driver=driver,
        geometry_name="geometry",
        geometry_type=kind,
        crs=CRS,
        **options,
    )


def write_geojson(
    gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
) -> None:
    """Write an RFC 7946 FeatureCollection (no ``crs`` member, lon/lat, 7 decimals)."""
    from .geojson import write_features

    with path.open("wb") as out:
        write_features(gdf, out, collection=True)


def write_geojsonseq(
    gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
) -> None:
    """Write one GeoJSON Feature per line (see :class:`GeoJSONSeqWriter` to stream)."""
    from .geojson import write_features

    with path.open("wb") as out:
        write_features(gdf, out, collection=False)


def write_gpkg(
    gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
) -> None:
    """Write layer ``incidents`` and, when given, layer ``toponyms`` into one GeoPackage."""
    # GeoPackage 1.3 rather than GDAL's newest default (1.4), which GDAL < 3.7 and older
    # QGIS releases only "partially support".
    dataset_options = {"VERSION": "1.3"}
    table = _with_geometry(attribute_table(gdf, lists="json"), gdf)
    kind = geometry_type(gdf)
    _write_ogr(table, path, "GPKG", kind, layer=INCIDENTS_LAYER, dataset_options=dataset_options)
    if toponyms is not None:
        topo = _with_geometry(attribute_table(toponyms, lists="json"), toponyms)
        _write_ogr(topo, path, "GPKG", geometry_type(toponyms), layer=TOPONYMS_LAYER)


def write_csv(
    gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
) -> None:
    """Write UTF-8 CSV with a header: attributes, then ``wkt`` (empty without a point)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import shapely

    table = attribute_table(gdf, lists="json")
    geoms = rounded_geometry(gdf)
    wkt = shapely.to_wkt(geoms, rounding_precision=COORDINATE_DECIMALS, trim=True)
    table = table.append_column("wkt", pa.array(wkt, type=pa.string()))
    pacsv.write_csv(table, path, write_options=pacsv.WriteOptions(include_header=True))


def geoparquet_metadata(gdf: geopandas.GeoDataFrame) -> dict[str, object]:
    """Return the GeoParquet 1.1 ``geo`` metadata for ``gdf``'s points (WKB, EPSG:4326).

    Coordinates are stored longitude first, as GeoParquet requires for geographic CRSs.
    """
    import pyproj
    import shapely

    from .. import __version__

    geoms = rounded_geometry(gdf)
    present = geoms[~shapely.is_missing(geoms)]
    kinds = sorted({str(t) for t in shapely.get_type_id(present).tolist()})
    names = {"0": "Point", "1": "LineString", "3": "Polygon", "4": "MultiPoint"}
    column: dict[str, object] = {
        "encoding": "WKB",
        "geometry_types": [names.get(k, "Unknown") for k in kinds],
        "crs": pyproj.CRS.from_user_input(CRS).to_json_dict(),
    }
    if len(present):
        column["bbox"] = [float(v) for v in shapely.total_bounds(present)]
    return {
        "version": "1.1.0",
        "primary_column": "geometry",
        "columns": {"geometry": column},
        "creator": {"library": "incidentmap", "version": __version__},
    }


def write_parquet(
    gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
) -> None:
    """Write GeoParquet 1.1 (WKB points, ``date32`` dates, nullable ints, string lists).

    Written with pyarrow from the typed table rather than ``GeoDataFrame.to_parquet``, so
    the file carries exact Arrow types. The ``pandas`` metadata is that of the frame's
    own (NumPy-nullable) dtypes, so pandas and geopandas read counts back as ``Int32``
    rather than floats.
    """
    import json

    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = _with_geometry(attribute_table(gdf, lists="list"), gdf)
    attributes = pd.DataFrame(gdf.drop(columns=gdf.geometry.name).head(0))
    pandas_meta = pa.Schema.from_pandas(attributes, preserve_index=False).metadata[b"pandas"]
    geo = json.dumps(geoparquet_metadata(gdf)).encode()
    table = table.replace_schema_metadata({b"geo": geo, b"pandas": pandas_meta})
    pq.write_table(table, path, compression="zstd")


def _kml_table(gdf: geopandas.GeoDataFrame) -> pyarrow.Table:
    import pyarrow as pa
    import pyarrow.compute as pc

    table = attribute_table(gdf, lists="json")
    if "id" in table.column_names:  # readers (LIBKML, QGIS) take "id" for the Placemark id
        table = table.rename_columns([KML_ID if c == "id" else c for c in table.column_names])
    for i, field in enumerate(table.schema):  # KML knows int but not int64
        if pa.types.is_int64(field.type):
            table = table.set_column(i, field.name, pc.cast(table.column(i), pa.int32()))
    names = set(table.column_names)
    event = table.column("event_type") if "event_type" in names else pa.nulls(len(table))
    place = table.column("location") if "location" in names else pa.nulls(len(table))
    name = pc.if_else(
        pc.is_null(place),
        pc.cast(event, pa.string()),
        pc.binary_join_element_wise(event, place, " in "),
    )
    date_col = next((c for c in table.column_names if c in DATE_COLUMNS), None)
    table = _iso_dates(table)
    description = table.column("evidence") if "evidence" in names else pa.nulls(len(table))
    description = pc.fill_null(pc.cast(description, pa.string()), "")
    if date_col is not None:
        date_line = pc.binary_join_element_wise("\n\nDate: ", table.column(date_col), "")
        description = pc.binary_join_element_wise(description, pc.fill_null(date_line, ""), "")
    table = table.add_column(0, "name", name).add_column(1, "description", description)
    return _with_geometry(table, gdf)


def write_kml(
    gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
) -> None:
    """Write KML placemarks: event type and place as name, evidence and date as description.

    GDAL's KML driver streams placemarks to the file (LIBKML builds the whole document in
    memory: about 17 GB for a million incidents), escapes text as XML, and keeps the other
    fields as typed ``ExtendedData``.
    """
    options = {"NameField": "name", "DescriptionField": "description"}
    table = _kml_table(gdf)
    _write_ogr(table, path, "KML", geometry_type(gdf), layer="incidents", dataset_options=options)


#: Format name -> writer.
WRITERS: dict[str, Writer] = {
    "geojson": write_geojson,
    "geojsonseq": write_geojsonseq,
    "gpkg": write_gpkg,
    "csv": write_csv,
    "parquet": write_parquet,
    "kml": write_kml,
}
