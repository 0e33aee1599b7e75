"""Evidence from the whole article: the countries and areas it is about.

- **focus**: the article's countries (the dateline counts most, then named countries,
  then demonyms and places whose country is certain; a lone hamlet counts little); a
  state of the article's country beats a same-named foreign country ("Georgia");
- **unknown counties**: ``"Metcalfe County"`` in a story about Kentucky is placed at
  Kentucky, not at a namesake hamlet elsewhere, when the gazetteer lacks the county
  (it holds only the second-level areas with a place of 500+ people).

Examples
--------
>>> from incidentmap.model import Place
>>> town = Place("g:1", "Ramadi", 33.42, 43.30, "P", "PPLA", "IQ", "01", 274_000)
>>> sure_weight(town), sure_weight(Place("g:2", "Tiny", 0.0, 0.0, "P", "PPL", "IQ"))
(1.0, 0.25)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..gazetteer.kinds import PlaceKinds
from ..model import Place
from ..text.normalize import normalize_name
from .recognize import Mention
from .scored import Scored, best_of, lead

__all__ = [
    "AREA_OF_FOCUS_SHARE",
    "AREA_WEIGHT",
    "FOCUS_WEIGHT",
    "SURE_HAMLET_WEIGHT",
    "SURE_TOWN",
    "area_over_foreign_country",
    "article_focus",
    "sure_weight",
    "unknown_counties",
]

#: The hints (always lower case) that mark a mention of a second-level area the
#: gazetteer may lack ("Metcalfe County").
_COUNTY_HINTS = frozenset(f"suffix:{word}" for word in PlaceKinds.default().second_level)
#: Points for lying in the article's country, times that country's share of the focus.
FOCUS_WEIGHT = 3.0
#: Points for lying in a first-level area the article names, times its share.
AREA_WEIGHT = 2.0
#: Share of an article's focus (other mentions only) that makes a first-level area of that
#: country win over a same-named foreign country the article does not otherwise name.
AREA_OF_FOCUS_SHARE = 0.5
#: A place of this population or more whose candidates all lie in one country counts
#: fully in the article's focus; a smaller one counts ``SURE_HAMLET_WEIGHT``.
SURE_TOWN = 10_000
SURE_HAMLET_WEIGHT = 0.25


def article_focus(
    mentions: Sequence[Mention], scored: list[list[Scored]]
) -> tuple[
    dict[str, float],
    dict[tuple[str, str], float],
    dict[tuple[str, str], set[str]],
    dict[str, dict[str, float]],
]:
    """Weights of the countries, and of the first-level areas, an article is about.

    Also returns, for each such area, the keys of the mentions that named it, and for
    each mention key the country weights its own mentions brought.
    """
    weights: dict[str, float] = defaultdict(float)
    own: dict[str, dict[str, float]] = {}
    areas: dict[tuple[str, str], float] = defaultdict(float)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m, ss in zip(mentions, scored, strict=False):
        best = best_of(ss)
        if best is None:
            continue
        cc = best.place.country_code
        sure = len({s.place.country_code for s in ss}) == 1
        weight = 0.0
        if m.kind == "dateline" or "dateline" in m.hints:
            weight = 3.0
        elif m.kind == "demonym":
            weight = 0.5
        elif best.place.is_country:
            weight = 1.0
        elif sure:
            weight = sure_weight(best.place)
        if weight:
            weights[cc] += weight
            mine = own.setdefault(m.key, {})
            mine[cc] = mine.get(cc, 0.0) + weight
        if best.place.is_admin1 and (sure or len(ss) == 1 or lead(ss) > 2.0):
            areas[(cc, best.place.admin1 or "")] += 1.0
            names[(cc, best.place.admin1 or "")].add(m.key)
    return dict(weights), dict(areas), dict(names), own


def sure_weight(place: Place) -> float:
    """Weight, in the article's focus, of a place all of whose candidates share a country.

    A town or larger place counts fully. A hamlet counts little: when the only place
    of a name in the gazetteer is a hamlet abroad, the name more often stands for
    something the gazetteer lacks (an airport, a county, a quarter) than for the hamlet.
    """
    if (
        place.is_admin1
        or place.feature_code in ("PPLC", "PPLA")
        or place.population >= SURE_TOWN
        or place.hand_picked
    ):
        return 1.0
    return SURE_HAMLET_WEIGHT


def area_over_foreign_country(
    ss: list[Scored], focus: Mapping[str, float], own: Mapping[str, float] | None
) -> None:
    """Prefer a first-level area of the article's country to a same-named foreign country.

    "Georgia" in an article about the United States (at least ``AREA_OF_FOCUS_SHARE`` of
    its focus, counting the other mentions only) that names nothing else of the country
    Georgia is the state. In an article about the Caucasus it stays the country.
    """
    if len(ss) < 2 or not focus:
        return
    countries = [s.place.country_code for s in ss if s.place.is_country]
    if not countries:
        return
    own = own or {}
    others = {cc: w - own.get(cc, 0.0) for cc, w in focus.items()}
    total = sum(w for w in others.values() if w > 0)
    if total <= 0 or any(others.get(cc, 0.0) > 0 for cc in countries):
        return
    for s in ss:
        p = s.place
        if p.is_admin1 and others.get(p.country_code, 0.0) >= AREA_OF_FOCUS_SHARE * total:
            s.score += 5.0
            s.reasons.append("an area of the article's country, not a foreign country")


def unknown_counties(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    areas: Mapping[tuple[str, str], float],
) -> None:
    """Place a county the gazetteer lacks at the first-level area the article is about.

    The gazetteer has no counties. "Metcalfe County" in a story about Kentucky is not a
    hamlet called Metcalfe in Mississippi: when the article names one first-level area
    more than any other and no candidate of the county's name lies in it, the area itself
    becomes the best candidate, as event coders fall back to the next larger area they
    know. Counties (parishes, boroughs) only; a town of the name inside the area stays.
    """
    if not areas or all(_COUNTY_HINTS.isdisjoint(m.hints) for m in mentions):
        return
    most = max(areas.values())
    leaders = [a for a, w in areas.items() if w == most]
    if len(leaders) != 1:
        return
    cc, code = leaders[0]
    state = next(
        (
            s.place
            for ss in scored
            for s in ss
            if s.place.is_admin1 and s.place.country_code == cc and s.place.admin1 == code
        ),
        None,
    )
    if state is None:
        return
    for m, ss in zip(mentions, scored, strict=False):
        if _COUNTY_HINTS.isdisjoint(m.hints) or m.key == normalize_name(state.name):
            continue
        if any(s.place.country_code == cc and s.place.admin1 == code for s in ss):
            continue
        top = max((s.score for s in ss), default=0.0)
        reason = f"a county the gazetteer lacks, in {state.name}, the area the article names"
        ss.append(Scored(state, top + 1.0, [reason]))
