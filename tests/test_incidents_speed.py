"""Shortcuts in the incident stage that keep every answer: line breaks, captions."""

from __future__ import annotations

import collections
import datetime as dt
import importlib.util
import re
from pathlib import Path

import pytest

from incidentmap.incidents import Taxonomy
from incidentmap.incidents.cues import Cues
from incidentmap.incidents.document import read_article
from incidentmap.incidents.facts import clause_facts
from incidentmap.incidents.mentions import find_mentions
from incidentmap.incidents.page import Furniture, FurnitureLines, _line_breaks, is_caption
from incidentmap.incidents.triggers import TriggerMatch
from incidentmap.model import Article, Place, Toponym


@pytest.mark.parametrize(
    "text", ["", "one line", "a\nb", "\n\nlead\n", "x\r\ny\n\nz", "no break at all. Two."]
)
def test_line_breaks_are_the_newlines(text):
    assert _line_breaks(text) == [i for i, c in enumerate(text) if c == "\n"]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("SOLDIERS PATROL THE MARKET AFTER THE BLAST", True),
        ("SOLDIERS PATROLLING EVERYWHERE  ", False),  # three words
        ("  ONE  TWO\tTHREE \n FOURTH WORDS", True),  # four words however spaced
        ("SOLDIERS PATROL THE MARKET after the blast", False),
        ("ÉMEUTES À ABIDJAN APRÈS LE SCRUTIN", True),
    ],
)
def test_a_caption_is_four_words_or_more_in_capitals(line, caption):
    assert is_caption(line) is caption


def test_a_caption_line_is_furniture_after_the_headline():
    text = "Ten marched in the capital.\nPOLICE WATCH THE MARCHERS IN THE SQUARE\nTwo were hurt."
    lines = FurnitureLines(text, Furniture.default(), captions_from=10)
    assert [lines.skips(at, text[at:]) for at in (0, 28, 68)] == [False, True, False]


def test_the_furniture_pattern_is_compiled_once_per_list():
    furniture = Furniture.default()
    assert furniture._pattern is furniture._pattern
    assert furniture.opens("ALSO READ: five dead") and not furniture.opens("Five dead")


def _caption_by_letters(line: str) -> bool:
    """``is_caption`` as first written: every letter read."""
    if len(line.split(maxsplit=3)) < 4:
        return False
    letters = re.findall(r"[^\W\d_]", line)
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


@pytest.mark.parametrize(
    "line",
    [
        "SOLDIERS PATROL THE MARKET AFTER THE BLAST",
        "SOLDIERS PATROL THE MARKET after",  # a few vowels in lower case: still counted
        "ÉMEUTES À ABIDJAN APRÈS LE SCRUTIN",
        "Protesters marched through the capital on Friday, police said.",
        "BBBB CCCC DDDD FFFF GGGG a e",
        "ПРОТЕСТЫ В МОСКВЕ ПОСЛЕ ВЫБОРОВ",
        "Протесты в Москве после выборов",
        "12 34 56 78 90 AB",
        "A B C D E F G H I J K L M N O P q",
        "xyz " * 30,
    ],
)
def test_a_caption_is_judged_as_by_its_letters(line):
    assert is_caption(line) is _caption_by_letters(line)


def test_the_filters_for_a_trigger_are_those_that_apply_to_its_matches():
    tax = Taxonomy.default()
    for trigger in tax.triggers:
        text = trigger.must_match
        for found in trigger.pattern.finditer(text.lower()):
            match = TriggerMatch(trigger, found.start(), found.end())
            for stage, filters in tax.stage_filters.items():
                kept = tax.filters_for(stage, trigger)
                assert kept is tax.filters_for(stage, trigger)  # worked out once
                assert [f for f in filters if f.applies(match, text)] == [
                    f for f in kept if f.applies(match, text)
                ], (trigger.where, stage)


def test_the_filters_matching_a_trigger_match_are_those_that_apply_to_it():
    tax = Taxonomy.default()
    for trigger in tax.triggers:
        for text in (trigger.must_match, "Reports said: " + trigger.must_match):
            for found in trigger.pattern.finditer(text.lower()):
                match = TriggerMatch(trigger, found.start(), found.end())
                for stage, filters in tax.stage_filters.items():
                    expected = tuple(f for f in filters if f.applies(match, text))
                    assert tax.filters_matching(stage, match, text) == expected
                    assert tax.filters_matching(stage, match, text) == expected  # cached


def test_a_new_incident_takes_the_place_found_for_its_clause():
    text = (
        "Gunmen killed five people in Kaduna on Sunday, police said on Monday. "
        "Protesters marched in Lagos and two were hurt, officials said on Tuesday."
    )
    article = Article("a", text, published=dt.date(2024, 6, 12))
    kaduna = Place("t:kaduna", "Kaduna", 10.5, 7.4, "P", "PPLA", "NG", "18")
    lagos = Place("t:lagos", "Lagos", 6.5, 3.4, "P", "PPLA", "NG", "05")
    toponyms = [
        Toponym(text.find(name), text.find(name) + len(name), name, "place", place, 0.9)
        for name, place in (("Kaduna", kaduna), ("Lagos", lagos))
    ]
    doc = read_article(article, toponyms)
    reused_places = 0
    for _, sentence in doc.order:
        mentions = find_mentions(text, sentence, taxonomy=doc.taxonomy)
        for mention in mentions:
            if mention.anaphoric:
                continue
            indexes = (doc.told_dates, doc.casualties, doc.places)
            first = clause_facts(text, mention, mentions, indexes, doc.taxonomy)
            again = clause_facts(text, mention, mentions, indexes, doc.taxonomy, reported=True)
            reused = clause_facts(
                text, mention, mentions, indexes, doc.taxonomy, reported=True, same_clause=first
            )
            assert reused == again
            reused_places += reused.location is not None
    assert reused_places == 2


def test_cues_bound_to_a_text_are_the_cues_built_with_the_bound_patterns():
    tax = Taxonomy.default()
    bound = tax.for_text("Gunmen attacked a village; a mob burned the market.").cues
    built = Cues(
        dict(bound.items()),
        rows=bound.rows,
        anaphor_types=bound.anaphor_types,
        anaphor_nouns=bound.anaphor_nouns,
    )
    # the bound cues also carry the filters' patterns bound to the same text
    own = {k: v for k, v in vars(bound).items() if k != "_bound"}
    assert own == {k: v for k, v in vars(built).items() if k != "_bound"}
    assert bound.mob is bound["mob"] and bound.mob is not tax.cues.mob
    plan = next(f.pattern for f in tax.filters if f.pattern is not None and "planning" in f.source)
    assert bound.bound(plan) is not plan and built.bound(plan) is plan


def test_a_mention_of_a_long_article_is_tested_against_the_incidents_it_may_join(monkeypatch):
    from incidentmap.incidents import coref, extract_incidents, linking

    path = Path(__file__).resolve().parents[1] / "bench" / "long_article.py"
    spec = importlib.util.spec_from_file_location("bench_long_article", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    calls = collections.Counter[str]()

    def counted(name, real):
        def call(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(linking, "antecedent", counted("antecedent", linking.antecedent))
    monkeypatch.setattr(coref, "place_ok", counted("place_ok", coref.place_ok))
    article = Article("long", bench.long_article(200), published=dt.date(2023, 5, 1))
    assert len(extract_incidents(article, [])) > 50
    # 200 paragraphs tell ~100 incidents: a mention that weighed the place of each one
    # told before it would cost ~2,000 place tests, quadratic in the article's length
    assert calls["place_ok"] <= calls["antecedent"]


def test_the_clauses_of_a_text_are_searched_for_triggers_in_its_lower_case_made_once(monkeypatch):
    from incidentmap.incidents import taxonomy

    text = "İSTANBUL — A bomb exploded on İstiklal Avenue. Gunmen attacked a bus. " * 20
    clauses = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", text)]
    fresh = [Taxonomy.default().find_triggers(text, a, b) for a, b in clauses]
    calls = []
    real = taxonomy.lower_same_length
    monkeypatch.setattr(taxonomy, "lower_same_length", lambda t: calls.append(t) or real(t))
    tax = Taxonomy.default().for_text(text)
    assert [tax.find_triggers(text, a, b) for a, b in clauses] == fresh
    assert len(calls) == 1
    tax.find_triggers("Police fired tear gas.")  # another text is lowered for itself
    assert len(calls) == 2


def test_merging_the_drafts_of_a_long_article_examines_only_kin_on_near_days(monkeypatch):
    from incidentmap.incidents import extract_incidents, merging
    from incidentmap.incidents.mergeindex import KinIndex

    path = Path(__file__).resolve().parents[1] / "bench" / "long_article.py"
    spec = importlib.util.spec_from_file_location("bench_long_article", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    examined = collections.Counter[str]()
    real = merging.same_event_type

    def counted(*args, **kwargs):
        examined["incidents"] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(merging, "same_event_type", counted)
    article = Article("long", bench.long_article(200), published=dt.date(2023, 5, 1))
    incidents = extract_incidents(article, [])
    # ~210 drafts (two passes): one that weighed every incident told before it examined
    # ~6,000 (the square of the article's length); only kin on near days: a few each
    assert len(incidents) > 50 and examined["incidents"] < 1_000

    def every_one(self, draft, *, day):  # the full scan, nearest first
        yield from sorted(self._filed, reverse=True)

    monkeypatch.setattr(KinIndex, "candidates", every_one)
    assert extract_incidents(article, []) == incidents  # the same answer
