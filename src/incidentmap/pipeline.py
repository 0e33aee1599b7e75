"""The batch pipeline: articles in, toponyms and incidents out, streamed.

:func:`iter_results` runs geoparsing and incident extraction over a stream of
articles, in this process or over a process pool, keeping only a bounded number
of articles in flight, so memory stays flat however long the stream is.
:func:`run` is the ``incidentmap run`` job: read, process, merge reports of the
same event across articles, write the GeoJSON (and other formats) and the map.
Incidents wait for the merge in a disk spool (:mod:`incidentmap.spool`) and are
written chunk by chunk, so memory does not grow with the corpus either.

Exit status of the command line (see :func:`exit_status`): 0 when at least one
article was processed, even if others were skipped with a reported problem; 1 when
nothing could be processed; 2 for a usage error; 3 when an article made a stage fail
with an unexpected error (reported with its file, line and cause; the others were
processed and written).
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ArticleError, InputError
from .model import Article, Incident, Toponym

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Gazetteer
    from .geocoders import FallbackGeocoder
    from .incidents import Taxonomy
    from .spool import IncidentSpool

__all__ = [
    "ArticleResult",
    "ArticleSource",
    "Collected",
    "MapOptions",
    "Processor",
    "RunSummary",
    "collect",
    "exit_status",
    "guarded",
    "iter_results",
    "load_codebook",
    "merge_across_articles",
    "note_language",
    "run",
    "run_report",
    "spool_frames",
    "write_map_from",
    "write_results",
]

log = logging.getLogger("incidentmap")

#: Makes the articles of a run given the function their source reports problems to.
ArticleSource = Callable[[Callable[[InputError], None]], Iterable[Article] | None]

#: Below this many articles a batch runs in this process (a pool costs a start-up).
POOL_THRESHOLD = 200


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What the pipeline found in one article."""

    article: Article
    toponyms: tuple[Toponym, ...]
    incidents: tuple[Incident, ...]


@dataclass(frozen=True)
class Processor:
    """Geoparse an article and extract its incidents (picklable, for worker processes).

    Parameters
    ----------
    gazetteer
        The gazetteer to resolve places with.
    demonyms
        Whether "Iraqi", "U.S.-led" ... count as mentions of the country.
    geocoder
        Optional online fallback for names the gazetteer cannot place.
    taxonomy
        The incident codebook (:meth:`incidentmap.incidents.Taxonomy.from_codebook`); the
        shipped English one by default. It travels to worker processes as the text of its
        files.
    """

    gazetteer: Gazetteer
    demonyms: bool = True
    geocoder: FallbackGeocoder | None = None
    taxonomy: Taxonomy | None = None
    _parser: Any = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict[str, Any]:
        return {
            "gazetteer": self.gazetteer,
            "demonyms": self.demonyms,
            "geocoder": self.geocoder,
            "taxonomy": self.taxonomy,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            object.__setattr__(self, key, value)
        object.__setattr__(self, "_parser", None)

    @property
    def parser(self) -> Any:
        """The :class:`~incidentmap.geoparse.Geoparser`, created on first use."""
        if self._parser is None:
            object.__setattr__(self, "_parser", _shared_parser(self.gazetteer, self.demonyms))
        return self._parser

    def toponyms(self, article: Article) -> list[Toponym]:
        """Return the article's toponyms, with the online fallback for unresolved ones.

        With a geocoder, names the gazetteer does not know but that stand where news copy
        names places ("near Qaryat Zawiya") are sent to it too
        (:func:`incidentmap.geoparse.unknown.unknown_toponyms`).
        """
        found = list(self.parser.parse(article))
        if self.geocoder is None:
            return found
        from .geoparse.unknown import unknown_toponyms

        found += unknown_toponyms(article.text, found)
        found.sort(key=lambda t: t.start)
        return [
            self.geocoder.geocode_toponym(t) if t.place is None and t.kind == "place" else t
            for t in found
        ]

    def __call__(self, article: Article) -> ArticleResult:
        """Process one article."""
        from .incidents import extract_incidents

        toponyms = self.toponyms(article)
        incidents = extract_incidents(article, toponyms, taxonomy=self.taxonomy)
        return ArticleResult(article, tuple(toponyms), tuple(incidents))


def load_codebook(codebook: str | Path | None) -> Taxonomy | None:
    """Return the incident codebook in folder ``codebook``, or ``None`` for the shipped one.

    Raises
    ------
    InputError
        When the folder's files cannot be read or hold a bad row (file and line named).
    """
    if codebook is None:
        return None
    from .incidents import Taxonomy

    return Taxonomy.from_codebook(codebook)


# One geoparser per process and gazetteer: worker processes (a pool's, Dask's) receive a
# pickled Processor with every task, and building a parser costs a name-index load.
_PARSERS: dict[tuple[str, str, bool], Any] = {}


def _shared_parser(gazetteer: Gazetteer, demonyms: bool) -> Any:
    from .geoparse import Geoparser

    if gazetteer.path == ":memory:":
        return Geoparser(gazetteer, demonyms=demonyms)
    key = (gazetteer.path, gazetteer.version, demonyms)
    parser = _PARSERS.get(key)
    if parser is None:
        parser = _PARSERS[key] = Geoparser(gazetteer, demonyms=demonyms)
    return parser


_WORKER: Processor | None = None


def _init_worker(processor: Processor, parent_pid: int | None = None) -> None:
    from .processes import die_with_parent

    global _WORKER
    die_with_parent(parent_pid)  # no worker outlives a killed run
    _WORKER = processor


def _process_chunk(chunk: list[Article]) -> list[ArticleResult | ArticleError]:
    assert _WORKER is not None, "worker process not initialised"
    return [guarded(_WORKER, a) for a in chunk]


def guarded(processor: Processor, article: Article) -> ArticleResult | ArticleError:
    """Process one article; an unexpected error becomes an :class:`ArticleError` to report.

    This is the per-article error boundary of every engine: whatever one article makes a
    stage raise, the batch goes on with the next.
    """
    try:
        return processor(article)
    except Exception as exc:
        log.debug("article %r failed", article.id, exc_info=True)
        return ArticleError.from_exception(
            exc, source=article.source or article.id, line=article.line
        )


def _reported(
    results: Iterable[ArticleResult | ArticleError], report: Callable[[InputError], None] | None
) -> Iterator[ArticleResult]:
    for result in results:
        if isinstance(result, ArticleError):
            if report is None:
                log.error("skipped: %s", result)
            else:
                report(result)
        else:
            yield result


def _chunks(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(items, size)):
        yield chunk


def iter_results(
    articles: Iterable[Article],
    processor: Processor,
    *,
    workers: int | None = None,
    chunk_size: int = 32,
    report: Callable[[InputError], None] | None = None,
) -> Iterator[ArticleResult]:
    """Process articles in order, streaming the results.

    An article that makes a stage fail is left out and reported as an
    :class:`~incidentmap.errors.ArticleError` (file, line and cause); the rest go on.

    Parameters
    ----------
    articles
        Any iterable, consumed lazily.
    processor
        What to do with each article.
    workers
        Worker processes; ``None`` uses every core when the stream holds more than
        :data:`POOL_THRESHOLD` articles, ``1`` stays in this process.
    chunk_size
        Articles sent to a worker at a time.
    report
        Called with the error of each article that failed; logged when ``None``.
    """
    return _reported(_results(articles, processor, workers, chunk_size), report)


def _results(
    articles: Iterable[Article], processor: Processor, workers: int | None, chunk_size: int
) -> Iterator[ArticleResult | ArticleError]:
    stream = iter(articles)
    head = list(islice(stream, POOL_THRESHOLD))
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers <= 1 or len(head) < POOL_THRESHOLD:
        for article in chain(head, stream):  # never a list: the stream may be endless
            yield guarded(processor, article)
        return
    from .processes import held_signals, terminating_pool

    queue: deque[cf.Future[list[ArticleResult | ArticleError]]] = deque()
    everything = _chunks(chain(head, stream), chunk_size)
    with terminating_pool(
        cf.ProcessPoolExecutor(
            max_workers=n_workers, initializer=_init_worker, initargs=(processor, os.getpid())
        )
    ) as pool:
        for chunk in islice(everything, n_workers * 2):
            with held_signals():  # a SIGTERM during the pool's forks is not lost
                queue.append(pool.submit(_process_chunk, chunk))
        while queue:
            done = queue.popleft().result()
            for chunk in islice(everything, 1):
                with held_signals():
                    queue.append(pool.submit(_process_chunk, chunk))
            yield from done


def merge_across_articles(incidents: list[Incident]) -> list[Incident]:
    """Merge reports of the same event, independently of the order articles were read in.

    In memory; :meth:`incidentmap.spool.IncidentSpool.finish` gives the same result
    for results larger than memory.
    """
    from .incidents import merge_incidents

    ordered = sorted(incidents, key=lambda i: (i.article_id, i.evidence_start, i.id))
    return merge_incidents(ordered)


@dataclass
class Collected:
    """What :func:`collect` counted while it spooled a stream of articles."""

    articles: int = 0
    toponyms: int = 0
    non_english: int = 0
    skipped_since: int = 0


def _since(articles: Iterable[Article], since: dt.date, out: Collected) -> Iterator[Article]:
    """Leave out articles published before ``since`` (articles without a date are kept)."""
    for article in articles:
        if article.published is not None and article.published < since:
            out.skipped_since += 1
            continue
        yield article


def collect(
    inputs: Sequence[str | Path],
    processor: Processor,
    spool: IncidentSpool,
    *,
    workers: int | None = None,
    report: Callable[[InputError], None] | None = None,
    progress: bool = False,
    keep_toponyms: bool = False,
    articles: Iterable[Article] | None = None,
    since: dt.date | None = None,
) -> Collected:
    """Read and process every input article, storing incidents (and toponyms) in ``spool``.

    Parameters
    ----------
    inputs
        Files, folders or ``-`` (see :func:`incidentmap.text.articles.read_articles`).
    processor
        What to do with each article.
    spool
        An open :class:`~incidentmap.spool.IncidentSpool`.
    workers
        See :func:`iter_results`.
    report
        Called with each input problem; logged when ``None``.
    progress
        Show a progress bar on standard error.
    keep_toponyms
        Also store the resolved toponyms of every article.
    articles
        Articles to process instead of reading ``inputs`` (fetched ones, say).
    since
        Leave out articles published before this day (counted in ``skipped_since``).
    """
    from .progress import with_progress
    from .text.articles import read_articles

    out = Collected()
    stream = articles if articles is not None else read_articles(*inputs, report=report)
    if since is not None:
        stream = _since(stream, since, out)
    results = iter_results(stream, processor, workers=workers, report=report)
    for result in with_progress(results, enabled=progress):
        out.articles += 1
        out.toponyms += sum(t.place is not None for t in result.toponyms)
        out.non_english += note_language(result.article, seen=out.non_english)
        spool.add(result.incidents)
        if keep_toponyms:
            spool.add_toponyms(result.article.id, result.toponyms)
    return out


#: Articles not in English warned about one by one; more are only counted.
LANGUAGE_WARNINGS = 20


def note_language(article: Article, *, seen: int) -> int:
    """Warn if ``article`` looks written in another language than English; return 1 if so.

    ``seen`` is how many were found before: after :data:`LANGUAGE_WARNINGS` they are
    only counted (the run summary gives the total).
    """
    from .text.language import guess_language

    language = guess_language(article.text)
    if language is None:
        return 0
    if seen < LANGUAGE_WARNINGS:
        where = f"{article.source}:{article.line}" if article.line else article.source
        log.warning(
            "%s: article %r looks written in %s, not English; incidentmap reads English "
            "news, so it may give no incidents or places",
            where or article.id,
            article.id,
            language,
        )
    elif seen == LANGUAGE_WARNINGS:
        log.warning("more articles not in English: counted in the summary, not listed")
    return 1


@dataclass
class RunSummary:
    """What :func:`run` did: counts, problems and the files it wrote."""

    articles: int = 0
    problems: list[InputError] = field(default_factory=list)
    toponyms: int = 0
    incidents: int = 0
    outputs: list[Path] = field(default_factory=list)
    non_english: int = 0
    """Articles that look written in another language than English (warned about)."""
    skipped_since: int = 0
    """Articles left out as published before ``since``."""

    @property
    def crashes(self) -> int:
        """Articles that failed with an unexpected error (:class:`ArticleError`)."""
        return sum(isinstance(p, ArticleError) for p in self.problems)

    @property
    def exit_status(self) -> int:
        """3 if an article crashed, else 0 if any article was processed, else 1."""
        return exit_status(articles=self.articles, problems=self.problems)


@dataclass(frozen=True)
class MapOptions:
    """How :func:`run` draws its map (the options of :func:`incidentmap.render.incident_map`).

    >>> MapOptions(title="Iraq", cluster=False).title
    'Iraq'
    """

    title: str | None = None
    """Title shown on the map and in the browser tab."""
    min_confidence: float = 0.4
    """Incidents below this confidence start hidden."""
    cluster: bool = True
    """Cluster nearby markers."""
    heatmap: bool = True
    """Add the heat-map layer."""
    show_background: bool = False
    """Show background (generic or habitual) incidents from the start."""


#: Exit statuses of the command line.
EXIT_OK, EXIT_NOTHING_READ, EXIT_USAGE, EXIT_CRASHED = 0, 1, 2, 3


def exit_status(*, articles: int, problems: Iterable[InputError]) -> int:
    """Return the exit status of a batch: crashes first, then whether anything was read."""
    if any(isinstance(p, ArticleError) for p in problems):
        return EXIT_CRASHED
    return EXIT_OK if articles else EXIT_NOTHING_READ


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    formats: Sequence[str] = ("geojson",),
    write_map: bool = True,
    workers: int | None = None,
    demonyms: bool = True,
    geocoder: FallbackGeocoder | None = None,
    merge: bool = True,
    escape_formulas: bool = True,
    progress: bool | None = None,
    report: Callable[[InputError], None] | None = None,
    spool_dir: str | Path | None = None,
    wait: bool = False,
    codebook: str | Path | None = None,
    schema: str = "incidentmap",
    map_options: MapOptions | None = None,
    articles: Iterable[Article] | ArticleSource | None = None,
    since: dt.date | None = None,
) -> RunSummary:
    """Run the main job: incidents of every input article, as GeoJSON and a map.

    The outputs of a run appear together or not at all: they are written into a staging
    folder inside ``out_dir`` and moved into place at the end
    (:class:`~incidentmap.export.staging.OutputFolder`), and a second run into the same
    folder refuses to start (or waits, with ``wait``).

    Parameters
    ----------
    inputs
        Files, directories or ``-`` (see :func:`incidentmap.text.articles.read_articles`).
    out_dir
        Folder for ``incidents.geojson``, ``incidents.html`` and other formats.
    gazetteer
        Defaults to :meth:`Gazetteer.default`.
    formats
        Export formats (``geojson``, ``gpkg``, ``csv``, ``parquet``, ``kml``, ``geojsonseq``).
    write_map
        Also write ``incidents.html``.
    workers, demonyms, geocoder
        See :func:`iter_results` and :class:`Processor`.
    merge
        Merge reports of the same event from different articles.
    escape_formulas
        Prefix CSV cells that a spreadsheet would run as formulas with ``'`` (see
        :func:`incidentmap.export.write_incidents`).
    progress
        Show a progress bar; by default when standard error is a terminal.
    report
        Called with each input problem (file and line); logged when ``None``.
    spool_dir
        Where incidents wait for the merge (:class:`~incidentmap.spool.IncidentSpool`);
        the system's temporary folder by default.
    wait
        Wait for another run writing to ``out_dir`` instead of refusing.
    codebook
        A folder of incident codebook files (event types, triggers, cues, rules; see
        :meth:`incidentmap.incidents.Taxonomy.from_codebook`); the shipped English
        codebook by default.
    schema
        Column names of the files: ``"incidentmap"`` or ``"acled"``
        (:mod:`incidentmap.export.acled`); the map is the same either way.
    map_options
        Title, confidence threshold and clustering of the map.
    articles
        Articles to process instead of reading ``inputs`` (e.g.
        :func:`incidentmap.online.input_articles`), or a function that makes them given
        the function to report problems to, so that the problems of their source (a URL
        that cannot be fetched) count in the summary like those of files (it may return
        ``None``: read ``inputs``); ``inputs`` are then only named in the run summary.
    since
        Leave out articles published before this day.

    Returns
    -------
    RunSummary
        Also written as ``run-summary.json`` beside the outputs
        (:class:`incidentmap.summary.RunReport`).

    Raises
    ------
    InputError
        When ``codebook`` cannot be loaded (the message names the file and line), before
        any article is read.
    """
    from .export import parse_formats
    from .export.acled import parse_schema
    from .export.staging import OutputFolder
    from .gazetteer import Gazetteer
    from .progress import progress_wanted
    from .spool import IncidentSpool

    wanted = parse_formats(",".join(formats)) if formats else ()
    schema = parse_schema(schema)
    summary = RunSummary()

    def note(problem: InputError) -> None:
        summary.problems.append(problem)
        if report is not None:
            report(problem)
        else:
            log.warning("%s: %s", problem.verdict, problem)

    if callable(articles):
        articles = articles(note)
    taxonomy = load_codebook(codebook)  # a bad row is reported before the work
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    processor = Processor(gaz, demonyms=demonyms, geocoder=geocoder, taxonomy=taxonomy)
    with OutputFolder(out_dir, wait=wait) as folder, IncidentSpool(spool_dir) as spool:
        found = collect(
            inputs,
            processor,
            spool,
            workers=workers,
            report=note,
            progress=progress_wanted(progress),
            keep_toponyms="gpkg" in wanted and schema == "incidentmap",
            articles=articles,
            since=since,
        )
        summary.articles, summary.toponyms = found.articles, found.toponyms
        summary.non_english, summary.skipped_since = found.non_english, found.skipped_since
        if not summary.articles:
            named = ", ".join(map(str, inputs))
            log.error("no article could be read%s", f" from {named}" if named else "")
            return summary
        summary.incidents = spool.finish(merge=merge)
        staged = write_results(
            spool,
            folder.staging,
            formats=wanted,
            write_map=write_map,
            escape_formulas=escape_formulas,
            schema=schema,
            map_options=map_options,
        )
        from .summary import SUMMARY_NAME

        report_file = run_report(summary, spool, inputs, folder).write(
            folder.staging / SUMMARY_NAME
        )
        staged.append(report_file)
        summary.outputs.extend(folder.commit(staged))
    return summary


def run_report(
    summary: RunSummary, spool: IncidentSpool, inputs: Sequence[str | Path], folder: Any
) -> Any:
    """Return the :class:`~incidentmap.summary.RunReport` of a run into a folder."""
    from .summary import SUMMARY_NAME, ArticleCounts, IncidentCounts, RunReport

    counts = IncidentCounts()
    for chunk in spool.chunks():
        counts.add_incidents("new", chunk)
        counts.add_incidents("total", chunk)
    articles = ArticleCounts(
        read=summary.articles + summary.skipped_since,
        new=summary.articles,
        skipped_since=summary.skipped_since,
        problems=len(summary.problems),
        non_english=summary.non_english,
    )
    return RunReport(
        articles=articles,
        incidents=counts,
        inputs=tuple(map(str, inputs)),
        outputs=(
            *(str(folder.path / p.name) for p in sorted(folder.staging.iterdir())),
            str(folder.path / SUMMARY_NAME),
        ),
    )


def spool_frames(spool: IncidentSpool, *, chunk_size: int = 5_000) -> Iterator[Any]:
    """Yield the spool's finished incidents as incident frames (at least one, maybe empty)."""
    from .frame import incidents_frame

    return _frames(spool.chunks(chunk_size), incidents_frame)


def _toponym_frames(spool: IncidentSpool) -> Iterator[Any]:
    from .frame import toponyms_frame

    return _frames(spool.toponym_chunks(), toponyms_frame)


def _frames(chunks: Iterable[list[Any]], build: Callable[[list[Any]], Any]) -> Iterator[Any]:
    """Build a frame of each chunk; an empty frame when there is none (writers need one)."""
    empty = True
    for chunk in chunks:
        empty = False
        yield build(chunk)
    if empty:
        yield build([])


def write_results(
    spool: IncidentSpool,
    out_dir: str | Path,
    *,
    formats: Sequence[str],
    write_map: bool,
    escape_formulas: bool = True,
    schema: str = "incidentmap",
    map_options: MapOptions | None = None,
) -> list[Path]:
    """Write a finished spool: each format chunk by chunk, then the map.

    The map shows every incident when there are at most
    :data:`~incidentmap.render.density.MAP_LIMIT`; above that it is a density map
    (:class:`~incidentmap.render.density.DensityGrid`), filled chunk by chunk.

    Returns
    -------
    list of pathlib.Path
        The files written, each followed by its sidecars (a CSV's ``.csvt`` and ``.prj``,
        a GeoPackage's toponyms).
    """
    from .export import write_output_stream
    from .export.sidecars import sidecar_paths

    out = Path(out_dir)
    written: list[Path] = []
    if formats:
        keep = "gpkg" in formats and schema == "incidentmap"
        for path in write_output_stream(
            lambda: spool_frames(spool),
            out,
            formats=formats,
            toponyms=(lambda: _toponym_frames(spool)) if keep else None,
            escape_formulas=escape_formulas,
            schema=schema,
        ):
            written += [path, *sidecar_paths(path)]
    if write_map:
        written.append(
            write_map_from(lambda: spool_frames(spool), len(spool), out, map_options=map_options)
        )
    return written


def write_map_from(
    frames: Callable[[], Iterable[Any]],
    count: int,
    out_dir: Path,
    *,
    map_options: MapOptions | None = None,
) -> Path:
    """Write ``out_dir/incidents.html`` from incident frames (``count`` incidents in all).

    At most :data:`~incidentmap.render.density.MAP_LIMIT` incidents are drawn one by
    one; above that the map is a density map
    (:class:`~incidentmap.render.density.DensityGrid`), filled frame by frame.
    """
    from .render import incident_map, save_map
    from .render.density import MAP_LIMIT, DensityGrid

    if count <= MAP_LIMIT:  # frames of 5,000 hold fewer Python objects at once
        import pandas as pd

        gdf = pd.concat(list(frames()), ignore_index=True)
    else:
        grid = DensityGrid()
        for frame in frames():
            grid.add(frame)
        gdf = grid.frame()
        log.info("%d incidents: drawing a density map (more than %d)", count, MAP_LIMIT)
    from dataclasses import asdict

    m = incident_map(gdf, **asdict(map_options or MapOptions()))
    return save_map(m, out_dir / "incidents.html")
