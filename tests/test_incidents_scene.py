"""Which of the places a story names is the scene of an event (issue 12, wrong places).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

from incidentmap.model import Place
from test_incidents import run

KYIV = Place("geonames:703448", "Kyiv", 50.45, 30.52, "P", "PPLC", "UA", "12", 2952301)
KHERSON_REGION = Place(
    "geonames:706442", "Khersonska oblast", 46.5, 34.0, "A", "ADM1", "UA", "08", 593927
)
KYIV_REGION = Place("geonames:703446", "Kyivska oblast", 50.25, 30.5, "A", "ADM1", "UA", "13")
HONIARA = Place("geonames:2108502", "Honiara", -9.43, 159.95, "P", "PPLC", "SB", "14", 56298)
MALAITA = Place("geonames:2106552", "Malaita", -8.92, 160.98, "A", "ADM1", "SB", "03", 7020)


def places_of(text: str, places: dict[str, Place], dateline: str | None = None) -> list[str]:
    found = run(text, places=places, dateline=dateline)
    return [i.location or "" for i in found if not i.background]


# --- the dateline city stands only for a region around it -----------------------------


def test_a_capital_dateline_does_not_stand_for_a_far_region() -> None:
    text = "KYIV — Air defences shot down four drones over the Kherson region on Tuesday."
    got = places_of(text, {"KYIV": KYIV, "Kherson": KHERSON_REGION}, dateline="KYIV")
    assert got == ["Kherson"]  # the region's seat, not the city the story was filed from


def test_a_capital_dateline_stands_for_the_region_around_it() -> None:
    text = "KYIV — Air defences shot down four drones over the Kyiv region on Tuesday."
    got = places_of(text, {"KYIV": KYIV, "Kyiv region": KYIV_REGION}, dateline="KYIV")
    assert got == ["Kyiv"]


# --- people said to come from a place: their home, not the scene -----------------------


def test_the_home_of_protesters_is_not_where_they_rioted() -> None:
    text = (
        "Looters burned shops in Honiara on Wednesday. On Tuesday, hundreds of protesters, "
        "many of them from the island of Malaita, set fire to a police station next to "
        "parliament."
    )
    places = {"Honiara": HONIARA, "Malaita": MALAITA}
    assert places_of(text, places) == ["Honiara", "Honiara"]


def test_where_a_victim_grew_up_or_lived_is_not_where_they_were_taken() -> None:
    # one rule with a story's next sentence ("He lived in the city of X", test_incidents_page)
    text = "Gunmen abducted a pastor who grew up in Honiara and his wife in Malaita on Friday."
    assert places_of(text, {"Honiara": HONIARA, "Malaita": MALAITA}) == ["Auki"]
    text = "Gunmen abducted a pastor who had lived in Honiara and his wife in Malaita on Friday."
    assert places_of(text, {"Honiara": HONIARA, "Malaita": MALAITA}) == ["Auki"]
    # "live" before no preposition tells no home: "live rounds in X" is where they were fired
    text = "Soldiers fired live rounds in Honiara and Malaita on Friday, killing two protesters."
    assert "Honiara" in places_of(text, {"Honiara": HONIARA, "Malaita": MALAITA})


def test_protesters_cleared_from_a_place_were_there() -> None:
    text = "Police fired tear gas to clear protesters from Malaita on Tuesday."
    assert places_of(text, {"Malaita": MALAITA}) == ["Auki"]  # the province's seat
