"""``incidentmap run NEW --into LAYER``: add new articles' incidents to an existing layer.

:func:`update_layer` reads the keys of the articles the layer already holds, processes
only articles it has not seen (by id, URL or content hash: a second run on the same
input adds nothing), merges the new reports with each other and with the layer's
incidents by the cross-article rule of a run (:mod:`incidentmap.incidents.dedupe`,
through :class:`~incidentmap.spool.IncidentSpool`), and writes the new layer beside the
old one before renaming it into place, so an interrupted run leaves the layer as it was.
The map and the run summary are drawn from the whole layer into an output folder.

Memory does not grow with the layer: the keys of processed articles wait in the spool's
SQLite file, the only incidents of the layer that are loaded are those dated within a
merge window of the new reports (and they go to the spool too), and the layer is copied
into its new version 5,000 incidents at a time.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ArticleError, ExportError, InputError
from ..model import Article
from ..summary import SUMMARY_NAME, ArticleCounts, IncidentCounts, RunReport
from .processed import PROCESSED_COLUMNS, ProcessedArticle, SeenArticles
from .store import DateWindows, LayerFile, day_windows

if TYPE_CHECKING:  # pragma: no cover
    from ..gazetteer import Gazetteer
    from ..geocoders import FallbackGeocoder
    from ..online.fetch import Fetcher
    from ..pipeline import MapOptions
    from ..spool import IncidentSpool

__all__ = ["LayerUpdate", "merge_windows", "new_run_id", "update_layer"]

log = logging.getLogger("incidentmap")


def new_run_id() -> str:
    """Return a new run id: the UTC time and a random suffix.

    >>> len(new_run_id().split("-")[1])
    6
    """
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return f"{now}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class LayerUpdate:
    """What :func:`update_layer` did."""

    report: RunReport
    problems: tuple[InputError, ...]

    @property
    def exit_status(self) -> int:
        """3 if an article crashed a stage, else 0 (also when every article was seen)."""
        from ..pipeline import EXIT_CRASHED, EXIT_NOTHING_READ, EXIT_OK

        if any(isinstance(p, ArticleError) for p in self.problems):
            return EXIT_CRASHED
        return EXIT_OK if self.report.articles.read else EXIT_NOTHING_READ


def _fresh(
    articles: Iterable[Article],
    seen: SeenArticles,
    counts: ArticleCounts,
    since: dt.date | None,
) -> Iterator[Article]:
    """Yield the articles not processed before (nor older than ``since``), counting."""
    for article in articles:
        counts.read += 1
        if since is not None and article.published is not None and article.published < since:
            counts.skipped_since += 1
            continue
        why = seen.claim(article)
        if why is None:
            yield article
            continue
        counts.skipped_seen += 1
        where = f"{article.source}:{article.line}" if article.line else article.source
        if why == "id only":
            log.warning(
                "%s: skipped: the layer has an article with id %r and another text; give "
                'this one an id of its own (an `id:` line in its front matter, an "id" '
                "field) to add it",
                where or article.id,
                article.id,
            )
        else:
            log.debug("already processed (same %s): %s", why, where or article.id)


def merge_windows(spool: IncidentSpool) -> DateWindows:
    """Return the dates of the layer's incidents that the spool's new reports may merge with.

    A layer incident dated ``e`` to the day may merge with a report whose days run from
    ``n0`` to ``n1`` when ``n0 - 1 <= e <= n1 + 1`` (one day of tolerance); to the week,
    its range is ``e - 3 .. e + 9``; to a month or vaguer, ``e .. e + 91``
    (:func:`incidentmap.incidents.dedupe.date_range`).
    """

    def windows(before: int, after: int) -> tuple[tuple[str, str], ...]:
        ranges = spool.db.execute(
            "SELECT first_day - ?, last_day + ? FROM reports WHERE first_day IS NOT NULL",
            (before, after),
        )
        return tuple(
            (dt.date.fromordinal(a).isoformat(), dt.date.fromordinal(b).isoformat())
            for a, b in day_windows(ranges)
        )

    return DateWindows(precise=windows(10, 4), coarse=windows(92, 1))


def _candidates(layer: LayerFile, spool: IncidentSpool) -> int:
    """Put the layer's incidents that new reports may merge with into ``spool``."""
    from ..frame import frame_to_incidents

    windows = merge_windows(spool)
    if not layer.exists or not (windows.precise or windows.coarse):
        return 0
    added = 0
    for frame in layer.incident_frames(windows=windows):
        try:
            incidents = frame_to_incidents(frame)
        except ValueError as exc:  # an event type edited by hand into something else
            log.warning("%s: incidents left out of the merge: %s", layer.path, exc)
            continue
        added += spool.add(incidents, from_layer=True)
    return added


def _aligned(frame: Any, columns: Sequence[str]) -> Any:
    """Return ``frame`` with exactly ``columns`` (a layer's extra columns added empty)."""
    if list(frame.columns) == list(columns):
        return frame
    return frame.reindex(columns=list(columns))


def update_layer(
    inputs: Sequence[str | Path],
    layer_path: str | Path,
    out_dir: str | Path,
    *,
    urls: Sequence[str] = (),
    fetcher: Fetcher | None = None,
    gazetteer: Gazetteer | None = None,
    formats: Sequence[str] = (),
    write_map: bool = True,
    workers: int | None = None,
    demonyms: bool = True,
    geocoder: FallbackGeocoder | None = None,
    merge: bool = True,
    since: dt.date | None = None,
    progress: bool | None = None,
    report: Callable[[InputError], None] | None = None,
    spool_dir: str | Path | None = None,
    wait: bool = False,
    escape_formulas: bool = True,
    codebook: str | Path | None = None,
    schema: str = "incidentmap",
    map_options: MapOptions | None = None,
) -> LayerUpdate:
    """Add the incidents of new articles to an incident layer, atomically.

    Parameters
    ----------
    inputs
        Files, folders, ``-`` and, with a ``fetcher``, URLs of articles or feeds (see
        :func:`incidentmap.online.input_articles`).
    layer_path
        A GeoPackage (``.gpkg``) or GeoParquet (``.parquet``) layer; created if missing.
    out_dir
        Folder for the map of the whole layer, ``run-summary.json`` and ``formats``.
    urls
        More URLs (``--urls FILE``).
    fetcher
        Fetches URLs (:class:`incidentmap.online.Fetcher`); a URL without one is refused.
        A URL processed before is not fetched again.
    formats
        Exports of the whole layer to write into ``out_dir`` (none by default).
    schema
        Column names of those exports (the layer itself is always in incidentmap's).
    since
        Skip articles published before this day (articles without a date are kept).
    gazetteer, write_map, workers, demonyms, geocoder, merge, progress, report, spool_dir, \
wait, escape_formulas, codebook, map_options
        As for :func:`incidentmap.pipeline.run`.

    Returns
    -------
    LayerUpdate

    Raises
    ------
    InputError
        If the layer is not a layer incidentmap can update.
    ExportError
        If another run is updating the layer (without ``wait``) or it cannot be written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from incidentmap.gazetteer import Gazetteer
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Protesters marched in Baghdad on 5 May 2024.")
    >>> done = update_layer([folder], folder / "layer.gpkg", folder / "out", write_map=False)
    >>> done.report.articles.new, (folder / "layer.gpkg").is_file()
    (1, True)
    >>> update_layer([folder], folder / "layer.gpkg", folder / "out").report.articles.new
    0
    """
    from ..export.atomic import temporary_sibling
    from ..export.staging import OutputFolder
    from ..gazetteer import Gazetteer
    from ..locking import FileLock
    from ..online.inputs import input_articles
    from ..pipeline import Processor, iter_results, load_codebook, note_language
    from ..progress import progress_wanted, with_progress
    from ..spool import IncidentSpool

    layer = LayerFile(layer_path)
    layer.check()
    taxonomy = load_codebook(codebook)  # a bad row is reported before the work
    run_id = new_run_id()
    started = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    problems: list[InputError] = []
    counts = ArticleCounts()

    def note(problem: InputError) -> None:
        problems.append(problem)
        counts.problems += 1
        if report is not None:
            report(problem)
        else:
            log.warning("%s: %s", problem.verdict, problem)

    try:
        layer.path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder of {str(layer.path)!r}: {exc}") from exc
    lock = FileLock(layer.path.with_name(f".{layer.path.name}.lock"))
    if not lock.acquire(blocking=False):
        if not wait:
            raise ExportError(
                f"another incidentmap run is updating {str(layer.path)!r}; wait for it to "
                "finish or pass --wait to queue behind it"
            )
        log.info("waiting for the other run updating %s", layer.path)
        lock.acquire()
    layer.sweep()
    gaz = gazetteer if gazetteer is not None else Gazetteer.default()
    processor = Processor(gaz, demonyms=demonyms, geocoder=geocoder, taxonomy=taxonomy)
    written: list[Path] = []
    try:
        with OutputFolder(out_dir, wait=wait) as folder, IncidentSpool(spool_dir) as spool:
            seen = SeenArticles(spool.db)
            for rows in layer.processed_keys():
                seen.load(rows)

            def skipped(kind: str) -> None:  # a URL left unfetched
                counts.read += 1
                if kind == "seen":
                    counts.skipped_seen += 1
                else:
                    counts.skipped_since += 1

            stream = input_articles(
                inputs,
                urls=urls,
                fetcher=fetcher,
                report=note,
                since=since,
                seen_url=seen.seen_url,
                skipped=skipped,
            )
            results = iter_results(
                _fresh(stream, seen, counts, since), processor, workers=workers, report=note
            )
            for result in with_progress(results, enabled=progress_wanted(progress)):
                counts.new += 1
                counts.non_english += note_language(result.article, seen=counts.non_english)
                spool.add(result.incidents)
                seen.record(
                    ProcessedArticle.of(
                        result.article, incidents=len(result.incidents), run_id=run_id
                    )
                )
            if merge and counts.new:
                _candidates(layer, spool)
            spool.finish(merge=merge)
            incidents = IncidentCounts()
            updates = {inc.id: inc for inc in spool.layer_updates()}
            incidents.add_incidents("merged", updates.values())
            for chunk in spool.fresh_chunks(5_000):
                incidents.add_incidents("new", chunk)
            frames = _LayerFrames(layer, spool, updates)
            if counts.new or not layer.exists:
                tmp = temporary_sibling(layer.path)
                written = [tmp]
                written = layer.write(
                    tmp,
                    incidents=lambda: frames(count_into=incidents),
                    processed=lambda: _processed(layer, seen),
                    run_id=run_id,
                )
            else:  # nothing new: the layer stays as it is
                for frame in frames():
                    incidents.add_frame("total", frame)
            staged: list[Path] = []
            if formats:
                from ..export import parse_formats, write_output_stream
                from ..export.sidecars import sidecar_paths

                for path in write_output_stream(
                    frames,
                    folder.staging,
                    formats=parse_formats(",".join(formats)),
                    escape_formulas=escape_formulas,
                    schema=schema,
                ):
                    staged += [path, *sidecar_paths(path)]
            if write_map:
                from ..pipeline import write_map_from

                staged.append(
                    write_map_from(frames, incidents.total, folder.staging, map_options=map_options)
                )
            outputs = [str(layer.path), *(str(folder.path / p.name) for p in staged)]
            summary = RunReport(
                articles=counts,
                incidents=incidents,
                layer=str(layer.path),
                run_id=run_id,
                started=started,
                inputs=tuple(map(str, inputs)),
                outputs=(*outputs, str(folder.path / SUMMARY_NAME)),
            )
            staged.append(summary.write(folder.staging / SUMMARY_NAME))
            if written:
                layer.commit(written)
                written = []
            folder.commit(staged)
    finally:
        layer.discard(written)
        lock.release()
    return LayerUpdate(summary, tuple(problems))


class _LayerFrames:
    """The frames of the updated layer, callable again for every output.

    The layer's incidents come first (those new reports merged into replaced), then the
    new ones.
    """

    def __init__(self, layer: LayerFile, spool: IncidentSpool, updates: dict[str, Any]):
        self.layer, self.spool, self.updates = layer, spool, updates

    def __call__(self, *, count_into: IncidentCounts | None = None) -> Iterator[Any]:
        from ..frame import incidents_frame

        columns: list[str] | None = None
        for frame in self._frames():
            if columns is None:
                columns = list(frame.columns)
            frame = _aligned(frame, columns)
            if count_into is not None:
                count_into.add_frame("total", frame)
            yield frame
        if columns is None:
            yield incidents_frame([])

    def _frames(self) -> Iterator[Any]:
        from ..frame import incidents_frame

        for frame in self.layer.incident_frames():
            if self.updates:
                replaced = frame["id"].isin(list(self.updates)).to_numpy()
                if replaced.any():
                    old = frame[replaced]
                    merged = incidents_frame([self.updates[i] for i in old["id"]])
                    for column in frame.columns:  # columns added in a GIS keep their values
                        if column not in merged.columns:
                            merged[column] = old[column].to_numpy()
                    yield frame[~replaced]
                    yield merged
                    continue
            yield frame
        for chunk in self.spool.fresh_chunks(5_000):
            yield incidents_frame(chunk)


def _processed(layer: LayerFile, seen: SeenArticles) -> Iterator[Any]:
    import pyarrow as pa

    from .store import _PROCESSED_SCHEMA

    schema = _PROCESSED_SCHEMA()
    found = False
    for table in layer.processed_tables():
        found = True
        yield table.cast(schema)
    if not found and layer.exists:  # a layer of `incidentmap run`: the articles it names
        for rows in seen.earlier_rows():
            yield pa.table(
                {
                    name: pa.array(values, type=schema.field(name).type)
                    for name, values in zip(PROCESSED_COLUMNS, zip(*rows, strict=True), strict=True)
                },
                schema=schema,
            )
    for rows in seen.new_rows():
        columns = list(zip(*rows, strict=True))
        yield pa.table(
            {
                name: pa.array(list(values), type=schema.field(name).type)
                for name, values in zip(PROCESSED_COLUMNS, columns, strict=True)
            },
            schema=schema,
        )
