"""Dates and which incident a later sentence joins (issue 12, session 9).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents.casualties import find_casualties
from incidentmap.incidents.dates import find_dates

THURSDAY = dt.date(2024, 7, 25)


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
