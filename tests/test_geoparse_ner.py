"""The optional spaCy merge, with a blank English pipeline and an entity ruler (no model)."""

from __future__ import annotations

import pytest

from incidentmap.errors import InputError
from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.ner import SpacyMentions, load_pipeline
from test_geoparse_support import tiny_gazetteer

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "GPE", "pattern": "Arbil"},
            {"label": "FAC", "pattern": [{"LOWER": "the"}, {"LOWER": "green"}, {"LOWER": "zone"}]},
            {"label": "PERSON", "pattern": "Ramadi"},
        ]
    )
    return nlp


def test_entities_fill_gaps_and_ours_win_overlaps(nlp):
    parser = Geoparser(tiny_gazetteer(), ner=nlp)
    text = "officials in arbil said the green zone was calm; Arbil too."
    found = [(t.text, t.place.id if t.place else None) for t in parser.parse(text)]
    assert ("green zone", "curated:green-zone-baghdad") in found
    assert ("Arbil", "g:erbil") in found
    assert all(text[t.start : t.end] == t.text for t in parser.parse(text))


def test_only_place_labels_are_taken(nlp):
    got = SpacyMentions(nlp).mentions("Ramadi met Arbil.")
    assert [(m.text, m.hints) for m in got] == [("Arbil", ("ner:GPE",))]


def test_missing_pipeline_is_a_clear_error():
    with pytest.raises(InputError, match="not installed"):
        load_pipeline("xx_no_such_pipeline_sm")
