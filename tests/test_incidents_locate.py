"""Incident location rules on sentences of our own: anchors, datelines, namesakes."""

from __future__ import annotations

import re
from typing import Literal

import pytest

from incidentmap.incidents.bearing import COMPASS, anchor_km, distance_and_bearing, offset_place
from incidentmap.incidents.fallback import fallback_location, seat_of
from incidentmap.incidents.locate import choose_location
from incidentmap.model import GeoPrecision, Place, Toponym

Kind = Literal["place", "demonym", "dateline"]

# Invented ids and round coordinates: the rules read codes, not positions.
KENYA = Place("t:ke", "Kenya", 0.5, 37.9, "A", "PCLI", "KE")
NAKURU_COUNTY = Place("t:nakuru-c", "Nakuru", -0.5, 36.0, "A", "ADM1", "KE", "31")
NAIROBI = Place("t:nairobi", "Nairobi", -1.3, 36.8, "P", "PPLC", "KE", "30")
NAKURU = Place("t:nakuru", "Nakuru", -0.3, 36.1, "P", "PPLA", "KE", "31")
ELDORET = Place("t:eldoret", "Eldoret", 0.5, 35.3, "P", "PPLA", "KE", "08")
UGANDA = Place("t:ug", "Uganda", 1.3, 32.3, "A", "PCLI", "UG")
PERU = Place("t:pe", "Peru", -9.2, -75.0, "A", "PCLI", "PE")
LIMA = Place("t:lima", "Lima", -12.0, -77.0, "P", "PPLC", "PE", "15")
CUSCO = Place("t:cusco", "Cusco", -13.5, -72.0, "P", "PPLA", "PE", "08")
CHILE = Place("t:cl", "Chile", -33.0, -71.0, "A", "PCLI", "CL")
# a namesake of a neighbourhood: a provincial capital in another country
SURCO = Place("t:surco", "Surco", -30.0, -55.0, "P", "PPLA", "UY", "09")
# a town that is itself a district of a city
MIRAFLORES = Place("t:miraflores", "Miraflores", -12.1, -77.0, "P", "PPL", "PE", "15")


def top(text: str, name: str, place: Place, kind: Kind = "place", nth: int = 0) -> Toponym:
    """The ``nth`` mention of ``name`` in ``text`` as a toponym resolved to ``place``."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(name, at + 1)
    return Toponym(at, at + len(name), name, kind, place, 0.9)


def choose(text: str, trigger: str, *places: tuple[str, Place]) -> tuple[str, int] | None:
    tops = [top(text, name, place) for name, place in places]
    loc = choose_location(text, sorted(tops, key=lambda t: t.start), anchor=text.index(trigger))
    return None if loc is None else (loc.place.name, int(loc.precision))


# --- a place given as the reference of a distance is an anchor -------------------------


@pytest.mark.parametrize(
    "phrase",
    [
        "about 200 km north-west of Nairobi",
        "some 140 kilometres south of Nairobi",
        "90 miles (145 km) east of Nairobi",
    ],
)
def test_the_province_a_far_distance_qualifies_beats_its_anchor(phrase: str) -> None:
    text = f"Bandits raided a cattle market in Nakuru county, {phrase}, on Monday."
    got = choose(text, "raided", ("Nakuru", NAKURU_COUNTY), ("Nairobi", NAIROBI))
    assert got == ("Nakuru", 3)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("about 25 km west of Eldoret", "25 km west of Eldoret"),
        ("some 40 kilometres south of Eldoret", "40 km south of Eldoret"),
        ("a few kilometres from Eldoret", "Eldoret"),
        ("12km outside Eldoret", "Eldoret"),
        ("ten miles to the north of Eldoret", "16 km north of Eldoret"),
    ],
)
def test_a_close_anchor_town_beats_the_province_and_is_near(phrase: str, expected: str) -> None:
    # with a bearing, the point that far that way; without one, the town itself
    text = f"An air strike hit a village in Nakuru, {phrase}, on Monday."
    got = choose(text, "air strike", ("Nakuru", NAKURU_COUNTY), ("Eldoret", ELDORET))
    assert got == (expected, 2)


@pytest.mark.parametrize("bearing", ["east-west", "west east", "eastwestern", "north-south"])
def test_a_bearing_no_compass_point_names_leaves_the_town_as_the_anchor(bearing: str) -> None:
    # "east-west" once matched the bearing pattern and had no degrees: a KeyError
    text = f"Gunmen attacked a bus on a highway 20 km {bearing} of Eldoret on Monday."
    got = choose(text, "attacked", ("Eldoret", ELDORET))
    assert got is not None and got[0] == "Eldoret"


def test_every_bearing_the_pattern_reads_has_its_degrees() -> None:
    words = ["north", "south", "east", "west"]
    joints = ["", "-", " "]
    written = {
        f"{a}{joint}{b}{end}" for a in words for b in ["", *words] for joint in joints
        for end in ("", "ern") if b or not joint
    }  # fmt: skip
    read = {w for w in written if re.fullmatch(COMPASS, w, re.IGNORECASE)}
    assert {"north", "south-west", "north east", "eastern", "northwestern"} <= read
    assert not read & {"east-west", "westeast", "north-south", "southnorth"}
    for w in read | {w.upper() for w in read}:
        moved = offset_place(ELDORET, km=20.0, bearing=w)
        assert moved is not None and moved.name.startswith("20 km ")
    assert offset_place(ELDORET, km=20.0, bearing="east-west") is None


def test_a_town_the_distance_locates_beats_the_anchor() -> None:
    text = "Gunmen attacked a bus in Nakuru, 15 km north-west of Nairobi, on Monday."
    got = choose(text, "attacked", ("Nakuru", NAKURU), ("Nairobi", NAIROBI))
    assert got == ("Nakuru", 1)


def test_a_town_used_for_its_region_beats_a_far_anchor() -> None:
    text = "Four suspects were detained in the Nakuru region, 150 km north-west of Nairobi."
    got = choose(text, "detained", ("Nakuru", NAKURU), ("Nairobi", NAIROBI))
    assert got is not None and got[0] == "Nakuru"


def test_an_anchor_alone_places_the_event_near_it() -> None:
    text = "Gunmen attacked a bus on a highway 20 km south of Eldoret on Monday."
    assert choose(text, "attacked", ("Eldoret", ELDORET)) == ("20 km south of Eldoret", 2)


def test_a_far_anchor_alone_is_a_coarse_place() -> None:
    text = "Gunmen attacked a bus on a highway 300 km south of Eldoret on Monday."
    assert choose(text, "attacked", ("Eldoret", ELDORET)) == ("Eldoret", 3)


def test_a_plain_town_with_a_number_before_it_is_no_anchor() -> None:
    text = "Police arrested 40 people in Eldoret on Monday."
    assert choose(text, "arrested", ("Eldoret", ELDORET)) == ("Eldoret", 1)


# --- "the X district of the city": a part of the town told before ----------------------


def test_a_district_of_the_city_resolved_to_a_namesake_capital_is_dropped() -> None:
    text = "A second bomb went off in the Surco district of the city, killing two."
    assert choose(text, "bomb", ("Surco", SURCO)) is None


def test_a_district_of_the_city_resolved_to_a_town_is_kept() -> None:
    text = "Police raided a flat in the Miraflores district of the city on Monday."
    assert choose(text, "raided", ("Miraflores", MIRAFLORES)) == ("Miraflores", 1)


# --- a name given with the area or town that holds it ----------------------------------

# a small namesake abroad of a valley the gazetteer lacks, and the district holding it
ZORAH_ABROAD = Place("t:zorah-x", "Az Zorah", 31.9, 35.1, "P", "PPL", "PS", None, 1_200)
NAKURU_DISTRICT = Place("t:nakuru-d", "Nakuru District", -0.4, 36.0, "A", "ADM2", "KE", "31")
# a village namesake far away in the same country, and the town holding the real one
MOLO_FAR = Place("t:molo-x", "Molo", 3.5, 39.0, "P", "PPL", "KE", "05", 900)
NJORO = Place("t:njoro", "Njoro", -0.33, 35.94, "P", "PPL", "KE", "31", 20_000)


def test_a_valley_of_a_district_resolved_to_a_namesake_abroad_gives_way_to_the_district() -> None:
    text = "Soldiers clashed with gunmen in the Zorah valley of the Nakuru district on Monday."
    got = choose(text, "clashed", ("Zorah", ZORAH_ABROAD), ("Nakuru", NAKURU_DISTRICT))
    assert got is not None and got[0] == "Nakuru District"


def test_a_village_in_a_town_resolved_to_a_far_namesake_gives_way_to_the_town() -> None:
    text = "A rebel was killed in a firefight in the village of Molo in Njoro town on Monday."
    got = choose(text, "firefight", ("Molo", MOLO_FAR), ("Njoro", NJORO))
    assert got is not None and got[0] == "Njoro"
    # the village inside the town's municipality stays the scene
    near = Place("t:molo", "Molo", -0.25, 35.73, "P", "PPL", "KE", "31", 900)
    assert choose(text, "firefight", ("Molo", near), ("Njoro", NJORO)) == ("Molo", 1)


def test_a_town_in_a_river_valley_named_after_a_country_is_the_scene() -> None:
    # "the Uganda river valley" is a river's valley, not the country holding the town
    text = "Rioters looted shops in the town of Eldoret in the Uganda river valley on Monday."
    got = choose(text, "looted", ("Eldoret", ELDORET), ("Uganda", UGANDA))
    assert got == ("Eldoret", 1)
    # the country itself named as the container makes the town a namesake
    text = "Rioters looted shops in the town of Eldoret in Uganda on Monday."
    assert choose(text, "looted", ("Eldoret", ELDORET), ("Uganda", UGANDA)) == ("Uganda", 3)


def test_a_town_followed_by_district_alone_is_kept() -> None:
    text = "A bomb went off in the Eldoret district on Monday."
    got = choose(text, "bomb", ("Eldoret", ELDORET))
    assert got is not None and got[0] == "Eldoret"


# --- fallback: the dateline and the story's country ------------------------------------


def fall(text: str, *marks: tuple[str, Place, Kind]) -> tuple[str, int, str] | None:
    tops = sorted((top(text, n, p, k) for n, p, k in marks), key=lambda t: t.start)
    loc = fallback_location(tops)
    return None if loc is None else (loc.place.name, int(loc.precision), loc.reason)


def test_the_dateline_country_is_part_of_the_dateline_not_the_main_place() -> None:
    text = "LIMA, Peru — Protesters stormed Peru's Congress on Friday. Police fired tear gas."
    got = fall(text, ("LIMA", LIMA, "dateline"), ("Peru", PERU, "place"),
               ("Peru", PERU, "place"))  # fmt: skip
    assert got is not None and got[:2] == ("Lima", 2)


def test_a_country_named_only_by_its_people_keeps_the_dateline() -> None:
    text = (
        "NAIROBI — A grenade was thrown at a rally in the Kenyan capital on Saturday. "
        "The president has offered talks to neighbouring Uganda."
    )
    got = fall(text, ("NAIROBI", NAIROBI, "dateline"), ("Kenyan", KENYA, "demonym"),
               ("Uganda", UGANDA, "place"))  # fmt: skip
    assert got is not None and got[:2] == ("Nairobi", 2)


def test_the_dateline_city_stands_for_its_country_named_in_the_body() -> None:
    text = "NAIROBI — Police detained 20 people. Kenya has seen weeks of protests."
    got = fall(text, ("NAIROBI", NAIROBI, "dateline"), ("Kenya", KENYA, "place"))
    assert got is not None and got[:2] == ("Nairobi", 2)


def test_a_bureau_dateline_over_a_story_abroad_is_not_the_place() -> None:
    text = "NAIROBI — Troops clashed with rebels. Uganda said the fighting had ended."
    got = fall(text, ("NAIROBI", NAIROBI, "dateline"), ("Uganda", UGANDA, "place"))
    assert got == ("Uganda", 3, "the article's main place")


def test_a_story_about_another_town_of_the_country_falls_back_to_it() -> None:
    text = "LIMA — Police clashed with miners. Peru sent troops to Cusco, and Cusco is calm."
    got = fall(text, ("LIMA", LIMA, "dateline"), ("Peru", PERU, "place"),
               ("Cusco", CUSCO, "place"), ("Cusco", CUSCO, "place"))  # fmt: skip
    assert got == ("Cusco", 3, "the article's main place")


def test_the_dateline_named_in_the_body_wins() -> None:
    text = "LIMA — Police clashed with miners. Chile and Cusco reacted; Lima was calm."
    got = fall(text, ("LIMA", LIMA, "dateline"), ("Chile", CHILE, "place"),
               ("Cusco", CUSCO, "place"), ("Lima", LIMA, "place"))  # fmt: skip
    assert got == ("Lima", 2, "the article's dateline")


def test_a_province_holding_the_dateline_keeps_the_dateline() -> None:
    nakuru_town = Place("t:nakuru-town", "Nakuru Town", -0.3, 36.1, "P", "PPLA", "KE", "31")
    text = "NAKURU TOWN — Police fired on protesters. Nakuru has been tense for weeks."
    got = fall(text, ("NAKURU TOWN", nakuru_town, "dateline"),
               ("Nakuru", NAKURU_COUNTY, "place"))  # fmt: skip
    assert got is not None and got[:2] == ("Nakuru Town", 2)


def test_without_a_dateline_the_main_place_is_coarse() -> None:
    text = "Police fired on protesters. Peru and Peru again; Chile once."
    got = fall(text, ("Peru", PERU, "place"), ("Peru", PERU, "place"), ("Chile", CHILE, "place"))
    assert got == ("Peru", int(GeoPrecision.REGION), "the article's main place")


def test_the_main_place_stays_in_the_country_the_story_is_about() -> None:
    # a namesake abroad named twice (a surname read as a place) loses to the story's own
    # country, which holds most of the article's places and demonyms
    text = (
        "Protesters blocked roads in Peru and in Cusco. Peruvian police watched. "
        "Candidate Luis Surco spoke; Surco has called for calm."
    )
    tops = [top(text, "Peru", PERU), top(text, "Cusco", CUSCO),
            top(text, "Peruvian", PERU, "demonym"), top(text, "Surco", SURCO),
            top(text, "Surco", SURCO, nth=1)]  # fmt: skip
    loc = fallback_location(tops)
    # of Peru and Cusco, named once each, the town says more
    assert loc is not None and loc.place.name == "Cusco"
    assert loc.reason == "the article's main place"


# --- a country or capital that is a party to relations is not the scene ----------------


@pytest.mark.parametrize(
    "tail",
    [
        "after the government offered peace to neighbouring Uganda",
        "as the president held talks with Uganda",
        "amid a border dispute with Uganda",
    ],
)
def test_a_party_to_relations_is_not_the_place(tail: str) -> None:
    text = f"Police fired tear gas at protesters in Eldoret on Friday, {tail}."
    assert choose(text, "tear gas", ("Eldoret", ELDORET), ("Uganda", UGANDA)) == ("Eldoret", 1)
    alone = f"Police fired tear gas at protesters on Friday, {tail}."
    assert choose(alone, "tear gas", ("Uganda", UGANDA)) is None


def test_a_capital_standing_for_its_government_is_not_the_place() -> None:
    text = "Police arrested 12 activists on Friday, days after rebels began talks with Nairobi."
    assert choose(text, "arrested", ("Nairobi", NAIROBI)) is None


@pytest.mark.parametrize(
    ("before", "km"),
    [
        ("about 340 km south-west of ", 340.0),
        ("25km west of ", 25.0),
        ("ten miles to the north of ", 16.09),
        ("30 miles (48 km) east of ", 48.27),
        ("a few kilometres from ", 5.0),
        ("12 KILOMETRES NORTH OF ", 12.0),  # the unit in any case
        ("15 KMS outside ", 15.0),
        ("8 Mi. from ", 12.87),
        ("in ", None),
        ("40 people in ", None),
    ],
)
def test_anchor_distance(before: str, km: float | None) -> None:
    text = f"It happened {before}Eldoret."
    got = anchor_km(text, top(text, "Eldoret", ELDORET))
    assert got == (None if km is None else pytest.approx(km, abs=0.01))


def test_the_other_side_of_a_city_is_a_bearing_not_the_scene() -> None:
    text = "On the other side of Lima, protesters lit a fire at the town hall of Miraflores."
    assert choose(text, "protesters", ("Lima", LIMA), ("Miraflores", MIRAFLORES)) == (
        "Miraflores",
        1,
    )


def test_a_continent_is_never_the_scene() -> None:
    africa = Place("t:af", "Africa", 7.2, 21.1, "L", "CONT", "")
    text = "Gunmen kidnapped 280 pupils in Africa's most populous country on Thursday."
    assert choose(text, "kidnapped", ("Africa", africa)) is None


def test_a_town_named_after_its_region_in_the_possessive_is_the_scene() -> None:
    text = "In Nairobi's Kibera, a shell hit a building on Monday."
    kibera = Place("t:kibera", "Kibera", -1.31, 36.78, "P", "PPL", "KE", "30")
    assert choose(text, "shell hit", ("Nairobi", NAIROBI), ("Kibera", kibera)) == ("Kibera", 1)


def test_a_country_s_affairs_are_not_its_scene() -> None:
    text = "Kenya's elections were marred by violence in Eldoret on Monday."
    assert choose(text, "violence", ("Kenya", KENYA), ("Eldoret", ELDORET)) == ("Eldoret", 1)


def test_a_place_in_a_based_or_backed_compound_is_an_actor_s_home_not_the_scene() -> None:
    text = "A drone struck a car, killing three, said a member of a Lima-based charity."
    at = text.index("Lima")
    based = Toponym(at, at + 4, "Lima", "place", LIMA, 0.9, reasons=("participle:based",))
    assert choose_location(text, [based], anchor=text.index("struck")) is None


# --- a province known only by its name goes to its seat ---------------------------------


def test_a_province_without_a_marked_capital_has_its_largest_town_for_seat() -> None:
    # the embedded cities mark few provincial capitals (PPLA): the largest town stands in
    anbar = Place("t:anbar", "Al Anbar", 33.4, 42.0, "A", "ADM1", "IQ", "01")
    michoacan = Place("t:mich", "Michoacan", 19.2, -101.9, "A", "ADM1", "MX", "16")
    for area, seat in ((anbar, "Ramadi"), (michoacan, "Morelia")):
        found = seat_of(area)
        assert found is not None and (found.place.name, int(found.precision)) == (seat, 3)


def test_of_places_named_as_often_the_main_place_is_the_town_not_the_region() -> None:
    text = "Police stormed an office on the Nakuru road in Eldoret and arrested its leader."
    tops = [top(text, "Nakuru", NAKURU_COUNTY), top(text, "Eldoret", ELDORET)]
    found = fallback_location(tops)
    assert found is not None and found.place is ELDORET


def test_a_town_named_only_in_a_list_is_not_the_story_s_town() -> None:
    """'Curfews in Nakuru, Eldoret and Kisumu districts': several places named together."""
    from incidentmap.incidents.fallback import town_within

    text = (
        "Police fired on a crowd in Kenya on Tuesday. The government imposed curfews in the "
        "Nakuru, Eldoret and Kisumu districts last week."
    )
    tops = [top(text, "Kenya", KENYA), top(text, "Nakuru", NAKURU), top(text, "Eldoret", ELDORET)]
    assert town_within(KENYA, tops, text=text) is None
    alone = text + " Shops in Eldoret stayed shut."
    tops.append(top(alone, "Eldoret", ELDORET, nth=1))
    found = town_within(KENYA, tops, text=alone)
    assert found is not None and found.place is ELDORET


def test_towns_listed_as_areas_give_way_to_the_province_holding_them() -> None:
    """'in Nakuru's Naivasha, Gilgil and Molo counties': several areas, the province holds them."""
    naivasha = Place("t:naivasha", "Naivasha", -0.7, 36.4, "P", "PPL", "KE", "31")
    text = "Fighting spread on Monday in Nakuru's Naivasha, Gilgil and Molo counties."
    assert choose(text, "Fighting", ("Nakuru", NAKURU_COUNTY), ("Naivasha", naivasha)) == (
        "Nakuru",
        3,
    )
    alone = "Fighting spread on Monday in Nakuru's Naivasha town."
    assert choose(alone, "Fighting", ("Nakuru", NAKURU_COUNTY), ("Naivasha", naivasha)) == (
        "Naivasha",
        1,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gunmen struck 30 km east of Tikrit", (30.0, "east")),
        ("a village some 20 miles south-west of Tikrit", (32.18, "south-west")),
        ("a checkpoint 12 km from Tikrit", (12.0, None)),
        ("a checkpoint in Tikrit", None),
    ],
)
def test_the_distance_and_bearing_a_town_anchors_is_public(text, expected):
    start = text.index("Tikrit")
    assert distance_and_bearing(text, Toponym(start, start + 6, "Tikrit")) == expected
