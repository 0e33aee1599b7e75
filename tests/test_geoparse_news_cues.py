"""Words around a name that news copy uses to say it is a place, or that it is none.

Sentences written for these tests; the embedded gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from test_geoparse_inner_names import names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "With the United States flu season nearly over, clinics in Ohio closed.",
            ["United States", "Ohio"],
        ),
        ("Doctors said the Canada flu season began early this year.", ["Canada"]),
        # a disease named for a place has no season of its own: still no place
        ("Cases of West Nile virus rose in Ohio.", ["Ohio"]),
        ("The Spanish flu killed millions; Ohio was spared.", ["Ohio"]),
        ("The Ebola outbreak reached Kampala.", ["Kampala"]),
    ],
)
def test_a_big_place_before_flu_season_is_the_place(embedded, text, expected):
    assert names(embedded, text) == expected
