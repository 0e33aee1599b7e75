"""Rules of news copy added from the newest real-news tuning articles (issue 12, parts g-j).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from incidentmap.model import GeoPrecision, Place
from test_incidents import KANO, kinds
from test_incidents_news_rules import foreground


def test_a_cattle_market_is_a_scene_not_an_outbreak() -> None:
    text = (
        "Gunmen stormed a cattle market in Kano on Friday and opened fire, killing at least "
        "20 people, an official said."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Violence against civilians", "Attack")
    ]
    outbreak = (
        "An outbreak among cattle in Kano on Friday killed 20 herders' animals, an official said."
    )
    assert foreground(outbreak, places={"Kano": KANO}) == []


def test_fireworks_mortars_are_no_shelling() -> None:
    text = (
        "Youths clashed with police in Kano on Friday night. Fireworks mortars were fired "
        "in response to tear gas."
    )
    types = {t for t, _ in kinds(foreground(text, places={"Kano": KANO}))}
    assert "Explosions/Remote violence" not in types


def test_vigilante_groups_are_actors_not_mob_violence() -> None:
    text = (
        "The gang leader said on Friday the raid on Kano avenged his men, whom police and "
        "vigilante groups had targeted."
    )
    assert ("Riots", "Mob violence") not in kinds(foreground(text, places={"Kano": KANO}))


def test_an_event_told_in_the_wake_of_previous_ones_is_context() -> None:
    text = (
        "Soldiers clashed with gunmen in Kano on Monday. This event comes in the wake of previous "
        "disturbances, notably an attack on an army convoy on November 1."
    )
    assert len(foreground(text, places={"Kano": KANO})) == 1
    riot = "Rioters burned shops in Kano on Friday in the wake of previous clashes with police."
    assert kinds(foreground(riot, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_property_burned_is_an_event_with_no_one_hurt() -> None:
    text = "Settlers burned a truck in Kano on Friday, residents said."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Strategic developments", "Looting/property destruction")
    ]


def test_towns_recaptured_from_militants_name_territory() -> None:
    text = (
        "Officials in Kano signed a loan on Friday to fund reconstruction in towns recaptured "
        "from the militants."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_air_strikes_backing_a_ground_force_are_its_support() -> None:
    text = (
        "The rebels have been driven out of the hills near Kano by troops and militias, "
        "backed by air strikes."
    )
    types = {t for t, _ in kinds(foreground(text, places={"Kano": KANO}))}
    assert "Explosions/Remote violence" not in types


def test_weapons_a_group_has_been_using_are_a_tactic_not_an_event() -> None:
    text = (
        "Police defused a bomb on a highway near Kano on Monday. Militants have been using "
        "roadside bombs to target army convoys on roads in the region."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_confrontations_between_protesters_and_agents_are_a_riot() -> None:
    text = "Violent confrontations erupted between protesters and federal agents in Kano on Friday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_protesters_who_set_a_building_ablaze_are_rioting() -> None:
    text = "Youth protesters set parliament ablaze in Kano on Tuesday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_the_capital_is_the_one_the_story_names_most() -> None:
    kabul = Place("geonames:1138958", "Kabul", 34.52813, 69.17233, "P", "PPLC", "AF", "13")
    islamabad = Place("geonames:1176615", "Islamabad", 33.72148, 73.04329, "P", "PPLC", "PK")
    text = (
        "Protesters marched in Kabul on Tuesday. The crowd in Kabul accused Islamabad of "
        "aiding the assault. On Saturday, troops fired into the air to end a protest march "
        "in the capital."
    )
    places = {"Kabul": kabul, "Islamabad": islamabad}
    located = {i.event_date: i.location for i in foreground(text, places=places)}
    assert located["2021-11-06"] == "Kabul"


def test_the_arrest_a_protest_followed_is_its_occasion() -> None:
    text = (
        "Violence in Kano has been linked to a feud within the cartel, particularly following "
        "the arrests of two of its leaders on Friday."
    )
    assert ("Strategic developments", "Arrests") not in kinds(
        foreground(text, places={"Kano": KANO})
    )


def test_a_deadly_raid_keeps_its_type_when_rifles_are_seized() -> None:
    text = (
        "A large police raid in Kano resulted in the death of at least 40 people on Tuesday. "
        "Authorities confiscated 31 rifles and arrested 81 people."
    )
    (raid,) = foreground(text, places={"Kano": KANO})
    assert raid.fatalities == 40
    assert raid.event_type.value != "Strategic developments"


def test_killed_by_fire_from_security_forces_in_a_protest_story_is_excessive_force() -> None:
    text = (
        "Thousands of protesters marched in Kano on Monday. Two more were killed in the town "
        'of Zaria "by direct fire" from security forces, a rights group said.'
    )
    zaria = Place("geonames:2317765", "Zaria", 11.11128, 7.7227, "P", "PPLA2", "NG", "18")
    located = {
        i.location: i.sub_event_type
        for i in foreground(text, places={"Kano": KANO, "Zaria": zaria})
    }
    assert located["Zaria"] == "Excessive force against protesters"


def test_a_grenade_launcher_attack_on_a_post_is_no_hand_grenade() -> None:
    text = (
        "Rebels killed two soldiers in an attack on an army post in Kano on Saturday, which "
        "involved the use of a grenade launcher."
    )
    assert ("Explosions/Remote violence", "Grenade") not in kinds(
        foreground(text, places={"Kano": KANO})
    )


def test_a_town_named_with_an_area_that_does_not_hold_it_is_a_namesake() -> None:
    zaria = Place("geonames:2317765", "Zaria", 11.11128, 7.7227, "P", "PPLA2", "NG", "18")
    kano_state = Place("geonames:2335196", "Kano State", 11.75, 8.5, "A", "ADM1", "NG", "29")
    text = "Gunmen attacked a police post in the area of Zaria of Kano State on Saturday."
    (attack,) = foreground(text, places={"Zaria": zaria, "Kano State": kano_state})
    assert attack.location != "Zaria"
    assert attack.geo_precision is GeoPrecision.REGION
    held = "Gunmen attacked a police post in the village of Zaria in Kaduna State on Saturday."
    kaduna_state = Place("geonames:2335726", "Kaduna State", 10.33, 7.75, "A", "ADM1", "NG", "18")
    (attack,) = foreground(held, places={"Zaria": zaria, "Kaduna State": kaduna_state})
    assert attack.location == "Zaria"


def test_militants_who_detonated_a_car_bomb_attacked() -> None:
    text = "Militants detonated a car bomb at the army base in Kano on Monday."
    types = kinds(foreground(text, places={"Kano": KANO}))
    assert ("Strategic developments", "Disrupted weapons use") not in types
    assert types[0][0] == "Explosions/Remote violence"
    safe = "Police safely detonated a bomb found near the market in Kano on Monday."
    assert kinds(foreground(safe, places={"Kano": KANO})) == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_an_attack_a_group_claimed_is_an_event() -> None:
    text = (
        "In a separate incident, the militants also claimed responsibility for an attack in "
        "a district of Kano overnight."
    )
    assert len(foreground(text, places={"Kano": KANO})) == 1


def test_a_building_torched_is_property_destroyed() -> None:
    text = "A large commercial establishment was torched in Kano on Saturday, officials said."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Strategic developments", "Looting/property destruction")
    ]


def test_settlers_who_attack_a_village_are_a_mob() -> None:
    text = "Settlers attacked a village near Kano on Sunday, hurling stones at homes."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Mob violence")]


def test_firing_into_the_air_to_disperse_protesters_is_an_intervention() -> None:
    text = "Fighters fired into the air in Kano on Tuesday to disperse protesters."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Protests", "Protest with intervention")
    ]


def test_suicide_bombers_killed_before_they_struck_are_a_disrupted_attack() -> None:
    text = (
        "Soldiers on Wednesday killed three suspected female suicide bombers near a military "
        "outpost in Kano."
    )
    assert ("Strategic developments", "Disrupted weapons use") in kinds(
        foreground(text, places={"Kano": KANO})
    )
