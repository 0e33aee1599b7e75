"""Link an incident to the place the text ties it to, with ACLED's geo precision.

Within the scope of an event (its clause, else its sentence) the most specific resolved
place wins: a landmark over its city, a city over its province, a province over its
country; at equal specificity the place nearest the trigger. Demonyms ("Iraqi") name
actors, not places, and datelines are only a fallback.

Precision: a landmark or town named in the event's sentence is ``EXACT`` (1); one
introduced by "near", "outside", "north of", "the outskirts of" ..., or a district,
is ``NEAR`` (2); a province or country is ``REGION`` (3). Without a place in the
sentence the incident falls back, in this order, to the dateline (a city → 2, since
events reported under a dateline happen in or around it; an area → 3), to the
article's main place (the place mentioned most often, → 3) and to a demonym in the
event's sentence (its country, → 3).

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> kano = Place("geonames:2335204", "Kano", 12.0, 8.5, "P", "PPLA", "NG", "29")
>>> text = "Gunmen attacked a village near Kano."
>>> t = Toponym(31, 35, "Kano", place=kano)
>>> loc = choose_location(text, [t], anchor=7)
>>> loc.place.name, int(loc.precision)
('Kano', 2)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import GeoPrecision, Place, Toponym
from .taxonomy import Taxonomy

__all__ = ["Location", "choose_location", "fallback_location", "previous_town", "specificity"]

_LANDMARK_CLASSES = frozenset({"S", "L", "R", "T", "H", "V", "U"})
_DISTRICTS = frozenset({"ADM2", "ADM3", "ADM4", "ADM5", "ADMD", "PPLX"})
# Natural or historical areas larger than a town (GeoNames codes): regions, islands, seas,
# gulfs, straits, mountain ranges, deserts. A town named with one ("the Red Sea port city
# of Hodeidah") is the more specific place; alone, they place an event at region level.
_WIDE_AREAS = frozenset(
    {"RGN", "RGNE", "RGNH", "ISL", "ISLS", "SEA", "GULF", "OCN", "STRT", "BAY", "BGHT",
     "CHN", "LK", "MTS", "DSRT", "PLAT", "PEN", "VAL", "AREA", "PRK"}
)  # fmt: skip
# A town's name used for the area it gives its name to ("Kasese district").
ADMIN_WORD = re.compile(
    r"\s+(?:district|province|region|county|state|governorate|department|prefecture)\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    r"^['’]s\s+(?!capital|city|town|province|region|district|north|south|east|west)"
)
_IN_COUNTRY = re.compile(
    r"\b(?:in|across|throughout|inside|within|over|around|of)\s+(?:the\s+)?(?:\w+ern\s+)?$",
    re.IGNORECASE,
)
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
_NAME_GOES_ON = re.compile(r"[ \t]+(?-i:[A-Z])[a-z]")
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|on|near|outside|into|inside|across|around|from|toward|towards|of)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)


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
    if place.id.startswith("curated:") and not code.startswith(("PPL", "ADM", "PCL")):
        return 5
    if place.feature_class in _LANDMARK_CLASSES:
        return 5 if place.feature_class == "S" or code == "PPLX" else 2
    if code in _DISTRICTS:
        return 4 if code == "PPLX" else 2
    if place.feature_class == "P":
        return 3
    return 2


def _precision(text: str, toponym: Toponym, place: Place, taxonomy: Taxonomy) -> GeoPrecision:
    rank = specificity(place)
    if rank <= 1:
        return GeoPrecision.REGION
    before = text[max(0, toponym.start - 40) : toponym.start]
    near = taxonomy.cues.near
    for match in near.finditer(before):
        if before[match.end() :].strip(" ,").lower() not in ("", "the", "of", "of the"):
            continue
        return GeoPrecision.NEAR
    if rank == 2 and place.feature_code in _DISTRICTS:
        return GeoPrecision.NEAR
    return GeoPrecision.EXACT


def choose_location(
    text: str,
    toponyms: Iterable[Toponym],
    *,
    anchor: int,
    taxonomy: Taxonomy | None = None,
) -> Location | None:
    """Choose the place an event at character ``anchor`` of ``text`` is tied to.

    Parameters
    ----------
    text
        The article text.
    toponyms
        Mentions within the event's scope (others are the caller's business).
    anchor
        Offset of the event's trigger.
    taxonomy
        Supplies the locative cues; the bundled taxonomy by default.
    """
    tax = taxonomy or Taxonomy.default()
    best: tuple[float, Toponym, Place] | None = None
    for top in toponyms:
        place = top.place
        if place is None or top.kind != "place":
            continue
        if place.is_country and _NAME_GOES_ON.match(text, top.end):
            continue  # "U.S. Embassy", "Iraq War": part of a longer name, not the scene
        if place.is_country and not _IN_COUNTRY.search(text, max(0, top.start - 20), top.start):
            continue  # "slogans against France", "talks with Iran": not where it happened
        score = specificity(place) * 10.0
        gap = top.start - anchor if top.start >= anchor else anchor - top.end
        score -= min(abs(gap), 300) / 60.0
        if _LOCATIVE.search(text, max(0, top.start - 12), top.start):
            score += 4.0
        if _ORIGIN.search(text, max(0, top.start - 12), top.start):
            score -= 8.0  # "fired missiles from the Golan Heights": where it came from
        if ADMIN_WORD.match(text, top.end) and specificity(place) >= 3:
            score -= 10.0  # "in Kasese district": the area around a town, not the town
        if _POSSESSIVE.match(text, top.end) and specificity(place) <= 1:
            score -= 6.0  # "Iraq's elections": an owner, not a scene
        if best is None or score > best[0]:
            best = (score, top, place)
    if best is None:
        return None
    _, top, place = best
    return Location(place, _precision(text, top, place, tax), top, "named in the event's sentence")


def fallback_location(
    toponyms: Sequence[Toponym], *, sentence_toponyms: Sequence[Toponym] = ()
) -> Location | None:
    """Where to put an incident whose sentence names no place.

    The dateline first (unless the body never names its place while naming others: then
    it is the reporter's bureau), then the article's most-mentioned place, then a demonym
    of the event's own sentence. ``toponyms`` should leave out mentions in background sentences.
    """
    body = {t.place.id for t in toponyms if t.kind == "place" and t.place is not None}
    for top in toponyms:
        if top.kind == "dateline" and top.place is not None:
            if body and top.place.id not in body:
                continue  # a bureau's dateline ("BEIRUT —" over a story about Aleppo)
            town = top.place.feature_class == "P" or specificity(top.place) >= 3
            precision = GeoPrecision.NEAR if town else GeoPrecision.REGION
            return Location(top.place, precision, top, "the article's dateline")
    counts: Counter[str] = Counter()
    first: dict[str, Toponym] = {}
    for top in toponyms:
        if top.kind == "place" and top.place is not None:
            counts[top.place.id] += 1
            first.setdefault(top.place.id, top)
    if counts:
        best = max(counts, key=lambda pid: (counts[pid], -first[pid].start))
        top = first[best]
        assert top.place is not None
        return Location(top.place, GeoPrecision.REGION, top, "the article's main place")
    for top in sentence_toponyms:
        if top.kind == "demonym" and top.place is not None:
            return Location(top.place, GeoPrecision.REGION, top, "a demonym in the sentence")
    return None


def previous_town(toponyms: Sequence[Toponym], before: int) -> Location | None:
    """Return the last town or smaller place named before offset ``before``.

    Used when an event's sentence says "the city" or "the town": it refers back.
    """
    for top in reversed(toponyms):
        if top.start >= before or top.kind != "place" or top.place is None:
            continue
        if specificity(top.place) >= 3:
            return Location(top.place, GeoPrecision.EXACT, top, "the town named before")
    return None
