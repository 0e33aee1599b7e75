"""Names that stand for a government are marked, so that no event is placed there."""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from test_geoparse_support import tiny_gazetteer


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(tiny_gazetteer())


@pytest.mark.parametrize(
    "text",
    [
        "Kabul warned on Friday that the border would close.",
        "Iraq has denied any role in the attack.",
        "Kabul's envoy left, and Kabul said talks were over.",
    ],
)
def test_a_capital_or_country_that_speaks_is_its_government(parser, text):
    found = parser.parse(text)
    last = found[-1]
    assert last.place is not None  # still a place of the story
    assert last.metonym and any(r.startswith("metonym:") for r in last.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Officials in Kabul said the border would close.",
        "A car bomb exploded in Kabul on Friday.",
        "Rockets hit Erbil, police said.",
    ],
)
def test_a_place_where_things_happen_is_no_metonym(parser, text):
    assert not any(t.metonym for t in parser.parse(text))


def test_the_geoparse_output_says_metonym(parser):
    from incidentmap.commands.geoparse import place_record

    (t,) = parser.parse("Iraq said the talks were over.")
    assert place_record(t)["metonym"] is True


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A turkey was pardoned in a ceremony at the White House on Tuesday.",
            [("White House", "BLDG")],
        ),
        ("Protesters gathered outside the Kremlin at noon.", [("Kremlin", "CSTL")]),
        (
            "Spain became the eighth country in the European Union to report a case.",
            [("Spain", "PCLI"), ("European Union", "RGN")],
        ),
        # the organisation itself, not its seat
        ("The White House condemned the attack.", []),
        ("He briefed reporters after a White House meeting.", []),
        ("The European Union said it would send aid.", []),
    ],
)
def test_an_organisation_named_like_its_seat_is_the_seat_after_a_preposition_of_place(
    embedded, text, expected
):
    found = [(t.text, t.place and t.place.feature_code) for t in embedded.parse(text)]
    assert found == expected
