"""Places told by a distance and a bearing from a town: "50 miles north of Lashkar Gah".

News copy often locates a village the reader (and the gazetteer) does not know by its
distance and direction from a town they know. The point that far in that direction is a
better guess of the scene than the town itself, as long as the distance is moderate.

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> town = Place("t:x", "Xtown", 30.0, 60.0, "P", "PPLA", "AF")
>>> text = "a village about 50 miles north of Xtown"
>>> moved = offset_place(text, Toponym(34, 39, "Xtown"), town)
>>> moved.name, round(moved.lat, 2), round(moved.lon, 2)
('80 km north of Xtown', 30.72, 60.0)
"""

from __future__ import annotations

import dataclasses
import math
import re

from ..model import Place, Toponym

__all__ = ["offset_place"]

#: The farthest distance worth moving: beyond it, a stated distance is too rough to help.
MAX_KM = 200.0

_EARTH_KM = 6371.0
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
_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a hundred": 100,
}  # fmt: skip
_TOLD = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})*(?:\.\d+)?|" + "|".join(_WORDS) + r")(?:\s*|-)"
    r"(?P<unit>km|kms|kilometres?|kilometers?|miles?|mi)\b\.?(?:\s*\([^()]{1,25}\))?\s+"
    r"(?:to\s+the\s+)?(?P<dir>(?:north|south|east|west)(?:[- ]?(?:east|west))?)(?:ern)?"
    r"\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def offset_place(text: str, toponym: Toponym, place: Place) -> Place | None:
    """Return the point a distance and bearing before ``toponym`` tell, if they tell one.

    Only a town (feature class ``P``) is a reference point: an area's point is its middle,
    and a distance from it says little. The returned place keeps the town's country and
    first-level area, and is named after the phrase ("80 km north of Xtown").

    Parameters
    ----------
    text
        The article text.
    toponym
        The mention of the town the distance is measured from.
    place
        The place it resolved to.

    Returns
    -------
    Place or None
        ``None`` without a distance and a bearing right before the name, for areas, and
        for distances over :data:`MAX_KM`.
    """
    if place.feature_class != "P":
        return None
    told = _TOLD.search(text, max(0, toponym.start - 60), toponym.start)
    if told is None:
        return None
    number = told["n"].lower()
    value = float(_WORDS[number]) if number in _WORDS else float(number.replace(",", ""))
    km = value * 1.609 if told["unit"].lower().startswith("mi") else value
    if not 0 < km <= MAX_KM:
        return None
    direction = re.sub(r"[- ]", "", told["dir"].lower())
    lat, lon = _destination(place.lat, place.lon, _DIRECTIONS[direction], km)
    return dataclasses.replace(
        place,
        id=f"{place.id}@{km:.0f}km{direction}",
        name=f"{km:.0f} km {direction} of {place.name}",
        lat=lat,
        lon=lon,
        feature_code="PPL",
        population=0,
    )


def _destination(lat: float, lon: float, bearing: float, km: float) -> tuple[float, float]:
    """Return the point ``km`` away from (lat, lon) along the initial ``bearing`` (degrees)."""
    phi, lam, theta = math.radians(lat), math.radians(lon), math.radians(bearing)
    delta = km / _EARTH_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540.0) % 360.0 - 180.0
