"""Shortcuts in the incident stage that keep every answer: line breaks, captions."""

from __future__ import annotations

import pytest

from incidentmap.incidents.page import Furniture, FurnitureLines, _line_breaks, is_caption


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
