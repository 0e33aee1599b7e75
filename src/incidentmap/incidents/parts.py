"""A country named by a compass part of it: "northeast Jordan", "the south of Lebanon".

News places an event it knows only roughly by a part of a country. Such an event belongs
in that part: not at the capital, which may lie at the other end of the country, nor at
the country's middle. Like an event known only to a country (ACLED's capital, with
geo-precision 3) it goes to a seat: that of the first-level area whose point lies
farthest that way (:func:`part_of_country`). Only areas on the country's main land
count: an island or an exclave off it (Melilla or the Canaries for "southern Spain", the
Bay Islands for "northern Honduras") is not what the news means by a bearing, though it
lies farthest that way.

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> text = "A drone was shot down in northeast Jordan."
>>> compass_part(text, Toponym(35, 41, "Jordan"))
'northeast'
>>> jordan = Place("geonames:248816", "Jordan", 31.0, 36.0, "A", "PCLI", "JO")
>>> found = part_of_country(jordan, "northeast")
>>> found.place.name, int(found.precision)
('Mafraq', 3)
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict

from ..gazetteer.embedded import read_admin1
from ..model import GeoPrecision, Place, Toponym
from .bearing import COMPASS, compass_degrees
from .fallback import seat_of
from .places import Location

__all__ = ["compass_part", "part_of_country"]

#: The part written before the name: "northeast Jordan", "north-eastern and central
#: Mali", "the northern parts of", "the far north of the" (not "north of Jordan", which
#: lies outside it).
_BEFORE = re.compile(
    rf"(?:\b(?:far\s+)?(?P<bearing>{COMPASS})(?:\s+and\s+[\w-]+)?\s+"
    r"(?:(?:parts?|regions?|areas?)\s+of\s+(?:the\s+)?)?"
    rf"|\bthe\s+(?:far\s+)?(?P<of>{COMPASS})\s+of\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
#: ... or after it: "Jordan's northeast", "Nigeria's far north".
_AFTER = re.compile(rf"['’]s\s+(?:far\s+)?(?P<bearing>{COMPASS})\b", re.IGNORECASE)
#: How far before the name the part is read.
_REACH = 40

#: A piece of a country's outline smaller than this share of its largest piece is an
#: island or an exclave off its main land.
_MAIN_LAND_SHARE = 0.1


def compass_part(text: str, top: Toponym) -> str | None:
    """Return the bearing of the part of ``top``'s place the text names, if it names one.

    The bearing comes back with its compass words run together ("north-eastern" is
    ``"northeast"``); "central", "upper" or "mid" name no bearing.

    >>> compass_part("in the north-east of Nigeria", Toponym(21, 28, "Nigeria"))
    'northeast'
    >>> compass_part("in Nigeria's far north", Toponym(3, 10, "Nigeria"))
    'north'
    >>> compass_part("in Nigeria", Toponym(3, 10, "Nigeria")) is None
    True
    """
    found = _BEFORE.search(text, max(0, top.start - _REACH), top.start) or _AFTER.match(
        text, top.end
    )
    if found is None:
        return None
    known = compass_degrees(found["bearing"] or found["of"])
    return None if known is None else known[0]


def part_of_country(country: Place, bearing: str) -> Location | None:
    """Return the seat that stands for the part of ``country`` lying ``bearing`` of it.

    It is the seat of the first-level area on the country's main land whose point lies
    farthest along the bearing; geo-precision 3. None for a place that is no country, a
    bearing none of :func:`compass_part`'s, or a country without such areas and seats.
    """
    known = compass_degrees(bearing)
    if not country.is_country or known is None:
        return None
    _, degrees = known
    areas = _main_land_areas().get(country.country_code, ())
    if not areas:
        return None
    theta = math.radians(degrees)
    squeeze = math.cos(math.radians(country.lat))  # a degree of longitude is shorter
    along = (math.cos(theta), math.sin(theta) * squeeze)
    farthest = max(areas, key=lambda a: a.lat * along[0] + a.lon * along[1])
    seat = seat_of(farthest)
    if seat is None:
        return None
    reason = (
        f"only the {bearing} of {country.name} named: the seat of {farthest.name}, "
        "the area farthest that way"
    )
    return Location(seat.place, GeoPrecision.REGION, None, reason)


@functools.cache
def _main_land_areas() -> dict[str, tuple[Place, ...]]:
    """Read the first-level areas with a seat, by country, those off its main land left out."""
    by_country: dict[str, list[Place]] = defaultdict(list)
    for record in read_admin1():
        area = record.place
        if seat_of(area) is not None:
            by_country[area.country_code].append(area)
    return {code: tuple(_on_main_land(code, areas)) for code, areas in by_country.items()}


def _on_main_land(code: str, areas: list[Place]) -> list[Place]:
    """Keep the areas whose point lies on (or nearest) a main piece of the country."""
    import shapely

    from ..gazetteer.outlines import CountryOutlines

    shape = CountryOutlines.default().shape(code)
    if shape is None:
        return areas
    pieces = list(getattr(shape, "geoms", [shape]))
    largest = max(piece.area for piece in pieces)
    kept = []
    for area in areas:
        point = shapely.Point(area.lon, area.lat)
        piece = min(pieces, key=lambda p: p.distance(point))
        if piece.area >= _MAIN_LAND_SHARE * largest:
            kept.append(area)
    return kept or areas
