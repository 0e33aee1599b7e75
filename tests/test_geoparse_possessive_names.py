"""Place names with a possessive inside ("King's Lynn"), end to end.

Sentences written for these tests; the embedded gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser


def placed(parser: Geoparser, text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (t.text, t.place and t.place.country_code, t.place and t.place.feature_code)
        for t in parser.parse(text)
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The People's Republic of China sent a medical team.",
            [("People's Republic of China", "CN", "PCLI")],
        ),
        (
            "The Democratic People's Republic of Korea fired two missiles.",
            [("Democratic People's Republic of Korea", "KP", "PCLI")],
        ),
        (
            "A man was arrested in King's Lynn on Monday.",
            [("King's Lynn", "GB", "PPL")],
        ),
        ("Floods closed roads across Hawke's Bay.", [("Hawke's Bay", "NZ", "ADM1")]),
        (
            "Cases were found in Queen Anne's County, Maryland.",
            [("Queen Anne's County", "US", "ADM2"), ("Maryland", "US", "ADM1")],
        ),
    ],
)
def test_a_name_that_holds_a_possessive_is_read_whole(embedded, text, expected):
    assert placed(embedded, text) == expected


@pytest.mark.slow
def test_a_possessive_after_a_one_word_name_is_still_the_possessive(embedded):
    # "Jordans" is an English village: "Jordan's king" is the king of Jordan
    assert placed(embedded, "Jordan's king met Iraq's president in Baghdad's Green Zone.") == [
        ("Jordan", "JO", "PCLI"),
        ("Iraq", "IQ", "PCLI"),
        ("Baghdad", "IQ", "PPLC"),
        ("Green Zone", "IQ", "ZN"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Britain's Johnson said he would fly to Warsaw next week.",
        "Talks between Britain's Johnson and Spain's Sanchez ended late in Brussels.",
    ],
)
def test_a_county_abroad_is_no_place_of_a_countrys_possessive(embedded, text):
    # GeoNames' Johnson County in Kansas holds half a million people, but "Britain's
    # Johnson" is a Briton, not a county of another country
    assert "Johnson" not in {t.text for t in embedded.parse(text) if t.place is not None}


@pytest.mark.slow
def test_a_person_after_a_states_possessive_lends_the_story_no_country(embedded):
    # every Andrews of the gazetteer is American; "Victoria's Andrews" is the state's
    # premier, and the story's Melbourne is Victoria's, not the town in Florida
    text = "On Tuesday, Victoria's Andrews lifted the curfew in Melbourne."
    got = [(t.text, t.place and t.place.country_code) for t in embedded.parse(text)]
    assert ("Melbourne", "AU") in got
    assert ("Andrews", None) in got or all(name != "Andrews" for name, _ in got)
