"""One writer per output format, writing a stream of frames to a (temporary) path.

Writers take the frames (an iterable of incident frames, written in turn, so a result
larger than memory can be written from a spool chunk by chunk), the path to create
and optional toponym frames, and write with GDAL (through pyogrio's Arrow stream
interface), pyarrow or the Arrow-built GeoJSON text of :mod:`.geojson`. The first
frame, which may be empty, fixes the schema; later frames must have the same
columns. They do not deal with atomicity: :func:`incidentmap.export.write_incidents`
hands them a temporary path and renames it when they return.

Field types are fixed by :func:`~incidentmap.export.table.attribute_table`; the
per-format choices are:

- GeoJSON / GeoJSONSeq: RFC 7946, Feature ``id`` = incident id, 7 decimals, lists as
  arrays, dates as ``"YYYY-MM-DD"`` strings (GDAL reads them back as Date fields);
  assembled with Arrow by :mod:`.geojson` (several times faster than GDAL's driver).
- GeoPackage: Date, nullable Integer, Real, Boolean fields; lists as JSON text; one
  layer, ``incidents`` (the toponyms, when written, are a GeoPackage of their own).
- CSV: UTF-8 with a header, ISO dates, lists as JSON text, ``lat``/``lon`` columns and a
  ``wkt`` geometry column last, the column types in a ``.csvt`` beside it; text cells
  that a spreadsheet would run as formulas prefixed with ``'`` unless
  ``escape_formulas=False``.
- GeoParquet 1.1: dates as ``timestamp[ms]`` (read back as ``datetime64[ms]``, as from
  GeoJSON and GeoPackage), nullable integers, ``list<string>`` lists, WKB points.
- KML (:mod:`.kml`): a styled folder per event type; ``name`` = event type and place,
  ``description`` = the evidence sentence and the date (escaped for HTML, which KML
  clients render), ``TimeStamp`` = the date, the other fields as typed ExtendedData,
  the incident id as ``incident_id`` (KML readers use ``id`` for the Placemark's own id).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .kml import KML_ID, stream_kml
from .sidecars import csv_sidecars, csvt_line, prj_text
from .table import (
    COORDINATE_DECIMALS,
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
    "STREAM_WRITERS",
    "TOPONYMS_LAYER",
    "WRITERS",
    "StreamWriter",
    "Writer",
    "geoparquet_metadata",
    "in_wgs84",
    "write_csv",
    "write_geojson",
    "write_geojsonseq",
    "write_gpkg",
    "write_kml",
    "write_parquet",
]

#: A format writer: ``(incidents, path, toponyms) -> None``.
Writer = Callable[["geopandas.GeoDataFrame", Path, "geopandas.GeoDataFrame | None"], None]

#: A streaming format writer: ``(incident frames, path, toponym frames) -> None``.
StreamWriter = Callable[
    [Iterable["geopandas.GeoDataFrame"], Path, "Iterable[geopandas.GeoDataFrame] | None"], None
]

#: The CRS every output is written in.
CRS = "EPSG:4326"

#: Layer names inside a GeoPackage.
INCIDENTS_LAYER = "incidents"
TOPONYMS_LAYER = "toponyms"


def _timestamp_dates(table: pyarrow.Table) -> pyarrow.Table:
    """Store date columns as ``timestamp[ms]``: pandas reads them back as ``datetime64[ms]``.

    A ``date32`` column comes back from Parquet as Python ``date`` objects, while GeoJSON
    and GeoPackage Date fields come back as ``datetime64[ms]``: one type everywhere.
    """
    import pyarrow as pa

    for i, field in enumerate(table.schema):
        if pa.types.is_date(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("ms")))
    return table


def _with_geometry(table: pyarrow.Table, gdf: geopandas.GeoDataFrame) -> pyarrow.Table:
    return table.append_column("geometry", wkb_array(gdf))


def in_wgs84(gdf: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Return ``gdf`` in EPSG:4326 (a frame without a CRS is taken to be in it)."""
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        return gdf.to_crs(CRS)
    return gdf


def _frames(frames: Iterable[geopandas.GeoDataFrame]) -> Iterator[geopandas.GeoDataFrame]:
    """Yield the frames in EPSG:4326; at least one (the first fixes the schema)."""
    seen = False
    for gdf in frames:
        seen = True
        yield in_wgs84(gdf)
    if not seen:
        raise ValueError("a writer needs at least one frame (it may be empty)")


def _first_and_rest(
    frames: Iterable[geopandas.GeoDataFrame],
) -> tuple[geopandas.GeoDataFrame, Iterator[geopandas.GeoDataFrame]]:
    stream = _frames(frames)
    return next(stream), stream


def _ogr_stream(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    driver: str,
    to_table: Callable[[geopandas.GeoDataFrame], pyarrow.Table],
    **options: Any,
) -> None:
    """Write frames through GDAL as one Arrow stream (one layer, one transaction)."""
    import pyarrow as pa
    import pyogrio

    first, rest = _first_and_rest(frames)
    first_table = to_table(first)
    schema = first_table.schema

    def batches() -> Iterator[pyarrow.RecordBatch]:
        yield from first_table.to_batches()
        for gdf in rest:
            yield from to_table(gdf).cast(schema).to_batches()

    reader = pa.RecordBatchReader.from_batches(schema, batches())
    pyogrio.write_arrow(
        reader,
        path,
        driver=driver,
        geometry_name="geometry",
        geometry_type=geometry_type(first) if len(first) else "Point",
        crs=CRS,
        **options,
    )


def stream_geojson(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    toponyms: Iterable[geopandas.GeoDataFrame] | None = None,
    *,
    collection: bool = True,
) -> None:
    """Write an RFC 7946 FeatureCollection (no ``crs`` member, lon/lat, 7 decimals)."""
    from .geojson import FeatureStream

    with path.open("wb") as out:
        stream = FeatureStream(out, collection=collection)
        for gdf in _frames(frames):
            stream.write(gdf)
        stream.close()


def stream_geojsonseq(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    toponyms: Iterable[geopandas.GeoDataFrame] | None = None,
) -> None:
    """Write one GeoJSON Feature per line."""
    stream_geojson(frames, path, collection=False)


def stream_gpkg(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    toponyms: Iterable[geopandas.GeoDataFrame] | None = None,
) -> None:
    """Write a GeoPackage with one layer, ``incidents``.

    One layer only, so that geopandas, QGIS and ``ogr2ogr`` open it without asking which
    (the toponyms go to a file of their own: :func:`stream_toponyms_gpkg`).
    """
    _gpkg(frames, path, INCIDENTS_LAYER)


def stream_toponyms_gpkg(frames: Iterable[geopandas.GeoDataFrame], path: Path) -> None:
    """Write a GeoPackage with one layer, ``toponyms`` (the resolved place mentions)."""
    _gpkg(frames, path, TOPONYMS_LAYER)


def _gpkg(frames: Iterable[geopandas.GeoDataFrame], path: Path, layer: str) -> None:
    def table(gdf: geopandas.GeoDataFrame) -> pyarrow.Table:
        return _with_geometry(attribute_table(gdf, lists="json"), gdf)

    # GeoPackage 1.3 rather than GDAL's newest default (1.4), which GDAL < 3.7 and older
    # QGIS releases only "partially support".
    options = {"VERSION": "1.3"}
    _ogr_stream(frames, path, "GPKG", table, layer=layer, dataset_options=options)


def stream_csv(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    toponyms: Iterable[geopandas.GeoDataFrame] | None = None,
    *,
    escape_formulas: bool = True,
    wkt: bool = True,
) -> None:
    """Write UTF-8 CSV with a header: attributes, then ``wkt`` (empty without a point).

    With ``escape_formulas``, text cells that a spreadsheet would run as a formula get a
    leading ``'`` (:func:`~incidentmap.export.safety.neutralise_formulas`). Without
    ``wkt`` the geometry column is left out (the ACLED schema has ``latitude`` and
    ``longitude``). The column types go to ``path`` with the suffix ``.csvt`` and the
    CRS to ``.prj`` (:mod:`~incidentmap.export.sidecars`), which GDAL and QGIS read.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import shapely

    from .safety import neutralise_formulas

    def table(gdf: geopandas.GeoDataFrame) -> pyarrow.Table:
        geoms = rounded_geometry(gdf)
        wkt = shapely.to_wkt(geoms, rounding_precision=COORDINATE_DECIMALS, trim=True)
        attributes = attribute_table(gdf, lists="json")
        if escape_formulas:
            attributes = neutralise_formulas(attributes)
        if not with_wkt:
            return attributes
        return attributes.append_column("wkt", pa.array(wkt, type=pa.string()))

    with_wkt = wkt
    first, rest = _first_and_rest(frames)
    first_table = table(first)
    types, crs = csv_sidecars(path)
    types.write_text(csvt_line(first_table.schema) + "\n", encoding="utf-8")
    crs.write_text(prj_text(), encoding="utf-8")
    options = pacsv.WriteOptions(include_header=True)
    with pacsv.CSVWriter(path, first_table.schema, write_options=options) as out:
        out.write_table(first_table)
        for gdf in rest:
            out.write_table(table(gdf).cast(first_table.schema))


class _GeoSummary:
    """Geometry types and bounding box of the frames written so far, for GeoParquet."""

    def __init__(self) -> None:
        self.kinds: set[str] = set()
        self.bounds: list[float] | None = None

    def add(self, gdf: geopandas.GeoDataFrame) -> None:
        import shapely

        geoms = rounded_geometry(gdf)
        present = geoms[~shapely.is_missing(geoms)]
        if not len(present):
            return
        self.kinds |= {str(t) for t in shapely.get_type_id(present).tolist()}
        box = [float(v) for v in shapely.total_bounds(present)]
        if self.bounds is not None:
            old = self.bounds
            box = [
                min(old[0], box[0]),
                min(old[1], box[1]),
                max(old[2], box[2]),
                max(old[3], box[3]),
            ]
        self.bounds = box

    def metadata(self) -> dict[str, object]:
        import pyproj

        from .. import __version__

        names = {"0": "Point", "1": "LineString", "3": "Polygon", "4": "MultiPoint"}
        column: dict[str, object] = {
            "encoding": "WKB",
            "geometry_types": [names.get(k, "Unknown") for k in sorted(self.kinds)],
            "crs": pyproj.CRS.from_user_input(CRS).to_json_dict(),
        }
        if self.bounds is not None:
            column["bbox"] = self.bounds
        return {
            "version": "1.1.0",
            "primary_column": "geometry",
            "columns": {"geometry": column},
            "creator": {"library": "incidentmap", "version": __version__},
        }


def geoparquet_metadata(gdf: geopandas.GeoDataFrame) -> dict[str, object]:
    """Return the GeoParquet 1.1 ``geo`` metadata for ``gdf``'s points (WKB, EPSG:4326).

    Coordinates are stored longitude first, as GeoParquet requires for geographic CRSs.
    """
    summary = _GeoSummary()
    summary.add(gdf)
    return summary.metadata()


def stream_parquet(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    toponyms: Iterable[geopandas.GeoDataFrame] | None = None,
    *,
    metadata: dict[str, str] | None = None,
) -> None:
    """Write GeoParquet 1.1 (WKB points, dates as ``timestamp[ms]``, nullable ints, string lists).

    Written with pyarrow from the typed table rather than ``GeoDataFrame.to_parquet``, so
    the file carries exact Arrow types; one row group per frame. The ``pandas`` metadata
    is that of the frame's own (NumPy-nullable) dtypes, so pandas and geopandas read
    counts back as ``Int32`` rather than floats. The ``geo`` metadata (geometry types,
    bounding box) covers every frame; it is written in the file's footer at the end,
    with ``metadata`` (more key-value pairs) if given.
    """
    import json

    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    def table(gdf: geopandas.GeoDataFrame) -> pyarrow.Table:
        return _with_geometry(_timestamp_dates(attribute_table(gdf, lists="list")), gdf)

    first, rest = _first_and_rest(frames)
    first_table = table(first)
    attributes = pd.DataFrame(first.drop(columns=first.geometry.name).head(0))
    pandas_meta = pa.Schema.from_pandas(attributes, preserve_index=False).metadata[b"pandas"]
    summary = _GeoSummary()
    # Without a stored Arrow schema, readers take the schema's metadata from the file's
    # key-value metadata, which can be completed after the last row group.
    schema = first_table.schema
    with pq.ParquetWriter(path, schema, compression="zstd", store_schema=False) as out:
        summary.add(first)
        out.write_table(first_table)
        for gdf in rest:
            summary.add(gdf)
            out.write_table(table(gdf).cast(schema))
        geo = json.dumps(summary.metadata())
        out.add_key_value_metadata({**(metadata or {}), "geo": geo, "pandas": pandas_meta.decode()})


#: Format name -> streaming writer.
STREAM_WRITERS: dict[str, StreamWriter] = {
    "geojson": stream_geojson,
    "geojsonseq": stream_geojsonseq,
    "gpkg": stream_gpkg,
    "csv": stream_csv,
    "parquet": stream_parquet,
    "kml": stream_kml,
}


def _whole(name: str, doc: str) -> Writer:
    def write(
        gdf: geopandas.GeoDataFrame, path: Path, toponyms: geopandas.GeoDataFrame | None = None
    ) -> None:
        STREAM_WRITERS[name]([gdf], path, None if toponyms is None else [toponyms])

    write.__name__ = write.__qualname__ = f"write_{name}"
    write.__doc__ = doc
    return write


write_geojson = _whole("geojson", "Write one frame as a GeoJSON FeatureCollection.")
write_geojsonseq = _whole("geojsonseq", "Write one frame as GeoJSONSeq.")
write_gpkg = _whole("gpkg", "Write one frame as a GeoPackage (layer ``incidents``).")
write_csv = _whole("csv", "Write one frame as CSV.")
write_parquet = _whole("parquet", "Write one frame as GeoParquet 1.1.")
write_kml = _whole("kml", "Write one frame as KML.")

#: Format name -> writer of one whole frame.
WRITERS: dict[str, Writer] = {
    "geojson": write_geojson,
    "geojsonseq": write_geojsonseq,
    "gpkg": write_gpkg,
    "csv": write_csv,
    "parquet": write_parquet,
    "kml": write_kml,
}
