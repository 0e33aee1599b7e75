"""Former provinces and regions the news still names, and a city called "X City" in area X.

Sentences written for these tests; all but the last run on the embedded gazetteer.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.namesakes import STATE_PEER_CHARS, city_over_area
from incidentmap.geoparse.scored import Scored, best_of
from incidentmap.model import Article, Place


@pytest.fixture(scope="module")
def parser(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def _ids(parser: Geoparser, text: str, name: str) -> list[str]:
    return [
        t.place.id
        for t in parser.parse(Article(text=text, id="t"))
        if t.text == name and t.place is not None
    ]


def _codes(parser: Geoparser, text: str, name: str) -> list[tuple[str, str]]:
    return [
        (t.place.feature_code, t.place.country_code)
        for t in parser.parse(Article(text=text, id="t"))
        if t.text == name and t.place is not None
    ]


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        # Kenya's provinces gave way to counties in 2013; the news still names them
        (
            "Cholera has spread through Nyanza Province in western Kenya, officials said.",
            "Nyanza Province",
            "curated:nyanza-province-kenya",
        ),
        (
            "Two clinics closed in Nyanza after the floods, Kenya's health ministry said.",
            "Nyanza",
            "curated:nyanza-province-kenya",
        ),
        # Norway merged Hedmark and Oppland into Innlandet in 2020
        (
            "Norway ordered farmers in Hedmark to keep their hens indoors on Monday.",
            "Hedmark",
            "curated:hedmark-norway",
        ),
        (
            "Snow closed roads in Vest-Agder and Aust-Agder, Norway's road agency said.",
            "Aust-Agder",
            "curated:aust-agder-norway",
        ),
        # the Congo split Katanga into four provinces in 2015
        (
            "Militiamen raided a copper mine in Katanga, in the south of Congo, on Tuesday.",
            "Katanga",
            "curated:katanga-drc",
        ),
        (
            "Measles killed nine children in Western Kasai, Congo's health minister said.",
            "Western Kasai",
            "curated:kasai-occidental-drc",
        ),
    ],
)
def test_a_former_province_is_the_area_it_was(parser, text, name, place_id):
    assert _ids(parser, text, name) == [place_id]


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        # states that broke up in 1991-93, still named in history and health copy
        (
            "Scientists in the Soviet Union kept samples of the virus until 1991.",
            "Soviet Union",
            "curated:soviet-union",
        ),
        (
            "Refugees fled the wars in the former Yugoslavia for Austria and Germany.",
            "Yugoslavia",
            "curated:yugoslavia",
        ),
        (
            "The factory was built in Czechoslovakia in 1965 and moved to Brno later.",
            "Czechoslovakia",
            "curated:czechoslovakia",
        ),
        # the parts of a country that the news names as areas of their own
        (
            "Heavy rain closed highways across Southern California on Sunday.",
            "Southern California",
            "curated:southern-california",
        ),
        (
            "Food banks in the American South report long queues this winter.",
            "American South",
            "curated:southern-united-states",
        ),
    ],
)
def test_a_former_state_or_a_named_part_of_a_country_is_that_area(parser, text, name, place_id):
    assert _ids(parser, text, name) == [place_id]


def test_a_named_part_of_a_state_does_not_swallow_the_towns_named_in_it(parser):
    text = (
        "Wildfires in Southern California forced 5,000 people from their homes in "
        "Ventura and Santa Barbara counties; the governor flew to Los Angeles."
    )
    assert _ids(parser, text, "Los Angeles") == ["geonames:5368361"]
    assert _ids(parser, text, "Southern California") == ["curated:southern-california"]


def test_the_us_before_south_korea_is_no_part_of_the_american_south(parser):
    text = "The U.S. South Korea alliance held firm as drills began near Seoul."
    names = [t.text for t in parser.parse(Article(text=text, id="t")) if t.place is not None]
    assert names[:2] == ["U.S.", "South Korea"]


def test_the_west_midlands_is_the_english_county_not_a_province_of_zimbabwe(parser):
    text = "Two more patients died in the West Midlands, England's health service said."
    assert _ids(parser, text, "West Midlands") == ["curated:west-midlands-england"]


def test_central_africa_is_the_region_not_the_central_african_republic(parser):
    text = "Locusts may reach Central Africa within weeks, the agency warned on Friday."
    assert _codes(parser, text, "Central Africa") == [("RGN", "")]


def test_a_bare_new_york_is_the_city(parser):
    text = "A man who had flown in from New York fell ill in Moscow, Russian officials said."
    assert _ids(parser, text, "New York") == ["geonames:5128581"]


def test_new_york_amid_other_states_or_marked_as_a_state_is_the_state(parser):
    by_state = "Ohio reported twelve cases and Texas three. New York reported 28 on Monday."
    assert _codes(parser, by_state, "New York") == [("ADM1", "US")]
    listed = "Cases were found in Ohio, New York and Oregon this week."
    assert _codes(parser, listed, "New York") == [("ADM1", "US")]
    qualifier = "The girl lived in Buffalo, New York, her school said."
    assert _codes(parser, qualifier, "New York") == [("ADM1", "US")]
    upstate = "Heavy snow closed schools across upstate New York on Monday."
    assert _codes(parser, upstate, "New York") == [("ADM1", "US")]


def _city_and_state(
    *, states: dict[str, list[tuple[int, str]]] | None = None, country: bool = False
) -> str:
    state = Place("t:state", "Osk", 42.0, -75.0, "A", "ADM1", "TM", "01", 9_000_000)
    city = Place("t:city", "Osk City", 40.7, -74.0, "P", "PPLA", "TM", "01", 4_000_000)
    ss = [Scored(state, 10.0, []), Scored(city, 9.0, [])]
    if country:  # a country of the same name, scored below both
        ss.append(Scored(Place("t:tm", "Osk", 41.0, -75.0, "A", "PCLI", "TM"), 1.0, []))
    city_over_area("osk", ss, at=500, states_named=states)
    best = best_of(ss)
    assert best is not None
    return best.place.id


def test_a_city_called_x_city_is_x_unless_another_state_is_named_near_it() -> None:
    assert _city_and_state(states=None) == "t:city"
    far = {"TM": [(500 + STATE_PEER_CHARS + 1, "tarn")]}
    assert _city_and_state(states=far) == "t:city"
    near = {"TM": [(400, "tarn"), (500, "osk")]}
    assert _city_and_state(states=near) == "t:state"


def test_a_name_that_is_also_a_country_is_no_bare_name_of_its_x_city() -> None:
    # "Panama", "Guatemala": the rule leaves the country's namesake province alone
    assert _city_and_state(country=True) == "t:state"


def test_the_us_embassy_of_a_story_about_another_country_is_not_the_one_in_baghdad(parser):
    # the curated embassy in Baghdad carries "US Embassy" as an alternate name
    text = (
        "Landslides cut off Swat, in north-west Pakistan, on Monday. A U.S. Embassy "
        "spokesperson in Islamabad said 300 people had been flown out by helicopter."
    )
    assert _ids(parser, text, "U.S. Embassy") == []
    iraq = "Rockets fell near the US Embassy on Sunday. Police in Iraq found the launchers."
    assert _ids(parser, iraq, "US Embassy") == ["curated:us-embassy-baghdad"]


def test_the_capital_named_like_a_state_it_lies_outside_is_the_state_in_a_passage() -> None:
    # the capital Osk lies in its own district, not in the state of Osk
    state = Place("t:state", "Osk", 47.5, -120.5, "A", "ADM1", "TM", "01", 7_000_000)
    capital = Place("t:capital", "Osk", 38.9, -77.0, "P", "PPLC", "TM", "02", 700_000)

    def best(states: dict[str, list[tuple[int, str]]] | None) -> str:
        ss = [Scored(state, 10.0, []), Scored(capital, 9.9, [])]
        city_over_area("osk", ss, at=500, states_named=states)
        found = best_of(ss)
        assert found is not None
        return found.place.id

    assert best(None) == "t:capital"  # "officials in Osk said": the capital
    # "cases in Osk, Tarn and Velm": a passage going state by state
    assert best({"TM": [(510, "tarn"), (520, "velm")]}) == "t:state"


def _place(parser: Geoparser, text: str, name: str) -> tuple[str, str]:
    (found,) = [t.place for t in parser.parse(Article(text=text, id="t")) if t.text == name]
    assert found is not None
    return found.name, found.country_code


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # Harare was Salisbury until 1982, Newark once Milford, Guangzhou "Canton" in English:
        # today's news means the towns that bear these names
        ("A burst main flooded two streets in Salisbury on Tuesday.", "Salisbury", "Salisbury"),
        ("Firefighters saved a warehouse in Milford overnight, police said.", "Milford", "Milford"),
        ("The mayor of Canton said the steel plant would close in March.", "Canton", "Canton"),
    ],
)
def test_a_big_citys_other_name_is_the_town_that_bears_it(parser, text, name, place):
    assert _place(parser, text, name)[0] == place


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # English names of great cities still in use keep the city, though a town elsewhere
        # bears the name as its own (a Calcutta in South Africa, a Bombay in New York)
        ("Floods cut power to much of Calcutta on Sunday.", "Calcutta", ("Kolkata", "IN")),
        ("Thousands marched through Bombay on Friday.", "Bombay", ("Mumbai", "IN")),
    ],
)
def test_an_english_name_still_in_use_is_the_great_city(parser, text, name, place):
    assert _place(parser, text, name) == place


def test_a_citys_other_name_in_a_story_about_its_country_is_the_city(parser):
    text = "Zimbabwe's first cabinet met in Salisbury in 1980, weeks after independence."
    assert _place(parser, text, "Salisbury") == ("Harare", "ZW")


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # a spelling of the city's own name in another tongue is the city's name
        ("Shelling was heard in Odessa overnight.", "Odessa", ("Odesa", "UA")),
        # a shortening of its name too, and a quarter of the city named like it
        ("Rain flooded subway stations in New York.", "New York", ("New York City", "US")),
        ("Officials in Washington said talks would resume.", "Washington", ("Washington", "US")),
    ],
)
def test_a_citys_own_name_spelt_otherwise_or_shortened_stays_the_city(parser, text, name, place):
    assert _place(parser, text, name) == place


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Hama", "geonames:170017"),  # GeoNames' Ḩamāh, as the governorate is named
        ("Raqqa", "geonames:172955"),  # GeoNames' Ar Raqqah
        ("Jenin", "geonames:283506"),  # GeoNames' Janīn (its governorate is "Jenin")
    ],
)
def test_a_city_spelt_otherwise_than_its_namesake_area_is_the_city(parser, name, place_id):
    # the news' spelling of a city named like its province or district: the bare name is
    # the city that holds a tenth of the area's people, as for "Basra" or "Aleppo"
    (top,) = [t for t in parser.parse(f"Gunmen attacked a checkpoint in {name} on Monday.")]
    assert top.place.id == place_id


def test_a_town_of_unknown_population_is_no_town_of_nobody(parser):
    # GeoNames gives Syria's Ra's al 'Ayn no population: it counts as a town of the
    # cities500 list, so the story's country outweighs a small namesake abroad (Morocco's)
    text = "Gunmen attacked a police post in Ras al-Ain near the Turkish border in Syria."
    (town,) = [t for t in parser.parse(text) if t.text == "Ras al-Ain"]
    assert town.place.id == "geonames:165509"
    # a district named with its word stays the district, though a town of unknown size
    # bears its name
    text = "Clashes broke out in the Phanom Dong Rak district of Thailand's Surin province."
    (district,) = [t for t in parser.parse(text) if t.text == "Phanom Dong Rak"]
    assert district.place.feature_code == "ADM2"
