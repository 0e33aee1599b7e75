"""The Baghdad seed article: the incidents an analyst would code, from general rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.model import EventType, GeoPrecision, Incident, Place, TimePrecision, Toponym
from incidentmap.text.articles import read_articles

SEED = Path(__file__).resolve().parents[1] / "seeds" / "baghdad-drone-strike.txt"

BAGHDAD = Place("geonames:98182", "Baghdad", 33.34058, 44.40088, "P", "PPLC", "IQ", "07", 7216000)
GREEN_ZONE = Place(
    "curated:green-zone-baghdad", "Green Zone", 33.3100, 44.3900, "L", "PPLX", "IQ", "07",
    parent_id="geonames:98182",
)  # fmt: skip
EMBASSY = Place(
    "curated:us-embassy-baghdad", "U.S. Embassy", 33.2988, 44.3955, "S", "BDG", "IQ", "07",
    parent_id="geonames:98182",
)  # fmt: skip
IRAQ = Place("geonames:99237", "Iraq", 33.0, 44.0, "A", "PCLI", "IQ")
IRAN = Place("geonames:130758", "Iran", 32.0, 53.0, "A", "PCLI", "IR")
USA = Place("geonames:6252001", "United States", 39.76, -98.5, "A", "PCLI", "US")


def _mentions(text: str) -> list[Toponym]:
    """The mentions a good geoparser finds in the seed."""
    found: list[Toponym] = [Toponym(0, 7, "BAGHDAD", "dateline", BAGHDAD, 0.95)]
    taken: list[tuple[int, int]] = [(0, 7)]

    def add(name: str, kind: str, place: Place) -> None:
        at = text.find(name)
        while at >= 0:
            end = at + len(name)
            if not any(a < end and at < b for a, b in taken):
                found.append(Toponym(at, end, name, kind, place, 0.9))  # type: ignore[arg-type]
                taken.append((at, end))
            at = text.find(name, end)

    add("U.S. Embassy", "place", EMBASSY)
    add("Green Zone", "place", GREEN_ZONE)
    add("Baghdad", "place", BAGHDAD)
    add("Iran-linked", "demonym", IRAN)
    add("Iran-backed", "demonym", IRAN)
    add("Iraqis", "demonym", IRAQ)
    add("Iraqi", "demonym", IRAQ)
    add("Iraq", "place", IRAQ)
    add("U.S.", "demonym", USA)
    add("America", "place", USA)
    return sorted(found, key=lambda t: t.start)


@pytest.fixture(scope="module")
def incidents() -> list[Incident]:
    if not SEED.exists():
        pytest.skip("seeds/baghdad-drone-strike.txt is not in this checkout")
    article = next(iter(read_articles(SEED)))
    return extract_incidents(article, _mentions(article.text))


def _one(incidents: list[Incident], sub_event: str, *, background: bool = False) -> Incident:
    found = [i for i in incidents if i.sub_event_type == sub_event and i.background == background]
    assert len(found) == 1, [(i.sub_event_type, i.event_date, i.evidence[:60]) for i in found]
    return found[0]


def test_seven_incidents_five_on_the_map(incidents: list[Incident]) -> None:
    assert len([i for i in incidents if not i.background]) == 5
    assert len([i for i in incidents if i.background]) == 2


def test_drone_strike_on_the_residence(incidents: list[Incident]) -> None:
    strike = _one(incidents, "Air/drone strike")
    assert strike.event_type is EventType.EXPLOSIONS
    assert (strike.event_date, strike.time_precision) == ("2021-11-07", TimePrecision.DAY)
    assert strike.place_id == "geonames:98182" and strike.geo_precision is GeoPrecision.EXACT
    assert strike.injured is None and strike.fatalities == 0  # the hurt told, no dead
    assert "injuries reported without a number" in strike.notes
    assert strike.evidence.startswith("BAGHDAD — A drone targeted the residence")
    # the later "the attack", "the explosion", "Sunday's attack", "The drone attack" enrich it
    assert strike.confidence >= 0.9


def test_storming_of_the_green_zone_is_a_riot(incidents: list[Incident]) -> None:
    riot = _one(incidents, "Violent demonstration")
    assert riot.event_type is EventType.RIOTS
    assert (riot.event_date, riot.time_precision) == ("2021-11-05", TimePrecision.DAY)
    assert riot.place_id == "curated:green-zone-baghdad"
    assert riot.geo_precision is GeoPrecision.EXACT
    assert (riot.fatalities, riot.injured) == (1, 125)


def test_funeral_march_is_a_protest_in_baghdad(incidents: list[Incident]) -> None:
    march = _one(incidents, "Peaceful protest")
    assert march.event_type is EventType.PROTESTS
    assert march.event_date in ("2021-11-06", "2021-11-07")
    assert march.place_id == "geonames:98182"
    assert march.fatalities == 0  # the man it mourns died in the riot


def test_arrests_june_2019_and_this_summer(incidents: list[Incident]) -> None:
    arrests = sorted(
        (i for i in incidents if i.sub_event_type == "Arrests"), key=lambda i: i.evidence_start
    )
    assert [(i.event_date, i.time_precision) for i in arrests] == [
        ("2019-06-01", TimePrecision.MONTH),
        ("2021-06-01", TimePrecision.MONTH),
    ]
    assert "U.S. Embassy" in arrests[0].evidence
    assert "Qassem Muslem" in arrests[1].evidence
    assert all(i.event_type is EventType.STRATEGIC_DEVELOPMENTS for i in arrests)
    assert all(i.lat is not None for i in arrests)


def test_generic_strikes_and_the_2019_uprising_are_background(incidents: list[Incident]) -> None:
    strikes = _one(incidents, "Air/drone strike", background=True)
    assert "in recent years" in strikes.evidence
    uprising = [i for i in incidents if i.background and "uprising" in i.evidence]
    assert len(uprising) == 1
    assert uprising[0].event_date == "2019-01-01"


def test_ids_are_stable(incidents: list[Incident]) -> None:
    article = next(iter(read_articles(SEED)))
    again = extract_incidents(article, _mentions(article.text))
    assert [i.id for i in again] == [i.id for i in incidents]
    assert len({i.id for i in incidents}) == len(incidents)


def test_background_can_be_left_out(incidents: list[Incident]) -> None:
    article = next(iter(read_articles(SEED)))
    shown = extract_incidents(article, _mentions(article.text), include_background=False)
    assert len(shown) == 5 and not any(i.background for i in shown)
