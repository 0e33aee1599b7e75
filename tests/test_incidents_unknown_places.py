"""Events at places the gazetteer lacks, placed by the known place the text ties them to.

Real news (issue 12) tells many events at villages, wards and districts no gazetteer of
towns holds; a coder places them at the town or district the text names with them. Each
sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from incidentmap.geoparse.spelling import respelled_toponyms
from incidentmap.incidents.locate import choose_location
from incidentmap.model import GeoPrecision, Place, Toponym
from test_incidents import KADUNA, KANO, run
from test_incidents import NIGERIA as NIGERIA_COUNTRY
from test_incidents_news_rules import KADUNA_STATE

# Invented ids and round coordinates.
RUSSIA = Place("t:ru", "Russia", 60.0, 90.0, "A", "PCLI", "RU")
BELGOROD = Place("t:bel", "Belgorod", 50.6, 36.6, "P", "PPLA", "RU", "09", 340_000)
SHEBEKINO = Place("t:sheb", "Shebekino", 50.4, 36.9, "P", "PPL", "RU", "09", 40_000)
BORISOVKA = Place("t:bor", "Borisovka", 50.6, 36.0, "P", "PPL", "RU", "09", 13_000)
BORISOVKA_FAR = Place("t:bor2", "Borisovka", 45.0, 40.0, "P", "PPL", "RU", "38", 2_000)
VALUYKI = Place("t:val", "Valuyki", 50.2, 38.1, "P", "PPL", "RU", "09", 33_000)
# the same consonants as "Valuysky": a respelling would take it
VILYUYSK = Place("t:vil", "Vilyuysk", 63.8, 121.6, "P", "PPL", "RU", "63", 10_000)
# a village of another province, reached by an alternate name ("Korovino")
SOLNTSEVO = Place("t:sol", "Solntsevo", 51.4, 36.8, "P", "PPL", "RU", "41", 5_000)
# a village of the district's own province
ZHURAVLEVKA = Place("t:zh", "Zhuravlevka", 50.5, 36.9, "P", "PPL", "RU", "09", 500)


def places_in(country: str, *, initial: str = "", lengths: tuple[int, int] = (1, 200)) -> list:
    every = [BELGOROD, SHEBEKINO, BORISOVKA, BORISOVKA_FAR, VALUYKI, VILYUYSK]
    return [
        p
        for p in every
        if p.country_code == country
        and p.name.startswith(initial)
        and lengths[0] <= len(p.name) <= lengths[1]
    ]


def spelled(text: str) -> list[tuple[str, str]]:
    """The names of ``text`` placed as the district of a town, with the town."""
    at = text.index("Belgorod")
    known = [Toponym(at, at + 8, "Belgorod", "place", BELGOROD, 0.9)]
    got = respelled_toponyms(text, known, places_in, known=lambda key: key == "belgorod")
    return [(t.text, t.place.name) for t in got if t.place is not None]


# --- "the Shebekinsky district": a district named after its town ----------------------


def test_a_district_named_by_the_adjective_of_its_town_is_placed_at_the_town() -> None:
    text = (
        "Drones struck the Belgorod region on Monday. A car was hit in the Shebekinsky urban "
        "district, and the village of Gruzskoye in the Borisovsky district was shelled."
    )
    # of the two towns called Borisovka, the one in the province the story names
    assert spelled(text) == [("Shebekinsky", "Shebekino"), ("Borisovsky", "Borisovka")]


def test_a_district_s_adjective_names_its_town_before_a_respelling() -> None:
    text = "A drone hit the Belgorod region. A building in the Valuysky district was damaged."
    assert spelled(text) == [("Valuysky", "Valuyki")]


# --- the area named first holds the place named after it ------------------------------


def choose(text: str, trigger: str, *places: tuple[str, Place]) -> tuple[str, int] | None:
    tops = []
    for name, place in places:
        at = text.index(name)
        tops.append(Toponym(at, at + len(name), name, "place", place, 0.9))
    loc = choose_location(text, sorted(tops, key=lambda t: t.start), anchor=text.index(trigger))
    return None if loc is None else (loc.place.name, int(loc.precision))


def test_a_village_named_after_its_district_and_lying_outside_it_is_a_namesake() -> None:
    # "Korovino" reaches a village of another province: the village the text means is
    # one the gazetteer lacks, in the district named first
    text = "In the Shebekinsky urban district, near the village of Korovino, a car was attacked."
    got = choose(text, "attacked", ("Shebekinsky", SHEBEKINO), ("Korovino", SOLNTSEVO))
    assert got == ("Shebekino", int(GeoPrecision.NEAR))


def test_a_village_lying_in_the_district_named_first_is_the_scene() -> None:
    text = "In the Shebekinsky urban district, near the village of Zhuravlevka, a car was attacked."
    got = choose(text, "attacked", ("Shebekinsky", SHEBEKINO), ("Zhuravlevka", ZHURAVLEVKA))
    assert got == ("Zhuravlevka", int(GeoPrecision.NEAR))  # "near the village of"


CABO_DELGADO = Place("t:cd", "Cabo Delgado", -12.5, 39.0, "A", "ADM1", "MZ", "01")
MANDELA_GH = Place("t:mandela", "Mandela", 5.6, -0.3, "P", "PPL", "GH", "01", 2_000)
MACOMIA = Place("t:macomia", "Macomia", -12.2, 40.1, "P", "PPL", "MZ", "01", 8_000)


def test_a_village_held_by_a_province_past_an_unknown_district_is_a_namesake_abroad() -> None:
    # the district between is one the gazetteer lacks; the province holding it holds the
    # village too, and the village the gazetteer gives lies in another country
    text = "Insurgents attacked the village of Mandela in the Muidumbe district of Cabo Delgado."
    got = choose(text, "attacked", ("Mandela", MANDELA_GH), ("Cabo Delgado", CABO_DELGADO))
    assert got == ("Cabo Delgado", int(GeoPrecision.REGION))
    text = "Insurgents attacked the village of Macomia in the Muidumbe district of Cabo Delgado."
    got = choose(text, "attacked", ("Macomia", MACOMIA), ("Cabo Delgado", CABO_DELGADO))
    assert got == ("Macomia", int(GeoPrecision.EXACT))


def test_a_town_standing_for_its_district_is_near() -> None:
    # "in Kano district": somewhere in the district around the town, not the town itself
    text = "Gunmen attacked a school in Kano district on Monday."
    assert choose(text, "attacked", ("Kano", KANO)) == ("Kano", int(GeoPrecision.NEAR))


# --- "in X, south of Y": a place of its own, told by the town it lies by --------------


def test_an_unknown_place_told_by_the_town_it_lies_by_is_an_event_of_its_own() -> None:
    # a weak trigger after a violent event would join it as its casualties, unless the
    # sentence tells a place of its own
    text = (
        "Gunmen attacked a village in Kano on Friday, wounding two people. Settlers also razed "
        "trees and chased away farmers in Dutsen Bako, south of Kaduna."
    )
    found = [i for i in run(text, places={"Kano": KANO, "Kaduna": KADUNA}) if not i.background]
    assert [(i.sub_event_type, i.location, int(i.geo_precision)) for i in found] == [
        ("Attack", "Kano", 1),
        ("Looting/property destruction", "Kaduna", 2),
    ]


# --- "the village of X": a village of its own, not the town told before ----------------


def test_a_village_named_by_an_unknown_name_is_not_the_town_told_before() -> None:
    # "the village" alone refers back to Kano; "the village of Dutsen Bako" names one the
    # gazetteer lacks, in the state named with it
    text = (
        "Gunmen killed five people in Kano on Monday. On Friday, gunmen killed 19 villagers "
        "in the village of Dutsen Bako in Kaduna State."
    )
    places = {"Kano": KANO, "Kaduna State": KADUNA_STATE}
    found = [i for i in run(text, places=places) if not i.background]
    assert [i.location for i in found] == ["Kano", "Kaduna"]


# --- the words of local areas: "Marakwet sub-county", "Homna upazila" --------------------


def test_a_name_before_a_hyphenated_area_word_is_a_place(embedded) -> None:  # type: ignore[no-untyped-def]
    # a small town's name needs support to count; "sub-county" after it is such support,
    # as "district" is (Marakwet is an old name of Kapsowar)
    text = "Bandits killed four herders in Tot area, Marakwet sub-county, in Kenya on Sunday."
    found = {t.text: t.place for t in embedded.parse(text) if t.place is not None}
    assert "Marakwet" in found and found["Marakwet"].country_code == "KE"


def test_a_province_of_an_armed_group_is_no_place(embedded) -> None:  # type: ignore[no-untyped-def]
    # "West Africa Province" is the Islamic State's name for its branch, not an area of the
    # region: the clash is placed by the town the story names
    text = (
        "Troops bombed a camp in Kukawa, Borno State, on Wednesday after Islamic State's West "
        "Africa Province (ISWAP) fighters attacked a military base."
    )
    assert "West Africa" not in {t.text for t in embedded.parse(text) if t.place is not None}


# --- "the region of Northwest": a region's name written as one compass word ---------------


def test_a_compass_region_written_as_one_word_is_the_region(embedded) -> None:  # type: ignore[no-untyped-def]
    # the gazetteer writes Cameroon's region "North-West"; reporters often write it solid
    text = "Separatists ambushed two soldiers in Cameroon's English-speaking region of Northwest."
    found = {t.text: t.place for t in embedded.parse(text) if t.place is not None}
    assert found["Northwest"].is_admin1 and found["Northwest"].country_code == "CM"


def test_a_compass_region_s_event_is_placed_at_its_seat(embedded) -> None:  # type: ignore[no-untyped-def]
    from incidentmap.incidents import extract_incidents
    from incidentmap.model import Article

    text = (
        "Gunmen killed three villagers on Tuesday in Cameroon's restive region of Northwest, "
        "officials said."
    )
    article = Article(id="t", text=text)
    found = [i for i in extract_incidents(article, embedded.parse(article)) if not i.background]
    # ACLED codes an event known only to a region at the region's seat
    assert [i.location for i in found] == ["Bamenda"]


def test_a_compass_region_of_a_country_the_story_never_names_is_no_place(embedded) -> None:  # type: ignore[no-untyped-def]
    # Cameroon has a South-West region, but a story about Arizona means the US Southwest
    text = "Police arrested 20 protesters in Phoenix as marches spread across the Southwest region."
    assert not any(
        t.place is not None and t.place.country_code == "CM" for t in embedded.parse(text)
    )


def test_a_compass_word_alone_stays_a_direction(embedded) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "The convoy was ambushed northwest of Bamenda in Cameroon on Monday.",
        "Northwest Airlines cancelled flights to Detroit.",
        "Rebels moved Northwest towards the border with Nigeria.",
    ):
        assert not any(t.text.startswith(("Northwest", "northwest")) for t in embedded.parse(text))


# --- the lead tells the country, the next sentence the place -------------------------------

ZARIA_TOWN = Place("t:zaria", "Zaria", 11.1, 7.7, "P", "PPLA2", "NG", "23", 700_000)
LAGOS = Place("t:lagos", "Lagos", 6.45, 3.4, "P", "PPLA", "NG", "25", 9_000_000)


def test_the_sentence_after_a_country_level_lead_places_the_event() -> None:
    # the gazetteer lacks the village; the sentence after the lead names its state, and
    # the story's other town (Lagos, where the governor spoke) is not the scene
    text = (
        "Gunmen in Nigeria killed nine people on Tuesday, a community leader said. The "
        "gunmen struck the village of Osk late in the evening, in the surrounding Kaduna "
        "State, residents told reporters. In Lagos, the governor condemned the killings and "
        "Lagos traders closed their shops."
    )
    places = {"Nigeria": NIGERIA_COUNTRY, "Kaduna State": KADUNA_STATE, "Lagos": LAGOS}
    found = [i for i in run(text, places=places) if not i.background]
    # an event known to its state is coded at the state's seat
    assert [i.location for i in found] == ["Kaduna"]


def test_a_next_sentence_naming_several_places_does_not_place_the_event() -> None:
    # "two in A and one in B": a toll spread over places, no one scene of the event told
    text = (
        "Four protesters died during clashes in Nigeria on Monday. A hospital network "
        "reported two dead in Kaduna State and one in the city of Lagos."
    )
    places = {"Nigeria": NIGERIA_COUNTRY, "Kaduna State": KADUNA_STATE, "Lagos": LAGOS}
    found = [i for i in run(text, places=places) if not i.background]
    assert "Kaduna State" not in [i.location for i in found]


def test_where_a_witness_lives_does_not_place_the_event() -> None:
    text = (
        "Protesters clashed with police in Nigeria on Monday. A resident of a poor area of "
        "Zaria told reporters the crowd had been angry for weeks. In Lagos, the governor "
        "appealed for calm and Lagos traders closed their shops."
    )
    places = {"Nigeria": NIGERIA_COUNTRY, "Zaria": ZARIA_TOWN, "Lagos": LAGOS}
    found = [i for i in run(text, places=places) if not i.background]
    assert found and "Zaria" not in [i.location for i in found]


def test_a_toll_told_in_a_town_outside_the_incident_s_province_is_another_event() -> None:
    text = (
        "Gunmen killed nine villagers in Kaduna State, police said. Over the weekend, "
        "twenty people were killed in Lagos as gangs fought over a market."
    )
    places = {"Kaduna State": KADUNA_STATE, "Lagos": LAGOS}
    found = [i for i in run(text, places=places) if not i.background]
    # Lagos lies in another state: its dead are not the toll of the attack in Kaduna State
    assert sorted((i.location, i.fatalities) for i in found) == [("Kaduna", 9), ("Lagos", 20)]


# --- a settlement the gazetteer lacks is a place of its own ----------------------------


def test_a_settlement_the_gazetteer_lacks_is_named_as_a_scene() -> None:
    from incidentmap.incidents.settlements import unknown_scenes

    text = (
        "Gunmen raided the village of Tarnby and a school near the Oskel refugee camp; "
        "worshippers in the Vell mosque fled."
    )
    assert [t.text for t in unknown_scenes(text, [])] == ["Tarnby", "Oskel"]


#: A district near Kaduna (an invented second-level area).
KADUNA_NORTH = Place("t:kdn", "Kaduna North", 10.65, 7.50, "A", "ADM2", "NG", "23")


def drafts(text: str, *places: tuple[str, Place]) -> list[tuple[str | None, int]]:
    """The incidents the linking stage makes of ``text``: (place, mentions)."""
    from incidentmap.incidents.document import read_article
    from incidentmap.incidents.linking import link_mentions
    from incidentmap.model import Article

    tops: list[Toponym] = []
    for name, place in places:  # a longer name first: "Kaduna North" before "Kaduna"
        at = text.find(name)
        while at >= 0:
            if not any(t.start <= at < t.end for t in tops):
                tops.append(Toponym(at, at + len(name), name, "place", place, 0.9))
            at = text.find(name, at + 1)
    doc = read_article(Article("t", text), sorted(tops, key=lambda t: t.start))
    return [(d.location.place.name if d.location else None, d.mentions) for d in link_mentions(doc)]


def test_an_event_at_a_village_the_gazetteer_lacks_is_not_the_town_s_told_before() -> None:
    text = (
        "Gunmen shot dead a trader in Kaduna on Saturday. "
        "In the village of Tarnby in Kaduna North, gunmen shot dead a farmer."
    )
    got = drafts(text, ("Kaduna North", KADUNA_NORTH), ("Kaduna", KADUNA))
    assert got == [("Kaduna", 1), ("Kaduna North", 1)]


def test_an_event_at_a_town_is_not_the_one_told_at_a_village_the_gazetteer_lacks() -> None:
    text = (
        "Gunmen shot dead a farmer in the village of Tarnby in Kaduna North on Saturday. "
        "Gunmen shot dead a trader in Kaduna."
    )
    got = drafts(text, ("Kaduna North", KADUNA_NORTH), ("Kaduna", KADUNA))
    assert got == [("Kaduna North", 1), ("Kaduna", 1)]


def test_the_village_told_again_is_the_same_event() -> None:
    text = (
        "Gunmen attacked the village of Tarnby in Kaduna North on Saturday. "
        "The gunmen killed two farmers in Tarnby village."
    )
    assert drafts(text, ("Kaduna North", KADUNA_NORTH)) == [("Kaduna North", 2)]
