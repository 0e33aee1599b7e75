"""Work the geoparser does only when a rule needs it, and shortcuts that keep every answer."""

from __future__ import annotations

import pytest

from incidentmap.geoparse import context
from incidentmap.geoparse.context import TokenContext
from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.recognize import tokenize


def _context(text: str) -> TokenContext:
    return TokenContext(text, *tokenize(text), Lexicon.default())


def test_title_case_lines_are_found_only_when_a_rule_asks(monkeypatch):
    calls: list[str] = []
    real = context._title_case_lines

    def counted(text: str) -> list[tuple[int, int]]:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(context, "_title_case_lines", counted)
    text = "Gunmen Attack Village Market, Kill Nine\nNine people died in the attack."
    ctx = _context(text)
    assert calls == []
    assert ctx.title_case(0) and not ctx.title_case(len(ctx.spans) - 1)
    assert ctx.title_case(1)
    assert len(calls) == 1  # found once, then kept


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("Rebels Seize Northern Town, Army Says\nThe army said rebels took it.", [(0, 37)]),
        ("Rebels Seize Northern Town In Dawn Raid.\nThe army said so.", []),
        ("Floods hit the town of Most on Friday as rivers rose", []),
    ],
)
def test_a_line_ending_in_a_period_is_no_headline(text, lines):
    assert _context(text).title_lines == lines
