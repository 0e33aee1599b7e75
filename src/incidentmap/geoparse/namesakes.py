"""A city and the area named like it: which one a bare name means.

- **city or province**: a city named like its province wins only if it holds a tenth of
  the province's people or is the capital ("Basra", but the province "Quebec"), and so
  does a city called "X City" in area X ("New York"), unless "upstate" comes before or
  another state of the country is named near it (a passage going state by state);
- **country or state of a university**: "the University of Georgia" is the American
  state's, not the Caucasian country's (:func:`university_area`);
- **city or second-level area**: a city named like a second-level area of its province
  wins if it holds a tenth of its people ("Los Angeles", "Birmingham"), else the county
  does ("Suffolk", "Seminole").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from ..model import ADMIN1_FEATURE_CODE, Place
from ..text.normalize import normalize_name, strip_articles
from .scored import Scored

__all__ = [
    "CITY_SHARE_OF_AREA",
    "RESPELLING_RATIO",
    "STATE_CUES",
    "STATE_PEER_CHARS",
    "admin2_cities",
    "city_over_admin2",
    "city_over_area",
    "spelled_as",
    "university_area",
]

#: A city named like a first-level area of its country is preferred to the area when it
#: holds at least this share of the area's population (see ``city_over_area``).
CITY_SHARE_OF_AREA = 0.1
#: How near (characters) another first-level area of its country must be named for a bare
#: "New York" to be the state: the same passage ("California has 13 cases, Texas three;
#: New York has 28"), or a list of states.
STATE_PEER_CHARS = 250
#: Words written before a state's name that make it the state, not its namesake city.
STATE_CUES = ("upstate ", "Upstate ", "downstate ", "Downstate ")


def city_over_area(
    key: str,
    ss: list[Scored],
    *,
    at: int = 0,
    states_named: Mapping[str, Sequence[tuple[int, str]]] | None = None,
    state_said: bool = False,
) -> None:
    """Prefer a sizeable city to the same-named province of its country ("Baghdad").

    Only a city whose own main name is the name written, or that name and "City": a city
    called "X City" in an area X is "X" in the news ("New York" is New York City; "New
    York state", "the state of New York" and "Buffalo, New York" the state, by their
    own rules; ``state_said``: a word of ``STATE_CUES``, "upstate New York", is written
    before it). Such a city, and a national capital that lies outside its namesake area
    ("Washington"), only while no other first-level area of its country is named
    within ``STATE_PEER_CHARS`` of the mention at offset ``at`` (``states_named``:
    country code -> the offsets and keys of the mentions that named its first-level
    areas): a passage that goes state by state ("California has 13 cases, Texas three;
    New York has 28") means the state. And only the national capital ("Washington") or
    a city holding at least ``CITY_SHARE_OF_AREA`` of its namesake area's people: Basra,
    Aleppo or Lagos are most of their province, but Quebec City is a twentieth of
    Quebec, and a bare "Quebec" in the news is the province.
    """
    areas = {s.place.country_code: s for s in ss if s.place.feature_code == ADMIN1_FEATURE_CODE}
    if not areas:
        return
    done: set[str] = set()
    bare = strip_articles(key)
    for s in ss:
        p = s.place
        area = areas.get(p.country_code)
        if (
            area is not None
            and area.place.id not in done
            and p.feature_class == "P"
            and (p.population >= 100_000 or p.feature_code in ("PPLC", "PPLA"))
            and (
                p.feature_code == "PPLC"
                or p.population >= CITY_SHARE_OF_AREA * area.place.population
            )
            and _called_by(
                p,
                key,
                bare,
                at,
                (states_named or {}).get(p.country_code, ()),
                state_said,
                ss,
                outside=p.admin1 != area.place.admin1,
            )
        ):
            # the area steps back rather than the city stepping forward: the rule
            # chooses between the two and must not lift the city over its namesakes
            # abroad (Kingston, Jamaica over a Kingston in the article's country)
            done.add(area.place.id)
            area.score -= 2.5
            area.reasons.append(f"its city {p.name} rather than the province")
    _city_over_foreign_area(bare, ss, areas, done)


def _city_over_foreign_area(
    bare: str, ss: list[Scored], areas: Mapping[str, Scored], done: set[str]
) -> None:
    """Prefer a big city to a smaller first-level area of the same name in another country.

    "Gaza" is the city of 400,000 people (and its strip), not the province of Mozambique,
    which has fewer: an area of another country steps back as its own city's namesake
    does, when the city is called by the name written and has at least the area's people
    (and ``FOREIGN_CITY`` people). The article's focus on the area's country still lifts
    the area ("floods in Mozambique hit Gaza").
    """
    cities = [
        s.place
        for s in ss
        if s.place.feature_class == "P"
        and s.place.population >= FOREIGN_CITY
        and strip_articles(normalize_name(s.place.name)) == bare
    ]
    if not cities:
        return
    for cc, area in areas.items():
        if area.place.id in done:
            continue
        if any(c.country_code != cc and c.population >= area.place.population for c in cities):
            done.add(area.place.id)
            area.score -= 2.5
            area.reasons.append("a city of the name abroad has more people")


#: The least people of a city that sets back a same-named area of another country.
FOREIGN_CITY = 100_000


#: A name this like a city's main name (``rapidfuzz.fuzz.ratio``, 0-100) is that name in
#: another spelling: "Jenin" of Janīn, "Raqqa" of Ar Raqqah, "Hama" of Ḩamāh, "Odessa",
#: "Roma" (also :mod:`.candidates`).
RESPELLING_RATIO = 75.0


def spelled_as(bare: str, own: str) -> bool:
    """Whether the name written (``bare``) is a city's main name (``own``), or a spelling of it.

    Both are normalised, without their articles. The city is a candidate of the name, so
    the name is one of its names; a spelling is what news copy makes of the same name
    (GeoNames' "Janīn" is the news' "Jenin"), unlike another name of the city ("Salisbury"
    of Harare).

    >>> spelled_as("jenin", "janin"), spelled_as("raqqa", "raqqah")
    (True, True)
    >>> spelled_as("salisbury", "harare"), spelled_as("new york", "new york city")
    (False, False)
    """
    if own == bare:
        return True
    # "New York City" is no spelling of "New York" (:func:`_called_by` has its own rule)
    return own.count(" ") == bare.count(" ") and fuzz.ratio(bare, own) >= RESPELLING_RATIO


def _called_by(
    city: Place,
    key: str,
    bare: str,
    at: int,
    states: Sequence[tuple[int, str]],
    state_said: bool,
    ss: Sequence[Scored],
    *,
    outside: bool = False,
) -> bool:
    """Whether a city is the bare name written (see :func:`city_over_area`).

    ``states``: the offsets and keys of the mentions that named first-level areas of the
    city's country in the article. A name that is also a country's ("Panama",
    "Guatemala", "Kuwait") is no bare name of its "X City": it is the country. A city
    ``outside`` its namesake area (the capital Washington, not in the state of
    Washington) is the name written unless a passage goes state by state ("cases in
    Washington, Pennsylvania and California").
    """
    own = strip_articles(normalize_name(city.name))
    passage = any(k != key and abs(start - at) <= STATE_PEER_CHARS for start, k in states)
    if spelled_as(bare, own):
        return not (outside and passage)
    return (
        own == f"{bare} city"
        and not state_said
        and not any(s.place.is_country for s in ss)
        and not passage
    )


def city_over_admin2(
    key: str, ss: list[Scored], *, cities: Sequence[tuple[int, str]] | None = None
) -> None:
    """Prefer a city to the same-named second-level area of its province it makes up.

    "Los Angeles" is the city, which holds a third of Los Angeles County; so are
    "Birmingham" and "Plymouth" beside their English districts (:func:`admin2_cities`).
    ``cities`` is :func:`admin2_cities` of the places of ``ss``, if the caller knows it.
    """
    if cities is None:
        cities = admin2_cities(key, [s.place for s in ss])
    for k, name in cities:
        ss[k].score -= 2.5
        ss[k].reasons.append(f"its city {name} rather than the area")


def admin2_cities(key: str, places: Sequence[Place]) -> tuple[tuple[int, str], ...]:
    """Return the second-level areas of ``places`` that a city of theirs makes up.

    Places carry no admin2 code, so the city must lie in the area's first-level area, bear
    the name written (``key``) as its main name and hold at least ``CITY_SHARE_OF_AREA``
    of the area's people. Each such area is given by its index and the first such city's
    name. Only the places decide, so the answer may be kept for the next article.

    >>> area = Place("g:1", "Los Angeles County", 34.2, -118.2, "A", "ADM2", "US", "CA", 10_000_000)
    >>> city = Place("g:2", "Los Angeles", 34.05, -118.24, "P", "PPLA2", "US", "CA", 3_900_000)
    >>> admin2_cities("los angeles", [area, city])
    ((0, 'Los Angeles'),)
    """
    bare = strip_articles(key)
    out = []
    for k, a in enumerate(places):
        if a.feature_code != "ADM2":
            continue
        for p in places:
            if (
                p.feature_class == "P"
                and p.country_code == a.country_code
                and p.admin1 == a.admin1
                and spelled_as(bare, strip_articles(normalize_name(p.name)))
                and p.population > 0  # a town of unknown size makes up no area
                and p.population >= CITY_SHARE_OF_AREA * a.population
            ):
                out.append((k, p.name))
                break
    return tuple(out)


#: "the University of X", "the universities of X and Y", "the state university of X":
#: the name is where a university stands (it ends right before the name).
_UNIVERSITY_OF = re.compile(r"\b[Uu]niversit(?:y|ies) of (?:the )?(?:[A-Z][\w.-]* (?:and|&) )?$")
#: How far back (characters) the words before a name are read.
_UNIVERSITY_CHARS = 60
#: Points for the area reading after "University of".
UNIVERSITY_AREA_POINTS = 6.0


def university_area(
    text: str,
    start: int,
    ss: list[Scored],
    focus: Mapping[str, float],
    own: Mapping[str, float] | None,
) -> None:
    """Prefer a state to a smaller foreign country of its name after "University of".

    State universities are named "the University of <state>": "the universities of
    Georgia and Glasgow" are in Athens, Georgia and in Scotland, not in the country
    Georgia. Only a first-level area with more people than the same-named country
    abroad is preferred ("the University of Luxembourg" stays the country's, the Belgian
    province of Luxembourg being smaller), and not when the article's other names lend
    the country weight (``focus`` less the name's ``own``): "the universities of Tbilisi
    and Georgia" are both in the country.
    """
    if _UNIVERSITY_OF.search(text, max(0, start - _UNIVERSITY_CHARS), start) is None:
        return
    countries = [s.place for s in ss if s.place.is_country]
    own = own or {}
    if not countries or any(
        focus.get(c.country_code, 0.0) - own.get(c.country_code, 0.0) > 0 for c in countries
    ):
        return
    for s in ss:
        p = s.place
        if p.is_admin1 and all(
            c.country_code != p.country_code and p.population > c.population for c in countries
        ):
            s.score += UNIVERSITY_AREA_POINTS
            s.reasons.append("after 'University of': a state, not the smaller country")
