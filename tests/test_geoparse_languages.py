"""Demonyms and place names written as the names of languages, end to end.

Sentences written for these tests; the embedded gazetteer resolves them.
"""

from __future__ import annotations

import pytest

from test_geoparse_inner_names import names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gunman shouted in Turkish, then opened fire in Ankara.", ["Ankara"]),
        ("She speaks fluent French and wants to teach.", []),
        # English is also a town in Indiana
        ("The warning was printed in English and Spanish.", []),
        ("The note was written in Russian, police in Kharkiv said.", ["Kharkiv"]),
    ],
)
def test_a_language_is_no_place(embedded, text, expected):
    assert names(embedded, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Two men were held in Turkish custody.", ["Turkish"]),
        ("Troops moved into Syrian territory on Monday.", ["Syrian"]),
        ("They came in Turkish, Syrian and Iraqi convoys.", ["Turkish", "Syrian", "Iraqi"]),
        ("He was born in English, Indiana.", ["English", "Indiana"]),
    ],
)
def test_a_demonym_or_town_before_a_noun_or_a_place_is_still_one(embedded, text, expected):
    assert names(embedded, text) == expected
