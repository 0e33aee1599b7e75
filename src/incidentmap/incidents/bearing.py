"""Places told by a distance and a bearing from a town: "50 miles north of Lashkar Gah".

News copy often locates a village the reader (and the gazetteer) does not know by its
distance and direction from a town they know. :func:`anchor_km` reads the distance of
which a town is the reference ("about 340 km south-west of Moscow", "25 miles from
Kabul"); the point that far in that direction (:func:`offset_place`) is a better guess
of the scene than the town itself, as long as the distance is moderate.

Examples
--------
>>> from incidentmap.model import Place
>>> town = Place("t:x", "Xtown", 30.0, 60.0, "P", "PPLA", "AF")
>>> moved = offset_place(town, km=50 * 1.609, bearing="north")  # "50 miles north of Xtown"
>>> moved.name, round(moved.lat, 2), round(moved.lon, 2)
('80 km north of Xtown', 30.72, 60.0)
"""

from __future__ import annotations

import dataclasses
import math
import re

from ..gazetteer.kinds import EARTH_RADIUS_KM
from ..model import Place, Toponym

__all__ = ["COMPASS", "anchor_km", "compass_degrees", "distance_and_bearing", "offset_place"]

#: The farthest distance worth moving: beyond it, a stated distance is too rough to help.
MAX_KM = 200.0

#: The degrees of each bearing a distance is told with, by its compass words run together.
_DIRECTIONS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
#: A compass bearing as news copy writes it: "north", "south-west", "north east",
#: "eastern", "north-western". A cardinal point, or north or south joined to east or west:
#: exactly the bearings of ``_DIRECTIONS`` ("east-west" names a road or a divide, never a
#: bearing from a town).
COMPASS = r"(?:(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?"
#: What a bearing is written with besides its compass words: "south-west", "north east",
#: "eastern".
_SPELLING = re.compile(r"[- ]|ern$")


def offset_place(place: Place, *, km: float, bearing: str) -> Place | None:
    """Return the point ``km`` away from ``place`` in the ``bearing`` told.

    Only a town (feature class ``P``) is a reference point: an area's point is its middle,
    and a distance from it says little. The returned place keeps the town's country and
    first-level area, and is named after the phrase ("80 km north of Xtown").

    Parameters
    ----------
    place
        The town the distance is measured from.
    km
        The distance told (:func:`anchor_km` reads it).
    bearing
        The compass bearing as written before the town's name ("north-west", "southern";
        :data:`COMPASS`).

    Returns
    -------
    Place or None
        ``None`` for areas, for distances over :data:`MAX_KM` and for a bearing that is
        none of :data:`COMPASS` ("east-west").
    """
    if place.feature_class != "P" or not 0 < km <= MAX_KM:
        return None
    found = compass_degrees(bearing)
    if found is None:
        return None
    direction, degrees = found
    lat, lon = _destination(place.lat, place.lon, degrees, km)
    return dataclasses.replace(
        place,
        id=f"{place.id}@{km:.0f}km{direction}",
        name=f"{km:.0f} km {direction} of {place.name}",
        lat=lat,
        lon=lon,
        feature_code="PPL",
        population=0,
    )


def compass_degrees(bearing: str) -> tuple[str, float] | None:
    """Return a bearing as written, its compass words run together, and its degrees.

    >>> compass_degrees("North-Eastern"), compass_degrees("east-west")
    (('northeast', 45.0), None)
    """
    direction = _SPELLING.sub("", bearing.lower())
    degrees = _DIRECTIONS.get(direction)
    return None if degrees is None else (direction, degrees)


def _destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """Return the point ``km`` away from (lat, lon) along the initial ``bearing`` (degrees)."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540.0) % 360.0 - 180.0


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_ANCHOR = re.compile(
    r"\b(?P<n>\d[\d,.]*|a\s+few|several|some|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred)"
    r"(?:\s*|-)(?P<unit>km|kms|kilometres?|kilometers?|miles?|mi)\b\.?"
    r"(?:\s*\([^()]{1,25}\))?\s+"
    rf"(?:(?:to\s+the\s+)?(?P<bearing>{COMPASS})\s+of|from|outside(?:\s+of)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: What every match of ``_ANCHOR`` holds, in its unit: looked for first, a far cheaper search.
_UNIT = re.compile(r"km|kilomet|mi", re.IGNORECASE)


def anchor_km(text: str, top: Toponym) -> float | None:
    """Return the distance in km of which ``top`` is the reference, if it is one.

    >>> anchor_km("about 340 km south-west of Moscow", Toponym(27, 33, "Moscow"))
    340.0
    >>> anchor_km("in Moscow", Toponym(3, 9, "Moscow")) is None
    True
    """
    anchored = distance_and_bearing(text, top)
    return None if anchored is None else anchored[0]


def distance_and_bearing(text: str, top: Toponym) -> tuple[float, str | None] | None:
    """Return the distance in km and the bearing as written ("south-west") ``top`` anchors.

    The bearing is None for "25 miles from X", "10 km outside X"; the whole answer is
    None when ``top`` is no reference point of a distance.

    >>> distance_and_bearing("50 miles north of Kirkuk", Toponym(18, 24, "Kirkuk"))
    (80.45, 'north')
    >>> distance_and_bearing("10 km outside Kirkuk", Toponym(14, 20, "Kirkuk"))
    (10.0, None)
    """
    lo = max(0, top.start - 60)
    if not _UNIT.search(text, lo, top.start):
        return None
    found = _ANCHOR.search(text, lo, top.start)
    if found is None:
        return None
    number = found["n"].lower().replace(",", "")
    if number[0].isdigit():
        try:
            value = float(number.rstrip("."))
        except ValueError:
            value = 0.0
    elif number.startswith("a") and number.endswith("hundred"):
        value = 100.0
    else:
        value = float(_NUMBER_WORDS.get(number, 5))  # "a few", "several", "some": close
    km = value * 1.609 if found["unit"].lower().startswith("mi") else value
    return km, found["bearing"]
