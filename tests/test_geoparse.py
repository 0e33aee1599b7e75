"""Recognition rules of the geoparser, each on short sentences written for the test."""

from __future__ import annotations

import pytest

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.datelines import find_dateline
from test_geoparse_support import PLACES, place, tiny_gazetteer


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(tiny_gazetteer())


def spans(parser: Geoparser, text: str, *, kind: str | None = None) -> list[str]:
    return [t.text for t in parser.parse(text) if kind is None or t.kind == kind]


def places(parser: Geoparser, text: str) -> dict[str, str | None]:
    return {t.text: t.place.id if t.place else None for t in parser.parse(text)}


def test_names_are_found_with_word_boundaries_and_longest_match(parser):
    text = "Militias from Sadr City marched to Baghdad; Baghdadi officials stayed home."
    assert spans(parser, text) == ["Sadr City", "Baghdad"]


def test_lower_case_words_are_not_places(parser):
    assert spans(parser, "most people said the police would read the street signs") == []


def test_months_weekdays_and_organisations_are_not_places(parser):
    text = (
        "In March, the State Department warned the Islamic State. On Sunday Fatah said "
        "it would talk."
    )
    assert spans(parser, text) == []


def test_everyday_words_that_are_towns_need_a_cue(parser):
    assert spans(parser, "Police said on Monday. Most residents fled. Read more.") == []
    found = places(parser, "Floods hit the town of Most, Czech Republic, on Friday.")
    assert found == {"Most": "g:most", "Czech Republic": "g:cz"}
    assert spans(parser, "The floods reached homes near Most on Friday.") == ["Most"]
    # in a Title Case headline under page furniture, a comma after a word proves nothing
    page = "Menu\n\nBreaking News\n\nMost, Residents Flee Floods Along The Border\n\nText."
    assert spans(parser, page) == []


def test_persons_with_titles_given_names_and_patronymics(parser):
    text = (
        "Prime Minister Mustafa al-Kadhimi met cleric Moqtada al-Sadr in Baghdad. "
        "Later Sadr spoke to supporters in Sadr City."
    )
    found = places(parser, text)
    assert "Sadr" not in found and "al-Sadr" not in found
    assert found["Sadr City"] == "g:sadrcity"
    assert found["Baghdad"] == "g:baghdad"


def test_given_name_followed_by_surname_is_a_person(parser):
    assert spans(parser, "Jordan Peterson spoke in Kabul.") == ["Kabul"]
    assert spans(parser, "Troops left Jordan on Tuesday.") == ["Jordan"]


def test_unknown_first_name_makes_the_place_a_surname_for_the_whole_article(parser):
    text = "Mayor Marty Walsh visited Kabul. Walsh said the trip was useful."
    assert spans(parser, text) == ["Kabul"]


def test_demonyms_and_adjectives_are_country_mentions(parser):
    found = parser.parse("Iraqi forces and Iran-linked militias faced a U.S.-led coalition.")
    got = [(t.text, t.kind, t.place.id if t.place else None) for t in found]
    assert got == [("Iraqi", "demonym", "g:iq"), ("Iran", "demonym", "g:ir"),
                   ("U.S.", "demonym", "g:us")]  # fmt: skip


def test_plural_demonyms_are_people_not_places(parser):
    # "Iraqis" names people: no toponym, while the adjective still names the country
    assert spans(parser, "Five Iraqis were hurt, Iraqi police said.") == ["Iraqi"]


def test_demonyms_can_be_switched_off():
    parser = Geoparser(tiny_gazetteer(), demonyms=False)
    text = "Iraqi forces and Iran-linked militias met in Baghdad."
    assert spans(parser, text) == ["Baghdad"]


def test_place_participles_keep_the_place_kind(parser):
    found = parser.parse("A Kabul-based group said so.")
    assert [(t.text, t.kind) for t in found] == [("Kabul", "place")]


def test_abbreviations(parser):
    text = "Officials in the U.S., the UK and the UAE, and in Springfield, Calif., agreed."
    found = places(parser, text)
    assert found["U.S."] == "g:us" and found["UK"] == "g:gb" and found["UAE"] == "g:ae"
    assert found["Calif."] == "g:usca"
    assert places(parser, "Charleston, W.Va., is quiet.")["W.Va."] == "g:uswv"
    # a state's short form written without its period is one only after "Town, "
    assert places(parser, "Fires in Springfield, Calif are out.")["Calif"] == "g:usca"
    assert "Calif" not in places(parser, "Troops burned Naung Calif village on Monday.")
    assert spans(parser, "Let us go to them.") == []


def test_currency_codes_are_not_places(parser):
    assert spans(parser, "The fund raised US$5 million and A$2 million.") == []


def test_disease_names_are_not_places(parser):
    assert spans(parser, "Two cases of West Nile virus were found.") == []


def test_datelines():
    d = find_dateline("MOGADISHU, Somalia (Reuters) - Gunmen stormed a hotel.")
    assert (d.place, d.region, d.agency) == ("MOGADISHU", "Somalia", "Reuters")
    assert find_dateline("BAGHDAD — A drone hit a house.").place == "BAGHDAD"
    assert find_dateline("KABUL, Afghanistan — Rockets fell.").region == "Afghanistan"
    assert find_dateline("The minister said - again - nothing.") is None


def test_dateline_mentions_are_marked(parser):
    found = parser.parse("BAGHDAD — A drone hit a house near the Green Zone.")
    assert next((t.text, t.kind) for t in found) == ("BAGHDAD", "dateline")
    assert found[1].place.id == "curated:green-zone-baghdad"


def test_place_suffix_prefers_the_province(parser):
    found = places(parser, "Fighting spread across Anbar province and into Baghdad.")
    assert found == {"Anbar": "g:iq01", "Baghdad": "g:baghdad"}


def test_bad_input_gives_no_mentions_and_no_error(parser):
    assert parser.parse("") == []
    assert parser.parse("   \n\t ") == []
    assert parser.parse("!!! ... ??? — ,,, ;;;") == []
    assert spans(parser, "Взрыв в Багдаде. انفجار في بغداد. Blast in Baghdad.") == ["Baghdad"]


def test_five_megabytes_on_one_line(parser):
    chunk = "the crowd waited in the square for news of the talks, " * 16 + "Rockets hit Baghdad. "
    text = chunk * (5_000_000 // len(chunk) + 1)
    assert len(text) > 5_000_000 and "\n" not in text
    found = parser.parse(text)
    assert len(found) == text.count("Baghdad")
    assert all(text[t.start : t.end] == "Baghdad" for t in found)


def test_bare_names_by_the_words_around_them(parser):
    rec = parser.recognizer
    assert rec.recognize("Walsh said the plan worked.") == []
    assert rec.recognize("The plan worked, said Walsh.") == []
    assert rec.recognize("Walsh, 39, runs a farm.") == []
    # a country speaking is still the country
    assert [m.text for m in rec.recognize("Iraq said the plan worked.")] == ["Iraq"]


def test_small_towns_need_support(parser):
    # alone, a capitalised word that matches only a tiny place is dropped ...
    assert spans(parser, "We met Walsh at noon.") == []
    # ... but a place cue keeps it
    assert spans(parser, "The storm hit homes in Walsh on Monday.") == ["Walsh"]
    # "the X sub-district of Y", "the district of Y": Y is a town or a district of the story
    assert spans(parser, "Shells hit the Nura sub-district of Walsh on Monday.") == ["Walsh"]
    assert spans(parser, "Shells hit farms in the district of Walsh.") == ["Walsh"]
    # "the department of Y", "the governorate of Y": a first-level area however common its name
    assert spans(parser, "Rebels ambushed a patrol in the department of Walsh.") == ["Walsh"]
    assert spans(parser, "Rebels ambushed a patrol in the governorate of Walsh.") == ["Walsh"]


def test_dateline_with_a_place_word_and_a_state_abbreviation(parser):
    found = parser.parse("SPRINGFIELD CITY, Ill. (AP) — A tornado hit the town.")
    assert [(t.text, t.kind) for t in found][:2] == [
        ("SPRINGFIELD CITY", "dateline"), ("Ill.", "place")]  # fmt: skip
    assert found[0].place.country_code == "US" and found[1].place.id == "g:usil"


def test_a_datelines_state_abbreviation_keeps_its_own_offsets(parser):
    text = "SPRINGFIELD, Ill. (AP) — A tornado hit the town, officials in Ill. said."
    found = [(t.text, t.start) for t in parser.parse(text)]
    assert found[:2] == [("SPRINGFIELD", 0), ("Ill.", 13)]
    assert all(text[t.start : t.end] == t.text for t in parser.parse(text))


def test_a_country_after_an_unknown_capitalised_word_stays_a_place(parser):
    # "Environment Canada", "Team Alberta": an organisation named after the country
    assert spans(parser, "The warning came from Environment Iraq on Monday.") == ["Iraq"]
    # while a small place after an unknown capitalised word is a surname
    assert spans(parser, "The warning came from Marty Walsh on Monday.") == []


def test_small_place_names_inside_facility_names(parser):
    assert spans(parser, "The blast hit Most Gate and Walsh Street near Kabul.") == ["Kabul"]


def test_a_street_named_after_a_capital_is_no_mention_of_the_capital(parser):
    # "Wellington Street" in Ottawa, "Haifa Street" in Baghdad: a street lies in another town
    text = "Police pushed protesters off Baghdad Street in Kabul on Saturday."
    assert spans(parser, text) == ["Kabul"]
    assert spans(parser, "A car bomb exploded on Kabul Road.") == []
    assert spans(parser, "Crowds marched through Baghdad on Friday.") == ["Baghdad"]


def test_a_small_place_run_into_another_name_is_part_of_that_name(parser):
    # "the Gran Grif gang": a weak place name glued to an unknown capitalised word
    assert spans(parser, "Members of the Walsh Grif gang attacked Kabul.") == ["Kabul"]
    # place words, weekdays and a strong name keep the place
    assert spans(parser, "Deputies of the Walsh County sheriff arrived.") == ["Walsh"]
    assert spans(parser, "Shelling hit Baghdad Tuesday.") == ["Baghdad"]
    assert spans(parser, "Shelling hit Baghdad Police headquarters.") == ["Baghdad"]


def test_dotted_initials_match_either_spelling(parser):
    # The gazetteer keys "U.S. Embassy in Baghdad" as "u s embassy in baghdad"; the text's
    # "U.S." is one token keyed "us". Both spellings find the landmark as one mention.
    for text in (
        "Rockets landed near the U.S. Embassy in Baghdad.",
        "Rockets landed near the US Embassy in Baghdad.",
    ):
        found = parser.parse(text)
        assert [(t.text, t.place.id if t.place else None) for t in found] == [
            (text[24:-1], "curated:us-embassy-baghdad")
        ]


@pytest.fixture(scope="module")
def embedded(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Fighting resumed in Darfur on Monday.", "Darfur", "curated:darfur"),
        ("Shelling continued across the Donbas.", "Donbas", "curated:donbas"),
        ("Officials in Iraqi Kurdistan met.", "Iraqi Kurdistan", "curated:kurdistan-region-iraq"),
        ("Militants attacked a checkpoint in the Sinai.", "Sinai", "curated:sinai-peninsula"),
        ("Jets struck targets in the Golan Heights.", "Golan Heights", "curated:golan-heights"),
        ("Troops entered Nagorno-Karabakh.", "Nagorno-Karabakh", "curated:nagorno-karabakh"),
        ("Floods hit central Java.", "Java", "curated:java"),
        ("Fires burned across Sumatra.", "Sumatra", "curated:sumatra"),
        ("Haze from Borneo spread.", "Borneo", "curated:borneo"),
        ("A typhoon struck Luzon.", "Luzon", "curated:luzon"),
        ("Clashes in Mindanao killed five.", "Mindanao", "curated:mindanao"),
        ("Houthis attacked a ship in the Red Sea.", "Red Sea", "curated:red-sea"),
        ("A drone fell into the Black Sea.", "Black Sea", "curated:black-sea"),
        ("Migrants drowned in the Mediterranean.", "Mediterranean", "curated:mediterranean-sea"),
        ("Tankers crossed the Persian Gulf.", "Persian Gulf", "curated:persian-gulf"),
        ("Pirates seized a ship in the Gulf of Aden.", "Gulf of Aden", "curated:gulf-of-aden"),
        ("Ships sailed into the South China Sea.", "South China Sea", "curated:south-china-sea"),
        ("Rockets landed near the U.S. Embassy in Baghdad.", "U.S. Embassy in Baghdad",
         "curated:us-embassy-baghdad"),
        ("Tensions rose across the Middle East.", "Middle East", "curated:middle-east"),
        ("Drought spread through West Africa.", "West Africa", "curated:west-africa"),
        ("Jihadists expanded across the Sahel.", "Sahel", "curated:sahel"),
        ("A cyclone formed over the Bay of Bengal.", "Bay of Bengal", "curated:bay-of-bengal"),
        ("A cable was cut under the Baltic Sea.", "Baltic Sea", "curated:baltic-sea"),
        ("Warships patrolled the Taiwan Strait.", "Taiwan Strait", "curated:taiwan-strait"),
        ("The plane vanished over the Indian Ocean.", "Indian Ocean", "curated:indian-ocean"),
        ("Oil spilled across the Niger Delta.", "Niger Delta", "curated:niger-delta"),
        ("Avalanches struck the Alps.", "Alps", "curated:alps"),
        ("Flights were grounded at Heathrow on Friday.", "Heathrow", "curated:heathrow-airport"),
        ("Soldiers returned to Fort Hood in Texas.", "Fort Hood", "curated:fort-cavazos"),
    ],
)  # fmt: skip
def test_regions_islands_and_seas_of_the_news(embedded, text, name, place_id):
    found = {t.text: t.place.id if t.place else None for t in embedded.parse(text)}
    assert found.get(name) == place_id


@pytest.mark.slow
def test_a_sea_named_like_an_area_is_the_area_in_that_countrys_news(embedded):
    text = "The governor of Red Sea State in Sudan said Port Sudan was calm."
    found = {t.text: t.place for t in embedded.parse(text) if t.place}
    assert found["Red Sea State"].is_admin1 and found["Red Sea State"].country_code == "SD"


def test_the_arabic_article_may_be_written_el_or_al(parser):
    # the gazetteer knows "Al Anbar"; the copy writes "El-Anbar"
    assert places(parser, "Fighting raged in El-Anbar on Monday.") == {"El-Anbar": "g:iq01"}


def test_a_local_government_area_is_the_town_it_is_named_after(parser):
    # Nigeria's "X Local Government Area": the area word runs over three words
    konduga = place("g:konduga", "Konduga", 11.65, 13.42, "P", "PPL", "NG", "27", pop=3_000)
    gazetteer = Gazetteer.from_records(
        [*(PlaceRecord(place=p, names=n) for p, n in PLACES), PlaceRecord(konduga, ("Konduga",))]
    )
    text = "Gunmen attacked Konduga Local Government Area on Monday."
    assert [t.text for t in Geoparser(gazetteer).parse(text)] == ["Konduga"]


def test_a_weak_name_before_a_name_particle_is_part_of_a_longer_name(embedded):
    # "Village de Dieu" (a slum), "Villa d'Accueil" (a building): the gazetteer's
    # "Village" and "Villa" are no place of their own there
    text = "The boy came from Village de Dieu, near the Villa d'Accueil in Port-au-Prince."
    assert [t.text for t in embedded.parse(text)] == ["Port-au-Prince"]
    # a name the gazetteer holds whole keeps its particle
    found = embedded.parse("Protests spread to Villa del Rosario and Santiago de Cuba.")
    assert [t.text for t in found] == ["Villa del Rosario", "Santiago de Cuba"]
