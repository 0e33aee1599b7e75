"""A name given with its container, none of whose readings lies there: placed at it.

A town or area the text gives with the place it lies in ("Pale Township, Sagaing
Region", "Stroud, Ontario, Canada", "the village of X in the municipality of Y"), all
of whose readings lie elsewhere, is one the gazetteer lacks, not a namesake abroad: it
is placed at the container (:func:`placed_above`), as event coders fall back to the next
larger area they know. :func:`~.qualifiers.qualifiers` finds the pairs;
:func:`place_lacking` judges them.
"""

from __future__ import annotations

from ..gazetteer.kinds import approx_km
from ..model import Place
from .areas import inside, peers
from .recognize import Mention
from .scored import Scored, best_of
from .typewords import stated_type

__all__ = [
    "CITY_PART_KM",
    "LACKING_REASON",
    "LACKING_TOWN",
    "MAYBE_INSIDE_KM",
    "place_city_part",
    "place_lacking",
    "placed_above",
]

#: "Holliday, Missouri" with only towns smaller than this elsewhere is a town the
#: gazetteer lacks, placed at its state (unless one lies within ``MAYBE_INSIDE_KM``).
LACKING_TOWN = 10_000
#: The reason that starts a container's candidate for a name the gazetteer lacks.
LACKING_REASON = "not in the gazetteer: placed at"
MAYBE_INSIDE_KM = 250.0
#: "X in Y" with X's best reading a capital abroad or a city this large is that city, not
#: a place of Y the gazetteer lacks ("the mayor of Paris in Berlin").
GREAT_CITY = 500_000
#: "City's X": a reading of X this close to the city may be the city's own part.
CITY_PART_KM = 50.0
#: A city whose possessive places a part of it ("Kabul's Green Zone"): a capital, a seat
#: of a first-level area, or a city of this many people (a smaller town's possessive is
#: as often a person's: "Johnson's ...").
PART_OWNER_CITY = 100_000
#: Feature codes of a city's parts: a section, a neighbourhood, a zone.
_PART_CODES = frozenset({"PPLX", "ZN", "ZNB"})


def place_lacking(
    m: Mention,
    q: Mention,
    inner: list[Scored],
    outer: list[Scored],
    own_areas: list[Place],
    *,
    within: bool = False,
    said: bool = False,
    comma_town: bool = False,
    state_given: bool = False,
) -> None:
    """Place a town or area the gazetteer lacks at its container.

    ``m`` is written with its container ``q`` (see :func:`~.qualifiers.qualifiers`);
    ``inner`` and ``outer`` are their candidates, ``own_areas`` the readings of ``m`` that
    are countries or first-level areas (of a list of peers, no container).
    With ``within`` (the text says "X in Y", not "X, Y") the container may also be a town
    or a district, and a town none of whose readings lies in the container's country is
    one the gazetteer lacks (see :func:`_town_abroad`; ``said``: the text says what X is,
    "the village of X", "the X area in Y"); a second-level area as container ("the X area
    of Hale County") places such a town when none of its readings lies in the area's
    state. With ``state_given`` ("X, State" and no list
    after it, or only the state's country: "Stroud, Ontario, Canada") a town none of
    whose readings lies in the state's country is placed at the state.
    """
    if not inner:
        return
    best = best_of(outer)
    if best is None:
        return
    container = best.place
    abroad = all(s.place.country_code != container.country_code for s in inner)
    if not (container.is_country or container.is_admin1):
        kind = "its container" if within and abroad and _town_abroad(inner, said=said) else ""
        if (
            not kind
            and within
            and container.feature_code == "ADM2"
            and all(
                (s.place.country_code, s.place.admin1) != (container.country_code, container.admin1)
                for s in inner
            )
            and _town_abroad(inner, said=said)
        ):
            # "the Osk area of Hale County": a town none of whose readings lies in the
            # county's state is one the gazetteer lacks
            kind = "its second-level area, whose state holds none of its readings"
        if comma_town and abroad and container.feature_class == "P" and _hamlet(inner):
            kind = "the town it is given with"  # "Baure, Lamu": a village by a town abroad
    elif any(peers(x, container) for x in own_areas):
        return  # a list, not a container
    elif stated_type(m) and abroad:
        # (a candidate in the container's country may be inside it: admin codes disagree)
        kind = f"the {stated_type(m)}'s container"
    elif _hamlet_outside(inner, container):
        kind = "the state it is given with"
    elif state_given and container.is_admin1 and abroad and not own_areas:
        # "Stroud, Ontario, Canada", "a Bradford, Ontario court": a town given with its
        # state, all of whose readings lie in other countries, is one the gazetteer lacks
        kind = "the state it is given with, whose country holds none of its readings"
    elif within and abroad and _town_abroad(inner, said=said):
        kind = "its container"
    else:
        return
    if not kind:
        return
    placed_above(inner, container, [f"{LACKING_REASON} '{q.text}', {kind}"])


def place_city_part(m: Mention, city: list[Scored], part: list[Scored]) -> None:
    """Favour the readings of a name near the city whose possessive it is written after.

    "Toronto's Scarborough" is the one near Toronto, not the English town.

    "Kabul's Green Zone", "Sanaa's Old City", "Nairobi's Eastleigh": a name after the
    possessive of a city (its best reading ``city``: a capital, the seat of a first-level
    area or a city of ``PART_OWNER_CITY`` people), none of whose readings ``part`` lies
    within ``CITY_PART_KM`` of it, is the city's own part that the gazetteer lacks, not a
    landmark or a town of the same name elsewhere. A name read as a country, a
    first-level area or a great city ("Washington's Kabul embassy") is left alone, and
    so is one whose best reading is a village ("Moscow's Wagner fighters": a person's
    or a company's name as often), not a part, a landmark or a town of ``LACKING_TOWN``
    people.
    """
    top = best_of(city)
    if top is None or not part:
        return
    owner = top.place
    if owner.feature_class != "P" or not (
        owner.feature_code in ("PPLC", "PPLA") or owner.population >= PART_OWNER_CITY
    ):
        return
    near = [
        s for s in part if approx_km(s.place.lat, s.place.lon, owner.lat, owner.lon) <= CITY_PART_KM
    ]
    if near:  # "Toronto's Scarborough", "Baghdad's Green Zone": the city's own
        for s in near:
            s.score += 3.0
            s.reasons.append(f"in '{m.text}' (possessive)")
        return
    for s in part:
        p = s.place
        if p.is_country or p.is_admin1 or p.feature_code == "PPLC" or p.population >= GREAT_CITY:
            return  # "Washington's Kabul embassy", "Beijing's Xinjiang policy"
    best = best_of(part)
    if best is None:
        return
    p = best.place
    if not (
        p.feature_class in ("S", "L")
        or p.feature_code in _PART_CODES
        or (p.feature_class == "P" and p.population >= LACKING_TOWN)
    ):
        return  # "Moscow's Wagner fighters": a village's name is as often a person's
    reason = f"{LACKING_REASON} '{m.text}', the city it is written after (possessive)"
    placed_above(part, owner, [reason])


def placed_above(ss: list[Scored], place: Place, reasons: list[str]) -> Scored:
    """Add ``place`` to the candidates ``ss`` a point above the best of them; return it.

    How a name the gazetteer lacks is placed at its container: the container wins over
    every reading of the name, and says why.
    """
    placed = Scored(place, max((s.score for s in ss), default=0.0) + 1.0, reasons)
    ss.append(placed)
    return placed


def _town_abroad(inner: list[Scored], *, said: bool) -> bool:
    """Whether "X in Y", X read best as a town abroad, names a place the gazetteer lacks.

    So it is when the text says what X is (``said``: "the village of X in the
    municipality of Y", "the X camp in Y") or X's best reading is a town of
    ``LACKING_TOWN`` people or more: a smaller one read without a kind word stays for the
    parser to judge, and an island, a road or an area is no town inside another
    ("Sumatra province in the district of Karo"). A capital or a city of ``GREAT_CITY``
    people or more read without a kind word is that city ("the mayor of Paris in Berlin").
    """
    top = best_of(inner)
    if top is None or top.place.feature_class != "P":
        return False
    if said:
        return True
    # a capital or a great city abroad is that city, whatever the text puts it in: "the
    # mayor of Paris in Berlin", "families from Aleppo in Istanbul"
    great = top.place.feature_code == "PPLC" or top.place.population >= GREAT_CITY
    return top.place.population >= LACKING_TOWN and not great


def _hamlet(inner: list[Scored]) -> bool:
    """Whether every reading of a name is a small town or a second-level area.

    A town of fewer than ``LACKING_TOWN`` people; no country, province or city ("Paris,
    London" is a list).
    """
    return all(
        (s.place.feature_class == "P" and s.place.population < LACKING_TOWN)
        or (s.place.feature_class == "A" and not (s.place.is_country or s.place.is_admin1))
        for s in inner
    )


def _hamlet_outside(inner: list[Scored], state: Place) -> bool:
    """Whether a name given with its state ("Holliday, Missouri") is a town the gazetteer lacks.

    So it is when the state is a first-level area, every candidate of the name is a town
    of fewer than ``LACKING_TOWN`` people (no famous city of a list, "Chicago, Missouri
    and Kansas") and none lies in the state or within ``MAYBE_INSIDE_KM`` of its point
    (a town whose admin code disagrees with its state's).
    """
    if not state.is_admin1:
        return False
    return all(
        s.place.feature_class == "P"
        and s.place.population < LACKING_TOWN
        and not inside(s.place, state)
        and approx_km(s.place.lat, s.place.lon, state.lat, state.lon) > MAYBE_INSIDE_KM
        for s in inner
    )
