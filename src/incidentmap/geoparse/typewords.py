"""Type words: what the text says a mention is ("X province", "the city of X").

- **after the name**: ``"X province"``, ``"Seminole County"`` (a second-level word in the
  name's key), ``"a Washington state farm"``;
- **before the name**: ``"the city of X"``, ``"the provinces of X, Y and Z"``;
- **"-based"** (``"a New York-based firm"``: an address, a city) and a **dateline**
  (``"KADUNA, Nigeria --"``: a town).

The recognizer leaves these words as hints of a mention; :func:`with_text_hints` reads
them from the text around given spans, which come without hints. :func:`type_words`
turns the hints into points for the candidates of the kind they name, and
:func:`stated_type` tells other rules whether the text calls the mention a town or an
area.

Examples
--------
>>> from .recognize import Mention
>>> stated_type(Mention(0, 5, "Anbar", "anbar", hints=("suffix:province",)))
'area'
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..gazetteer.kinds import PlaceKinds
from .candidates import SECOND_LEVEL_NAME
from .recognize import Mention
from .scored import Scored

__all__ = [
    "BASED",
    "KIND_CUE",
    "stated_type",
    "type_words",
    "with_key_hint",
    "with_text_hints",
]

_KINDS = PlaceKinds.default()
#: Words after a name that make it an administrative area ("province", "county").
_ADMIN_WORDS = _KINDS.area_words
#: Words after a name that make it a settlement ("city", "village").
_CITY_WORDS = _KINDS.town
#: Second-level areas the gazetteer does not hold ("Metcalfe County", "St. Bernard Parish").
_SECOND_LEVEL = _KINDS.second_level
_TYPE_WORDS = "|".join(sorted(_ADMIN_WORDS | _CITY_WORDS))
_WORD_AFTER = re.compile(rf"\s+({_TYPE_WORDS})\b")
#: "the province of X", "the city of X": only words of the first level or of a town, as
#: "the district of X" and "the county of X" name second-level areas the gazetteer lacks.
_FIRST_LEVEL_OR_TOWN = "|".join(sorted(_KINDS.first_level | _KINDS.town))
_WORDS_BEFORE = re.compile(rf"\b({_FIRST_LEVEL_OR_TOWN})s? of\s+$")  # "provinces of"
_CUE_HEADS = frozenset(_FIRST_LEVEL_OR_TOWN.split("|"))
#: The hint of a kind word written before a name, which the names of a list after it
#: share: "cue:province of", "cue:town of" (:func:`~.lacking.listed_under_kind`).
KIND_CUE = re.compile(rf"cue:(?:{_FIRST_LEVEL_OR_TOWN}) of")
#: The hint of a name written before "-based" ("a New York-based firm").
BASED = "based"


def type_words(m: Mention, ss: list[Scored]) -> None:
    """Apply the type words a mention carries as hints ("X province", "the city of X").

    "A New York-based squad": what an organisation is based in is its address, a city,
    so "-based" after a name that is both a city and an area favours the city.
    """
    for hint in m.hints:
        if hint == BASED:
            for s in ss:
                if s.place.feature_class == "P":
                    s.score += 3.0
                    s.reasons.append("'-based' follows the name")
            continue
        if hint == "dateline" and m.kind == "dateline":
            for s in ss:  # "KADUNA, Nigeria --": a dateline names a town
                if s.place.feature_class == "P":
                    s.score += 3.0
                    s.reasons.append("a dateline names a town")
            continue
        if hint.startswith("cue:"):
            _cue_words(hint.split(":", 1)[1], ss)
            continue
        if not hint.startswith("suffix:"):
            continue
        word = hint.split(":", 1)[1]
        for s in ss:
            if word in _ADMIN_WORDS and (s.place.is_admin1 or s.place.feature_class == "A"):
                # "Seminole County": a county rather than a same-named state
                second = word in _SECOND_LEVEL and s.place.feature_code == "ADM2"
                s.score += 4.0 if second else 3.0
                s.reasons.append(f"'{word}' follows the name")
            elif word in _CITY_WORDS and s.place.feature_class == "P":
                s.score += 2.0
                s.reasons.append(f"'{word}' follows the name")


def with_text_hints(text: str, m: Mention) -> Mention:
    """Return ``m`` with the type words around it in the text as hints, if it lacks them.

    Given mention spans (``--given-mentions``, user markup) come without the recognizer's
    hints; "a Washington state farm" and "the state of Washington" still say what is meant.
    Only lower-case words count: "Ohio State" and "Penn State" are universities.
    """
    extra = []
    after = text[m.end : m.end + 2]
    if len(after) == 2 and after[0] == " " and after[1].islower():
        match = _WORD_AFTER.match(text, m.end)
        if match and not any(h.startswith("suffix:") for h in m.hints):
            extra.append(f"suffix:{match.group(1)}")
    if text.startswith("-based", m.end) and BASED not in m.hints:
        extra.append(BASED)
    if text[max(0, m.start - 4) : m.start] == " of ":
        match = _WORDS_BEFORE.search(text, max(0, m.start - 20), m.start)
        if match and not any(h.startswith("cue:") for h in m.hints):
            extra.append(f"cue:{match.group(1)} of")
    if not extra:
        return m
    return replace(m, hints=(*m.hints, *extra))


def with_key_hint(m: Mention) -> Mention:
    """Return ``m`` with the second-level word that ends its key as a hint.

    "Seminole County" is a gazetteer name, so the mention keeps the word in its key
    rather than as a ``suffix:county`` hint; the rules that read hints still see it.
    """
    found = SECOND_LEVEL_NAME.search(m.key)
    if found is None or any(h.startswith("suffix:") for h in m.hints):
        return m
    return replace(m, hints=(*m.hints, f"suffix:{found.group(1)}"))


def stated_type(m: Mention) -> str:
    """Return "town" or "area" when the text says what a mention is, else ""."""
    return _stated_type(m.hints) if m.hints else ""


@lru_cache(maxsize=4096)
def _stated_type(hints: tuple[str, ...]) -> str:
    """Return :func:`stated_type` of a mention with ``hints`` (a few hint tuples recur)."""
    for hint in hints:
        if hint == "dateline":
            return "town"
        kind, _, word = hint.partition(":")
        if kind in ("suffix", "cue"):
            head = word.split()[0].lower() if word else ""
            if head in _CITY_WORDS:
                return "town"
            if head in _ADMIN_WORDS:
                return "area"
    return ""


def _cue_words(cue: str, ss: list[Scored]) -> None:
    """Apply "the city of X" and "the province of X" to the candidates of X."""
    head = cue.split()[0]
    if head not in _CUE_HEADS:
        return
    if cue.endswith(" of") and head in _CITY_WORDS:
        for s in ss:
            if s.place.feature_class == "P":
                s.score += 3.0
                s.reasons.append(f"'{cue}' precedes the name")
    elif cue.endswith(" of") and head in _ADMIN_WORDS:
        for s in ss:
            if s.place.is_admin1 or s.place.feature_class == "A":
                s.score += 3.0
                s.reasons.append(f"'{cue}' precedes the name")
