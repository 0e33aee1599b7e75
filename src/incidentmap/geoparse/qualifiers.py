"""Qualifiers: the container a name is written with ("Springfield, Illinois").

- **"X, Y"**: ``"Springfield, Illinois"``, ``"Erbil, Iraq"``; a province that is a
  second-level area (``"Rizal, Nueva Ecija"``), or a county the gazetteer holds as a
  region (``"Reading, Berkshire"``); a bare name so given is a town before a county
  (``"Perth, Ontario"``); a list of peers (``"Oklahoma,
  Pennsylvania and Ohio"``) is no qualifier;
- **"X in Y"**: ``"Landmark in City"``, ``"X district of Y"``, ``"X, a village near
  Y"``; a name followed by a natural-feature word ("the Senegal river valley") holds
  no town named before it;
- **"Y's X"**: ``"Lebanon's northern city of Tripoli"``; a city's part read only abroad
  is placed at the city (``"Kabul's Green Zone"``);
- **the area a town lies in, written first**: ``"the Hale County town of X"``, ``"the
  Idlib city of X"``, also referring back to the town just named ("X ... the Hale County
  town near ...").

A name given so whose readings all lie outside its container is one the gazetteer
lacks, placed at the container (:mod:`.abroad`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..gazetteer.kinds import PlaceKinds, approx_km
from ..model import AREA_FEATURE_CODES, Place
from .abroad import LACKING_REASON, place_city_part, place_lacking, placed_above
from .areas import inside, peers
from .recognize import Mention
from .scored import Scored, best_of
from .typewords import KIND_CUE, stated_type

__all__ = [
    "ANAPHORA_CHARS",
    "AREA_TOWN_OF",
    "CONTAINED",
    "COUNTY_TOWN_KM",
    "NEAR_KM",
    "POSSESSIVE",
    "area_town_anaphora",
    "contained",
    "kind_after",
    "qualifiers",
]

_KINDS = PlaceKinds.default()
_CITY_WORDS = _KINDS.town
#: What puts a name inside (or near) the next one: "X in Y", "X district of Y",
#: "X, a village near Y", "X, a town in the Y region", "X within the municipality of Y",
#: "X, in northern Y", "X, a farming town in Y" (one word before the kind word).
#: The leading spaces are all taken (``(?!\s)``): nothing after them matches a space, and
#: a text that is no such phrase fails at once, not once more for each space given back.
_CONTAINED_WHAT = (*sorted(_KINDS.words), "area", "suburb", "neighbou?rhood", "camp", "slums?")
_CONTAINED_HOW = ("in", "within", "of", "near", "outside")
CONTAINED = re.compile(
    r"\s*(?!\s)(?:,\s+(?:(?:a|an|the)\s+(?:small\s+|remote\s+|border\s+"
    rf"|[a-z]+\s+(?=(?:{'|'.join(_CONTAINED_WHAT)})\s))?"  # "a farming town in"
    r"|(?=(?:within|in|near|outside)\b)))?"
    rf"(?:(?P<what>{'|'.join(_CONTAINED_WHAT)})\s+)?"
    rf"(?P<how>{'|'.join(_CONTAINED_HOW)})(?:\s+the)?"
    r"(?:\s+(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?)?"
    rf"(?:\s+(?:{'|'.join(sorted(_KINDS.words))})\s+of)?\s*",
    re.IGNORECASE,
)
#: The first word of a text :data:`CONTAINED` takes, lower-cased (after its spaces, a
#: comma alone or a word of its own).
_CONTAINED_FIRST = frozenset(
    {",", "neighbourhood", "neighborhood", *_CONTAINED_WHAT, *_CONTAINED_HOW} - {"neighbou?rhood"}
)
#: What puts the next name inside this one, written first: "Lebanon's Tripoli",
#: "Ukraine's Sumy region", "Lebanon's northern city of Tripoli"; one noun phrase, which
#: a preposition other than "of" or a conjunction ends ("Ontario's premier flew to London").
POSSESSIVE = re.compile(
    r"['’]s\s+(?:(?!(?:to|in|at|from|for|with|on|by|into|near|and|or|but)\s)[a-z][a-z-]*\s+){0,3}"
    r"(?:of\s+)?"
)
_CITY_WORD = "|".join(sorted(_CITY_WORDS))
#: What puts the next name, a town, inside this one: "the Hall County town of X", "the
#: Idlib city of X", "the Syrian village of X" (lower case only: "New York City of").
AREA_TOWN_OF = re.compile(rf"\s+(?:{_CITY_WORD})\s+of\s+")
#: "the Hall County town near ...", "the Idlib town, which ...": the area of a town named
#: just before (a kind word of a town, then no "of").
_AREA_TOWN = re.compile(rf"(?:{_CITY_WORD})\b(?!\s+of\b)")
_AREA_TOWN_INITIALS = frozenset(word[0] for word in _CITY_WORDS)
#: How far back (characters) the town "the Hall County town" refers to may be named.
ANAPHORA_CHARS = 200
#: "the Osk County town of X": a town within this distance of a second-level area's
#: point, in its first-level area, lies in it (places carry no second-level code).
COUNTY_TOWN_KM = 60.0
_KIND_AFTER = re.compile(r" ([A-Za-z]+)(?=,)")
#: A name that goes on a list after it ("Kano, Kaduna and Zaria"): no container of the
#: name before it.
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s*[A-Z]")
#: Points of a town's reading inside the area written before it ("the Hall County town
#: of X"): as many as a state written after it gives ("X, Georgia"), enough to beat a
#: capital abroad of the same name ("the Georgia town of Athens").
AREA_TOWN_POINTS = 6.0
#: Curated regions and former areas (``gazetteer/curated``).
_REGION_CODES = frozenset({"RGN", "RGNH"})
#: "X, a village near Y": within this distance of Y.
NEAR_KM = 60.0
#: "X, south of Y", "X, 40 km north of Y": the bearing of a town from another, written
#: after it; with no distance, it lies within ``BEARING_KM`` of the other.
BEARING_OF = re.compile(
    r",\s+(?:(?:about|some|around|nearly|roughly|just)\s+)?"
    r"(?:(?P<far>\d+(?:\.\d+)?)\s*(?P<unit>km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+)?"
    r"(?:(?:capital|city|town|provincial\s+capital)\s+(?:of\s+)?)?",
    re.IGNORECASE,
)
BEARING_KM = 250.0


def kind_after(between: str) -> int:
    """Return where the text between two names goes on after a kind word of the first.

    "Pale Township, Sagaing Region", "the Wedza district, Mashonaland East province":
    the kind word written after a name, outside its span, before a comma, is skipped, so
    that what follows the comma is read as the name's container; 0 when there is none.

    >>> kind_after(" district, "), kind_after(", "), kind_after(" said, ")
    (9, 0, 0)
    """
    if between[:1] != " " or "," not in between:
        return 0  # what the pattern needs, found without it
    word = _KIND_AFTER.match(between)
    return word.end() if word is not None and word.group(1).lower() in _KINDS.words else 0


def contained(between: str) -> re.Match[str] | None:
    """Return ``CONTAINED.fullmatch(between)``: "X in Y", "X, a village near Y".

    Most text between two names is no such phrase, and its first word (an ASCII one)
    already says so, without the pattern's many words.

    >>> contained(" district of ").group("how"), contained(" said on Monday that ")
    ('of', None)
    """
    first = between.split(None, 1)[:1]
    if not first or (first[0].isascii() and first[0].lower() not in _CONTAINED_FIRST):
        return None
    return CONTAINED.fullmatch(between)


def qualifiers(
    text: str,
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    *,
    feature_after: re.Pattern[str] | None = None,
) -> None:
    """Apply "Name, Region", "Landmark in City", "X district of Y" and "X, a village near Y".

    A name given with its container ("in", "of", a kind word and "of": "the Kasese
    district of Uganda") favours its candidates inside the container's best readings;
    "near" or "outside" ("X, a village near Y") those within ``NEAR_KM`` of them. A
    possessive container written first ("Lebanon's northern city of Tripoli", "Ukraine's
    Sumy region") favours the next name's candidates inside its country or area.

    A town or area the text says is one ("Pale Township, Sagaing Region", "the town of
    Petite-Riviere in central Haiti") none of whose candidates lies in its container's
    country is one the gazetteer lacks: it is placed at the container, as event coders fall back
    to the next larger area they know, not at a namesake abroad. So is a name given with
    its state whose only candidates are small towns far outside it ("Holliday, Missouri"
    when the gazetteer knows only a Holliday in Texas). A town said to lie in a town or a
    district ("the village of X in the municipality of Y", "X, within the municipality of
    Y", "the X area in Y") whose readings all lie in other countries is placed at Y; so is
    a village written with a town after a comma ("Baure, Lamu" in a story about Kenya)
    whose readings are all small places abroad, unless a list goes on after the town
    ("Kano, Kaduna and Zaria"). A name followed by a natural-feature word
    (``feature_after``: "the town of Kaedi in the Senegal river valley") is the
    feature's, and holds no name before it. The area a town lies in, written first ("the
    Hale County town of X", "the Idlib city of X", "the Syrian village of X"), favours the
    town's candidates in it, or places a town none of whose candidates lies there at the
    area (see :func:`_town_of_area`).
    """
    for a in range(len(mentions) - 1):
        m, q = mentions[a], mentions[a + 1]
        between = text[m.end : q.start]
        between = between[kind_after(between) :]  # "Pale Township, Sagaing Region"
        if between in (", ", ",") and _one_list(m, q):
            continue  # "the provinces of Nyanza, Rift Valley and Western": peers
        if between in (", ", ",") and scored[a + 1]:
            # countries and first-level areas
            outer = [s for s in scored[a + 1] if s.place.feature_code in AREA_FEATURE_CODES]
            inner_codes = {(s.place.country_code, s.place.admin1) for s in scored[a]}
            own_areas = [s.place for s in scored[a] if s.place.feature_code in AREA_FEATURE_CODES]
            if not any(inside(s.place, o.place) for o in outer for s in scored[a]):
                # a province may be a second-level area ("Rizal, Nueva Ecija": the provinces
                # of the Philippines are GeoNames' ADM2), read so when no country or
                # first-level reading of it holds the name before ("Manhattan, New York");
                # so may a county the gazetteer holds as a region ("Reading, Berkshire")
                outer += [s for s in scored[a + 1] if _county_like(s.place)]
            for o in outer:
                if any(peers(x, o.place) for x in own_areas):
                    continue  # a list ("Oklahoma, Pennsylvania, Ohio"), not a qualifier
                second = _county_like(o.place)
                held = [
                    s
                    for s in scored[a]
                    if (_in_area(s.place, o.place) if second else inside(s.place, o.place))
                ]
                if len(held) > 1 and not stated_type(m):
                    held = _towns_first(held)
                for s in held:
                    s.score += 6.0
                    s.reasons.append(f"qualified by '{q.text}'")
                    s.placed_by_text = True
                hit = bool(held)
                if hit or (not second and (o.place.country_code, o.place.admin1) in inner_codes):
                    o.score += 5.0
                    o.reasons.append(f"qualifies '{m.text}'")
            listed = _LIST_GOES_ON.match(text, q.end) is not None
            place_lacking(
                m,
                q,
                scored[a],
                scored[a + 1],
                own_areas,
                comma_town=not listed,
                state_given=not listed or _its_country_next(text, mentions, scored, a + 1),
            )
        elif (
            scored[a + 1]
            and scored[a]
            and "of" in between  # a quick test: the pattern ends with "of"
            and AREA_TOWN_OF.fullmatch(between) is not None
        ):
            _spread(mentions, scored, q.key, _town_of_area(m, q, scored[a], scored[a + 1]))
        elif (
            scored[a + 1]
            and (found := contained(between)) is not None
            # "the town of X in the Senegal river valley": a river's name holds no town
            and not (feature_after is not None and feature_after.match(text, q.end))
        ):
            near = found.group("how").lower() in ("near", "outside")
            holders: list[Scored] = []
            for s in scored[a]:
                for o in scored[a + 1][:5]:
                    if inside(s.place, o.place) or (
                        near
                        and not s.place.is_country
                        and approx_km(s.place.lat, s.place.lon, o.place.lat, o.place.lon) <= NEAR_KM
                    ):
                        # "Athens in Georgia" as much as "Athens, Georgia"; a landmark in
                        # its city, a town near another, less
                        big = not near and (o.place.is_country or o.place.is_admin1)
                        s.score += 6.0 if big else 3.0
                        s.reasons.append(f"in '{q.text}'" if not near else f"near '{q.text}'")
                        holders.append(o)
                        break
            if holders and not near:
                _holder_meant(q, scored[a + 1], holders, m.text)
            if not near:
                said = bool(found.group("what")) or stated_type(m) == "town"
                place_lacking(m, q, scored[a], scored[a + 1], [], within=True, said=said)
        elif (
            scored[a + 1]
            and between[:2] == ", "  # where the pattern begins: a quick test
            and (bearing := BEARING_OF.fullmatch(between)) is not None
        ):
            _near_by_bearing(q, scored[a], scored[a + 1], bearing)
        elif (
            scored[a + 1]
            and between[:1] in ("'", "’")  # where the pattern begins: a quick test
            and POSSESSIVE.fullmatch(between) is not None
        ):
            areas = [s.place for s in scored[a][:5] if s.place.is_country or s.place.is_admin1]
            for s in scored[a + 1]:
                if any(inside(s.place, area) for area in areas):
                    s.score += 3.0
                    s.reasons.append(f"in '{m.text}' (possessive)")
            place_city_part(m, scored[a], scored[a + 1])  # "Kabul's Green Zone"


def _town_of_area(
    m: Mention, q: Mention, outer: list[Scored], inner: list[Scored]
) -> Scored | None:
    """Apply "the Hall County town of X", "the Idlib city of X", "the Syrian village of X".

    News copy names a town with the area it lies in written first, as an adjective: the
    town is inside that area (a country, a first-level or a second-level area, read as
    the container's best reading). Its candidates inside the area gain 3 points; when
    none lies there, the town is one the gazetteer lacks and is placed at the area, as
    event coders fall back to the next larger area they know ("the Hall County town of
    Turkey" is no country). Another reading of the area that holds a candidate of the
    town is the area meant, before any such fallback ("the Georgia town of Athens" is
    the American state, though the country reads best alone). A container read as a
    town ("the Kirkuk city of X") only favours the candidates of its first-level area.
    """
    best = best_of(outer)
    if best is None:
        return None
    area = best.place
    if area.feature_class == "P":
        hits = [s for s in inner if (s.place.country_code, s.place.admin1)
                == (area.country_code, area.admin1) and s.place.id != area.id]  # fmt: skip
        for s in hits:
            s.score += 3.0
            s.reasons.append(f"in the area of '{m.text}'")
        return None
    if area.feature_class != "A":
        return None
    hits = [s for s in inner if _in_area(s.place, area)]
    if not hits:
        # "the Georgia town of Athens": the state, not the country the name reads best
        # as, holds a town of the name; that reading of the area is the one meant
        for o in outer:
            if o is not best and o.place.feature_class == "A":
                hits = [s for s in inner if _in_area(s.place, o.place)]
                if hits:
                    o.score += 5.0
                    o.reasons.append(f"holds '{q.text}', the town written after it")
                    break
    for s in hits:
        s.score += AREA_TOWN_POINTS
        s.reasons.append(f"a town of '{m.text}'")
    if hits:
        return None
    return placed_above(
        inner, area, [f"{LACKING_REASON} '{m.text}', the area the text puts the town in"]
    )


def _in_area(place: Place, area: Place) -> bool:
    """Whether ``place`` lies in ``area``, a second-level area within ``COUNTY_TOWN_KM``.

    Only a town or a landmark lies in a second-level area so: no other area.
    """
    if inside(place, area):
        return True
    return (
        _county_like(area)
        and place.feature_class != "A"
        and not place.is_country
        and place.country_code == area.country_code
        and place.admin1 == area.admin1
        and approx_km(place.lat, place.lon, area.lat, area.lon) <= COUNTY_TOWN_KM
    )


def _holder_meant(q: Mention, outer: list[Scored], holders: list[Scored], inner: str) -> None:
    """Apply "Athens in Georgia": the container's reading that holds the name is the one meant.

    When the container's best reading, an area (the country Georgia), holds no reading of
    the name written in it and another reading does (the state), that one gains 5 points, as a
    state written after a comma that holds the town does ("Athens, Georgia").
    """
    best = best_of(outer)
    if best is None or best.place.feature_class != "A" or any(o is best for o in holders):
        return  # a town holds little by the codes ("the Chinatown district of Honiara")
    holder = holders[0]
    holder.score += 5.0
    holder.reasons.append(f"holds '{inner}', written in it")


def _towns_first(held: list[Scored]) -> list[Scored]:
    """Return the readings a container given after a comma holds, a town before a county.

    "Perth, Ontario" is the town of Perth, not Perth County, which holds ten times its
    people: news copy writes a county with its kind word ("Perth County, Ontario"), a
    bare name given with its state is a town. The county keeps its place when no town
    of the name lies in the container.
    """
    if not any(s.place.feature_class == "P" for s in held):
        return held
    return [s for s in held if s.place.feature_code != "ADM2"]


def _county_like(area: Place) -> bool:
    """Whether ``area`` is a second-level area, or a region within a first-level one.

    England's metropolitan and ceremonial counties ("Berkshire", "Merseyside") are no
    GeoNames division: the gazetteer holds them as curated regions of England, which
    hold the towns near their point as a second-level area does.
    """
    code = area.feature_code
    return code == "ADM2" or (code in _REGION_CODES and bool(area.admin1))


def area_town_anaphora(text: str, mentions: Sequence[Mention], scored: list[list[Scored]]) -> None:
    """Apply "X ... the Hall County town near ...": the town named just before lies in the area.

    News copy names a place, then refers back to it by the area it lies in: "the festival
    returns to Osk on Friday. The event, held in the Hall County town, ...". The place
    named just before (within ``ANAPHORA_CHARS``, in the same or the previous sentence)
    is then read as by "the Hall County town of Osk" (see :func:`qualifiers`). Only an
    area below the country counts: "the Syrian city" may refer to any town of the story.
    """
    for b in range(1, len(mentions)):
        m, prev = mentions[b], mentions[b - 1]
        if (
            text[m.end : m.end + 1] != " "
            or text[m.end + 1 : m.end + 2] not in _AREA_TOWN_INITIALS
            or _AREA_TOWN.match(text, m.end + 1) is None
            or not scored[b]
            or not scored[b - 1]
            or m.kind == "demonym"
            or prev.kind == "demonym"
            or prev.key == m.key
            or m.start - prev.end > ANAPHORA_CHARS
            or not text[max(0, m.start - 4) : m.start].lower().endswith("the ")
        ):
            continue
        area = best_of(scored[b])
        if area is None or area.place.is_country or not area.place.feature_code.startswith("ADM"):
            continue  # "the Syrian city" may refer to any town of the story, named far back
        _spread(mentions, scored, prev.key, _town_of_area(m, prev, scored[b], scored[b - 1]))


def _spread(
    mentions: Sequence[Mention], scored: list[list[Scored]], key: str, placed: Scored | None
) -> None:
    """Give every other mention of ``key`` the container a town the gazetteer lacks got."""
    if placed is None:
        return
    for m, ss in zip(mentions, scored, strict=False):
        if m.key != key or m.kind == "demonym" or any(s is placed for s in ss):
            continue
        placed_above(ss, placed.place, list(placed.reasons))


def _one_list(m: Mention, q: Mention) -> bool:
    """Whether two names share the kind word written before their list ("provinces of")."""
    return any(KIND_CUE.fullmatch(h) and h in q.hints for h in m.hints)


def _its_country_next(
    text: str, mentions: Sequence[Mention], scored: list[list[Scored]], b: int
) -> bool:
    """Whether the name after mention ``b`` is, after a comma, the country of its best reading.

    "Stroud, Ontario, Canada": the comma after the state goes on to its country, which
    is no list of peers.
    """
    if b + 1 >= len(mentions) or text[mentions[b].end : mentions[b + 1].start] not in (", ", ","):
        return False
    state, country = best_of(scored[b]), best_of(scored[b + 1])
    return (
        state is not None
        and country is not None
        and country.place.is_country
        and country.place.country_code == state.place.country_code
    )


def _near_by_bearing(
    q: Mention, inner: list[Scored], outer: list[Scored], bearing: re.Match[str]
) -> None:
    """Favour the readings of a town written with its bearing from another ("X, south of Y").

    "Iskandariya, south of Baghdad" is the Iraqi town 40 km from Baghdad, not Alexandria: a
    reading within the distance given (plus a half, for rounding), or ``BEARING_KM`` when
    none is, of one of the other town's best readings gets the points of "X, a village near
    Y".
    """
    far = bearing.group("far")
    if far is None:
        limit = BEARING_KM
    else:
        km = float(far) * (1.609 if bearing.group("unit").lower() == "miles" else 1.0)
        limit = km * 1.5 + 10.0
    anchors = [o.place for o in outer[:5] if not o.place.is_country]
    for s in inner:
        if s.place.is_country:
            continue
        if any(approx_km(s.place.lat, s.place.lon, o.lat, o.lon) <= limit for o in anchors):
            s.score += 3.0
            s.reasons.append(f"near '{q.text}'")
