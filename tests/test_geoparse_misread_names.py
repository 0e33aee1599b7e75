"""Names the geoparser read wrong: a village grown into a city, a short district name, a
province qualifier, an article respelt, a city among its smaller namesakes, a spelling abroad.

The sentences and places here are made up for the tests; the gazetteer is a small
in-memory one.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from test_geoparse_support import _p, given, placed

PLACES = [
    (_p("n:ng", "Nigeria", 9.0, 8.0, "A", "PCLI", "NG", pop=195_000_000), ("Nigeria",)),
    (_p("n:co", "Colombia", 4.0, -72.0, "A", "PCLI", "CO", pop=49_000_000), ("Colombia",)),
    (_p("n:pk", "Pakistan", 30.0, 70.0, "A", "PCLI", "PK", pop=212_000_000), ("Pakistan",)),
    (_p("n:ph", "Philippines", 12.0, 122.0, "A", "PCLI", "PH", pop=106_000_000), ("Philippines",)),
    (_p("n:ngbo", "Borno", 11.5, 13.0, "A", "ADM1", "NG", "02", 4_000_000), ("Borno",)),
    (_p("n:pkba", "Balochistan", 28.0, 65.0, "A", "ADM1", "PK", "02", 3_400_000), ("Balochistan",)),
    # a city whose many spellings include the name of a village abroad
    (_p("n:vello", "Vello", 3.4, -76.5, "P", "PPL", "CO", "29", 2_400_000), ("Vello", "Velli", "Santiago de Vello")),
    (_p("n:osk", "Osk", 11.2, 12.3, "P", "PPL", "NG", "02", 60_000), ("Osk",)),
    # a district whose short name is written without its kind word
    (_p("n:tek", "Tek District", 26.0, 62.8, "A", "ADM2", "PK", "02", 78_000), ("Tek District", "Tek")),
    (_p("n:teko", "Teko", 26.1, 62.9, "P", "PPL", "PK", "02", 5_000), ("Teko", "Tek")),
    # the provinces of the Philippines are second-level areas
    (_p("n:ph03", "Central Luzon", 15.5, 120.7, "A", "ADM1", "PH", "03", 11_000_000), ("Central Luzon",)),
    (_p("n:ph40", "Calabarzon", 14.1, 121.3, "A", "ADM1", "PH", "40", 14_000_000), ("Calabarzon",)),
    (_p("n:sanmarco", "San Marco", 15.6, 121.0, "A", "ADM2", "PH", "03", 1_600_000), ("San Marco",)),
    (_p("n:lunaprov", "Luna", 14.6, 121.3, "A", "ADM2", "PH", "40", 3_000_000), ("Luna",)),
    (_p("n:lunatown", "Luna", 15.7, 121.1, "P", "PPL", "PH", "03", 26_000), ("Luna",)),
    (_p("n:lunafar", "Luna", 12.9, 123.9, "P", "PPL", "PH", "05", 7_500), ("Luna",)),
    # a well-known name written with an Arabic article
    (_p("n:sy", "Syria", 35.0, 38.0, "A", "PCLI", "SY", pop=17_000_000), ("Syria",)),
    (_p("n:sy07", "Dayr Kasr", 35.0, 40.2, "A", "ADM1", "SY", "07", 450_000), ("Dayr Kasr", "Deir ez-Zorra")),
    (_p("n:deir", "Deir ez-Zorra", 35.3, 40.1, "P", "PPL", "SY", "07", 270_000), ("Deir ez-Zorra",)),
    # a provincial capital the gazetteer does not mark, and smaller towns of its name
    (_p("n:cn", "China", 35.0, 103.0, "A", "PCLI", "CN", pop=1_400_000_000), ("China",)),
    (_p("n:hainan", "Hainan", 19.2, 109.7, "A", "ADM1", "CN", "31", 9_000_000), ("Hainan",)),
    (_p("n:sanyu", "Sanyu", 18.3, 109.5, "P", "PPL", "CN", "31", 680_000), ("Sanyu",)),
    (_p("n:kaisha", "Kaisha", 28.2, 113.0, "P", "PPL", "CN", "11", 3_100_000), ("Kaisha",)),
    (_p("n:kaisha2", "Kaisha", 22.4, 112.7, "P", "PPL", "CN", "30", 690_000), ("Kaisha",)),
    # a small town abroad reached by a spelling of a name a story about elsewhere gives
    (_p("n:in", "India", 22.0, 79.0, "A", "PCLI", "IN", pop=1_300_000_000), ("India",)),
    (_p("n:gb", "United Kingdom", 54.0, -2.0, "A", "PCLI", "GB", pop=66_000_000), ("United Kingdom", "Britain")),
    (_p("n:kalm", "Kallom", 18.5, 76.0, "P", "PPL", "IN", "16", 25_000), ("Kallom", "Kalom")),
]  # fmt: skip


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in PLACES))


def test_a_village_is_no_city_reached_by_another_spelling(parser):
    text = "Gunmen raided Velli village near Osk in Borno, Nigeria, and Velli was left empty."
    got = given(parser, text, "Velli", "Osk", "Borno", "Nigeria")
    assert got["Velli"] != "n:vello"
    # the city's own name, or the name not called a village, still reaches it
    text = "The mayor of Vello in Colombia spoke on Monday."
    assert given(parser, text, "Vello", "Colombia")["Vello"] == "n:vello"
    text = "Flights to Velli in Colombia were cancelled on Monday."
    assert given(parser, text, "Velli", "Colombia")["Velli"] == "n:vello"


def test_a_district_written_without_its_kind_word_is_found(parser):
    text = "Two soldiers were killed by a bomb in Tek district of Balochistan, Pakistan."
    assert placed(parser, text)["Tek"] == "n:tek"


def test_a_town_qualified_by_a_second_level_province(parser):
    text = "Police killed two robbers in a clash in Luna, San Marco, on Monday, in the Philippines."
    got = given(parser, text, "Luna", "San Marco", "Philippines")
    assert got["Luna"] == "n:lunatown"
    assert got["San Marco"] == "n:sanmarco"
    # two provinces of a list stay areas
    text = "Floods hit the provinces of Luna and San Marco in the Philippines."
    assert given(parser, text, "Luna", "San Marco", "Philippines")["Luna"] == "n:lunaprov"


def test_an_arabic_article_in_any_form_finds_the_name(parser):
    for text in (
        "Shells fell on Deir e-Zorra in Syria on Monday.",
        "Shells fell on Deir ad-Zorra in Syria on Monday.",
        "Shells fell on Deir al-Zorra in Syria on Monday.",
    ):
        got = placed(parser, text)
        assert {"n:deir", "n:sy07"} & set(got.values()), text  # the city or its province


def test_a_city_of_millions_is_its_name_in_its_country(parser):
    text = "Flights from Sanyu, Hainan, to Kaisha in China resumed on Monday."
    assert given(parser, text, "Sanyu", "Hainan", "Kaisha", "China")["Kaisha"] == "n:kaisha"


def test_a_spelling_moves_no_story_across_a_border(parser):
    # the story is mostly about Pakistan, though China and Britain share its focus; India
    # is never named
    text = (
        "Pakistan said its troops reached the town of Kalom on Monday. Pakistan thanked "
        "China and Britain: China sent doctors and Britain tents."
    )
    assert placed(parser, text)["Kalom"] is None
    # in a story that names its country, the spelling finds the town
    text = "Troops reached the town of Kalom in India, and Britain sent aid to India."
    assert placed(parser, text)["Kalom"] == "n:kalm"
