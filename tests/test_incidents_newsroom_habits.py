"""Habits of news writing met in the real-news tuning parts e-h (issue 12).

Each sentence below is written for the test; it shows the habit, not an article.
"""

from __future__ import annotations

from test_incidents import KADUNA, KANO, run


def foreground(text: str, **kw: object) -> list:  # type: ignore[type-arg]
    return [i for i in run(text, **kw) if not i.background]  # type: ignore[arg-type]


def test_a_sentence_opening_with_its_town_places_the_protest_it_refers_to() -> None:
    # a round-up: each paragraph opens with the town it tells of, "the protesters" there
    text = (
        "Thousands of people marched against fuel prices in Kano on Saturday. "
        "In Kaduna, residents said soldiers fired live rounds to stop the protesters."
    )
    places = sorted(i.location for i in foreground(text, places={"Kano": KANO, "Kaduna": KADUNA}))
    assert places == ["Kaduna", "Kano"]


def test_a_relative_clause_that_left_people_dead_is_the_toll_of_the_event_named() -> None:
    text = (
        "Gangs attacked two neighbourhoods of Kano on Monday in a rampage that left at "
        "least a dozen people dead."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert (attack.sub_event_type, attack.fatalities) == ("Attack", 12)
