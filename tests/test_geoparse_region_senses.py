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


def test_a_district_given_with_its_province_is_that_district_at_each_mention(parser):
    # Puncak is also a village in Java: "Puncak district, Central Papua" names the
    # regency (Kabupaten Puncak, known by its English name "Puncak"), and so does the
    # later "Puncak district"
    text = (
        "Rebels shot two builders in Puncak district, Central Papua, on Friday. "
        "Police flew more officers to Puncak district on Saturday."
    )
    got = _places(parser, text, "Puncak")
    assert got == [("ADM2", "ID", "PT"), ("ADM2", "ID", "PT")]


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
        # "the ACT" is the Australian Capital Territory; Ireland writes "Co" for "County"
        ("Grass fires burned in the ACT and Victoria.", "ACT", [("ADM1", "AU", "01")]),
        ("Storms cut power across Co. Cork on Sunday.", "Co. Cork", [("ADM2", "IE", "M")]),
        ("A ferry was held at Co Cork overnight.", "Co Cork", [("ADM2", "IE", "M")]),
        # English names of provinces at war that GeoNames spells otherwise ("Shabeellaha
        # Hoose") or lacks ("South Lebanon" had been a town of Pennsylvania)
        (
            "Militants raided a village in Lower Shabelle on Monday.",
            "Lower Shabelle",
            [("ADM1", "SO", "14")],
        ),
        (
            "Drones struck two cars in South Lebanon overnight.",
            "South Lebanon",
            [("ADM1", "LB", "06")],
        ),
        (
            "Police sealed roads across North Ossetia on Friday.",
            "North Ossetia",
            [("ADM1", "RU", "68")],
        ),
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
        # Northern Ireland's six counties are no division either since 1973; news copy
        # writes them, often as "Co"
        ("A lorry overturned near Bangor, County Down.", "County Down", [("RGN", "GB", "NIR")]),
        ("A lorry overturned near Bangor, County Down.", "Bangor", [("PPL", "GB", "NIR")]),
        ("Two sheds burned outside Omagh, Co Tyrone.", "Co Tyrone", [("RGN", "GB", "NIR")]),
        ("Floods cut roads across Co. Fermanagh.", "Co. Fermanagh", [("RGN", "GB", "NIR")]),
    ],
)
def test_a_county_of_england_the_gazetteer_lacks_holds_the_town_before_it(
    parser, text, name, expected
):
    assert _places(parser, text, name) == expected


@pytest.mark.parametrize(
    ("text", "name", "area"),
    [
        # the adjective of a constituent country or a state places the story there, as
        # its name would: Perth in Scotland, not the Australian city of two million
        ("Scottish police held two men in Perth and Dundee.", "Perth", ("GB", "SCT")),
        ("Bavarian officers searched flats in Augsburg.", "Augsburg", ("DE", "02")),
        ("Welsh ministers said the bridge at Newport would reopen.", "Newport", ("GB", "WLS")),
    ],
)
def test_an_areas_adjective_places_the_story_in_the_area(parser, text, name, area):
    assert [(cc, a1) for _, cc, a1 in _places(parser, text, name)] == [area]
    # the adjective lends its area; it is reported as no place of its own
    assert not [t for t in parser.parse(text) if t.kind == "demonym" and t.place is not None]


@pytest.mark.parametrize(
    "text",
    [
        # one mention of a state, or its adjective, leaves a world capital where it is
        "The Texas governor met officials in Paris on Monday.",
        "Texan officials met their hosts in Paris on Monday.",
        "Five Texans were hurt in a crash in Paris.",
    ],
)
def test_one_states_adjective_does_not_pull_a_capital_to_its_namesake(parser, text):
    assert _places(parser, text, "Paris") == [("PPLC", "FR", "11")]


def test_one_provinces_possessive_leaves_the_capital_abroad(parser):
    text = "Ontario's premier flew to London for talks."
    assert _places(parser, text, "London") == [("PPLC", "GB", "ENG")]


def test_an_areas_adjective_counts_for_nothing_when_demonyms_are_off(gazetteer):
    plain = Geoparser(gazetteer, demonyms=False)
    text = "Scottish police held two men in Perth and Dundee."
    assert "Scottish" not in [t.text for t in plain.parse(text)]


@pytest.mark.parametrize(
    "text", ["Her ACT scores rose by four points.", "Pupils in Ohio sat the ACT exam."]
)
def test_the_act_before_a_word_of_testing_is_the_exam(parser, text):
    assert "ACT" not in [t.text for t in parser.parse(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state university is "the University of <state>": the American state, larger
        # than the country of its name
        ("Scientists at the universities of Georgia and Glasgow shared the prize.", ("ADM1", "US")),
        ("A chemist at the University of Georgia led the work.", ("ADM1", "US")),
        # the country when the story is about it, or when the area is the smaller
        ("The universities of Tbilisi and Georgia signed a pact.", ("PCLI", "GE")),
        ("Georgia's parliament met in Tbilisi on Monday.", ("PCLI", "GE")),
    ],
)
def test_a_university_of_a_state_named_like_a_country_is_the_states(parser, text, expected):
    assert [(f, cc) for f, cc, _ in _places(parser, text, "Georgia")] == [expected]


def test_a_university_of_a_country_larger_than_its_namesake_area_is_the_countrys(parser):
    text = "The University of Luxembourg opened a new lab."
    assert [(f, cc) for f, cc, _ in _places(parser, text, "Luxembourg")] == [("PCLI", "LU")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # GeoNames writes Hamah, Fallujah and Misratah; news copy drops the final h of the
        # Arabic feminine ending, and a four-letter name so written is no code
        ("Shelling hit Hama on Monday.", "Hama", "SY"),
        ("Falluja was shelled on Monday.", "Falluja", "IQ"),
        ("Militias in Misrata mobilised on Friday.", "Misrata", "LY"),
    ],
)
def test_an_arabic_name_written_without_its_final_h_is_placed(parser, text, name, expected):
    assert [got[1] for got in _places(parser, text, name)] == [expected]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # GeoNames has the governorates only as Shabwah and Al Mahrah; Shabwa is also a
        # village of Myanmar
        ("Tribal fighters seized an oil field in Shabwa on Sunday.", "Shabwa"),
        ("Separatist forces took Shabwa and Abyan last year.", "Shabwa"),
        ("Flooding cut the coast road in Mahra, near the Omani border.", "Mahra"),
    ],
)
def test_an_arabic_governorate_written_without_its_final_h_is_the_governorate(parser, text, name):
    assert [got[:2] for got in _places(parser, text, name)] == [("ADM1", "YE")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # towns, camps and districts of recent wars that cities500 lacks, curated
        ("Drones hit a market in Minova on Friday.", "Minova", "CD"),
        ("Families walked from Zamzam to Tawila for three days.", "Tawila", "SD"),
        ("Aid trucks reached Zamzam on Sunday.", "Zamzam", "SD"),
        ("Gunmen burned houses in Cité Soleil overnight.", "Cité Soleil", "HT"),
        ("Sirens sounded near Nir Oz before dawn.", "Nir Oz", "IL"),
        ("Shelling was reported in Maungdaw on Monday.", "Maungdaw", "MM"),
        ("A drone struck a car in Khiam, the army said.", "Khiam", "LB"),
    ],
)
def test_a_curated_place_of_a_recent_war_is_placed(parser, text, name, expected):
    assert [got[1] for got in _places(parser, text, name)] == [expected]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a small town named by one word needs a cue; the verbs of war that take a place
        # as their object are one
        ("Rebels captured Minova after two days of fighting.", "Minova", "CD"),
        ("The navy shelled Maungdaw again on Tuesday.", "Maungdaw", "MM"),
        ("A militia took control of Tawila last year.", "Tawila", "SD"),
    ],
)
def test_a_town_after_a_verb_of_war_is_placed(parser, text, name, expected):
    assert [got[1] for got in _places(parser, text, name)] == [expected]


def test_a_short_such_name_before_a_surname_stays_a_person(parser):
    # "Rafa" is also Rafah written without its h, but a bare short name is not sure
    # enough to be read as a place before a surname
    assert _places(parser, "Rafa Nadal won in Madrid.", "Rafa") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # GeoNames writes "Tall Tamr" and "Tall Kalakh"; news copy writes Tel, Tell or Tal
        ("Clashes erupted in Tel Tamr on Monday.", "Tel Tamr"),
        ("Refugees crossed into Lebanon near Tell Kalakh overnight.", "Tell Kalakh"),
    ],
)
def test_a_town_opening_with_the_arabic_word_for_a_hill_is_found_in_any_spelling(
    parser, text, name
):
    assert [got[1] for got in _places(parser, text, name)] == ["SY"]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # wire copy's bare "Congo" is mostly the Democratic Republic, the gazetteer's the
        # Republic: both are read, and the story's towns choose
        ("Gunmen attacked a convoy near Goma in Congo on Monday.", "Congo", "CD"),
        ("Gunmen attacked a convoy near Goma in Congo on Monday.", "Goma", "CD"),
        ("Fighting in Congo killed 12 people.", "Congo", "CD"),
        ("Police in Pointe-Noire in Congo arrested 12 men.", "Pointe-Noire", "CG"),
        ("Protesters marched in Brazzaville, Congo, on Monday.", "Congo", "CG"),
    ],
)
def test_a_bare_congo_is_the_country_the_story_points_to(parser, text, name, expected):
    assert [got[1] for got in _places(parser, text, name)] == [expected]
