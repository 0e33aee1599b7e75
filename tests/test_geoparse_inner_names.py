"""Place names inside the names of clubs, brands, contests, hospitals and persons.

Sentences written for these tests; the embedded gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan


def names(parser: Geoparser, text: str) -> list[str]:
    return [t.text for t in parser.parse(text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The striker left Atletico Madrid for a club in Spain.", ["Spain"]),
        ("Barca beat Deportivo La Coruna to lead La Liga.", []),
        ("He was second in the Ballon d'Or voting again.", []),
        ("Virgin Atlantic pilots voted to strike over pay.", []),
        ("The chain runs 100 Kentucky Fried Chicken outlets.", []),
        ("The Miss World contest was held in a new venue.", []),
    ],
)
def test_clubs_leagues_awards_and_brands_are_not_places(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the sides of a result with its score are teams; the venue is a place
        ("Tottenham beat Chelsea 2-1 at Wembley on Sunday.", ["Wembley"]),
        ("Leeds lost 3-0 to Hull on a cold night.", []),
        ("Italy drew 1-1 with Spain in Kyiv.", ["Kyiv"]),
        ("Wales's 2-0 win over Chile came late.", []),
        # no score, or a range of a count: no result
        ("Police in Leeds beat back the crowd.", ["Leeds"]),
        ("Ukraine lost 5-10 tanks near Kharkiv.", ["Ukraine", "Kharkiv"]),
    ],
)
def test_the_sides_of_a_sports_result_are_teams(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a school or a hospital named for a person, a patron or a small town
        ("Pupils at Lafayette Elementary School were sent home early.", []),
        ("A nurse at the Royal Alexandra Hospital treated the boy.", []),
        ("Vans took pupils of Buffalo Science Magnet School home.", []),
        # a great city's name in it stays a place, as does a town before its district
        ("A nurse at the Vancouver General Hospital treated the boy.", ["Vancouver"]),
        ("Teachers of the Santa Ana Unified School District met.", ["Santa Ana"]),
        ("Doctors at Kennedy Hospital saw the boy.", ["Kennedy"]),
    ],
)
def test_a_town_named_inside_a_school_or_a_hospital_is_no_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Fran Lindsay is the vice-president of the union.",
        "In September, Kati Mather made an appeal.",
        "The rally was organised by Ezra Levant's website.",
        "The owner enlisted Patrick de Bayser, an expert.",
        "The minister, Ann-Christin Nykvist, spoke to reporters.",
        '"It is here now," Hassan el Bushra, a regional officer, said.',
    ],
)
def test_first_names_of_persons_are_not_places(embedded, text):
    assert names(embedded, text) == []


@pytest.mark.slow
def test_a_place_named_with_an_arabic_article_is_still_a_place(embedded):
    assert names(embedded, "Tourists flew to Sharm el-Sheikh on Monday.") == ["Sharm el-Sheikh"]


@pytest.mark.slow
def test_two_ambiguous_names_that_lie_side_by_side_place_each_other(embedded):
    text = "Pupils from a school in Edmonton planted flowers in a park near Enfield."
    spans = tuple(
        GivenSpan(text.index(n), text.index(n) + len(n), n) for n in ("Edmonton", "Enfield")
    )
    found = embedded.resolve_spans(Article(id="a", text=text, toponyms=spans))
    assert [(t.place.country_code, round(t.place.lat)) for t in found] == [("GB", 52), ("GB", 52)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Caribbean nation closed its ports.", []),
        ("The West African country held a vote.", []),
        ("Aid reached twelve African nations.", []),
        ("The Iraqi state collapsed.", ["Iraqi"]),
        ("Washington state passed a law.", ["Washington"]),
    ],
)
def test_a_region_that_classifies_a_country_is_no_mention_of_the_region(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hirak protesters marched through Algiers on Friday.", ["Algiers"]),
        ("Youths threw Molotov cocktails at police in Athens.", ["Athens"]),
    ],
)
def test_movements_and_old_city_names_in_everyday_words_are_not_places(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
def test_a_curated_short_name_is_a_candidate_not_a_code(embedded):
    """A two-letter alternate the curator wrote ("EU") is kept; GeoNames' short alternates
    are mostly codes and are skipped. So a given "EU" is the Union, not the Norman town Eu
    (whose name it matches only by case); running text still reads it as the organisation."""
    text = "Sweden is the ninth country in the EU to confirm the virus."
    start = text.index("EU")
    found = embedded.resolve_spans(
        Article(id="a", text=text, toponyms=(GivenSpan(start, start + 2, "EU"),))
    )
    assert found[0].place is not None
    assert found[0].place.id == "curated:european-union"
    assert names(embedded, text) == ["Sweden"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A mother of four named Salima lost her sons in Kabul.", ["Kabul"]),
        ("The boy, called Mzimba by his friends, fled to Mogadishu.", ["Mogadishu"]),
        ("Troops reached a village named Salima near the lake.", ["Salima"]),
    ],
)
def test_a_name_given_to_a_person_noun_is_the_persons(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a newspaper whose title word is "Daily"
        ("The Shanghai Daily said the river rose in Wuhan.", ["Wuhan"]),
        ("Two farms closed, the Beijing Daily said.", []),
        # a university named with a place, before its title word
        ("A chemist at Oregon State University studied the samples.", []),
        ("Researchers at Leeds University tested soil from Kenya.", ["Kenya"]),
        # an everyday word that heads a longer name ("University", a town of Mississippi)
        ("She taught at University of Leeds for years.", ["Leeds"]),
        # a company: the place name is followed by a legal form
        ("Lettuce packed by Dayton Greens LLC was recalled in Ohio.", ["Ohio"]),
        ("The Nigeria Television Corporation broke the news.", []),
        # a national body named "All India ..."
        ("The All India Council of Surgeons met in Delhi.", ["Delhi"]),
    ],
)
def test_papers_universities_companies_and_national_bodies_named_with_a_place(
    embedded, text, expected
):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a compound compass word is no place of its own (Zambia's North-Western province)
        ("Storms hit homes in North-Western Sydney overnight.", ["Sydney"]),
        ("Wells ran dry across South-Eastern Kenya.", ["Kenya"]),
        # a compass word opens a region's name the gazetteer lacks: "Coast" is no province
        ("Fires burned on the North Coast, officials said.", []),
    ],
)
def test_compass_words_open_names_and_are_no_places_alone(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
def test_a_given_name_inside_a_place_name_leaves_the_place_whole(embedded):
    """A given name that ends a place name ("San Jose Parkview") leaves the place whole."""
    text = "Pupils of the San Jose Parkview Academy were sent home."
    assert names(embedded, text) == ["San Jose"]


@pytest.mark.slow
def test_socorro_before_a_surname_is_a_given_name(embedded):
    text = "Socorro Delgado, a nurse, said the ward in Lima was full."
    assert names(embedded, text) == ["Lima"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an everyday word that is also a town is a place before an area word
        ("Flooding spread across the Fife area overnight.", ["Fife"]),
        # ... or listed after a place, but not as a numbered label
        ("Shops shut in Prague, Most and Brno on Monday.", ["Prague", "Most", "Brno"]),
        ("Officials in Leeds, Region 4 said the shops shut.", ["Leeds"]),
        # "community of", "township of": place cues like "village of"
        ("Floods cut off the township of Gundagai last week.", ["Gundagai"]),
    ],
)
def test_everyday_town_names_by_an_area_word_a_list_or_a_cue(embedded, text, expected):
    assert names(embedded, text) == expected
