"""Places told by a distance and a bearing from a town: "50 miles north of Lashkar Gah".

News copy often locates a village the reader (and the gazetteer) does not know by its
distance and direction from a town they know. The point that far in that direction is a
better guess of the scene than the town itself, as long as the distance is moderate.

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> town = Place("t:x", "Xtown", 30.0, 60.0, "P", "PPLA", "AF")
>>> text = "a village about 50 miles north of Xtown"
>>> moved = offset_place(text, Toponym(34, 39, "Xtown"), town, km=50 * 1.609)
>>> moved.name, round(moved.lat, 2), round(moved.lon, 2)
('80 km north of Xtown', 30.72, 60.0)
"""

from __future__ import annotations

import dataclasses
import math
import re

from ..gazetteer.kinds import EARTH_RADIUS_KM
from ..model import Place, Toponym

__all__ = ["offset_place"]

#: The farthest distance worth moving: beyond it, a stated distance is too rough to help.
MAX_KM = 200.0

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
#: The bearing right before the town's name: "... north-west of (the) X".
_BEARING = re.compile(
    r"(?P<dir>(?:north|south|east|west)(?:[- ]?(?:east|west))?)(?:ern)?\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def offset_place(text: str, toponym: Toponym, place: Place, *, km: float) -> Place | None:
    """Return the point ``km`` away in the bearing told before ``toponym``, if one is told.

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
    km
        The distance told (:func:`~incidentmap.incidents.locate.anchor_km` reads it).

    Returns
    -------
    Place or None
        ``None`` without a bearing right before the name, for areas, and for distances
        over :data:`MAX_KM`.
    """
    if place.feature_class != "P" or not 0 < km <= MAX_KM:
        return None
    told = _BEARING.search(text, max(0, toponym.start - 40), toponym.start)
    if told is None:
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
    delta = km / EARTH_RADIUS_KM
    phi2 = math.asin(
        math.sin(phi) * math.cos(delta) + math.cos(phi) * math.sin(delta) * math.cos(theta)
    )
    lam2 = lam + math.atan2(
        math.sin(theta) * math.sin(delta) * math.cos(phi),
        math.cos(delta) - math.sin(phi) * math.sin(phi2),
    )
    return math.degrees(phi2), (math.degrees(lam2) + 540.0) % 360.0 - 180.0
