"""The area a town lies in, written before it: "the Hale County town of X" (issue 14)."""

from __future__ import annotations

import pytest

from incidentmap.gazetteer import Gazetteer, PlaceRecord
from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan, Place


def _p(pid, name, lat, lon, fclass, code, cc, admin1=None, pop=0):
    return Place(pid, name, lat, lon, fclass, code, cc, admin1, pop)


PLACES = [
    _p("g:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000),
    _p("g:tx", "Texas", 31.25, -99.25, "A", "ADM1", "US", "TX", 29_000_000),
    _p("g:hale", "Hale County", 34.07, -101.83, "A", "ADM2", "US", "TX", 34_000),
    _p("g:ashby-tx", "Ashby", 34.2, -101.6, "P", "PPL", "US", "TX", 2_000),
    _p("g:ashby-gb", "Ashby", 52.75, -1.47, "P", "PPL", "GB", "ENG", 12_000),
    _p("g:gb", "United Kingdom", 54.8, -2.7, "A", "PCLI", "GB", pop=66_000_000),
    _p("g:london", "London", 51.51, -0.13, "P", "PPLC", "GB", "ENG", 8_900_000),
    _p("g:norvia", "Norvia", 41.0, 35.0, "A", "PCLI", "NV", pop=80_000_000),
    _p("g:sy", "Syria", 35.0, 38.0, "A", "PCLI", "SY", pop=17_000_000),
    _p("g:pa", "Pennsylvania", 40.9, -77.7, "A", "ADM1", "US", "PA", 12_800_000),
    _p("g:lebanon-pa", "Lebanon", 40.34, -76.41, "P", "PPL", "US", "PA", 26_000),
    _p("g:lb", "Lebanon", 33.9, 35.9, "A", "PCLI", "LB", pop=6_800_000),
    _p("g:ca", "Canada", 60.1, -113.6, "A", "PCLI", "CA", pop=37_000_000),
    _p("g:on", "Ontario", 49.25, -84.5, "A", "ADM1", "CA", "08", 13_000_000),
    _p("g:pe", "Peru", -10.0, -76.0, "A", "PCLI", "PE", pop=32_000_000),
    _p("g:vale-big", "Santa Vale", 18.47, -66.1, "P", "PPLC", "PR", "01", 400_000),
    _p("g:vale-pe", "Santa Vale", -7.3, -78.5, "P", "PPL", "PE", "06", 20_000),
    _p("g:osk-pe", "Ostrapampa", -7.2, -78.6, "P", "PPL", "PE", "06", 500),
    _p("g:birchmere-wi", "Birchmere", 45.5, -91.7, "P", "PPL", "US", "WI", 8_000),
    _p("g:wi", "Wisconsin", 44.5, -89.5, "A", "ADM1", "US", "WI", 5_800_000),
    _p("g:kw", "Kuwait", 29.5, 47.75, "A", "PCLI", "KW", pop=4_100_000),
    _p("g:kuwait-city", "Kuwait", 29.37, 47.98, "P", "PPLC", "KW", "02", 60_000),
]


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in PLACES))


def _given(parser: Geoparser, text: str, *names: str) -> dict[str, str | None]:
    spans = [GivenSpan(text.index(n), text.index(n) + len(n), n) for n in names]
    found = parser.resolve_spans(Article("a", text), spans)
    return {t.text: t.place.id if t.place else None for t in found}


def test_a_town_of_the_area_written_first_is_read_inside_it(parser):
    text = "Hail fell on the Hale County town of Ashby on Monday."
    assert _given(parser, text, "Hale County", "Ashby")["Ashby"] == "g:ashby-tx"
    (ashby,) = [t for t in parser.parse(text) if t.text == "Ashby"]
    assert ashby.place.id == "g:ashby-tx"
    assert any("a town of 'Hale County'" in r for r in ashby.reasons)


def test_a_town_named_like_a_country_is_placed_at_its_area(parser):
    # the gazetteer lacks the small town; the text says it is one, inside Hale County
    text = "Tickets are sold by the Hale County town of Norvia, whose mayor spoke."
    assert _given(parser, text, "Hale County", "Norvia")["Norvia"] == "g:hale"


def test_the_area_referring_back_to_the_town_just_named(parser):
    text = (
        "The fiddle festival returns to Norvia on Thursday. The event, held every year in "
        "the Hale County town near the old farm, ends on Sunday. Tickets are sold in Norvia."
    )
    found = _given(parser, text, "Norvia", "Hale County")
    assert found["Norvia"] == "g:hale"
    places = {t.start: t.place.id for t in parser.parse(text) if t.text == "Norvia"}
    assert set(places.values()) == {"g:hale"}, places  # every mention: one sense per name


def test_a_demonym_does_not_refer_back_to_the_last_place(parser):
    # "the Syrian city" may mean any town the story named; London stays in England
    text = "A rally in London showed solidarity with the people of the Syrian city."
    assert _given(parser, text, "London")["London"] == "g:london"


def test_a_country_read_as_a_country_without_the_area_cue(parser):
    text = "Exports from Norvia to Hale County rose last year."
    assert _given(parser, text, "Norvia", "Hale County")["Norvia"] == "g:norvia"


def test_a_name_called_a_town_is_that_town_where_written_bare(parser):
    text = (
        "A fire broke out in the city of Lebanon in Pennsylvania. "
        "Lebanon police said a man was hurt."
    )
    found = [t for t in parser.parse(text) if t.text == "Lebanon"]
    assert [t.place.id for t in found] == ["g:lebanon-pa", "g:lebanon-pa"]
    assert any("calls Lebanon a town" in r for r in found[1].reasons)


def test_a_town_of_the_country_itself_leaves_the_country_alone(parser):
    text = "Rain fell on Kuwait city on Monday. Kuwait said it would raise oil output."
    found = [t for t in parser.parse(text) if t.text == "Kuwait"]
    assert found[-1].place.id == "g:kw"


def test_the_city_of_a_town_comma_its_state_is_no_list(parser):
    # a singular kind word names one town, and the state after the comma holds it
    text = "The council of the city of Lebanon, Pennsylvania, met on Tuesday."
    found = {t.text: t for t in parser.parse(text)}
    assert found["Lebanon"].place.id == "g:lebanon-pa"
    assert found["Pennsylvania"].place.id == "g:pa"
    assert not any("precedes" in r for r in found["Pennsylvania"].reasons)


def test_a_town_given_with_a_state_of_another_country_is_placed_at_the_state(parser):
    # the gazetteer holds only the English Ashby; the text puts this one in Ontario
    for text in (
        "A truck was stopped in Ashby, Ontario, Canada on Tuesday.",
        "He will appear in an Ashby, Ontario court in May.",
    ):
        found = {t.text: t.place.id for t in parser.parse(text)}
        assert found["Ashby"] == "g:on", text


def test_a_list_going_on_after_the_state_is_no_container(parser):
    text = "Teams came from Ashby, Ontario, Texas and Pennsylvania."
    found = {t.text: t.place.id for t in parser.parse(text)}
    assert found["Ashby"] != "g:on"


def test_towns_of_one_list_lie_in_one_country(parser):
    # Ostrapampa has readings in Peru only, which the story names: its neighbour is there too
    text = "In Peru, mercury was spilled in the villages of Santa Vale, Ostrapampa and others."
    found = {t.text: t for t in parser.parse(text)}
    assert found["Santa Vale"].place.id == "g:vale-pe"
    assert any("listed with towns of PE" in r for r in found["Santa Vale"].reasons)
    alone = {t.text: t.place.id for t in parser.parse("Mercury was spilled in Santa Vale.")}
    assert alone["Santa Vale"] == "g:vale-big"


def test_villages_the_gazetteer_lacks_are_placed_at_their_container(parser):
    text = "Shells hit the farming villages of Oskwal and Tarnby in Hale County on Monday."
    found = {t.text: t for t in parser.parse(text)}
    assert found["Oskwal"].place.id == "g:hale"
    assert found["Tarnby"].place.id == "g:hale"
    assert found["Oskwal"].reasons[0] == "framed"


def test_no_village_without_a_recognised_container(parser):
    found = [t.text for t in parser.parse("Shells hit the villages of Oskwal and Tarnby.")]
    assert found == []
    # a name the gazetteer knows is left to the recognizer
    found = [t.text for t in parser.parse("Shells hit the village of Ashby in Hale County.")]
    assert found == ["Ashby", "Hale County"]


def test_a_town_in_a_county_of_a_state_holding_none_of_its_readings(parser):
    # the only Birchmere the gazetteer holds lies in Wisconsin, not in Texas
    text = "Dead birds were found in the Birchmere area of Hale County, officials said."
    found = {t.text: t.place.id for t in parser.parse(text)}
    assert found["Birchmere"] == "g:hale"
    given = _given(parser, text, "Birchmere", "Hale County")
    assert given["Birchmere"] == "g:hale"


def test_the_reading_of_the_area_that_holds_the_town_is_the_area_meant():
    # "Corvia" is a country and a state; the country reads best alone, but only the
    # state holds a town called Delphos, whose namesake abroad is a capital
    places = [
        _p("n:corvia", "Corvia", 42.0, 43.5, "A", "PCLI", "CV", pop=3_700_000),
        _p("n:corvia-us", "Corvia", 32.7, -83.5, "A", "ADM1", "US", "GA", 4_800_000),
        _p("n:delphos-us", "Delphos", 33.96, -83.38, "P", "PPL", "US", "GA", 120_000),
        _p("n:delphos-gr", "Delphos", 37.98, 23.72, "P", "PPLC", "GR", "35", 660_000),
    ]
    parser = Geoparser(
        Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in places)
    )
    text = "The storm cut power across the Corvia town of Delphos on Friday."
    assert _given(parser, text, "Corvia", "Delphos") == {
        "Corvia": "n:corvia-us",
        "Delphos": "n:delphos-us",
    }
