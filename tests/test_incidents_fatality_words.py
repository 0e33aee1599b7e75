"""Fatality counts of real news copy (issue 12, session 8): words that report deaths,
ages that count no one, a count of another clause.

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from incidentmap.incidents.casualties import find_casualties


def counts(text: str) -> list[tuple[str, int | None]]:
    return [(c.kind, c.count) for c in find_casualties(text)]


def test_martyred_reports_the_dead() -> None:
    assert counts("Four policemen were martyred when gunmen attacked the checkpoint.") == [
        ("killed", 4)
    ]
    text = "Nine guards were martyred in the ambush, and three attackers were killed."
    assert counts(text) == [("killed", 9), ("killed", 3)]
    assert counts("The army mourned the martyrdom of five soldiers on Monday.") == [("killed", 5)]


def test_one_fatality_is_one_dead() -> None:
    assert counts("Medics reported one civilian fatality after the clash.") == [("killed", 1)]


def test_a_victim_who_succumbed_to_wounds_is_dead_not_injured() -> None:
    text = "Two of the passengers later succumbed to their wounds in hospital."
    assert [k for k, _ in counts(text)] == ["killed"]
    assert counts("A 40-year-old trader succumbed to his injuries on Friday.") == [("killed", 1)]


def test_an_age_counts_no_one() -> None:
    assert counts("Two boys aged 12 and 14 were killed by the blast.") == [("killed", 2)]
    assert counts("Five pupils aged between eight and 12 died in the fire.") == [("killed", 5)]


def test_a_count_before_where_belongs_to_another_clause() -> None:
    text = "Eleven wounded men were taken to the hospital where the driver succumbed."
    assert counts(text)[-1] == ("killed", None)


def test_more_nouns_name_one_victim() -> None:
    assert counts("Two boys and a shepherd were killed in the raid.") == [("killed", 3)]
    assert counts("A constable was killed and two others were wounded.") == [
        ("killed", 1),
        ("injured", 2),
    ]


def test_a_toll_told_weeks_after_is_the_earlier_events() -> None:
    from test_incidents import KANO, run

    text = (
        "Gunmen stormed a market in Kano on Friday, shooting at traders and burning stalls, "
        "two months after bandits killed 40 villagers in the north."
    )
    news = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert [i.fatalities for i in news] == [0]


def test_a_count_far_before_its_verb_still_counts() -> None:
    # the victims described at length before the verb: the count stands over 80 characters
    # before it
    text = (
        "Three young men believed by the villagers to have taken part in the looting of the "
        "market stalls were killed by soldiers."
    )
    assert counts(text) == [("killed", 3)]


def test_a_toll_told_over_series_of_attacks_is_an_aggregate() -> None:
    from test_incidents import KANO, run

    text = (
        "Gunmen attacked a wedding party in Kano on Saturday, killing six guests. "
        "Violence has grown this year — at least 200 villagers were killed in four waves of "
        "attacks across the north."
    )
    news = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert [i.fatalities for i in news] == [6]


def test_a_toll_word_in_a_condition_reports_no_one() -> None:
    assert counts('The activist said: "If I am hurt or killed, the police are to blame."') == []
    assert counts("Even if the toll is disputed, 12 were killed.") == [("killed", 12)]


def test_deaths_a_story_mourns_or_protests_are_no_events_toll() -> None:
    from test_incidents import KANO, run

    def tolls(text: str) -> list[int | None]:
        return [i.fatalities for i in run(text, places={"Kano": KANO}) if not i.background]

    # the grievance of a march, told without a number
    text = (
        "Police fired tear gas at hundreds of students marching in Kano on Friday in anger "
        "over the war and mounting civilian deaths."
    )
    assert tolls(text) == [0]
    # the death a group commemorates, told without a number
    text = (
        "Rebels burned two lorries on the highway near Kano on Friday in commemoration of the "
        "death of their founder."
    )
    assert tolls(text) == [0]


def test_a_count_glued_to_the_heading_before_it_still_counts() -> None:
    # a copied page that lost the line break between a heading and the story
    assert counts("Market attackedTwelve traders were killed on Friday.") == [("killed", 12)]
    assert counts("Someone was killed.") == [("killed", 1)]  # no number inside a word


def test_one_person_named_after_an_active_verb_is_one_victim() -> None:
    assert counts("Troops said they had killed the rebels' top commander on Sunday.") == [
        ("killed", 1)
    ]
    assert counts("The blast killed the governor's driver.") == [("killed", 1)]
    assert counts("Gunmen killed the soldiers and fled.") == [("killed", None)]
    assert counts("Police shot dead the driver and his wife.") == [("killed", None)]


def test_a_toll_of_nationwide_protests_is_no_one_towns() -> None:
    from test_incidents import KANO, run

    text = (
        "KANO — Police shot dead four people during nationwide protests on Friday. "
        "In Kano, police fired tear gas at protesters outside the governor's office."
    )
    news = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert [i.fatalities for i in news] == [0]
