"""Words around a name that news copy uses to say it is a place, or that it is none.

Sentences written for these tests; the embedded gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from test_geoparse_inner_names import names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "With the United States flu season nearly over, clinics in Ohio closed.",
            ["United States", "Ohio"],
        ),
        ("Doctors said the Canada flu season began early this year.", ["Canada"]),
        # a disease named for a place has no season of its own: still no place
        ("Cases of West Nile virus rose in Ohio.", ["Ohio"]),
        ("The Spanish flu killed millions; Ohio was spared.", ["Ohio"]),
        ("The Ebola outbreak reached Kampala.", ["Kampala"]),
    ],
)
def test_a_big_place_before_flu_season_is_the_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor of Ciocile said the birds were burned.", ["Ciocile"]),
        ("Residents of Dudescu fled the floods on Monday.", ["Dudescu"]),
        (
            "Shells fell on a suburb of Baghdad and the neighbourhood of Adhamiya.",
            ["Baghdad", "Adhamiya"],
        ),
        # no cue: a bare small-town name before "said" is a person's, as before
        ("A friend of Burton said the water was bad.", []),
        # an office's name is no cue of a place
        ("The New Zealand Department of Conservation says the birds were burned.", ["New Zealand"]),
    ],
)
def test_a_town_after_its_mayor_or_residents_is_a_place(embedded, text, expected):
    assert names(embedded, text) == expected


def _countries(parser, text: str) -> dict[str, str | None]:
    return {t.text: t.place and t.place.country_code for t in parser.parse(text)}


@pytest.mark.slow
def test_a_great_city_written_in_another_place_is_still_that_city(embedded):
    got = _countries(embedded, "He met the mayor of Paris in Berlin on Monday.")
    assert got == {"Paris": "FR", "Berlin": "DE"}
    got = _countries(embedded, "Families from Aleppo in Istanbul said they would stay.")
    assert got == {"Aleppo": "SY", "Istanbul": "TR"}
    # a village the text calls one is still placed at its container
    got = embedded.parse("Fighting was reported in the village of Banjska in Kosovo.")
    assert [(t.text, t.place and t.place.name) for t in got] == [
        ("Banjska", "Kosovo"),
        ("Kosovo", "Kosovo"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ciocile Mayor Ion Popa said the birds were burned.", ["Ciocile"]),
        ('"The pupils ate the bread," said Mabini Vice-Mayor Rosa Lim on Monday.', ["Mabini"]),
        ("The birds were burned, Ciocile Deputy Mayor Ion Popa said.", ["Ciocile"]),
        # a person named Mayor is no town's mayor
        ("Jane Mayor, a nurse, said the birds were burned.", []),
    ],
)
def test_a_small_town_before_its_mayor_is_a_place(embedded, text, expected):
    assert names(embedded, text) == expected


def _placed(parser, text: str) -> dict[str, tuple[str, str] | None]:
    return {t.text: t.place and (t.place.name, t.place.country_code) for t in parser.parse(text)}


@pytest.mark.slow
def test_a_part_of_a_city_after_its_possessive_lies_in_that_city(embedded):
    got = _placed(embedded, "The bombing near Kabul's Green Zone killed four.")
    assert got["Green Zone"] == ("Kabul", "AF")
    got = _placed(embedded, "Gunmen attacked a hotel in Nairobi's Eastleigh on Friday.")
    assert got["Eastleigh"] == ("Nairobi", "KE")
    got = _placed(embedded, "Toronto's Scarborough and Melbourne's Richmond were flooded.")
    assert got["Richmond"][1] == "AU"
    # the city's own landmark stays itself
    got = _placed(embedded, "Protesters gathered in Baghdad's Green Zone.")
    assert got["Green Zone"] == ("Green Zone", "IQ")
    # a country, a great city or a village after a city's possessive is no part of it
    got = _placed(embedded, "Washington's Kabul embassy closed; Beijing's Xinjiang policy held.")
    assert got["Kabul"] == ("Kabul", "AF")
    assert got["Xinjiang"][1] == "CN"
    got = _placed(embedded, "Moscow's Wagner fighters left Bakhmut.")
    assert "Wagner" not in got


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They drove from Ciocile to Dudescu on Monday.", ["Ciocile", "Dudescu"]),
        ("Fighters moved from Goma to Sake overnight.", ["Goma", "Sake"]),
        ("Protesters marched from Causeway Bay to Admiralty.", ["Causeway Bay", "Admiralty"]),
        # "to" alone is no cue: a small town's name after it is as often a person's
        ("He said to Dudescu that he would come.", []),
        ("He gave the money to Sake and left.", []),
    ],
)
def test_the_end_of_a_route_from_a_place_is_a_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hurricane Florence hit the coast; Typhoon Haiyan struck Tacloban.", ["Tacloban"]),
        ("Tropical Storm Harvey flooded Houston and Cyclone Idai hit Beira.", ["Houston", "Beira"]),
        # the town named Hurricane, and a city with a storm's name without the storm word
        ("Damage in Hurricane, Utah, was light.", ["Hurricane", "Utah"]),
        ("Rain hit Florence and Milan.", ["Florence", "Milan"]),
    ],
)
def test_a_name_after_a_storm_word_is_the_storm(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thousands fled to Dudescu after the floods.", ["Dudescu"]),
        ("Rebels advanced on Sake after taking Goma.", ["Sake", "Goma"]),
        ("The ship was bound for Ciocile when it sank.", ["Ciocile"]),
        # a bare small-town name with no such verb is still no place
        ("The case went to Dudescu and closed.", []),
    ],
)
def test_a_town_after_a_verb_of_going_there_is_a_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Floods hit the Kiboro slum in Nairobi.",
        "Floods hit the Kiboro slums in Nairobi on Monday.",
        "Floods hit Nairobi's Kiboro slum.",
    ],
)
def test_a_slum_the_gazetteer_lacks_lies_in_its_city(embedded, text):
    assert _placed(embedded, text)["Kiboro"] == ("Nairobi", "KE")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cholera was found in the nearby villages of Pakoti and Dudescu.", ["Dudescu"]),
        (
            "Cholera was found in the villages of Ciocile, Pakoti and Dudescu.",
            ["Ciocile", "Dudescu"],
        ),
        # no kind word before the list: a lone small town after an unknown name stays out
        ("Cholera was found near Pakoti and Dudescu.", []),
    ],
)
def test_each_name_of_a_list_of_villages_is_cued(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("Floods hit Kiboro, a slum in Nairobi, on Monday.", "Nairobi"),
        ("Floods hit Kiboro, a suburb of Nairobi, on Monday.", "Nairobi"),
        ("Gunmen raided Pakoti, a small village near Baidoa, on Friday.", "Baidoa"),
        ("Gunmen raided Pakoti, a village outside Baidoa, on Friday.", "Baidoa"),
    ],
)
def test_a_name_set_beside_its_kind_and_container_lies_there(embedded, text, where):
    got = _placed(embedded, text)
    assert got[next(k for k in got if k in ("Kiboro", "Pakoti"))][0] == where


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Ahmed, a village elder in Baidoa, said the well was dry.",
        "Jordan Peterson, a professor in Toronto, spoke on Monday.",
    ],
)
def test_a_person_set_beside_a_role_is_no_place(embedded, text):
    assert [n for n in names(embedded, text) if n not in ("Baidoa", "Toronto")] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ("Gunmen attacked the Mogadishu district of Hodan on Friday.", "Hodan", "Mogadishu"),
        ("Floods hit the Nairobi suburb of Kiboro on Monday.", "Kiboro", "Nairobi"),
        ("Floods hit the Nairobi slum of Kiboro on Monday.", "Kiboro", "Nairobi"),
    ],
)
def test_a_name_after_its_containers_kind_lies_there(embedded, text, name, where):
    assert _placed(embedded, text)[name][0] == where


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Suicide Bomber Strikes Market In Maiduguri, Police Say\n\n"
            "A bomber struck a market in Maiduguri on Monday.",
            ["Maiduguri", "Maiduguri"],
        ),
        (
            "President Barack Obama Meets Kenyan Leaders In Nairobi\n\n"
            "Obama met the leaders in Nairobi on Friday.",
            ["Kenyan", "Nairobi", "Nairobi"],
        ),
        # out of a headline an unknown word before a place name is still a first name
        ("Gunmen shot Xolani Walsh in Durban, police said.", ["Durban"]),
    ],
)
def test_a_headlines_capitals_make_no_person_of_its_places(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ahmed Mosul, a trader, said prices rose in Mosul.", ["Mosul"]),
        ("Gunmen shot Xolani Maiduguri; a bomb later went off in Maiduguri.", ["Maiduguri"]),
        # a surname seen earlier, with no place cue, is still the person
        ("Moqtada al-Sadr spoke. Sadr said the vote was fair.", []),
    ],
)
def test_a_big_city_after_a_place_cue_is_the_city_though_a_person_bears_its_name(
    embedded, text, expected
):
    assert names(embedded, text) == expected


def _codes(parser, text: str) -> dict[str, str | None]:
    return {t.text: t.place and t.place.feature_code for t in parser.parse(text)}


@pytest.mark.slow
def test_a_plural_area_word_after_a_list_makes_each_name_an_area(embedded):
    got = _codes(embedded, "The army shelled villages in Sagaing and Magway regions.")
    assert got == {"Sagaing": "ADM1", "Magway": "ADM1"}
    got = _codes(embedded, "Russian forces shelled Zaporizhzhia, Kherson and Mykolaiv oblasts.")
    assert [got[k] for k in ("Zaporizhzhia", "Kherson", "Mykolaiv")] == ["ADM1"] * 3
    # the cities when no kind word follows the list
    got = _codes(embedded, "Kabul, Kandahar and Herat were calm on Friday.")
    assert got["Herat"] != "ADM1"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Lice were found near Franklin and Kennedy Elementary Schools in Ohio.", ["Ohio"]),
        ("Lice were found at Franklin Elementary School in Ohio.", ["Ohio"]),
        # the towns themselves, and an area's name in a hospital's
        ("Floods hit Franklin and Kennedy in Ohio.", ["Franklin", "Kennedy", "Ohio"]),
        ("The Adair County Regional Hospital in Kentucky closed.", ["Adair County", "Kentucky"]),
    ],
)
def test_names_of_schools_are_no_places(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A bomb hit a bus on the Kabul Highway near Jalalabad.", ["Jalalabad"]),
        ("He lived on Kensington Drive and Camden Lane in Leeds.", ["Leeds"]),
    ],
)
def test_a_town_before_a_road_word_names_the_road(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "where"),
    [
        ("The children were from Pakoti, a farming town in eastern Turkey.", "Pakoti", "Turkey"),
        ("Gunmen raided Pakoti, a village in northern Burkina Faso.", "Pakoti", "Burkina Faso"),
    ],
)
def test_a_name_set_beside_a_described_kind_lies_in_its_container(embedded, text, name, where):
    assert _placed(embedded, text)[name][0] == where


@pytest.mark.slow
def test_a_person_set_beside_a_described_role_is_still_no_place(embedded):
    assert names(embedded, "Ahmed, a local trader in Baidoa, said prices rose.") == ["Baidoa"]


@pytest.mark.slow
def test_a_short_headline_makes_no_person_of_its_place(embedded):
    text = "Troops Retake Palmyra\n\nSyrian troops retook Palmyra on Sunday."
    assert names(embedded, text) == ["Palmyra", "Syrian", "Palmyra"]
    # a byline is no headline: its name is a person's, there and below it
    text = "By Xolani Walsh\n\nRain fell in Durban; Walsh said it was cold."
    assert names(embedded, text) == ["Durban"]


@pytest.mark.slow
def test_a_plural_area_word_reaches_a_name_after_a_place_cue(embedded):
    got = _codes(embedded, "Officials in Kabul and Herat provinces said the roads were closed.")
    assert got == {"Kabul": "ADM1", "Herat": "ADM1"}


@pytest.mark.slow
def test_villages_listed_before_a_described_container_lie_in_it(embedded):
    text = "The villages of Kfar Kila and Odaisseh in southern Lebanon were shelled."
    assert _placed(embedded, text)["Odaisseh"] == ("Lebanon", "LB")


@pytest.mark.slow
def test_a_village_lies_in_the_area_its_countrys_possessive_introduces(embedded):
    text = "Gunmen raided Pakoti, a village in Nigeria's Kaduna state, on Friday."
    assert _placed(embedded, text)["Pakoti"] == ("Kaduna", "NG")
    text = "Gunmen abducted pupils in the town of Pakoti in north-west Nigeria's Kaduna state."
    assert _placed(embedded, text)["Pakoti"] == ("Kaduna", "NG")


@pytest.mark.slow
def test_a_name_at_a_place_given_with_its_district_lies_there(embedded):
    text = "The attack took place at Pakoti, Jilib district, Middle Juba region."
    assert _placed(embedded, text)["Pakoti"] == ("Jilib", "SO")


@pytest.mark.slow
def test_a_small_town_after_nearby_is_a_place(embedded):
    assert names(embedded, "Shells landed around Dudescu and nearby Ciocile.") == [
        "Dudescu",
        "Ciocile",
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Airstrikes hit Gaza overnight.", "PS"),
        ("The Houthis said they acted in support of Palestinians in Gaza.", "PS"),
        # the province, where the story is Mozambique's or the text says so
        ("Floods in Mozambique hit Gaza and Inhambane provinces.", "MZ"),
        ("Floods hit Gaza province in southern Mozambique.", "MZ"),
    ],
)
def test_a_big_city_outweighs_a_smaller_province_of_its_name_abroad(embedded, text, country):
    assert _countries(embedded, text)["Gaza"] == country


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # Alexandria is Iskandariya too; "south of Baghdad" says which
        ("A car bomb exploded in Iskandariya, south of Baghdad, killing six.", "Iskandariya",
         "IQ"),
        ("A car bomb exploded in Mahmudiya, about 30 km south of Baghdad.", "Mahmudiya", "IQ"),
    ],
)  # fmt: skip
def test_a_town_written_with_its_bearing_from_another_lies_near_it(
    embedded, text: str, name: str, country: str
) -> None:
    (town,) = [t for t in embedded.parse(text) if t.text == name]
    assert town.place.country_code == country and "near 'Baghdad'" in town.reasons


def test_a_short_name_is_the_main_name_without_its_article(embedded) -> None:
    # GeoNames' "Al-Kut": "Kut" is its name, not a code-like short alternate; the Iraqi
    # city of 300,000, not a Ukrainian hamlet
    text = "Rockets hit Kut, the capital of Wasit province, on Sunday."
    (kut,) = [t for t in embedded.parse(text) if t.text == "Kut"]
    assert (kut.place.name, kut.place.country_code) == ("Al-Kut", "IQ")
