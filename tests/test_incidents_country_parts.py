"""An event told in a compass part of a country stays in that part (issue 12, places).

"A drone strike in northeast Jordan", in a story that also names Iraq, Syria and Baghdad,
happened in Jordan, and in its north-east: not at a place of a neighbour the story names
more often, nor at Amman, nor at the middle of the country. Each sentence is written for
the test; the places are those of the shipped gazetteer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.incidents.parts import compass_part, part_of_country
from incidentmap.model import Article, Incident, Place, Toponym

PUBLISHED = dt.date(2024, 5, 20)
JORDAN = Place("geonames:248816", "Jordan", 31.0, 36.0, "A", "PCLI", "JO")


def foreground(embedded, text: str) -> list[Incident]:
    article = Article("parts", text, published=PUBLISHED)
    return [i for i in extract_incidents(article, embedded.parse(article)) if not i.background]


def test_a_part_of_a_country_keeps_the_event_out_of_the_neighbours_it_names(embedded) -> None:
    text = (
        "A drone strike killed three smugglers in northeast Jordan on Tuesday, the army "
        "said. The drones were flown in from Syria, officials said, and Iraq has closed its "
        "border. Iraqi officials met Syrian counterparts in Baghdad."
    )
    (strike,) = foreground(embedded, text)
    assert strike.country_code == "JO"
    # the seat of Mafraq governorate, which covers the kingdom's north-east: not Amman
    assert (strike.location, int(strike.geo_precision)) == ("Mafraq", 3)
    assert any("northeast of Jordan" in note for note in strike.notes)


@pytest.mark.parametrize(
    ("text", "country", "town"),
    [
        (
            "Militants attacked an army base in the north-east of Nigeria on Sunday. Niger "
            "and Chad sent troops, officials in Niamey said.",
            "NG",
            "Maiduguri",
        ),
        (
            "An Israeli strike killed two people in southern Lebanon on Friday. Syria and "
            "Iraq condemned the attack.",
            "LB",
            "Nabatîyé et Tahta",
        ),
        (
            "Separatists attacked a village in western Cameroon on Monday, killing four "
            "people. Nigeria and Chad have suffered such attacks too.",
            "CM",
            "Buea",
        ),
    ],
)
def test_the_part_goes_to_the_seat_of_the_area_lying_that_way(
    embedded, text: str, country: str, town: str
) -> None:
    (event,) = foreground(embedded, text)
    assert (event.country_code, event.location) == (country, town)


def test_an_island_or_exclave_off_the_main_land_is_not_the_part_meant(embedded) -> None:
    # Melilla (in Africa) and the Canaries lie south of Andalusia: no one means them by
    # "southern Spain"
    (riot,) = foreground(embedded, "Police clashed with protesters in southern Spain on Friday.")
    assert (riot.country_code, riot.admin1) == ("ES", "51")  # Andalusia


def test_a_part_without_a_bearing_stays_at_the_country_and_says_so(embedded) -> None:
    (attack,) = foreground(embedded, "Gunmen killed five people in central Mali on Sunday.")
    assert (attack.location, int(attack.geo_precision)) == ("Mali", 3)
    assert "place: only a part of Mali named: its own point" in attack.notes


@pytest.mark.parametrize(
    ("text", "name", "bearing"),
    [
        ("in north-eastern Jordan", "Jordan", "northeast"),
        ("in the far north of Jordan", "Jordan", "north"),
        ("in the northern parts of Jordan", "Jordan", "north"),
        ("across southern and central Jordan", "Jordan", "south"),
        ("in Jordan's north-west", "Jordan", "northwest"),
        ("in north east Jordan", "Jordan", "northeast"),
        ("20 km north of Jordan", "Jordan", None),  # outside it
        ("in central Jordan", "Jordan", None),
        ("in Jordan", "Jordan", None),
    ],
)
def test_the_part_is_read_before_or_after_the_name(
    text: str, name: str, bearing: str | None
) -> None:
    at = text.index(name)
    assert compass_part(text, Toponym(at, at + len(name), name)) == bearing


def test_only_a_country_is_placed_by_its_parts() -> None:
    amman = Place("geonames:250441", "Amman", 31.96, 35.95, "P", "PPLC", "JO", "16")
    assert part_of_country(amman, "north") is None
    assert part_of_country(JORDAN, "upwards") is None
    found = part_of_country(JORDAN, "south")
    assert found is not None and found.place.name == "Aqaba"
