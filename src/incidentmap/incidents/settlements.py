"""The settlements the gazetteer lacks that a text names as such ("the village of X").

A name the gazetteer lacks, written as a settlement, is a place of its own, not a place
unnamed: :func:`~.document.read_article` indexes them, and a mention told at one
continues no incident told at a town before (:func:`~.coref.elsewhere`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..geoparse.unknown import unknown_toponyms
from ..model import Toponym
from ..text.patterns import fold_case

__all__ = ["unknown_scenes"]


#: The words that write a name as a settlement; a text without any of them names no scene.
_SETTLEMENT_WORDS = (
    "village",
    "town",
    "city",
    "hamlet",
    "locality",
    "settlement",
    "camp",
    "township",
)
#: A settlement word before a name the gazetteer lacks: "the village of X", "the town of X".
_SETTLEMENT_BEFORE = re.compile(
    rf"\b(?:villages|{'|'.join(_SETTLEMENT_WORDS)})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
#: ... or after it: "X village", "the X refugee camp" ("X city" is a city the gazetteer has).
_SETTLEMENT_AFTER = re.compile(
    rf"\s+(?:refugee\s+)?(?:{'|'.join(w for w in _SETTLEMENT_WORDS if w != 'city')})\b",
    re.IGNORECASE,
)


def unknown_scenes(text: str, toponyms: Iterable[Toponym]) -> list[Toponym]:
    """Return the settlements the gazetteer lacks that the text names as such.

    A capitalised name written as a settlement ("the village of X", "X village", "the
    X refugee camp"), that no resolved toponym covers, is a place the
    gazetteer lacks, not a place unnamed; a building or a street in a town ("the X
    mosque") is not.

    >>> [t.text for t in unknown_scenes("Gunmen raided the village of Tarnby.", [])]
    ['Tarnby']
    >>> unknown_scenes("Protesters gathered at the Tarnby mosque.", [])
    []
    """
    folded = fold_case(text)
    if not any(word in folded for word in _SETTLEMENT_WORDS):
        return []  # neither settlement pattern can match: no scene, whatever the names
    resolved = [t for t in toponyms if t.place is not None]
    return [
        t
        for t in unknown_toponyms(text, resolved)
        if _SETTLEMENT_BEFORE.search(text, max(0, t.start - 30), t.start)
        or _SETTLEMENT_AFTER.match(text, t.end)
    ]
