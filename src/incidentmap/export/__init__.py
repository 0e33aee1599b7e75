"""Write incidents for GIS tools: GeoJSON, GeoJSONSeq, GeoPackage, CSV, GeoParquet, KML.

One schema (:func:`incidentmap.frame.incidents_frame`, EPSG:4326) goes to every
format with types GIS tools read as types (Date fields, nullable integers, reals,
booleans; lists as arrays or JSON text) and every write is atomic.

Modules: :mod:`.formats` (the registry, choosing by name or extension),
:mod:`.atomic` (temporary file, fsync, rename), :mod:`.table` (typed Arrow columns),
:mod:`.geojson` (RFC 7946 text built with Arrow), :mod:`.writers` (one writer per
format), :mod:`.kml` (styled, dated KML), :mod:`.sidecars` (a CSV's ``.csvt`` and
``.prj``, a GeoPackage's toponyms), :mod:`.acled` (ACLED's schema),
:mod:`.stream` (GeoJSONSeq chunk by chunk),
:mod:`.api` (:func:`write_incidents`, :func:`write_outputs`,
:func:`write_output_stream`) and :mod:`.readers`
(:func:`read_incidents`).

Examples
--------
>>> sorted(FORMATS)
['csv', 'geojson', 'geojsonseq', 'gpkg', 'kml', 'parquet']
"""

from __future__ import annotations

from .api import (
    write_incident_stream,
    write_incidents,
    write_output_stream,
    write_outputs,
    write_toponyms,
)
from .atomic import atomic_path
from .formats import FORMATS, Format, accepted_extensions, format_for_path, parse_formats
from .readers import read_incidents
from .stream import GeoJSONSeqWriter, iter_geojsonseq

__all__ = [
    "FORMATS",
    "Format",
    "GeoJSONSeqWriter",
    "accepted_extensions",
    "atomic_path",
    "format_for_path",
    "iter_geojsonseq",
    "parse_formats",
    "read_incidents",
    "write_incident_stream",
    "write_incidents",
    "write_output_stream",
    "write_outputs",
    "write_toponyms",
]
