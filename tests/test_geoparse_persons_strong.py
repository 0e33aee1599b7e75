"""A country's or state's name used for a person, and names with a middle initial."""

from __future__ import annotations

import pytest

from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.persons import find_persons
from incidentmap.geoparse.recognize import tokenize
from test_geoparse_support import tiny_gazetteer


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(tiny_gazetteer())


def test_a_name_credited_with_a_quotation_is_a_person_throughout(parser):
    text = (
        'Georgia began skating at four. "I am dedicated to it," said Georgia. '
        "Her coach says Georgia herself chose the club."
    )
    assert [t.text for t in parser.parse(text)] == []


def test_a_government_that_speaks_stays_a_place(parser):
    found = parser.parse("Georgia said on Monday it would not join. Tbilisi agreed.")
    assert [t.text for t in found] == ["Georgia", "Tbilisi"]
    assert found[0].place.id == "g:ge"


def test_a_middle_initial_keeps_the_name_going():
    text = "Charles W. Murphy, M.D., has been named director. Murphy trained in Iowa."
    spans, keys = tokenize(text)
    found = find_persons(text, spans, keys, Lexicon.default())
    assert next(text[s:e] for s, e, _ in found.blocked) == "Charles W. Murphy"
    assert "murphy" in found.surnames
