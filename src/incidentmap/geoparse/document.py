"""Evidence from the whole article: the countries and areas it is about.

- **focus**: the article's countries (the dateline counts most, then named countries,
  then demonyms and places whose country is certain; a lone hamlet counts little); a
  state of the article's country beats a same-named foreign country ("Georgia"); a
  namesake in the article's country beats a famous one in a country it never names;
- **where the names meet**: the first-level area where most of a local story's names
  have a place ("London", "St. Thomas", "Middlesex" in Ontario);
- **the publisher's region**, when the article record gives it.

The areas the gazetteer lacks are placed by :mod:`.lacking`.

Examples
--------
>>> from incidentmap.model import Place
>>> town = Place("g:1", "Ramadi", 33.42, 43.30, "P", "PPLA", "IQ", "01", 274_000)
>>> sure_weight(town), sure_weight(Place("g:2", "Tiny", 0.0, 0.0, "P", "PPL", "IQ"))
(1.0, 0.25)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..model import ADMIN1_FEATURE_CODE, COUNTRY_FEATURE_CODES, Place
from .protocol import PlaceLookup
from .recognize import Mention
from .scored import Scored, best_of, lead

__all__ = [
    "AREA_OF_FOCUS_SHARE",
    "AREA_WEIGHT",
    "CONSENSUS_NAMES",
    "CONSENSUS_WEIGHT",
    "FOCUS_WEIGHT",
    "HOME_SHARE",
    "HOME_WEIGHT",
    "MIN_FOCUS_EVIDENCE",
    "PUBLISHER_AREA_WEIGHT",
    "PUBLISHER_COUNTRY_WEIGHT",
    "SURE_HAMLET_WEIGHT",
    "SURE_TOWN",
    "UNNAMED_COUNTRY_PENALTY",
    "WEB_DOMAIN_WEIGHT",
    "Region",
    "area_consensus",
    "area_over_foreign_country",
    "article_focus",
    "home_countries",
    "home_in",
    "may_have_home",
    "namesakes_at_home",
    "publisher_bonus",
    "publisher_region",
    "sure_weight",
]

#: Points for lying in the article's country, times that country's share of the focus.
FOCUS_WEIGHT = 3.0
#: The least evidence a country's share of the focus is taken of: a lone hamlet whose
#: namesakes all lie in one country (weight ``SURE_HAMLET_WEIGHT``) is a quarter of this
#: and earns its country a quarter of ``FOCUS_WEIGHT``, not all of it.
MIN_FOCUS_EVIDENCE = 1.0
#: Points for lying in a first-level area the article names, times its share.
AREA_WEIGHT = 2.0
#: Share of an article's focus (other mentions only) that makes a first-level area of that
#: country win over a same-named foreign country the article does not otherwise name.
AREA_OF_FOCUS_SHARE = 0.5
#: A place of this population or more whose candidates all lie in one country counts
#: fully in the article's focus; a smaller one counts ``SURE_HAMLET_WEIGHT``.
SURE_TOWN = 10_000
SURE_HAMLET_WEIGHT = 0.25
#: Points for lying in the first-level area where the article's names meet (see
#: :func:`area_consensus`), and how many distinct names must meet there.
CONSENSUS_WEIGHT = 2.5
CONSENSUS_NAMES = 3
#: Points for lying in the publisher's country, and in its first-level area, when the
#: article record gives them (``country``, ``place``); the country also counts this much
#: in the article's focus.
PUBLISHER_COUNTRY_WEIGHT = 1.0
PUBLISHER_AREA_WEIGHT = 2.5
#: Share of the publisher's country points given for a country read only from the
#: country-code top-level domain of the article's web address (".ca", ".co.uk"): weaker
#: than a named country of the text, as papers also report from abroad.
WEB_DOMAIN_WEIGHT = 0.5
#: Candidates of a name (best prior first) looked at for the area where names meet.
_CONSENSUS_CANDIDATES = 25


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
        code = best.place.feature_code  # read once for is_country and is_admin1
        sure = len(ss) == 1 or len({s.place.country_code for s in ss}) == 1
        weight = 0.0
        if m.kind == "dateline" or "dateline" in m.hints:
            weight = 3.0
        elif m.kind == "demonym" and not m.level:
            weight = 0.5  # an area's adjective ("Scottish") counts as its name does
        elif code in COUNTRY_FEATURE_CODES:
            weight = 1.0
        elif sure:
            weight = sure_weight(best.place)
        if weight:
            weights[cc] += weight
            mine = own.setdefault(m.key, {})
            mine[cc] = mine.get(cc, 0.0) + weight
        if code == ADMIN1_FEATURE_CODE and (sure or len(ss) == 1 or lead(ss) > 2.0):
            areas[(cc, best.place.admin1 or "")] += 1.0
            names[(cc, best.place.admin1 or "")].add(m.key)
    return dict(weights), dict(areas), dict(names), own


#: Share of the article's focus (other mentions only) that makes a country the home of
#: a name's namesakes (see :func:`namesakes_at_home`), the least weight it must have,
#: and the points taken from the candidates in countries the article never names.
HOME_SHARE = 0.5
HOME_WEIGHT = 2.0
UNNAMED_COUNTRY_PENALTY = 2.5


def home_country(
    key: str,
    focus: Mapping[str, float],
    own: Mapping[str, Mapping[str, float]],
    *,
    share: float = HOME_SHARE,
    least: float = HOME_WEIGHT,
) -> tuple[str, dict[str, float]] | None:
    """Return the country the article is about, leaving out the evidence of name ``key``.

    That is the country holding at least ``share`` of the focus the article's other
    names give and at least ``least`` of it (:func:`home_in`); None when none does. The
    focus by country without the name's own evidence comes with it.
    """
    mine = own.get(key, {})
    return home_in({cc: w - mine.get(cc, 0.0) for cc, w in focus.items()}, share=share, least=least)


def home_in(
    others: dict[str, float], *, share: float = HOME_SHARE, least: float = HOME_WEIGHT
) -> tuple[str, dict[str, float]] | None:
    """Return the country holding ``share`` and ``least`` of a focus, with the focus.

    ``others`` is the evidence by country some names give (:func:`home_country`: all but
    one). None when no country holds that much, or any evidence at all. ``share`` is a
    part of the positive evidence, ``least`` a weight; by default ``HOME_SHARE`` and
    ``HOME_WEIGHT``.

    >>> home_in({"KE": 3.0, "UG": 1.0})
    ('KE', {'KE': 3.0, 'UG': 1.0})
    >>> home_in({"KE": 1.5}), home_in({"KE": 2.0, "UG": 2.5, "TZ": 1.0}), home_in({})
    (None, None, None)
    >>> home_in({"KE": 1.5}, least=0.0), home_in({"KE": 0.0}, least=0.0)
    (('KE', {'KE': 1.5}), None)
    """
    if not others:
        return None
    home = max(others, key=others.__getitem__)  # the first of equal weights
    weight = others[home]
    if weight < least or weight <= 0.0:
        return None  # decided before the total is summed
    if weight < share * sum([w for w in others.values() if w > 0]):
        return None
    return home, others


def may_have_home(focus: Mapping[str, float]) -> bool:
    """Whether any name of the article may have a home (:func:`home_country`): a quick test.

    False when no country holds ``HOME_WEIGHT`` of the focus, nor so of any part of it
    (the evidence of each name is positive).
    """
    return bool(focus) and max(focus.values()) >= HOME_WEIGHT


def home_countries(
    focus: Mapping[str, float], own: Mapping[str, Mapping[str, float]]
) -> Callable[[str], tuple[str, dict[str, float]] | None]:
    """Return :func:`home_country` for one article's ``focus`` and ``own``, remembered per name.

    A name that brought no evidence of its own gets the answer every such name gets, so
    it is computed once. The dicts returned are shared: read them, do not change them.
    """
    found: dict[str | None, tuple[str, dict[str, float]] | None] = {}

    def home(key: str) -> tuple[str, dict[str, float]] | None:
        slot = key if key in own else None
        if slot not in found:
            found[slot] = home_country(key, focus, own)
        return found[slot]

    return home


def namesakes_at_home(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    focus: Mapping[str, float],
    own: Mapping[str, Mapping[str, float]],
) -> None:
    """Prefer a namesake in the article's country to a famous one in a country never named.

    A story that names Canada three times and no other country as often, and never
    names Britain, means London, Ontario by "London". When a country holds at least
    ``HOME_SHARE`` of the focus of the article's other mentions and ``HOME_WEIGHT`` of
    evidence, and a name has a candidate there, its candidates in countries that earn
    nothing in the focus lose ``UNNAMED_COUNTRY_PENALTY``.
    """
    if not may_have_home(focus):
        return
    home_of = home_countries(focus, own)
    for m, ss in zip(mentions, scored, strict=False):
        if len(ss) < 2 or m.kind == "demonym":
            continue
        found = home_of(m.key)
        if found is None:
            continue
        home, others = found
        if not any(s.place.country_code == home and not s.place.is_country for s in ss):
            continue
        best = best_of(ss)
        if best is None or others.get(best.place.country_code, 0.0) > 0:
            continue
        reason = f"in a country the article never names; it is about {home}"
        for s in ss:
            if others.get(s.place.country_code, 0.0) <= 0 and s.place.country_code:
                s.score -= UNNAMED_COUNTRY_PENALTY
                s.reasons.append(reason)


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


def area_consensus(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    focus: Mapping[str, float],
    named_areas: Mapping[tuple[str, str], float],
    area_names: Mapping[tuple[str, str], set[str]],
    *,
    areas_of: Callable[[int], frozenset[tuple[str, str]]] | None = None,
) -> None:
    """Favour the places in the one first-level area where the article's names meet.

    A local story names places of its own area: "London", "St. Thomas" and "Middlesex"
    all have a place in Ontario, so the London of the story is London, Ontario, not the
    capital across the ocean. The area must hold a place (or be the area) of at least
    ``CONSENSUS_NAMES`` distinct names and half of all the names, more than any other
    area does, and lie in a country with half the article's focus, or the article must
    have no focus at all: a story that is about one country is not moved abroad by the
    namesakes its names share with England. Each candidate in the area gains
    ``CONSENSUS_WEIGHT``; only names read best as a place abroad are moved (a namesake
    in the same country is left to nearness and qualifiers), and not when the name reads
    best as a country or a first-level area
    ("the province of Ontario" stays the province in a story about New York) or as a
    place of another country the article names ("France ... Paris" in a Kentucky paper).
    When the article names first-level areas (``named_areas``, named by the keys of
    ``area_names``), the area where the names meet must be the one it names most, names
    that meet there aside: "Missouri" said thrice outweighs the counties of
    Illinois that share the names of Missouri's. A name qualified anywhere in the article
    ("Brooklyn, New York") is settled by its qualifier.

    ``areas_of(k)`` gives the areas the candidates of mention ``k`` lie in (the resolver's
    cached :meth:`~.candidates.Candidates.areas`); without it they are read from ``scored``.
    """
    if len({m.key for m in mentions}) < CONSENSUS_NAMES:
        return
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    keys: set[str] = set()
    seen: set[str] = set()
    countries = set()
    for k, (m, ss) in enumerate(zip(mentions, scored, strict=False)):
        if m.kind == "demonym" or not ss or m.key in seen:
            continue  # each name once: "London" nine times is one name
        seen.add(m.key)
        top = best_of(ss)
        if top is not None and top.place.is_country:
            countries.add(top.place.country_code)
            continue
        keys.add(m.key)
        if areas_of is not None:
            for area in areas_of(k):
                names[area].add(m.key)
            continue
        for s in ss[:_CONSENSUS_CANDIDATES]:
            p = s.place
            if not p.is_country and p.admin1:
                names[(p.country_code, p.admin1)].add(m.key)
    if len(names) < 1 or len(keys) < CONSENSUS_NAMES:
        return
    ranked = sorted(names.items(), key=lambda kv: -len(kv[1]))
    (area, met) = ranked[0]
    runner_up = len(ranked[1][1]) if len(ranked) > 1 else 0
    if len(met) < CONSENSUS_NAMES or len(met) * 2 < len(keys) or len(met) <= runner_up:
        return
    total = sum(focus.values())
    if total and focus.get(area[0], 0.0) < 0.5 * total:
        return
    # an area read from a name that itself meets in the area ("St. Thomas" read as the
    # parish of Jamaica) is no rival
    named = {a: w for a, w in named_areas.items() if a == area or not area_names[a] <= met}
    if named and any(w >= named.get(area, 0.0) for a, w in named.items() if a != area):
        return
    # a name qualified somewhere in the article ("Brooklyn, New York") is settled
    qualified = {
        m.key
        for m, ss in zip(mentions, scored, strict=False)
        if any(r.startswith(("qualified by", "in '", "near '")) for s in ss for r in s.reasons)
    }
    reason = f"{len(met)} names of the article meet in {area[0]}-{area[1]}"
    for m, ss in zip(mentions, scored, strict=False):
        if m.key in qualified:
            continue
        top = best_of(ss)
        if top is None or top.place.is_country or top.place.is_admin1:
            continue  # "the province of Ontario" is no county of New York
        if top.place.country_code == area[0]:
            continue  # a namesake at home is left to nearness and qualifiers
        if top.place.country_code in countries:
            continue  # "France ... Paris": the article names the namesake's country
        for s in ss:
            p = s.place
            if not p.is_country and (p.country_code, p.admin1) == area:
                s.score += CONSENSUS_WEIGHT
                s.reasons.append(reason)


@dataclass(frozen=True, slots=True)
class Region:
    """The publisher's region: a country and, when known, one of its first-level areas.

    ``weight`` scales the points the region gives: 1 for a record's ``place`` and
    ``country`` fields, ``WEB_DOMAIN_WEIGHT`` for a country read from the country-code
    top-level domain of the article's web address (``name`` is then that domain, ".ca").
    """

    country: str
    admin1: str | None = None
    name: str = ""
    weight: float = 1.0


def publisher_region(
    gazetteer: PlaceLookup, *, place: str | None, country: str | None
) -> Region | None:
    """Return the region of an article record's ``place`` and ``country`` fields.

    ``place`` may be a first-level area ("Ontario"), a town ("London, Ontario": the
    part after the last comma names the area or country it lies in) or a country; the
    most populous reading wins, in ``country`` when given.

    >>> from incidentmap.model import Place
    >>> class Tiny:
    ...     on = Place("g:6093943", "Ontario", 49.25, -84.5, "A", "ADM1", "CA", "08", 12_000_000)
    ...     def lookup(self, name, *, country=None, limit=20):
    ...         return [self.on] if name == "Ontario" and country in (None, "CA") else []
    ...     def lookup_key(self, key, *, limit=50):
    ...         return []
    ...     def country(self, code):
    ...         return None
    >>> publisher_region(Tiny(), place="Ontario", country="CA")
    Region(country='CA', admin1='08', name='Ontario', weight=1.0)
    >>> publisher_region(Tiny(), place=None, country="iq")
    Region(country='IQ', admin1=None, name='IQ', weight=1.0)
    """
    code = country.upper() if country else None
    if not place:
        return Region(code, None, code) if code else None
    head, _, tail = place.rpartition(",")
    within = code
    if head.strip() and tail.strip():
        outer = _most_populous(gazetteer.lookup(tail.strip(), country=code, limit=10))
        if outer is not None:
            within = outer.country_code
            if outer.is_admin1:
                found = gazetteer.lookup(head.strip(), country=within, limit=20)
                inner = _most_populous([p for p in found if p.admin1 == outer.admin1]) or outer
                return Region(inner.country_code, inner.admin1, place)
    best = _most_populous(gazetteer.lookup(place.strip(), country=within, limit=20))
    if best is None:
        return Region(code, None, code) if code else None
    return Region(best.country_code, None if best.is_country else best.admin1, place)


def _most_populous(places: Sequence[Place]) -> Place | None:
    return max(places, key=lambda p: (p.is_country or p.is_admin1, p.population), default=None)


def publisher_bonus(region: Region, scored: list[list[Scored]]) -> None:
    """Add points to the candidates in the publisher's country and first-level area."""
    country_reason = f"in the publisher's country {region.country}"
    if region.admin1 is None and region.name.startswith("."):
        country_reason += f" (its web address ends in {region.name})"
    bonus = PUBLISHER_COUNTRY_WEIGHT * region.weight
    area_reason = f"in the publisher's area {region.country}-{region.admin1} ({region.name})"
    for ss in scored:
        for s in ss:
            p = s.place
            if p.is_country or p.country_code != region.country:
                continue
            s.score += bonus
            s.reasons.append(country_reason)
            if region.admin1 and p.admin1 == region.admin1 and not p.is_admin1:
                s.score += PUBLISHER_AREA_WEIGHT
                s.reasons.append(area_reason)
