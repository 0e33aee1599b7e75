"""Tolls told for a named place with no event word; coups told as a whole (issue 12, pass 3).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from test_incidents import KADUNA, KANO, NIGERIA, ZARIA, kinds
from test_incidents_news_rules import foreground

PLACES = {"Kano": KANO, "Kaduna": KADUNA, "Zaria": ZARIA, "Nigeria": NIGERIA}


def test_a_toll_a_rights_group_gives_for_another_town_is_an_event_there() -> None:
    text = (
        "Police fired tear gas at protesters in Kano on Monday. "
        "A rights group reported two dead in Kaduna and one in Zaria."
    )
    found = foreground(text, places=PLACES)
    assert {i.location for i in found} == {"Kano", "Kaduna", "Zaria"}
    assert all(i.event_type == "Protests" for i in found)


def test_people_who_died_in_another_town_are_an_event_of_the_story_kind_there() -> None:
    text = (
        "Police fired tear gas at protesters in Kano on Monday. "
        "Two people died in Kaduna, the rights group said."
    )
    found = foreground(text, places=PLACES)
    kaduna = [i for i in found if i.location == "Kaduna"]
    assert kinds(kaduna) == [("Protests", "Protest with intervention")]
    assert kaduna[0].fatalities == 2


def test_a_toll_with_no_place_of_its_own_starts_no_event() -> None:
    text = (
        "Police fired tear gas at protesters in Kano on Monday. "
        "A rights group reported two dead, and dozens hurt."
    )
    found = foreground(text, places=PLACES)
    assert [i.location for i in found] == ["Kano"]


def test_a_military_that_seizes_a_country_and_dissolves_its_government_takes_no_territory() -> None:
    coup = (
        "The military has seized control of Nigeria, dissolved its government and closed "
        "the borders, an officer said in Kano on Sunday."
    )
    assert ("Battles", "Government regains territory") not in kinds(foreground(coup, places=PLACES))
    taken = "Troops seized control of Kano on Sunday after two days of fighting with rebels."
    assert ("Battles", "Government regains territory") in kinds(foreground(taken, places=PLACES))
