"""Incident precision rules on sentences of our own: what is an event, of which type, when."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.model import Article, Incident, Place, Toponym

SUNDAY = dt.date(2022, 5, 8)


def run(text: str, published: dt.date | None = SUNDAY) -> list[Incident]:
    return extract_incidents(Article("p", text, published=published), [])


def kinds(text: str) -> list[str]:
    return [i.sub_event_type for i in run(text) if not i.background]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people seized are abducted; a town seized is taken
        ("Armed rebels seized about 30 farmers who were working their fields on Friday.",
         ["Abduction/forced disappearance"]),
        ("Rebels seized the town of Kalo on Friday.", ["Non-state actor overtakes territory"]),
        # drones that blow up are a drone strike
        ("Three drones packed with explosives blew up over an army base on Friday.",
         ["Air/drone strike"]),
        # crowds looting are rioting
        ("Crowds looted supermarkets and petrol stations in the port on Friday.",
         ["Violent demonstration"]),
        ("Rioters burned cars in the capital on Friday. Looters ransacked a warehouse on the "
         "edge of the city.", ["Violent demonstration"]),
        ("Crowds looted liquor stores in the capital on Friday.", ["Violent demonstration"]),
        # firing on a march is excessive force against protesters
        ("Police opened fire on a large student march in the capital on Friday.",
         ["Excessive force against protesters"]),
        # agreements told with other words
        ("The two armies agreed on Friday to a lasting cessation of hostilities.", ["Agreement"]),
        ("The rebels agreed on Friday to leave the besieged town under a deal with the army.",
         ["Agreement"]),
        ("The peace agreement was signed in the capital on Friday.", ["Agreement"]),
    ],
)  # fmt: skip
def test_sub_event_type(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a warrant sought is no arrest
        "Prosecutors sought the arrest of the former minister on Friday.",
        # a delegation sent to talk with protesters tells a plan for talks, not a protest
        "The cabinet sent two ministers to the mining town on Friday to hold talks with "
        "jobless protesters.",
        # an aggregate of towns taken over a campaign is no one capture
        "The rebels have taken more than 20 of the region's district capitals in a month.",
        "More than 900 people had been arrested across the three provinces by Friday.",
        # a purpose infinitive is no arrest made
        "The tribunal relies on member states to carry out arrests of suspects.",
    ],
)
def test_not_an_incident(text: str) -> None:
    assert kinds(text) == []


NAKURU = Place("t:nakuru", "Nakuru", -0.2833, 36.0667, "P", "PPLA", "KE", "33")
ELDORET = Place("t:eldoret", "Eldoret", 0.5143, 35.2698, "P", "PPLA", "KE", "43")
NAIROBI = Place("t:nairobi", "Nairobi", -1.2833, 36.8167, "P", "PPLC", "KE", "30")


def placed(text: str, places: dict[str, Place], dateline: str | None = None) -> list[Incident]:
    tops = []
    for name, place in places.items():
        at = text.find(name)
        while at >= 0:
            kind: Literal["place", "dateline"] = "dateline" if name == dateline else "place"
            tops.append(Toponym(at, at + len(name), name, kind, place, 0.9))
            at = text.find(name, at + len(name))
    tops.sort(key=lambda t: t.start)
    return extract_incidents(Article("p", text, published=SUNDAY), tops)


def test_distance_reference_town_is_no_second_scene() -> None:
    text = "Police fired tear gas at protesters in Nakuru, 12 km from Eldoret, on Friday."
    found = placed(text, {"Nakuru": NAKURU, "Eldoret": ELDORET})
    assert [i.location for i in found if not i.background] == ["Nakuru"]


def test_dateline_stays_a_fallback_place_beside_background() -> None:
    text = (
        "NAIROBI — Gunmen killed 20 villagers on Friday, the deadliest attack since militants "
        "stormed a shopping mall in 2013."
    )
    found = [i for i in placed(text, {"NAIROBI": NAIROBI}, dateline="NAIROBI") if not i.background]
    assert [(i.sub_event_type, i.location) for i in found] == [("Attack", "Nairobi")]


def test_generic_statement_does_not_borrow_the_lead_date() -> None:
    text = (
        "Gunmen killed 30 villagers in an overnight raid on Friday, officials said. "
        "Attacks by armed groups have killed thousands of people in the region."
    )
    assert kinds(text) == ["Attack"]


def test_deadliest_since_does_not_date_the_lead() -> None:
    text = (
        "Gunmen killed 30 villagers on Friday, the deadliest attack since an assault on a "
        "hotel six years ago."
    )
    assert kinds(text) == ["Attack"]


def test_more_victims_also_killed_belong_to_the_event_told() -> None:
    text = (
        "A bomb exploded outside a church in the town on Saturday, killing 12 worshippers. "
        "Two police officers were also killed."
    )
    assert kinds(text) == ["Remote explosive/landmine/IED"]


def test_clashes_between_communities_are_mob_violence() -> None:
    text = "At least 9 people were killed in clashes between Christians and Muslims on Friday."
    assert kinds(text) == ["Mob violence"]


def test_a_report_day_does_not_date_the_riot_of_the_day_before() -> None:
    text = (
        "Police arrested the opposition leader at a rally on Friday. News of the arrest sent "
        "his supporters into the streets of the capital, where they burned tyres and threw "
        "stones at police. A police spokesman said on Saturday that 9 people had been killed "
        "in two days of unrest."
    )
    riots = [i for i in run(text) if i.event_type.value == "Riots" and not i.background]
    assert [i.event_date for i in riots] == ["2022-05-06"]


def test_a_toll_dated_by_its_report_joins_the_event_of_the_days_before() -> None:
    text = (
        "At least 20 people have been killed in communal riots, hospital officials said on "
        "Sunday. Rioters burned houses and shops on Friday."
    )
    riots = [i for i in run(text) if not i.background]
    assert [(i.event_date, i.fatalities) for i in riots] == [("2022-05-06", 20)]


def test_marching_captives_away_is_no_protest() -> None:
    text = (
        "Gunmen kidnapped 40 pupils from a school on Friday. The attackers surrounded the "
        "compound at dawn and marched the children into the forest."
    )
    assert kinds(text) == ["Abduction/forced disappearance"]


def test_a_fourth_day_of_unrest_is_no_new_event() -> None:
    text = (
        "Police fired warning shots during riots in the port on Sunday, as unrest over the "
        "arrests continued for a fourth day."
    )
    assert kinds(text) == ["Violent demonstration"]


def test_the_rioters_refer_back_to_the_riot() -> None:
    text = (
        "Rioters set fire to buses in the capital on Saturday. The mayor said on Sunday that "
        "the rioters had shamed the city."
    )
    assert kinds(text) == ["Violent demonstration"]


def test_debris_of_a_missile_shot_down_is_part_of_the_interception() -> None:
    text = (
        "Air defences shot down a ballistic missile over the capital on Saturday evening. "
        "Pieces of the missile fell in an empty area of the airport grounds and nobody was hurt."
    )
    assert kinds(text) == ["Disrupted weapons use"]


def test_a_man_detained_at_the_scene_goes_with_the_attack() -> None:
    text = (
        "A man stabbed three people outside a school on Thursday. Rioters later burned cars "
        "and looted shops. Police arrested 20 of them. The mayor visited the school. A man "
        "was detained at the scene after passers-by overpowered him."
    )
    assert "Arrests" not in kinds(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen ambushed three cars carrying families on Friday, killing three women and six "
         "children.", ["Attack"]),
        ("Rebels ambushed an army convoy on Friday, killing five soldiers.", ["Armed clash"]),
    ],
)  # fmt: skip
def test_an_ambush_is_typed_by_who_was_hit(text: str, expected: list[str]) -> None:
    assert kinds(text) == expected


def test_several_arrested_after_a_gunfight_are_part_of_it() -> None:
    text = (
        "Gunmen attacked a police post on Friday. Three of the attackers were killed in the "
        "exchange of fire, and several were arrested."
    )
    assert kinds(text) == ["Armed clash"]


def test_an_aim_to_attack_is_no_event() -> None:
    text = (
        "Rioters burned cars in the port on Friday. The police chief accused gangs of "
        "exploiting the unrest to attack officers."
    )
    assert kinds(text) == ["Violent demonstration"]


def test_an_abduction_without_deaths_told_has_none() -> None:
    text = "Gunmen kidnapped 40 passengers from a bus on Friday."
    assert [i.fatalities for i in run(text) if not i.background] == [0]


def test_a_report_dated_toll_takes_the_day_the_unrest_began() -> None:
    text = (
        "At least 40 people have been killed in ethnic violence in the state, officials said "
        "on Saturday. The unrest began on Wednesday in the hill district, and mobs burned homes."
    )
    found = [i for i in run(text) if not i.background]
    assert [(i.sub_event_type, i.event_date) for i in found] == [("Mob violence", "2022-05-04")]


def test_a_war_ended_by_an_agreement_is_no_event_of_its_own() -> None:
    text = (
        "The government and the rebels agreed on Wednesday to a permanent cessation of "
        "hostilities, ending two years of war."
    )
    assert kinds(text) == ["Agreement"]


PRETORIA = Place("t:pretoria", "Pretoria", -25.7449, 28.1878, "P", "PPLC", "ZA", "06")
AMHARA = Place("t:amhara", "Amhara", 11.5, 38.5, "A", "ADM1", "ET", "46")


def test_an_agreement_is_placed_where_it_was_signed() -> None:
    text = (
        "The government and forces from the Amhara region agreed on Wednesday to a ceasefire. "
        "The agreement was signed in Pretoria after ten days of talks."
    )
    found = placed(text, {"Amhara": AMHARA, "Pretoria": PRETORIA})
    assert [(i.sub_event_type, i.location) for i in found if not i.background] == [
        ("Agreement", "Pretoria")
    ]


def test_bombers_sought_by_police_are_people_not_a_bombing() -> None:
    text = (
        "Police hunted on Wednesday for a man seen with two suicide bombers before blasts at "
        "the station killed 20 people on Tuesday."
    )
    assert kinds(text) == ["Remote explosive/landmine/IED"]


def test_one_of_them_a_suicide_attack_sharpens_the_blasts_told() -> None:
    text = (
        "Two blasts ripped through the station hall on Tuesday, killing 11 people. The "
        "prosecutor said at least one of them had been a suicide attack."
    )
    assert kinds(text) == ["Suicide bomb"]


def test_commandos_storming_the_attackers_fight_them() -> None:
    text = (
        "Gunmen who stormed a cafe killed 20 hostages on Friday. Commandos stormed the cafe "
        "early on Saturday, killing six attackers."
    )
    assert kinds(text) == ["Attack", "Armed clash"]


def test_a_passive_toll_after_a_riot_is_its_toll() -> None:
    text = (
        "Protesters stormed the parliament on Tuesday and set part of it on fire as police "
        "fired live rounds at the crowds. At least five people were shot dead outside the "
        "building, rights groups said."
    )
    assert kinds(text) == ["Violent demonstration"]


def test_the_event_a_period_is_counted_from_is_context() -> None:
    text = (
        "A suicide bomber struck crowds outside the airport on Thursday, killing 60 people. "
        "The airport has been the scene of chaos since the rebels entered the capital on "
        "Monday and the president fled."
    )
    assert kinds(text) == ["Suicide bomb"]


def test_what_a_riot_came_hours_after_is_its_occasion() -> None:
    text = (
        "Rioters set fire to buses and looted shops in the city centre on Thursday evening, "
        "hours after three children were stabbed outside a school. A man was detained at the "
        "scene after passers-by overpowered him. The mayor said on Friday that the vigil for "
        "the victims had been hijacked."
    )
    assert kinds(text) == ["Violent demonstration"]


def test_a_word_someone_is_said_to_call_a_thing_is_their_label() -> None:
    text = (
        "Riot police broke up a sit-in outside the parliament on Friday. Opposition deputies "
        "described the operation as a “massacre of democracy” and walked out of the chamber."
    )
    assert kinds(text) == ["Protest with intervention"]


def test_instances_listed_of_a_wave_told_in_the_present_perfect_are_background() -> None:
    text = (
        "The coastal city has been rocked by weeks of attacks — including drone strikes on its "
        "airport and power station — that have left much of it without electricity."
    )
    assert kinds(text) == []


def test_what_social_media_posts_claim_is_no_event_and_no_toll() -> None:
    # the claim neither starts an incident nor gives the one it names an uncounted toll
    for claim in (
        "Posts on social media also claimed deaths of students at the hands of the mob.",
        "Posts on social media claimed that dozens were killed.",
        "Unverified videos on social media claimed the riots left dozens dead.",
    ):
        text = "A mob of rioters attacked a hostel for foreign students on Friday. " + claim
        found = [i for i in run(text) if not i.background]
        assert [(i.sub_event_type, i.fatalities) for i in found] == [("Mob violence", 0)], claim
    # a sentence may open with "That ...": no claim before it to look back to
    assert kinds("That jets bombed the prison on Friday was confirmed by aid groups.") == [
        "Air/drone strike"
    ]


def test_a_day_of_a_wave_counted_is_no_new_event() -> None:
    text = (
        "Crowds hurled stones at police in Nakuru on Saturday. The chaotic scenes marked the "
        "second day of clashes in Eldoret."
    )
    found = placed(text, {"Nakuru": NAKURU, "Eldoret": ELDORET})
    assert [(i.sub_event_type, i.location) for i in found if not i.background] == [
        ("Violent demonstration", "Nakuru")
    ]
