"""The candidate places of a mention, and their prior: the score before any context.

The prior rewards population (log scale), the feature type (country, admin area,
capital, provincial capital, a hand-picked landmark or region) and the written name being
the place's main name. Both the candidates of a key and the prior of a (key, place) pair
are cached: news repeats names.

Examples
--------
>>> from incidentmap.model import Place
>>> erbil = Place("geonames:95446", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 932800)
>>> class Tiny:
...     def lookup_key(self, key, *, limit=50):
...         return [erbil] if key == "erbil" else []
...     def lookup(self, name, *, country=None, limit=20):
...         return []
...     def country(self, code):
...         return None
>>> from .recognize import Mention
>>> found = Candidates(Tiny())
>>> [p.name for p in found.candidates(Mention(0, 5, "Erbil", "erbil"))]
['Erbil']
>>> found.prior("erbil", erbil)[1]
('admin1 capital', 'main name')
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from .._memo import remember
from ..gazetteer.kinds import PlaceKinds, haversine_km
from ..model import Place
from ..text.normalize import normalize_name, strip_articles
from .lexicon import Lexicon
from .names import arabic_final_h
from .namesakes import RESPELLING_RATIO, admin2_cities
from .protocol import PlaceLookup
from .recognize import SEAT, Mention

__all__ = [
    "ADMIN2_BARE_NAME",
    "ADMIN2_PRIOR",
    "CURATED_AREA_PRIOR",
    "CURATED_LANDMARK_PRIOR",
    "Candidates",
]

_KINDS = PlaceKinds.default()
#: Second-level areas the gazetteer does not hold ("Metcalfe County", "St. Bernard Parish").
_SECOND_LEVEL = _KINDS.second_level
#: A name key that ends in the word of a second-level area ("seminole county"): a
#: gazetteer name now, so the recognizer leaves the word in the key rather than a hint.
SECOND_LEVEL_NAME = re.compile(rf" ({'|'.join(sorted(_SECOND_LEVEL | _KINDS.district))})$")
_MAX_CANDIDATES = 25
#: A compass name written as one word ("Northwest") stands for the one the gazetteer
#: writes in two ("North-West", key "north west"): news copy writes a region either way.
_SOLID_COMPASS = re.compile(r"^(north|south)(east|west)$")
#: How many answers each memory of :class:`Candidates` holds (:func:`incidentmap._memo.remember`);
#: the priors of (name, place) pairs, asked most, hold more.
_MEMORY = 200_000
_PRIOR_MEMORY = 500_000
#: Prior of a second-level area (county, district), on top of its population; less
#: than a first-level area's, so "New York" stays the state.
ADMIN2_PRIOR = 1.0
#: Taken off a second-level area named without the word its name ends in: "Suffolk"
#: is more often the English county than Suffolk County, New York.
ADMIN2_BARE_NAME = 1.0
#: Feature codes of the curated regions, islands, ranges and waters ("Darfur", "Java",
#: "Middle East", "Alps", "Red Sea", "Indian Ocean").
_CURATED_AREAS = _KINDS.wide_area_codes
#: The people a GeoNames town counts for when GeoNames gives none: the floor of the
#: embedded cities500 list.
UNKNOWN_TOWN_PEOPLE = 500
#: Prior of a curated region, island or sea, which has no population: about that of a
#: first-level area of 500,000 people, so "Red Sea" is the sea unless the article is
#: about Sudan (its Red Sea State) and "Java" is the island, not a village in Georgia.
CURATED_AREA_PRIOR = 6.5
#: How a reason names a hand-picked place: the project's, or the user's own (imported).
_PICKED = {"curated": "curated", "user": "user's own"}
#: Prior of a curated landmark (an airport, a base, a square), which has no population:
#: landmarks are curated because the news names them, so "Heathrow" is the airport, not a
#: town of 6,000 in Florida, while a city of 100,000 or more keeps its name.
CURATED_LANDMARK_PRIOR = 3.0


#: The kind words of districts ("district", "tehsil", "upazila"), named without them.
_DISTRICT_WORDS = _KINDS.district
#: The kind words written before a district's name, named without them: "Kabupaten Karo"
#: (an Indonesian regency) is "Karo" in English copy.
_DISTRICT_OPENERS = frozenset({"kabupaten"})


def _bare_area_name(key: str, place: Place) -> bool:
    """Whether ``key`` is the second-level area's name without the words that make it one.

    "Suffolk" of Suffolk County, "Karo" of Kabupaten Karo, "Peace River" of the Peace
    River Regional District: the news more often means a town or another area by it.
    """
    name = normalize_name(place.name)
    first, _, rest = name.partition(" ")
    return (
        any(name == f"{key} {w}" for w in _SECOND_LEVEL)
        or name == f"{key} regional district"
        or (rest == key and first in _DISTRICT_OPENERS)
    )


def _kind_less(place: Place, key: str) -> bool:
    """Whether ``key`` is the name of the district ``place`` without its kind word.

    "Kech" for "Kech District", "Karo" for "Kabupaten Karo": a short name read off a
    district's own name, not a code. (A county's bare short name is more often a word:
    "Door", "Lake".)
    """
    if place.feature_class != "A":
        return False
    name = normalize_name(place.name)
    head, _, last = name.rpartition(" ")
    first, _, rest = name.partition(" ")
    return (head == key and last in _DISTRICT_WORDS) or (rest == key and first in _DISTRICT_OPENERS)


#: A city of at least this many people, with no namesake of its country a third its size,
#: is the one news means by the name in that country (:func:`_largest_namesakes`).
LARGEST_NAMESAKE_PEOPLE = 1_000_000
#: Added to the prior of such a city: more than the nearness of a namesake a few hundred
#: kilometres from another place of the story, less than that of one a town's walk away.
LARGEST_NAMESAKE_PRIOR = 0.8
LARGEST_NAMESAKE_REASON = "the largest of its country's towns of this name"


def _largest_namesakes(key: str, places: Sequence[Place]) -> frozenset[str]:
    """Return the ids of the cities of a million that dwarf their country's namesakes.

    A provincial capital the gazetteer does not mark as one ("Changsha", the capital of
    Hunan, shares its name with smaller towns of Guangdong and Chongqing) is what news
    means by the name: among the towns of one country whose main name is ``key``, one of
    :data:`LARGEST_NAMESAKE_PEOPLE` people or more and three times the next is kept.
    """
    by_country: dict[str, list[Place]] = {}
    for p in places:
        if p.feature_class == "P" and normalize_name(p.name) == key:
            by_country.setdefault(p.country_code, []).append(p)
    out = []
    for towns in by_country.values():
        if len(towns) < 2:
            continue
        towns.sort(key=lambda p: -p.population)
        big, next_ = towns[0], towns[1]
        if big.population >= LARGEST_NAMESAKE_PEOPLE and big.population >= 3 * next_.population:
            out.append(big.id)
    return frozenset(out)


#: A town of at least this many people whose main name is the name written is what the
#: name means before any context, more than a bigger city known by it only as an
#: alternate name (:func:`_alternate_only`).
MAIN_NAME_TOWN = 10_000
#: How far below the best such town the prior of a city read by an alternate name is put.
ALTERNATE_NAME_MARGIN = 0.5
#: A town bearing the name this near the city (km) is a part of it ("Manhattan").
WITHIN_CITY_KM = 30.0
ALTERNATE_NAME_REASON = "known by this name only as an alternate; a town bears it as its own"


def _alternate_only(
    key: str, got: tuple[tuple[Place, float, tuple[str, ...]], ...]
) -> tuple[tuple[Place, float, tuple[str, ...]], ...]:
    """Rank the cities known by ``key`` only as an alternate name below its main-name towns.

    A city's former or other name ("Salisbury" of Harare, "Milford" of Newark, "Canton"
    of Guangzhou) is, in today's news, the town that bears it as its main name: when a
    town of :data:`MAIN_NAME_TOWN` people or more is called ``key``, a populated place
    of another name gets at most that town's prior less :data:`ALTERNATE_NAME_MARGIN`,
    so the article's own evidence (its country named, a place nearby) can still choose
    the city. A spelling of the city's main name in another tongue ("Roma", "Odessa")
    and a shortening of it ("New York" of New York City) are its name, and kept; so is
    the name of a quarter of the city within :data:`WITHIN_CITY_KM` ("Manhattan").
    """
    towns = [
        (p, score)
        for p, score, _ in got
        if p.feature_class == "P" and p.population >= MAIN_NAME_TOWN and _main_name(key, p)
    ]
    if not towns:
        return got
    cap = max(s for _, s in towns) - ALTERNATE_NAME_MARGIN
    out = []
    for p, score, reasons in got:
        if score > cap and p.feature_class == "P" and not _own_name(key, p):
            # a quarter of the city that bears the name ("Manhattan") is the city still
            near = any(haversine_km(p.lat, p.lon, t.lat, t.lon) <= WITHIN_CITY_KM for t, _ in towns)
            if not near:
                out.append((p, cap, (*reasons, ALTERNATE_NAME_REASON)))
                continue
        out.append((p, score, reasons))
    return tuple(out)


def _main_name(key: str, place: Place) -> bool:
    """Whether ``key`` is the place's main name (articles aside)."""
    name = normalize_name(place.name)
    return name == key or strip_articles(name) == strip_articles(key)


def _own_name(key: str, place: Place) -> bool:
    """Whether ``key`` is the place's main name, a part of it, or a spelling of it."""
    name = normalize_name(place.name)
    return (
        _main_name(key, place)
        or f" {key} " in f" {name} "
        or fuzz.ratio(key, name) >= RESPELLING_RATIO
    )


class Candidates:
    """Find the candidate places of mentions in a gazetteer, and score their prior.

    Parameters
    ----------
    gazetteer
        A :class:`~incidentmap.gazetteer.Gazetteer`, or any :class:`~.protocol.PlaceLookup`.
    lexicon
        Word lists and the places the gazetteer lacks; the default ones if not given.
    joined
        Keys with joined initials -> the gazetteer keys they stand for
        (:attr:`~.names.NameIndex.joined`).
    """

    def __init__(
        self,
        gazetteer: PlaceLookup,
        *,
        lexicon: Lexicon | None = None,
        joined: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or Lexicon.default()
        self.joined = joined or {}
        self._cache: dict[tuple[str, str | None, str | None, str | None], tuple[Place, ...]] = {}
        # what areas() and area_levels() tell of a candidate tuple, by its identity
        self._areas: dict[
            int, tuple[tuple[Place, ...], frozenset[tuple[str, str]], tuple[bool, bool]]
        ] = {}
        self._prior: dict[tuple[str, str], tuple[float, tuple[str, ...]]] = {}
        self._mixed: dict[str, bool] = {}
        # what admin2_cities() tells of a name's candidate tuple, by the key and its identity
        self._admin2: dict[
            tuple[str, int], tuple[tuple[Place, ...], tuple[tuple[int, str], ...]]
        ] = {}
        self._priors: dict[
            tuple[str, int],
            tuple[tuple[Place, ...], tuple[tuple[Place, float, tuple[str, ...]], ...]],
        ] = {}

    def candidates(self, mention: Mention) -> tuple[Place, ...]:
        """Return the places a mention may name (cached per key)."""
        ck = (mention.key, mention.kind, mention.country_code, mention.level)
        found = self._cache.get(ck)
        if found is None:
            found = remember(self._cache, ck, self._find(mention), limit=_MEMORY)
        return found

    def areas(self, places: tuple[Place, ...]) -> frozenset[tuple[str, str]]:
        """Return the first-level areas ``(country, admin1)`` the places lie in (cached).

        ``places`` is a tuple :meth:`candidates` returned; it is cached by identity (the
        entry keeps the tuple, so its id is not reused while cached).
        """
        return self._about(places)[1]

    def area_levels(self, places: tuple[Place, ...]) -> tuple[bool, bool]:
        """Return whether the places hold a first-level area, and a second-level one (cached).

        ``places`` is a tuple :meth:`candidates` returned; it is cached by identity, as
        :meth:`areas` is.
        """
        return self._about(places)[2]

    def _about(
        self, places: tuple[Place, ...]
    ) -> tuple[tuple[Place, ...], frozenset[tuple[str, str]], tuple[bool, bool]]:
        """Return ``places`` with what :meth:`areas` and :meth:`area_levels` say of them."""
        entry = self._areas.get(id(places))
        if entry is not None and entry[0] is places:
            return entry
        entry = (
            places,
            frozenset((p.country_code, p.admin1) for p in places if p.admin1 and not p.is_country),
            (any(p.is_admin1 for p in places), any(p.feature_code == "ADM2" for p in places)),
        )
        return remember(self._areas, id(places), entry, limit=_MEMORY)

    def _find(self, mention: Mention) -> tuple[Place, ...]:
        gaz = self.gazetteer
        extra = self.lexicon.extra_places
        if mention.kind == "demonym" and mention.country_code and not mention.name:
            if mention.country_code in extra:
                return extra[mention.country_code]
            country = gaz.country(mention.country_code)
            if country is not None:
                return (country,)
        if mention.level == SEAT:  # "at the White House": the curated building
            return tuple(p for p in gaz.lookup_key(mention.key, limit=50) if p.hand_picked)
        if mention.kind == "demonym" and mention.name and mention.country_code:
            # "Scottish": the area, then the other readings of its name, so that the
            # adjective is as sure evidence of the area as its name would be
            named = gaz.lookup(mention.name, limit=_MAX_CANDIDATES)
            first = [p for p in named if p.is_admin1 and p.country_code == mention.country_code]
            return tuple(first[:1] + [p for p in named if p not in first[:1]])
        if mention.country_code and mention.level:
            if mention.level == "country":
                country = gaz.country(mention.country_code)
                return (country,) if country is not None else ()
            named = gaz.lookup(mention.name or mention.text, country=mention.country_code)
            admins = [p for p in named if p.is_admin1]
            return tuple(admins[:1] or named[:1])
        key = mention.key
        places: dict[str, Place] = {}
        bare = SECOND_LEVEL_NAME.sub("", key)  # "Karak district": the governorate too
        spaced = _SOLID_COMPASS.sub(r"\1 \2", key)  # "northwest" -> "north west"
        keys = (key, strip_articles(key), *self.joined.get(key, ()), bare, spaced)
        for k in dict.fromkeys(keys):
            for p in gaz.lookup_key(k, limit=50):
                places.setdefault(p.id, p)
        other = self.lexicon.country_readings.get(key)
        if other is not None and (country := gaz.country(other)) is not None:
            places.setdefault(country.id, country)  # "Congo": the DR Congo too
        out = []
        for p in places.values():
            # (the main name without its article is the name: "Kut" of Al-Kut)
            short_alternate = len(key) <= 4 and strip_articles(normalize_name(p.name)) != key
            # GeoNames' short alternate names are mostly codes ("Hind", "Can"); a
            # curator's is deliberate ("EU", "IZ"), an area's name without its kind
            # word ("Kech" of "Kech District") is its name, no code, and so is an Arabic
            # name without its final h ("Hama" of Hamah)
            if short_alternate and not (
                p.is_country or p.hand_picked or _kind_less(p, key) or arabic_final_h(key, p)
            ):
                continue
            out.append(p)
        out.sort(key=lambda p: -self.prior(key, p)[0])
        if key in extra:
            return (*extra[key], *out[: _MAX_CANDIDATES - 1])
        return tuple(out[:_MAX_CANDIDATES])

    def prior(self, key: str, place: Place) -> tuple[float, tuple[str, ...]]:
        """Score of a place for a name before any context, with its reasons."""
        pk = (key, place.id)
        cached = self._prior.get(pk)
        if cached is not None:
            return cached
        reasons = []
        people = place.population
        if not people and place.feature_class == "P" and place.source == "geonames":
            # GeoNames leaves the population of many towns unknown (0): a town of its
            # cities500 list counts as the list's floor, not as nobody (Ra's al 'Ayn)
            people = UNKNOWN_TOWN_PEOPLE
        score = 0.8 * math.log10(people + 10)
        code = place.feature_code
        if place.is_country or place.feature_code == "CONT":
            score += 4.5 if place.is_country else 9.0
            reasons.append("country" if place.is_country else "continent")
        elif place.is_admin1:
            score += 2.0
            reasons.append("admin1 area")
        elif code == "ADM2":
            score += ADMIN2_PRIOR
            reasons.append("admin2 area")
            if _bare_area_name(key, place):
                score -= ADMIN2_BARE_NAME
        elif code == "PPLC":
            score += 2.5
            reasons.append("capital")
        elif code == "PPLA":
            score += 1.0
            reasons.append("admin1 capital")
        elif code in ("PPLA2", "PPLA3"):
            score += 0.4
        elif place.hand_picked and code in _CURATED_AREAS:
            score += CURATED_AREA_PRIOR
            reasons.append(f"{_PICKED[place.source]} region, island or sea")
        elif place.hand_picked:
            score += CURATED_LANDMARK_PRIOR
            reasons.append(f"{_PICKED[place.source]} landmark")
        elif place.feature_class != "P":
            score -= 0.5
        if normalize_name(place.name) == key:
            score += 2.5 if place.is_country else 0.5
            reasons.append("main name")
        elif strip_articles(normalize_name(place.name)) == strip_articles(key):
            score += 0.3
        return remember(self._prior, pk, (score, tuple(reasons)), limit=_PRIOR_MEMORY)

    def country_and_area(self, key: str, places: Sequence[Place]) -> bool:
        """Whether a name's candidates hold both a country and a first-level area."""
        got = self._mixed.get(key)
        if got is None:
            got = any(p.is_country for p in places) and any(p.is_admin1 for p in places)
            remember(self._mixed, key, got, limit=_MEMORY)
        return got

    def admin2_cities(self, key: str, places: tuple[Place, ...]) -> tuple[tuple[int, str], ...]:
        """Return :func:`~.namesakes.admin2_cities` of a name's candidates (cached).

        ``places`` is a tuple :meth:`candidates` returned; it is cached by identity with
        the key, as :meth:`priors` is.
        """
        ck = (key, id(places))
        entry = self._admin2.get(ck)
        if entry is not None and entry[0] is places:
            return entry[1]
        got = admin2_cities(key, places)
        remember(self._admin2, ck, (places, got), limit=_MEMORY)
        return got

    def priors(
        self, key: str, places: tuple[Place, ...]
    ) -> tuple[tuple[Place, float, tuple[str, ...]], ...]:
        """Return ``(place, score, reasons)`` of :meth:`prior` for each place (cached).

        ``places`` is a tuple :meth:`candidates` returned; it is cached by identity with
        the key, as :meth:`areas` is.
        """
        ck = (key, id(places))
        entry = self._priors.get(ck)
        if entry is not None and entry[0] is places:
            return entry[1]
        got = tuple((p, *self.prior(key, p)) for p in places)
        largest = _largest_namesakes(key, places)
        if largest:
            got = tuple(
                (p, score + LARGEST_NAMESAKE_PRIOR, (*reasons, LARGEST_NAMESAKE_REASON))
                if p.id in largest
                else (p, score, reasons)
                for p, score, reasons in got
            )
        if key not in self.lexicon.current_exonyms:
            got = _alternate_only(key, got)
        remember(self._priors, ck, (places, got), limit=_MEMORY)
        return got
