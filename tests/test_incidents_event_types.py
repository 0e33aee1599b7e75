"""Event and sub-event types that ACLED's coders give by rule (issue 12).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from test_incidents import KANO, kinds, run


def types(text: str) -> list[tuple[str, str]]:
    return kinds(run(text, places={"Kano": KANO}))


def test_the_subject_of_a_passive_verb_is_who_was_hit() -> None:
    # "in a village" tells where the fighter fell, not that villagers were hit
    text = "A member of the rebel army was killed in a village near Kano on Friday."
    assert types(text) == [("Battles", "Armed clash")]


def test_they_of_a_passive_verb_are_the_sentence_s_subject() -> None:
    armed = (
        "Hired mercenaries were driving to a farm near Kano on Friday when they were "
        "ambushed, killing two."
    )
    assert types(armed) == [("Battles", "Armed clash")]
    fleeing = (
        "Villagers were fleeing the soldiers near Kano on Friday when they were ambushed, "
        "killing two."
    )
    assert types(fleeing) == [("Violence against civilians", "Attack")]


def test_an_abduction_whose_victims_were_killed_is_the_killing() -> None:
    text = (
        "On Friday, four traders who had been kidnapped were killed by a gang near Kano. "
        "The gang had kidnapped a total of nine people on the highway."
    )
    assert types(text) == [("Violence against civilians", "Attack")]
    slain = "The 12 travellers slain by bandits near Kano on Friday had been abducted on the road."
    assert types(slain) == [("Violence against civilians", "Attack")]


def test_forces_entering_the_territory_of_a_site_do_not_take_a_town() -> None:
    text = (
        "Gunmen and police clashed at a monastery near Kano on Friday. Police forces then "
        "entered the territory of the monastery in the evening, ending the siege."
    )
    assert types(text) == [("Battles", "Armed clash")]


def test_a_riot_of_demonstrators_called_a_mob_later_stays_a_violent_demonstration() -> None:
    # reporters call rioting demonstrators a mob; that does not make it Mob violence
    text = (
        "Rioting broke out in Kano on Friday after a rally against fuel prices. "
        "Police said a mob ran amok in the city centre, smashing shop windows."
    )
    assert types(text) == [("Riots", "Violent demonstration")]


def test_a_mob_that_turns_on_a_community_is_still_mob_violence() -> None:
    text = "A mob set fire to churches and homes of Christians in Kano on Friday."
    assert types(text) == [("Riots", "Mob violence")]


def test_protesters_who_throw_objects_or_vandalise_make_a_riot() -> None:
    # demonstrators who use violence or destroy property make a riot (ACLED)
    thrown = (
        "Police used tear gas against protesters in Kano on Friday, "
        "and some protesters threw objects at the officers."
    )
    assert types(thrown) == [("Riots", "Violent demonstration")]
    vandalism = (
        "Police fired tear gas at protesters in Kano on Friday as they entered a "
        "government office and carried out extensive vandalism."
    )
    assert types(vandalism) == [("Riots", "Violent demonstration")]
    peaceful = "Police used tear gas against protesters in Kano on Friday."
    assert types(peaceful) == [("Protests", "Protest with intervention")]


def test_any_verb_of_throwing_stones_at_a_demonstration_makes_a_riot() -> None:
    # flung, tossed, lobbed or pelting: the verb does not matter, the stones thrown do
    for told in (
        "some of them flung stones at the officers",
        "a group of them tossed rocks at the officers",
        "some lobbed bricks at the officers",
        "a group was pelting stones at the officers",
        "some stoned the police vehicles",
    ):
        text = f"Police used tear gas against protesters in Kano on Friday, and {told}."
        assert types(text) == [("Riots", "Violent demonstration")], told
    teargas = "Police lobbed teargas canisters at protesters in Kano on Friday."
    assert types(teargas) == [("Protests", "Protest with intervention")]


def test_a_target_hit_by_a_drone_is_a_drone_strike_whoever_it_is() -> None:
    # explosive and remote weapons decide the type, told after the verb in a passive
    text = "A lorry was struck by a small drone near Kano on Friday, injuring the driver."
    assert types(text) == [("Explosions/Remote violence", "Air/drone strike")]


def test_party_activists_fighting_police_make_a_riot() -> None:
    # a party's activists or workers on the street are demonstrators: their clash with
    # police is a riot, not a battle (ACLED)
    for who in ("Activists of the opposition party", "Party workers of the opposition"):
        text = f"{who} clashed with police in Kano on Friday."
        assert types(text) == [("Riots", "Violent demonstration")], who
    armed = "Rebel cadres clashed with police in Kano on Friday."
    assert types(armed) == [("Battles", "Armed clash")]
