"""Second-level areas named without their kind word: Indonesian regencies, B.C.'s districts.

"Kabupaten Karo" is "Karo" in English copy, and British Columbia's "Peace River Regional
District" is "the Peace River". Sentences written for these tests; run on the embedded
gazetteer.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.model import Article


@pytest.fixture(scope="module")
def parser(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def _places(parser: Geoparser, text: str, name: str) -> list[tuple[str, str, str, str | None]]:
    return [
        (t.place.name, t.place.feature_code, t.place.country_code, t.place.admin1)
        for t in parser.parse(Article(text=text, id="t"))
        if t.text == name and t.place is not None
    ]


def test_a_regency_is_named_without_kabupaten(parser):
    text = "Ash from the volcano closed schools in the Karo district of North Sumatra."
    assert _places(parser, text, "Karo") == [("Kabupaten Karo", "ADM2", "ID", "26")]


def test_a_regency_named_alone_in_a_story_about_indonesia(parser):
    text = "Landslides killed four villagers in Pangandaran, Indonesian officials said."
    assert [p[1:3] for p in _places(parser, text, "Pangandaran")] == [("ADM2", "ID")]


def test_a_regional_district_is_named_without_its_kind_words(parser):
    text = (
        "The new dam will flood 5,000 hectares along the Peace River near Fort St. John, "
        "in northern British Columbia."
    )
    assert _places(parser, text, "Peace River") == [
        ("Peace River Regional District", "ADM2", "CA", "02")
    ]


def test_the_australian_central_coast_stays_in_a_story_about_australia(parser):
    text = "Storms cut power to 20,000 homes on the Central Coast of New South Wales."
    assert [p[1:] for p in _places(parser, text, "Central Coast")] == [("PPL", "AU", "02")]


def test_a_compass_part_is_no_bare_name_of_a_district(parser):
    # British Columbia's North Coast Regional District: "the North Coast" of many
    # countries is no district of British Columbia
    assert _places(parser, "Fires burned on the North Coast, officials said.", "North Coast") == []


def test_a_generic_word_is_no_bare_name_of_a_district(gazetteer):
    # the Capital Regional District (around Victoria) keeps its whole name
    assert all(p.name != "Capital Regional District" for p in gazetteer.lookup("Capital"))


def test_a_regency_of_conflict_news_is_the_regency_not_its_province(parser):
    text = "Separatist fighters killed three soldiers in Nduga, Papua, the army said on Sunday."
    assert [p[:3] for p in _places(parser, text, "Nduga")] == [("Kabupaten Nduga", "ADM2", "ID")]
