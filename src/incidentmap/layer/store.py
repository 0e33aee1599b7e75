"""An incident layer on disk: a GeoPackage or a GeoParquet file, read in batches.

:class:`LayerFile` reads a layer written by incidentmap chunk by chunk (so memory does
not grow with it), picks the incidents whose dates a new run may merge with, reads the
keys of the articles it processed, and writes a new version of the whole layer to a
temporary file beside it, which :meth:`LayerFile.commit` renames over the old one.

A GeoPackage holds the point layer ``incidents`` and the attribute table
``processed_articles`` (QGIS lists it beside the layer). A GeoParquet file
``NAME.parquet`` holds the incidents; its processed articles are kept in
``NAME.processed_articles.parquet`` beside it, which carries the id of the run that
wrote it: the sidecar is renamed into place first and the layer last, and rows of a run
whose layer never arrived (the run was interrupted between the two renames) are not
read, so either way the layer reads as it was before the run.

Examples
--------
>>> LayerFile("daily.gpkg").kind, LayerFile("daily.parquet").kind
('gpkg', 'parquet')
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from .processed import PROCESSED_COLUMNS, PROCESSED_TABLE

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pyarrow

__all__ = ["LAYER_SUFFIXES", "DateWindows", "LayerFile", "day_windows"]

#: File extensions of a layer and the kind each selects.
LAYER_SUFFIXES = {".gpkg": "gpkg", ".parquet": "parquet", ".geoparquet": "parquet"}
_RUN_KEY = "incidentmap:run_id"
_BATCH = 5_000


def day_windows(ranges: Iterable[tuple[int, int]], *, limit: int = 64) -> list[tuple[int, int]]:
    """Merge ``(first day, last day)`` ranges (date ordinals) into at most ``limit`` windows.

    Overlapping or adjacent ranges are merged; if more than ``limit`` are left, the
    smallest gaps between them are closed.

    >>> day_windows([(10, 12), (1, 3), (4, 5), (400, 401)])
    [(1, 5), (10, 12), (400, 401)]
    >>> day_windows([(10, 12), (1, 3), (4, 5), (400, 401)], limit=2)
    [(1, 12), (400, 401)]
    """
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    if len(merged) <= limit:
        return merged
    gaps = sorted(b[0] - a[1] for a, b in itertools.pairwise(merged))
    widest_closed = gaps[len(merged) - limit - 1]
    out = [merged[0]]
    for first, last in merged[1:]:
        if first - out[-1][1] <= widest_closed:
            out[-1] = (out[-1][0], last)
        else:
            out.append((first, last))
    return out


@dataclass(frozen=True)
class DateWindows:
    """Event dates of the layer's incidents that new reports may merge with.

    ``precise`` holds the windows (ISO dates, inclusive) for incidents dated to the day
    or week, ``coarse`` those for incidents dated to a month or vaguer (whose date
    stands for three months).
    """

    precise: tuple[tuple[str, str], ...]
    coarse: tuple[tuple[str, str], ...]

    def ogr_where(self) -> str:
        """Return the condition as OGR SQL.

        >>> DateWindows((("2024-01-01", "2024-01-09"),), ()).ogr_where()
        "(time_precision < 3 AND ((event_date >= '2024-01-01' AND event_date <= '2024-01-09')))"
        """

        def within(windows: tuple[tuple[str, str], ...]) -> str:
            return " OR ".join(f"(event_date >= '{a}' AND event_date <= '{b}')" for a, b in windows)

        parts = []
        if self.precise:
            parts.append(f"(time_precision < 3 AND ({within(self.precise)}))")
        if self.coarse:
            parts.append(
                f"((time_precision >= 3 OR time_precision IS NULL) AND ({within(self.coarse)}))"
            )
        return " OR ".join(parts) or "0 = 1"

    def arrow_filter(self) -> Any:
        """Return the condition as a pyarrow dataset expression."""
        import pyarrow.dataset as ds

        date, precision = ds.field("event_date"), ds.field("time_precision")

        def within(windows: tuple[tuple[str, str], ...]) -> Any:
            expression = ds.scalar(False)
            for a, b in windows:
                first, last = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
                expression = expression | ((date >= first) & (date <= last))
            return expression

        return ((precision < 3) & within(self.precise)) | (
            ((precision >= 3) | precision.is_null()) & within(self.coarse)
        )


def _frame(table: pyarrow.Table, geometry: str) -> geopandas.GeoDataFrame:
    """Return a GeoDataFrame from an Arrow table with WKB points in column ``geometry``."""
    import geopandas as gpd
    import pyarrow as pa
    import shapely

    wkb = table.column(geometry).to_numpy(zero_copy_only=False)
    if "event_date" in table.column_names:  # a date a GIS saved as a (zoned) date-time
        kind = table.schema.field("event_date").type
        if pa.types.is_timestamp(kind):
            day = table.column("event_date").cast(pa.timestamp(kind.unit)).cast(pa.date32())
            table = table.set_column(table.column_names.index("event_date"), "event_date", day)
    df = table.drop_columns([geometry]).to_pandas()
    return gpd.GeoDataFrame(df, geometry=shapely.from_wkb(wkb), crs="EPSG:4326")


class LayerFile:
    """One incident layer file (it need not exist yet: the first run creates it).

    Parameters
    ----------
    path
        A ``.gpkg``, ``.parquet`` or ``.geoparquet`` file.

    Raises
    ------
    InputError
        If the path is a folder or has another extension.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        kind = LAYER_SUFFIXES.get(self.path.suffix.lower())
        if self.path.is_dir():
            raise InputError(
                f"--into {str(self.path)!r} is a folder; give a .gpkg or .parquet file "
                "(a partitioned GeoParquet folder of --engine dask cannot be updated in place)"
            )
        if kind is None:
            raise InputError(
                f"--into {str(self.path)!r}: a layer is a GeoPackage (.gpkg) or a GeoParquet "
                "file (.parquet, .geoparquet)"
            )
        self.kind = kind

    @property
    def exists(self) -> bool:
        """Whether the layer file exists (a first run creates it)."""
        return self.path.is_file()

    @property
    def sidecar(self) -> Path:
        """The processed-articles file of a GeoParquet layer."""
        return self.path.with_name(f"{self.path.stem}.{PROCESSED_TABLE}.parquet")

    def check(self) -> None:
        """Make sure an existing file is an incident layer, before any work is done.

        Raises
        ------
        InputError
            If the file cannot be read or holds no incident layer.
        """
        if not self.exists:
            return
        try:
            if self.kind == "gpkg":
                import pyogrio

                layers = [str(n) for n, _ in pyogrio.list_layers(self.path)]
                if "incidents" not in layers:
                    raise InputError(
                        f"--into {str(self.path)!r} has no layer 'incidents' (its layers: "
                        f"{', '.join(layers) or 'none'}); is it a layer written by incidentmap?"
                    )
                fields = set(pyogrio.read_info(self.path, layer="incidents")["fields"])
            else:
                import pyarrow.parquet as pq

                fields = set(pq.read_schema(self.path).names)
        except InputError:
            raise
        except Exception as exc:
            raise InputError(f"--into {str(self.path)!r} cannot be read: {exc}") from exc
        missing = {"id", "article_id", "event_type", "event_date"} - fields
        if missing:
            raise InputError(
                f"--into {str(self.path)!r} is not an incident layer written by incidentmap "
                f"(no field {', '.join(sorted(missing))})"
            )

    # ---------------------------------------------------------------- reading

    def _batches(
        self, *, windows: DateWindows | None = None
    ) -> Iterator[tuple[pyarrow.Table, str]]:
        if not self.exists:
            return
        if self.kind == "gpkg":
            import pyarrow as pa
            import pyogrio

            with pyogrio.open_arrow(
                self.path,
                layer="incidents",
                where=None if windows is None else windows.ogr_where(),
                batch_size=_BATCH,
                use_pyarrow=True,
            ) as (meta, reader):
                geometry = meta["geometry_name"] or "wkb_geometry"
                for batch in reader:
                    yield pa.Table.from_batches([batch]), geometry
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        # ParquetFile reads a batch when asked for it: a dataset scanner reads ahead of a
        # slow consumer and held much of a large layer (901 MB at 1,000,000 incidents)
        expression = None if windows is None else windows.arrow_filter()
        for batch in pq.ParquetFile(self.path).iter_batches(batch_size=_BATCH):
            table = pa.Table.from_batches([batch])
            if expression is not None:
                table = table.filter(expression)
                if not table.num_rows:
                    continue
            yield table, "geometry"

    def incident_frames(
        self, *, windows: DateWindows | None = None
    ) -> Iterator[geopandas.GeoDataFrame]:
        """Yield the layer's incidents as normalised frames of at most 5,000 rows.

        With ``windows``, only the incidents dated within them.
        """
        from ..frame import normalize_incidents_frame

        for table, geometry in self._batches(windows=windows):
            yield normalize_incidents_frame(_frame(table, geometry))

    def processed_tables(self) -> Iterator[pyarrow.Table]:
        """Yield the processed-articles table in batches (nothing if the layer has none)."""
        import pyarrow as pa

        if not self.exists:
            return
        if self.kind == "gpkg":
            import pyogrio

            if PROCESSED_TABLE not in [str(n) for n, _ in pyogrio.list_layers(self.path)]:
                return
            with pyogrio.open_arrow(
                self.path, layer=PROCESSED_TABLE, batch_size=50_000, use_pyarrow=True
            ) as (_, reader):
                for batch in reader:
                    yield pa.Table.from_batches([batch]).select(list(PROCESSED_COLUMNS))
            return
        if not self.sidecar.is_file():
            return
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        committed = self._committed_runs()
        for batch in pq.ParquetFile(self.sidecar).iter_batches(batch_size=50_000):
            table = pa.Table.from_batches([batch]).select(list(PROCESSED_COLUMNS))
            yield table.filter(
                pc.is_in(table.column("run_id"), pa.array(committed, type=pa.string()))
            )

    def _committed_runs(self) -> list[str]:
        """Ids of the runs whose incidents the GeoParquet layer holds.

        A sidecar row of any other run belongs to a run interrupted before its layer
        was renamed into place.
        """
        import pyarrow.parquet as pq

        if not self.exists:
            return []
        raw = (pq.read_schema(self.path).metadata or {}).get(_RUN_KEY.encode())
        return [] if raw is None else [str(r) for r in json.loads(raw)]

    def processed_keys(self) -> Iterator[list[tuple[str | None, str | None, str | None]]]:
        """Yield ``(article id, URL, content hash)`` of every processed article, in batches.

        A layer without the table (written by ``incidentmap run``) gives the article ids
        and URLs its incidents name.
        """
        found = False
        for table in self.processed_tables():
            found = True
            yield list(
                zip(
                    table.column("article_id").to_pylist(),
                    table.column("url").to_pylist(),
                    table.column("content_sha256").to_pylist(),
                    strict=True,
                )
            )
        if found:
            return
        for frame in self.incident_frames():
            rows: list[tuple[str | None, str | None, str | None]] = []
            for ids, urls in zip(frame["article_ids"], frame["source_urls"], strict=True):
                rows += [(a, None, None) for a in ids]
                rows += [(None, u, None) for u in urls]
            yield rows

    # ---------------------------------------------------------------- writing

    def write(
        self,
        tmp: Path,
        *,
        incidents: Callable[[], Iterable[geopandas.GeoDataFrame]],
        processed: Callable[[], Iterable[pyarrow.Table]],
        run_id: str,
    ) -> list[Path]:
        """Write the new version of the layer to ``tmp`` (and a sidecar beside it).

        Returns the temporary files written, in the order :meth:`commit` renames them.
        """
        import pyarrow as pa

        from ..export.writers import STREAM_WRITERS

        if self.kind == "gpkg":
            import pyogrio

            STREAM_WRITERS["gpkg"](incidents(), tmp, None)
            reader = pa.RecordBatchReader.from_batches(
                _PROCESSED_SCHEMA(), (b for t in processed() for b in t.to_batches())
            )
            pyogrio.write_arrow(
                reader,
                tmp,
                layer=PROCESSED_TABLE,
                driver="GPKG",
                geometry_name=None,
                geometry_type=None,
            )
            return [tmp]
        import pyarrow.parquet as pq

        side = tmp.with_name(tmp.name + ".side.parquet")
        with pq.ParquetWriter(side, _PROCESSED_SCHEMA()) as out:
            for table in processed():
                out.write_table(table.cast(_PROCESSED_SCHEMA()))
        from ..export.writers import stream_parquet

        runs = [*self._committed_runs(), run_id]
        stream_parquet(incidents(), tmp, None, metadata={_RUN_KEY: json.dumps(sorted(set(runs)))})
        return [side, tmp]

    def commit(self, written: list[Path]) -> None:
        """Move the files :meth:`write` made into place (the layer itself last)."""
        from ..export.atomic import _fsync_dir, _fsync_file

        for path in written:
            _fsync_file(path)
        if self.kind == "parquet":
            os.replace(written[0], self.sidecar)
        os.replace(written[-1], self.path)
        _fsync_dir(self.path.parent)

    def sweep(self) -> None:
        """Remove temporary files of killed runs (call it holding the layer's lock)."""
        import re

        pattern = re.compile(re.escape(f".{self.path.name}.") + r"[0-9a-f]{12}\.tmp.*")
        with contextlib.suppress(OSError):
            for entry in self.path.parent.iterdir():
                if pattern.fullmatch(entry.name) and entry.is_file():
                    entry.unlink(missing_ok=True)

    def discard(self, written: Iterable[Path]) -> None:
        """Remove temporary files of a write that did not finish."""
        for path in written:
            for leftover in path.parent.glob(f"{path.name}*"):
                with contextlib.suppress(OSError):
                    leftover.unlink()


def _PROCESSED_SCHEMA() -> pyarrow.Schema:
    import pyarrow as pa

    return pa.schema(
        [(c, pa.int64() if c == "incidents" else pa.string()) for c in PROCESSED_COLUMNS]
    )
