"""Names the gazetteer does not know, in positions where news copy names places.

Used only when an online fallback geocoder is configured: a capitalised name right
after a place cue ("in", "near", "outside", "north of", "the village of" ...) or
right before a place word ("... province", "... district", "... camp") that no
recognised toponym covers becomes an *unresolved* toponym, which the fallback may
then place. Organisations, months, weekdays and the other non-places of the
geoparser's lexicon are left out, as are names at the very start of a sentence
after a cue-less capital ("In" opening a sentence still counts as a cue).

Examples
--------
>>> text = "Fighting was reported near Qaryat Zawiya on Monday, in Zawiya district."
>>> [(t.text, t.place) for t in unknown_toponyms(text, [])]
[('Qaryat Zawiya', None), ('Zawiya', None)]
>>> [t.text for t in unknown_toponyms("Talks in March went nowhere.", [])]
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..model import Toponym
from ..text.normalize import normalize_name
from ..text.patterns import NAME_WORD

__all__ = ["unknown_toponyms"]

_NAME = rf"{NAME_WORD}(?:\s+(?:al-|el-|ad-|as-|de\s+|la\s+|du\s+)?{NAME_WORD}){{0,3}}"
_CUES = (
    r"(?:[Ii]n|near|outside|around|at|from|towards?|across|"
    r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?\s+of|"
    r"(?:the\s+)?(?:village|town|city|district|province|region|camp|neighbourhood|"
    r"neighborhood|suburb|area)\s+of)"
)
_AFTER_CUE = re.compile(rf"\b{_CUES}\s+(?:the\s+)?({_NAME})")
# ``\b`` and a name, written as the name's capital, then "not after a word character" (the
# same test): a pattern that opens with a set of characters lets re skip to the capitals.
_NAME_AT_WORD_START = (
    r"(?-i:[A-Z])(?<!\w.)" + NAME_WORD.removeprefix("(?-i:[A-Z])") + _NAME.removeprefix(NAME_WORD)
)
_BEFORE_WORD = re.compile(
    rf"({_NAME_AT_WORD_START})\s+(?:province|district|governorate|region|county|village|town|camp|"
    r"oblast|prefecture|municipality|neighbourhood|neighborhood)\b"
)
_CONFIDENCE = 0.0


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    from .lexicon import Lexicon

    lex = Lexicon.default()
    return frozenset(lex.not_places) | frozenset(lex.organisations)


def unknown_toponyms(text: str, found: Sequence[Toponym]) -> list[Toponym]:
    """Return unresolved toponyms for unknown names in place positions of ``text``.

    Parameters
    ----------
    text
        The article text.
    found
        Toponyms already recognised; names overlapping them are skipped.

    Returns
    -------
    list of Toponym
        In text order, ``place=None``, ``confidence=0``, with the reason they were kept.
    """
    taken = [(t.start, t.end) for t in found]
    skip = _not_places()
    out: list[Toponym] = []
    seen: set[tuple[int, int]] = set()
    for pattern, reason in (
        (_AFTER_CUE, "unknown name after a place cue"),
        (_BEFORE_WORD, "unknown name before a place word"),
    ):
        for m in pattern.finditer(text):
            start, end = m.span(1)
            name = m.group(1)
            if (start, end) in seen or any(s < end and start < e for s, e in taken):
                continue
            if normalize_name(name) in skip or not any(c.islower() for c in name):
                continue  # a known non-place, or an all-capitals acronym
            seen.add((start, end))
            out.append(Toponym(start, end, name, "place", None, _CONFIDENCE, (), (reason,)))
    out.sort(key=lambda t: t.start)
    # keep the longest of overlapping candidates
    kept: list[Toponym] = []
    for t in out:
        if kept and t.start < kept[-1].end:
            if t.end - t.start > kept[-1].end - kept[-1].start:
                kept[-1] = t
            continue
        kept.append(t)
    return kept
