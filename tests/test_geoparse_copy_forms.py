"""Forms of news copy that hold a place name without naming the place.

Dates written with a month ("on October 6"), the last word of another name ("Silver
Street", "Harbour Bay"), and the like. Sentences written for these tests; the embedded
gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from test_geoparse_inner_names import names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # GeoNames lists "October 6" as a name of 6th of October City
        ("She was treated in Glasgow on October 6 and sent home.", ["Glasgow"]),
        ("The talks in Cairo resumed on October 6, officials said.", ["Cairo"]),
    ],
)
def test_a_month_and_a_day_are_a_date(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fire broke out in Silver Street, Edmonton, on Friday.", ["Edmonton"]),
        ("The seals were seen at Harbour Bay, near Auckland.", ["Auckland"]),
        ("The Louisville Metro Council voted on the plan.", ["Louisville"]),
        # the everyday word is still a place with a cue and nothing glued before it
        ("Floods hit the town of Most, Czech Republic, on Friday.", ["Most", "Czech Republic"]),
        ("Police in Most, Czech Republic, closed a bridge.", ["Most", "Czech Republic"]),
    ],
)
def test_an_everyday_word_after_a_capitalised_word_ends_that_name(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # cues of two words before a small town
        "Dead swans were found near to Bieżuń on Monday.",
        "Dead swans were found on the outskirts of Bieżuń on Monday.",
    ],
)
def test_near_to_and_the_outskirts_of_cue_a_small_town(embedded, text):
    assert names(embedded, text) == ["Bieżuń"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a prefix joined by a hyphen makes an adjective of the name: no place
        ("Critics in Denver called the rule un-American.", ["Denver"]),
        ("Ministers in Oslo backed euro-Atlantic ties.", ["Oslo"]),
        ("Anti-Japanese marches spread in Nanjing.", ["Nanjing"]),
        # "mid-" and "sub-" name part of the place
        ("Storms hit mid-Ohio farms.", ["Ohio"]),
    ],
)
def test_a_name_after_an_adjective_prefix_is_no_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a council or a court is named for the place it governs or sits in
        ("A member of Enfield Council opened the new garden.", ["Enfield"]),
        ("Enfield Council's planners approved the bridge.", ["Enfield"]),
        ("The driver appeared at Wood Green Crown Court on Tuesday.", ["Wood Green"]),
        # a longer word is no council: "Councillor" opens a person's title
        ("Enfield Councillor Mary Doyle cut the ribbon.", []),
    ],
)
def test_a_weak_name_before_its_council_or_court_is_the_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
def test_a_weak_name_glued_to_an_unknown_name_by_two_spaces_is_part_of_it(embedded):
    # pasted copy often holds two spaces between a first name and a surname
    text = "Police arrested Vernon  Adkins, 42, of Lexington."
    assert names(embedded, text) == ["Lexington"]
    assert names(embedded, text.replace("  ", " ")) == ["Lexington"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cases rose sharply in Spring 2002, officials in Houston said.", ["Houston"]),
        ("The plant in Houston shut in Fall 1998 for repairs.", ["Houston"]),
    ],
)
def test_an_everyday_word_before_a_year_is_a_season(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials feared a repeat of the recent United Kingdom outbreak.", ["United Kingdom"]),
        ("Farmers braced for a UK outbreak after cases in France.", ["UK", "France"]),
        # a disease named after a place is still no place
        ("Doctors fought the Ebola outbreak and West Nile virus in Texas.", ["Texas"]),
    ],
)
def test_a_country_before_outbreak_is_where_it_broke_out(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
def test_a_building_named_for_a_saint_stands_in_its_town(embedded):
    found = embedded.parse("He was taken to St. Michael's Hospital in Toronto on Monday.")
    got = {t.text: (t.place.name if t.place else None) for t in found}
    assert got == {"St. Michael's Hospital": "Toronto", "Toronto": "Toronto"}
    found = embedded.parse("Doctors at St Thomas Hospital, London, treated him.")
    first = found[0]
    assert (first.text, first.place and first.place.name) == ("St Thomas Hospital", "London")


@pytest.mark.slow
def test_a_building_named_for_a_saint_the_gazetteer_lacks_stands_in_its_town(embedded):
    found = embedded.parse("She worked at St. Ethelred's Hospital in Leeds for years.")
    got = [(t.text, t.place and t.place.name) for t in found]
    assert got == [("St. Ethelred's Hospital", "Leeds"), ("Leeds", "Leeds")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "He was taken to St. Michael's Hospital on Friday.",  # not the parish in Barbados
        "He once taught at St. Ethelred School.",  # "St." alone is no place
    ],
)
def test_a_saints_building_without_its_town_is_no_place(embedded, text):
    assert embedded.parse(text) == []


@pytest.mark.slow
def test_a_countrys_possessive_introduces_no_small_place_abroad(embedded):
    # Kaka is a town of Turkmenistan: "Brazil's Kaka" is a player of Brazil's
    found = embedded.parse("The prize went to Brazil's Kaka that year.")
    assert [(t.text, t.place and t.place.name) for t in found] == [
        ("Brazil", "Brazil"),
        ("Kaka", None),
    ]
    # one of the country's own places, or a province abroad, is still a place
    found = embedded.parse("Kenya's Kisumu and Russia's Crimea were calm.")
    assert [t.place and t.place.country_code for t in found] == ["KE", "KE", "RU", "UA"]
