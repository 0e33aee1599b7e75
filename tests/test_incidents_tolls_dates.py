"""Tolls and dates of matched incidents, coded as ACLED codes them (issue 12, round 3).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

from incidentmap.incidents.casualties import find_casualties
from test_incidents import KANO, ZARIA, run


def foreground(text: str, **kw: object) -> list:  # type: ignore[type-arg]
    return [i for i in run(text, **kw) if not i.background]  # type: ignore[arg-type]


def test_an_undated_event_takes_the_day_of_the_clause_that_answers_it() -> None:
    # published on a Saturday: the response came on Thursday, so did the storming
    text = (
        "Troops moved in to clear the square late Thursday after rioters stormed the "
        "governor's office in Kano, injuring three guards."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=dt.date(2023, 3, 11))
    assert riot.event_date == "2023-03-09"


def test_a_cumulative_toll_told_of_the_violence_is_not_the_events() -> None:
    text = (
        "A mob set fire to three shops in Kano on Thursday evening. "
        "More than 60 people have lost their lives in the communal violence between the "
        "two groups."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=dt.date(2023, 3, 10))
    assert riot.fatalities == 0


def test_counts_listed_after_the_verb_add_up_but_a_part_of_them_does_not() -> None:
    from incidentmap.incidents.casualties import find_casualties

    text = (
        "Militants stormed a police post in Kano on Saturday, killing four officers and five "
        "attackers."
    )
    (battle,) = foreground(text, places={"Kano": KANO})
    assert battle.fatalities == 9
    part = "The shelling killed at least 30 people, six of them children, and wounded 40."
    assert [(c.kind, c.count) for c in find_casualties(part)] == [("killed", 30), ("injured", 40)]


def test_the_year_of_a_date_before_a_casualty_word_is_no_count() -> None:
    text = "Police inspect the site of a bomb in the town on 3 May 2015 that caused no deaths."
    assert [c.count for c in find_casualties(text) if c.kind == "killed"] in ([], [None], [0])
    text = "On May 3, 2015 twelve people were killed in the town."
    assert [c.count for c in find_casualties(text)] == [12]


def test_a_word_that_starts_like_a_month_makes_no_year_of_a_toll() -> None:
    # "market" opens like "Mar.", "separatists" like "Sep": neither is a month
    text = "In the stampede at the market 2000 people were injured, police said."
    assert [(c.kind, c.count) for c in find_casualties(text)] == [("injured", 2000)]
    text = "In the fighting with the separatists 1999 soldiers were killed."
    assert [(c.kind, c.count) for c in find_casualties(text)] == [("killed", 1999)]
    # a month's abbreviation without its full stop is still one
    text = "After the bombing on Jan 5 2015 soldiers were killed."
    assert [c.count for c in find_casualties(text)] == [None]


def test_a_verb_in_the_singular_counts_one_victim_unless_denied() -> None:
    def killed(text: str) -> list[int | None]:
        return [c.count for c in find_casualties(text) if c.kind == "killed"]

    assert killed("Farmer Musa Bello was shot and killed near his home on Friday.") == [1]
    assert killed("The village head has reportedly been killed by the bandits.") == [1]
    assert killed("Witnesses said no guard was killed in the raid.") in ([None], [0])
    assert killed("Dozens of herders were killed in the raid.") == [None]


def test_a_list_of_victims_joined_by_commas_and_and_adds_up() -> None:
    text = "Three traders, a teacher and two pupils were killed when the bomb went off."
    assert [c.count for c in find_casualties(text)] == [6]
    # a count before a comma that ends no list is not added
    text = "Of the 40 passengers, eight were killed."
    assert [c.count for c in find_casualties(text)] == [8]


def test_shelling_or_an_air_strike_told_without_deaths_is_coded_zero() -> None:
    # ACLED codes a shelling, a strike, a bomb or an attack that the report tells no
    # deaths of as 0 (deaths told beside it without a number: test_incidents_spanning_tolls)
    (shelling,) = foreground(
        "Mortar shells hit the central market of Kano on Friday, destroying several stalls.",
        places={"Kano": KANO},
    )
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
    assert shelling.fatalities == 0
    (strike,) = foreground(
        "A drone strike hit a warehouse in Kano on Friday, destroying several trucks.",
        places={"Kano": KANO},
    )
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.fatalities == 0


def test_a_toll_told_across_several_separate_blasts_is_no_one_events() -> None:
    text = (
        "At least six people were killed as three separate blasts hit Kano on Sunday. "
        "A grenade thrown at a police post wounded two officers."
    )
    incidents = run(text, places={"Kano": KANO})
    assert [i.fatalities for i in incidents if not i.background and i.fatalities] == []
    assert any(i.background and i.fatalities == 6 for i in incidents)


def test_a_count_told_of_one_place_alone_stands_over_the_areas_total() -> None:
    found = find_casualties("Rescuers said 12 people were killed in the market town alone.")
    assert [(c.count, c.alone) for c in found] == [(12, True)]
    text = (
        "Air strikes killed 40 people in Kano and surrounding villages on Sunday. "
        "Rescuers said 12 people were killed and 30 wounded in Kano alone."
    )
    (strike,) = foreground(text, places={"Kano": KANO})
    assert strike.fatalities == 12


def test_a_follow_up_told_overnight_in_a_story_of_its_own_day_is_of_the_night_before() -> None:
    text = (
        "Gunmen killed two traders in Kano on Friday. "
        "In a separate incident, militants attacked a police post in Zaria overnight."
    )
    places = {"Kano": KANO, "Zaria": ZARIA}
    incidents = foreground(text, places=places, published=dt.date(2023, 3, 10))
    (post,) = [i for i in incidents if i.location == "Zaria"]
    assert post.event_date == "2023-03-09"
    # the lead's day is not the story's own: the follow-up keeps it
    incidents = foreground(text, places=places, published=dt.date(2023, 3, 12))
    (post,) = [i for i in incidents if i.location == "Zaria"]
    assert post.event_date == "2023-03-10"
