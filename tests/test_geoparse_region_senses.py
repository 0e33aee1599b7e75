"""A region's name and its namesake town in one story, and names the gazetteer lacks.

Sentences written for these tests; they run on the embedded gazetteer.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.model import Article


@pytest.fixture(scope="module")
def parser(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def _places(parser: Geoparser, text: str, name: str) -> list[tuple[str, str, str | None]]:
    return [
        (t.place.feature_code, t.place.country_code, t.place.admin1)
        for t in parser.parse(Article(text=text, id="t"))
        if t.text == name and t.place is not None
    ]


def test_a_name_the_container_shows_the_gazetteer_lacks_is_lacking_at_each_mention(parser):
    # the only Puncak of the gazetteer is a village in Java: "Puncak district, Central
    # Papua" names a district it lacks, and so does the later "Puncak district"
    text = (
        "Rebels shot two builders in Puncak district, Central Papua, on Friday. "
        "Police flew more officers to Puncak district on Saturday."
    )
    got = _places(parser, text, "Puncak")
    assert got == [("ADM1", "ID", "PT"), ("ADM1", "ID", "PT")]
