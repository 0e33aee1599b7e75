"""Lists of names: a name takes the kind and the country of its neighbours.

- **areas**: a name listed with states or countries is read as one of them ("Utah,
  Virginia, Washington and Wyoming": the state Washington; "Georgia, Armenia and
  Azerbaijan": the country);
- **towns**: towns of one list lie in one country ("San Juan, Choropampa and
  Magdalena", Choropampa being a town of Peru only).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..model import ADMIN1_FEATURE_CODE, AREA_FEATURE_CODES
from .areas import peers
from .document import SURE_HAMLET_WEIGHT, SURE_TOWN
from .recognize import Mention
from .scored import Scored, best_of

__all__ = ["LIST_JOINERS", "LIST_WEIGHT", "lists"]

#: Points for being of the same kind as a neighbour in a list ("Ohio, Washington and Utah").
LIST_WEIGHT = 3.0
#: What stands between two names of a list ("Ohio, Texas and Utah").
LIST_JOINERS = frozenset({", ", " and ", ", and ", " or ", ", or ", " / ", "/"})


def lists(
    text: str,
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    *,
    focus: Mapping[str, float] | None = None,
) -> None:
    """Favour the reading of a name that matches its neighbours in a list.

    In "Utah, Virginia, Washington and Wyoming" the neighbours are states, so Washington
    is the state, not the capital; in "Georgia, Armenia and Azerbaijan" it is the
    country. A neighbour counts by its current best reading, if that is a country or a
    first-level area; a candidate gains once, whatever the number of such neighbours.
    Towns of one list lie in one country (see :func:`_town_peers`; ``focus``, the
    article's countries, tells whether a hamlet neighbour is evidence of its country).
    """
    linked: dict[int, list[int]] = {}
    for a in range(len(mentions) - 1):
        if text[mentions[a].end : mentions[a + 1].start] in LIST_JOINERS:
            linked.setdefault(a, []).append(a + 1)
            linked.setdefault(a + 1, []).append(a)
    if not linked:
        return
    bests = {b: best_of(scored[b]) for b in linked}
    # the country of each neighbour read surely as a town ("Choropampa" has one reading)
    focus = focus or {}
    town_country: dict[int, str] = {}
    for b in linked:
        ss = scored[b]
        if not ss:
            continue
        first = ss[0].place
        cc = first.country_code
        if first.feature_code in AREA_FEATURE_CODES or any(s.place.country_code != cc for s in ss):
            continue
        # a lone hamlet may be a place the gazetteer lacks: it counts only when the
        # article has other evidence of its country
        if (
            max(s.place.population for s in ss) >= SURE_TOWN
            or focus.get(cc, 0.0) > SURE_HAMLET_WEIGHT
        ):
            town_country[b] = cc
    for a, near in linked.items():
        ss = scored[a]
        if town_country:
            _town_peers(ss, {town_country[b] for b in near if b in town_country})
        areas = [
            n.place
            for n in (bests[b] for b in near)
            if n is not None and n.place.feature_code in AREA_FEATURE_CODES
        ]
        if not areas:
            continue
        seats = {(s.place.country_code, s.place.admin1) for s in ss if s.place.feature_class == "P"}
        for s in ss:
            place = s.place
            if place.feature_code == ADMIN1_FEATURE_CODE and (
                (place.country_code, place.admin1) in seats
            ):
                continue  # a province and its namesake city ("Idlib"): no list decides that
            peer = next((p for p in areas if peers(s.place, p)), None)
            if peer is not None:
                s.score += LIST_WEIGHT
                s.reasons.append(f"listed with {peer.name}")


def _town_peers(ss: list[Scored], countries: set[str]) -> None:
    """Favour the readings of a listed name in the country of its neighbours, towns.

    Towns of one list lie in one country: "San Juan, Choropampa and Magdalena", where
    Choropampa has readings in Peru only, names the San Juan and the Magdalena of Peru,
    not Puerto Rico's capital or a Colombian department. Only neighbours all of whose
    readings lie in one country count; the name's towns and lower areas in that country
    gain ``LIST_WEIGHT``, once.
    """
    if len(countries) != 1 or len(ss) < 2:
        return
    (cc,) = countries
    for s in ss:
        p = s.place
        if p.country_code == cc and not (p.is_country or p.is_admin1):
            s.score += LIST_WEIGHT
            s.reasons.append(f"listed with towns of {cc}")
