"""Rules of news copy that tell a city from its same-named state: "-based", "Brooklyn, New York".

The sentences and places here are made up for the tests; the gazetteer is a small
in-memory one.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from test_geoparse_support import _p, given

PLACES = [
    (_p("n:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000), ("United States",)),
    (_p("n:ca", "Canada", 57.0, -98.0, "A", "PCLI", "CA", pop=38_000_000), ("Canada",)),
    (_p("n:usny", "New York", 42.93, -75.77, "A", "ADM1", "US", "NY", 19_000_000), ("New York",)),
    (_p("n:nyc", "New York City", 40.71, -74.01, "P", "PPLA", "US", "NY", 8_800_000), ("New York City", "New York")),
    (_p("n:brooklyn", "Brooklyn", 40.65, -73.95, "P", "PPLA2", "US", "NY", 2_500_000), ("Brooklyn",)),
    (_p("n:albany", "Albany", 42.65, -73.76, "P", "PPLA", "US", "NY", 97_000), ("Albany",)),
    (_p("n:usva", "Virginia", 37.5, -78.8, "A", "ADM1", "US", "VA", 8_600_000), ("Virginia",)),
    (_p("n:toronto", "Toronto", 43.70, -79.42, "P", "PPLA", "CA", "08", 2_700_000), ("Toronto",)),
]  # fmt: skip


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in PLACES))


def test_a_name_before_based_is_the_city(parser):
    text = "Members of a New York-based squad met the two men in Virginia last year."
    assert given(parser, text, "New York", "Virginia")["New York"] == "n:nyc"
    # without "-based" the state's larger prior still decides
    text = "Members of a squad from New York met the two men in Virginia last year."
    assert given(parser, text, "New York", "Virginia")["New York"] == "n:usny"


def test_a_building_the_gazetteer_lacks_stands_in_its_town(parser):
    text = "She was taken to Harbour Memorial Hospital in Albany on Monday."
    got = given(parser, text, "Harbour Memorial Hospital", "Albany")
    assert got["Harbour Memorial Hospital"] == "n:albany"
    text = "Crowds gathered on the steps of the Toronto Art Gallery on Saturday."
    assert given(parser, text, "Toronto Art Gallery") == {"Toronto Art Gallery": "n:toronto"}
    # a small city at the head of a building's name is no evidence (a person's name, often)
    text = "Crowds gathered on the steps of the Albany Art Gallery on Saturday."
    assert given(parser, text, "Albany Art Gallery") == {"Albany Art Gallery": None}


def test_a_place_name_at_the_head_of_a_newspaper_title_is_no_place(parser):
    text = "Toronto Herald\n\nALBANY, New York — Police arrested two men on Monday."
    found = {t.text for t in parser.parse(text) if t.place is not None}
    assert "Toronto" not in found and "ALBANY" in found
    # the city itself, written without the title word, stays a place
    text = "Police in Toronto arrested two men on Monday."
    assert any(t.text == "Toronto" for t in parser.parse(text))


def test_a_name_whose_arabic_article_is_written_in_lower_case() -> None:
    """'the town of al-Hadi': transliterations often keep the article in lower case."""
    from incidentmap.model import Article

    places = [
        (_p("n:xq", "Qaria", 30.0, 40.0, "A", "PCLI", "XQ", pop=9_000_000), ("Qaria",)),
        (_p("n:hadi", "Al Hadi", 30.5, 40.5, "P", "PPL", "XQ", "01", 40_000), ("Al Hadi",)),
    ]
    parser = Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in places))
    text = "A roadside bomb went off in the town of al-Hadi, in western Qaria, on Sunday."
    found = {t.text: t.place.id for t in parser.parse(Article(id="a", text=text)) if t.place}
    assert found.get("al-Hadi") == "n:hadi"


def test_a_bare_name_given_with_its_state_is_the_town_not_the_county() -> None:
    # the county holds fifteen times the town's people, but news copy writes a county with
    # its kind word: "Tarrow, Ontario" is the town, "Tarrow County, Ontario" the county
    places = [
        (_p("n:on", "Ontario", 50.0, -86.0, "A", "ADM1", "CA", "08", 14_000_000), ("Ontario",)),
        (_p("n:tarrow", "Tarrow", 43.4, -81.0, "P", "PPL", "CA", "08", 4_000), ("Tarrow",)),
        (_p("n:tarrowc", "Tarrow County", 43.5, -81.1, "A", "ADM2", "CA", "08", 60_000),
         ("Tarrow County", "Tarrow")),
    ]  # fmt: skip
    parser = Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in places))
    got = given(parser, "A barn burned down in Tarrow, Ontario, on Sunday.", "Tarrow", "Ontario")
    assert got["Tarrow"] == "n:tarrow"
    text = "Farms in Tarrow County, Ontario, lost their crops."
    assert given(parser, text, "Tarrow County", "Ontario")["Tarrow County"] == "n:tarrowc"
