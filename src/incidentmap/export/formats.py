"""The output formats incidentmap writes, and how a path or a name selects one.

Examples
--------
>>> format_for_path("out/incidents.geojson")
'geojson'
>>> parse_formats("geojson, GPKG,csv")
('geojson', 'gpkg', 'csv')
"""

from __future__ import annotations

import os
from typing import NamedTuple

from ..errors import ExportError

__all__ = ["FORMATS", "Format", "accepted_extensions", "format_for_path", "parse_formats"]


class Format(NamedTuple):
    """One output format: the extensions that select it and what it is.

    The first extension is the one :func:`~incidentmap.export.write_outputs` uses.
    """

    extensions: tuple[str, ...]
    description: str


#: Format name -> extensions (first one is the default) and description.
FORMATS: dict[str, Format] = {
    "geojson": Format((".geojson", ".json"), "GeoJSON (RFC 7946), one FeatureCollection"),
    "geojsonseq": Format(
        (".geojsonl", ".geojsons"), "GeoJSON text sequence, one Feature per line (streamable)"
    ),
    "gpkg": Format((".gpkg",), "GeoPackage, one layer 'incidents' (toponyms beside it)"),
    "csv": Format((".csv",), "CSV (UTF-8) with lat, lon and WKT columns"),
    "parquet": Format((".parquet", ".geoparquet"), "GeoParquet 1.1"),
    "kml": Format((".kml",), "KML for Google Earth, evidence as description"),
}


def accepted_extensions() -> tuple[str, ...]:
    """Every extension :func:`format_for_path` accepts, in registry order.

    >>> accepted_extensions()[:2]
    ('.geojson', '.json')
    """
    return tuple(ext for fmt in FORMATS.values() for ext in fmt.extensions)


def format_for_path(path: str | os.PathLike[str]) -> str:
    """Return the format name that the extension of ``path`` selects.

    Parameters
    ----------
    path
        The output file; its extension (case-insensitive) chooses the format.

    Returns
    -------
    str
        A key of :data:`FORMATS`.

    Raises
    ------
    ExportError
        If the extension is not one of :func:`accepted_extensions`.

    Examples
    --------
    >>> format_for_path("a.GeoParquet"), format_for_path("b.geojsonl")
    ('parquet', 'geojsonseq')
    >>> format_for_path("c.shp")
    Traceback (most recent call last):
    ...
    incidentmap.errors.ExportError: cannot tell the output format of 'c.shp' from its \
extension '.shp'; accepted extensions: .geojson, .json, .geojsonl, .geojsons, .gpkg, .csv, \
.parquet, .geoparquet, .kml
    """
    name = os.fspath(path)
    ext = os.path.splitext(name)[1].lower()
    for fmt_name, fmt in FORMATS.items():
        if ext in fmt.extensions:
            return fmt_name
    shown = f"its extension {ext!r}" if ext else "its name, which has no extension"
    raise ExportError(
        f"cannot tell the output format of {name!r} from {shown}; "
        f"accepted extensions: {', '.join(accepted_extensions())}"
    )


def parse_formats(spec: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Validate a comma-separated list of format names (as given to ``--format``).

    Names are case-insensitive, blanks and repeats are dropped, order is kept.
    A known extension (``.gpkg``) or the alias ``geoparquet`` is accepted for its format.

    Parameters
    ----------
    spec
        ``"geojson,gpkg"`` or a sequence of such strings.

    Returns
    -------
    tuple of str
        Format names, keys of :data:`FORMATS`.

    Raises
    ------
    ExportError
        If a name is unknown or none is given; the message lists the accepted names.

    Examples
    --------
    >>> parse_formats(["geojson", "parquet,kml", "geojson"])
    ('geojson', 'parquet', 'kml')
    >>> parse_formats("shapefile")
    Traceback (most recent call last):
    ...
    incidentmap.errors.ExportError: unknown output format 'shapefile'; accepted formats: \
geojson, geojsonseq, gpkg, csv, parquet, kml
    """
    parts = [spec] if isinstance(spec, str) else list(spec)
    names: list[str] = []
    for part in parts:
        for raw in part.split(","):
            name = raw.strip().lower()
            if not name:
                continue
            name = _ALIASES.get(name, name)
            if name not in FORMATS:
                raise ExportError(
                    f"unknown output format {raw.strip()!r}; accepted formats: {', '.join(FORMATS)}"
                )
            if name not in names:
                names.append(name)
    if not names:
        raise ExportError(f"no output format given; accepted formats: {', '.join(FORMATS)}")
    return tuple(names)


_ALIASES: dict[str, str] = {
    "geoparquet": "parquet",
    "geopackage": "gpkg",
    "geojsonl": "geojsonseq",
    **{ext.lstrip("."): name for name, fmt in FORMATS.items() for ext in fmt.extensions},
}
