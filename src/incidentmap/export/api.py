"""Write incident frames to files: choose the writer, prepare the place, write atomically.

Examples
--------
>>> import tempfile, pathlib
>>> from incidentmap.frame import incidents_frame
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in write_outputs(incidents_frame([]), out, formats=("geojson", "csv"))]
['incidents.geojson', 'incidents.csv']
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ExportError
from .atomic import atomic_path
from .formats import FORMATS, format_for_path, parse_formats

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

    from .writers import StreamWriter

__all__ = [
    "FrameSource",
    "prepare_directory",
    "write_incident_stream",
    "write_incidents",
    "write_output_stream",
    "write_outputs",
]

#: Something that can be read more than once: each call returns the frames anew.
FrameSource = Callable[[], "Iterable[geopandas.GeoDataFrame]"]


def prepare_directory(path: Path) -> None:
    """Make sure ``path`` can be created: its directory exists and it is not a directory.

    Raises
    ------
    ExportError
        If ``path`` is a directory or its directory cannot be created (for instance
        because a parent is a regular file or is read-only).
    """
    if path.is_dir():
        raise ExportError(f"cannot write {str(path)!r}: it is a directory, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"cannot write {str(path)!r}: cannot create its directory ({exc.strerror or exc})"
        ) from exc
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {str(path)!r}: directory is not writable")


def _in_wgs84(gdf: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    if not hasattr(gdf, "geometry") or not hasattr(gdf, "crs"):
        raise ExportError(
            f"expected a GeoDataFrame (incidentmap.frame.incidents_frame), got {type(gdf).__name__}"
        )
    if gdf.crs is None:
        return gdf.set_crs("EPSG:4326")
    if gdf.crs.to_epsg() != 4326:
        return gdf.to_crs("EPSG:4326")
    return gdf


def write_incidents(
    gdf: geopandas.GeoDataFrame,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    toponyms: geopandas.GeoDataFrame | None = None,
    escape_formulas: bool = True,
) -> Path:
    """Write an incident frame to one file, atomically.

    The file is written under a temporary name in the same directory, flushed to disk
    and renamed over ``path``; on any error the temporary file is removed and an existing
    file at ``path`` is left as it was.

    Parameters
    ----------
    gdf
        A frame of the :func:`incidentmap.frame.incidents_frame` schema (extra columns are
        written too). Reprojected to EPSG:4326 if needed.
    path
        The file to write; its directory is created if missing.
    format
        A key of :data:`FORMATS`; by default chosen from the extension of ``path``.
    toponyms
        A :func:`incidentmap.frame.toponyms_frame`; written as layer ``toponyms`` of a
        GeoPackage, ignored by the other formats.
    escape_formulas
        In CSV, prefix text cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a
        carriage return with ``'`` so spreadsheets do not run them as formulas (OWASP);
        ``False`` for machine consumers that want the text as it is.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ExportError
        For an unknown format or extension, a path that cannot be written, or a
        failing writer (raised from the original error).
    """
    from .writers import WRITERS

    target = Path(path)
    fmt = parse_formats(format)[0] if format is not None else format_for_path(target)
    gdf = _in_wgs84(gdf)
    prepare_directory(target)
    if toponyms is not None:
        toponyms = _in_wgs84(toponyms)
    with atomic_path(target) as tmp:
        if fmt == "csv" and not escape_formulas:
            _writer(fmt, escape_formulas=False)([gdf], tmp, None)
        else:
            WRITERS[fmt](gdf, tmp, toponyms)
    return target


def _writer(name: str, *, escape_formulas: bool) -> StreamWriter:
    from .writers import STREAM_WRITERS, stream_csv

    if name == "csv" and not escape_formulas:
        return functools.partial(stream_csv, escape_formulas=False)
    return STREAM_WRITERS[name]


def write_outputs(
    gdf: geopandas.GeoDataFrame,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] | str = ("geojson",),
    toponyms: geopandas.GeoDataFrame | None = None,
    basename: str = "incidents",
    escape_formulas: bool = True,
) -> list[Path]:
    """Write the frame once per format as ``out_dir/basename.<ext>``.

    Parameters
    ----------
    gdf
        The incident frame.
    out_dir
        Output directory, created if missing.
    formats
        Format names (or a comma-separated string of them), validated before anything
        is written.
    toponyms
        Resolved place mentions, for the GeoPackage's ``toponyms`` layer.
    basename
        File name without extension.
    escape_formulas
        As for :func:`write_incidents`.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    ExportError
        For an unknown format or a file that cannot be written.
    """
    return [
        write_incidents(gdf, path, format=name, toponyms=toponyms, escape_formulas=escape_formulas)
        for name, path in _output_paths(out_dir, formats, basename)
    ]


def _output_paths(
    out_dir: str | os.PathLike[str], formats: Sequence[str] | str, basename: str
) -> list[tuple[str, Path]]:
    """Validate the formats; return each with its file ``out_dir/basename.<ext>``."""
    names = parse_formats(formats if isinstance(formats, str) else tuple(formats))
    return [(n, Path(out_dir) / f"{basename}{FORMATS[n].extensions[0]}") for n in names]


def write_output_stream(
    frames: FrameSource,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] | str = ("geojson",),
    toponyms: FrameSource | None = None,
    basename: str = "incidents",
    escape_formulas: bool = True,
) -> list[Path]:
    """Write a result that need not fit in memory, once per format, chunk by chunk.

    Like :func:`write_outputs`, but the incidents come as a :data:`FrameSource`: a
    function returning the incident frames in order (at least one, which may be
    empty), called once per format. Each file is written atomically.

    Parameters
    ----------
    frames
        Returns the incident frames, e.g. read back from an
        :class:`incidentmap.spool.IncidentSpool`.
    out_dir, formats, basename, escape_formulas
        As for :func:`write_outputs`.
    toponyms
        Returns toponym frames, for the GeoPackage's ``toponyms`` layer.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``.

    Raises
    ------
    ExportError
        For an unknown format or a file that cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from incidentmap.frame import incidents_frame
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> paths = write_output_stream(lambda: [incidents_frame([])] * 3, out, formats="csv")
    >>> [p.name for p in paths], len(paths[0].read_text().splitlines())
    (['incidents.csv'], 1)
    """
    return [
        write_incident_stream(
            frames, path, format=name, toponyms=toponyms, escape_formulas=escape_formulas
        )
        for name, path in _output_paths(out_dir, formats, basename)
    ]


def write_incident_stream(
    frames: FrameSource,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,
    toponyms: FrameSource | None = None,
    escape_formulas: bool = True,
) -> Path:
    """Write the frames of a :data:`FrameSource` to one file, atomically.

    See :func:`write_output_stream`; ``path``, ``format`` and ``escape_formulas`` are as
    for :func:`write_incidents`.
    """
    target = Path(path)
    name = parse_formats(format)[0] if format is not None else format_for_path(target)
    prepare_directory(target)
    layers = toponyms() if toponyms is not None and name == "gpkg" else None
    with atomic_path(target) as tmp:
        _writer(name, escape_formulas=escape_formulas)(frames(), tmp, layers)
    return target
