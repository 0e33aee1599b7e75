"""Where an incident goes when its sentence names no place: the story's places.

News names the place of its main event once (in the dateline, the lead or one later
sentence) and tells follow-ups without it. These functions read the article's places
as a whole: the dateline and the article's main place (:func:`fallback_location`), the
town named just before (:func:`previous_town`), the article's town inside a country or
province an event is placed in (:func:`town_within`, :func:`area_within`,
:func:`province_named_by_town`), and the capital or seat that stands for an area
(:func:`seat_of`). The place a sentence itself names is chosen by
:func:`~incidentmap.incidents.locate.choose_location`.

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> kano = Place("geonames:2335204", "Kano", 12.0, 8.5, "P", "PPLA", "NG", "29")
>>> found = fallback_location([Toponym(0, 4, "KANO", "dateline", kano, 0.9)])
>>> found.place.name, found.reason
('Kano', "the article's dateline")
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Sequence
from importlib import resources

from ..gazetteer.kinds import PlaceKinds
from ..model import GeoPrecision, Place, Toponym, majority_country
from .listednames import listed
from .places import Location, lies_in, specificity

__all__ = [
    "area_within",
    "fallback_location",
    "previous_town",
    "province_named_by_town",
    "seat_of",
    "town_within",
]

_KINDS = PlaceKinds.default()
_CAPITALS = _KINDS.capital_codes


def fallback_location(
    toponyms: Sequence[Toponym], *, sentence_toponyms: Sequence[Toponym] = ()
) -> Location | None:
    """Where to put an incident whose sentence names no place.

    The dateline first, then the article's most-mentioned place (among the places of
    the country holding more than half of the article's places and demonyms, when one
    does), then a demonym of the event's own sentence. ``toponyms`` should leave out
    mentions in background sentences.

    A dateline whose place the body never names while naming others is a reporter's
    bureau ("NAIROBI —" over a story about Tigray), unless the body places the story in
    the dateline's own country (names it, a place of it, or its people: "the Somali
    capital"): then the dateline is where the story is, and when the body names nothing
    in that country more specific than a region holding the dateline, the dateline city
    stands for the country ("TBILISI, Georgia — ... marched through the Georgian
    capital"). A story that names another town or province of that country may be told
    from the capital's bureau: it falls back to its main place. The country or region
    written into the dateline itself ("MOGADISHU, Somalia —") is part of the dateline,
    not of the body.
    """
    ordered = sorted(toponyms, key=lambda t: t.start)
    dateline = next((t for t in ordered if t.kind == "dateline" and t.place is not None), None)
    zone = _dateline_zone(ordered, dateline)
    body = [t for t in ordered if t.start not in zone and t is not dateline]
    if dateline is not None:
        found = _from_dateline(dateline, body)
        if found is not None:
            return found
    counts: Counter[str] = Counter()
    first: dict[str, Toponym] = {}
    for top in body:
        if top.kind == "place" and top.place is not None:
            counts[top.place.id] += 1
            first.setdefault(top.place.id, top)
    home = majority_country(body)
    at_home = Counter({pid: n for pid, n in counts.items() if _country_of(first[pid]) == home})
    if home is not None and at_home:
        counts = at_home  # a namesake abroad named most ("de León" in a name) is no scene
    if counts:
        # of places named as often, a town says more than the region around it
        best = max(counts, key=lambda pid: (counts[pid], _town(first[pid]), -first[pid].start))
        top = first[best]
        assert top.place is not None
        return Location(top.place, GeoPrecision.REGION, top, "the article's main place")
    for top in sentence_toponyms:
        if top.kind == "demonym" and top.place is not None:
            return Location(top.place, GeoPrecision.REGION, top, "a demonym in the sentence")
    return None


def _town(top: Toponym) -> bool:
    return top.place is not None and specificity(top.place) >= 3


def _country_of(top: Toponym) -> str | None:
    return top.place.country_code if top.place is not None else None


def _dateline_zone(ordered: Sequence[Toponym], dateline: Toponym | None) -> set[int]:
    """Offsets of the places written into the dateline after its town ("X, Somalia —")."""
    zone: set[int] = set()
    if dateline is None:
        return zone
    end = dateline.end
    for top in ordered:
        if top.start < dateline.end:
            continue
        if top.start - end > 2:  # ", " between the town and its country
            break
        zone.add(top.start)
        end = top.end
    return zone


def _from_dateline(dateline: Toponym, body: Sequence[Toponym]) -> Location | None:
    """Return the dateline as the incident's place, or None for a reporter's bureau."""
    place = dateline.place
    assert place is not None
    town = place.feature_class == "P" or specificity(place) >= 3
    precision = GeoPrecision.NEAR if town else GeoPrecision.REGION
    named = [t for t in body if t.kind == "place" and t.place is not None]
    if not named or any(t.place is not None and t.place.id == place.id for t in named):
        return Location(place, precision, dateline, "the article's dateline")
    country = place.country_code
    home = [
        t
        for t in body
        if t.place is not None and country and t.place.country_code == country
        if t.kind in ("place", "demonym")
    ]
    if not home or not town:
        return None  # a bureau's dateline ("BEIRUT —" over a story about Aleppo)
    for top in home:
        if top.kind == "place" and top.place is not None and not _holds(top.place, place):
            return None  # the story names its own town or province in the dateline's country
    return Location(place, precision, dateline, "the dateline city of the story's country")


def _holds(area: Place, town: Place) -> bool:
    """Whether ``area`` is a country or province that contains ``town`` (by codes)."""
    return (area.is_country or area.is_admin1) and lies_in(town, area)


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


def town_within(area: Place, toponyms: Sequence[Toponym], *, text: str = "") -> Location | None:
    """Return the article's town inside a country or province, for an event placed there.

    News names the country or province of an event in its lead ("gunmen killed an
    activist in northern Honduras") and the town in another sentence. When the story
    names towns inside the area, the one it names most (the first of equals) stands
    for the event, with precision 2; None when it names none. A town named only as one
    member of a list ("martial law in Ayadaw, Shwebo and Wetlet townships"; with
    ``text``) is one of several places the story names together, not the story's town.

    >>> from incidentmap.model import Place, Toponym
    >>> hn = Place("geonames:3608932", "Honduras", 15.0, -86.5, "A", "PCLI", "HN")
    >>> tocoa = Place("geonames:3600949", "Tocoa", 15.68, -86.0, "P", "PPL", "HN", "02")
    >>> found = town_within(hn, [Toponym(0, 5, "Tocoa", place=tocoa, confidence=0.9)])
    >>> found.place.name, int(found.precision)
    ('Tocoa', 2)
    """
    if not (area.is_country or area.is_admin1):
        return None
    counts: dict[str, int] = {}
    first: dict[str, Toponym] = {}
    for top in toponyms:
        place = top.place
        if top.kind != "place" or place is None or specificity(place) < 3:
            continue
        if not _holds(area, place):
            continue
        if text and listed(text, top):
            continue
        counts[place.id] = counts.get(place.id, 0) + 1
        first.setdefault(place.id, top)
    if not counts:
        return None
    best = max(counts, key=lambda pid: (counts[pid], -first[pid].start))
    top = first[best]
    assert top.place is not None
    return Location(top.place, GeoPrecision.NEAR, top, f"the story's town in {area.name}")


#: A first-level word written after a town's name: "the Kursk region", "Belgorod Oblast".
_PROVINCE_WORD = re.compile(
    rf"\s+(?:{'|'.join(sorted(_KINDS.first_level))})\b(?!\s+of\b)", re.IGNORECASE
)


def province_named_by_town(text: str, loc: Location) -> Place | None:
    """Return the first-level area a town's name stands for ("the Kursk region").

    News names a Russian or Ukrainian oblast, a French region, after its chief town: "in
    the Kursk region" tells of the province, not of the city of Kursk, when the gazetteer
    resolves the name to the town. The area returned carries the town's country and
    first-level code (and the town's point), for :func:`town_within` and :func:`seat_of`
    to find the story's town in it or its seat. None when the place is not a town named
    with such a word.

    >>> from incidentmap.model import Place, Toponym
    >>> kursk = Place("geonames:538560", "Kursk", 51.73, 36.19, "P", "PPL", "RU", "41")
    >>> text = "Fighting went on in the Kursk region."
    >>> loc = Location(kursk, GeoPrecision.EXACT, Toponym(24, 29, "Kursk", place=kursk), "")
    >>> area = province_named_by_town(text, loc)
    >>> area.feature_code, area.country_code, area.admin1
    ('ADM1', 'RU', '41')
    """
    top, place = loc.toponym, loc.place
    if top is None or specificity(place) != 3 or not place.admin1 or not place.country_code:
        return None
    if place.feature_code in _CAPITALS and place.feature_code != "PPLA":
        return None  # "the Paris region" is no province of France: the capital's own area
    if not _PROVINCE_WORD.match(text, top.end):
        return None
    return Place(
        f"{place.id}#province",
        f"{place.name} {text[top.end :].split()[0].lower()}",
        place.lat,
        place.lon,
        "A",
        "ADM1",
        place.country_code,
        place.admin1,
    )


def area_within(country: Place, toponyms: Sequence[Toponym]) -> Place | None:
    """Return the one first-level area of ``country`` the story names, if it names one.

    "At least 26 were killed in Papua New Guinea" ... "in Enga province": an event told
    only by its country, in a story that names a single province of that country and no
    town in it, happened in that province. None when the story names none or several.

    >>> from incidentmap.model import Place, Toponym
    >>> pg = Place("geonames:2088628", "Papua New Guinea", -6.0, 147.0, "A", "PCLI", "PG")
    >>> enga = Place("geonames:2097855", "Enga", -5.5, 143.5, "A", "ADM1", "PG", "19")
    >>> area_within(pg, [Toponym(0, 4, "Enga", place=enga, confidence=0.9)]).name
    'Enga'
    """
    if not country.is_country:
        return None
    areas = {
        top.place.id: top.place
        for top in toponyms
        if top.kind == "place"
        and top.place is not None
        and top.place.is_admin1
        and top.place.country_code == country.country_code
    }
    return next(iter(areas.values())) if len(areas) == 1 else None


@functools.cache
def _seat_rows(table: str, key_columns: int) -> dict[tuple[str, ...], str]:
    """Read a bundled seat table (GeoNames-derived): its rows' other columns, by their key.

    A story needs a few seats of the tables' thousands, so a row is parsed into a place
    only when it is looked up (:func:`_seat`, :func:`_second_level_seat`).
    """
    path = resources.files("incidentmap").joinpath(f"data/{table}")
    rows: dict[tuple[str, ...], str] = {}
    with path.open(encoding="utf-8") as lines:
        next(lines)  # header
        for line in lines:
            *key, rest = line.rstrip("\n").split("\t", key_columns)
            rows[tuple(key)] = rest
    return rows


@functools.cache
def _seat(country: str, admin1: str) -> Place | None:
    """Return the capital of a country (``admin1`` empty) or the seat of a province."""
    row = _seat_rows("seats.tsv", 2).get((country, admin1))
    if row is None:
        return None
    pid, name, lat, lon, population = row.split("\t")
    code = "PPLA" if admin1 else "PPLC"
    return Place(
        pid, name, float(lat), float(lon), "P", code, country, admin1 or None, int(population)
    )


@functools.cache
def _second_level_seat(area_id: str) -> Place | None:
    """Return the seat of a second-level area, by the area's place id."""
    area = area_id.removeprefix("geonames:")
    row = _seat_rows("seats_admin2.tsv", 1).get((area,)) if area != area_id else None
    if row is None:
        return None
    pid, name, lat, lon, population, _ = row.split("\t")
    return Place(
        f"geonames:{pid}", name, float(lat), float(lon), "P", "PPLA2", "", None, int(population)
    )


def seat_of(area: Place) -> Location | None:
    """Return the capital of a country, or the seat of a province or district, to stand for it.

    ACLED codes an event that a report places only in a country or a province at that
    area's capital, with geo-precision 3, so that it sits on land among the area's
    events rather than at a centroid that may fall in a desert or a lake. A second-level
    area (a district; a province of the Philippines, whose first level is its regions)
    has a seat where the gazetteer data names one (``gazetteer/build_seats.py``: its
    ``PPLA2`` town, the town named like it, or the capital set by hand); it stands for
    the area with the precision the area has, 2.

    >>> from incidentmap.model import Place
    >>> jordan = Place("geonames:248816", "Jordan", 31.0, 36.0, "A", "PCLI", "JO")
    >>> found = seat_of(jordan)
    >>> found.place.name, int(found.precision)
    ('Amman', 3)
    >>> abra = Place("geonames:1732380", "Abra", 17.55, 120.79, "A", "ADM2", "PH", "15")
    >>> found = seat_of(abra)
    >>> found.place.name, int(found.precision), found.reason
    ('Bangued', 2, 'only Abra named: its seat')
    """
    precision = GeoPrecision.REGION
    if area.is_country:
        seat = _seat(area.country_code, "")
    elif area.is_admin1 and area.admin1:
        seat = _seat(area.country_code, area.admin1)
    elif area.feature_code == "ADM2" and (seat := _second_level_seat(area.id)):
        # the table leaves out the codes the area has: the seat lies in it
        seat = dataclasses.replace(seat, country_code=area.country_code, admin1=area.admin1)
        precision = GeoPrecision.NEAR
    else:
        return None
    if seat is None:
        return None
    kind = "capital" if area.is_country else "seat"
    return Location(seat, precision, None, f"only {area.name} named: its {kind}")
