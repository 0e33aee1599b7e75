"""Second-level areas (counties, districts): the data build, the embedded file, the index
ranking and the resolver's choice between a county and its namesakes.

The sentences and the small gazetteer here are made up for the tests.
"""

# ruff: noqa: E501

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.embedded import ADMIN2_COLUMNS, read_admin2
from incidentmap.gazetteer.paths import data_file
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan
from test_geoparse_support import _p, given, placed

REPO = Path(__file__).resolve().parent.parent


PLACES = [
    (_p("t:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000), ("United States",)),
    (_p("t:gb", "United Kingdom", 54.8, -2.7, "A", "PCLI", "GB", pop=66_000_000), ("United Kingdom", "Britain")),
    (_p("t:ca", "Canada", 57.0, -98.0, "A", "PCLI", "CA", pop=38_000_000), ("Canada",)),
    (_p("t:gbeng", "England", 52.5, -1.5, "A", "ADM1", "GB", "ENG", 56_000_000), ("England",)),
    (_p("t:usfl", "Florida", 28.6, -82.4, "A", "ADM1", "US", "FL", 21_000_000), ("Florida",)),
    (_p("t:usok", "Oklahoma", 35.6, -97.5, "A", "ADM1", "US", "OK", 4_000_000), ("Oklahoma",)),
    (_p("t:usny", "New York", 42.9, -75.5, "A", "ADM1", "US", "NY", 20_000_000), ("New York",)),
    (_p("t:usva", "Virginia", 37.5, -78.8, "A", "ADM1", "US", "VA", 8_600_000), ("Virginia",)),
    (_p("t:usca", "California", 37.2, -119.5, "A", "ADM1", "US", "CA", 39_000_000), ("California",)),
    (_p("t:ustx", "Texas", 31.4, -99.3, "A", "ADM1", "US", "TX", 29_000_000), ("Texas",)),
    (_p("t:cabc", "British Columbia", 54.0, -125.0, "A", "ADM1", "CA", "02", 5_000_000), ("British Columbia",)),
    # second-level areas: the names and sizes are made up or rounded
    (_p("t:marlow-fl", "Marlow County", 28.7, -81.2, "A", "ADM2", "US", "FL", 450_000), ("Marlow County", "Marlow")),
    (_p("t:marlow-ok", "Marlow County", 35.2, -96.6, "A", "ADM2", "US", "OK", 25_000), ("Marlow County", "Marlow")),
    (_p("t:suffolk-gb", "Suffolk", 52.2, 1.0, "A", "ADM2", "GB", "ENG", 700_000), ("Suffolk",)),
    (_p("t:suffolk-ny", "Suffolk County", 40.9, -72.8, "A", "ADM2", "US", "NY", 1_500_000), ("Suffolk County", "Suffolk")),
    (_p("t:surrey-gb", "Surrey", 51.25, -0.45, "A", "ADM2", "GB", "ENG", 1_200_000), ("Surrey",)),
    (_p("t:la-county", "Los Angeles County", 34.3, -118.2, "A", "ADM2", "US", "CA", 10_000_000), ("Los Angeles County", "Los Angeles")),
    (_p("t:texas-county", "Texas County", 37.3, -91.9, "A", "ADM2", "US", "MO", 26_000), ("Texas County", "Texas")),
    (_p("t:newyork-county", "New York County", 40.78, -73.97, "A", "ADM2", "US", "NY", 1_600_000), ("New York County", "New York")),
    # towns
    (_p("t:marlow-town", "Marlow", 35.26, -96.67, "P", "PPL", "US", "OK", 7_000), ("Marlow",)),
    (_p("t:marlow-gb", "Marlow", 51.57, -0.77, "P", "PPL", "GB", "ENG", 14_000), ("Marlow",)),
    (_p("t:suffolk-va", "Suffolk", 36.73, -76.58, "P", "PPL", "US", "VA", 90_000), ("Suffolk",)),
    (_p("t:surrey-bc", "Surrey", 49.1, -122.8, "P", "PPL", "CA", "02", 500_000), ("Surrey",)),
    (_p("t:la", "Los Angeles", 34.05, -118.24, "P", "PPL", "US", "CA", 3_900_000), ("Los Angeles",)),
    (_p("t:nyc", "New York City", 40.71, -74.0, "P", "PPLA", "US", "NY", 8_800_000), ("New York City", "New York")),
    # a town beside its namesake county, and a name shared with a capital abroad
    (_p("t:caon", "Ontario", 50.0, -85.0, "A", "ADM1", "CA", "08", 13_000_000), ("Ontario",)),
    (_p("t:fr", "France", 46.6, 2.4, "A", "PCLI", "FR", pop=67_000_000), ("France",)),
    (_p("t:kelby-town", "Kelby", 43.14, -80.27, "P", "PPL", "CA", "08", 60_000), ("Kelby",)),
    (_p("t:kelby-county", "Kelby", 43.15, -80.38, "A", "ADM2", "CA", "08", 300_000), ("Kelby",)),
    (_p("t:orval-fr", "Orval", 48.85, 2.35, "P", "PPLC", "FR", "11", 2_100_000), ("Orval",)),
    (_p("t:orval-ca", "Orval", 43.20, -80.38, "P", "PPL", "CA", "08", 12_000), ("Orval",)),
    # a first-level area abroad named like a second-level "X District"
    (_p("t:jo", "Jordan", 31.0, 36.0, "A", "PCLI", "JO", pop=10_000_000), ("Jordan",)),
    (_p("t:pk", "Pakistan", 30.0, 70.0, "A", "PCLI", "PK", pop=220_000_000), ("Pakistan",)),
    (_p("t:vardan-jo", "Vardan", 31.2, 35.7, "A", "ADM1", "JO", "09", 300_000), ("Vardan",)),
    (_p("t:vardan-pk", "Vardan District", 33.1, 71.1, "A", "ADM2", "PK", "03", 500_000), ("Vardan District",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in PLACES)


@pytest.fixture(scope="module")
def parser(gaz: Gazetteer) -> Geoparser:
    return Geoparser(gaz)


# -- resolver -------------------------------------------------------------------------------


def test_a_county_beats_a_small_same_named_town(parser):
    got = placed(parser, "Flooding closed roads across Marlow County on Tuesday.")
    assert got["Marlow County"] == "t:marlow-fl"
    # the bare name is the large county too, not a village abroad
    assert placed(parser, "Deputies in Marlow said the roads were shut.")["Marlow"] == "t:marlow-fl"


def test_a_county_of_the_state_the_article_names(parser):
    got = placed(parser, "Tornadoes hit Marlow County, Oklahoma, on Monday.")
    assert got["Marlow County"] == "t:marlow-ok"


def test_an_english_county_beats_a_foreign_town_and_a_us_county_named_without_county(parser):
    assert placed(parser, "Farmers in Suffolk fear a dry summer.")["Suffolk"] == "t:suffolk-gb"
    assert placed(parser, "Police in Surrey closed a road.")["Surrey"] == "t:surrey-gb"
    got = placed(parser, "Schools in Surrey, British Columbia, reopened.")
    assert got["Surrey"] == "t:surrey-bc"
    got = placed(parser, "A ship docked at Suffolk, Virginia, on Friday.")
    assert got["Suffolk"] == "t:suffolk-va"


def test_a_big_city_beats_the_county_it_makes_up(parser):
    assert placed(parser, "Fires burned near Los Angeles.")["Los Angeles"] == "t:la"
    got = placed(parser, "Fires burned across Los Angeles County.")
    assert got["Los Angeles County"] == "t:la-county"


def test_a_state_is_never_its_namesake_county(parser):
    assert placed(parser, "Storms hit Texas on Monday.")["Texas"] == "t:ustx"
    got = placed(parser, "Voters across New York state chose a governor.")
    assert got["New York"] == "t:usny"
    # a bare "New York" is the city (New York City), never the county it makes up
    got = placed(parser, "Voters in New York chose a mayor.")
    assert got["New York"] == "t:nyc"


def test_a_town_beside_its_namesake_county_still_anchors_the_article(parser):
    # Kelby, the town, is sure of its place even though Kelby County is around it, so
    # Orval next to it is the Ontario town, not the capital abroad
    got = placed(parser, "Storms hit Kelby and nearby Orval on Sunday.")
    assert got["Kelby"] == "t:kelby-town"
    assert got["Orval"] == "t:orval-ca"


def test_a_given_x_district_may_still_be_the_first_level_area_named_x(parser):
    # "Vardan District" is a gazetteer name now, but the Jordanian area Vardan stays a
    # candidate of the span "Vardan district"
    text = "Jordan sent troops to Vardan district after the clashes."
    assert given(parser, text, "Jordan", "Vardan district")["Vardan district"] == "t:vardan-jo"
    text = "Pakistan sent troops to Vardan district after the clashes."
    assert given(parser, text, "Pakistan", "Vardan district")["Vardan district"] == "t:vardan-pk"
    text = "Flooding closed roads across Marlow County on Tuesday."
    assert given(parser, text, "Marlow County") == {"Marlow County": "t:marlow-fl"}


def test_the_index_ranks_a_city_before_the_county_it_makes_up(gaz):
    assert [p.id for p in gaz.lookup("Los Angeles")][:2] == ["t:la", "t:la-county"]


# -- embedded data --------------------------------------------------------------------------


def test_embedded_admin2_rows_and_names() -> None:
    areas = {r.place.id: r for r in read_admin2(report=pytest.fail)}
    assert len(areas) > 30_000
    suffolk = areas["geonames:2636561"]  # the English county
    assert suffolk.place.feature_class == "A" and suffolk.place.feature_code == "ADM2"
    assert (suffolk.place.country_code, suffolk.place.admin1) == ("GB", "ENG")
    assert suffolk.place.parent_id == "geonames:6269131"  # England
    assert math.dist((suffolk.place.lat, suffolk.place.lon), (52.2, 1.0)) < 0.4
    seminole = areas["geonames:4172445"]  # Seminole County, Florida
    assert {"Seminole County", "Seminole"} <= set(seminole.names)
    assert seminole.place.population > 100_000
    assert math.dist((seminole.place.lat, seminole.place.lon), (28.7, -81.2)) < 0.3


def test_embedded_admin2_file_is_small_and_well_formed() -> None:
    path = data_file("admin2.tsv")
    assert path.stat().st_size < 6_000_000
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    assert tuple(rows[0]) == ADMIN2_COLUMNS
    sources = [r["point_source"].split(":")[0] for r in rows]
    assert set(sources) <= {"geonames-record", "outline-nearest-place-centroid", "mean-of-places"}
    assert sources.count("geonames-record") + sources.count("outline-nearest-place-centroid") > (
        0.9 * len(rows)
    )
    assert sum(int(r["population"]) > 0 for r in rows) > 0.9 * len(rows)


def test_the_embedded_gazetteer_finds_counties_by_both_names(gazetteer) -> None:
    assert gazetteer.lookup("Seminole County")[0].id == "geonames:4172445"
    assert "geonames:4172445" in {p.id for p in gazetteer.lookup("Seminole")}
    assert gazetteer.lookup("Los Angeles")[0].feature_class == "P"
    assert gazetteer.get("geonames:2636561").feature_code == "ADM2"


# -- data build -----------------------------------------------------------------------------


def test_admin2_points_share_out_their_admin1_area(build_data):
    from shapely.geometry import box

    bd = build_data
    country = box(0.0, 0.0, 4.0, 2.0)
    places = []
    for gid, (lon, admin1, admin2) in enumerate(
        [(0.5, "A", "1"), (1.2, "A", "2"), (1.6, "A", "2"), (3.0, "B", "7"), (3.5, "B", "7")]
    ):
        city = bd.City(
            gid=gid, name=f"p{gid}", ascii=f"p{gid}", alternates=[], lat=1.0, lon=lon,
            code="PPL", cc="XX", admin1=admin1, admin2=admin2, population=1000, timezone="",
        )  # fmt: skip
        places.append(city)
    second: dict[str, tuple[float, float, int]] = {}
    first = bd.area_points(country, places, bd.Stats(), admin2=second)
    assert set(first) == {"A", "B"} and set(second) == {"A.1", "A.2", "B.7"}
    # A is the west half (0..~2.25), split between A.1 (west of 0.85) and A.2 (east of it)
    assert second["A.1"][1] < 0.6 < second["A.2"][1] < first["B"][1]
    assert abs(second["A.1"][0] - 1.0) < 0.05
    assert math.dist(second["B.7"][:2], first["B"][:2]) < 0.05


def test_admin2_rows_add_the_name_without_county(build_data):
    bd = build_data
    sub = bd.Subdivision(
        row=1, name="Marlow County", iso_code="", geonames_code="US.FL.901",
        geonames_id=901, type="", aliases=("Condado de Marlow",),
    )  # fmt: skip
    city = bd.City(
        gid=5, name="Ivel", ascii="Ivel", alternates=[], lat=28.7, lon=-81.2, code="PPL",
        cc="US", admin1="FL", admin2="901", population=1234, timezone="",
    )  # fmt: skip
    empty = bd.Subdivision(
        row=2, name="Empty County", iso_code="", geonames_code="US.FL.902",
        geonames_id=902, type="", aliases=(),
    )  # fmt: skip
    (row,) = bd.admin2_rows([sub, empty], [city], {}, bd.Stats())
    got = dict(zip(ADMIN2_COLUMNS, row, strict=True))
    assert got["alternatenames"].split("|") == ["Condado de Marlow", "Marlow"]
    assert got["point_source"] == "mean-of-places:1" and got["population"] == "1234"


def test_admin2_rows_take_the_point_of_the_geonames_record(build_data):
    bd = build_data
    sub = bd.Subdivision(
        row=1, name="Marlow County", iso_code="", geonames_code="US.FL.901",
        geonames_id=901, type="", aliases=(),
    )  # fmt: skip
    city = bd.City(
        gid=5, name="Ivel", ascii="Ivel", alternates=[], lat=28.7, lon=-81.2, code="PPL",
        cc="US", admin1="FL", admin2="901", population=1234, timezone="",
    )  # fmt: skip
    records = {901: ("US", 28.5, -81.333333)}
    (row,) = bd.admin2_rows([sub], [city], {}, bd.Stats(), records=records)
    got = dict(zip(ADMIN2_COLUMNS, row, strict=True))
    assert (got["lat"], got["lon"], got["point_source"]) == ("28.5", "-81.33333", "geonames-record")
    # a record of another country is not the area's (an id reused or mistyped)
    (row,) = bd.admin2_rows([sub], [city], {}, bd.Stats(), records={901: ("CA", 50.0, -80.0)})
    assert dict(zip(ADMIN2_COLUMNS, row, strict=True))["point_source"] == "mean-of-places:1"


def test_a_county_given_with_its_state_stays_there_in_a_story_about_another_state():
    places = [
        _p("t:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000),
        _p("t:usmd", "Maryland", 39.0, -76.7, "A", "ADM1", "US", "MD", 6_000_000),
        _p("t:uspa", "Pennsylvania", 40.9, -77.7, "A", "ADM1", "US", "PA", 13_000_000),
        _p("t:brill-md", "Brill County", 39.0, -76.0, "A", "ADM2", "US", "MD", 50_000),
        _p("t:erie-pa", "Erie County", 42.0, -80.0, "A", "ADM2", "US", "PA", 270_000),
    ]
    parser = Geoparser(
        Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in places)
    )
    # the story names Pennsylvania most, but the text says where Brill County is
    text = (
        "Bird flu was found in ducks in Brill County, Maryland, and in Erie County in "
        "Pennsylvania. Pennsylvania officials said the ducks of Brill County in Maryland "
        "were tested in Pennsylvania."
    )
    names = ("Brill County", "Maryland", "Erie County", "Pennsylvania")
    spans = sorted(
        (GivenSpan(k, k + len(n), n) for n in names for k in _starts(text, n)),
        key=lambda g: g.start,
    )
    found = parser.resolve_spans(Article(id="a", text=text, toponyms=tuple(spans)))
    assert [t.place.id for t in found if t.text == "Brill County"] == ["t:brill-md"] * 2


def _starts(text: str, name: str) -> list[int]:
    return [k for k in range(len(text)) if text.startswith(name, k)]
