"""Rules of news copy against events told twice and sentences that report no event (issue 12).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

from incidentmap.model import Place
from test_incidents import KADUNA, KANO, NIGERIA, kinds
from test_incidents_news_rules import foreground

KADUNA_STATE = Place("geonames:2335722", "Kaduna State", 10.33, 7.75, "A", "ADM1", "NG", "23")
KANO_STATE = Place("geonames:2335196", "Kano State", 11.75, 8.5, "A", "ADM1", "NG", "29")


def test_a_day_after_an_inverted_attribution_is_the_reports() -> None:
    text = (
        "The raid on a police post in northern Nigeria killed five officers, said the army "
        "on Sunday. The raid took place on Saturday when gunmen stormed the post in Kano."
    )
    places = {"Kano": KANO, "Nigeria": NIGERIA}
    (raid,) = foreground(text, places=places, published=dt.date(2024, 3, 10))
    assert raid.event_date == "2024-03-09"
    assert raid.location == "Kano"
    # the day of the event itself, told before a comma, is the event's
    event = "Gunmen raided a police post in Kano on Sunday, said the army."
    (own,) = foreground(event, places=places, published=dt.date(2024, 3, 12))
    assert own.event_date == "2024-03-10"


def test_the_protestors_spelled_with_o_refer_back_to_the_crowd_told() -> None:
    text = (
        "Protestors stormed the governor's office in Kano on Sunday, smashing its windows.\n"
        "Footage showed several of the protestors tearing down a flag before police "
        "dispersed them."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_one_demonstrator_quoted_is_a_source_not_a_protest() -> None:
    text = (
        "Protesters stormed the governor's office in Kano on Sunday, smashing its windows.\n"
        "The governor has failed us, one protester told reporters outside the building.\n"
        "Police later cleared the area, said a demonstrator who had been inside."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_what_a_protest_should_be_is_no_protest() -> None:
    text = (
        "Youths burned tyres and threw stones at police in Kano on Sunday.\n"
        "The governor met elders of the city in the evening.\n"
        "He promised new schools and roads for the north.\n"
        "The opposition leader was not invited to the meeting.\n"
        "He said protests should remain peaceful and demonstrations must not target shops."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_seeking_to_disperse_a_crowd_means_the_crowd_was_there() -> None:
    text = "In Kano, police sought to disperse violent groups in the city centre on Sunday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]
    aim = "Militants sought to attack the army base in Kano, officials said on Sunday."
    assert foreground(aim, places={"Kano": KANO}) == []


def test_a_second_act_in_a_town_of_its_own_is_an_event_of_its_own() -> None:
    text = (
        "Rioters burned cars and attacked police stations in Nigeria overnight.\n"
        "In the north, rioters set fire to the town hall of Kano and set a bus depot "
        "ablaze in Kaduna."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA, "Nigeria": NIGERIA}
    riots = foreground(text, places=places)
    assert sorted(r.location for r in riots) == ["Kaduna", "Kano"]
    assert {r.sub_event_type for r in riots} == {"Violent demonstration"}


def test_a_toll_spanning_listed_towns_goes_to_none_of_them() -> None:
    text = "Gunmen attacked villages in Kano and Kaduna on Sunday, killing 12 people."
    places = {"Kano": KANO, "Kaduna": KADUNA}
    attacks = foreground(text, places=places)
    assert sorted(a.location for a in attacks) == ["Kaduna", "Kano"]
    assert [a.fatalities for a in attacks] == [None, None]


def test_a_province_that_does_not_hold_the_town_told_is_another_place() -> None:
    text = (
        "Police detained 17 suspects in raids in Kano on Monday. "
        "Some 11 suspects were detained in Kaduna State on Monday in the same operation."
    )
    places = {"Kano": KANO, "Kaduna State": KADUNA_STATE}
    arrests = foreground(text, places=places, published=dt.date(2024, 3, 12))
    assert [a.location for a in arrests] == ["Kano", "Kaduna"]
    # the province the town lies in is the same place
    same = text.replace("Kaduna State", "Kano State")
    places = {"Kano": KANO, "Kano State": KANO_STATE}
    assert len(foreground(same, places=places, published=dt.date(2024, 3, 12))) == 1


def test_a_round_up_sentence_of_another_kind_set_beside_the_last_is_its_own_event() -> None:
    text = (
        "Gunmen planted a roadside bomb that wounded two soldiers in Kano on Friday.\n"
        "Also in Kano State, artillery shelling on several neighbourhoods of the city "
        "killed a trader on Friday."
    )
    places = {"Kano State": KANO_STATE, "Kano": KANO}
    assert sorted(kinds(foreground(text, places=places))) == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ]


def test_blowing_up_bombs_is_a_remote_explosive() -> None:
    text = "Militants blew up explosives at a councillor's house in Kano on Friday, police said."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    ]


def test_a_peace_deal_that_voters_rejected_is_no_agreement() -> None:
    text = "Voters in Kano rejected a peace deal with the rebels in a referendum on Sunday."
    assert not foreground(text, places={"Kano": KANO})
    signed = "The government and the rebels signed a peace deal in Kano on Sunday."
    assert kinds(foreground(signed, places={"Kano": KANO})) == [
        ("Strategic developments", "Agreement")
    ]


def test_a_planned_protest_police_sought_to_stop_is_no_protest() -> None:
    text = (
        "Police arrested two activists in Kano on Friday. Meanwhile, the markets of Kano were "
        "deserted as police and soldiers sought to stop the planned anti-corruption protest."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Strategic developments", "Arrests")]


def test_a_video_shot_of_the_police_is_no_shooting() -> None:
    text = "In Kano on Friday, an activist shot a short video of police officers advancing at her."
    assert not foreground(text, places={"Kano": KANO})


def test_the_grenade_told_again_is_the_grenade_attack() -> None:
    text = (
        "A man threw a grenade into a bar in Kano on Sunday, killing three people. "
        "The grenade also damaged the car of a trader from Kaduna."
    )
    (attack,) = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert (attack.sub_event_type, attack.location) == ("Grenade", "Kano")


def test_a_toll_of_various_clashes_is_a_tally_of_many_events() -> None:
    text = (
        "Three people were killed and more than 200 wounded in various clashes between "
        "protesters and police across Kano on Tuesday."
    )
    assert not foreground(text, places={"Kano": KANO})
    one = "Three people were killed in clashes between protesters and police in Kano on Tuesday."
    assert foreground(one, places={"Kano": KANO})


def test_a_toll_killed_in_a_week_is_a_tally() -> None:
    assert not foreground("Ten soldiers killed in a week in Kano.", places={"Kano": KANO})
    one = "Ten soldiers killed in an ambush in Kano on Monday."
    assert foreground(one, places={"Kano": KANO})


def test_what_the_news_came_days_after_is_context() -> None:
    text = (
        "Gunmen abducted 40 pupils from a school in Kano on Monday. This came days after "
        "abducted traders from Kaduna were released by their captors."
    )
    found = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert [i.location for i in found] == ["Kano"]


def test_one_missile_and_another_of_a_salvo_are_the_strike_told() -> None:
    text = (
        "Two missiles hit Kano early on Saturday, killing five people. Officials said the "
        "missiles were fired from across the border. One of the missiles fell near a school in "
        "Kano and another struck a block of flats, which was razed to the ground."
    )
    (strike,) = foreground(text, places={"Kano": KANO})
    assert strike.fatalities == 5


def test_the_attackers_clashing_with_defenders_is_the_attack_told_from_the_other_side() -> None:
    text = (
        "Six people, including four attackers, were killed in a raid on a cattle camp "
        "in Kano on Sunday, officials said.\n"
        "He said the attackers came from the north and clashed with the young men guarding "
        "the camp."
    )
    (raid,) = foreground(text, places={"Kano": KANO}, published=dt.date(2024, 3, 11))
    assert (raid.event_type.value, raid.sub_event_type) == ("Battles", "Armed clash")
    assert raid.fatalities == 6


def test_a_clash_with_a_town_of_its_own_after_an_attack_is_another_event() -> None:
    text = (
        "Gunmen killed six villagers in a raid on a cattle camp in Kano on Sunday.\n"
        "Troops later clashed with the attackers near Kaduna."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    found = kinds(foreground(text, places=places, published=dt.date(2024, 3, 11)))
    assert sorted(found) == [("Battles", "Armed clash"), ("Violence against civilians", "Attack")]


def test_another_source_tells_the_same_event_again() -> None:
    text = (
        "Rockets struck an army base in Kano on Tuesday, killing two soldiers, an officer "
        "said.\n"
        "The army has sent more troops to the region since January.\n"
        "Another commander said the rockets landed at around 7 pm."
    )
    (strike,) = foreground(text, places={"Kano": KANO}, published=dt.date(2024, 3, 13))
    assert strike.fatalities == 2
    local = text.replace("Another commander", "Another local commander")
    assert len(foreground(local, places={"Kano": KANO}, published=dt.date(2024, 3, 13))) == 1
    # another event is still another: "another rocket struck", "a second base"
    again = text.replace("the rockets landed", "another rocket struck a second base")
    assert len(foreground(again, places={"Kano": KANO}, published=dt.date(2024, 3, 13))) == 2


def test_a_bare_toll_in_a_round_up_is_the_lead_event_in_that_town() -> None:
    text = (
        "Security forces opened fire on protesters in Kano on Wednesday, killing five.\n"
        "Two people were killed in Kaduna, a witness said."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    found = foreground(text, places=places, published=dt.date(2024, 3, 13))
    assert [(i.location, i.sub_event_type) for i in found] == [
        ("Kano", "Excessive force against protesters"),
        ("Kaduna", "Excessive force against protesters"),
    ]
    # a toll set apart is an event of its own
    apart = text.replace("Two people", "In another incident, two people")
    found = foreground(apart, places=places, published=dt.date(2024, 3, 13))
    assert [i.sub_event_type for i in found if i.location == "Kaduna"] == ["Attack"]


def test_a_protest_word_with_no_day_or_town_after_a_riot_tells_its_crowd() -> None:
    places = {"Kano": KANO, "Kaduna": KADUNA}
    riot = "Rioters torched cars and looted shops in Kano on Saturday."
    text = f"{riot} Eight party workers were later detained for chanting slogans."
    assert kinds(foreground(text, places=places)) == [("Riots", "Violent demonstration")]
    # a protest told with a town of its own is an event of its own
    apart = f"{riot} Students also protested peacefully in Kaduna."
    assert sorted(kinds(foreground(apart, places=places))) == [
        ("Protests", "Peaceful protest"),
        ("Riots", "Violent demonstration"),
    ]
