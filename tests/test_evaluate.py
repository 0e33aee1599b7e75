"""Geoparsing metrics: span matching, acc@161, AUC, end-to-end accuracy, bands, baseline."""

from __future__ import annotations

import math

import pytest

from incidentmap.evaluate import (
    MAX_ERROR_KM,
    Evaluation,
    auc,
    evaluate_baseline,
    evaluate_geoparser,
    match_spans,
)
from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan
from test_geoparse_support import tiny_gazetteer


def test_exact_and_overlapping_span_matching_is_one_to_one():
    gold = [(0, 7), (10, 20), (30, 35)]
    pred = [(0, 7), (12, 25), (14, 18), (40, 45)]
    assert match_spans(gold, pred, exact=True) == [(0, 0)]
    assert match_spans(gold, pred, exact=False) == [(0, 0), (1, 1)]


def test_auc_is_zero_when_perfect_and_one_at_the_antipode():
    assert auc([0.0, 0.0, 0.0]) == 0.0
    assert auc([MAX_ERROR_KM, MAX_ERROR_KM]) == pytest.approx(1.0, abs=1e-4)
    # sorted ln(1 + error) under a trapezoid, over ln(20039) * (n - 1)
    expected = ((0 + math.log1p(100)) / 2) / math.log(MAX_ERROR_KM)
    assert auc([100.0, 0.0]) == pytest.approx(expected)


def test_scores_of_one_article():
    ev = Evaluation()
    gold = [(0, 7, 33.34, 44.40), (20, 25, 36.19, 44.01), (40, 45, 0.0, 0.0)]
    pred = [(0, 7, 33.30, 44.39, 0.9), (19, 25, 10.0, 10.0, 0.4), (50, 55, 1.0, 1.0, 0.7)]
    ev.add(gold, pred)
    s = ev.scores()
    assert (s.exact_precision, s.exact_recall) == (round(1 / 3, 4), round(1 / 3, 4))
    assert (s.overlap_precision, s.overlap_recall) == (round(2 / 3, 4), round(2 / 3, 4))
    assert s.placed == 2 and s.acc161 == 0.5
    assert s.e2e_acc161 == round(1 / 3, 4)
    bands = {(lo, hi): (n, acc) for lo, hi, n, acc in s.bands}
    assert bands[(0.0, 0.5)] == (1, 0.0) and bands[(0.8, 1.0)] == (1, 1.0)


def test_unresolved_mentions_count_as_the_largest_error():
    ev = Evaluation()
    ev.add([(0, 5, 10.0, 10.0)], [(0, 5, None, None, 0.0)])
    s = ev.scores()
    assert s.acc161 == 0.0 and s.mean_km == MAX_ERROR_KM


def test_geoparser_and_population_baseline_on_a_small_gold_set():
    text = "Rockets hit Erbil, Iraq, and Springfield, Missouri, was calm."
    gold = (
        GivenSpan(12, 17, "Erbil", 36.19, 44.01),
        GivenSpan(19, 23, "Iraq", 33.0, 44.0),
        GivenSpan(29, 40, "Springfield", 37.22, -93.30),
        GivenSpan(42, 50, "Missouri", 38.3, -92.5),
    )
    articles = [Article(id="a", text=text, toponyms=gold)]
    gaz = tiny_gazetteer()
    parser = Geoparser(gaz)
    given = evaluate_geoparser(articles, parser, given_mentions=True)
    e2e = evaluate_geoparser(articles, parser)
    base = evaluate_baseline(articles, gaz)
    assert given.acc161 == 1.0 and e2e.e2e_acc161 == 1.0 and e2e.overlap_f1 == 1.0
    # the most populous Erbil is the wrong one; the baseline takes it
    assert base.acc161 == 0.75
    assert given.as_dict()["articles"] == 1


def test_a_chosen_country_holding_the_gold_point_counts_as_right_country_aware():
    # gold puts Iraq at Basra (over 400 km from the country's point): strictly wrong, but
    # the chosen country holds the gold point; a chosen city that far off stays wrong
    text = "Floods in Iraq reached Erbil."
    gold = (GivenSpan(10, 14, "Iraq", 30.5, 47.8), GivenSpan(22, 27, "Erbil", 30.5, 47.8))
    articles = [Article(id="a", text=text, toponyms=gold)]
    s = evaluate_geoparser(articles, Geoparser(tiny_gazetteer()), given_mentions=True)
    assert s.acc161 == 0.0
    assert s.country_acc161 == 0.5
    assert s.as_dict()["country_acc161"] == 0.5


def test_eval_command_prints_the_country_aware_figure(tmp_path, capsys):
    import json

    from incidentmap.cli import main

    row = {
        "id": "a",
        "text": "Floods in Iraq reached Erbil.",
        "toponyms": [{"start": 10, "end": 14, "text": "Iraq", "lat": 30.5, "lon": 47.8}],
    }
    corpus = tmp_path / "gold.jsonl"
    corpus.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert main(["eval", str(corpus), "--given-mentions"]) == 0
    out = capsys.readouterr().out
    assert "acc@161 0.000" in out and "country-aware acc@161 1.000" in out


def test_a_country_given_as_several_features_keeps_all_of_its_outline():
    # Natural Earth gives some countries a second feature with the same code (a small
    # island): the outline is their union, not the feature read last
    import shapely

    from incidentmap.gazetteer.outlines import CountryOutlines

    def feature(box):
        return {
            "type": "Feature",
            "properties": {"iso_a2": "XX"},
            "geometry": shapely.geometry.mapping(box),
        }

    doc = {
        "type": "FeatureCollection",
        "features": [feature(shapely.box(40, 30, 50, 40)), feature(shapely.box(60, 0, 61, 1))],
    }
    outlines = CountryOutlines.from_geojson(doc)
    assert outlines.holds("XX", 35.0, 45.0) and outlines.holds("XX", 0.5, 60.5)


def test_the_shipped_outlines_hold_the_middle_of_australia_and_brazil():
    from incidentmap.gazetteer.outlines import CountryOutlines

    outlines = CountryOutlines.default()
    assert outlines.holds("AU", -25.0, 134.0) and outlines.holds("BR", -10.0, -55.0)
