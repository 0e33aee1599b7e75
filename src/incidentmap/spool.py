"""A disk spool for the incidents of a run, so memory does not grow with the corpus.

A run over a million articles finds millions of incidents; kept as Python objects
they would need gigabytes before the cross-article merge could start. The
:class:`IncidentSpool` writes each article's incidents (and, if asked, its resolved
toponyms) to a temporary SQLite file as they arrive, then merges reports of the same
event in one sweep over dates (:func:`incidentmap.incidents.dedupe.event_groups`,
which holds only the reports of a few weeks at a time) and hands the result back
in chunks for the writers and the map. What stays in memory is one chunk, the
sweep's open reports and an integer per merged report.

The merged result is the same as :func:`incidentmap.pipeline.merge_across_articles`
on the same incidents, in the same order.

Examples
--------
>>> from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
>>> def report(article):
...     return Incident(id=article, article_id=article, event_type=EventType.RIOTS,
...         sub_event_type="Mob violence", event_date="2021-11-05",
...         time_precision=TimePrecision.DAY, location="Basra", place_id=None, lat=30.5,
...         lon=47.8, country_code="IQ", admin1=None, geo_precision=GeoPrecision.EXACT,
...         evidence="A mob attacked.", evidence_start=0, evidence_end=15)
>>> with IncidentSpool() as spool:
...     spool.add([report("b")])
...     spool.add([report("a")])
...     spool.finish(merge=True)
...     [(i.sources, i.article_ids) for chunk in spool.chunks() for i in chunk]
1
1
1
[(2, ('a', 'b'))]
"""

from __future__ import annotations

import logging
import os
import pickle
import re
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .errors import IncidentMapError
from .model import Incident, Toponym

if TYPE_CHECKING:  # pragma: no cover
    from .incidents.dedupe import MergeKey

__all__ = ["IncidentSpool"]

log = logging.getLogger("incidentmap")

_SCHEMA = """
CREATE TABLE reports (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    incident_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    first_day INTEGER,
    last_day INTEGER,
    lat REAL,
    lon REAL,
    article_ids TEXT NOT NULL,
    root INTEGER,
    layer_id TEXT,
    data BLOB NOT NULL
);
CREATE TABLE merged (seq INTEGER PRIMARY KEY, layer_id TEXT, fresh INTEGER NOT NULL DEFAULT 1,
    data BLOB NOT NULL);
CREATE TABLE toponyms (seq INTEGER PRIMARY KEY, article_id TEXT NOT NULL, data BLOB NOT NULL);
"""

_PROTOCOL = pickle.HIGHEST_PROTOCOL
_SEP = "\x1f"
#: Added to the article set of a layer's incident in the merge, so that no two incidents
#: of an existing layer are merged with each other (they were kept apart before).
_LAYER_MARK = "\x00layer"
_SPOOL_NAME = re.compile(r"incidentmap-spool-(?:(\d+)-)?\w+")
#: A spool folder of an older version (no owner in its name) is stale after this long.
_UNOWNED_STALE_S = 24 * 3600


def _remove_dead_spools(folder: Path) -> None:
    """Remove spool folders left by runs that were killed (their process is gone)."""
    from .locking import pid_alive

    try:
        found = list(folder.glob("incidentmap-spool-*"))
    except OSError:
        return
    for path in found:
        match = _SPOOL_NAME.fullmatch(path.name)
        if match is None or not path.is_dir() or path.is_symlink():
            continue
        try:
            if match.group(1) is not None:
                if pid_alive(int(match.group(1))):
                    continue
            elif time.time() - path.stat().st_mtime < _UNOWNED_STALE_S:
                continue
            shutil.rmtree(path)
        except OSError:
            continue
        log.info("removed %s, left by an interrupted run", path)


class IncidentSpool:
    """Incidents (and toponyms) of a run, kept in a temporary SQLite file.

    Use it as a context manager: :meth:`add` each article's incidents, call
    :meth:`finish` once, then read the result with :meth:`chunks` as often as needed.
    The file is deleted on exit.

    Parameters
    ----------
    directory
        Where to create the temporary file; the system's temporary folder (``$TMPDIR``)
        by default.
    max_km
        Largest distance between two reports of one event (see :meth:`finish`).
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None, *, max_km: float = 25.0):
        self.directory = directory
        self.max_km = max_km
        self._tmp: Path | None = None
        self._db: sqlite3.Connection | None = None
        self._reports = 0
        self._toponyms = 0
        self._merged: int | None = None

    def __enter__(self) -> IncidentSpool:
        where = str(self.directory) if self.directory is not None else tempfile.gettempdir()
        try:
            if self.directory is not None:
                Path(self.directory).mkdir(parents=True, exist_ok=True)
            _remove_dead_spools(Path(where))
            prefix = f"incidentmap-spool-{os.getpid()}-"  # the owner, for the next run's sweep
            self._tmp = Path(tempfile.mkdtemp(prefix=prefix, dir=self.directory))
        except OSError as exc:
            raise IncidentMapError(
                f"cannot create a temporary folder in {where!r}: {exc.strerror or exc}"
            ) from exc
        db = sqlite3.connect(self._tmp / "spool.sqlite", isolation_level=None)
        db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA temp_store=FILE;"
            "PRAGMA cache_size=-32768;" + _SCHEMA
        )
        db.execute("BEGIN")
        self._db = db
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._tmp is not None:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None

    @property
    def db(self) -> sqlite3.Connection:
        """The open SQLite connection."""
        if self._db is None:
            raise IncidentMapError("the incident spool is not open; use it in a with block")
        return self._db

    def add(self, incidents: Iterable[Incident], *, from_layer: bool = False) -> int:
        """Store incidents (any number of articles' worth); return how many were added.

        With ``from_layer``, the incidents are those of an existing layer that new
        reports may merge into (:mod:`incidentmap.layer`): each joins at most one group,
        never together with another incident of the layer, and a group that holds one
        keeps its id. :meth:`layer_updates` and :meth:`fresh_chunks` read the result.
        """
        from .incidents.dedupe import date_range

        if self._merged is not None:
            raise IncidentMapError("cannot add incidents to a finished spool")
        rows = []
        marks = (_LAYER_MARK,) if from_layer else ()
        for inc in incidents:
            first = last = None
            if (
                not inc.background
                and inc.event_date is not None
                and inc.lat is not None
                and inc.lon is not None
            ):
                days = date_range(inc.event_date, inc.time_precision)
                first, last = days[0].toordinal(), days[1].toordinal()
            rows.append(
                (
                    inc.article_id,
                    inc.evidence_start,
                    inc.id,
                    str(inc.event_type),
                    first,
                    last,
                    inc.lat,
                    inc.lon,
                    _SEP.join((*(inc.article_ids or (inc.article_id,)), *marks)),
                    inc.id if from_layer else None,
                    pickle.dumps(inc, protocol=_PROTOCOL),
                )
            )
        self.db.executemany(
            "INSERT INTO reports (article_id, evidence_start, incident_id, event_type, first_day,"
            " last_day, lat, lon, article_ids, layer_id, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        self._reports += len(rows)
        return len(rows)

    def add_toponyms(self, article_id: str, toponyms: Iterable[Toponym]) -> int:
        """Store an article's resolved toponyms (unresolved ones are skipped)."""
        rows = [
            (article_id, pickle.dumps(t, protocol=_PROTOCOL))
            for t in toponyms
            if t.place is not None
        ]
        self.db.executemany("INSERT INTO toponyms (article_id, data) VALUES (?, ?)", rows)
        self._toponyms += len(rows)
        return len(rows)

    @property
    def reports(self) -> int:
        """How many incidents were added."""
        return self._reports

    @property
    def toponyms(self) -> int:
        """How many resolved toponyms were added."""
        return self._toponyms

    def __len__(self) -> int:
        """Return the number of incidents after :meth:`finish` (of reports before it)."""
        return self._reports if self._merged is None else self._merged

    def finish(self, *, merge: bool = True) -> int:
        """Order the reports by article and offset, merging reports of the same event.

        Parameters
        ----------
        merge
            Merge reports of one event from different articles (see
            :func:`incidentmap.incidents.dedupe.merge_incidents`); without it every
            report is kept as it is.

        Returns
        -------
        int
            The number of incidents in the result.
        """
        from .incidents.dedupe import combine_reports, event_groups

        if self._merged is not None:
            raise IncidentMapError("the incident spool is already finished")
        db = self.db
        roots: dict[int, int] = {}
        if merge:
            db.execute(
                "CREATE INDEX reports_day ON reports (first_day) WHERE first_day IS NOT NULL"
            )
            roots = event_groups(self._keys(), max_km=self.max_km)
            db.executemany(
                "UPDATE reports SET root = ? WHERE seq = ?", ((r, s) for s, r in roots.items())
            )
            db.execute("CREATE INDEX reports_root ON reports (root) WHERE root IS NOT NULL")
        order = db.execute(
            "SELECT seq, root, layer_id, data FROM reports"
            " ORDER BY article_id, evidence_start, incident_id"
        )
        done: set[int] = set()
        batch: list[tuple[str | None, int, bytes]] = []
        insert = "INSERT INTO merged (layer_id, fresh, data) VALUES (?, ?, ?)"
        count = 0
        for _, root, layer_id, data in order:
            fresh = layer_id is None
            if root is None:
                inc = combine_reports([pickle.loads(data)]) if merge else pickle.loads(data)
            elif root in done:
                continue
            else:
                done.add(root)
                group, layer_ids = self._group(root)
                inc = combine_reports(group)
                fresh = len(layer_ids) < len(group)
                if layer_ids:  # a layer's incident keeps its id when reports join it
                    layer_id = layer_ids[0]
                    inc = replace(inc, id=layer_id)
            batch.append((layer_id, int(fresh), pickle.dumps(inc, protocol=_PROTOCOL)))
            count += 1
            if len(batch) >= 5_000:
                db.executemany(insert, batch)
                batch.clear()
        db.executemany(insert, batch)
        db.execute("COMMIT")
        db.execute("BEGIN")
        self._merged = count
        return count

    def _keys(self) -> Iterator[MergeKey]:
        from .incidents.dedupe import MergeKey

        rows = self.db.execute(
            "SELECT seq, event_type, first_day, last_day, lat, lon, article_ids FROM reports"
            " WHERE first_day IS NOT NULL"
            " ORDER BY first_day, last_day, article_id, evidence_start, incident_id"
        )
        for seq, kind, first, last, lat, lon, articles in rows:
            yield MergeKey(seq, kind, first, last, lat, lon, frozenset(articles.split(_SEP)))

    def _group(self, root: int) -> tuple[list[Incident], list[str]]:
        rows = self.db.execute(
            "SELECT layer_id, data FROM reports WHERE root = ?"
            " ORDER BY article_id, evidence_start, incident_id",
            (root,),
        ).fetchall()
        layer_ids = [layer_id for layer_id, _ in rows if layer_id is not None]
        return [pickle.loads(data) for _, data in rows], layer_ids

    def chunks(self, size: int = 20_000) -> Iterator[list[Incident]]:
        """Yield the finished incidents in order, ``size`` at a time.

        Raises
        ------
        IncidentMapError
            If :meth:`finish` was not called.
        """
        if self._merged is None:
            raise IncidentMapError("call IncidentSpool.finish() before reading the incidents")
        yield from self._read("SELECT data FROM merged ORDER BY seq", size)

    def fresh_chunks(self, size: int = 20_000) -> Iterator[list[Incident]]:
        """Yield the finished incidents that are not in the layer, ``size`` at a time.

        These are the incidents of new reports that merged with no incident of the layer
        (see :meth:`add` with ``from_layer``); without a layer, every incident.
        """
        if self._merged is None:
            raise IncidentMapError("call IncidentSpool.finish() before reading the incidents")
        yield from self._read("SELECT data FROM merged WHERE layer_id IS NULL ORDER BY seq", size)

    def layer_updates(self) -> Iterator[Incident]:
        """Yield the layer's incidents that new reports merged into, as merged (same id)."""
        if self._merged is None:
            raise IncidentMapError("call IncidentSpool.finish() before reading the incidents")
        for chunk in self._read(
            "SELECT data FROM merged WHERE layer_id IS NOT NULL AND fresh = 1 ORDER BY seq",
            5_000,
        ):
            yield from chunk

    def toponym_chunks(self, size: int = 50_000) -> Iterator[list[tuple[str, Toponym]]]:
        """Yield the stored ``(article id, toponym)`` pairs in order, ``size`` at a time."""
        rows = self.db.execute("SELECT article_id, data FROM toponyms ORDER BY seq")
        while batch := rows.fetchmany(size):
            yield [(article_id, pickle.loads(data)) for article_id, data in batch]

    def _read(self, sql: str, size: int, params: Sequence[object] = ()) -> Iterator[list[Incident]]:
        rows = self.db.execute(sql, params)
        while batch := rows.fetchmany(size):
            yield [pickle.loads(data) for (data,) in batch]
