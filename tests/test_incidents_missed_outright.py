"""Events the extractor did not report at all in real-news tuning articles (issue 12, round 6).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from test_incidents import KADUNA, KANO, ZARIA, kinds
from test_incidents_news_rules import foreground


def test_an_encounter_with_armed_men_is_a_gunfight() -> None:
    for text in (
        "A militant commander died in an encounter with security forces near Kano on Sunday.",
        "Troops encountered a band of rebels near Kano on Sunday.",
        "Two suspected rebels were gunned down in a Kano encounter on Sunday.",
    ):
        assert kinds(foreground(text, places={"Kano": KANO})) == [("Battles", "Armed clash")]
    met = "The governor recalled his encounter with the emir in Kano on Sunday."
    assert foreground(met, places={"Kano": KANO}) == []


def test_a_quadcopter_attack_is_a_drone_strike() -> None:
    text = "Four policemen were hurt in a quadcopter attack on a checkpoint near Kano on Sunday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_a_drone_seen_slamming_into_a_building_is_a_drone_strike() -> None:
    text = "Video showed a drone slamming into a tower block in Kano on Sunday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_a_second_target_with_a_curly_possessive_is_still_an_item_of_the_list() -> None:
    text = (
        "Rioters stormed the army\u2019s barracks in Kano and the governor\u2019s residence in "
        "Kaduna on Tuesday."
    )
    found = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert sorted(i.location for i in found if i.location) == ["Kaduna", "Kano"]


def test_an_aggregate_that_names_its_towns_is_an_event_in_each() -> None:
    places = {"Kano": KANO, "Kaduna": KADUNA, "Zaria": ZARIA}
    text = "Protests broke out in 14 cities on Saturday, including Kano, Kaduna and Zaria."
    assert sorted(i.location for i in foreground(text, places=places) if i.location) == [
        "Kaduna",
        "Kano",
        "Zaria",
    ]
    unnamed = "Protests broke out in 14 cities on Saturday, including the capital."
    assert foreground(unnamed, places=places) == []


def test_a_toll_told_in_another_town_is_an_event_of_its_own() -> None:
    places = {"Kano": KANO, "Zaria": ZARIA}
    text = (
        "Soldiers opened fire on protesters in Kano on Friday, killing five. "
        "Two people were killed in the northern town of Zaria, a resident said."
    )
    found = foreground(text, places=places)
    assert sorted((i.location, i.fatalities) for i in found) == [("Kano", 5), ("Zaria", 2)]


def test_a_demonstration_named_as_such_is_one_when_it_celebrates() -> None:
    places = {"Kano": KANO}
    for text in (
        "Thousands staged demonstrations in Kano on Saturday in celebration of the verdict.",
        "Protesters celebrated in the streets of Kano on Saturday after the governor resigned.",
    ):
        assert kinds(foreground(text, places=places)) == [("Protests", "Peaceful protest")]
    crowds = "Crowds took to the streets of Kano on Saturday to celebrate the verdict."
    assert foreground(crowds, places=places) == []


def test_a_place_named_after_another_event_noun_is_that_events() -> None:
    places = {"Kano": KANO, "Kaduna": KADUNA, "Zaria": ZARIA}
    text = (
        "Crowds in several cities, among them Kano and Kaduna, held demonstrations on "
        "Saturday to hail the recapture of Zaria."
    )
    protests = [i for i in foreground(text, places=places) if i.event_type.value == "Protests"]
    assert sorted(i.location for i in protests if i.location) == ["Kaduna", "Kano"]
    # alone, the place after the other event noun is still the best the clause tells
    alone = "Demonstrations were held on Saturday to hail the recapture of Zaria."
    protests = [i for i in foreground(alone, places=places) if i.event_type.value == "Protests"]
    assert [i.location for i in protests] == ["Zaria"]


def test_strategic_developments_of_two_kinds_are_two_events() -> None:
    places = {"Kano": KANO}
    text = "Police arrested a retired colonel in Kano on Friday who led a failed coup attempt."
    assert sorted(i.sub_event_type for i in foreground(text, places=places)) == ["Arrests", "Other"]
    # arrests made where weapons are seized are part of the seizure
    seizure = "Police seized 20 rifles in Kano on Friday. Officers arrested five men there."
    assert [i.sub_event_type for i in foreground(seizure, places=places)] == [
        "Disrupted weapons use"
    ]
