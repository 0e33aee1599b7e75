"""Rules drawn from real news pages: headlines, page furniture, demonstrations, quotes, towns.

Each test is written as a user would meet the rule: news copy as pages carry it (a
headline line above the dateline, "ALSO READ" links, captions in capitals), and the
incidents that must or must not come out of it.
"""

from __future__ import annotations

import pytest

from incidentmap.errors import IncidentMapError
from incidentmap.geoparse.datelines import find_dateline
from incidentmap.incidents.page import Furniture
from incidentmap.model import Place
from test_incidents import KADUNA, KANO, NIGERIA, kinds, run

HONDURAS = Place("geonames:3608932", "Honduras", 15.0, -86.5, "A", "PCLI", "HN")
TOCOA = Place("geonames:3600949", "Tocoa", 15.68, -86.0, "P", "PPL", "HN", "02", 40000)


def test_headline_and_lead_are_one_incident_with_the_leads_facts() -> None:
    text = (
        "Gunmen kill 12 in Kano market attack\n"
        "KANO — Gunmen killed 12 traders in a market in Kano on Saturday, police said.\n"
        "The attackers fled on motorcycles."
    )
    incidents = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert kinds(incidents) == [("Violence against civilians", "Attack")]
    (attack,) = incidents
    assert attack.event_date == "2021-11-06"  # the lead's Saturday, not the report's week
    assert attack.fatalities == 12
    assert attack.evidence.startswith("KANO — Gunmen killed")


def test_a_headline_event_the_body_never_tells_stays() -> None:
    text = "Protesters march in Kano\nThe governor said on Saturday that roads would reopen."
    assert kinds(run(text, places={"Kano": KANO})) == [("Protests", "Peaceful protest")]


@pytest.mark.parametrize(
    "furniture",
    [
        "ALSO READ: Gunmen kill five in Kano market",
        "Read more: Bomb kills three in Kano",
        "Article continues after this advertisement",
        "GUNMEN KILLED FIVE PEOPLE IN KANO LAST YEAR",
    ],
)
def test_page_furniture_reports_no_incident(furniture: str) -> None:
    text = (
        "Thousands marched peacefully in Kano on Saturday to demand lower fuel prices.\n"
        f"{furniture}\n"
        "Organisers said they would march again next week."
    )
    assert kinds(run(text, places={"Kano": KANO})) == [("Protests", "Peaceful protest")]


def test_every_furniture_row_matches_its_example_and_not_its_counterexample() -> None:
    furniture = Furniture.default()
    assert len(furniture.rows) >= 20
    for row in furniture.rows:
        assert furniture.opens(row.must_match), f"{row.where}: {row.must_match!r} not matched"
        assert not furniture.opens(row.must_not_match), f"{row.where}: {row.must_not_match!r}"


def test_a_malformed_furniture_row_names_its_file_and_line() -> None:
    with pytest.raises(IncidentMapError, match=r"mine.tsv:2: expected"):
        Furniture.parse("# comment\nalso read only-two-fields\n", source="mine.tsv")


def test_arrests_and_scuffles_at_a_protest_are_part_of_it() -> None:
    text = (
        "Thousands of protesters marched in Kano on Saturday against fuel prices. "
        "Four police officers were injured in the fighting. "
        "Police detained at least 30 people."
    )
    incidents = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert len(incidents) == 1
    assert incidents[0].event_type.value in ("Protests", "Riots")
    assert incidents[0].injured == 4


def test_a_scuffle_told_as_a_clash_makes_the_protest_a_riot() -> None:
    text = (
        "Thousands of protesters marched in Kano on Saturday against fuel prices. "
        "Clashes broke out with police in Kano on Saturday."
    )
    got = kinds(run(text, places={"Kano": KANO}))
    assert ("Battles", "Armed clash") not in got
    assert len(got) == 1


def test_an_arrest_that_set_off_protests_stays_its_own_incident() -> None:
    text = (
        "Police detained the opposition leader in Kano on Saturday. "
        "His arrest set off protests in Kano on Saturday, with thousands marching."
    )
    got = kinds(run(text, places={"Kano": KANO}))
    assert ("Strategic developments", "Arrests") in got
    assert any(t == "Protests" for t, _ in got)


def test_fighting_between_troops_and_rebels_stays_a_battle_beside_a_protest() -> None:
    text = (
        "Thousands of protesters marched in Kano on Saturday. "
        "Troops and rebels clashed in Kano on Saturday, killing five."
    )
    got = kinds(run(text, places={"Kano": KANO}))
    assert ("Battles", "Armed clash") in got


def test_a_quote_that_opens_a_sentence_starts_no_incident() -> None:
    text = (
        "Thousands of protesters marched in Kano on Saturday. "
        "“The police are shooting at us,” one demonstrator told reporters."
    )
    got = kinds(run(text, places={"Kano": KANO}))
    assert ("Battles", "Armed clash") not in got
    assert len(got) == 1


def test_an_event_placed_at_its_country_goes_to_the_town_the_story_names() -> None:
    text = (
        "An environmental activist was shot dead in northern Honduras on Saturday, police "
        "said. He lived in the city of Tocoa on the Atlantic coast."
    )
    incidents = [
        i for i in run(text, places={"Honduras": HONDURAS, "Tocoa": TOCOA}) if not i.background
    ]
    assert [(i.location, int(i.geo_precision)) for i in incidents] == [("Tocoa", 2)]


def test_a_part_of_a_country_without_a_named_town_stays_in_that_part() -> None:
    text = "Gunmen killed five villagers in northern Nigeria on Saturday, police said."
    (attack,) = run(text, places={"Nigeria": NIGERIA})
    assert attack.location == "Sokoto"  # the seat of the state farthest north, not Abuja


def test_tear_gas_shells_are_crowd_control_not_shelling() -> None:
    text = "Police fired tear gas shells at protesters in Kano on Saturday."
    assert kinds(run(text, places={"Kano": KANO})) == [("Protests", "Protest with intervention")]


def test_a_casualty_count_does_not_cross_a_line() -> None:
    text = "Militants burn 500 homes\n\nFifteen people were killed in Kano on Saturday."
    incidents = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert [i.fatalities for i in incidents] == [15]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("9 killed in gang attack\nPORT-AU-PRINCE, Haiti — Gunmen killed nine.", "PORT-AU-PRINCE"),
        (" date 2024-03-06 IDLIB, Syria (AP) — Militants attacked villagers.", "IDLIB"),
        ("Sanaa, Jan 14 : Dozens of fighters were killed in clashes.", "Sanaa"),
    ],
)
def test_datelines_under_a_headline_or_after_a_date_stamp(text: str, place: str) -> None:
    found = find_dateline(text)
    assert found is not None and found.place == place
    assert text[found.start : found.end] == place


def test_a_body_sentence_is_not_taken_for_a_headline_above_a_dateline() -> None:
    text = (
        "Police said the protest in the capital had ended peacefully after four hours.\n"
        "KANO — Gunmen killed nine."
    )
    assert find_dateline(text) is None


def test_a_headline_printed_twice_is_still_the_headline() -> None:
    text = (
        "Police Say 4 Dead, 1 Missing in Kaduna Attack\n\n"
        "Police Say 4 Dead, 1 Missing in Kaduna Attack\n"
        "The Associated Press\n\n"
        "KANO, Nigeria - Soldiers on Saturday recovered the bodies of four road workers who "
        "were killed in an attack in Kano, the army said.\n"
        "The four men were killed late Thursday when gunmen stormed a building site in Kano.\n"
    )
    found = [i for i in run(text, places={"Kaduna": KADUNA, "Kano": KANO}) if not i.background]
    assert [(i.location, i.fatalities) for i in found] == [("Kano", 4)]
