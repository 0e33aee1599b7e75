"""One incident per event: compatibility tests and the cross-article merge.

Two reports describe the same event when they have the same event type, their dates
are compatible within their precision and their places lie within ``max_km`` of each
other. A date stands for a range: a day, a week or approximate date (the 7 days from
its first day, ±3 days), a month or vaguer (the 3 months from its first day, covering
months and seasons); two ranges are compatible when they overlap or are one day apart
(time zones, overnight events). A report joins a group of reports only when it is
compatible with each of them (:func:`event_groups`), so reports of events a day apart
do not chain into one.

The merged incident keeps the most precise date (the earliest among equally precise
ones) and the most precise place, the highest casualty counts any report gives (never
a sum: reports of one event overlap), every actor and note, and every source.

Examples
--------
>>> import datetime as dt
>>> dates_compatible("2021-11-05", 1, "2021-11-01", 2)
True
>>> dates_compatible("2021-11-05", 1, "2021-07-01", 3)
False
>>> round(haversine_km(33.34, 44.40, 33.31, 44.39), 1)
3.5
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from ..gazetteer.kinds import EARTH_RADIUS_KM, KM_PER_DEGREE, haversine_km
from ..model import Incident, TimePrecision

__all__ = [
    "MergeKey",
    "combine_reports",
    "date_range",
    "dates_compatible",
    "event_groups",
    "haversine_km",
    "incident_id",
    "merge_incidents",
    "sorted_keys",
]

_EARTH_KM = EARTH_RADIUS_KM
_KM_PER_DEGREE = KM_PER_DEGREE

_SPAN = {TimePrecision.DAY: (0, 1), TimePrecision.WEEK: (3, 7), TimePrecision.MONTH: (0, 92)}


def incident_id(article_id: str, evidence_start: int, event_type: str, detail: str = "") -> str:
    """Return the stable identifier of an incident: the same input gives the same id.

    ``detail`` tells apart incidents of one type first reported in one sentence (the
    trigger's offset, the place of each town in a list).

    >>> incident_id("a1", 0, "Protests") == incident_id("a1", 0, "Protests")
    True
    """
    raw = f"{article_id}\x1f{evidence_start}\x1f{event_type}\x1f{detail}".encode()
    return hashlib.sha1(raw).hexdigest()[:16]


def date_range(date: str | dt.date, precision: int) -> tuple[dt.date, dt.date]:
    """Return the days (first, last) a date of the given precision may stand for."""
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    slack, length = _SPAN[TimePrecision(precision)]
    return day - dt.timedelta(days=slack), day + dt.timedelta(days=max(length - 1, 0) + slack)


def dates_compatible(
    a: str | dt.date | None,
    a_precision: int,
    b: str | dt.date | None,
    b_precision: int,
    *,
    tolerance_days: int = 1,
) -> bool:
    """Whether two dates may name the same day; an unknown date is compatible with any.

    ``tolerance_days`` allows for reports of one event a day apart (time zones, overnight
    events); within one article, where the writer dates each event, use 0.
    """
    if a is None or b is None:
        return True
    a0, a1 = date_range(a, a_precision)
    b0, b1 = date_range(b, b_precision)
    slack = dt.timedelta(days=tolerance_days)
    return a0 - slack <= b1 and b0 - slack <= a1


def _max(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def combine_reports(group: Sequence[Incident]) -> Incident:
    """Return one incident from the reports of one event (one report gets its source fields).

    The group should be in reading order (article id, then offset): ties are broken
    by that order.
    """
    if len(group) == 1:
        inc = group[0]
        return replace(
            inc,
            sources=max(inc.sources, 1),
            article_ids=inc.article_ids or (inc.article_id,),
            source_urls=inc.source_urls or _unique([inc.source_url or ""]),
        )
    dated = [i for i in group if i.event_date is not None]
    when = min(dated, key=lambda i: (i.time_precision, i.event_date or ""))
    where = min(group, key=lambda i: (i.geo_precision, -i.confidence))
    first = min(group, key=lambda i: (-i.confidence, i.article_id, i.evidence_start))
    article_ids = _unique(a for i in group for a in (i.article_ids or (i.article_id,)))
    urls = _unique(u for i in group for u in (i.source_urls or (i.source_url or "",)))
    merged_id = hashlib.sha1("\x1f".join(sorted(i.id for i in group)).encode()).hexdigest()[:16]
    return replace(
        first,
        id=merged_id,
        event_date=when.event_date,
        time_precision=when.time_precision,
        date_text=when.date_text,
        location=where.location,
        place_id=where.place_id,
        lat=where.lat,
        lon=where.lon,
        country_code=where.country_code,
        admin1=where.admin1,
        geo_precision=where.geo_precision,
        area_wkt=where.area_wkt,
        fatalities=_max(i.fatalities for i in group),
        injured=_max(i.injured for i in group),
        actors=_unique(a for i in group for a in i.actors),
        confidence=round(min(0.99, max(i.confidence for i in group) + 0.05 * (len(group) - 1)), 2),
        sources=len(article_ids),
        article_ids=article_ids,
        source_urls=urls,
        notes=_unique(n for i in group for n in i.notes),
    )


@dataclass(frozen=True, slots=True)
class MergeKey:
    """What the cross-article merge compares of one report.

    ``first_day`` and ``last_day`` are the proleptic ordinals
    (:meth:`datetime.date.toordinal`) of the report's :func:`date_range`.
    """

    index: int
    event_type: str
    first_day: int
    last_day: int
    lat: float
    lon: float
    article_ids: frozenset[str]

    @classmethod
    def of(cls, index: int, incident: Incident) -> MergeKey | None:
        """Return the key of a report, ``None`` if it cannot merge (background, no date or place).

        >>> from incidentmap.model import EventType, GeoPrecision
        >>> inc = Incident(id="i", article_id="a", event_type=EventType.RIOTS,
        ...     sub_event_type="Mob violence", event_date="2021-11-05",
        ...     time_precision=TimePrecision.DAY, location=None, place_id=None, lat=33.3,
        ...     lon=44.4, country_code=None, admin1=None, geo_precision=GeoPrecision.EXACT,
        ...     evidence="A mob attacked.", evidence_start=0, evidence_end=15)
        >>> key = MergeKey.of(7, inc)
        >>> key.index, key.last_day - key.first_day, sorted(key.article_ids)
        (7, 0, ['a'])
        """
        if incident.background or incident.event_date is None:
            return None
        if incident.lat is None or incident.lon is None:
            return None
        first, last = date_range(incident.event_date, incident.time_precision)
        return cls(
            index,
            str(incident.event_type),
            first.toordinal(),
            last.toordinal(),
            incident.lat,
            incident.lon,
            frozenset(incident.article_ids or (incident.article_id,)),
        )


def _lon_cells(lat: float, cell: float, max_km: float) -> int:
    """How many grid columns either side may hold a point within ``max_km`` of ``lat``."""
    lat_max = min(90.0, abs(lat) + cell)
    ratio = math.sin(max_km / (2 * _EARTH_KM)) / max(math.cos(math.radians(lat_max)), 1e-12)
    if ratio >= 1:
        return 1 << 30
    return math.ceil(math.degrees(2 * math.asin(ratio)) / cell)


@dataclass(slots=True)
class _Group:
    """An open group of reports: its first report, members and the bounds they set."""

    started: int  # position in the sweep of the first report
    first: MergeKey
    cell: tuple[int, int]
    min_last: int  # a new report must start (within tolerance) before this day
    articles: set[str]
    radius: float = 0.0  # largest distance of a member from the first report
    members: list[MergeKey] = field(default_factory=list)


def event_groups(
    keys: Iterable[MergeKey], *, max_km: float = 25.0, tolerance_days: int = 1
) -> dict[int, int]:
    """Group reports of the same event, reading keys in order of ``first_day``.

    Two reports can be of one event when they have the same event type, come from
    different articles, their date ranges overlap or lie ``tolerance_days`` apart, and
    they are at most ``max_km`` apart. A report joins a group only if it can be of one
    event with *every* report in it (complete linkage), the group whose first report is
    nearest when several qualify (then the group started first); otherwise it starts a
    group. Chains therefore do not form: daily protests in one square, each day's
    reports a day from the next, stay one incident a day rather than one incident
    lasting weeks.

    The sweep keeps only the groups that can still take a report, indexed by the grid
    cell (about ``max_km`` high) of their first report, and checks a report against the
    groups of the neighbouring cells, with each group's date bound, article set and
    radius, so the work and memory follow the events of a few weeks, not the corpus.

    Parameters
    ----------
    keys
        :class:`MergeKey` of each mergeable report, sorted by ``first_day`` (ties in a
        fixed order, e.g. ``last_day`` then reading order: the grouping depends on it).
    max_km, tolerance_days
        As above.

    Returns
    -------
    dict
        ``index -> index of the group's first report``, for the reports that merged
        with another (the first one included); the others are left out.

    Raises
    ------
    ValueError
        If the keys are not sorted by ``first_day``.
    """
    cell_size = max_km / _KM_PER_DEGREE
    columns = max(1, math.ceil(360.0 / cell_size))
    roots: dict[int, int] = {}
    # per event type: open groups by the grid cell of their first report, and a heap of
    # (day after which a group can take no report, its start, its first report's index)
    grids: dict[str, dict[tuple[int, int], dict[int, _Group]]] = defaultdict(dict)
    heaps: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    open_groups: dict[int, _Group] = {}

    def close(group: _Group, grid: dict[tuple[int, int], dict[int, _Group]]) -> None:
        index = group.first.index
        del open_groups[index]
        bucket = grid[group.cell]
        del bucket[index]
        if not bucket:
            del grid[group.cell]
        if len(group.members) > 1:
            roots.update((m.index, index) for m in group.members)

    previous = -(1 << 62)
    for position, key in enumerate(keys):
        if key.first_day < previous:
            raise ValueError("event_groups needs keys sorted by first_day")
        previous = key.first_day
        grid, heap = grids[key.event_type], heaps[key.event_type]
        while heap and heap[0][0] + tolerance_days < key.first_day:
            min_last, _, index = heapq.heappop(heap)
            group = open_groups.get(index)
            if group is not None and group.min_last == min_last:
                close(group, grid)
        row = math.floor(key.lat / cell_size)
        col = math.floor((key.lon + 180.0) / cell_size) % columns
        span = _lon_cells(key.lat, cell_size, max_km)
        if 2 * span + 1 >= columns:
            near: Iterable[dict[int, _Group]] = list(grid.values())
        else:
            near = [
                found
                for dy in (-1, 0, 1)
                for dx in range(-span, span + 1)
                if (found := grid.get((row + dy, (col + dx) % columns))) is not None
            ]
        best: tuple[float, int, _Group] | None = None
        for bucket in near:
            for group in bucket.values():
                if key.first_day - tolerance_days > group.min_last:
                    continue  # max_first <= key.first_day, so the other bound holds
                if not group.articles.isdisjoint(key.article_ids):
                    continue
                first = group.first
                distance = haversine_km(key.lat, key.lon, first.lat, first.lon)
                if distance > max_km:
                    continue
                if distance + group.radius > max_km and any(
                    haversine_km(key.lat, key.lon, m.lat, m.lon) > max_km for m in group.members
                ):
                    continue
                if best is None or (distance, group.started) < best[:2]:
                    best = (distance, group.started, group)
        if best is None:
            group = _Group(position, key, (row, col), key.last_day, set(key.article_ids))
            group.members.append(key)
            open_groups[key.index] = group
            grid.setdefault((row, col), {})[key.index] = group
            heapq.heappush(heap, (key.last_day, position, key.index))
            continue
        distance, _, group = best
        group.members.append(key)
        group.articles |= key.article_ids
        group.radius = max(group.radius, distance)
        if key.last_day < group.min_last:
            group.min_last = key.last_day
            heapq.heappush(heap, (key.last_day, group.started, group.first.index))
    for group in open_groups.values():
        if len(group.members) > 1:
            roots.update((m.index, group.first.index) for m in group.members)
    return roots


def sorted_keys(incidents: Sequence[Incident]) -> list[MergeKey]:
    """Return the keys of the mergeable incidents, sorted for :func:`event_groups`.

    Ties on ``first_day`` are ordered by ``last_day``, then by position in ``incidents``.
    """
    keys = [k for i, inc in enumerate(incidents) if (k := MergeKey.of(i, inc)) is not None]
    keys.sort(key=lambda k: (k.first_day, k.last_day, k.index))
    return keys


def merge_incidents(incidents: Iterable[Incident], *, max_km: float = 25.0) -> list[Incident]:
    """Merge reports of the same event from different articles.

    Parameters
    ----------
    incidents
        Incidents from any number of articles (already one per event within each).
    max_km
        Largest distance between two reports of one event.

    Returns
    -------
    list of Incident
        One incident per event, in order of first appearance; ``sources`` counts the
        distinct articles, ``article_ids`` and ``source_urls`` list them. Background
        incidents and incidents without date or coordinates are passed through.
    """
    items = list(incidents)
    root = event_groups(sorted_keys(items), max_km=max_km)
    groups: dict[int, list[Incident]] = defaultdict(list)
    order: list[int] = []
    for index, inc in enumerate(items):
        first = root.get(index, index)
        if first not in groups:
            order.append(first)
        groups[first].append(inc)
    return [combine_reports(groups[first]) for first in order]
