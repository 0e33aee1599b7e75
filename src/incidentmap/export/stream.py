"""Streaming GeoJSONSeq: append features chunk by chunk, atomically on close.

A pipeline that extracts incidents article by article writes them as it goes,
so memory stays flat however large the corpus; the file appears at its path only
when the writer closes without error.

Examples
--------
>>> import tempfile, pathlib
>>> from incidentmap.frame import incidents_frame
>>> path = pathlib.Path(tempfile.mkdtemp()) / "incidents.geojsonl"
>>> with GeoJSONSeqWriter(path) as out:
...     out.write(incidents_frame([]))
0
>>> path.read_text(), out.count
('', 0)
"""

from __future__ import annotations

import io
import os
import warnings
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from ..errors import ExportError
from .atomic import atomic_path

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["DEFAULT_CHUNK_SIZE", "GeoJSONSeqWriter", "iter_geojsonseq", "write_geojsonseq_chunks"]

#: Rows turned into GeoJSON at a time; bounds the memory a large frame needs.
DEFAULT_CHUNK_SIZE = 20_000


def iter_geojsonseq(
    gdf: geopandas.GeoDataFrame, *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> Iterator[bytes]:
    r"""Yield the frame as GeoJSONSeq text (UTF-8, one Feature per line), chunk by chunk.

    Each Feature follows RFC 7946 (lon/lat, 7 decimals) and carries the incident id
    as its ``id``.

    Parameters
    ----------
    gdf
        An incident frame (any CRS; written in EPSG:4326).
    chunk_size
        Rows encoded at a time.

    Yields
    ------
    bytes
        Complete lines, each ending with ``\n``.
    """
    import pyogrio

    from .table import geometry_type
    from .writers import CRS, geojson_table, geojsonseq_options

    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(CRS)
    for start in range(0, len(gdf), chunk_size):
        chunk = gdf.iloc[start : start + chunk_size]
        buffer = io.BytesIO()
        with warnings.catch_warnings():
            # The GeoJSONSeq driver honours AUTODETECT_JSON_STRINGS (shared with the GeoJSON
            # writer) but does not list it among its options, so GDAL warns about it.
            warnings.filterwarnings(
                "ignore", message=".*does not support layer creation option AUTODETECT_JSON"
            )
            pyogrio.write_arrow(
                geojson_table(chunk),
                buffer,
                driver="GeoJSONSeq",
                layer="incidents",
                geometry_name="geometry",
                geometry_type=geometry_type(chunk),
                crs=CRS,
                layer_options=geojsonseq_options(),
            )
        data = buffer.getvalue()
        yield data if not data or data.endswith(b"\n") else data + b"\n"


def write_geojsonseq_chunks(
    gdf: geopandas.GeoDataFrame, out: IO[bytes], *, chunk_size: int = DEFAULT_CHUNK_SIZE
) -> int:
    """Write ``gdf`` as GeoJSONSeq to an open binary file; return the number of features."""
    for data in iter_geojsonseq(gdf, chunk_size=chunk_size):
        out.write(data)
    return len(gdf)


class GeoJSONSeqWriter:
    """Write GeoJSONSeq incrementally; the file appears at ``path`` only on a clean close.

    Use it as a context manager and call :meth:`write` with each frame of incidents.
    If the block raises, the temporary file is removed and any earlier file at
    ``path`` is left as it was.

    Parameters
    ----------
    path
        The ``.geojsonl``/``.geojsons`` file to create or replace; its directory is created.
    chunk_size
        Rows encoded at a time within one :meth:`write`.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, chunk_size: int = DEFAULT_CHUNK_SIZE
    ) -> None:
        self.path = Path(path)
        self.chunk_size = chunk_size
        self.count = 0
        self._stack: ExitStack | None = None
        self._file: IO[bytes] | None = None

    def __enter__(self) -> GeoJSONSeqWriter:
        from .api import prepare_directory

        prepare_directory(self.path)
        stack = ExitStack()
        try:
            tmp = stack.enter_context(atomic_path(self.path, wrap_errors=False))
            self._file = stack.enter_context(tmp.open("wb"))
        except BaseException:
            stack.close()
            raise
        self._stack = stack
        return self

    def write(self, gdf: geopandas.GeoDataFrame) -> int:
        """Append the rows of ``gdf``; return how many were written.

        Raises
        ------
        ExportError
            If the writer is not open, or the rows cannot be encoded or written.
        """
        if self._file is None:
            raise ExportError(f"GeoJSONSeqWriter for {str(self.path)!r} is not open")
        try:
            written = write_geojsonseq_chunks(gdf, self._file, chunk_size=self.chunk_size)
        except ExportError:
            raise
        except Exception as exc:
            raise ExportError(f"could not write {str(self.path)!r}: {exc}") from exc
        self.count += written
        return written

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        stack, self._stack, self._file = self._stack, None, None
        if stack is not None:
            stack.__exit__(exc_type, exc, tb)
