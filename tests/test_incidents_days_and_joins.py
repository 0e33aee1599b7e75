"""Dates and which incident a later sentence joins (issue 12, session 9).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents import Taxonomy
from incidentmap.incidents.casualties import claimed_tolls, find_casualties
from incidentmap.incidents.dates import find_dates
from test_incidents import KANO, ZARIA, run

THURSDAY = dt.date(2024, 7, 25)


def foreground(text: str, **kw: object) -> list:  # type: ignore[type-arg]
    return [i for i in run(text, **kw) if not i.background]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "told",
    ["on Thursday 18 July", "on Thursday, July 18", "on Thursday 18th July", "on Thu 18 Jul"],
)
def test_a_weekday_before_an_explicit_date_takes_that_date(told: str) -> None:
    # published on Thursday 25 July: the Thursday told is the 18th, a week before
    text = f"Gunmen attacked the village {told}, killing four farmers."
    days = {d.date for d in find_dates(text, published=THURSDAY)}
    assert days == {dt.date(2024, 7, 18)}


def test_a_weekday_that_disagrees_with_its_date_is_not_overruled() -> None:
    # 17 July 2024 was a Wednesday: a slip of the writer, not the date of the Thursday told
    text = "Gunmen attacked the village on Thursday, July 17, killing four farmers."
    weekday = find_dates(text, published=THURSDAY)[0]
    assert weekday.text == "on Thursday" and weekday.date == THURSDAY


def test_a_bare_abbreviated_month_is_no_date_without_its_weekday() -> None:
    assert find_dates("Kano, Dec 4 (AFP) Gunmen attacked", published=THURSDAY) == []


def test_the_toll_alone_is_the_death_toll() -> None:
    text = "The raid took the toll of fighters killed in the battle to 18, officials said."
    assert [c.count for c in find_casualties(text) if c.count is not None] == [18]
    assert [c.count for c in find_casualties("A second blast brought the toll to 43.")] == [43]
    figure = "The war has taken a heavy toll on civilians in 12 districts."
    assert find_casualties(figure) == []


def test_a_sides_claim_of_its_kills_is_marked() -> None:
    text = "The group claimed it had killed 30 soldiers, while the army said 4 soldiers died."
    cues = Taxonomy.default().cues.claimed_toll
    found = claimed_tolls(text, find_casualties(text), cues)
    assert [(c.count, c.claimed) for c in found] == [(30, True), (4, False)]
    lives = "The blast claimed 12 lives."
    assert not any(c.claimed for c in claimed_tolls(lives, find_casualties(lives), cues))


def test_a_claimed_toll_gives_way_to_another_figure_but_stands_alone() -> None:
    other = (
        "Militants attacked an army base in Kano on Wednesday, and the group claimed it had "
        "killed 30 soldiers. The army said four soldiers died in the attack."
    )
    (attack,) = foreground(other, places={"Kano": KANO}, published=THURSDAY)
    assert attack.fatalities == 4
    alone = (
        "Militants attacked an army base in Kano on Wednesday, and the group claimed it had "
        "killed 30 soldiers."
    )
    (attack,) = foreground(alone, places={"Kano": KANO}, published=THURSDAY)
    assert attack.fatalities == 30


def test_a_toll_of_last_week_joins_no_undated_event_of_the_day() -> None:
    # published on a Saturday: last week was over six days before
    text = (
        "Gunmen shot dead a trader in Kano, police said. "
        "Last week, 18 villagers were killed in an attack by gunmen near Zaria."
    )
    found = run(text, places={"Kano": KANO, "Zaria": ZARIA}, published=dt.date(2024, 7, 27))
    kano = next(i for i in found if i.location == "Kano")
    assert kano.fatalities == 1
    assert kano.event_date is not None and kano.event_date >= "2024-07-26"


def test_an_undated_event_reported_the_day_before_took_place_by_then() -> None:
    # published on Thursday: the only report is dated Wednesday
    text = (
        "Four soldiers were killed in an ambush by rebels near Kano. "
        "Military sources reported Wednesday that the attackers belonged to a splinter group."
    )
    (ambush,) = foreground(text, places={"Kano": KANO}, published=THURSDAY)
    assert ambush.event_date == "2024-07-24"


def test_an_undated_event_told_at_night_is_of_the_night_before() -> None:
    text = "Police dispersed a large rally in Kano with tear gas at night, injuring 12 people."
    (rally,) = foreground(text, places={"Kano": KANO}, published=THURSDAY)
    assert rally.event_date == "2024-07-24"


def test_an_undated_event_with_no_sign_of_its_day_takes_the_publication_day() -> None:
    text = "Police dispersed a large rally in Kano with tear gas, injuring 12 people."
    (rally,) = foreground(text, places={"Kano": KANO}, published=THURSDAY)
    assert rally.event_date == "2024-07-25"
