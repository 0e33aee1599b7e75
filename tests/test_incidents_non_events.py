"""Copy that tells no event of its own: trends, samples, habits, examples, occasions (issue 12).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

import pytest

from test_incidents import KADUNA, KANO, kinds, run

LEAD = "Gunmen killed five people in Kano on Saturday. "


@pytest.mark.parametrize(
    "context",
    [
        # a trend is many events
        "The killing is the latest in a recent surge of violence, including prison riots.",
        # cases cited as a sample, with no day of their own
        "He cited several recent incidents in which rebels had opened fire on soldiers.",
        # what a group is known to do
        "The group has a reputation for bomb attacks on markets.",
        # an event given as an example of a claim
        "Last week, for instance, armed men attacked police stations in two towns.",
        # what has not happened yet
        "Police had yet to report any arrests.",
    ],
)
def test_context_after_the_news_adds_no_event(context: str) -> None:
    found = kinds(run(LEAD + context, places={"Kano": KANO}))
    assert found == [("Violence against civilians", "Attack")]


def test_a_bomb_disassembled_or_spotted_is_a_disrupted_weapon() -> None:
    text = (
        "Soldiers defused a roadside bomb in Kano on Saturday. The devices, fashioned from "
        "mortar shells, were disassembled by the bomb squad. The IEDs were first spotted by "
        "farmers under a tree."
    )
    found = kinds(run(text, places={"Kano": KANO}))
    assert found == [("Strategic developments", "Disrupted weapons use")]


def test_deaths_in_a_story_that_opens_on_forest_fires_are_no_attack() -> None:
    text = (
        "Many people have been killed and homes destroyed near Kano due to forest fires. "
        "Officials said 46 deaths have occurred and 1,100 homes have been demolished."
    )
    assert kinds(run(text, places={"Kano": KANO})) == []


def test_a_sentence_opening_weeks_after_an_event_tells_its_occasion() -> None:
    text = (
        "Weeks after a drone strike killed five civilians in Kano, survivors are still "
        "reeling from the trauma."
    )
    assert kinds(run(text, published=dt.date(2023, 12, 29), places={"Kano": KANO})) == []


def test_the_news_after_a_weeks_after_opening_is_still_told() -> None:
    text = (
        "Weeks after a drone strike killed five in Kano, gunmen attacked the town on Monday, "
        "killing two."
    )
    found = run(text, published=dt.date(2023, 12, 29), places={"Kano": KANO})
    assert kinds(found) == [("Violence against civilians", "Attack")]
    assert [i.event_date for i in found if not i.background] == ["2023-12-25"]


def test_an_example_told_with_its_day_is_still_an_event() -> None:
    text = (
        "Protests over fuel prices spread across the north on Friday. In Kano, for example, "
        "police fired tear gas at protesters on Friday."
    )
    assert ("Protests", "Protest with intervention") in kinds(run(text, places={"Kano": KANO}))


@pytest.mark.parametrize(
    ("recalled", "told"),
    [
        # a week before, some 200 km away: recalled to frame the news
        ("On October 30, a bomb at a bus station in Kaduna killed 20 people.", []),
        # the same day of the week before, in the lead's own town: a round-up's news
        (
            "On October 30, a bomb at a bus station in Kano killed 20 people.",
            [("Explosions/Remote violence", "Remote explosive/landmine/IED")],
        ),
        # far away, but only days before: news of the same days
        (
            "On November 3, a bomb at a bus station in Kaduna killed 20 people.",
            [("Explosions/Remote violence", "Remote explosive/landmine/IED")],
        ),
    ],
)
def test_an_event_a_week_before_the_lead_and_far_from_it_is_context(
    recalled: str, told: list[tuple[str, str]]
) -> None:
    text = "Gunmen killed five people in Kano on Saturday, November 6. " + recalled
    found = kinds(run(text, places={"Kano": KANO, "Kaduna": KADUNA}))
    assert found == [("Violence against civilians", "Attack"), *told]


@pytest.mark.parametrize(
    ("text", "told"),
    [
        # teams and players "clash" and "attack" in a match: sport, no violence
        ("The two teams clashed in the final in Kano on Sunday.", []),
        ("Kano Pillars attacked in the second half of the derby in Kano on Sunday.", []),
        # fans who fight police are a crowd: a riot, not a battle
        (
            "Football fans clashed with police after the final in Kano on Sunday.",
            [("Riots", "Violent demonstration")],
        ),
        # armed men who clash are still a battle
        ("Rebels clashed with troops in Kano on Sunday.", [("Battles", "Armed clash")]),
    ],
)
def test_sport_is_no_violence_and_fighting_fans_are_a_crowd(
    text: str, told: list[tuple[str, str]]
) -> None:
    assert kinds(run(text, places={"Kano": KANO})) == told
