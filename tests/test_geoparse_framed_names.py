"""Names the gazetteer lacks, framed by the text as places of a named container, end to end.

Sentences written for these tests (the framed names are invented); the embedded
gazetteer resolves the containers.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser


def placed(parser: Geoparser, text: str) -> dict[str, str | None]:
    return {t.text: t.place and t.place.name for t in parser.parse(text)}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "container"),
    [
        (
            "A villager in the Oskwal district of Uttar Pradesh lost his house.",
            "Oskwal",
            "Uttar Pradesh",
        ),
        (
            "Farmers in the Tarnwick district, Mashonaland East province, want seed.",
            "Tarnwick",
            "Mashonaland East",
        ),
        ("The stall was in Oskwal, Quezon City, the police said.", "Oskwal", "Quezon City"),
        ("Residents near Tarnwick, Auckland, were told to boil water.", "Tarnwick", "Auckland"),
        ("Several were hurt at Whittier's Oskwal Park on Sunday.", "Oskwal Park", "Whittier"),
        ("A gunman fired on Paris' famous Tarnwick boulevard at night.", "Tarnwick", "Paris"),
    ],
)
def test_a_framed_name_is_placed_at_its_container(embedded, text, name, container):
    assert placed(embedded, text)[name] == container


@pytest.mark.slow
def test_every_mention_of_a_framed_name_gets_its_place(embedded):
    text = "Cholera broke out in Oskwal, Quezon City. Doctors in Oskwal asked for help."
    found = [(t.text, t.place and t.place.name) for t in embedded.parse(text)]
    assert found == [
        ("Oskwal", "Quezon City"),
        ("Quezon City", "Quezon City"),
        ("Oskwal", "Quezon City"),
    ]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The fire started in Tarnwick Road, Edmonton, on Friday.",  # a street
        "The notice was printed in Hebrew, Arabic and English.",  # languages
        "Officials in Oskwal said nothing.",  # no container
        "Brazil's Tarnwick scored twice in the final.",  # no word of a place after the name
    ],
)
def test_no_name_is_framed_without_a_container_or_as_a_street(embedded, text):
    found = placed(embedded, text)
    assert "Tarnwick" not in found and "Tarnwick Road" not in found
    assert "Oskwal" not in found and "Hebrew" not in found


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # the gazetteer lacks the feature: the mention spans its name, placed by the town's
        ("Fighting spread through the Swat Valley, in Pakistan, last week.", "Swat Valley", "Swat"),
        ("The melons were grown in the Salinas Valley of California.", "Salinas Valley", "Salinas"),
        ("Kayakers landed at Islington Bay near Auckland.", "Islington Bay", "Islington"),
    ],
)
def test_a_capitalised_feature_word_after_a_place_name_ends_the_mention(
    embedded, text, name, place
):
    assert placed(embedded, text)[name] == place


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lower-case word is no part of the name, nor is a word that ends another name
        ("Farms in the Salinas valley were flooded.", ["Salinas"]),
        ("Rift Valley fever spread across Kenya.", ["Kenya"]),
    ],
)
def test_no_lower_case_word_joins_a_feature_name(embedded, text, expected):
    assert [t.text for t in embedded.parse(text)] == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # a compass, size or feature word opens a name the gazetteer lacks
        ("A shop was set alight in North London on Friday.", "North London", "London"),
        ("Wells ran dry in Upper Edmonton last summer.", "Upper Edmonton", "Edmonton"),
        ("The council of Greater Mumbai shut the pools.", "Greater Mumbai", "Mumbai"),
        ("Ice covered Lake Erie for a month.", "Lake Erie", "Erie"),
    ],
)
def test_a_capitalised_opener_before_a_place_name_starts_the_mention(embedded, text, name, place):
    assert placed(embedded, text)[name] == place


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an opener after another capitalised word opens no name of its own
        ("Cyclones often strike Far North Queensland.", ["Queensland"]),
        ("Storms hit homes in North-Western Sydney overnight.", ["Sydney"]),
        # a lower-case compass word is no part of the name
        ("Rain fell on northern London all week.", ["London"]),
    ],
)
def test_no_opener_joins_a_name_after_another_capitalised_word(embedded, text, expected):
    assert [t.text for t in embedded.parse(text)] == expected
