"""Rules of news copy added from the real-news tuning part (issue 12), as a user meets them.

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

from incidentmap.incidents.casualties import find_casualties
from incidentmap.incidents.dates import find_dates
from incidentmap.model import GeoPrecision, Place, TimePrecision
from test_incidents import KADUNA, KANO, NIGERIA, kinds, run

ARMENIA = Place("geonames:174982", "Armenia", 40.25, 45.0, "A", "PCLI", "AM")
AZERBAIJAN = Place("geonames:587116", "Azerbaijan", 40.5, 47.5, "A", "PCLI", "AZ")


def foreground(text: str, **kw: object) -> list:  # type: ignore[type-arg]
    return [i for i in run(text, **kw) if not i.background]  # type: ignore[arg-type]


def test_a_line_ending_in_a_photo_credit_is_a_caption() -> None:
    text = (
        "Protesters marched peacefully through Kano on Saturday against fuel prices.\n"
        "Soldiers opened fire on the crowd in Kano, killing four (Photo: Staff/Agency)\n"
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Protests", "Peaceful protest")]


def test_another_with_a_number_counts_victims_not_a_new_event() -> None:
    text = (
        "Gunmen shot dead 30 migrants in Kano on Wednesday. "
        "Another 11 survived the shooting and are in hospital."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.fatalities == 30


def test_a_definite_reference_with_also_joins_the_event_told() -> None:
    text = (
        "Militants attacked an army checkpoint in Kano on Friday, killing 12 soldiers. "
        "Security forces said 15 gunmen were also killed in the gunfight."
    )
    assert len(foreground(text, places={"Kano": KANO})) == 1


def test_a_toll_of_tens_of_thousands_is_cumulative_background() -> None:
    text = (
        "A court in Kano convicted the former governor on Tuesday. Gunmen who attacked the "
        "region have killed more than 20,000 people."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_a_place_that_has_seen_rallies_tells_a_habit() -> None:
    text = "The city of Kano has also seen recent rallies against the government."
    assert foreground(text, places={"Kano": KANO}) == []


def test_a_border_clash_known_only_by_country_is_not_put_at_a_capital() -> None:
    text = "Forces of Armenia and Azerbaijan clashed along the border on Tuesday."
    places = {"Armenia": ARMENIA, "Azerbaijan": AZERBAIJAN}
    (clash,) = foreground(text, places=places)
    assert clash.geo_precision is GeoPrecision.REGION
    assert clash.location in {"Armenia", "Azerbaijan"}


def test_an_interception_needs_a_weapon() -> None:
    text = "Police set up checkpoints in Kano on Friday and intercepted two motorcyclists."
    assert ("Strategic developments", "Disrupted weapons use") not in kinds(
        foreground(text, places={"Kano": KANO})
    )
    drones = "Air defences intercepted several drones over Kano on Friday."
    assert kinds(foreground(drones, places={"Kano": KANO})) == [
        ("Strategic developments", "Disrupted weapons use")
    ]


def test_flash_bang_grenades_of_the_police_are_not_an_explosion() -> None:
    text = "Police used tear gas and flash bang grenades to disperse protesters in Kano on Friday."
    types = {t for t, _ in kinds(foreground(text, places={"Kano": KANO}))}
    assert "Explosions/Remote violence" not in types
    assert "Protests" in types


def test_a_coup_attempt_is_a_strategic_development() -> None:
    text = "Army officers staged a failed coup in the capital on Wednesday."
    assert kinds(foreground(text, places={"Nigeria": NIGERIA})) == [
        ("Strategic developments", "Other")
    ]


def test_a_pages_date_stamp_does_not_date_its_events() -> None:
    text = "date 2021-11-07 KANO • Protesters stormed the governor's office in Kano yesterday."
    (riot,) = foreground(text, places={"Kano": KANO})
    assert riot.event_date == "2021-11-06"  # yesterday of publication, not the stamp's day


def test_an_optional_space_in_a_trigger_matches_both_spellings() -> None:
    # "air ?strikes" in triggers.tsv: "airstrikes" and "air strikes" alike
    for spelling in ("airstrikes", "air strikes", "airstrike"):
        text = f"Eleven villagers were killed on Tuesday in {spelling} on Kano."
        assert kinds(foreground(text, places={"Kano": KANO})) == [
            ("Explosions/Remote violence", "Air/drone strike")
        ], spelling


def test_a_passive_verb_with_its_agent_hit_its_subject() -> None:
    civilians = "At least 22 people were killed by rebel fighters in Kano on Monday."
    soldiers = "Three soldiers were killed by militants in Kano on Monday."
    assert kinds(foreground(civilians, places={"Kano": KANO})) == [
        ("Violence against civilians", "Attack")
    ]
    assert kinds(foreground(soldiers, places={"Kano": KANO})) == [("Battles", "Armed clash")]


def test_a_town_near_a_named_region_refines_the_event_told_there() -> None:
    sinai = Place("curated:sinai", "Sinai Peninsula", 29.5, 33.8, "L", "PEN", "EG")
    arish = Place("geonames:361546", "Arish", 31.13, 33.8, "P", "PPLA", "EG", "27", 150000)
    text = (
        "Militants attacked an army checkpoint in the Sinai Peninsula on Friday, killing 12 "
        "soldiers. The gunfight near Arish lasted two hours."
    )
    (battle,) = foreground(text, places={"Sinai Peninsula": sinai, "Arish": arish})
    assert battle.location == "Arish"


def test_a_toll_told_after_a_deadly_demonstration_is_its_toll() -> None:
    text = (
        "Police fired tear gas at crowds of opposition supporters in Kano on Saturday, with "
        "an officer and a protester killed in hours of violent clashes.\n\n"
        "Live footage showed thousands running for safety.\n\n"
        "One officer was killed and more than 100 injured, a police spokesman said."
    )
    incidents = foreground(text, places={"Kano": KANO})
    assert len(incidents) == 1
    assert incidents[0].injured == 100


def test_a_weeklong_offensives_toll_and_separate_attacks_are_aggregates() -> None:
    offensive = (
        "He said 150 militants were killed and 15 others arrested during a week-long "
        "military offensive around Kano."
    )
    separate = "Earlier, 26 people were killed in separate attacks around Kano."
    assert foreground(offensive, places={"Kano": KANO}) == []
    assert foreground(separate, places={"Kano": KANO}) == []


def test_a_metonym_is_never_the_scene() -> None:
    from incidentmap.incidents import extract_incidents
    from incidentmap.model import Article, Toponym

    washington = Place("geonames:4140963", "Washington", 38.9, -77.04, "P", "PPLC", "US")
    text = "Washington said on Friday that gunmen killed five villagers."
    at = text.index("Washington")
    spoken = Toponym(at, at + 10, "Washington", place=washington, confidence=0.9, metonym=True)
    (attack,) = extract_incidents(Article("m1", text), [spoken])
    assert attack.location is None


def test_strikes_on_two_named_towns_are_two_events() -> None:
    gaza = Place("geonames:281133", "Gaza", 31.50, 34.47, "P", "PPLA", "PS", "", 410000)
    jabaliya = Place("geonames:281129", "Jabālyā", 31.53, 34.48, "P", "PPL", "PS", "", 82877)
    khan = Place("geonames:281102", "Khān Yūnis", 31.34, 34.31, "P", "PPL", "PS", "", 173183)
    text = (
        "Two men were killed on Sunday in an Israeli strike on Gaza. "
        "On Saturday night, the air force targeted a motorcycle in Jabaliya, killing two. "
        "Several hours later, warplanes targeted two militants in Khan Yunis, killing one."
    )
    places = {"Gaza": gaza, "Jabaliya": jabaliya, "Khan Yunis": khan}
    got = sorted(i.location or "" for i in foreground(text, places=places))
    assert got == ["Gaza", "Jabālyā", "Khān Yūnis"]


def test_a_suburb_of_a_metropolis_is_the_city_s_event() -> None:
    lagos = Place("geonames:2332459", "Lagos", 6.45, 3.39, "P", "PPLA", "NG", "05", 9000000)
    lekki = Place("geonames:2332275", "Lekki", 6.44, 3.52, "P", "PPL", "NG", "05", 20000)
    text = (
        "LAGOS — Soldiers opened fire on protesters in Lagos on Tuesday evening. "
        "Witnesses said the soldiers fired on protesters at the Lekki toll gate."
    )
    assert len(foreground(text, places={"LAGOS": lagos, "Lagos": lagos, "Lekki": lekki})) == 1


def test_twin_cities_named_apart_are_two_events() -> None:
    # a city of half a million or more near a metropolis is no suburb of it: each its own toll
    north = Place("g:n", "Nordham", 15.60, 32.53, "P", "PPLC", "SD", "29", 2000000)
    west = Place("g:w", "Westbury", 15.64, 32.48, "P", "PPL", "SD", "29", 1800000)
    text = (
        "Police fired tear gas at protesters in Nordham on Saturday. "
        "Doctors said two protesters were shot dead by police in Westbury."
    )
    found = foreground(text, places={"Nordham": north, "Westbury": west})
    assert sorted((i.location, i.fatalities) for i in found) == [("Nordham", 0), ("Westbury", 2)]


def test_a_list_of_provinces_is_one_event_each_at_its_seat() -> None:
    kano_state = Place("geonames:2335196", "Kano", 11.75, 8.5, "A", "ADM1", "NG", "29")
    kaduna_state = Place("geonames:2335722", "Kaduna", 10.33, 7.75, "A", "ADM1", "NG", "23")
    text = "Thousands protested on Friday in the provinces of Kano and Kaduna against fuel prices."
    incidents = foreground(text, places={"Kano": kano_state, "Kaduna": kaduna_state})
    assert sorted((i.location, int(i.geo_precision)) for i in incidents) == [
        ("Kaduna", 3),
        ("Kano", 3),
    ]
    assert all(i.lat is not None and i.place_id != kano_state.id for i in incidents)


def test_attacks_on_targets_in_two_towns_joined_by_and_are_two_events() -> None:
    santander = Place("g:1", "Santander", 3.01, -76.48, "P", "PPL", "CO", "09", 50000)
    suarez = Place("g:2", "Suarez", 2.95, -76.69, "P", "PPL", "CO", "09", 20000)
    text = (
        "The governor said there was also an attack on Friday against a police station in "
        "Santander and a military base of the army in Suarez."
    )
    got = foreground(text, places={"Santander": santander, "Suarez": suarez})
    assert sorted(i.location or "" for i in got) == ["Santander", "Suarez"]


def test_the_day_told_after_a_leads_report_day_dates_the_event() -> None:
    text = (
        "Gunmen killed 10 people at a busy junction in Kano, the governor said on Saturday.\n"
        "A witness said the attackers arrived in two vehicles late on Friday.\n"
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.event_date == "2021-11-05"  # Friday, not the report's Saturday


def test_also_in_a_follow_up_at_the_same_place_and_day_is_the_same_event() -> None:
    text = (
        "Thousands of protesters clashed with police in Kano on Monday, hurling rocks at "
        "officers.\n"
        "Police fired tear gas to drive hundreds of rioters out of the square in Kano, where "
        "they were also demanding that the government resign.\n"
    )
    assert len(foreground(text, places={"Kano": KANO})) == 1


def test_clashes_in_other_districts_are_not_folded_into_the_first() -> None:
    text = (
        "Rioters attacked officers with metal rods in Kano on Tuesday.\n"
        "Clashes also broke out in several other districts, where rioters threw petrol "
        "bombs.\n"
        "The protests began in June against a new law.\n"
    )
    lead = foreground(text, places={"Kano": KANO})[0]
    assert lead.event_date == "2021-11-02"


def test_a_datelines_filing_date_does_not_date_the_event() -> None:
    text = "Kano, Nov. 6 (AP) Soldiers raided a village near Kano, killing 19 villagers.\n"
    (attack,) = foreground(text, places={"Kano": KANO}, dateline="Kano")
    # the story was filed on the 6th; the raid's day is not told: the report's week stands
    assert (attack.event_date, attack.time_precision) == ("2021-11-07", TimePrecision.WEEK)


def test_a_day_ahead_in_the_next_sentence_does_not_date_the_event() -> None:
    text = (
        "The two sides agreed to a ceasefire in Kano, the governor announced on Saturday.\n"
        "He said the truce would take effect on Friday.\n"
    )
    (deal,) = foreground(text, places={"Kano": KANO})
    assert deal.event_date == "2021-11-06"


def test_an_event_in_a_sentence_dated_months_ago_is_context() -> None:
    text = (
        "Gunmen killed five villagers in Kano on Saturday, police said.\n"
        "Last August, the state's prosecutor confirmed that gunmen shot dead six traders "
        "in Kano.\n"
    )
    incidents = foreground(text, places={"Kano": KANO})
    assert [i.event_date for i in incidents] == ["2021-11-06"]


def test_the_arrest_of_opposition_leaders_on_a_protest_day_is_its_own_event() -> None:
    text = (
        "Thousands protested in Kano on Monday against the election result.\n"
        "Police in Kano on Monday also detained several leading opposition activists.\n"
    )
    assert sorted(kinds(foreground(text, places={"Kano": KANO}))) == [
        ("Protests", "Peaceful protest"),
        ("Strategic developments", "Arrests"),
    ]


def test_the_capital_is_the_capital_of_the_country_named_before() -> None:
    text = (
        "Thousands marched peacefully in Kano on Monday.\n"
        "In Nigeria, police in the capital fired tear gas at rioters who torched a bus.\n"
    )
    places = {"Nigeria": NIGERIA, "Kano": KANO}
    assert "Abuja" in {i.location for i in foreground(text, places=places)}


def test_a_cumulative_toll_after_the_event_does_not_become_its_toll() -> None:
    text = (
        "Gunmen killed 12 villagers in Kano on Monday. "
        "The president vowed to end six years of violence and at least 15,000 deaths."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.fatalities == 12


def test_a_toll_dated_apart_from_the_event_is_not_its_toll() -> None:
    text = (
        "Gunmen killed 12 villagers in Kano on Monday, police said. "
        "On Saturday, 40 people died in the region, according to a rights group."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.fatalities == 12


def test_deaths_in_a_storm_are_no_political_violence() -> None:
    text = (
        "At least three people were killed in Kano on Monday as Hurricane Ada battered the coast."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_a_group_fighting_for_years_is_described_not_reported() -> None:
    text = (
        "A drone strike hit a market in Kano on Monday, killing ten people. A spokesman for "
        "the rebels, who have been fighting the army for nearly two years, said civilians died."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_where_the_attack_took_place_places_the_attack_told_before() -> None:
    kano_state = Place("t:kano-s", "Kano State", 11.7, 8.5, "A", "ADM1", "NG", "29")
    bichi = Place("t:bichi", "Bichi", 12.23, 8.24, "A", "ADM2", "NG", "29", parent_id="t:kano-s")
    text = (
        "Twelve people were killed when gunmen attacked a remote village in Kano State, "
        "residents told reporters on Saturday. The attack happened at about 14:00 GMT on "
        "Saturday in Gidan Kare, in the Bichi district of Kano State, which residents said "
        "has been raided often in recent months by bandits."
    )
    (attack,) = foreground(text, places={"Kano State": kano_state, "Bichi": bichi})
    assert attack.location == "Bichi"


def test_where_the_killing_took_place_told_after_a_reference_places_the_attack() -> None:
    # the sentence refers to the attack first ("who confirmed the attack") and only then
    # says where it was ("said the killing took place at ..."): the place is the attack's
    kano_state = Place("t:kano-s", "Kano State", 11.7, 8.5, "A", "ADM1", "NG", "29")
    bichi = Place("t:bichi", "Bichi", 12.23, 8.24, "A", "ADM2", "NG", "29", parent_id="t:kano-s")
    text = (
        "Bandits on Thursday killed nine farmers in an attack on a Kano State community. "
        "The police spokesman, who confirmed the attack, said the killing took place at a "
        "hamlet in the Bichi local government area."
    )
    (attack,) = foreground(text, places={"Kano State": kano_state, "Bichi": bichi})
    assert attack.location == "Bichi"


def test_the_day_of_a_report_gives_way_to_the_day_of_the_event() -> None:
    # published on a Sunday: the report is Friday's, the strike Wednesday's
    text = (
        "A drone strike on a wedding in Kano killed eight people, officials said on Friday. "
        "Witnesses blamed the army for the strike on Wednesday night."
    )
    (strike,) = foreground(text, places={"Kano": KANO})
    assert strike.event_date == "2021-11-03"


def test_an_activist_who_protested_is_described_not_reported_protesting() -> None:
    text = (
        "An activist who protested against a dam in Kano has been killed, police said on "
        "Sunday. He was shot dead on Saturday night by two gunmen."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Violence against civilians", "Attack")
    ]


def test_a_toll_told_before_its_cause_is_the_cause_s_toll() -> None:
    text = (
        "Police on Friday confirmed the killing of seven people after two suicide bombers "
        "attacked a market in Kano."
    )
    (bombing,) = foreground(text, places={"Kano": KANO})
    assert (bombing.sub_event_type, bombing.fatalities) == ("Suicide bomb", 7)


def test_what_a_regime_was_notorious_for_is_no_event() -> None:
    text = (
        "The president on Monday in Kano criticised former rulers, whose regimes were "
        "notorious for abductions of opponents."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_clashes_without_sides_in_a_story_of_protests_are_a_riot() -> None:
    text = (
        "Thousands of protesters marched in Kano on Thursday against the arrest of an "
        "opposition leader. One person was killed in clashes in Kaduna, a police official said."
    )
    found = kinds(foreground(text, places={"Kano": KANO, "Kaduna": KADUNA}))
    assert ("Riots", "Violent demonstration") in found
    assert ("Battles", "Armed clash") not in found


def test_growing_unrest_is_a_trend_not_a_riot() -> None:
    text = (
        "Thousands of students marched peacefully through Kano on Tuesday. In a sign unrest "
        "was growing, even government supporters joined the march."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Protests", "Peaceful protest")]


def test_a_protest_leader_is_a_person_not_a_protest() -> None:
    text = "The protest leader met the governor in Kano on Tuesday to discuss fuel prices."
    assert foreground(text, places={"Kano": KANO}) == []


def test_what_an_earlier_incident_sparked_is_context() -> None:
    text = (
        "Hundreds of people protested in Kano on Saturday against the killing of a trader. "
        "The killing sparked violent clashes and attacks on foreigners."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Protests", "Peaceful protest")]


def test_a_cause_told_after_an_aside_still_explains_the_deaths() -> None:
    text = (
        "The governor said on Tuesday that at least three people were killed – “possibly "
        "more” – as Hurricane Ada battered Kano."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_an_event_known_only_by_country_goes_to_the_seat_of_government() -> None:
    from incidentmap.incidents.fallback import seat_of

    bolivia = Place("geonames:3923057", "Bolivia", -17.0, -65.0, "A", "PCLI", "BO")
    seat = seat_of(bolivia)
    assert seat is not None and seat.place.name == "La Paz"


def test_where_and_when_the_attack_happened_dates_the_attack() -> None:
    text = (
        "At least 22 people were killed by rebels in Kano, officials say. The attack by "
        "members of the armed group happened in the city on Saturday night, an official "
        "told reporters."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.event_date == "2021-11-06"


def test_a_similar_attack_earlier_this_month_is_a_comparison() -> None:
    text = (
        "A drone strike killed eight people in Kano on Saturday, officials said. Activists "
        "added that a similar drone operation in the city earlier this month killed eleven."
    )
    assert len(foreground(text, places={"Kano": KANO})) == 1


def test_air_raid_sirens_are_no_air_raid() -> None:
    text = "Air raid sirens echoed across Kano on Friday as drones flew towards the border."
    assert foreground(text, places={"Kano": KANO}) == []


def test_explosives_made_in_a_workshop_are_no_explosion() -> None:
    text = (
        "Investigators in Kano said on Monday that the cell's leader used his skills to "
        "manufacture weapons and explosive devices."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_a_day_told_after_the_week_dates_the_event_and_other_days_are_other_events() -> None:
    text = (
        "Jets carried out airstrikes on villages near Kaduna this week, residents said. "
        "On Tuesday, an airstrike hit the market of one village, destroying 40 stalls. "
        "More airstrikes hit a second village on Thursday, flattening homes."
    )
    found = foreground(text, places={"Kaduna": KADUNA}, published=dt.date(2023, 2, 24))
    assert [(i.sub_event_type, i.event_date, i.time_precision) for i in found] == [
        ("Air/drone strike", "2023-02-21", TimePrecision.DAY),
        ("Air/drone strike", "2023-02-23", TimePrecision.DAY),
    ]


def test_a_loan_or_bailout_deal_is_no_agreement_between_parties_to_a_conflict() -> None:
    loan = "Kano state signed a deal with the World Bank for a $300 million loan on Friday."
    peace = "Kano state signed a peace deal with the militia on Friday."
    assert kinds(foreground(loan, places={"Kano": KANO})) == []
    assert kinds(foreground(peace, places={"Kano": KANO})) == [
        ("Strategic developments", "Agreement")
    ]


def test_gunmen_entering_a_street_take_no_territory() -> None:
    text = (
        "An armed group entered a street in Kano on Saturday and opened fire on a crowd, "
        "killing nine people."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Violence against civilians", "Attack")
    ]


def test_a_year_before_an_event_noun_dates_it_as_history() -> None:
    text = (
        "The army seized power after a 2020 coup, promising to end the insecurity in Kano, "
        "but attacks remain rife."
    )
    (coup,) = run(text, places={"Kano": KANO}, published=dt.date(2024, 7, 2))
    assert coup.background
    assert "retrospective: the event predates the article by years" in coup.notes


RABAT = Place("geonames:2538475", "Rabat", 34.01, -6.83, "P", "PPLC", "MA")
ALGIERS = Place("geonames:2507480", "Algiers", 36.74, 3.09, "P", "PPLC", "DZ")


def test_a_dateline_under_the_headline_is_the_bureau_when_the_story_is_abroad() -> None:
    text = (
        "Few protesters see the vote as a chance for change\n\n"
        "Rabat – Protesters again took to the streets on Friday, chanting against the vote. "
        "They marched through central Algiers, where many shops were closed. "
        "The movement has marched in Algiers every Friday for two years."
    )
    found = foreground(text, places={"Rabat": RABAT, "Algiers": ALGIERS})
    assert [(i.sub_event_type, i.location) for i in found] == [("Peaceful protest", "Algiers")]


def test_a_dateline_under_a_headline_with_a_full_stop_and_a_byline_is_still_the_bureau() -> None:
    # Some outlets end headlines with a full stop and put a byline on its own line; the
    # dateline under both is where the story was filed, not where the crowds marched.
    text = (
        "Protesters return to the streets.\n"
        "By Staff Writer\n\n"
        "Rabat – Protesters again took to the streets on Friday, chanting against the vote. "
        "They marched through central Algiers, where many shops were closed."
    )
    found = foreground(text, places={"Rabat": RABAT, "Algiers": ALGIERS})
    assert [(i.sub_event_type, i.location) for i in found] == [("Peaceful protest", "Algiers")]


def test_riot_police_written_with_a_hyphen_are_the_police_not_a_riot() -> None:
    text = "Riot-police trucks lined the avenue as thousands marched peacefully in Kano on Friday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Protests", "Peaceful protest")]


KADUNA_STATE = Place("geonames:2335722", "Kaduna State", 10.33, 7.75, "A", "ADM1", "NG", "23")


def test_an_event_told_by_its_country_goes_to_the_one_province_the_story_names() -> None:
    text = (
        "At least 20 fighters were killed in an ambush in Nigeria on Sunday, police said. "
        "The road runs through a remote part of Kaduna State, officials said."
    )
    found = foreground(text, places={"Nigeria": NIGERIA, "Kaduna State": KADUNA_STATE})
    assert [i.location for i in found] == ["Kaduna"]


ABUJA = Place("geonames:2352778", "Abuja", 9.06, 7.49, "P", "PPLC", "NG")


def test_the_attacks_also_hitting_other_towns_are_strikes_of_their_own_there() -> None:
    text = (
        "A missile hit an apartment block in Kano on Saturday, killing 12 people. "
        "The attacks also targeted Kaduna and Abuja."
    )
    found = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA, "Abuja": ABUJA})
    assert [(i.sub_event_type, i.location) for i in found] == [
        ("Shelling/artillery/missile attack", "Kano"),
        ("Shelling/artillery/missile attack", "Kaduna"),
        ("Shelling/artillery/missile attack", "Abuja"),
    ]


def test_a_capital_owning_the_event_noun_is_the_attacker_not_the_scene() -> None:
    text = (
        "Drones struck a fuel depot in Kano on Friday. Five fighters were killed on Saturday "
        "in Abuja's latest strikes on rebel camps outside Kaduna."
    )
    found = foreground(text, places={"Kano": KANO, "Abuja": ABUJA, "Kaduna": KADUNA})
    assert [i.location for i in found] == ["Kano", "Kaduna"]


def test_a_toll_with_an_aside_before_the_verb_counts_the_whole() -> None:
    # "including four children", "most of them women", "(two of them police)": the aside
    # names some of the victims; the number before it is the toll
    for aside in (", including four children,", " (two of them women)"):
        text = f"At least eight villagers{aside} were killed in an attack on Kano on Friday."
        (attack,) = foreground(text, places={"Kano": KANO})
        assert attack.fatalities == 8, aside
    text = "Ten people – most of them women – were killed."
    assert [(c.kind, c.count) for c in find_casualties(text)] == [("killed", 10)]


def test_a_headline_joins_the_lead_event_not_a_separate_one_told_last() -> None:
    kaduna_state = Place("t:kd", "Kaduna State", 10.3, 7.7, "A", "ADM1", "NG", "18")
    kano_state = Place("t:kn", "Kano State", 11.7, 8.5, "A", "ADM1", "NG", "17")
    text = (
        "Airstrike kills 12 villagers in northern Nigeria\n\n"
        "An airstrike killed at least 12 villagers in Kaduna State on Friday, officials said.\n\n"
        "In a separate incident in Kano State, an airstrike killed two bandits.\n\n"
        "It was not clear who carried out either airstrike."
    )
    found = foreground(text, places={"Kaduna State": kaduna_state, "Kano State": kano_state})
    assert [(i.location, i.fatalities) for i in found] == [("Kaduna State", 12), ("Kano State", 2)]


def test_a_place_that_has_been_the_site_of_clashes_tells_a_habit() -> None:
    text = "Kano has been the site of several recent clashes between troops and insurgents."
    assert foreground(text, places={"Kano": KANO}) == []


def test_a_witness_counting_her_own_children_among_the_dead_tells_the_same_attack() -> None:
    text = (
        "At least eight villagers were killed in an attack near Kano late on Friday. "
        "One resident said two of her children were killed and a third wounded."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.fatalities == 8


def test_a_distance_and_bearing_from_a_town_moves_the_event_that_way() -> None:
    text = "Gunmen killed five villagers about 50 km north of Kano on Friday."
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.location == "50 km north of Kano"
    assert abs(attack.lat - (KANO.lat + 0.45)) < 0.01
    assert abs(attack.lon - KANO.lon) < 0.01


def test_a_sentence_for_inciting_disorder_is_a_charge_not_a_riot() -> None:
    text = (
        "A court in Kano on Tuesday upheld the two-year jail sentence for inciting public "
        "disorder handed down last year to the opposition leader."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_an_attack_someone_is_recovering_from_is_told_as_history() -> None:
    text = (
        "The activist was jailed this month for violating his parole while recuperating in "
        "Kano from a nerve agent poisoning he blames on the government."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_talks_to_end_the_fighting_and_the_brink_of_war_report_no_fighting() -> None:
    text = (
        "Rebels and a government delegation started peace talks in Kano on Tuesday to try "
        "to end fighting that has left the country on the brink of civil war."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_grenades_listed_among_other_arms_are_weapons_not_an_attack() -> None:
    looted = "A mob looted rifles, pistols and grenades from a police armoury in Kano on Friday."
    assert ("Explosions/Remote violence", "Grenade") not in kinds(
        foreground(looted, places={"Kano": KANO})
    )
    thrown = "Militants threw grenades at a police post in Kano on Friday."
    assert kinds(foreground(thrown, places={"Kano": KANO})) == [
        ("Explosions/Remote violence", "Grenade")
    ]


def test_more_killed_elsewhere_continues_the_kind_of_event_just_told() -> None:
    text = (
        "Troops fired on protesters in Kano on Monday, killing three of them. "
        "Two more were killed in Kaduna, and a sixth was killed in Zaria."
    )
    zaria = Place("geonames:2317765", "Zaria", 11.11128, 7.7227, "P", "PPLA2", "NG", "18")
    found = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA, "Zaria": zaria})
    assert {i.location: i.sub_event_type for i in found} == {
        "Kano": "Excessive force against protesters",
        "Kaduna": "Excessive force against protesters",
        "Zaria": "Excessive force against protesters",
    }


def test_a_toll_told_in_a_relative_clause_of_weeks_of_violence_is_cumulative() -> None:
    text = (
        "Talks opened in Kano to halt three weeks of violence that "
        "has killed at least 1,000 people."
    )
    assert foreground(text, places={"Kano": KANO}) == []


def test_a_toll_that_has_risen_to_a_count_is_the_event_told_not_a_trend() -> None:
    text = (
        "The death toll from a missile strike on an apartment block in the city of Kano "
        "has risen to 29, officials said."
    )
    (strike,) = foreground(text, places={"Kano": KANO})
    assert strike.sub_event_type == "Shelling/artillery/missile attack"
    assert strike.fatalities == 29


def test_a_report_of_people_hurt_and_no_dead_counts_no_dead() -> None:
    (blast,) = foreground(
        "Seven rangers were wounded when a bomb exploded at a temple in Kano on Friday.",
        places={"Kano": KANO},
    )
    assert (blast.injured, blast.fatalities) == (7, 0)
    (clash,) = foreground(
        "Rebels attacked an army base in Kano on Friday, killing several soldiers and "
        "wounding five.",
        places={"Kano": KANO},
    )
    assert clash.fatalities is None  # deaths told without a count stay unknown


def test_an_opening_that_sets_the_sentence_apart_starts_a_new_event() -> None:
    text = (
        "A mob burned houses in Kano on Saturday, officials said. "
        "In another incident, five people — two farmers and three herders — were killed "
        "in Kaduna on Saturday."
    )
    found = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA})
    assert [(i.event_type.value, i.location) for i in found] == [
        ("Riots", "Kano"),
        ("Violence against civilians", "Kaduna"),
    ]


def test_vigilantes_named_as_actors_are_no_mob_violence() -> None:
    text = (
        "Gunmen killed nine villagers in Kano state, police said on Tuesday. "
        "The attackers, dressed as vigilantes, raided a farming village near Kano."
    )
    (attack,) = foreground(text, places={"Kano": KANO}, published=dt.date(2022, 3, 9))
    assert (attack.event_type, attack.fatalities) == ("Violence against civilians", 9)


def test_the_day_given_in_a_which_clause_of_the_attack_dates_it() -> None:
    text = (
        "Nine people died when gunmen opened fire on villagers in Kano. The gunmen fled, "
        "a police spokesman said late Monday. "
        "“We recovered nine bodies,” the spokesman said of the attack, which happened on Sunday."
    )
    (attack,) = foreground(text, places={"Kano": KANO}, published=dt.date(2022, 3, 9))
    assert attack.event_date == "2022-03-06"


def test_percussion_grenades_fired_by_police_are_no_grenade_attack() -> None:
    text = (
        "Police arrested 50 protesters in Kano on Saturday after using tear gas and "
        "percussion grenades to disperse a crowd near the parliament."
    )
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Protests", "Protest with intervention")
    ]


def test_deaths_with_no_killer_in_a_story_opening_on_a_disaster_are_the_disaster_s() -> None:
    opening = "A strong earthquake shook northern Nigeria early on Tuesday. "
    text = opening + "In Kano, 27 buildings crumbled and at least 12 people were killed."
    assert foreground(text, places={"Kano": KANO}) == []
    text = opening + "In Kano, at least 68 people were missing and 400 homes were lost."
    assert foreground(text, places={"Kano": KANO}) == []
    # a killing with its killers named is told as violence, disaster or not
    text = opening + "In Kano, gunmen shot dead 12 people who were sleeping in tents."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Violence against civilians", "Attack")
    ]


def test_a_lead_printed_twice_as_a_teaser_is_read_once_where_the_story_tells_it() -> None:
    lead = "At around 5am, militants attacked the base in Kamba, north of Kano, a statement said."
    text = (
        f"Militants kill soldier in Nigeria\n\n{lead}\n\nFILE: Troops. Picture: AFP\n\n"
        "KANO - Militants stormed an army base in northern Nigeria early on Monday, killing "
        f"one soldier and wounding 11, the army said.\n\n{lead}"
    )
    (battle,) = foreground(text, places={"Kano": KANO}, published=dt.date(2022, 3, 8))
    assert (battle.event_date, battle.evidence[:4]) == ("2022-03-07", "KANO")


def test_a_day_and_month_just_ahead_of_publication_is_this_year_s_not_last_year_s() -> None:
    pub = dt.date(2025, 3, 19)
    (ban,) = find_dates("a ban on rallies in the city until 23 March.", published=pub)
    assert ban.date == dt.date(2025, 3, 23)
    (december,) = find_dates("the attack on 23 December", published=dt.date(2025, 1, 5))
    assert december.date == dt.date(2024, 12, 23)


def test_a_range_of_days_is_dated_by_its_first() -> None:
    pub = dt.date(2025, 3, 25)
    (span,) = find_dates("rallies were banned from 19 to 23 March.", published=pub)
    assert (span.text, span.date) == ("19 to 23 March", dt.date(2025, 3, 19))


def test_an_event_dated_after_publication_is_planned_not_reported() -> None:
    text = "A white march through Kano on July 29 drew hundreds of mourners."
    assert foreground(text, places={"Kano": KANO}, published=dt.date(2021, 7, 20)) == []


def test_a_line_under_a_photo_that_says_what_an_image_shows_is_a_caption() -> None:
    text = (
        "An image from video shows the scene after a car bomb exploded in Kano on Saturday.\n\n"
        "KANO - Gunmen shot dead four villagers near Kano on Sunday, police said."
    )
    found = foreground(text, places={"Kano": KANO})
    assert kinds(found) == [("Violence against civilians", "Attack")]


def test_a_story_s_highlights_are_read_with_its_headline_after_the_body() -> None:
    text = (
        "Troops kill rebels in Kano\n"
        " • Two soldiers were killed in the fighting on Saturday\n\n"
        "KANO - Soldiers killed 12 rebels in a gunbattle in Kano on Saturday, losing two of "
        "their own, the army said."
    )
    (battle,) = foreground(text, places={"Kano": KANO})
    assert battle.evidence.startswith("KANO - Soldiers")


def test_a_grenade_found_or_seized_is_a_weapon_not_a_grenade_attack() -> None:
    text = (
        "Police in Kano said on Friday that officers had secured a truck with a grenade inside it."
    )
    assert ("Explosions/Remote violence", "Grenade") not in kinds(
        foreground(text, places={"Kano": KANO})
    )


def test_a_toll_in_the_present_perfect_since_a_start_is_cumulative() -> None:
    text = (
        "Gunmen killed seven villagers in Kano on Friday, officials said. Some 900 civilians "
        "have been killed in the region since the state of siege began."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.fatalities == 7


def test_a_lead_that_counts_two_attacks_sums_up_the_attacks_told_next() -> None:
    text = (
        "KANO: Nine people have been killed in two attacks in northern Nigeria, officials said "
        "on Monday. Gunmen shot dead six villagers in Kano on Saturday night. In another "
        "attack, gunmen killed three traders in Kaduna on Sunday."
    )
    found = foreground(text, places={"Kano": KANO, "Kaduna": KADUNA}, published=dt.date(2022, 3, 7))
    assert sorted((i.location, i.fatalities) for i in found) == [("Kaduna", 3), ("Kano", 6)]


def test_police_attacked_by_a_number_of_people_is_a_clash_not_an_attack_on_civilians() -> None:
    text = (
        "Fifteen municipal police officers were attacked by 19 people riding in pickup trucks "
        "in Kano on Friday, and all 19 attackers died in the gunfight."
    )
    found = foreground(text, places={"Kano": KANO})
    assert [i.event_type for i in found] == ["Battles"]


def test_a_generic_statement_that_refers_back_adds_no_toll() -> None:
    text = (
        "Gunmen killed 12 soldiers in fighting in Kano on Thursday, the army said. "
        "At least 5,400 people have been killed in the fighting since March."
    )
    (battle,) = foreground(text, places={"Kano": KANO})
    assert battle.fatalities == 12


def test_a_town_named_with_a_province_word_gives_way_to_a_town_of_that_province() -> None:
    # "the Tambov region" is the province around Tambov: the town the story names in it
    # is the scene; a story that names the city itself as often keeps the city
    tambov = Place("t:tambov", "Tambov", 52.73, 41.44, "P", "PPL", "RU", "72", 290000)
    morshansk = Place("t:morshansk", "Morshansk", 53.44, 41.81, "P", "PPL", "RU", "72", 40000)
    places = {"Tambov": tambov, "Morshansk": morshansk}
    text = (
        "Troops clashed with armed raiders in the Tambov region on Tuesday, officials said. "
        "The raiders were first seen at a farm outside the town of Morshansk."
    )
    (battle,) = foreground(text, places=places)
    assert battle.location == "Morshansk"
    city = text + " In Tambov, the city, shops closed early; Tambov's mayor called for calm."
    (battle,) = foreground(city, places=places)
    assert battle.location == "Tambov"


def test_counts_of_two_acts_joined_by_and_are_not_added() -> None:
    # "N were arrested and M officers hurt": the arrested are no casualties of the injuries
    text = "More than 300 people were detained and at least 40 officers hurt in the night."
    assert [(c.kind, c.count) for c in find_casualties(text)] == [("injured", 40)]
    text = "Three guards and two drivers were hurt in the night."
    assert [(c.kind, c.count) for c in find_casualties(text)] == [("injured", 5)]


def test_the_dead_a_funeral_mourns_are_not_the_gathering_s_casualties() -> None:
    text = "Thousands marched in Kano on Friday at the funeral of three students killed last month."
    (march,) = foreground(text, places={"Kano": KANO})
    assert (march.event_type.value, march.fatalities) == ("Protests", 0)
    text = "Soldiers carried the coffins of two guards killed when gunmen attacked Kano on Friday."
    (attack,) = foreground(text, places={"Kano": KANO})
    assert attack.fatalities == 2


def test_petrol_bombs_near_protesters_make_a_violent_demonstration() -> None:
    text = "Petrol bombs landed near a group of protesters outside the town hall in Kano on Friday."
    (riot,) = foreground(text, places={"Kano": KANO})
    assert (riot.event_type.value, riot.sub_event_type) == ("Riots", "Violent demonstration")


def test_people_walking_and_shouting_against_a_leader_are_a_protest() -> None:
    text = "In Kano on Friday, people started walking and shouting against the governor."
    (march,) = foreground(text, places={"Kano": KANO})
    assert (march.event_type.value, march.sub_event_type) == ("Protests", "Peaceful protest")
    assert not foreground(
        "In Kano on Friday, children were shouting in the yard.", places={"Kano": KANO}
    )


def test_a_town_occupied_by_insurgents_told_in_the_passive_is_taken_territory() -> None:
    text = "The town of Kano was occupied by insurgents on Monday morning."
    assert ("Battles", "Non-state actor overtakes territory") in kinds(
        foreground(text, places={"Kano": KANO})
    )


def test_activists_detained_for_a_protest_act_are_a_protest_broken_up() -> None:
    text = "In Kano, police detained nine activists on Friday for placing flowers at a monument."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Protests", "Protest with intervention")
    ]
    text = "In Kano, police detained nine suspects on Friday in a raid on their hideout."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Strategic developments", "Arrests")]


def test_a_quoted_town_within_a_named_region_places_the_event_told_there() -> None:
    # the lead names a region only; a quotation (which starts no event of its own) names
    # the town in it where the strike hit: the same event, placed at that town
    sinai = Place("curated:sinai", "Sinai Peninsula", 29.5, 33.8, "L", "PEN", "EG")
    arish = Place("geonames:361546", "Arish", 31.13, 33.8, "P", "PPLA", "EG", "27", 150000)
    text = (
        "A drone strike killed three fighters in the Sinai Peninsula on Sunday, officials "
        "said. “They were killed when a drone struck their car near Arish,” a security "
        "source said."
    )
    (strike,) = foreground(text, places={"Sinai Peninsula": sinai, "Arish": arish})
    assert strike.location == "Arish"


def test_the_capital_a_distance_is_measured_from_is_not_the_scene() -> None:
    # "north of the capital Abuja" locates the blast by a distance from the capital: the
    # words "the capital" do not send the event there
    abuja = Place("geonames:2352778", "Abuja", 9.06, 7.49, "P", "PPLC", "NG", "11", 590400)
    text = (
        "A roadside bomb killed five soldiers in Nigeria on Sunday, officials said.\n"
        "The blast ripped through an army truck outside Kano, some 400 kilometres north of "
        "the capital Abuja."
    )
    (blast,) = foreground(text, places={"Nigeria": NIGERIA, "Kano": KANO, "Abuja": abuja})
    assert blast.location == "Kano"


def test_a_town_the_story_names_beats_the_dateline_for_a_region_only_lead() -> None:
    # the lead names only the country; the body names the town it happened in:
    # the dateline city (a bureau) does not stand for the region
    zaria = Place("geonames:2317765", "Zaria", 11.11128, 7.7227, "P", "PPLA2", "NG", "18")
    text = (
        "KADUNA — Gunmen attacked a farming town in Nigeria on Thursday, killing four "
        "people. Residents of Zaria said the gunmen came on motorbikes at dawn. Shops "
        "in Zaria stayed shut on Friday."
    )
    places = {"KADUNA": KADUNA, "Nigeria": NIGERIA, "Zaria": zaria}
    (attack,) = foreground(text, places=places, dateline="KADUNA")
    assert attack.location == "Zaria"


def test_forces_that_seized_control_of_a_town_regained_it() -> None:
    text = "Army forces seized control of Kano on Monday after a week of fighting with rebels."
    assert ("Battles", "Government regains territory") in kinds(
        foreground(text, places={"Kano": KANO})
    )


def test_an_alleged_author_does_not_make_a_deadly_attack_a_charge() -> None:
    # "allegedly" doubts who attacked; the dead it left are told as fact
    text = (
        "Gunmen allegedly attacked the convoy of a governor in Kano on Wednesday, leaving "
        "three people dead and eight injured."
    )
    (attack,) = foreground(text, places={"Kano": KANO})
    assert (attack.location, attack.fatalities, attack.injured) == ("Kano", 3, 8)
    # a charge told without victims stays a charge
    text = "Three activists were arrested in Kano on Wednesday for allegedly attacking a rally."
    assert all(i.event_type.value != "Riots" for i in foreground(text, places={"Kano": KANO}))


def test_allegedly_before_a_past_verb_doubts_the_author_not_the_event() -> None:
    text = "Soldiers allegedly killed two civilians in Kano on Tuesday, residents said."
    (attack,) = foreground(text, places={"Kano": KANO})
    assert (attack.sub_event_type, attack.fatalities) == ("Attack", 2)
    # before a gerund it names the charge of an arrest
    text = "He was arrested for allegedly attacking a police officer in Kano on Tuesday."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Strategic developments", "Arrests")]


def test_activists_detained_for_blocking_traffic_are_a_protest_broken_up() -> None:
    text = "Police detained 65 activists who tried to block traffic on the streets of Kano."
    assert kinds(foreground(text, places={"Kano": KANO})) == [
        ("Protests", "Protest with intervention")
    ]
    # an arrest after a raid stays an arrest
    text = "Police arrested five gunmen in Kano on Thursday after a raid on their hideout."
    assert kinds(foreground(text, places={"Kano": KANO})) == [("Strategic developments", "Arrests")]
