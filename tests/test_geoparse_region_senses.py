"""A region's name and its namesake town in one story, and names the gazetteer lacks.

Sentences written for these tests; they run on the embedded gazetteer.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.incidents.fallback import seat_of
from incidentmap.model import Article, Place


@pytest.fixture(scope="module")
def parser(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def _places(parser: Geoparser, text: str, name: str) -> list[tuple[str, str, str | None]]:
    return [
        (t.place.feature_code, t.place.country_code, t.place.admin1)
        for t in parser.parse(Article(text=text, id="t"))
        if t.text == name and t.place is not None
    ]


def test_a_name_the_container_shows_the_gazetteer_lacks_is_lacking_at_each_mention(parser):
    # the only Puncak of the gazetteer is a village in Java: "Puncak district, Central
    # Papua" names a district it lacks, and so does the later "Puncak district"
    text = (
        "Rebels shot two builders in Puncak district, Central Papua, on Friday. "
        "Police flew more officers to Puncak district on Saturday."
    )
    got = _places(parser, text, "Puncak")
    assert got == [("ADM1", "ID", "PT"), ("ADM1", "ID", "PT")]


def test_a_region_named_with_its_kind_word_is_no_evidence_for_its_namesake_town(parser):
    # "Sagaing Region" and a bare "Sagaing's ... township" both name the region
    text = (
        "Fighting raged in Sagaing Region on Monday. In Sagaing's Ayadaw township, "
        "troops burned homes near Shwebo."
    )
    assert _places(parser, text, "Sagaing") == [("ADM1", "MM", "10")]


def test_a_province_has_its_capital_for_seat_where_geonames_marks_another_town() -> None:
    # GeoNames marks Sagaing town the seat of Sagaing Region, governed from Monywa; the
    # largest town of Amhara is Gonder, its capital Bahir Dar
    sagaing = Place("t:sagaing", "Sagaing", 22.5, 95.0, "A", "ADM1", "MM", "10")
    amhara = Place("t:amhara", "Amhara", 11.5, 38.0, "A", "ADM1", "ET", "46")
    for area, name in ((sagaing, "Monywa"), (amhara, "Bahir Dar")):
        found = seat_of(area)
        assert found is not None and found.place.name == name


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # the province is "Newfoundland and Labrador": news copy writes its first half
        (
            "Snow closed schools in Corner Brook, Newfoundland, on Tuesday.",
            "Newfoundland",
            [("ADM1", "CA", "05")],
        ),
        # so a town written with it lies there, not in Antigua
        (
            "A warehouse burned down in St. John's, Newfoundland, overnight.",
            "St. John's",
            [("PPL", "CA", "05")],
        ),
        # "Korea" alone is South Korea, not a district of India that GeoNames spells so
        ("Korea's exports fell for a third month.", "Korea", [("PCLI", "KR", None)]),
    ],
)
def test_a_short_name_of_a_country_or_province_names_it(parser, text, name, expected):
    assert _places(parser, text, name) == expected


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # Berkshire is no GeoNames division (its towns are unitary authorities), and the
        # gazetteer's only other Berkshire is a county of Massachusetts: a story that
        # names American states still puts "Reading, Berkshire" in England
        (
            "The Ohio insurer said its branch in Reading, Berkshire, would shut, "
            "and staff in Pennsylvania would take its calls.",
            "Reading",
            [("PPL", "GB", "ENG")],
        ),
        (
            "Two men were held after a fight in Bootle, Merseyside.",
            "Merseyside",
            [("RGN", "GB", "ENG")],
        ),
    ],
)
def test_a_county_of_england_the_gazetteer_lacks_holds_the_town_before_it(
    parser, text, name, expected
):
    assert _places(parser, text, name) == expected
