"""Tolls told of several events at once, and counts of the dead and the hurt together (issue 12).

ACLED codes each attack or place as an event of its own: a total over several of them is
none of theirs, so each has deaths reported and its fatalities unknown (``None``), unless
the story gives it a number of its own. Each sentence below is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents.casualties import find_casualties
from test_incidents import KADUNA, KANO, NIGERIA, ZARIA, run

FRIDAY = dt.date(2023, 3, 10)


def foreground(text: str, **kw: object) -> list:  # type: ignore[type-arg]
    return [i for i in run(text, **kw) if not i.background]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "The two ambushes near Kano on Thursday killed twelve soldiers.",
        "At least nine villagers were killed and four wounded on Thursday in two army air "
        "strikes near Kano.",
        "Gunmen killed seven people on Thursday in attacks on three villages near Kano.",
    ],
)
def test_a_toll_told_of_several_events_is_no_one_events_count(text: str) -> None:
    incidents = foreground(text, places={"Kano": KANO}, published=FRIDAY)
    assert incidents
    assert all(i.fatalities is None for i in incidents)


def test_a_toll_told_of_one_event_keeps_its_count() -> None:
    text = "Twelve soldiers were killed on Thursday in an ambush near Kano."
    (ambush,) = foreground(text, places={"Kano": KANO}, published=FRIDAY)
    assert ambush.fatalities == 12
    # a count of the days the fighting lasted is no count of events
    text = "Twelve soldiers were killed in two days of fighting near Kano this week."
    assert [c.spans for c in find_casualties(text)] == [False]


def test_an_events_own_count_stands_over_the_total_told_of_several() -> None:
    text = (
        "At least 11 people were killed on Thursday in two air strikes near Kano. "
        "One strike hit a market in Kano, killing nine traders."
    )
    incidents = foreground(text, places={"Kano": KANO}, published=FRIDAY)
    assert 9 in [i.fatalities for i in incidents]
    assert 11 not in [i.fatalities for i in incidents]


def test_a_hurt_told_in_another_clause_is_not_part_of_the_total() -> None:
    text = (
        "Gunmen attacked two police stations in Kano on Thursday night, while three "
        "officers were wounded in a roadside blast."
    )
    found = [c for c in run(text, places={"Kano": KANO}, published=FRIDAY) if c.injured]
    assert [i.injured for i in found] == [3]


def test_a_total_told_after_a_list_of_places_reaches_each_of_them() -> None:
    text = (
        "Missiles hit a market in Kano, a school in Zaria and a depot in Kaduna on Thursday. "
        "Officials said 20 people were killed across the three cities."
    )
    places = {"Kano": KANO, "Zaria": ZARIA, "Kaduna": KADUNA}
    incidents = foreground(text, places=places, published=FRIDAY)
    assert {i.location for i in incidents} >= {"Kano", "Zaria", "Kaduna"}
    assert all(i.fatalities is None for i in incidents)


def test_a_strike_in_an_operation_tallied_as_a_whole_has_its_dead_untold() -> None:
    text = (
        "Troops withdrew from Kano on Friday after a three-day offensive, which left 30 "
        "people dead. The offensive began on Tuesday with drone strikes on the old town."
    )
    incidents = foreground(text, places={"Kano": KANO}, published=FRIDAY)
    strikes = [i for i in incidents if i.sub_event_type == "Air/drone strike"]
    assert strikes and all(i.fatalities is None for i in strikes)


def test_a_strike_beside_deaths_told_without_a_number_has_its_dead_untold() -> None:
    text = (
        "The army said dozens of soldiers had been killed as rebels entered Kano. "
        "Warplanes struck rebel positions in and around Kano on Thursday."
    )
    incidents = foreground(text, places={"Kano": KANO}, published=FRIDAY)
    (strike,) = [i for i in incidents if i.sub_event_type == "Air/drone strike"]
    assert strike.fatalities is None
    (alone,) = foreground(
        "Warplanes struck rebel positions in and around Kano on Thursday.",
        places={"Kano": KANO},
        published=FRIDAY,
    )
    assert alone.fatalities == 0


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("At least ten children were killed and injured in the shelling.", [None, None]),
        ("The blast killed or wounded 20 people.", [None, None]),
        ("Twelve were killed and 30 injured.", [12, 30]),
        ("The strike killed three and injured ten.", [3, 10]),
    ],
)
def test_one_count_of_the_dead_and_the_hurt_together_counts_neither(
    text: str, counts: list[int | None]
) -> None:
    assert [c.count for c in find_casualties(text)] == counts


def test_an_event_whose_dead_and_hurt_are_counted_together_takes_the_later_toll() -> None:
    text = (
        "At least ten children were killed and injured on Thursday in shelling on Kano. "
        "Medics said ten children were wounded and one of them later died."
    )
    (shelling,) = foreground(text, places={"Kano": KANO}, published=FRIDAY)
    assert shelling.fatalities == 1


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Two pupils in Grade three and a teacher were killed in the raid.", 3),
        ("Two drivers on Route 9 were killed when the convoy was ambushed.", 2),
        ("Three children and a herder were killed in the attack.", 4),
    ],
)
def test_a_number_a_label_names_is_no_count(text: str, count: int) -> None:
    assert [c.count for c in find_casualties(text)] == [count]


def test_a_towns_own_count_stands_over_the_total_told_of_the_country() -> None:
    text = (
        "At least five people were killed in clashes in Nigeria on Thursday. "
        "In the town of Zaria, four people were killed and 20 injured, the mayor said. "
        "Another person was killed in Kano."
    )
    places = {"Nigeria": NIGERIA, "Zaria": ZARIA, "Kano": KANO}
    incidents = foreground(text, places=places, published=FRIDAY)
    (zaria,) = [i for i in incidents if i.location == "Zaria"]
    assert zaria.fatalities == 4


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("A senior official and three fighters were killed when a drone hit their car.", 4),
        ("A senior official of the Workers´ Party and three fighters were killed.", 4),
        ("A local leader and two guards were killed in the ambush.", 3),
    ],
)
def test_a_person_named_by_rank_or_office_counts_one(text: str, count: int) -> None:
    assert [c.count for c in find_casualties(text)] == [count]
