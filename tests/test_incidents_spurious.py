"""News copy that reports no event of its own, or retells one already told (issue 12).

Each rule below is a statement of news copy in general; the sentences are written for the
test, and each shows the rule as a reader of the output would meet it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents.dates import find_dates
from test_incidents import KADUNA, KANO, kinds, run


def test_a_photo_credit_after_a_slash_makes_the_line_a_caption() -> None:
    text = (
        "Gunmen killed five traders in Kano on Saturday, police said.\n\n"
        "The burnt stalls of a market in Kaduna after an air strike on Friday. / Supplied\n\n"
        "The attackers fled on motorcycles."
    )
    found = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert kinds(found) == [("Violence against civilians", "Attack")]
    assert all(i.location == "Kano" for i in found)


def test_a_line_with_a_slash_but_no_credit_is_read() -> None:
    text = "Gunmen killed five traders in Kano on Saturday and/or Sunday, police said."
    assert kinds(run(text, places={"Kano": KANO})) == [("Violence against civilians", "Attack")]


def test_crowd_dispersal_grenades_are_police_action_not_a_grenade_attack() -> None:
    text = "Riot police fired crowd-dispersal grenades at protesters in Kano on Saturday."
    assert kinds(run(text, places={"Kano": KANO})) == [("Protests", "Protest with intervention")]


def test_a_thrown_grenade_is_still_a_grenade_attack() -> None:
    text = "A man threw a grenade at protesters in Kano on Saturday."
    assert ("Explosions/Remote violence", "Grenade") in kinds(run(text, places={"Kano": KANO}))


def test_people_missing_after_monsoon_rains_were_not_abducted() -> None:
    text = (
        "Two people died and four remain missing after homes were washed away during "
        "torrential monsoon rains near Kano, officials said on Saturday."
    )
    assert kinds(run(text, places={"Kano": KANO})) == []


def test_deaths_in_a_story_that_opens_on_a_flood_are_the_floods() -> None:
    text = (
        "Houses submerged in Kano flood\n\n"
        "Houses stood in brown water in Kano on Saturday.\n\n"
        "Twelve people were killed in the district, officials said."
    )
    assert kinds(run(text, places={"Kano": KANO})) == []


def test_people_missing_after_gunmen_stopped_them_were_abducted() -> None:
    text = "Four aid workers are missing after gunmen stopped their car near Kano on Saturday."
    found = kinds(run(text, places={"Kano": KANO}))
    assert found == [("Violence against civilians", "Abduction/forced disappearance")]


def test_an_event_a_year_before_the_news_is_its_context() -> None:
    text = (
        "A smoke canister hurled by a man missed the governor's car in Kano on Saturday, "
        "nearly a year after a senator was shot dead at a rally."
    )
    incidents = run(text, places={"Kano": KANO})
    # the senator's death, a year before, is found and kept as the story's context
    deadly = [i for i in incidents if i.fatalities]
    assert deadly and all(i.background for i in deadly)
    assert all(i.sub_event_type != "Attack" for i in incidents if not i.background)


def test_an_event_hours_before_the_news_is_still_told() -> None:
    text = "Rioters burned buses in Kano on Saturday, hours after a man stabbed three children."
    found = kinds(run(text, places={"Kano": KANO}))
    assert ("Riots", "Violent demonstration") in found


def test_the_mob_named_again_tells_more_of_its_riot() -> None:
    text = (
        "Supporters of the senator rioted at a court in Kano on Saturday, smashing windows. "
        "The mob also attacked the cars of two prosecutors."
    )
    assert kinds(run(text, places={"Kano": KANO})) == [("Riots", "Violent demonstration")]


def test_other_actors_that_also_attack_tell_another_event() -> None:
    text = (
        "Supporters of the senator rioted at a court in Kano on Saturday, smashing windows. "
        "Gunmen also attacked a police post in Kaduna."
    )
    found = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert len([i for i in found if not i.background]) == 2


def test_a_missiles_launch_site_is_not_where_it_struck() -> None:
    text = (
        "A missile struck a block of flats in Kano on Saturday, killing 12 people. "
        "The missile that destroyed the block was a cruise missile launched from the Kaduna "
        "region, the air force said."
    )
    found = [i for i in run(text, places={"Kano": KANO, "Kaduna": KADUNA}) if not i.background]
    assert [i.location for i in found] == ["Kano"]


def test_what_a_group_is_planning_to_do_is_no_event() -> None:
    text = (
        "Police dispersed a sit-in in Kano on Saturday. The union is planning to keep holding "
        "marches on Mondays and surprise protests at the ministries."
    )
    assert kinds(run(text, places={"Kano": KANO})) == [("Protests", "Protest with intervention")]


def test_a_truce_named_as_the_time_of_other_events_is_no_agreement() -> None:
    text = (
        "Shells hit homes in Kano on Saturday. The markets of the city had stayed open "
        "throughout the humanitarian truce."
    )
    found = kinds(run(text, places={"Kano": KANO}))
    assert ("Strategic developments", "Agreement") not in found


def test_a_truce_agreed_is_an_agreement() -> None:
    text = "The army and the rebels agreed to a humanitarian truce in Kano on Saturday."
    found = kinds(run(text, places={"Kano": KANO}))
    assert ("Strategic developments", "Agreement") in found


def test_a_line_of_tags_run_together_is_no_story() -> None:
    text = (
        "Police dispersed a march in Kano on Saturday.\n\n"
        "MarchesKanoNorthern NigeriaPolice raidsPeace truce"
    )
    assert kinds(run(text, places={"Kano": KANO})) == [("Protests", "Protest with intervention")]


def test_weapons_heard_during_a_clash_are_the_clash() -> None:
    text = (
        "Fighting broke out between two army units at the barracks in Kano on Saturday. "
        "The president left the city by car. "
        "The minister of defence spoke on the radio. "
        "Schools stayed closed. "
        "Residents said heavy weapons and mortar fire were heard at the barracks."
    )
    assert kinds(run(text, places={"Kano": KANO})) == [("Battles", "Armed clash")]


def test_mortar_fire_that_kills_is_a_strike_of_its_own() -> None:
    text = (
        "Fighting broke out between two army units at the barracks in Kano on Saturday. "
        "The president left the city by car. "
        "The minister of defence spoke on the radio. "
        "Schools stayed closed. "
        "Mortar fire hit a market in Kaduna on Sunday, killing four traders."
    )
    found = kinds(run(text, places={"Kano": KANO, "Kaduna": KADUNA}))
    assert ("Explosions/Remote violence", "Shelling/artillery/missile attack") in found


@pytest.mark.parametrize(
    ("published", "phrase", "day"),
    [
        (dt.date(2024, 3, 9), "last weekend", dt.date(2024, 3, 2)),  # told on a Saturday
        (dt.date(2024, 3, 10), "last weekend", dt.date(2024, 3, 2)),  # told on a Sunday
        (dt.date(2024, 3, 11), "last weekend", dt.date(2024, 3, 9)),  # told on a Monday
        (dt.date(2024, 3, 10), "over the weekend", dt.date(2024, 3, 9)),
    ],
)
def test_last_weekend_told_at_a_weekend_is_the_one_before(
    published: dt.date, phrase: str, day: dt.date
) -> None:
    text = f"A quiet gathering {phrase} grew into a march of hundreds."
    (found,) = find_dates(text, published=published)
    assert found.date == day


def test_a_vigil_retold_with_last_weekend_is_one_protest() -> None:
    text = (
        "A vigil for the victims of the fire was held in Kano on Nov. 26.\n\n"
        "The gathering that began as a vigil last weekend grew into a march of hundreds."
    )
    found = run(text, published=dt.date(2022, 12, 3), places={"Kano": KANO})
    assert kinds(found) == [("Protests", "Peaceful protest")]


def test_a_plot_thwarted_is_no_weapons_use() -> None:
    text = (
        "Police arrested three men in Kano on Saturday. Officers said they had also uncovered "
        "a second plot against a radio mast, which was thwarted."
    )
    found = kinds(run(text, places={"Kano": KANO}))
    assert ("Strategic developments", "Disrupted weapons use") not in found


def test_an_attack_thwarted_with_bombs_defused_is_a_disrupted_weapons_use() -> None:
    text = "Soldiers thwarted an attack on a bridge in Kano on Saturday, defusing two bombs."
    found = kinds(run(text, places={"Kano": KANO}))
    assert ("Strategic developments", "Disrupted weapons use") in found
