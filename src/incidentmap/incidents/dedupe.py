"""One incident per event: compatibility tests and the cross-article merge.

Two reports describe the same event when they have the same event type, their dates
are compatible within their precision and their places lie within ``max_km`` of each
other. A date stands for a range: a day, a week or approximate date (the 7 days from
its first day, ±3 days), a month or vaguer (the 3 months from its first day, covering
months and seasons); two ranges are compatible when they overlap or are one day apart
(time zones, overnight events).

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
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..model import Incident, TimePrecision

__all__ = ["date_range", "dates_compatible", "haversine_km", "incident_id", "merge_incidents"]

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


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _same_event(a: Incident, b: Incident, max_km: float) -> bool:
    if a.event_type != b.event_type or a.background or b.background:
        return False
    if set(a.article_ids or (a.article_id,)) & set(b.article_ids or (b.article_id,)):
        return False  # one article's incidents were already told apart
    if a.event_date is None or b.event_date is None:
        return False
    if not dates_compatible(a.event_date, a.time_precision, b.event_date, b.time_precision):
        return False
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def _max(values: Iterable[int | None]) -> int | None:
    known = [v for v in values if v is not None]
    return max(known) if known else None


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def _combine(group: Sequence[Incident]) -> Incident:
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
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_type: dict[str, list[int]] = defaultdict(list)
    for index, inc in enumerate(items):
        if inc.event_date is not None and inc.lat is not None and not inc.background:
            by_type[inc.event_type.value].append(index)
    for indexes in by_type.values():
        ranged = sorted(
            indexes,
            key=lambda i: date_range(items[i].event_date or "", items[i].time_precision),
        )
        active: list[tuple[dt.date, int]] = []
        for i in ranged:
            lo, hi = date_range(items[i].event_date or "", items[i].time_precision)
            active = [(end, j) for end, j in active if end >= lo]
            for _, j in active:
                if _same_event(items[i], items[j], max_km):
                    parent[find(i)] = find(j)
            active.append((hi, i))
    groups: dict[int, list[Incident]] = defaultdict(list)
    order: list[int] = []
    for index, inc in enumerate(items):
        root = find(index)
        if root not in groups:
            order.append(root)
        groups[root].append(inc)
    return [_combine(groups[root]) for root in order]
