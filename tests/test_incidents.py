"""Incident extraction rules on short sentences of our own."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Literal

import pytest

from incidentmap.errors import InputError
from incidentmap.incidents import Taxonomy, extract_incidents, merge_incidents
from incidentmap.model import (
    Article,
    EventType,
    GeoPrecision,
    Incident,
    Place,
    TimePrecision,
    Toponym,
)

SUNDAY = dt.date(2021, 11, 7)
KANO = Place("geonames:2335204", "Kano", 12.00012, 8.51672, "P", "PPLA", "NG", "29", 3626068)
NIGERIA = Place("geonames:2328926", "Nigeria", 10.0, 8.0, "A", "PCLI", "NG")
KADUNA = Place("geonames:2335727", "Kaduna", 10.52641, 7.43879, "P", "PPLA", "NG", "23")
MARKET = Place(
    "curated:kurmi-market-kano", "Kurmi Market", 11.9960, 8.5150, "S", "MKT", "NG", "29",
    parent_id="geonames:2335204",
)  # fmt: skip


def run(text: str, *, published: dt.date | None = SUNDAY, places: dict[str, Place] | None = None,
        dateline: str | None = None, **kw: object) -> list[Incident]:  # fmt: skip
    toponyms = []
    for name, place in (places or {}).items():
        at = text.find(name)
        while at >= 0:
            kind: Literal["place", "demonym", "dateline"] = (
                "dateline" if name == dateline and at == 0 else "place"
            )
            if place.is_country and name.endswith("n"):
                kind = "demonym"
            toponyms.append(Toponym(at, at + len(name), name, kind, place, 0.9))
            at = text.find(name, at + len(name))
    article = Article("t", text, published=published, url="https://example.org/t")
    return extract_incidents(article, sorted(toponyms, key=lambda t: t.start), **kw)  # type: ignore[arg-type]


def kinds(incidents: list[Incident]) -> list[tuple[str, str]]:
    return [(i.event_type.value, i.sub_event_type) for i in incidents if not i.background]


@pytest.mark.parametrize(
    ("sentence", "event_type", "sub_event"),
    [
        ("Rebels and soldiers clashed near the border on Friday.", "Battles", "Armed clash"),
        ("Troops recaptured the town from insurgents on Friday.", "Battles",
         "Government regains territory"),
        ("Militants seized control of the town on Friday.", "Battles",
         "Non-state actor overtakes territory"),
        ("A roadside bomb killed two soldiers on Friday.", "Explosions/Remote violence",
         "Remote explosive/landmine/IED"),
        ("A suicide bomber blew himself up at a mosque on Friday.", "Explosions/Remote violence",
         "Suicide bomb"),
        ("An air strike hit a market on Friday.", "Explosions/Remote violence",
         "Air/drone strike"),
        ("Artillery shelling hit the suburbs on Friday.", "Explosions/Remote violence",
         "Shelling/artillery/missile attack"),
        ("A man threw a grenade into a bar on Friday.", "Explosions/Remote violence", "Grenade"),
        ("Witnesses reported a chlorine gas attack on Friday.", "Explosions/Remote violence",
         "Chemical weapon"),
        ("Gunmen kidnapped 20 students on Friday.", "Violence against civilians",
         "Abduction/forced disappearance"),
        ("Gunmen shot dead three villagers on Friday.", "Violence against civilians", "Attack"),
        ("Soldiers raped two women in the village on Friday.", "Violence against civilians",
         "Sexual violence"),
        ("Thousands of teachers marched through the capital on Friday.", "Protests",
         "Peaceful protest"),
        ("Police fired tear gas at protesters on Friday.", "Protests",
         "Protest with intervention"),
        ("Soldiers opened fire on protesters on Friday, killing four.", "Protests",
         "Excessive force against protesters"),
        ("Rioters torched cars and threw stones at police on Friday.", "Riots",
         "Violent demonstration"),
        ("A mob lynched a man accused of theft on Friday.", "Riots", "Mob violence"),
        ("Police arrested five suspects on Friday.", "Strategic developments", "Arrests"),
        ("The two sides signed a peace agreement on Friday.", "Strategic developments",
         "Agreement"),
        ("Air defences intercepted a drone over the city on Friday.", "Strategic developments",
         "Disrupted weapons use"),
        ("Looters ransacked shops in the market on Friday.", "Strategic developments",
         "Looting/property destruction"),
        ("The rebels withdrew from the town on Friday.", "Strategic developments",
         "Non-violent transfer of territory"),
        ("The group pledged allegiance to Islamic State on Friday.", "Strategic developments",
         "Change to group/activity"),
        ("The militia set up a new base near the river on Friday.", "Strategic developments",
         "Headquarters or base established"),
        ("Army officers staged a coup on Friday.", "Strategic developments", "Other"),
    ],
)  # fmt: skip
def test_triggers_of_each_sub_event_type(sentence: str, event_type: str, sub_event: str) -> None:
    assert kinds(run(sentence)) == [(event_type, sub_event)]


def test_march_the_month_is_not_a_protest() -> None:
    assert run("The elections were held in March.") == []


def test_a_curfew_order_is_not_an_event() -> None:
    # the order is a response; the events are what it answers and what defies it
    assert run("The governor imposed a curfew on Friday.") == []


def test_threats_calls_and_bans_are_not_events() -> None:
    assert run("The union threatened to strike and called for protests next week.") == []
    assert run("The governor banned demonstrations in the city.") == []


def test_accidents_are_not_political_violence() -> None:
    assert run("A canopy collapsed at the station on Friday, killing 15 people.") == []


def test_dates_relative_to_publication() -> None:
    cases = {
        "Gunmen kidnapped ten people early Sunday.": ("2021-11-07", TimePrecision.DAY),
        "Gunmen kidnapped ten people on Friday.": ("2021-11-05", TimePrecision.DAY),
        "Gunmen kidnapped ten people yesterday.": ("2021-11-06", TimePrecision.DAY),
        "Gunmen kidnapped ten people last week.": ("2021-10-25", TimePrecision.WEEK),
        "Gunmen kidnapped ten people last month.": ("2021-10-01", TimePrecision.MONTH),
        "Gunmen kidnapped ten people this summer.": ("2021-06-01", TimePrecision.MONTH),
        "Gunmen kidnapped ten people on Nov. 3, 2021.": ("2021-11-03", TimePrecision.DAY),
        "Gunmen kidnapped ten people on 2 November.": ("2021-11-02", TimePrecision.DAY),
    }
    for text, expected in cases.items():
        (inc,) = run(text)
        assert (inc.event_date, inc.time_precision) == expected, text


def test_without_publication_date_relative_dates_stay_unresolved() -> None:
    (inc,) = run("Gunmen kidnapped ten people on Friday.", published=None)
    assert inc.event_date is None
    assert any("not resolved" in note for note in inc.notes)
    (dated,) = run("Gunmen kidnapped ten people on Nov. 5, 2021.", published=None)
    assert dated.event_date == "2021-11-05"


def test_undated_current_event_gets_publication_date_as_approximate() -> None:
    (inc,) = run("Gunmen kidnapped ten people in the north.")
    assert (inc.event_date, inc.time_precision) == ("2021-11-07", TimePrecision.WEEK)
    assert any("publication date" in note for note in inc.notes)


def test_report_date_is_not_event_date() -> None:
    text = "Gunmen kidnapped ten traders on Friday. Police said on Sunday that the kidnapping "
    text += "was the third this year."
    (inc,) = run(text)
    assert inc.event_date == "2021-11-05"


def test_a_day_after_dates_the_earlier_event() -> None:
    text = "Rescuers searched the rubble on Tuesday, a day after a suicide bomber blew himself up."
    (inc,) = run(text, published=dt.date(2023, 1, 31))
    assert inc.sub_event_type == "Suicide bomb"
    assert inc.event_date == "2023-01-30"


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("A bomb killed a man and wounded more than 125 people on Friday.", 1, 125),
        ("A bomb exploded on Friday. Two soldiers and three civilians were killed.", 5, None),
        ("A bomb exploded on Friday, killing dozens.", None, None),
        ("A bomb exploded on Friday, killing at least twenty-five people.", 25, None),
        ("A bomb exploded on Friday. No one was hurt.", 0, 0),
        ("A bomb exploded on Friday. The death toll rose to 43.", 43, None),
        ("Two 19-year-old students were shot dead on Friday.", 2, None),  # an age, no count
        (
            "A bomb exploded on Friday. The death toll from the blast at the bus station in the "
            "old town has risen to 29.",
            29,
            None,
        ),  # the toll told with its event
    ],
)
def test_casualties_are_conservative(text: str, killed: int | None, injured: int | None) -> None:
    (inc,) = run(text)
    assert (inc.fatalities, inc.injured) == (killed, injured)


def test_no_deaths_means_zero_for_protests_and_arrests() -> None:
    (inc,) = run("Police arrested five suspects on Friday.")
    assert inc.fatalities == 0


def test_a_report_that_counts_the_wounded_and_no_dead_means_none_died() -> None:
    (blast,) = run("A roadside bomb wounded four soldiers near Kano on Monday.")
    assert (blast.fatalities, blast.injured) == (0, 4)
    (shelling,) = run("Shells hit a school on Monday, injuring several pupils.")
    assert shelling.fatalities == 0
    (strike,) = run("Warplanes struck rebel positions on Monday.")
    assert strike.fatalities == 0  # a strike told with no deaths: none (taxonomy.json)


def test_a_town_taken_with_no_deaths_told_has_none() -> None:
    # ACLED codes a capture whose report tells of no deaths as 0, like a clash (taxonomy.json)
    (taken,) = run("Rebels captured the town of Kano on Monday.", places={"Kano": KANO})
    assert taken.sub_event_type == "Non-state actor overtakes territory"
    assert taken.fatalities == 0
    (retaken,) = run(
        "Troops recaptured Kano on Monday. Nine soldiers were killed in the assault.",
        places={"Kano": KANO},
    )
    assert (retaken.sub_event_type, retaken.fatalities) == ("Government regains territory", 9)


def test_later_references_enrich_the_first_report() -> None:
    text = (
        "A car bomb exploded at a market in Kano on Friday. The blast killed 12 people. "
        "The attack was claimed by no group. Police said the explosion wounded 30 others."
    )
    (inc,) = run(text, places={"Kano": KANO})
    assert inc.sub_event_type == "Remote explosive/landmine/IED"
    assert (inc.fatalities, inc.injured) == (12, 30)
    assert inc.evidence.startswith("A car bomb exploded")
    assert inc.evidence_start == 0 and text[inc.evidence_start : inc.evidence_end] == inc.evidence


def test_another_attack_is_a_new_incident() -> None:
    text = "A bomb exploded in Kano on Friday. Another bomb exploded in Kaduna on Saturday."
    incidents = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert [i.location for i in incidents] == ["Kano", "Kaduna"]


def test_generic_and_habitual_statements_are_background() -> None:
    text = (
        "A drone strike hit a base in Kano on Friday. Militants have been blamed for dozens of "
        "rocket and drone strikes on the city in recent years."
    )
    incidents = run(text, places={"Kano": KANO})
    assert [i.background for i in incidents] == [False, True]
    assert len(run(text, places={"Kano": KANO}, include_background=False)) == 1


def test_campaigns_and_history_are_background() -> None:
    text = (
        "Protesters marched in Kano on Friday. The uprising against the government in 2019 "
        "left hundreds dead. In 2015, a bombing killed 40 people at the market."
    )
    incidents = run(text, places={"Kano": KANO})
    assert [(i.event_type.value, i.background) for i in incidents] == [
        ("Protests", False),
        ("Protests", True),
        ("Explosions/Remote violence", True),
    ]


def test_charge_of_an_arrest_is_not_a_separate_event() -> None:
    text = "Police arrested militants linked to rocket attacks near the airport in June 2019."
    assert kinds(run(text)) == [("Strategic developments", "Arrests")]


def test_location_prefers_landmark_then_city_then_country() -> None:
    text = "A grenade exploded at Kurmi Market in Kano, Nigeria, on Friday."
    (inc,) = run(text, places={"Kurmi Market": MARKET, "Kano": KANO, "Nigeria": NIGERIA})
    assert (inc.place_id, inc.geo_precision) == ("curated:kurmi-market-kano", GeoPrecision.EXACT)


def test_near_a_town_is_precision_two() -> None:
    (inc,) = run("Gunmen attacked a village near Kano on Friday.", places={"Kano": KANO})
    assert (inc.location, inc.geo_precision) == ("Kano", GeoPrecision.NEAR)


def test_country_only_is_its_capital_at_precision_three() -> None:
    # ACLED codes an event known only to a country at the country's capital, precision 3
    (inc,) = run("Gunmen kidnapped ten people in Nigeria on Friday.", places={"Nigeria": NIGERIA})
    assert (inc.location, inc.geo_precision) == ("Abuja", GeoPrecision.REGION)
    assert inc.country_code == "NG"
    assert any("only Nigeria named: its capital" in note for note in inc.notes)


def test_dateline_fallback_is_coarser() -> None:
    text = "KANO — Gunmen kidnapped ten people on Friday. Kano police confirmed it."
    (inc,) = run(text, places={"KANO": KANO, "Kano": KANO}, dateline="KANO")
    assert (inc.location, inc.geo_precision) == ("Kano", GeoPrecision.NEAR)


def test_demonym_is_not_a_location_when_a_place_is_named() -> None:
    text = "Nigerian troops clashed with bandits near Kaduna on Friday."
    (inc,) = run(text, places={"Nigerian": NIGERIA, "Kaduna": KADUNA})
    assert inc.location == "Kaduna"


def test_ids_are_stable_and_distinct() -> None:
    text = "A bomb exploded in Kano on Friday. Police arrested two men on Saturday."
    first = run(text, places={"Kano": KANO})
    again = run(text, places={"Kano": KANO})
    assert [i.id for i in first] == [i.id for i in again]
    assert len({i.id for i in first}) == 2


def test_confidence_reflects_place_and_date() -> None:
    (placed,) = run("A car bomb exploded in Kano on Friday.", places={"Kano": KANO})
    (bare,) = run("A car bomb exploded.")
    assert 0 < bare.confidence < placed.confidence <= 1


def _report(article_id: str, **changes: object) -> Incident:
    base = Incident(
        id=f"id-{article_id}", article_id=article_id, event_type=EventType.EXPLOSIONS,
        sub_event_type="Remote explosive/landmine/IED", event_date="2021-11-05",
        time_precision=TimePrecision.DAY, location="Kano", place_id=KANO.id, lat=KANO.lat,
        lon=KANO.lon, country_code="NG", admin1="29", geo_precision=GeoPrecision.EXACT,
        evidence="A bomb exploded.", evidence_start=0, evidence_end=16, fatalities=3,
        source_url=f"https://example.org/{article_id}",
    )  # fmt: skip
    return replace(base, **changes)  # type: ignore[arg-type]


def test_cross_article_reports_of_one_event_merge() -> None:
    merged = merge_incidents(
        [
            _report("a", fatalities=3),
            _report("b", fatalities=5, lat=12.05, lon=8.55, geo_precision=GeoPrecision.NEAR),
            _report("c", event_date="2021-11-01", time_precision=TimePrecision.WEEK),
        ]
    )
    assert len(merged) == 1
    (inc,) = merged
    assert inc.sources == 3
    assert inc.article_ids == ("a", "b", "c")
    assert inc.source_urls == tuple(f"https://example.org/{x}" for x in "abc")
    assert inc.fatalities == 5  # the highest report, never a sum
    assert (inc.event_date, inc.time_precision) == ("2021-11-05", TimePrecision.DAY)
    assert inc.geo_precision is GeoPrecision.EXACT


def test_cross_article_merge_keeps_different_events_apart() -> None:
    far = _report("b", lat=KADUNA.lat, lon=KADUNA.lon, location="Kaduna")
    later = _report("c", event_date="2021-11-09")
    other_type = _report("d", event_type=EventType.BATTLES, sub_event_type="Armed clash")
    same_article = _report("a", id="id-a2")
    merged = merge_incidents([_report("a"), far, later, other_type, same_article])
    assert len(merged) == 5
    assert all(i.sources == 1 for i in merged)


def test_merge_ids_are_stable_whatever_the_order() -> None:
    one = merge_incidents([_report("a"), _report("b")])
    two = merge_incidents([_report("b"), _report("a")])
    assert one[0].id == two[0].id


def test_taxonomy_lists_all_acled_sub_event_types() -> None:
    tax = Taxonomy.default()
    by_type: dict[str, set[str]] = {}
    for sub in tax.sub_event_types:
        by_type.setdefault(sub.event_type.value, set()).add(sub.name)
    assert {k: len(v) for k, v in by_type.items()} == {
        "Battles": 3,
        "Explosions/Remote violence": 6,
        "Violence against civilians": 3,
        "Protests": 3,
        "Riots": 2,
        "Strategic developments": 8,
    }


def test_bad_trigger_file_is_reported_with_file_and_line(tmp_path: Path) -> None:
    package = Path(__file__).resolve().parents[1] / "src/incidentmap/incidents/codebook/en"
    bad = tmp_path / "triggers.tsv"
    bad.write_text("# comment\nBattles\tDogfight\t0.9\t\tdogfights?\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"triggers.tsv:2: unknown sub-event type"):
        Taxonomy.load(package / "taxonomy.json", bad, package / "cues.tsv")


def test_a_list_of_towns_gives_one_incident_per_town() -> None:
    text = "Protesters marched in Kano, Kaduna and other cities on Friday."
    incidents = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert sorted(i.location or "" for i in incidents) == ["Kaduna", "Kano"]
    assert len({i.id for i in incidents}) == 2
    moving = run("Troops clashed with rebels on the road from Kano to Kaduna on Friday.",
                 places={"Kano": KANO, "Kaduna": KADUNA})  # fmt: skip
    assert len(moving) == 1


def test_crowds_greeting_or_celebrating_do_not_protest() -> None:
    assert run("Crowds gathered in the square on Friday to celebrate the victory.") == []
    (inc,) = run("Despite the ban, thousands of people gathered outside city hall on Friday.")
    assert inc.event_type is EventType.PROTESTS


def test_gunmen_setting_fire_to_homes_attack_civilians() -> None:
    text = "Gunmen fired on residents and set fire to dozens of houses on Friday."
    assert kinds(run(text)) == [("Violence against civilians", "Attack")]


def test_the_attack_on_victims_refers_back_to_the_bombing() -> None:
    text = (
        "Militants threw a grenade into a crowd at a market in Kano on Friday, injuring 12. "
        "The governor called the attack on innocent shoppers cowardly."
    )
    (inc,) = run(text, places={"Kano": KANO})
    assert (inc.sub_event_type, inc.injured, inc.fatalities) == ("Grenade", 12, 0)


def test_report_day_dates_an_event_told_without_its_own_day() -> None:
    text = "The army said on Friday that it had retaken the town of Kano from the rebels."
    (inc,) = run(text, places={"Kano": KANO})
    assert (inc.event_type, inc.event_date) == (EventType.BATTLES, "2021-11-05")


def test_habits_and_ongoing_fighting_are_background() -> None:
    text = "Protesters have demonstrated every Saturday night in Kano."
    assert [i.background for i in run(text, places={"Kano": KANO})] == [True]
    text = "A drone strike hit Kano on Friday, as fighting between the army and rebels continues."
    incidents = run(text, places={"Kano": KANO})
    assert kinds(incidents) == [("Explosions/Remote violence", "Air/drone strike")]


def test_placeless_follow_up_takes_the_town_told_before() -> None:
    text = (
        "A mob torched churches in Kano on Friday. Police said on Saturday they had arrested "
        "more than 100 people suspected of taking part."
    )
    incidents = run(text, places={"Kano": KANO})
    assert [(i.sub_event_type, i.location, int(i.geo_precision)) for i in incidents] == [
        ("Mob violence", "Kano", 1),
        ("Arrests", "Kano", 1),  # the story's town, as sure as the event before it
    ]


# --- context, aggregates and lists (rules added with the held-out set) --------------------

ZARIA = Place("geonames:2317765", "Zaria", 11.11128, 7.7227, "P", "PPLA2", "NG", "18")
KATSINA = Place("geonames:2334802", "Katsina", 12.98943, 7.60063, "P", "PPLA", "NG", "21")
JOS = Place("geonames:2335953", "Jos", 9.92849, 8.89212, "P", "PPLA", "NG", "49")


def test_an_event_weeks_older_than_the_lead_is_context() -> None:
    text = (
        "Gunmen attacked a market in Kano on Friday, killing 12 people. "
        "Militants seized control of Kaduna in August, forcing thousands to flee."
    )
    incidents = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    shown = [i for i in incidents if not i.background]
    assert [i.location for i in shown] == ["Kano"]
    old = next(i for i in incidents if i.location == "Kaduna")
    assert old.background and any("weeks before" in n for n in old.notes)


def test_an_event_told_more_than_two_weeks_before_the_lead_is_context() -> None:
    text = (
        "Gunmen attacked a market in Kano on November 5, killing 12 people. "
        "On October 18, gunmen shot dead three farmers in Kaduna."
    )
    incidents = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert [i.location for i in incidents if not i.background] == ["Kano"]


def test_an_undated_lead_takes_the_day_the_story_gives_next() -> None:
    text = (
        "Dozens of fighters have been killed in clashes near Kano, officials said. "
        "Warplanes also struck rebel positions near Kaduna on Friday."
    )
    clash, strike = run(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert (clash.location, clash.event_date) == ("Kano", "2021-11-05")  # not Sunday's date
    assert strike.event_date == "2021-11-05"


def test_an_old_event_in_the_first_sentence_is_the_news() -> None:
    text = "Soldiers killed 40 villagers near Kano in August, a rights group said on Friday."
    shown = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert [(i.event_type, i.event_date) for i in shown] == [
        (EventType.VIOLENCE_AGAINST_CIVILIANS, "2021-08-01")
    ]


def test_arrests_disclosed_weeks_later_are_still_incidents() -> None:
    text = (
        "Gunmen attacked a market in Kano on Friday, killing 12 people. "
        "Police arrested three suspects in Kaduna in August, officials said."
    )
    shown = kinds(run(text, places={"Kano": KANO, "Kaduna": KADUNA}))
    assert ("Strategic developments", "Arrests") in shown


@pytest.mark.parametrize(
    "sentence",
    [
        "The army fired missiles at nine sites in the north on Saturday.",
        "The group launched more than 300 drones and missiles at the country on Saturday.",
    ],
)
def test_a_salvo_on_many_sites_is_not_one_event(sentence: str) -> None:
    incidents = run(sentence)
    assert incidents and all(i.background for i in incidents)
    assert any("aggregate" in n for n in incidents[0].notes)


def test_a_list_of_targets_each_with_its_town_gives_one_incident_per_town() -> None:
    text = (
        "The army fired missiles at nine sites on Saturday. The strikes hit a mosque in "
        "Kano, in Kano state, a school compound in Zaria, near Kaduna, and sites around "
        "Katsina and Jos."
    )
    places = {"Kano": KANO, "Zaria": ZARIA, "Kaduna": KADUNA, "Katsina": KATSINA, "Jos": JOS}
    shown = [i for i in run(text, places=places) if not i.background]
    assert sorted(i.location for i in shown if i.location) == ["Jos", "Kano", "Katsina", "Zaria"]


def test_since_a_weekday_dates_a_running_event_to_its_first_day() -> None:
    text = "Fighting between two armed groups near Kano has killed dozens of people since Thursday."
    (incident,) = run(text, places={"Kano": KANO})
    assert (incident.event_date, incident.time_precision) == ("2021-11-04", TimePrecision.WEEK)


def test_a_town_named_for_its_district_is_not_the_scene() -> None:
    text = "Gunmen attacked a school in the town of Zaria, in Kaduna district, on Friday."
    (incident,) = run(text, places={"Zaria": ZARIA, "Kaduna": KADUNA})
    assert incident.location == "Zaria"


def test_those_abducted_are_the_victims_of_an_event_told() -> None:
    text = (
        "Gunmen kidnapped 17 missionaries near Kano on Saturday. "
        "Sixteen of those abducted are foreign citizens, the charity said."
    )
    assert len([i for i in run(text, places={"Kano": KANO}) if not i.background]) == 1


def test_forces_leaving_after_their_own_raid_transfer_no_territory() -> None:
    text = "Troops withdrew from the camp on Wednesday after a two-day raid that killed 12."
    assert ("Strategic developments", "Non-violent transfer of territory") not in kinds(run(text))


def test_missing_soldiers_are_not_disappeared_but_missing_civilians_are() -> None:
    battle = run("Soldiers clashed with rebels near Kano on Sunday. Five soldiers were missing.")
    assert kinds(battle) == [("Battles", "Armed clash")]
    gone = run("Three aid workers went missing near Kano on Sunday, the agency said.")
    assert kinds(gone) == [("Violence against civilians", "Abduction/forced disappearance")]


def test_a_closing_attribution_dates_the_event() -> None:
    text = (
        "Troops have taken back the town of Kano, which had been held by insurgents for "
        "a year, the army said on Friday."
    )
    (incident,) = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert (incident.event_date, incident.time_precision) == ("2021-11-05", TimePrecision.DAY)


def test_a_protest_with_clashes_is_a_riot_unless_there_were_none() -> None:
    clash = run(
        "On Friday night a protester was fatally shot during clashes outside the town hall."
    )
    assert kinds(clash) == [("Riots", "Violent demonstration")]
    calm = run("Thousands of protesters marched in the capital on Friday; there were no clashes.")
    assert kinds(calm) == [("Protests", "Peaceful protest")]


def test_guards_exchanging_fire_with_the_attackers_is_part_of_the_attack() -> None:
    text = (
        "Gunmen kidnapped dozens of students from a school near Kano on Friday night. "
        "Officers based near the school exchanged fire with them, allowing some to escape."
    )
    assert kinds(run(text, places={"Kano": KANO})) == [
        ("Violence against civilians", "Abduction/forced disappearance")
    ]


DATA = Path(__file__).resolve().parents[1] / "bench" / "data"


@pytest.mark.parametrize(
    ("name", "size"), [("incidents-holdout.jsonl", 20), ("incidents-holdout-b.jsonl", 10)]
)
def test_the_held_out_sets_are_well_formed(name: str, size: int) -> None:
    import json

    path = DATA / name
    if not path.exists():
        pytest.skip(f"bench/data/{name} is not in this checkout")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(records) == size and len({r["id"] for r in records}) == size
    tax = Taxonomy.default()
    for rec in records:
        assert 80 <= len(rec["text"].split()) <= 200, rec["id"]
        published = dt.date.fromisoformat(rec["published"])
        for inc in rec["incidents"]:
            tax.sub_event(EventType(inc["event_type"]), inc["sub_event_type"])  # a real label
            assert inc["evidence"] in rec["text"], rec["id"]
            assert dt.date.fromisoformat(inc["event_date"]) <= published, rec["id"]
            assert inc["time_precision"] in (1, 2, 3) and inc["geo_precision"] in (1, 2, 3)
            assert -90 <= inc["lat"] <= 90 and -180 <= inc["lon"] <= 180
            assert inc["background"] is False


def test_details_of_an_old_lead_event_are_not_context() -> None:
    text = (
        "A rights group said on Friday that soldiers killed 40 villagers near Kano in "
        "August. Survivors said the soldiers had also abducted 12 women near Kaduna in "
        "August."
    )
    shown = kinds(run(text, places={"Kano": KANO, "Kaduna": KADUNA}))
    assert ("Violence against civilians", "Abduction/forced disappearance") in shown


def test_the_attacker_seized_at_the_scene_is_part_of_the_attack() -> None:
    text = (
        "A gunman opened fire at a mosque near Kano on Friday, killing 12 people. "
        "Police rammed his car and arrested him minutes later."
    )
    assert kinds(run(text, places={"Kano": KANO})) == [("Violence against civilians", "Attack")]
    later = text.replace(
        "Police rammed his car and arrested him minutes later.",
        "On Saturday police arrested three men suspected of helping him.",
    )
    assert ("Strategic developments", "Arrests") in kinds(run(later, places={"Kano": KANO}))


@pytest.mark.parametrize(
    "sentence",
    [
        "Police fired stun grenades and tear gas at protesters in the capital on Saturday.",
        "Riot police used water cannon to disperse thousands of protesters on Saturday.",
    ],
)
def test_crowd_control_words_are_not_attacks_or_riots(sentence: str) -> None:
    assert kinds(run(sentence)) == [("Protests", "Protest with intervention")]


def test_the_second_blast_of_a_twin_bombing_is_part_of_it() -> None:
    text = (
        "Two bombs exploded near a shrine in Kano on Wednesday, killing 84 people. "
        "The second explosion struck as people ran to help the wounded."
    )
    assert len([i for i in run(text, places={"Kano": KANO}) if not i.background]) == 1


def test_a_toll_of_the_attackers_belongs_to_the_attack() -> None:
    text = (
        "A family of five blew themselves up at the gate of a police station in Kano on "
        "Monday, wounding ten people. Four of the attackers were killed."
    )
    (incident,) = [i for i in run(text, places={"Kano": KANO}) if not i.background]
    assert incident.fatalities == 4


def test_the_event_the_news_came_after_is_context() -> None:
    text = (
        "A gunman shot dead a soldier standing guard at the National War Memorial in Kano "
        "on Wednesday. The attack came two days after a man ran over two soldiers in "
        "Kaduna, killing one of them."
    )
    shown = [i for i in run(text, places={"Kano": KANO, "Kaduna": KADUNA}) if not i.background]
    assert [i.location for i in shown] == ["Kano"]


def test_a_plural_event_noun_without_date_or_town_in_the_present_perfect_is_generic() -> None:
    text = (
        "Rights groups have accused the police of using excessive force, including during "
        "protests over the cost of living."
    )
    assert kinds(run(text, published=SUNDAY)) == []
    dated = "Police have fired tear gas at protesters in Kano on Friday."
    assert kinds(run(dated, places={"Kano": KANO})) == [("Protests", "Protest with intervention")]
