"""Person names that read as places: couples, given-name runs, initials and reporting cues."""

from __future__ import annotations

from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.persons import find_persons
from incidentmap.geoparse.recognize import tokenize


def _persons(text: str, names: frozenset[str] = frozenset()):
    spans, keys = tokenize(text)
    return find_persons(text, spans, keys, Lexicon.default(), is_name=names.__contains__)


def _blocked(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    return sorted(text[s:e] for s, e, _ in _persons(text, names).blocked)


def test_a_given_name_joined_to_a_full_name_is_one_of_a_couple():
    text = "The ranchers Brent and Lynnette Hain sold the herd. Brent drove it north."
    found = _persons(text, frozenset({"brent"}))
    assert "Brent" in [text[s:e] for s, e, _ in found.blocked]
    assert "brent" in found.surnames
    # the second run a place name of its own: no couple
    assert _blocked("Buses run to Dallas and Austin Heights.", frozenset({"austin heights"})) == [
        "Austin Heights"
    ]
