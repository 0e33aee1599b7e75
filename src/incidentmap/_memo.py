"""A bounded memory of answers: what the parsers remember from one article to the next.

The geoparser and the incident extractor ask the same questions of the same places and
phrases article after article (is this place a small town abroad, does a locative cue end
these words). Each such memory is a plain dict, read as a dict is read, with a stated
limit: :func:`remember` stores an answer, and forgets all the others first when the
dict holds that many, so a long batch never grows it without bound.

Examples
--------
>>> known: dict[str, int] = {}
>>> remember(known, "a", 1, limit=2), remember(known, "b", 2, limit=2), known.get("a")
(1, 2, 1)
>>> remember(known, "c", 3, limit=2), sorted(known)
(3, ['c'])
"""

from __future__ import annotations

from typing import TypeVar

__all__ = ["remember"]

K = TypeVar("K")
V = TypeVar("V")


def remember(memory: dict[K, V], key: K, value: V, *, limit: int) -> V:
    """Store ``value`` for ``key`` in ``memory``, emptied first when it holds ``limit``; return it.

    Parameters
    ----------
    memory
        The answers remembered so far (a plain dict: reading it costs what a dict costs).
    key, value
        The question and its answer.
    limit
        How many answers ``memory`` holds at most.
    """
    if len(memory) >= limit:
        memory.clear()
    memory[key] = value
    return value
