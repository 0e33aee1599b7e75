"""Kinds of places: distances, groups of feature codes and the words that name a kind.

The words written after a name that say what it names ("Anbar province", "Metcalfe
County", "Sadr City") and the groups of GeoNames feature codes (wide natural areas,
districts, capitals, landmark classes) are knowledge, kept in one data file,
``data/place_kinds.txt``; the geoparser, the gazetteer and the incident locator read them
from here. The great-circle distance is here too, so every module measures alike.

Examples
--------
>>> kinds = PlaceKinds.default()
>>> "province" in kinds.first_level, "county" in kinds.second_level, "city" in kinds.town
(True, True, True)
>>> kinds.kind_of_word("Governorate")
'first_level'
>>> round(haversine_km(33.34, 44.40, 36.19, 44.01))
319
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from importlib import resources

__all__ = ["EARTH_RADIUS_KM", "KM_PER_DEGREE", "PlaceKinds", "approx_km", "haversine_km"]

#: The mean Earth radius of the IUGG (km): the one radius of the project's distances.
EARTH_RADIUS_KM = 6371.0088
#: Kilometres per degree of latitude (and of longitude at the equator).
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two WGS 84 points.

    >>> round(haversine_km(0.0, 0.0, 0.0, 1.0), 2)
    111.2
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def approx_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance in km: fast, and close enough below a few hundred km.

    >>> round(approx_km(33.34, 44.40, 33.31, 44.39), 1)
    3.5
    """
    x = (lon2 - lon1) * math.cos((lat1 + lat2) * math.pi / 360.0)
    return KM_PER_DEGREE * math.hypot(lat2 - lat1, x if abs(lon2 - lon1) <= 180 else 360 - abs(x))


@dataclass(frozen=True, slots=True)
class PlaceKinds:
    """The words that name a kind of place and the groups of feature codes.

    ``first_level``: words of a first-level area ("province", "state"); ``second_level``:
    of a second-level area the gazetteer may lack ("county", "parish"); ``district``: of
    an area of either level ("district"); ``town``: of a settlement ("city", "village").
    ``wide_area_codes``: feature codes of natural or historical areas larger than a town;
    ``district_codes``: of areas below the first level and parts of towns;
    ``capital_codes``: of capitals; ``landmark_classes``: feature classes of landmarks.
    """

    first_level: frozenset[str]
    second_level: frozenset[str]
    district: frozenset[str]
    town: frozenset[str]
    wide_area_codes: frozenset[str]
    district_codes: frozenset[str]
    capital_codes: frozenset[str]
    landmark_classes: frozenset[str]

    @staticmethod
    @functools.cache
    def default() -> PlaceKinds:
        """Return the kinds of the shipped data file (read once)."""
        text = resources.files(__package__).joinpath("data/place_kinds.txt")
        return PlaceKinds.parse(text.read_text(encoding="utf-8"))

    @staticmethod
    def parse(text: str) -> PlaceKinds:
        r"""Read the sectioned format of ``data/place_kinds.txt``.

        >>> PlaceKinds.parse("[town]\ncity\n").town
        frozenset({'city'})
        """
        sections: dict[str, set[str]] = {}
        current: set[str] | None = None
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], set())
            elif current is not None:
                current.add(line)
        return PlaceKinds(**{f: frozenset(sections.get(f, ())) for f in PlaceKinds.__slots__})

    @property
    def area_words(self) -> frozenset[str]:
        """Words of an administrative area of any level ("province", "county", "district")."""
        return self.first_level | self.second_level | self.district

    @property
    def words(self) -> frozenset[str]:
        """Every word that names a kind of place, areas and towns."""
        return self.area_words | self.town

    def kind_of_word(self, word: str) -> str | None:
        """Return the section a word (any case) belongs to, or ``None``."""
        low = word.lower()
        for name in ("first_level", "second_level", "district", "town"):
            if low in getattr(self, name):
                return name
        return None
