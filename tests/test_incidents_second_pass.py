"""A second pass over the real-news tuning errors (issue 12, session 9, second round).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from test_incidents import KADUNA, KANO, ZARIA, kinds
from test_incidents_news_rules import foreground

PLACES = {"Kano": KANO, "Kaduna": KADUNA, "Zaria": ZARIA}


def test_posts_harassed_with_gunfire_are_an_armed_clash_in_each_town_told() -> None:
    text = (
        "Police stations in two northern towns were harassed overnight with rifle fire by "
        "gunmen on Sunday. The harassment took place in Kaduna and Zaria, witnesses said."
    )
    found = foreground(text, places=PLACES)
    assert set(kinds(found)) == {("Battles", "Armed clash")}
    assert sorted(i.location for i in found if i.location) == ["Kaduna", "Zaria"]


def test_harassment_of_people_is_no_armed_clash() -> None:
    for text in (
        "The harassment of journalists in Kano went on through the campaign.",
        "Reporters were harassed by police officers outside the station in Kano on Sunday.",
    ):
        assert ("Battles", "Armed clash") not in kinds(foreground(text, places=PLACES))


def test_an_arrest_at_a_place_of_its_own_is_no_part_of_the_rally() -> None:
    rally = "Riot police fired tear gas to break up an opposition rally in Kano on Sunday. "
    apart = rally + "Police also arrested six student activists at a workshop in Kano on Sunday."
    assert ("Strategic developments", "Arrests") in kinds(foreground(apart, places=PLACES))
    at_it = rally + "Police also arrested six student activists at the rally in Kano on Sunday."
    assert ("Strategic developments", "Arrests") not in kinds(foreground(at_it, places=PLACES))


def test_what_an_anniversary_marks_is_history() -> None:
    text = (
        "The governor spoke in Kano on Sunday, the 200th anniversary of the \u201cBattle of the "
        "Ridge,\u201d which was fought by cadet troops against rebels."
    )
    assert foreground(text, places=PLACES) == []
    on_it = "On the anniversary of the coup, soldiers fought rebels near Kano on Sunday."
    assert kinds(foreground(on_it, places=PLACES)) == [("Battles", "Armed clash")]
