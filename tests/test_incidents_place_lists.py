"""Several places in one sentence: ACLED codes one event per place (issue 12).

Rules of news copy that name a list of places for one kind of event, found among the
unmatched incidents of the real-news tuning part. Each sentence below is written for
the test; it shows the rule, not an article.
"""

from __future__ import annotations

from incidentmap.model import GeoPrecision, Place
from test_incidents import KANO, NIGERIA, run

KATSINA = Place("geonames:2334802", "Katsina", 12.98943, 7.60063, "P", "PPLA", "NG", "21")
ZARIA = Place("geonames:2317765", "Zaria", 11.11128, 7.7227, "P", "PPLA2", "NG", "18")
KANO_STATE = Place("geonames:2335196", "Kano State", 11.75, 8.5, "A", "ADM1", "NG", "29")
KADUNA_STATE = Place("geonames:2335722", "Kaduna State", 10.33, 7.75, "A", "ADM1", "NG", "23")


def places_of(text: str, places: dict[str, Place]) -> list[str]:
    return sorted(i.location or "" for i in run(text, places=places) if not i.background)


def test_a_count_for_each_area_tells_an_event_in_each() -> None:
    """'20 over the X region in northern Y and 5 over the Z region': one event per area."""
    text = (
        "Air defences shot down 20 drones over the Kano region in northern Nigeria "
        "and 5 over the Kaduna region on Friday."
    )
    places = {"Kano": KANO, "Nigeria": NIGERIA, "Kaduna": KADUNA_STATE}
    assert places_of(text, places) == ["Kaduna", "Kano"]  # a province at its seat


def test_a_count_for_an_area_placed_in_its_country_tells_an_event_there() -> None:
    """'4 over the southern X region and 4 more over the central Y region': two events."""
    text = (
        "Four drones were shot down over the northern region of Kano and four more over the "
        "central Kaduna region on Friday."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA_STATE}
    found = places_of(text, places)
    assert len(found) == 2  # the second area at its seat or its own point
    assert found[0].startswith("Kaduna") and found[1] == "Kano"


def test_a_count_for_each_town_tells_an_event_in_each() -> None:
    text = "Gunmen killed 10 villagers in Kano and another 12 in the town of Zaria on Friday."
    assert places_of(text, {"Kano": KANO, "Zaria": ZARIA}) == ["Kano", "Zaria"]


def test_villages_named_with_their_provinces_give_an_event_per_province() -> None:
    """The villages are unknown to the gazetteer; the provinces that hold them are named."""
    text = (
        "Rebels seized the villages of Dabo in the northern Kano region and Gwari in the "
        "eastern Kaduna region on Sunday."
    )
    incidents = [
        i
        for i in run(text, places={"Kano": KANO_STATE, "Kaduna": KADUNA_STATE})
        if not i.background
    ]
    assert len(incidents) == 2
    assert {i.geo_precision for i in incidents} == {GeoPrecision.REGION}


def test_names_listed_with_a_plural_kind_word_are_each_a_place() -> None:
    """'over Y's A, B and C states': each a place, whatever the names resolved to."""
    text = "Air defences shot down drones over Nigeria's Kano, Kaduna and Katsina states on Friday."
    places = {"Nigeria": NIGERIA, "Kano": KANO, "Kaduna": KADUNA_STATE, "Katsina": KATSINA}
    assert places_of(text, places) == ["Kaduna", "Kano", "Katsina"]


def test_places_listed_before_the_event_are_each_a_place() -> None:
    text = "Kano, Zaria and Katsina saw clashes between herders and farmers on Friday."
    places = {"Kano": KANO, "Zaria": ZARIA, "Katsina": KATSINA}
    assert places_of(text, places) == ["Kano", "Katsina", "Zaria"]


def test_a_list_after_from_is_where_people_came_from() -> None:
    """A list before the event's place is followed back, but not past "from"."""
    text = "Gunmen attacked traders travelling from Kano, Zaria and Katsina on Friday."
    places = {"Kano": KANO, "Zaria": ZARIA, "Katsina": KATSINA}
    assert "Kano" not in places_of(text, places)


def test_a_new_event_noun_after_one_that_refers_back_tells_new_events() -> None:
    """'The protest in X was joined by protests in A and B': A and B are events of their own."""
    text = (
        "Thousands protested against fuel prices in Kano on Friday. "
        "The protest in Kano was joined by protests in Zaria and Katsina."
    )
    places = {"Kano": KANO, "Zaria": ZARIA, "Katsina": KATSINA}
    assert places_of(text, places) == ["Kano", "Katsina", "Zaria"]


def test_people_named_after_a_reference_back_tell_no_new_event() -> None:
    text = (
        "Thousands protested against fuel prices in Kano on Friday. "
        "The protest in Kano was joined by protesters from Zaria."
    )
    assert places_of(text, {"Kano": KANO, "Zaria": ZARIA}) == ["Kano"]


def test_a_movement_between_areas_is_no_list() -> None:
    text = "Rebels moved 20 trucks from the Kano region to the Kaduna region on Friday."
    assert len(run(text, places={"Kano": KANO_STATE, "Kaduna": KADUNA_STATE})) <= 1


def test_a_list_goes_on_past_names_the_gazetteer_lacks() -> None:
    text = "Gunmen killed 20 villagers in Kano, Dabo, Gwari and Zaria on Friday."
    assert places_of(text, {"Kano": KANO, "Zaria": ZARIA}) == ["Kano", "Zaria"]


def test_a_name_of_a_list_of_towns_resolved_to_a_province_is_a_member() -> None:
    """The province is its own place (at its seat), not the story's town within it."""
    text = "Gunmen killed 20 villagers in Kano, Kaduna, Zaria and Katsina on Friday."
    places = {"Kano": KANO, "Kaduna": KADUNA_STATE, "Zaria": ZARIA, "Katsina": KATSINA}
    assert places_of(text, places) == ["Kaduna", "Kano", "Katsina", "Zaria"]


def test_the_places_a_reference_to_a_wave_names_are_its_events() -> None:
    text = (
        "The army said it had killed 80 militants following a wave of coordinated attacks on "
        "military posts in the north. The attacks, which occurred on Tuesday, struck three "
        "towns: Kano, Zaria and Katsina."
    )
    places = {"Kano": KANO, "Zaria": ZARIA, "Katsina": KATSINA}
    assert places_of(text, places) == ["Kano", "Katsina", "Zaria"]


def test_a_first_member_resolved_to_a_province_stands_for_its_seat() -> None:
    text = "Protesters rallied in the cities of Kaduna, Kano and Zaria on Friday."
    places = {"Kaduna": KADUNA_STATE, "Kano": KANO, "Zaria": ZARIA}
    assert places_of(text, places) == ["Kaduna", "Kano", "Zaria"]


def test_places_each_named_with_what_holds_them_are_each_a_place() -> None:
    """'in the A area of the X district and the B village of Y': B is unknown, Y holds it."""
    text = (
        "Gunmen killed five people on Saturday in the Kano area of the Gwale district and the "
        "Dabo village of Zaria."
    )
    assert places_of(text, {"Kano": KANO, "Zaria": ZARIA}) == ["Kano", "Zaria"]
