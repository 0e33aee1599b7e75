"""What news copy tells that is not news: older events, tallies, spoils (issue 12, session 8).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

from test_incidents import KADUNA, KANO, kinds, run

FRIDAY = dt.date(2023, 6, 2)


def test_an_undated_lead_is_dated_by_the_publication_for_older_events_told_after_it() -> None:
    text = (
        "Gunmen have killed 12 villagers in an attack on a bus in Kano. The governor imposed "
        "emergency rule last month after a pair of suicide bombings at churches killed 30 "
        "people. The bombings on 3 April struck worshippers in Kano."
    )
    found = [i for i in run(text, published=FRIDAY, places={"Kano": KANO}) if not i.background]
    assert [(i.sub_event_type, i.fatalities) for i in found] == [("Attack", 12)]


def test_an_older_event_is_the_news_when_the_story_gives_no_recent_one() -> None:
    text = "Officials said the toll of the bombing in Kano on 3 April had risen to 30."
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    ]


def test_a_toll_that_has_risen_since_an_offensive_began_is_a_tally() -> None:
    text = (
        "Bombardment by government forces has killed and injured scores of residents in villages "
        "around Kano since militias launched an offensive in the region."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == []


def test_a_toll_since_a_day_of_this_week_is_the_news() -> None:
    text = "Fighting between two militias has killed dozens of people in Kano since Tuesday."
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [("Battles", "Armed clash")]


def test_weapons_recovered_after_a_clash_are_its_spoils() -> None:
    text = (
        "Troops killed two rebels in a clash near Kano on Thursday. The military recovered "
        "three rifles, a pistol and assorted ammunition from the scene."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [("Battles", "Armed clash")]


def test_a_weapons_cache_found_on_its_own_is_still_told() -> None:
    text = "Police seized rifles and ammunition hidden in a house in Kano on Thursday."
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_an_assault_repelled_in_the_attack_told_is_its_outcome() -> None:
    text = (
        "Militants attacked a checkpoint near Kano on Thursday, killing two soldiers. The "
        "attempt to storm the post was thwarted by the guards."
    )
    found = kinds(run(text, published=FRIDAY, places={"Kano": KANO}))
    assert ("Strategic developments", "Disrupted weapons use") not in found
    assert len(found) == 1


def test_what_a_side_has_done_to_a_bare_plural_is_a_habit() -> None:
    text = (
        "A roadside bomb killed three soldiers near Kano on Thursday. The rebels have also "
        "murdered villagers they accuse of spying for the army."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    ]


def test_a_present_perfect_lead_with_a_count_is_news() -> None:
    text = "Gunmen have killed 12 villagers in an attack near Kano."
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Violence against civilians", "Attack")
    ]


def test_an_event_a_paper_recalls_from_earlier_coverage_is_background() -> None:
    text = (
        "Bandits abducted 12 residents of a village near Kano on Thursday. The Daily Star "
        "reported how the gangs killed 200 people in Kano last week."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Violence against civilians", "Abduction/forced disappearance")
    ]


def test_devices_told_again_are_those_made_safe() -> None:
    text = (
        "Soldiers defused two roadside bombs near Kano on Thursday. The commander thanked "
        "the farmers who showed the soldiers where the IEDs lay buried."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_a_crowd_that_reports_an_attack_did_not_riot() -> None:
    text = (
        "Activists monitoring the region said a convoy of pilgrims was attacked on a "
        "desert road near Kano on Thursday."
    )
    found = kinds(run(text, published=FRIDAY, places={"Kano": KANO}))
    assert ("Riots", "Violent demonstration") not in found


def test_a_side_that_reports_its_own_act_stays_its_actor() -> None:
    text = "Rebels said on Thursday that they had seized the town of Kano."
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Battles", "Non-state actor overtakes territory")
    ]


def test_an_attack_made_by_a_drone_is_a_drone_strike() -> None:
    text = "A lorry was struck by a small drone near Kano on Thursday, the driver was injured."
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_another_shell_of_the_day_and_another_family_are_the_shelling_told() -> None:
    text = (
        "A shell struck a house in Kano on Thursday, killing five members of one family. "
        "Hours later, another shell landed near the cemetery. The same day, shelling "
        "killed four members of another family in Kano."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    ]


def test_another_attack_is_still_another_event() -> None:
    text = (
        "Gunmen killed two farmers near Kano on Thursday. In another attack, gunmen killed "
        "three traders in Kaduna on Thursday."
    )
    found = run(text, published=FRIDAY, places={"Kano": KANO, "Kaduna": KADUNA})
    assert len([i for i in found if not i.background]) == 2


def test_words_quoted_with_their_speaker_retell_the_event() -> None:
    text = (
        "Rebels ambushed an army patrol near Kano on Thursday, killing four soldiers. The "
        "four belonged to a unit that “came under fire from rockets and heavy machine guns,” "
        "the army said in a statement."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) == [("Battles", "Armed clash")]


def test_words_quoted_into_the_reporters_clause_still_tell_the_event() -> None:
    text = (
        "Three army bases near Kano were hit on Thursday by “armed groups who used suicide "
        "car bombs against the gates”."
    )
    assert kinds(run(text, published=FRIDAY, places={"Kano": KANO})) != []
