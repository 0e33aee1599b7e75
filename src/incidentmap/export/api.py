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
from .acled import AcledConverter, acled_frames, parse_schema
from .atomic import _fsync_file, atomic_path
from .formats import FORMATS, format_for_path, parse_formats
from .sidecars import csv_sidecars, toponyms_path

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
    "write_toponyms",
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
    schema: str = "incidentmap",
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
        A :func:`incidentmap.frame.toponyms_frame`; with a GeoPackage, written as the
        GeoPackage ``<stem>-toponyms.gpkg`` beside it (layer ``toponyms``), ignored by
        the other formats.
    escape_formulas
        In CSV, prefix text cells that start with ``=``, ``+``, ``-``, ``@``, a tab or a
        carriage return with ``'`` so spreadsheets do not run them as formulas (OWASP);
        ``False`` for machine consumers that want the text as it is.
    schema
        ``"incidentmap"`` (the :func:`~incidentmap.frame.incidents_frame` columns) or
        ``"acled"``: ACLED's column names and meanings (:mod:`.acled`).

    Returns
    -------
    pathlib.Path
        ``path``. A CSV gets its column types in ``<stem>.csvt`` and its CRS in
        ``<stem>.prj`` beside it (:mod:`.sidecars`).

    Raises
    ------
    ExportError
        For an unknown format or extension, a path that cannot be written, or a
        failing writer (raised from the original error).
    """
    from .writers import WRITERS

    target = Path(path)
    fmt = parse_formats(format)[0] if format is not None else format_for_path(target)
    schema = parse_schema(schema)
    gdf = _in_wgs84(gdf)
    prepare_directory(target)
    converter = AcledConverter() if schema == "acled" else None
    if converter is not None:
        gdf = converter(gdf)
    with atomic_path(target) as tmp:
        if fmt == "csv" and (not escape_formulas or schema == "acled"):
            _writer(fmt, escape_formulas=escape_formulas, schema=schema)([gdf], tmp, None)
        else:
            WRITERS[fmt](gdf, tmp, None)
    _finish(target, fmt, tmp, converter)
    if toponyms is not None and fmt == "gpkg":
        _write_toponyms(lambda: [_in_wgs84(toponyms)], target)
    return target


def _finish(target: Path, fmt: str, tmp: Path, converter: AcledConverter | None) -> None:
    """Move the ``.csvt``/``.prj`` the CSV writer left beside ``tmp`` into place."""
    if fmt == "csv":
        for written, final in zip(csv_sidecars(tmp), csv_sidecars(target), strict=True):
            if not written.exists():  # a writer of its own (a test's) wrote none
                continue
            try:
                _fsync_file(written)
                os.replace(written, final)
            except OSError as exc:
                written.unlink(missing_ok=True)
                raise ExportError(f"could not write {str(final)!r}: {exc}") from exc
    if converter is not None:
        converter.report(str(target))


def _write_toponyms(frames: FrameSource, target: Path) -> Path:
    return write_toponyms(frames, toponyms_path(target))


def write_toponyms(
    frames: FrameSource, path: str | os.PathLike[str], *, format: str | None = None
) -> Path:
    """Write resolved place mentions (:func:`incidentmap.frame.toponyms_frame`), atomically.

    A GeoPackage gets one layer, ``toponyms``; the other formats are written as for
    incidents (a CSV with its ``.csvt`` and ``.prj``).

    Parameters
    ----------
    frames
        Returns the toponym frames (at least one, which may be empty).
    path
        The file to write; its extension chooses the format unless ``format`` is given.
    format
        A key of :data:`FORMATS`.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ExportError
        For an unknown format or a file that cannot be written.
    """
    from .writers import stream_toponyms_gpkg

    target = Path(path)
    name = parse_formats(format)[0] if format is not None else format_for_path(target)
    if name != "gpkg":
        return write_incident_stream(frames, target, format=name)
    prepare_directory(target)
    with atomic_path(target) as tmp:
        stream_toponyms_gpkg(frames(), tmp)
    return target


def _writer(name: str, *, escape_formulas: bool, schema: str = "incidentmap") -> StreamWriter:
    from .writers import STREAM_WRITERS, stream_csv

    if name == "csv" and (not escape_formulas or schema == "acled"):
        return functools.partial(stream_csv, escape_formulas=escape_formulas, wkt=schema != "acled")
    return STREAM_WRITERS[name]


def write_outputs(
    gdf: geopandas.GeoDataFrame,
    out_dir: str | os.PathLike[str],
    *,
    formats: Sequence[str] | str = ("geojson",),
    toponyms: geopandas.GeoDataFrame | None = None,
    basename: str = "incidents",
    escape_formulas: bool = True,
    schema: str = "incidentmap",
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
        Resolved place mentions, written beside a GeoPackage (:func:`write_incidents`).
    basename
        File name without extension.
    escape_formulas, schema
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
        write_incidents(
            gdf,
            path,
            format=name,
            toponyms=toponyms,
            escape_formulas=escape_formulas,
            schema=schema,
        )
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
    schema: str = "incidentmap",
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
    out_dir, formats, basename, escape_formulas, schema
        As for :func:`write_outputs`.
    toponyms
        Returns toponym frames, written beside a GeoPackage (:func:`write_incidents`).

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
            frames,
            path,
            format=name,
            toponyms=toponyms,
            escape_formulas=escape_formulas,
            schema=schema,
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
    schema: str = "incidentmap",
) -> Path:
    """Write the frames of a :data:`FrameSource` to one file, atomically.

    See :func:`write_output_stream`; ``path``, ``format``, ``escape_formulas`` and
    ``schema`` are as for :func:`write_incidents`.
    """
    target = Path(path)
    name = parse_formats(format)[0] if format is not None else format_for_path(target)
    schema = parse_schema(schema)
    prepare_directory(target)
    converter = AcledConverter() if schema == "acled" else None
    source = frames if converter is None else acled_frames(frames, converter)
    with atomic_path(target) as tmp:
        _writer(name, escape_formulas=escape_formulas, schema=schema)(source(), tmp, None)
    _finish(target, name, tmp, converter)
    if toponyms is not None and name == "gpkg":
        _write_toponyms(toponyms, target)
    return target
