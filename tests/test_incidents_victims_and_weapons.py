"""Who was hit and with what, and events missed outright, in news copy (issue 12, round 9).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from incidentmap.model import Place
from test_incidents import KADUNA, KANO, ZARIA, kinds
from test_incidents_news_rules import foreground

ATTACK = ("Violence against civilians", "Attack")
CLASH = ("Battles", "Armed clash")


def test_a_person_told_by_age_and_shot_by_soldiers_is_a_civilian_attacked() -> None:
    for text in (
        "In Kano, a 16-year-old boy was shot by soldiers on Saturday.",
        "In Kano, a 58-year-old was shot by soldiers on Saturday.",
    ):
        assert kinds(foreground(text, places={"Kano": KANO})) == [ATTACK]


def test_gunmen_firing_on_the_population_is_an_attack() -> None:
    text = "Gang members opened fire on the population in Kano on Saturday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [ATTACK]


def test_militants_killed_were_hit_not_the_attackers() -> None:
    text = "Security sources said three militants were killed near Kano on Saturday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [CLASH]
    acting = "Militants killed three villagers near Kano on Saturday."
    assert kinds(foreground(acting, places={"Kano": KANO})) == [ATTACK]


def test_loyalists_of_a_leader_are_fighters() -> None:
    text = (
        "Forces loyal to the governor killed 20 loyalists of the former president in Kano "
        "on Saturday."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [CLASH]


def test_one_more_person_also_shot_is_a_victim_told() -> None:
    text = "A 60-year-old man was also shot during a military raid in Zaria on Saturday."
    assert kinds(foreground(text, places={"Zaria": ZARIA})) == [ATTACK]


def test_victims_of_attacks_across_a_region_are_a_tally_not_one_event() -> None:
    places = {"Kano": KANO, "Zaria": ZARIA}
    tally = (
        "One man was killed and four were injured on Saturday in raids by soldiers and "
        "armed settlers across the Northern Region, officials said."
    )
    assert foreground(tally, places=places) == []
    text = tally + " A 60-year-old man was also shot during a military raid in Zaria."
    found = foreground(text, places=places)
    assert [(i.location, i.sub_event_type) for i in found] == [("Zaria", "Attack")]
    one_town = "One man was killed on Saturday in raids by soldiers in Kano, officials said."
    assert len(foreground(one_town, places=places)) == 1


def test_an_attack_told_with_drones_launched_is_a_drone_strike() -> None:
    text = (
        "The air force said the enemy launched 27 drones at Kano in an overnight attack on "
        "Saturday, injuring two workers."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_a_count_over_the_central_region_is_a_place_of_its_own() -> None:
    places = {"Kano": KANO, "Kaduna": KADUNA}
    text = "Four drones were shot down over Kano and four more over central Kaduna on Saturday."
    found = foreground(text, places=places)
    assert sorted(i.location for i in found if i.location) == ["Kaduna", "Kano"]
    assert {i.sub_event_type for i in found} == {"Disrupted weapons use"}


KANO_STATE = Place("geonames:2335196", "Kano State", 11.75, 8.5, "A", "ADM1", "NG", "29")


def test_property_destroyed_in_a_town_of_its_own_is_an_event_of_its_own() -> None:
    places = {"Kano State": KANO_STATE, "Zaria": ZARIA}
    text = (
        "Gunmen attacked an army post in Kano State on Saturday, killing two soldiers. "
        "Gunmen also set fire to 11 shops in Zaria, officials said."
    )
    found = foreground(text, places=places)
    assert ("Zaria", "Looting/property destruction") in [
        (i.location, i.sub_event_type) for i in found
    ]


def test_a_civilian_killed_by_gunfire_was_shot_at_not_in_a_battle() -> None:
    text = "A 21-year-old man died of his wounds from gunfire in Kano on Saturday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [ATTACK]
    soldier = "A soldier died of his wounds from gunfire in Kano on Saturday."
    assert kinds(foreground(soldier, places={"Kano": KANO})) == [CLASH]
