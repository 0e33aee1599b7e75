"""The Dask engine: the same stages over a ``dask.bag`` of work units on a Dask cluster.

``incidentmap run INPUT... --engine dask [--scheduler ADDRESS]`` plans *work units*
on the client (a group of small files, or a range of lines of a large JSON-lines
file, found by one quick scan for line breaks), ships only those descriptions to
the workers, and each worker reads its own articles and runs geoparsing and
incident extraction there. Articles never travel through the client, so a corpus
of millions of articles costs the client its incidents only. The bag's partitions
(one unit each) are computed a few at a time (two per worker thread in flight), so
the scheduler never holds a task per unit of the whole corpus.

Without ``--scheduler`` a :class:`distributed.LocalCluster` of worker processes on
127.0.0.1 is started and stopped, with Dask's statistical profiler off in its
workers: it samples the running task every 10 ms and keeps one call tree per second
for the last 1,000 seconds, which grew each worker by about 0.15 MB a second of work
and is never looked at here (the cluster has no dashboard). With
``--scheduler``, any running Dask cluster is used (its workers need incidentmap
installed and read the inputs from the same paths); its workers keep their own
settings, so set ``distributed.worker.profile.enabled: false`` in their Dask
configuration for the same flat memory.

The client stores the incidents that come back in a disk spool
(:class:`~incidentmap.spool.IncidentSpool`), merges reports of one event there and
writes every output chunk by chunk, so its memory does not grow with the corpus.
Outputs are those of the local engine plus ``incidents.parquet/``, a partitioned
GeoParquet dataset (one file per chunk of 50,000 incidents, readable with
``dask_geopandas.read_parquet`` or ``geopandas.read_parquet``). The map is drawn
when the result has at most :data:`MAP_LIMIT` incidents; above that a density map
is drawn from the incidents binned on a grid.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ArticleError, InputError
from .model import Article, Incident, Toponym
from .pipeline import (
    MapOptions,
    Processor,
    RunSummary,
    guarded,
    load_codebook,
    note_language,
)
from .processes import children_spared_ctrl_c, deferred_interrupts
from .render.density import MAP_LIMIT, density_frame
from .wording import plural

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Gazetteer
    from .spool import IncidentSpool

__all__ = ["MAP_LIMIT", "WorkUnit", "density_frame", "plan_units", "run_dask"]

log = logging.getLogger("incidentmap")

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
    #: (article id, its toponyms) when the toponyms GeoPackage is wanted
    articles_toponyms: tuple[tuple[str, tuple[Toponym, ...]], ...] = ()
    #: articles that look written in another language than English
    not_english: tuple[Article, ...] = ()


# The processor travels pickled (a few hundred bytes): the scheduler keeps the bytes of a
# task, never a Processor with an open gazetteer, and each worker unpickles it once.
_PROCESSORS: dict[bytes, Processor] = {}


def _unpickled(blob: bytes) -> Processor:
    processor = _PROCESSORS.get(blob)
    if processor is None:
        _PROCESSORS.clear()  # keep the last only: runs sharing a worker just unpickle more
        processor = _PROCESSORS[blob] = pickle.loads(blob)
    return processor


def _process_unit(
    unit: WorkUnit, processor: Processor | bytes, keep_toponyms: bool = False
) -> _UnitResult:
    from .text.articles import read_articles, read_json_lines
    from .text.language import guess_language

    if isinstance(processor, bytes):
        processor = _unpickled(processor)

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
    not_english: list[Article] = []
    kept: list[tuple[str, tuple[Toponym, ...]]] = []
    for article in articles:
        result = guarded(processor, article)
        if isinstance(result, ArticleError):  # reported by the client; the unit goes on
            problems.append(result)
            continue
        n += 1
        if guess_language(article.text) is not None:  # the client warns and counts
            not_english.append(dataclasses.replace(article, text=article.text[:3_000]))
        toponyms += sum(t.place is not None for t in result.toponyms)
        incidents.extend(result.incidents)
        if keep_toponyms:
            kept.append((result.article.id, result.toponyms))
    return _UnitResult(
        n, toponyms, tuple(incidents), tuple(problems), tuple(kept), not_english=tuple(not_english)
    )


def _describe(unit: WorkUnit) -> str:
    if unit.offset is None:
        more = f" and {plural(len(unit.paths) - 1, 'more file')}" if len(unit.paths) > 1 else ""
        return f"{unit.paths[0]}{more}"
    return f"{unit.paths[0]}, lines {unit.first_line}-{unit.first_line + unit.lines - 1}"


def _client(scheduler: str | None, workers: int | None) -> tuple[Any, Any]:
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    # the nannies pass this configuration on to the worker processes they start; a
    # Ctrl-C at the terminal is this process's to handle (it ends them), not theirs
    with (
        dask.config.set({"distributed.worker.profile.enabled": False}),
        children_spared_ctrl_c(),
    ):
        cluster = LocalCluster(
            n_workers=workers or 2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            # the workers' warnings and errors (a task cancelled by Ctrl-C, a heartbeat to
            # the scheduler of an interrupted run that has shut down) are Dask's business;
            # -v shows them. What fails in a task reaches this process as its exception.
            silence_logs=logging.WARNING if log.isEnabledFor(logging.DEBUG) else logging.CRITICAL,
        )
    return Client(cluster), cluster


def _close_quietly(client: Any, cluster: Any) -> None:
    """Close ``client`` and ``cluster`` of an interrupted run without Dask's shutdown noise.

    Their workers were stopped mid-task: Dask logs the cancelled tasks and the workers
    it had to kill, with tracebacks, and closing may fail in turn. None of it is news
    to someone who pressed Ctrl-C.
    """
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL + 1)
    try:
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
    finally:
        quiet.setLevel(level)


def _threads(client: Any) -> int:
    return max(1, sum(client.nthreads().values()))


def _run_units(
    client: Any,
    units: Sequence[WorkUnit],
    processor: Processor | None,
    *,
    per_thread: int = 2,
    keep_toponyms: bool = False,
) -> Iterator[_UnitResult]:
    """Yield the results of ``units`` as they complete, ``per_thread`` per worker thread in flight.

    The units are the partitions of a ``dask.bag`` (one unit each) mapped through the
    stages; its partitions are computed a few at a time rather than all at once, so the
    scheduler never holds a task per unit of a whole corpus. The window follows the
    cluster's size (workers that join or leave); a failed unit is logged with its file
    and lines and its error raised.
    """
    import dask.bag as db
    from distributed import as_completed

    if not units:
        return
    blob = pickle.dumps(processor)
    bag = db.from_sequence(units, npartitions=len(units)).map(_process_unit, blob, keep_toponyms)
    pending = iter(zip(units, bag.to_delayed(), strict=True))
    running: dict[str, WorkUnit] = {}
    done = as_completed()

    def top_up() -> None:
        for unit, part in islice(pending, max(0, per_thread * _threads(client) - len(running))):
            future = client.compute(part)
            running[future.key] = unit
            done.add(future)

    top_up()
    for future in done:
        unit = running.pop(future.key)
        try:
            results = future.result()
        except Exception:
            log.error("the Dask work unit %s failed", _describe(unit))
            raise
        finally:
            future.release()
        top_up()
        yield from results


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
    escape_formulas: bool = True,
    lines_per_unit: int = 500,
    report: Callable[[InputError], None] | None = None,
    spool_dir: str | Path | None = None,
    progress: bool | None = None,
    wait: bool = False,
    codebook: str | Path | None = None,
    map_options: MapOptions | None = None,
) -> RunSummary:
    """Run the main job on Dask; same outputs as :func:`incidentmap.pipeline.run`.

    Parameters
    ----------
    inputs, out_dir, gazetteer, formats, write_map, demonyms, merge, escape_formulas, report, wait
        As for :func:`incidentmap.pipeline.run` (outputs appear together or not at all).
    codebook
        As for :func:`incidentmap.pipeline.run`: read here, its files' text travels to the
        workers, so a remote worker needs no copy of the folder.
    map_options
        As for :func:`incidentmap.pipeline.run`.
    scheduler
        Address of a running Dask scheduler (``tcp://host:8786``); ``None`` starts a
        local cluster of ``workers`` processes (default 2) on 127.0.0.1.
    workers
        Worker processes of the local cluster.
    lines_per_unit
        JSON lines per work unit.
    spool_dir
        Where the client's incidents wait for the merge; the system's temporary folder
        by default.
    progress
        Show a progress bar of the articles processed; by default when standard error
        is a terminal.
    """
    from .export import parse_formats
    from .export.staging import OutputFolder
    from .gazetteer import Gazetteer
    from .progress import progress_bar, progress_wanted
    from .spool import IncidentSpool

    wanted = parse_formats(",".join(formats)) if formats else ()
    taxonomy = load_codebook(codebook)
    units = plan_units(inputs, lines_per_unit=lines_per_unit)
    summary = RunSummary()
    if not units:
        log.error("no input files found in %s", ", ".join(map(str, inputs)))
        return summary
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    processor = Processor(gaz, demonyms=demonyms, taxonomy=taxonomy)
    keep = "gpkg" in wanted
    with (
        OutputFolder(out_dir, wait=wait) as folder,
        IncidentSpool(spool_dir) as spool,
        progress_bar(enabled=progress_wanted(progress)) as advance,
    ):
        client = cluster = None
        try:
            with deferred_interrupts():  # Ctrl-C while the cluster starts: closed once made
                client, cluster = _client(scheduler, workers)
            for part in _run_units(client, units, processor, keep_toponyms=keep):
                summary.articles += part.articles
                summary.toponyms += part.toponyms
                for article in part.not_english:
                    summary.non_english += note_language(article, seen=summary.non_english)
                spool.add(part.incidents)
                for article_id, toponyms in part.articles_toponyms:
                    spool.add_toponyms(article_id, toponyms)
                advance(part.articles)
                for problem in part.problems:
                    summary.problems.append(problem)
                    if report is not None:
                        report(problem)
                    else:
                        log.warning("%s: %s", problem.verdict, problem)
        except BaseException:
            _close_quietly(client, cluster)  # interrupted or failed: its shutdown is no news
            raise
        client.close()
        if cluster is not None:
            cluster.close()
        if not summary.articles:
            return summary
        summary.incidents = spool.finish(merge=merge)
        _write(
            summary,
            spool,
            folder.staging,
            formats=wanted,
            write_map=write_map,
            escape_formulas=escape_formulas,
            map_options=map_options,
        )
        from .pipeline import run_report
        from .summary import SUMMARY_NAME

        report_file = run_report(summary, spool, inputs, folder).write(
            folder.staging / SUMMARY_NAME
        )
        summary.outputs = folder.commit([*summary.outputs, report_file])
    return summary


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
    spool: IncidentSpool,
    out: Path,
    *,
    formats: Sequence[str],
    write_map: bool,
    escape_formulas: bool = True,
    rows_per_file: int = 50_000,
    map_options: MapOptions | None = None,
) -> None:
    from .export.writers import stream_parquet
    from .pipeline import spool_frames, write_results

    summary.outputs.extend(
        write_results(spool, out, formats=formats, write_map=False, escape_formulas=escape_formulas)
    )
    frames = spool_frames(spool)  # 5,000 incidents at a time; a file takes several
    per_file = max(1, rows_per_file // 5_000)
    with atomic_directory(out / "incidents.parquet") as tmp:
        number = 0
        while (first := next(frames, None)) is not None:
            part = chain([first], islice(frames, per_file - 1))
            stream_parquet(part, tmp / f"part.{number}.parquet")
            number += 1
    summary.outputs.append(out / "incidents.parquet")
    if write_map:
        summary.outputs.extend(
            write_results(spool, out, formats=(), write_map=True, map_options=map_options)
        )
