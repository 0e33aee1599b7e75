"""Given spans naming a natural feature by a place's name: "the Swat Valley", "X Island".

Sentences written for these tests; run on the embedded gazetteer.
"""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.features import FAR_REASON
from incidentmap.model import Article, GivenSpan, Toponym


@pytest.fixture(scope="module")
def parser(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


def _given(parser: Geoparser, text: str, *names: str) -> dict[str, Toponym]:
    spans = [GivenSpan(text.index(n), text.index(n) + len(n), n) for n in names]
    found = parser.resolve_spans(Article(text=text, id="t"), spans)
    return {t.text: t for t in found}


def test_a_valley_named_like_a_district_is_the_district(parser):
    text = "Army helicopters flew aid into the Swat Valley of north-west Pakistan on Friday."
    got = _given(parser, text, "Swat Valley", "Pakistan")
    place = got["Swat Valley"].place
    assert place is not None
    assert (place.name, place.country_code, place.feature_code) == ("Swat", "PK", "ADM2")


def test_a_feature_read_as_the_recognizer_reads_it(parser):
    # the same span found end to end and given by markup is the same place
    text = "Floods cut the roads of the Swat Valley, officials in Peshawar said."
    given = _given(parser, text, "Swat Valley", "Peshawar")["Swat Valley"].place
    found = [t for t in parser.parse(Article(text=text, id="t")) if t.text == "Swat Valley"]
    assert given is not None and [t.place for t in found] == [given]


def test_an_island_is_no_far_town_of_its_name(parser):
    # no town Plum in New York: the one in Pennsylvania is not the island's
    text = "Samples went to a laboratory on Plum Island, off the coast of New York state."
    got = _given(parser, text, "Plum Island", "New York")
    assert got["Plum Island"].place is None
    assert FAR_REASON in got["Plum Island"].reasons
    assert got["New York"].place is not None


def test_an_island_keeps_a_town_of_its_name_in_the_storys_own_area(parser):
    # a town named like the bay lies in the same state as the story's other place
    text = "A yacht ran aground in Long Island Bay, the coast guard in Albany, New York said."
    got = _given(parser, text, "Long Island Bay", "Albany")
    place = got["Long Island Bay"].place
    assert place is not None and (place.country_code, place.admin1) == ("US", "NY")


def test_a_whole_name_the_gazetteer_knows_is_not_cut(parser):
    text = "Ferries to Staten Island stopped during the storm, New York City officials said."
    place = _given(parser, text, "Staten Island")["Staten Island"].place
    assert place is not None and place.name == "Staten Island"
