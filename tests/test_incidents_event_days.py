"""The day an event happened, not the day it was reported (issue 12, round 4).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

from incidentmap.incidents.dates import find_dates
from test_incidents import KADUNA, KANO, run

MONDAY = dt.date(2022, 5, 16)


def foreground(text: str, **kw: object) -> list:  # type: ignore[type-arg]
    return [i for i in run(text, **kw) if not i.background]  # type: ignore[arg-type]


def test_a_summary_lead_dates_the_attacks_told_after_it() -> None:
    text = (
        "Eleven people were killed in separate attacks across the north on Saturday, "
        "officials and residents said. "
        "In Kano, gunmen stormed a police post, killing four officers. "
        "In a separate incident, bandits shot dead seven villagers near Kaduna."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    dates = [i.event_date for i in foreground(text, places=places, published=MONDAY)]
    assert dates == ["2022-05-14", "2022-05-14"]


def test_a_night_told_across_two_days_lends_no_one_day() -> None:
    text = (
        "Rebels launched more than 200 rockets at Kano late on Saturday and early on "
        "Sunday, but most were shot down, the army said. "
        "A few rockets struck an army base near Kaduna, injuring two soldiers."
    )
    strikes = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA}, published=MONDAY)
    assert [i.event_date for i in strikes if i.location == "Kaduna"] != ["2022-05-14"]


def test_an_undated_opening_event_takes_the_day_told_next() -> None:
    # published on a Wednesday; the lead tells the riot, the next sentence when it began
    text = (
        "Rioters set fire to a bus station and several shops in Kano, residents said. "
        "Eleven officers were among those treated in hospital after the incidents near the "
        "central market on Monday afternoon, the governor told reporters."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=dt.date(2022, 5, 18))
    assert riot.event_date == "2022-05-16"


def test_a_day_that_opens_the_sentence_dates_its_relative_clause() -> None:
    text = (
        "Gunmen killed nine people in Kano on Saturday. "
        "On Friday, five traders who had been kidnapped were killed execution style by "
        "their captors near Kaduna."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    incidents = foreground(text, places=places, published=dt.date(2022, 5, 15))
    assert [i.event_date for i in incidents if i.location == "Kaduna"] == ["2022-05-13"]


def test_a_state_told_in_a_relative_clause_keeps_no_opening_day() -> None:
    text = (
        "Villagers rallied in Kano on Saturday against the closure of a clinic. "
        "On Friday, the elders who have been holding a sit-in near Kaduna met the governor."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    incidents = foreground(text, places=places, published=dt.date(2022, 5, 15))
    assert "2022-05-13" not in [i.event_date for i in incidents if i.location == "Kaduna"]


def test_hours_after_a_night_is_the_next_day() -> None:
    text = (
        "On Saturday night, a drone struck a truck in Kano, killing its driver. "
        "Several hours later, another drone hit a checkpoint near Kaduna, wounding a guard."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    incidents = foreground(text, places=places, published=MONDAY)
    assert [(i.location, i.event_date) for i in incidents] == [
        ("Kano", "2022-05-14"),
        ("Kaduna", "2022-05-15"),
    ]


def test_overnight_told_with_the_reports_day_is_the_night_before() -> None:
    text = "Rioters torched a police station in Kano overnight, local radio reported on Monday."
    (riot,) = foreground(text, places={"Kano": KANO}, published=MONDAY)
    assert riot.event_date == "2022-05-15"


def test_the_overnight_attack_told_after_the_reports_day_is_the_night_before() -> None:
    text = (
        "At least six villagers were killed by gunmen near Kano, a local official said on "
        "Monday. The overnight attack hit two hamlets on the road to the airport."
    )
    (attack,) = foreground(text, places={"Kano": KANO}, published=MONDAY)
    assert attack.event_date == "2022-05-15"


def test_a_source_named_after_overnight_does_not_hide_the_night() -> None:
    # "the governor said" comes after "overnight": it tells who spoke, not that the night
    # is the day of a report
    text = (
        "At least six villagers were killed by gunmen near Kano, a local official said on "
        "Monday. The overnight attack hit two hamlets on the road to the airport, the "
        "governor said."
    )
    (attack,) = foreground(text, places={"Kano": KANO}, published=MONDAY)
    assert attack.event_date == "2022-05-15"


def test_the_period_of_a_comparison_dates_no_event() -> None:
    # "this year" after a superlative says what the attack is compared with
    text = (
        "The governor said on Sunday that 30 villagers were killed in Kano, in one of the "
        "deadliest attacks in the state this year."
    )
    attacks = foreground(text, places={"Kano": KANO}, published=MONDAY)
    assert [(i.event_date, int(i.time_precision)) for i in attacks] == [("2022-05-15", 1)]


def test_a_year_told_in_a_relative_clause_dates_that_clause() -> None:
    # the talks were suspended a year ago, not the attack
    text = (
        "Rebels killed six soldiers in an attack on an army base in Kano. The attack took "
        "place while officials tried to revive peace talks that were suspended a year ago."
    )
    attacks = foreground(text, places={"Kano": KANO}, published=MONDAY)
    assert [i.event_date for i in attacks] == ["2022-05-16"]
    # a relative clause that tells the event keeps its date
    text = "The village lies 45 km from Kano, which was captured by rebels in March last year."
    found = run(text, places={"Kano": KANO}, published=MONDAY)
    assert [i.event_date for i in found] == ["2021-03-01"]


def test_next_sunday_and_a_strike_called_for_sunday_are_the_coming_day() -> None:
    saturday = dt.date(2023, 10, 28)

    def day(text: str) -> tuple[dt.date | None, bool]:
        (found,) = find_dates(text, published=saturday)
        return found.date, found.ahead

    assert day("The vote is next Sunday.") == (dt.date(2023, 10, 29), True)
    assert day("They called a strike for Sunday.") == (dt.date(2023, 10, 29), True)
    assert day("Ten were held for Sunday's riot.") == (dt.date(2023, 10, 22), False)
    # the plan's day dates no event told with it
    text = (
        "The opposition called a general strike for Sunday after clashes with police in Kano "
        "killed two people."
    )
    (clash,) = foreground(text, places={"Kano": KANO}, published=saturday)
    assert clash.event_date == "2023-10-28"


def test_a_night_that_ran_into_the_early_hours_is_dated_by_its_evening() -> None:
    text = (
        "Youths torched cars and hurled stones at police in Kano. "
        "The riots continued into the early hours of Sunday."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=MONDAY)
    assert riot.event_date == "2022-05-14"  # Saturday night


WEDNESDAY = dt.date(2022, 5, 18)


def test_an_undated_event_takes_the_one_day_the_story_names() -> None:
    # the day is told once, in a sentence that reports no event of its own
    text = (
        "Residents of Kano were woken by their neighbours early on Tuesday. "
        "Rioters set fire to a bus station in Kano and looted several shops."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=WEDNESDAY)
    assert riot.event_date == "2022-05-17"


def test_a_story_of_two_recent_days_lends_neither() -> None:
    text = (
        "Schools in Kano closed on Monday and markets reopened on Tuesday. "
        "Rioters set fire to a bus station in Kano and looted several shops."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=WEDNESDAY)
    assert riot.event_date == "2022-05-18"


def test_the_day_of_a_report_bounds_an_undated_event_told_before_it() -> None:
    # no day of the riot is told; the governor's word of Tuesday says it was over by then
    # (session 9: the report's day, not the later publication day, dates it)
    text = (
        "Rioters set fire to a bus station in Kano and looted several shops. "
        "Calm had returned to the city, the governor said on Tuesday."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=WEDNESDAY)
    assert riot.event_date == "2022-05-17"
    today = text.replace("on Tuesday", "on Wednesday")
    (riot,) = foreground(today, places={"Kano": KANO}, published=WEDNESDAY)
    assert riot.event_date == "2022-05-18"


def test_the_day_a_statement_was_issued_is_a_report_s_day() -> None:
    # "a communique issued Saturday" dates the statement; the event's day comes later
    text = (
        "Gunmen clashed with police in Kano, officials said. "
        "A police communique issued Saturday says the gunmen arrived in four trucks. "
        "It says marines came to the aid of the officers. "
        "Officials say nine attackers died in the Friday afternoon confrontation."
    )
    (clash,) = foreground(text, places={"Kano": KANO}, published=dt.date(2022, 5, 14))
    assert clash.event_date == "2022-05-13"


def test_an_undated_event_takes_the_day_of_the_sentence_just_before_it() -> None:
    # published on a Wednesday; the lead's protest is of Tuesday, the shooting of Sunday
    text = (
        "Hundreds of people protested in Kano on Tuesday over a shooting by the police.\n"
        "The incident took place in the old town late on May 15. "
        "A police officer opened fire on a group of traders in Kano, wounding three."
    )
    incidents = foreground(text, places={"Kano": KANO}, published=WEDNESDAY)
    assert [(i.sub_event_type, i.event_date) for i in incidents] == [
        ("Peaceful protest", "2022-05-17"),
        ("Attack", "2022-05-15"),
    ]


def test_the_day_of_the_paragraph_before_is_not_borrowed() -> None:
    text = (
        "Hundreds of people protested in Kano on Tuesday.\n"
        "Officials met in the old town on May 15.\n"
        "A police officer opened fire on a group of traders in Kano, wounding three."
    )
    incidents = foreground(text, places={"Kano": KANO}, published=WEDNESDAY)
    assert [i.event_date for i in incidents] == ["2022-05-17", "2022-05-17"]
