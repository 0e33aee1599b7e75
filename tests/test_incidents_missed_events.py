"""Events the extractor missed or mistyped in real-news tuning articles (issue 12, round 4).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from test_incidents import KANO, kinds
from test_incidents_news_rules import foreground


def test_a_suicide_vehicle_packed_with_explosives_is_a_suicide_bomb() -> None:
    text = (
        "Militants drove suicide trucks packed with explosives into an army base in Kano on "
        "Sunday, the army said."
    )
    assert ("Explosions/Remote violence", "Suicide bomb") in kinds(
        foreground(text, places={"Kano": KANO})
    )


def test_an_improvised_mine_under_an_army_vehicle_is_a_remote_explosive() -> None:
    text = "A police truck was blown up by an improvised mine near Kano on Tuesday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    ]


def test_cars_burned_beside_a_dropped_generic_word_are_still_told() -> None:
    """A generic word the clause filters drop ("shot the boy", no one counted) does not
    hide a trigger beside it that names the act and its object."""
    text = (
        "Rioters clashed with police in Kano on Tuesday. Police vans drove past cars that had "
        "been overturned and set ablaze near the market where an officer shot the boy."
    )
    found = kinds(foreground(text, places={"Kano": KANO}))
    assert found and all(k == ("Riots", "Violent demonstration") for k in found)
    mentions_only = (
        "Police vans drove past cars that had been overturned and set ablaze near the market "
        "in Kano where an officer shot the boy on Tuesday."
    )
    assert kinds(foreground(mentions_only, places={"Kano": KANO})) == [
        ("Strategic developments", "Looting/property destruction")
    ]


def test_fire_in_support_of_troops_fighting_is_part_of_the_clash() -> None:
    text = (
        "Soldiers fought rebels near Kano on Friday until dawn, when the army also fired "
        "artillery and mortars in support of the troops."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Battles", "Armed clash")]


def test_explosives_thrown_in_a_riot_or_clash_are_part_of_it() -> None:
    riot = (
        "Protesters stormed the governor's office in Kano on Friday, and one man was killed. "
        "The crowd had gathered in the morning. Officials said calm returned by evening. "
        "Shops stayed closed. Witnesses said one of the protesters threw a grenade at the "
        "police building."
    )
    assert kinds(foreground(riot, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]
    clash = (
        "Soldiers clashed with militants in Kano on Tuesday. The militants said they were "
        "shooting and throwing explosive devices at the soldiers."
    )
    assert kinds(foreground(clash, places={"Kano": KANO})) == [("Battles", "Armed clash")]
    car_bomb = (
        "Soldiers clashed with militants in Kano on Tuesday. A car bomb exploded at a "
        "checkpoint in Kano on Tuesday, killing two."
    )
    assert len(foreground(car_bomb, places={"Kano": KANO})) == 2
