"""Evidence from two names of one article that can lie side by side.

A local story names places of one neighbourhood. When two of its names are both
ambiguous, the readings that lie a few kilometres apart are the story's: "Edmonton" and
"Enfield" together are the two districts of north London, not the cities of Alberta and
Connecticut. Each candidate (among the best ``PAIR_CANDIDATES`` of its name) that lies
within ``PAIR_KM`` of a candidate of another name gains ``PAIR_WEIGHT``, once; a name
already settled (its winner leads by ``SETTLED_LEAD``) lends only its winner.

Examples
--------
>>> from incidentmap.model import Place
>>> from incidentmap.geoparse.recognize import Mention
>>> def town(pid, lat, lon, cc):
...     return Scored(Place(pid, pid, lat, lon, "P", "PPL", cc), 1.0, [])
>>> mentions = [Mention(0, 1, "A", "a"), Mention(2, 3, "B", "b")]
>>> scored = [[town("a-gb", 51.62, -0.06, "GB"), town("a-ca", 53.5, -113.5, "CA")],
...           [town("b-gb", 51.65, -0.08, "GB"), town("b-us", 41.99, -72.59, "US")]]
>>> close_pairs(mentions, scored)
>>> [(s.place.id, s.score) for ss in scored for s in ss]
[('a-gb', 2.5), ('a-ca', 1.0), ('b-gb', 2.5), ('b-us', 1.0)]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from ..gazetteer.kinds import approx_km
from ..model import AREA_FEATURE_CODES
from .recognize import Mention
from .scored import BY_SCORE, Scored

__all__ = ["PAIR_CANDIDATES", "PAIR_KM", "PAIR_WEIGHT", "SETTLED_LEAD", "close_pairs"]

#: Two candidates of different names this close together support each other.
PAIR_KM = 25.0
#: Points for a candidate with a candidate of another name that close.
PAIR_WEIGHT = 1.5
#: A name whose best candidate leads by more than this is settled: its losers support
#: nothing ("London, Kentucky" lends no weight to the towns around London, Ohio).
SETTLED_LEAD = 2.0
#: Candidates of each name (best score first) looked at.
PAIR_CANDIDATES = 8
_CELL = 0.5  # degrees; PAIR_KM fits in one cell of latitude, and of longitude below 60°


def close_pairs(mentions: Sequence[Mention], scored: list[list[Scored]]) -> None:
    """Favour the readings of two ambiguous names that lie within ``PAIR_KM``.

    Countries and first-level areas are too large for their points to say anything;
    demonyms name no point. Only names with more than one candidate gain points.
    """
    entries: list[tuple[str, str, float, float]] = []
    seen: set[str] = set()
    ambiguous = 0
    for m, ss in zip(mentions, scored, strict=False):
        if m.kind == "demonym" or not ss or m.key in seen:
            continue
        seen.add(m.key)
        ambiguous += len(ss) > 1
        ordered = sorted(ss, key=BY_SCORE, reverse=True)[:PAIR_CANDIDATES]  # stable, as resolve
        if len(ordered) > 1 and ordered[0].score - ordered[1].score > SETTLED_LEAD:
            ordered = ordered[:1]  # a name already settled supports only its winner
        for s in ordered:
            p = s.place
            if not (p.feature_code in AREA_FEATURE_CODES or p.feature_class == "L"):
                entries.append((m.key, p.id, p.lat, p.lon))
    if ambiguous == 0 or len(seen) < 2:
        return
    cells: dict[tuple[int, int], list[tuple[str, str, float, float]]] = defaultdict(list)
    for e in entries:
        cells[(math.floor(e[2] / _CELL), math.floor(e[3] / _CELL))].append(e)
    near: set[tuple[str, str]] = set()
    for key, pid, lat, lon in entries:
        if _near_another(key, lat, lon, cells):
            near.add((key, pid))
    if not near:
        return
    for m, ss in zip(mentions, scored, strict=False):
        if len(ss) < 2:
            continue
        for s in ss:
            if (m.key, s.place.id) in near:
                s.score += PAIR_WEIGHT
                s.reasons.append(f"lies within {PAIR_KM:.0f} km of another name of the article")


def _near_another(
    key: str,
    lat: float,
    lon: float,
    cells: dict[tuple[int, int], list[tuple[str, str, float, float]]],
) -> bool:
    """Whether a reading of a name other than ``key`` lies within ``PAIR_KM`` of the point.

    ``cells`` holds the readings by cell of ``_CELL`` degrees: those of the point's cell
    and the eight around it are looked at.
    """
    cy, cx = math.floor(lat / _CELL), math.floor(lon / _CELL)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            for other, _, olat, olon in cells.get((cy + dy, cx + dx), ()):
                if other != key and approx_km(lat, lon, olat, olon) <= PAIR_KM:
                    return True
    return False
