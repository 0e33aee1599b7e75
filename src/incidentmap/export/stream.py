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
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

from ..errors import ExportError
from .atomic import atomic_path
from .geojson import DEFAULT_CHUNK_SIZE, write_features
from .writers import in_wgs84 as _in_wgs84

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["GeoJSONSeqWriter", "iter_geojsonseq"]


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
    gdf = _in_wgs84(gdf)
    for start in range(0, len(gdf), chunk_size):
        buffer = io.BytesIO()
        write_features(gdf.iloc[start : start + chunk_size], buffer, collection=False)
        yield buffer.getvalue()


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
            written = write_features(
                _in_wgs84(gdf), self._file, collection=False, chunk_size=self.chunk_size
            )
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
