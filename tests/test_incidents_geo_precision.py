"""How precisely an incident is placed (ACLED's geo-precision) on sentences of our own.

1 the town itself, 2 near a town or in a part of an area, 3 only a region. Rules of news
copy: "near the town of X" is near X, like "near X"; "the X district of Y", a town, is in
Y; and a story datelined in a town
whose sentence names the event's place only as "the capital" or "the city" places it in
that town, while a dateline alone says only roughly where (a bureau's town).
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.model import Article


def placed(embedded, text: str) -> list[tuple[str, int]]:
    article = Article("g", text, published=dt.date(2025, 3, 10))
    return [
        (i.location, int(i.geo_precision))
        for i in extract_incidents(article, embedded.parse(article))
        if not i.background
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen ambushed a police patrol near the town of Djibo on Sunday, killing six.",
         [("Djibo", 2)]),
        ("Militants attacked a convoy outside the small town of Sebba on Sunday, "
         "killing four soldiers.", [("Sebba", 2)]),
        ("Gunmen attacked a checkpoint near the eastern town of Iganga on Sunday, killing two "
         "officers.", [("Iganga", 2)]),
        ("Gunmen opened fire on hikers near the mountain resort town of Pahalgam on Sunday, "
         "killing three.", [("Pahalgam", 2)]),
        ("Gunmen attacked a checkpoint in the town of Iganga on Sunday, killing two officers.",
         [("Iganga", 1)]),
        # a district of a town lies in the town; the Paris suburb of Nanterre is Nanterre
        ("A car bomb exploded in the Karkh district of Baghdad on Sunday, killing five.",
         [("Baghdad", 1)]),
        ("Rioters burned cars in the Paris suburb of Nanterre on Sunday.", [("Nanterre", 1)]),
    ],
)  # fmt: skip
def test_near_the_town_of_is_near_the_town(embedded, text: str, expected) -> None:
    assert placed(embedded, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LIMA, Peru — Thousands of students marched through the Peruvian capital on Sunday "
         "against a new education law.", [("Lima", 1)]),
        ("QUITO — Police fired tear gas at protesters outside parliament in the capital on "
         "Sunday.", [("Quito", 1)]),
        ("KANO, Nigeria — A bomb exploded at a bus station in the city on Sunday, killing "
         "three people.", [("Kano", 1)]),
        # the dateline alone: the event is likely there, but the copy does not say so
        ("LIMA, Peru — Thousands of students marched on Sunday against a new education law.",
         [("Lima", 2)]),
        # a province's seat is no "capital" of the country's copy
        ("KAYA, Burkina Faso — Soldiers arrested three men in the capital on Sunday.",
         [("Kaya", 2)]),
    ],
)  # fmt: skip
def test_a_dateline_town_the_sentence_names_as_the_capital_is_exact(
    embedded, text: str, expected
) -> None:
    assert placed(embedded, text) == expected


def test_a_headline_led_by_a_country_is_no_dateline(embedded) -> None:
    # "Colombia: ..." heads the page; the story's dateline is BOGOTA, a bureau, and the
    # clashes are in Cauca, not in the capital
    text = (
        "Colombia: Clashes between armed groups displace 2,000 in Cauca\n\n"
        "BOGOTA, May 5 (Reuters) - Clashes between two rival armed groups in Colombia's "
        "southwestern Cauca province have forced more than 2,000 people to flee since "
        "Friday, the ombudsman's office said on Monday."
    )
    assert placed(embedded, text) == [("Cauca", 3)]
