"""Where areas are placed (the data build) and resolver rules about areas and their namesakes.

The sentences and places here are made up for the tests; the gazetteer is a small
in-memory one.
"""

# ruff: noqa: E501

from __future__ import annotations

import math
from pathlib import Path

import pytest

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from test_geoparse_support import _p, given, placed

REPO = Path(__file__).resolve().parent.parent


PLACES = [
    (_p("t:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000), ("United States",)),
    (_p("t:gb", "United Kingdom", 54.8, -2.7, "A", "PCLI", "GB", pop=66_000_000), ("United Kingdom", "Britain")),
    (_p("t:au", "Australia", -25.0, 134.0, "A", "PCLI", "AU", pop=25_000_000), ("Australia",)),
    (_p("t:ca", "Canada", 57.0, -98.0, "A", "PCLI", "CA", pop=38_000_000), ("Canada",)),
    (_p("t:iq", "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", pop=38_000_000), ("Iraq",)),
    (_p("t:ua", "Ukraine", 49.0, 32.0, "A", "PCLI", "UA", pop=41_000_000), ("Ukraine",)),
    (_p("t:ge", "Georgia", 42.0, 43.5, "A", "PCLI", "GE", pop=3_700_000), ("Georgia",)),
    (_p("t:usga", "Georgia", 32.7, -83.4, "A", "ADM1", "US", "GA", 10_500_000), ("Georgia",)),
    (_p("t:tbilisi", "Tbilisi", 41.7, 44.8, "P", "PPLC", "GE", None, 1_100_000), ("Tbilisi",)),
    # US states, one Australian state, one Canadian province, one Iraqi governorate
    (_p("t:usok", "Oklahoma", 35.6, -97.5, "A", "ADM1", "US", "OK", 4_000_000), ("Oklahoma",)),
    (_p("t:uspa", "Pennsylvania", 40.9, -77.8, "A", "ADM1", "US", "PA", 13_000_000), ("Pennsylvania",)),
    (_p("t:usoh", "Ohio", 40.3, -82.8, "A", "ADM1", "US", "OH", 11_700_000), ("Ohio",)),
    (_p("t:ustx", "Texas", 31.4, -99.3, "A", "ADM1", "US", "TX", 29_000_000), ("Texas",)),
    (_p("t:uswa", "Washington", 47.4, -120.5, "A", "ADM1", "US", "WA", 7_700_000), ("Washington",)),
    (_p("t:auvic", "Victoria", -36.9, 144.3, "A", "ADM1", "AU", "07", 6_600_000), ("Victoria",)),
    (_p("t:caqc", "Quebec", 53.0, -71.0, "A", "ADM1", "CA", "10", 8_500_000), ("Quebec",)),
    (_p("t:iqbs", "Basra", 30.5, 47.4, "A", "ADM1", "IQ", "02", 2_900_000), ("Basra",)),
    # places
    (_p("t:ok-hamlet", "Oklahoma", 40.6, -79.6, "P", "PPL", "US", "PA", 800), ("Oklahoma",)),
    (_p("t:victoria-tx", "Victoria", 28.8, -97.0, "P", "PPL", "US", "TX", 65_000), ("Victoria",)),
    (_p("t:quebec-city", "Quebec", 46.8, -71.2, "P", "PPLA", "CA", "10", 530_000), ("Quebec",)),
    (_p("t:basra-city", "Basra", 30.5, 47.8, "P", "PPLA", "IQ", "02", 2_600_000), ("Basra",)),
    (_p("t:washington-dc", "Washington", 38.9, -77.0, "P", "PPLC", "US", "DC", 690_000), ("Washington",)),
    (_p("t:dornau-prov", "Dornau", 48.0, 30.0, "A", "ADM1", "UA", "30", 1_000_000), ("Dornau",)),
    (_p("t:dornau-city", "Dornau", 48.1, 30.1, "P", "PPLA", "UA", "30", 50_000), ("Dornau",)),
    (_p("t:auqld", "Queensland", -22.5, 144.5, "A", "ADM1", "AU", "04", 5_000_000), ("Queensland",)),
    (_p("t:brisbane", "Brisbane", -27.47, 153.02, "P", "PPLA", "AU", "04", 2_000_000), ("Brisbane",)),
    (_p("t:kingston-au", "Kingston", -27.66, 153.11, "P", "PPL", "AU", "04", 10_000), ("Kingston",)),
    (_p("t:kingston-jm", "Kingston", 18.0, -76.8, "P", "PPLC", "JM", "17", 940_000), ("Kingston",)),
    (_p("t:kingston-jm17", "Kingston", 18.0, -76.8, "A", "ADM1", "JM", "17", 940_000), ("Kingston",)),
    (_p("t:usky", "Kentucky", 37.5, -85.3, "A", "ADM1", "US", "KY", 4_500_000), ("Kentucky",)),
    (_p("t:harlow-ms", "Harlow", 33.0, -89.5, "P", "PPL", "US", "MS", 900), ("Harlow",)),
    (_p("t:usca", "California", 37.2, -119.5, "A", "ADM1", "US", "CA", 39_000_000), ("California",)),
    (_p("t:orange-ca", "Orange", 33.79, -117.85, "P", "PPL", "US", "CA", 139_000), ("Orange",)),
    (_p("t:orange-tx", "Orange", 30.09, -93.74, "P", "PPL", "US", "TX", 19_000), ("Orange",)),
    # a hamlet that is the only place of its name, and a name shared by two towns
    (_p("t:hamlet", "Brackwood", 44.0, -70.0, "P", "PPL", "US", "ME", 300), ("Brackwood",)),
    (_p("t:ferrow-gb", "Ferrow", 51.0, -1.0, "P", "PPL", "GB", None, 100_000), ("Ferrow",)),
    (_p("t:ferrow-us", "Ferrow", 36.0, -119.0, "P", "PPL", "US", "CA", 200_000), ("Ferrow",)),
    # a story's country, its provincial capital, and a small namesake abroad of a village
    (_p("t:mz", "Mozambique", -18.0, 35.0, "A", "PCLI", "MZ", pop=30_000_000), ("Mozambique",)),
    (_p("t:gh", "Ghana", 8.0, -1.0, "A", "PCLI", "GH", pop=30_000_000), ("Ghana",)),
    (_p("t:pemba", "Pemba", -12.97, 40.5, "P", "PPLA", "MZ", "01", 200_000), ("Pemba",)),
    (_p("t:tolmar-gh", "Tolmar", 5.6, -0.9, "P", "PPL", "GH", "02", 40_000), ("Tolmar",)),
    (_p("t:varsk-gh", "Varsk", 5.9, -1.2, "P", "PPL", "GH", "02", 20_000), ("Varsk",)),
    (_p("t:nampula", "Nampula", -15.1, 39.3, "P", "PPLA", "MZ", "06", 740_000), ("Nampula",)),
    (_p("t:lichinga", "Lichinga", -13.3, 35.2, "P", "PPLA", "MZ", "07", 420_000), ("Lichinga",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in PLACES))


# -- resolver -------------------------------------------------------------------------------


def test_a_village_whose_only_namesakes_are_small_towns_abroad_stays_unresolved(parser):
    # the gazetteer lacks the Mozambican village; the Ghanaian town is not it
    text = (
        "Insurgents burned the village of Tolmar near Pemba, police in Mozambique said. "
        "Mozambique has fought the insurgency since 2017."
    )
    got = placed(parser, text)
    assert got["Pemba"] == "t:pemba"
    assert got.get("Tolmar") is None


def test_two_small_namesakes_abroad_do_not_vouch_for_each_other(parser):
    # the story never names its country; its two big towns tell which it is, and two
    # villages that are also small towns of one country abroad do not make it that one
    text = (
        "Gunmen raided Tolmar on Monday and Varsk on Tuesday, officials in Nampula said. "
        "Police in Lichinga said Tolmar and Varsk were burned; Varsk was empty."
    )
    got = placed(parser, text)
    assert got["Nampula"] == "t:nampula" and got["Lichinga"] == "t:lichinga"
    assert got.get("Tolmar") is None and got.get("Varsk") is None


def test_a_small_town_abroad_stays_when_the_story_names_its_country(parser):
    text = (
        "Police in Mozambique said the suspects from Pemba had fled to Tolmar in Ghana. "
        "Mozambique asked for their return."
    )
    assert placed(parser, text)["Tolmar"] == "t:tolmar-gh"


def test_a_town_in_a_river_valley_named_after_another_country_keeps_its_reading(parser):
    # "the Mozambique river valley" names a river's valley, not a container of the town
    text = "Rioters looted shops in the town of Tolmar in the Mozambique river valley, police in Ghana said."
    assert placed(parser, text)["Tolmar"] == "t:tolmar-gh"


def test_a_list_of_states_is_not_a_name_qualified_by_the_next_state(parser):
    got = placed(parser, "Floods were reported in Oklahoma, Pennsylvania, Ohio and Texas.")
    assert got["Oklahoma"] == "t:usok"
    assert got["Pennsylvania"] == "t:uspa"


def test_a_town_qualified_by_a_state_of_another_country_is_still_qualified(parser):
    # the Australian state Victoria is no peer of Texas: "Victoria, Texas" is the town
    got = placed(parser, "A plant exploded in Victoria, Texas, on Monday.")
    assert got["Victoria"] == "t:victoria-tx"


def test_a_state_of_the_article_s_country_beats_a_same_named_foreign_country(parser):
    got = placed(parser, "Cases rose in Texas, Ohio and Georgia, United States officials said.")
    assert got["Georgia"] == "t:usga"
    got = placed(parser, "Officials in Tbilisi said Georgia and the United States would talk.")
    assert got["Georgia"] == "t:ge"


def test_a_province_much_larger_than_its_namesake_city_is_the_province(parser):
    assert placed(parser, "Snow closed roads across Quebec.")["Quebec"] == "t:caqc"


def test_the_city_of_x_is_the_city_even_in_a_large_province(parser):
    assert placed(parser, "Floods hit Dornau.")["Dornau"] == "t:dornau-prov"
    got = placed(parser, "Troops entered the southern city of Dornau on Friday.")
    assert got["Dornau"] == "t:dornau-city"


def test_a_city_over_its_province_is_not_lifted_over_its_namesakes_abroad(parser):
    got = placed(parser, "A crash at Kingston killed two, Queensland police said.")
    assert got["Kingston"] == "t:kingston-au"
    assert placed(parser, "Ministers met in Kingston.")["Kingston"] == "t:kingston-jm"


def test_a_dateline_and_a_typed_mention_of_one_name_keep_their_own_senses(parser):
    text = "DORNAU, Ukraine - Shelling hit villages across Dornau province on Monday."
    found = {(t.start, t.place.id if t.place else None) for t in parser.parse(text)}
    assert (0, "t:dornau-city") in found
    assert (text.index("Dornau province"), "t:dornau-prov") in found


def test_the_district_of_x_is_no_first_level_cue(parser):
    (t,) = [
        t for t in parser.parse("Police fired in the district of Dornau.") if t.text == "Dornau"
    ]
    assert not any("district of" in r for c in t.candidates for r in c.reasons)


def test_a_city_holding_most_of_its_province_is_the_city(parser):
    assert placed(parser, "Protests spread to Basra.")["Basra"] == "t:basra-city"


def test_the_national_capital_wins_over_a_larger_namesake_state(parser):
    assert (
        placed(parser, "Officials in Washington said talks would resume.")["Washington"]
        == "t:washington-dc"
    )


def test_a_lone_hamlet_barely_moves_the_article_focus(parser):
    # The only "Brackwood" is a US hamlet: it may well be a place the gazetteer lacks,
    # so the named country, Britain, decides between the two towns called Ferrow.
    got = placed(parser, "Britain said Brackwood and Ferrow were cut off by the floods.")
    assert got["Ferrow"] == "t:ferrow-gb"


def test_given_spans_read_the_type_words_around_them(parser):
    text = "The cow came from a Washington state farm, officials said."
    assert given(parser, text, "Washington") == {"Washington": "t:uswa"}
    text = "The case was found in the state of Washington last year."
    assert given(parser, text, "Washington") == {"Washington": "t:uswa"}
    assert given(parser, "Talks in Washington resumed.", "Washington") == {
        "Washington": "t:washington-dc"
    }
    # a capitalised word after the name is no type word: "Ohio State" is a university
    text = "The case was studied at Washington State University."
    assert given(parser, text, "Washington") == {"Washington": "t:washington-dc"}


def test_a_name_in_a_list_of_states_is_the_state(parser):
    text = "Cases were found in Ohio, Texas, Washington and Oklahoma."
    got = given(parser, text, "Ohio", "Texas", "Washington", "Oklahoma")
    assert got["Washington"] == "t:uswa" and got["Oklahoma"] == "t:usok"


def test_a_county_the_gazetteer_lacks_is_placed_at_the_state_the_article_names(parser):
    text = "Deputies in Harlow County, Kentucky, arrested two men, Kentucky police said."
    got = placed(parser, text)
    assert got["Harlow"] == "t:usky"  # the recognizer spans the name, "County" is a hint
    # a town of the name inside the state stays: Orange County is around Orange
    got = placed(parser, "Fires burned in Orange County, California, as California sweltered.")
    assert got["Orange"] == "t:orange-ca"


# -- data build -----------------------------------------------------------------------------


def _city(bd, gid, lat, lon, admin1, cc="XX"):
    return bd.City(
        gid=gid, name=f"p{gid}", ascii=f"p{gid}", alternates=[], lat=lat, lon=lon, code="PPL",
        cc=cc, admin1=admin1, admin2="", population=1000, timezone="",
    )  # fmt: skip


def test_area_points_are_centroids_of_the_outline_shared_out_by_nearest_place(build_data):
    from shapely.geometry import box

    bd = build_data
    country = box(0.0, 0.0, 4.0, 2.0)
    # area A: many places crowded at the west edge; area B: one place in the east
    places = [_city(bd, i, 0.5 + 0.05 * i, 0.2, "A") for i in range(20)]
    places += [_city(bd, 100, 1.0, 3.0, "B")]
    points = bd.area_points(country, places, bd.Stats())
    lat_a, lon_a, cells_a = points["A"]
    lat_b, lon_b, cells_b = points["B"]
    # The boundary falls half-way between the places (lon about 1.6), so A is placed in the
    # middle of its share, not at the mean of its crowded places (lon 0.2).
    assert 0.6 < lon_a < 1.0 and abs(lat_a - 1.0) < 0.05
    assert 2.6 < lon_b < 3.0 and abs(lat_b - 1.0) < 0.05
    assert cells_a > 0 and cells_b > cells_a


def test_a_mis_coded_place_far_from_its_area_does_not_claim_land(build_data):
    from shapely.geometry import box

    bd = build_data
    country = box(0.0, 0.0, 10.0, 2.0)
    places = [_city(bd, i, 1.0, 0.2 + 0.1 * i, "A") for i in range(10)]
    places += [_city(bd, 100 + i, 1.0, 5.0 + 0.1 * i, "B") for i in range(40)]
    stray = _city(bd, 999, 1.0, 9.8, "A")  # coded A, among nothing but B's land
    points = bd.area_points(country, [*places, stray], bd.Stats())
    assert points["A"][1] < 2.0  # without the rule A would own the far east as well


def test_an_overseas_part_without_places_is_no_area_s_land(build_data):
    from shapely.geometry import MultiPolygon, box

    bd = build_data
    # the home part is shared by two areas; the part 5,000 km away has no place at all
    country = MultiPolygon([box(0.0, 0.0, 4.0, 2.0), box(45.0, 0.0, 47.0, 2.0)])
    places = [_city(bd, i, 1.0, 0.5 + 0.1 * i, "A") for i in range(5)]
    places += [_city(bd, 100 + i, 1.0, 3.0 + 0.1 * i, "B") for i in range(5)]
    points = bd.area_points(country, places, bd.Stats())
    assert points["A"][1] < 2.0 and points["B"][1] < 4.0


def test_area_points_across_the_antimeridian(build_data):
    from shapely.geometry import MultiPolygon, box

    bd = build_data
    country = MultiPolygon([box(170.0, 60.0, 180.0, 62.0), box(-180.0, 60.0, -170.0, 62.0)])
    places = [_city(bd, 1, 61.0, 175.0, "A"), _city(bd, 2, 61.0, -175.0, "A")]
    lat, lon, _ = bd.area_points(country, places, bd.Stats())["A"]
    assert 60.5 < lat < 61.5 and abs(abs(lon) - 180.0) < 1.0


def test_country_point_keeps_the_islands_near_the_main_one(build_data):
    from shapely.geometry import box

    bd = build_data
    # two islands of one size 200 km apart, and a small overseas part far away
    lat, lon, how = bd.country_point(
        [box(0.0, 0.0, 2.0, 2.0), box(3.8, 0.0, 5.8, 2.0), box(40.0, 0.0, 40.5, 0.5)]
    )
    assert how == "main-group-nearest-to-centroid"  # the middle is sea
    assert math.dist((lat, lon), (1.0, 2.9)) < 1.0
    lat, lon, how = bd.country_point([box(0.0, 0.0, 2.0, 2.0), box(40.0, 0.0, 41.0, 1.0)])
    assert how == "main-group-centroid" and math.dist((lat, lon), (1.0, 1.0)) < 0.01
