"""Several places in one sentence: one event per place, as ACLED codes them.

A clause may tell one kind of event at several places: a list of towns ("in Lagos, Abuja
and Kano"), of provinces ("in the provinces of A, B and C"), a count for each ("10 in A and
12 in B", "20 drones over the X region and 5 over the Y region"), towns named with their
provinces where the gazetteer knows only the provinces ("A in the X region and B in the Y
region"), names closed by a plural kind word ("over Y's A, B and C regions") and the members
of a list told before the event's place ("A, B and C saw clashes"); a list goes on past
names the gazetteer lacks or resolved to a province ("A, B, C and D"). Not a list: places of a
movement ("from X to Y"), a place that locates the previous one ("near X", "X, Y province"),
the reference of a distance ("12 km from X"), a list of where people came from ("from A, B
and C").

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> kano = Place("g:1", "Kano", 12.0, 8.5, "P", "PPLA", "NG", "29")
>>> zaria = Place("g:2", "Zaria", 11.1, 7.7, "P", "PPLA2", "NG", "18")
>>> text = "Gunmen killed 10 people in Kano and 12 in Zaria."
>>> tops = [Toponym(27, 31, "Kano", place=kano), Toponym(42, 47, "Zaria", place=zaria)]
>>> first = Location(kano, GeoPrecision.EXACT, tops[0], "named in the event's sentence")
>>> [loc.place.name for loc in listed_places(text, tops, first, 0, len(text))]
['Zaria']
"""

from __future__ import annotations

import re

from ..model import GeoPrecision, Toponym
from ..text.patterns import NAME_WORD
from .bearing import anchor_km
from .listednames import NAME, in_kind_list
from .locate import ADMIN_WORD
from .places import Location, same_town, specificity

__all__ = ["listed_places"]


# What joins two towns of a list: ", ", " and ", ", and in the state capital, " ...
_JOINT = re.compile(
    r"[\s,]*(?:and\s+|,\s*)(?:(?:in|at)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?,?\s*", re.IGNORECASE
)
# ... or two targets of one strike, each with its town: ", a seminary compound in ",
# ", and sites around " (a region's word may close the previous item: "in Punjab province")
_TARGET_JOINT = re.compile(
    r"(?:\s+(?:province|region|state|district|county|governorate))?(?:,\s*(?:and\s+)?|\s+and\s+)"
    r"(?:(?:an?|the|another|other|two|three|several)\s+(?:[\w’'-]+\s+){0,5}?[\w’'-]+"
    r"|sites|targets|areas|positions|locations|villages|towns|camps)\s+"
    r"(?:in|at|around|near|outside)\s+(?:the\s+)?",
    re.IGNORECASE,
)
# ... or a second act of the same subject, in a town of its own: "lit a fire at the town hall
# of X and set a bus depot ablaze in Y" (two places, two events, as ACLED codes them)
_ACTION_JOINT = re.compile(r"\s+and\s+(?:[\w’'-]+\s+){1,6}?(?:in|at)\s+(?:the\s+)?", re.IGNORECASE)
# A place that only says where the previous town is: ", near Lahore", ", in Punjab province"
# (a town only after "near" and the like; "in" introduces a region, or another town).
# (The bearings here are written without a space, "north-east" or "northeast", not the
# "north east" that bearing.COMPASS also reads.)
_BEARING_OF = (
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of"
)
_NEAR = rf",\s*(?:near|outside|close to|not far from|{_BEARING_OF})"
_QUALIFIER = re.compile(rf"{_NEAR}\s+(?:the\s+)?", re.IGNORECASE)
_REGION_QUALIFIER = re.compile(rf"(?:{_NEAR}|[\s,]*(?:in|of))\s+(?:the\s+)?", re.IGNORECASE)
_AREA_WORD = r"(?:\s+(?:province|region|oblast|state|district|county|governorate|department))?"
# ... or a count for the next place of one event kind: "10 in A and 12 in B", "shot down
# over the X region in southern Y and 12 over the central Z region" (a phrase that locates the
# previous place may stand between: "in southern Y", "adjacent to northern Y")
_COUNT_JOINT = re.compile(
    rf"{_AREA_WORD}(?:\s+(?:in|adjacent\s+to|bordering|near|along)\s+(?:the\s+)?"
    r"(?:[\w’'-]+\s+){0,2}?[\w’'-]+)?,?\s+(?:and|as\s+well\s+as)\s+(?:another\s+)?"
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+dozen"
    r"|dozens|several|others)\s+(?:more\s+)?(?:[\w’'-]+\s+){0,2}?"
    r"(?:in|over|at|on|near|across)\s+(?:the\s+)?(?:skies\s+(?:over|of)\s+(?:the\s+)?)?"
    r"(?:(?:[\w-]+ern|central)\s+)?(?:(?:town|city|village|province|region|state)s?\s+of\s+(?:the\s+)?)?",
    re.IGNORECASE,
)
# ... or the next of towns named with their provinces where the gazetteer knows only the
# provinces: "took the villages of A in the northern X region and B in the Y region"
_ITEM_JOINT = re.compile(
    rf"{_AREA_WORD}(?:,\s*(?:and\s+)?|\s+and\s+){NAME}"
    r"\s+(?:in|of)\s+(?:the\s+)?(?:[\w’'-]+\s+)?(?:[\w-]+ern\s+)?",
    re.IGNORECASE,
)
#: Names between two members of a list that the gazetteer lacks: ", B, C and ".
_UNKNOWN_MEMBERS = re.compile(rf"(?:,\s*(?:and\s+)?{NAME})+(?:,\s*(?:and\s+)?|,?\s+and\s+)")
#: A list that goes on after a name: "..., B, C" (not "A, B province" nor "A, B.").
_MORE_MEMBERS = re.compile(r",\s*(?:and\s+)?(?-i:[A-Z])")
# ... or the next of places each named with what holds it: "in the A area of the X district
# and the B village of Y" (A and B unknown to the gazetteer, or A known and B not)
_CONTAINED_ITEM = re.compile(
    r"(?:\s+(?:area|village|town|locality|camp))?\s+(?:of|in)\s+(?:the\s+)?(?:[\w’'-]+\s+)?"
    rf"{NAME_WORD}(?:\s+{NAME_WORD})?{_AREA_WORD}\s+and\s+(?:the\s+)?"
    rf"{NAME}\s+(?:area|village|town|locality|camp)"
    r"\s+(?:of|in)\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: "A in the X region": a town the province after it holds, not a member of a list of provinces.
_HELD_BY_NEXT = re.compile(r"\s+in\s+(?:the\s+)?(?:[\w-]+ern\s+)?(?-i:[A-Z])")
#: A place told as a bearing or a movement's end, before a list: "near A, B", "from A, B".
_NOT_MEMBER = re.compile(
    rf"\b(?:near|outside|from|to|towards?|between|{_BEARING_OF})\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: What parts the members of a list named with a kind word: "A, B and C regions".
_MEMBER_JOINT = re.compile(r",?\s+(?:and|or)\s+|,\s*")


def listed_places(
    text: str, tops: list[Toponym], first: Location, lo: int, hi: int
) -> list[Location]:
    """Return the other places of a list in the event's clause ("in Lagos, Abuja and Kano").

    ACLED codes one event per place: each town more than 25 km from the others becomes
    an incident of its own. Places of a movement ("from X to Y") are not a list. A list
    of targets, each with its town ("hit a mosque in A, in B province, a seminary in C,
    near D, and sites around E"), is followed through the sentence; a place that only
    locates the previous one ("near D", "in B province") is not an item of it.
    """
    if first.toponym is not None and in_kind_list(text, first.toponym):
        return _kind_list(text, tops, first)  # "over X's A, B and C regions"
    # "in the provinces of Artemisa, Matanzas and Camagüey": one event per province too
    provinces = first.place.is_admin1
    if specificity(first.place) < 3 and not provinces:
        return []
    # "29 in the Belgorod region and one in the Voronezh region": a list of areas, though
    # the first resolved to its town
    areas = provinces or (
        first.toponym is not None and ADMIN_WORD.match(text, first.toponym.end) is not None
    )
    chosen = [first.place]
    out = _earlier_members(text, tops, first)  # "A, B and C saw clashes"
    chosen += [loc.place for loc in out]
    previous = first.toponym
    end = previous.end if previous is not None else lo
    for top in tops:
        place = top.place
        if previous is None or top.start <= previous.start or top.start >= hi:
            continue
        if anchor_km(text, top) is not None:
            end = top.end  # "in Nakuru, 12 km from Eldoret": where the previous town is
            continue
        gap = text[end : top.start]
        # "A, B, C and D" where the gazetteer lacks B and C: the list goes on past them
        named = len(gap) <= 80 and _UNKNOWN_MEMBERS.fullmatch(gap) is not None
        counted = len(gap) <= 90 and (
            _COUNT_JOINT.fullmatch(gap) is not None
            or (areas and _ITEM_JOINT.fullmatch(gap) is not None)
            or _CONTAINED_ITEM.fullmatch(gap) is not None
        )
        country = first.place.country_code
        if provinces and place is not None and place.is_country:
            continue  # "the X region in southern Russia": where the province lies
        if (
            provinces
            and place is not None
            and specificity(place) >= 3
            and _HELD_BY_NEXT.match(text, top.end)
        ):
            continue  # "A in the Y region": the province after it is the member
        if provinces:
            if place is None or not place.is_admin1 or place.country_code != country:
                break  # a list of provinces holds provinces of one country only
        elif counted and place is not None and place.is_admin1 and place.country_code == country:
            pass  # "29 in the X region and one in the Y region": one event per area
        elif (
            place is not None
            and place.is_admin1
            and (named or _MEMBER_JOINT.fullmatch(gap))
            and _MORE_MEMBERS.match(text, top.end)
        ):
            pass  # "A, B, C and D" where B resolved to a province: a member all the same
        elif (
            place is None
            or top.kind != "place"
            or specificity(place) < 3
            or ADMIN_WORD.match(text, top.end)  # "in Kaduna district": a region
        ):
            if _REGION_QUALIFIER.fullmatch(gap):
                end = top.end  # "in Punjab province": where the previous town is
            continue
        if not provinces and _QUALIFIER.fullmatch(gap):
            end = top.end  # ", near Lahore": where the previous town is, not another target
            continue
        joint = _JOINT.fullmatch(gap) if len(gap) <= 40 else None
        action = _ACTION_JOINT.fullmatch(gap) if len(gap) <= 60 else None
        if not (joint or action or counted or named or _TARGET_JOINT.fullmatch(gap)):
            break  # the list ended
        previous, end = top, top.end
        if any(p.id == place.id or (not provinces and same_town(p, place)) for p in chosen):
            continue
        chosen.append(place)
        precision = GeoPrecision.REGION if specificity(place) <= 1 else GeoPrecision.EXACT
        out.append(Location(place, precision, top, "one of several places named"))
    return out


def _earlier_members(text: str, tops: list[Toponym], first: Location) -> list[Location]:
    """Return the towns of a list that ends with the event's place ("A, B and C saw clashes").

    The place chosen is the member nearest the trigger; the members before it, joined
    by commas and "and" only, are places of their own (not "A, near B", "from A to B"),
    past names the gazetteer lacks, and a name resolved to a province when the list
    goes on after it ("in the cities of A, B, C": A stands for its seat).
    """
    if first.toponym is None or specificity(first.place) < 3:
        return []
    at = next((i for i, t in enumerate(tops) if t is first.toponym), None)
    out: list[Location] = []
    head = first.toponym
    for top in reversed(tops[:at] if at else []):
        place = top.place
        # a name resolved to a province is a member when the list goes on after it
        area = place is not None and place.is_admin1 and _MORE_MEMBERS.match(text, top.end)
        if (
            place is None
            or top.kind != "place"
            or (specificity(place) < 3 and not area)
            or ADMIN_WORD.match(text, top.end)
            or not (
                _MEMBER_JOINT.fullmatch(text, top.end, head.start)
                or _UNKNOWN_MEMBERS.fullmatch(text, top.end, head.start)
            )
        ):
            break
        head = top
        if any(same_town(p, place) for p in [first.place, *(loc.place for loc in out)]):
            continue
        precision = GeoPrecision.REGION if area else GeoPrecision.EXACT
        out.insert(0, Location(place, precision, top, "one of several places named"))
    if _NOT_MEMBER.search(text, max(0, head.start - 20), head.start):
        return []  # "travelling from A, B and C": the list is where they came from
    return out


def _kind_list(text: str, tops: list[Toponym], first: Location) -> list[Location]:
    """Return the other members of a list named with a plural kind word ("A, B and C regions").

    Each member is a place of its own, whether the gazetteer resolved its name to the
    area or to the town that gives it its name; a list of areas is coded to each area.
    """
    at = next((i for i, t in enumerate(tops) if t is first.toponym), None)
    if at is None or first.toponym is None:
        return []
    members = [first.toponym]
    for top in reversed(tops[:at]):  # the members before ...
        if not _MEMBER_JOINT.fullmatch(text, top.end, members[0].start):
            break
        members.insert(0, top)
    for top in tops[at + 1 :]:  # ... and after the event's place
        if not _MEMBER_JOINT.fullmatch(text, members[-1].end, top.start):
            break
        members.append(top)
    out: list[Location] = []
    seen = {first.place.id}
    for top in members:
        place = top.place
        if place is None or top.kind != "place" or place.is_country or place.id in seen:
            continue
        seen.add(place.id)
        precision = GeoPrecision.REGION if specificity(place) <= 1 else GeoPrecision.EXACT
        out.append(Location(place, precision, top, "one of several places named"))
    return out
