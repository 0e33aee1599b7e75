"""The seed article against the embedded gazetteer: what the issue says it must show."""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.text.articles import read_articles


@pytest.mark.slow
def test_seed_article_places(gazetteer, repo):
    (article,) = read_articles(str(repo / "seeds" / "baghdad-drone-strike.txt"))
    found = Geoparser(gazetteer).parse(article)
    ids = {t.place.id for t in found if t.place}
    assert {"geonames:98182", "curated:green-zone-baghdad", "curated:us-embassy-baghdad"} <= ids
    by_text = {(t.text, t.kind): t.place.country_code for t in found if t.place}
    assert by_text[("Iraqi", "demonym")] == "IQ" and by_text[("Iraq", "place")] == "IQ"
    assert by_text[("Iran", "demonym")] == "IR"
    assert by_text[("U.S.", "place")] == "US"
    words = {t.text for t in found}
    for not_a_place in ("Kadhimi", "al-Kadhimi", "Sadr", "al-Sadr", "Moqtada", "Fatah",
                        "Twitter", "State Department", "Qassem", "Muslem", "Read"):  # fmt: skip
        assert not_a_place not in words
    assert all(article.text[t.start : t.end] == t.text for t in found)
