"""Names that stand for a government, not a place: "Washington said", "Beijing warned".

The name of a capital, a country or a first-level area, as the subject of a verb of
speech or policy ("said", "warned", "has denied", "will impose"), names the government
seated there. Such a toponym keeps its place (the story is about that country), but it
is marked :attr:`~incidentmap.model.Toponym.metonym`, so that no event is placed there:
"Washington condemned the attack" does not put the attack in Washington. A name after a
preposition ("officials in Washington said") is a place.

Examples
--------
>>> from incidentmap.geoparse.lexicon import Lexicon
>>> from incidentmap.model import Place, Toponym
>>> dc = Place("g:4140963", "Washington", 38.9, -77.04, "P", "PPLC", "US", "DC", 700_000)
>>> text = "Washington warned on Friday that officials in Washington said nothing."
>>> found = [Toponym(0, 10, "Washington", place=dc), Toponym(46, 56, "Washington", place=dc)]
>>> [t.metonym for t in mark_metonyms(text, found, Lexicon.default())]
[True, False]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..gazetteer.kinds import PlaceKinds
from ..model import Place, Toponym
from .lexicon import Lexicon

__all__ = ["mark_metonyms"]

#: "Washington has said", "Moscow would not accept", "Beijing on Friday warned".
_VERB = re.compile(
    r"['’]?s?\s+(?:(?:has|have|had|will|would|could|may|might|also|again|quickly|"
    r"has\s+also|on\s+\w+day|not)\s+){0,2}([a-z]+)\b"
)
#: What may follow the name of a metonym: a space or a possessive's apostrophe.
_AFTER = frozenset(" '’\u00a0")
#: Words before a name that make it a place, not its government.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|from|to|into|near|outside|inside|across|around|over|via|toward|towards|"
    r"through|of|for|visit|visited|visiting|left|reached|between)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: Capitals of countries and seats of government (a provincial capital is no metonym).
_SEATS = PlaceKinds.default().capital_codes - {"PPLA"}


def _seat(place: Place | None) -> bool:
    """Whether a place is the seat of a government: a capital, a country, a state."""
    if place is None:
        return False
    return place.is_country or place.is_admin1 or place.feature_code in _SEATS


def mark_metonyms(text: str, toponyms: Sequence[Toponym], lexicon: Lexicon) -> list[Toponym]:
    """Return ``toponyms`` with those that stand for a government marked ``metonym``."""
    verbs = lexicon.metonym_verbs
    out = list(toponyms)
    for k, t in enumerate(out):
        if t.kind != "place" or text[t.end : t.end + 1] not in _AFTER or not _seat(t.place):
            continue
        match = _VERB.match(text, t.end)
        if match is None or match.group(1) not in verbs:
            continue
        if _PLACE_BEFORE.search(text, max(0, t.start - 30), t.start):
            continue
        reason = f"metonym: '{t.text} {match.group(1)}' names its government, not a scene"
        out[k] = replace(t, metonym=True, reasons=(*t.reasons, reason))
    return out
