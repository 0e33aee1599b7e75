"""Place names inside the names of clubs, brands, contests, hospitals and persons.

Sentences written for these tests; the embedded gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser


@pytest.fixture(scope="module")
def embedded(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def names(parser: Geoparser, text: str) -> list[str]:
    return [t.text for t in parser.parse(text)]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The striker left Atletico Madrid for a club in Spain.", ["Spain"]),
        ("Barca beat Deportivo La Coruna to lead La Liga.", []),
        ("He was second in the Ballon d'Or voting again.", []),
        ("Virgin Atlantic pilots voted to strike over pay.", []),
        ("The chain runs 100 Kentucky Fried Chicken outlets.", []),
        ("The Miss World contest was held in a new venue.", []),
    ],
)
def test_clubs_leagues_awards_and_brands_are_not_places(embedded, text, expected):
    assert names(embedded, text) == expected
