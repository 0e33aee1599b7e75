"""The shortcuts of unknown-place finding give what the plain path gives.

``geoparse.unknown._BEFORE_WORD`` opens with the name's capital (re then skips to the
capitals) where the plain pattern opens with ``\\b``; ``settlements.unknown_scenes`` returns
nothing at once for a text without a settlement word. Each sentence is written for the test.
"""

from __future__ import annotations

import re

import pytest

from incidentmap.geoparse import unknown
from incidentmap.incidents import settlements
from incidentmap.model import Toponym

TEXTS = [
    "Fighting was reported near Qaryat Zawiya on Monday, in Zawiya district.",
    "AZawiya district and xZawiya district; _Tarnby camp, 3Kalo region, -Kalo region.",
    "Zawiya district opened the text. Then (Kalo Kalo Kalo Kalo Kalo region) and É Kalo town.",
    "Gunmen raided the village of Tarnby.\nTarnby village, the Kalo refugee camp burned.",
    "Protesters gathered at the Tarnby mosque in the CITY of Kalo and the İ Town of Sala.",
    "Rebels stormed Kalo al-Bira de Sala province, la Kalo du Sala county, Ab’c-d oblast.",
    "No capital at all here, nor a place word.",
    "",
]
PLAIN_BEFORE_WORD = re.compile(
    rf"\b({unknown._NAME})\s+(?:province|district|governorate|region|county|village|town|"
    r"camp|oblast|prefecture|municipality|neighbourhood|neighborhood)\b"
)


@pytest.mark.parametrize("text", TEXTS)
def test_before_word_matches_as_the_plain_pattern(text: str) -> None:
    plain = [(m.span(), m.span(1)) for m in PLAIN_BEFORE_WORD.finditer(text)]
    fast = [(m.span(), m.span(1)) for m in unknown._BEFORE_WORD.finditer(text)]
    assert fast == plain


def plain_scenes(text: str, toponyms: list[Toponym]) -> list[Toponym]:
    """``unknown_scenes`` without its settlement-word shortcut."""
    resolved = [t for t in toponyms if t.place is not None]
    return [
        t
        for t in unknown.unknown_toponyms(text, resolved)
        if settlements._SETTLEMENT_BEFORE.search(text, max(0, t.start - 30), t.start)
        or settlements._SETTLEMENT_AFTER.match(text, t.end)
    ]


@pytest.mark.parametrize(
    "text",
    [
        *TEXTS,
        "Gunmen raided the VILLAGE OF Tarnby and the Kalo Township.",
        "The Kalo hamlet, the locality of Sala, the settlement of Mora.",
        "Police stormed the Tarnby mosque near Kalo on Friday.",
    ],
)
def test_unknown_scenes_as_the_plain_path(text: str) -> None:
    assert settlements.unknown_scenes(text, []) == plain_scenes(text, [])


def test_a_text_without_settlement_words_names_no_scene() -> None:
    assert settlements.unknown_scenes("Gunmen raided Tarnby district near Kalo.", []) == []
