"""``bench/incidents.py --losses``: the stage that lost a missed gold incident.

Self-written sentences and places; the script is loaded as a module (it is no package).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.incidents.document import read_article
from incidentmap.model import Article, Place, Toponym

KANO = Place("geonames:2335204", "Kano", 12.00012, 8.51672, "P", "PPLA", "NG", "29", 3626068)
KADUNA = Place("geonames:2335727", "Kaduna", 10.52641, 7.43879, "P", "PPLA", "NG", "23")


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "bench" / "incidents.py"
    spec = importlib.util.spec_from_file_location("bench_incidents", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_incidents", module)
    spec.loader.exec_module(module)
    return module


def _loss(bench: ModuleType, text: str, gold: dict[str, Any], *others: dict[str, Any]) -> str:
    """The stage of ``gold``, missed, with ``others`` matched as the script matches them."""
    article = Article("t", text, published=dt.date(2024, 6, 9))
    toponyms = []
    for name, place in (("Kano", KANO), ("Kaduna", KADUNA)):
        at = text.find(name)
        while at >= 0:
            toponyms.append(Toponym(at, at + len(name), name, "place", place, 0.9))
            at = text.find(name, at + len(name))
    predicted = extract_incidents(article, toponyms)
    pairs = bench._match_place(text, [p for p in predicted if not p.background], list(others))
    taken = frozenset(k for k, p in enumerate(predicted) if any(p is q for q, _ in pairs))
    document = read_article(article, toponyms)
    trace = bench._trace(document)
    assert trace.incidents == predicted  # the traced run is the extraction itself
    return str(bench._loss(article, document, gold, trace, taken))


def _gold(text: str, sentence: str, place: Place, **kw: Any) -> dict[str, Any]:
    return {
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "evidence_start": text.index(sentence),
        "lat": place.lat,
        "lon": place.lon,
        **kw,
    }


def test_a_sentence_without_an_event_word(bench: ModuleType) -> None:
    text = "The governor of Kano visited the market on Friday."
    assert _loss(bench, text, _gold(text, "The governor", KANO)) == bench.LOSSES[0]


def test_an_event_read_as_another_type(bench: ModuleType) -> None:
    text = "Hundreds of people protested in Kano on Friday."
    assert _loss(bench, text, _gold(text, "Hundreds", KANO)) == bench.LOSSES[2]


def test_an_event_placed_away_from_a_place_the_story_names(bench: ModuleType) -> None:
    text = "Gunmen killed five villagers in Kano on Friday. The governor later flew to Kaduna."
    gold = _gold(text, "Gunmen", KADUNA)
    assert _loss(bench, text, gold) == bench.LOSSES[bench._AWAY_NAMED]
    off = _gold(text, "Gunmen", Place("x:1", "Far", 9.0, 4.0, "P", "PPL", "NG"))
    assert _loss(bench, text, off) == bench.LOSSES[bench._AWAY_UNNAMED]
    off["in_gazetteer"] = False
    assert _loss(bench, text, off) == bench.LOSSES[bench._AWAY_OFF_GAZETTEER]


def test_an_event_whose_incident_went_to_another_gold_one(bench: ModuleType) -> None:
    # a reference back ("the attack", read alone as a clash) takes its incident's type
    text = "Gunmen killed five villagers in Kano on Friday. The attack also left a guard dead."
    first, second = _gold(text, "Gunmen", KANO), _gold(text, "The attack", KANO)
    assert _loss(bench, text, second, first) == bench.LOSSES[bench._LINKED]
    assert _loss(bench, text, first, second) == bench.LOSSES[bench._TAKEN]


def test_a_generic_statement_is_marked_background(bench: ModuleType) -> None:
    text = "Gunmen have killed hundreds of villagers in Kano in recent years."
    assert _loss(bench, text, _gold(text, "Gunmen", KANO)) == bench.LOSSES[bench._BACKGROUND]
