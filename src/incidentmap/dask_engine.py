"""The Dask engine: the same stages over a ``dask.bag`` of article partitions.

``incidentmap run INPUT... --engine dask [--scheduler ADDRESS]`` plans *work units*
on the client (a group of small files, or a range of lines of a large JSON-lines
file, found by one quick scan for line breaks), ships only those descriptions to
the workers, and each worker reads its own articles and runs geoparsing and
incident extraction there. Articles never travel through the client, so a corpus
of millions of articles costs the client its incidents only.

Without ``--scheduler`` a :class:`distributed.LocalCluster` of worker processes on
127.0.0.1 is started and stopped; with it, any running Dask cluster is used (its
workers need incidentmap installed and read the inputs from the same paths).

Outputs are those of the local engine plus ``incidents.parquet/``, a partitioned
GeoParquet dataset written with dask-geopandas. The map is drawn when the result
has at most :data:`MAP_LIMIT` incidents; above that a density map is drawn from
the incidents binned on a grid.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError
from .model import Incident
from .pipeline import Processor, RunSummary

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Gazetteer

__all__ = ["MAP_LIMIT", "WorkUnit", "plan_units", "run_dask"]

log = logging.getLogger("incidentmap")

#: Largest result drawn as an incident map; larger results get a density map.
MAP_LIMIT = 100_000

_LINE_FILES = {".jsonl", ".ndjson"}


@dataclass(frozen=True, slots=True)
class WorkUnit:
    """A piece of input one worker reads and processes.

    Either whole files (``offset`` is ``None``) or ``lines`` lines of one JSON-lines
    file starting at byte ``offset``, which is line ``first_line`` of that file.
    """

    paths: tuple[str, ...]
    offset: int | None = None
    first_line: int = 1
    lines: int = 0


def _line_ranges(path: Path, lines_per_unit: int) -> Iterator[WorkUnit]:
    """Split a JSON-lines file into units of ``lines_per_unit`` lines by scanning bytes."""
    start, first, count, position = 0, 1, 0, 0
    last_byte = b"\n"
    with path.open("rb") as handle:
        while block := handle.read(1 << 24):
            last_byte = block[-1:]
            index = -1
            while True:
                index = block.find(b"\n", index + 1)
                if index < 0:
                    break
                count += 1
                if count == lines_per_unit:
                    yield WorkUnit((str(path),), start, first, count)
                    start = position + index + 1
                    first += count
                    count = 0
            position += len(block)
    if position > start:
        tail = 0 if last_byte == b"\n" else 1  # a last line without a line break
        yield WorkUnit((str(path),), start, first, count + tail)


def plan_units(
    inputs: Sequence[str | Path], *, lines_per_unit: int = 500, files_per_unit: int = 200
) -> list[WorkUnit]:
    """Plan the work units of a set of inputs (see :class:`WorkUnit`).

    Raises
    ------
    InputError
        For ``-`` (standard input cannot be shared with workers).
    """
    from .text.articles import iter_input_files

    if any(str(i) == "-" for i in inputs):
        raise InputError("the Dask engine cannot read standard input; pass files or folders")
    units: list[WorkUnit] = []
    small: list[str] = []
    for path in iter_input_files(list(inputs)):
        if path.suffix.lower() in _LINE_FILES and path.is_file():
            units.extend(_line_ranges(path, lines_per_unit))
            continue
        small.append(str(path))
        if len(small) == files_per_unit:
            units.append(WorkUnit(tuple(small)))
            small = []
    if small:
        units.append(WorkUnit(tuple(small)))
    return units


@dataclass(frozen=True, slots=True)
class _UnitResult:
    articles: int
    toponyms: int
    incidents: tuple[Incident, ...]
    problems: tuple[InputError, ...]


def _process_unit(unit: WorkUnit, processor: Processor) -> _UnitResult:
    from .text.articles import read_articles, read_json_lines

    problems: list[InputError] = []
    if unit.offset is None:
        articles = read_articles(*unit.paths, report=problems.append)
    else:
        articles = read_json_lines(
            unit.paths[0],
            offset=unit.offset,
            first_line=unit.first_line,
            max_lines=unit.lines,
            report=problems.append,
        )
    n = toponyms = 0
    incidents: list[Incident] = []
    for article in articles:
        result = processor(article)
        n += 1
        toponyms += sum(t.place is not None for t in result.toponyms)
        incidents.extend(result.incidents)
    return _UnitResult(n, toponyms, tuple(incidents), tuple(problems))


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers or 2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    return Client(cluster), cluster


def run_dask(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    formats: Sequence[str] = ("geojson",),
    write_map: bool = True,
    demonyms: bool = True,
    merge: bool = True,
    lines_per_unit: int = 500,
    report: Callable[[InputError], None] | None = None,
) -> RunSummary:
    """Run the main job on Dask; same outputs as :func:`incidentmap.pipeline.run`.

    Parameters
    ----------
    inputs, out_dir, gazetteer, formats, write_map, demonyms, merge, report
        As for :func:`incidentmap.pipeline.run`.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); ``None`` starts a
        local cluster of ``workers`` processes (default 2) on 127.0.0.1.
    workers
        Worker processes of the local cluster.
    lines_per_unit
        JSON lines per work unit.
    """
    import dask.bag as db
    from distributed import as_completed

    from .export import parse_formats
    from .gazetteer import Gazetteer

    wanted = parse_formats(",".join(formats)) if formats else ()
    units = plan_units(inputs, lines_per_unit=lines_per_unit)
    summary = RunSummary()
    if not units:
        log.error("no input files found in %s", ", ".join(map(str, inputs)))
        return summary
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    processor = Processor(gaz, demonyms=demonyms)
    bag = db.from_sequence(units, npartitions=len(units)).map(_process_unit, processor)
    incidents: list[Incident] = []
    client, cluster = _client(scheduler, workers)
    try:
        futures = client.compute(bag.to_delayed())
        for future in as_completed(futures):
            for part in future.result():
                summary.articles += part.articles
                summary.toponyms += part.toponyms
                incidents.extend(part.incidents)
                for problem in part.problems:
                    summary.problems.append(problem)
                    if report is not None:
                        report(problem)
                    else:
                        log.warning("skipped: %s", problem)
            future.release()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if not summary.articles:
        return summary
    _write(summary, incidents, Path(out_dir), formats=wanted, write_map=write_map, merge=merge)
    return summary


def density_frame(gdf: Any, *, cell_degrees: float = 0.1) -> Any:
    """Bin incidents on a grid: one row per cell and event type, ``sources`` = count.

    The result has the incident schema, so the ordinary map draws it: a marker per
    occupied cell and type, sized by the heat layer, whose popup gives the count.
    """
    import pandas as pd

    from .frame import incidents_frame
    from .model import EventType, GeoPrecision, TimePrecision

    located = gdf[gdf["lat"].notna() & gdf["lon"].notna()]
    cells = pd.DataFrame(
        {
            "type": located["event_type"].astype(str),
            "y": (located["lat"] / cell_degrees).round().astype(int),
            "x": (located["lon"] / cell_degrees).round().astype(int),
            "date": located["event_date"],
            "background": located["background"],
        }
    )
    rows = []
    for key, group in cells.groupby(["type", "y", "x"], sort=True):
        etype, y, x = str(key[0]), int(str(key[1])), int(str(key[2]))
        count = len(group)
        text = f"{count} incidents of this type in this {cell_degrees}° cell"
        rows.append(
            Incident(
                id=f"cell:{etype}:{y}:{x}",
                article_id="",
                event_type=EventType(etype),
                sub_event_type="",
                event_date=None if pd.isna(group["date"].max()) else str(group["date"].max())[:10],
                time_precision=TimePrecision.MONTH,
                location=None,
                place_id=None,
                lat=y * cell_degrees,
                lon=x * cell_degrees,
                country_code=None,
                admin1=None,
                geo_precision=GeoPrecision.REGION,
                evidence=text,
                evidence_start=0,
                evidence_end=len(text),
                confidence=1.0,
                sources=count,
                background=bool(group["background"].all()),
            )
        )
    return incidents_frame(rows)


@contextmanager
def atomic_directory(path: Path) -> Iterator[Path]:
    """Yield a temporary sibling folder that replaces ``path`` when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}-", dir=path.parent))
    try:
        yield tmp
        if path.exists():
            old = path.with_name(f".{path.name}-old-{os.getpid()}")
            path.rename(old)
            tmp.rename(path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _write(
    summary: RunSummary,
    incidents: list[Incident],
    out: Path,
    *,
    formats: Sequence[str],
    write_map: bool,
    merge: bool,
) -> None:
    import dask_geopandas

    from .export import write_outputs
    from .frame import incidents_frame
    from .pipeline import merge_across_articles

    if merge:
        incidents = merge_across_articles(incidents)
    summary.incidents = len(incidents)
    gdf = incidents_frame(incidents)
    summary.outputs.extend(write_outputs(gdf, out, formats=[f for f in formats if f]))
    parts = max(1, len(gdf) // 50_000)
    with atomic_directory(out / "incidents.parquet") as tmp:
        dask_geopandas.from_geopandas(gdf, npartitions=parts).to_parquet(str(tmp))
    summary.outputs.append(out / "incidents.parquet")
    if write_map:
        from .render import incident_map, save_map

        m = incident_map(gdf) if len(gdf) <= MAP_LIMIT else incident_map(density_frame(gdf))
        summary.outputs.append(save_map(m, out / "incidents.html"))
