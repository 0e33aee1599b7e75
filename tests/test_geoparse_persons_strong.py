"""A country's or state's name used for a person, and names with a middle initial."""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.persons import find_persons
from incidentmap.geoparse.recognize import tokenize
from test_geoparse_support import tiny_gazetteer


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(tiny_gazetteer())


def test_a_name_credited_with_a_quotation_is_a_person_throughout(parser):
    text = (
        'Georgia began skating at four. "I am dedicated to it," said Georgia. '
        "Her coach says Georgia herself chose the club."
    )
    assert [t.text for t in parser.parse(text)] == []


def test_a_government_that_speaks_stays_a_place(parser):
    found = parser.parse("Georgia said on Monday it would not join. Tbilisi agreed.")
    assert [t.text for t in found] == ["Georgia", "Tbilisi"]
    assert found[0].place.id == "g:ge"


def test_a_middle_initial_keeps_the_name_going():
    text = "Charles W. Murphy, M.D., has been named director. Murphy trained in Iowa."
    spans, keys = tokenize(text)
    found = find_persons(text, spans, keys, Lexicon.default())
    assert next(text[s:e] for s, e, _ in found.blocked) == "Charles W. Murphy"
    assert "murphy" in found.surnames


def test_given_names_organisation_heads_and_virus_names_are_no_places():
    from incidentmap.gazetteer import Gazetteer, PlaceRecord
    from incidentmap.model import Place

    places = [
        Place("g:nelson", "Nelson", -41.27, 173.28, "P", "PPLA", "NZ", "E7", 50_000),
        Place("g:bureau", "Bureau County", 41.4, -89.5, "A", "ADM2", "US", "IL", 33_000),
        Place("g:reston", "Reston", 38.97, -77.34, "P", "PPL", "US", "VA", 58_000),
    ]
    names = {"g:bureau": ("Bureau County", "Bureau")}
    gaz = Gazetteer.from_records(
        PlaceRecord(place=p, names=names.get(p.id, (p.name,))) for p in places
    )
    parser = Geoparser(gaz)
    text = (
        "Nelson Mandela spoke at the clinic. The Bureau of Meteorology warned of rain. "
        "Pigs carried the Reston ebolavirus."
    )
    assert [t.text for t in parser.parse(text)] == []
    assert [t.text for t in parser.parse("Floods cut roads around Reston and Nelson.")] == [
        "Reston",
        "Nelson",
    ]


def test_a_short_acronym_in_capitals_is_no_town():
    from incidentmap.gazetteer import Gazetteer, PlaceRecord
    from incidentmap.model import Place

    uba = Place("g:uba", "Ubá", -21.12, -42.94, "P", "PPL", "BR", "15", 103_000)
    parser = Geoparser(Gazetteer.from_records([PlaceRecord(place=uba, names=("Ubá", "Uba"))]))
    text = "Students of the University of Buenos Aires, or UBA, marched. Floods hit Uba."
    assert [(t.text, t.place.id) for t in parser.parse(text)] == [("Uba", "g:uba")]


def test_south_asian_name_particles_keep_the_name_going():
    text = "Prime Minister Anwaar-ul-Haq Kakar said those responsible would pay."
    spans, keys = tokenize(text)
    found = find_persons(text, spans, keys, Lexicon.default())
    assert next(text[s:e] for s, e, _ in found.blocked) == "Anwaar-ul-Haq Kakar"


def test_a_hyphenated_title_introduces_a_name_with_a_particle():
    # "President-elect" is written with a hyphen; the name after it runs on through "de"
    text = "The vote went ahead. President-elect Ramos de Mora thanked his supporters."
    spans, keys = tokenize(text)
    found = find_persons(text, spans, keys, Lexicon.default())
    assert [text[s:e] for s, e, _ in found.blocked] == ["Ramos de Mora"]
    assert "de mora" in found.surnames


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "person"),
    [
        (
            "Labour Minister Pablo Mendoza met union leaders in Buenos Aires. "
            "Mendoza added that wages would rise.",
            "Mendoza",
        ),
        (
            "Finance minister Rosa Cordoba said inflation would ease. "
            "According to Cordoba, food prices fell in Lima.",
            "Cordoba",
        ),
    ],
)
def test_a_surname_that_names_a_province_is_the_person_later(embedded, text, person):
    # the minister's surname is an Argentine province: written bare later, it is the minister
    assert person not in {t.text for t in embedded.parse(text)}


@pytest.mark.slow
def test_a_province_named_like_a_person_of_the_story_stays_the_province_after_a_cue(embedded):
    text = "Governor Ana Mendoza toured the vineyards. Hail fell in Mendoza on Sunday."
    got = [(t.text, t.place and t.place.country_code) for t in embedded.parse(text)]
    assert got == [("Mendoza", "AR")]


def test_a_name_set_beside_a_persons_role_is_the_person(parser):
    # a role after the name, ending in a title written in lower case, says who it is
    text = "Georgia, the club's new striker, scored twice in the final."
    assert [t.text for t in parser.parse(text)] == []
    # a place set beside what it is stays a place
    assert [t.text for t in parser.parse("Kabul, the capital, was calm on Friday.")] == ["Kabul"]


@pytest.mark.slow
def test_a_province_named_minister_set_beside_the_role_is_the_person_throughout(embedded):
    text = (
        "Mendoza, the labour minister, said wages would rise in Rosario. "
        "Mendoza added that talks would go on. Hail fell in Mendoza province on Sunday."
    )
    assert [t.text for t in embedded.parse(text)] == ["Rosario", "Mendoza"]
