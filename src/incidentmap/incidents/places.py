"""Resolved places compared: how small a place is, whether it lies in an area, one town.

:func:`specificity` ranks a place from a country (0) to a landmark (5); :func:`lies_in`
tells whether a place may lie in an area (by codes for a country or a province, by
distance for a smaller area; see ``incidents/README.md``, "A place in an area"), and
:func:`same_town` whether two towns an article names are one place for ACLED. A
:class:`Location` is the place chosen for an incident
(:func:`~incidentmap.incidents.locate.choose_location`, :mod:`.fallback`), with its
precision and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..gazetteer.kinds import PlaceKinds, haversine_km
from ..model import GeoPrecision, Place, Toponym

__all__ = ["METROPOLIS", "SAME_TOWN_KM", "Location", "lies_in", "same_town", "specificity"]

_KINDS = PlaceKinds.default()
_LANDMARK_CLASSES = _KINDS.landmark_classes
_DISTRICTS = _KINDS.district_codes
# Natural or historical areas larger than a town (GeoNames codes): regions, islands, seas,
# gulfs, straits, mountain ranges, deserts. A town named with one ("the Red Sea port city
# of Hodeidah") is the more specific place; alone, they place an event at region level.
_WIDE_AREAS = _KINDS.wide_area_codes
_CONTAINER_KM = 150.0  # a district (or a town's municipality) holds the places this near


@dataclass(frozen=True, slots=True)
class Location:
    """The place chosen for an incident, how precise it is, and why."""

    place: Place
    precision: GeoPrecision
    toponym: Toponym | None
    reason: str


def specificity(place: Place) -> int:
    """Rank a place by how small it is.

    5 landmark, 4 part of a town, 3 town, 2 district or other area, 1 province or wide
    natural area (region, island, sea, strait), 0 country.

    >>> from incidentmap.model import Place
    >>> specificity(Place("geonames:99237", "Iraq", 33.0, 44.0, "A", "PCLI", "IQ"))
    0
    >>> specificity(Place("curated:red-sea", "Red Sea", 20.0, 38.5, "H", "SEA", ""))
    1
    """
    if place.is_country:
        return 0
    code = place.feature_code
    if place.is_admin1 or code in _WIDE_AREAS:
        return 1
    if place.hand_picked and not code.startswith(("PPL", "ADM", "PCL")):
        return 5
    if place.feature_class in _LANDMARK_CLASSES:
        return 5 if place.feature_class == "S" or code == "PPLX" else 2
    if code in _DISTRICTS:
        return 4 if code == "PPLX" else 2
    if place.feature_class == "P":
        return 3
    return 2


def lies_in(place: Place, area: Place) -> bool:
    """Whether ``place`` may lie in ``area``: a country, a province, or a smaller area.

    A country or province holds ``place`` by its codes; a smaller area (a district, a
    town's municipality) holds the places within 150 km of it. An area without a country
    code ("the Sahel") holds places of any country; a province without its own code
    holds none. Tolerant on purpose: the places are resolved already, and the question
    is whether two mentions may name one scene. The geoparser's stricter
    :func:`~incidentmap.geoparse.areas.inside` weighs readings of a name (see
    ``incidents/README.md``, "A place in an area").

    >>> from incidentmap.model import Place
    >>> hn = Place("geonames:3608932", "Honduras", 15.0, -86.5, "A", "PCLI", "HN")
    >>> tocoa = Place("geonames:3600949", "Tocoa", 15.68, -86.0, "P", "PPL", "HN", "02")
    >>> olancho = Place("geonames:3604249", "Olancho", 14.8, -86.0, "A", "ADM1", "HN", "15")
    >>> lies_in(tocoa, hn), lies_in(tocoa, olancho)
    (True, False)
    """
    if area.country_code and place.country_code != area.country_code:
        return False
    if area.is_country:
        return True
    if area.is_admin1:
        return area.admin1 is not None and place.admin1 == area.admin1
    if area.admin1 and place.admin1 and area.admin1 != place.admin1:
        return False  # a district (or a town's) lies in one province
    return haversine_km(place.lat, place.lon, area.lat, area.lon) <= _CONTAINER_KM


#: Two towns named apart are one place only when their points (nearly) coincide.
SAME_TOWN_KM = 3.0
#: A city this large holds the towns within 25 km of it ("LAGOS — ... at Lekki").
METROPOLIS = 500_000


def same_town(a: Place, b: Place, *, max_km: float = 25.0) -> bool:
    """Whether two towns an article names are one place for ACLED's one event per place.

    ACLED codes each named town: Jabaliya is not Gaza City though 5 km apart. A town
    within ``max_km`` of a city of half a million or more is that city's suburb, unless it
    is such a city itself (Omdurman is not Khartoum's suburb).

    >>> from incidentmap.model import Place
    >>> gaza = Place("g:1", "Gaza", 31.50, 34.47, "P", "PPLA", "PS", population=410000)
    >>> jabaliya = Place("g:2", "Jabaliya", 31.53, 34.48, "P", "PPL", "PS")
    >>> same_town(gaza, jabaliya)
    False
    """
    if a.id == b.id:
        return True
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km <= SAME_TOWN_KM:
        return True
    if min(a.population, b.population) >= METROPOLIS:
        return False  # twin cities (Khartoum and Omdurman): each a city, neither a suburb
    return max(a.population, b.population) >= METROPOLIS and km <= max_km
