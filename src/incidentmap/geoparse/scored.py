"""Candidate places being scored for one mention: the winner and its lead.

Examples
--------
>>> from incidentmap.model import Place
>>> a = Scored(Place("g:1", "A", 0.0, 0.0, "P", "PPL", "XX"), 2.0, [])
>>> b = Scored(Place("g:2", "B", 9.0, 9.0, "P", "PPL", "XX"), 0.5, [])
>>> best_of([a, b]).place.name, lead([a, b])
('A', 1.5)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from ..gazetteer.kinds import approx_km
from ..model import Place

__all__ = ["BY_SCORE", "SAME_SPOT_KM", "Scored", "best_of", "lead"]

#: A county this close to the town chosen for a name is no rival in telling whether the
#: town is sure (see :func:`lead`).
SAME_SPOT_KM = 50.0
#: The sort key of scored candidates.
BY_SCORE = attrgetter("score")


@dataclass(slots=True)
class Scored:
    """A candidate place, its score so far and the reasons it got points.

    ``placed_by_text`` is set when the text itself puts the name where the place lies: a
    qualifier ("Weybridge, England"), or the place's area or city named in the article.
    """

    place: Place
    score: float
    reasons: list[str]
    placed_by_text: bool = field(default=False, compare=False)


def best_of(ss: list[Scored]) -> Scored | None:
    """Return the best-scored candidate, or ``None`` when there is none.

    The first of equals, as ``max(ss, key=BY_SCORE)`` gives: the loop takes a candidate
    only when it scores more than the best so far, as ``max`` does. Written out because it
    is asked some 13,000 times a pass over the corpora, mostly of one to four candidates,
    where ``max`` spends more on parsing its ``key`` argument than on comparing.
    """
    if not ss:
        return None
    best = ss[0]
    for s in ss:
        if s.score > best.score:
            best = s
    return best


def lead(ss: list[Scored], pick: Place | None = None) -> float:
    """Return the lead of the best candidate over the next.

    With ``pick`` given, a second-level area around the pick does not count as the next:
    a town and its namesake county ("Brant") place the article alike.
    """
    scores = [
        s.score
        for s in ss
        if pick is None
        or s.place.feature_code != "ADM2"
        or s.place.id == pick.id
        or approx_km(s.place.lat, s.place.lon, pick.lat, pick.lon) > SAME_SPOT_KM
    ]
    top = sorted(scores, reverse=True)
    return top[0] - top[1] if len(top) > 1 else 99.0
