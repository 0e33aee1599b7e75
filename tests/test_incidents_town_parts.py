"""A quarter of a town named by a curated name of several words is the scene (issue 12).

"The Old City of Mosul" is in the curated landmarks (``gazetteer/curated``). It has no
population, and the geoparser drops a small place that nothing supports (a cue such as
"in", a type word, a dateline) as a likely stray word; "in the Old City of Mosul" has no
such cue right before the name, so the event fell back to the story's country and from
there to its capital, Baghdad. Each sentence is written for the test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.model import Article


@pytest.mark.parametrize(
    "text",
    [
        "Fighting raged in the Old City of Mosul on Sunday.",
        "Iraqi forces cleared the last militants from the Old City of Mosul on Sunday.",
        "Families fled the Old City of Mosul as the battle neared its end.",
    ],
)
def test_a_curated_name_of_several_words_is_found_without_a_cue(embedded, text: str) -> None:
    found = [(t.text, t.place.id) for t in embedded.parse(text) if t.place is not None]
    assert ("Old City of Mosul", "curated:mosul-old-city") in found


def test_an_event_in_the_old_city_of_mosul_is_not_put_at_baghdad(embedded) -> None:
    text = (
        "BAGHDAD (Reuters) - Iraqi forces clashed with militants in the Old City of Mosul on "
        "Sunday, the military said."
    )
    article = Article("mosul", text, published=dt.date(2024, 5, 20))
    (clash,) = [i for i in extract_incidents(article, embedded.parse(article)) if not i.background]
    assert (clash.location, clash.admin1, int(clash.geo_precision)) == (
        "Old City of Mosul",
        "15",
        1,
    )
