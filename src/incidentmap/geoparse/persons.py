"""Spans of a text that name persons, so the recognizer does not take them for places.

Three patterns a reader of news copy relies on:

- a title or role, then capitalised words: ``President Barack Obama``,
  ``cleric Moqtada al-Sadr``, ``Mr. Blair`` (kind ``"title"``);
- a common given name, then a capitalised surname: ``Jordan Peterson``,
  ``Mustafa al-Kadhimi`` (kind ``"given"``);
- a capitalised word, then an Arabic patronymic or article and a capitalised word:
  ``Qassem al-Muslem``, ``Osama bin Laden`` (kind ``"arabic"``).

The last word of each span is a surname: a later bare ``Sadr`` or ``Kadhimi`` in the
same article is the same person.

Examples
--------
>>> from incidentmap.geoparse.recognize import tokenize
>>> text = "Cleric Moqtada al-Sadr spoke. Later Sadr left."
>>> spans, keys = tokenize(text)
>>> found = find_persons(text, spans, keys, Lexicon.default())
>>> [text[s:e] for s, e, _ in found.blocked], sorted(found.surnames)
(['Moqtada al-Sadr'], ['al sadr', 'sadr'])
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .lexicon import Lexicon

__all__ = ["Persons", "find_persons"]

#: Lower-case words that sit inside personal names.
PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "del", "van", "von", "der", "le"}
)
_PATRONYMIC = frozenset({"al", "el", "bin", "ibn", "bint"})


@dataclass(frozen=True, slots=True)
class Persons:
    """Person spans ``(start, end, how)`` and the surnames they introduce (normalised keys)."""

    blocked: tuple[tuple[int, int, str], ...]
    surnames: frozenset[str]


def find_persons(
    text: str, spans: Sequence[tuple[int, int]], keys: Sequence[str], lexicon: Lexicon
) -> Persons:
    """Find the person names in a tokenised text.

    Parameters
    ----------
    text
        The text.
    spans, keys
        Its tokens and their keys, as :func:`~incidentmap.geoparse.recognize.tokenize` returns.
    lexicon
        Titles, given names and the words that stop a name.
    """
    n = len(spans)
    words = [text[s:e] for s, e in spans]
    blocked: list[tuple[int, int, str]] = []
    surnames: set[str] = set()
    titles, given = lexicon.titles, lexicon.given_names
    stop = lexicon.suffixes | lexicon.org_suffixes | titles

    def cap(k: int) -> bool:
        return k < n and words[k][:1].isupper() and keys[k] not in lexicon.not_places

    def gap(k: int) -> str:
        return text[spans[k][1] : spans[k + 1][0]]

    starters = titles | given
    i = 0
    while i < n:
        if words[i] not in starters and not (i + 1 < n and keys[i + 1] in _PATRONYMIC):
            i += 1
            continue
        how = None
        first = i
        word = words[i]
        two = f"{word} {words[i + 1]}" if i + 1 < n and gap(i) == " " else ""
        if two in titles or word in titles:
            nxt = i + 2 if two in titles else i + 1
            if cap(nxt) and gap(nxt - 1) in (" ", ". ") and words[nxt] not in titles:
                how, first = "title", nxt
        elif (
            word in given
            and cap(i + 1)
            and gap(i) == " "
            and words[i + 1] not in stop
            and keys[i + 1] not in lexicon.common_words
        ):
            how = "given"
        elif (
            word[:1].isupper()
            and i + 2 < n
            and keys[i + 1] in _PATRONYMIC
            and gap(i) == " "
            and gap(i + 1) in (" ", "-")
            and cap(i + 2)
        ):
            how = "arabic"
        if how is None:
            i += 1
            continue
        k = first
        while k + 1 < n and gap(k) in (" ", "-"):
            if cap(k + 1) and words[k + 1] not in stop:
                k += 1
            elif keys[k + 1] in PARTICLES and k + 2 < n and gap(k + 1) in (" ", "-") and cap(k + 2):
                k += 2
            else:
                break
        blocked.append((spans[first][0], spans[k][1], how))
        if k > first or how == "title":
            surnames.add(keys[k])
            if k > first and keys[k - 1] in PARTICLES:
                surnames.add(f"{keys[k - 1]} {keys[k]}")
        i = k + 1
    return Persons(blocked=tuple(blocked), surnames=frozenset(surnames))
