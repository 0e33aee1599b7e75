r"""Skip trigger patterns that cannot match: a literal gate in front of the regexes.

For each pattern the gate works out a set of literal strings of which every match must
contain one ("drone", "airstrike", ...), read from the parsed regular expression. One
Aho-Corasick pass over the article (pyahocorasick, C speed) finds which literals occur;
only patterns with a literal present, or without a usable literal set, are run.

Examples
--------
>>> sorted(required_literals(r"(?:air\s+strikes?|drone (?:strike|attack)s?)"))
['drone ', 'strike']
>>> required_literals(r"\w+") is None
True
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import ahocorasick


def _sre() -> tuple[Any, Any]:
    """Return the standard library's regex parser and constants (renamed in 3.11)."""
    try:
        return importlib.import_module("re._parser"), importlib.import_module("re._constants")
    except ImportError:  # pragma: no cover - Python 3.10
        return importlib.import_module("sre_parse"), importlib.import_module("sre_constants")


_p, _c = _sre()

__all__ = ["LiteralGate", "required_literals"]

_MIN = 3  # shorter literals ("a", "of") say nothing


def required_literals(pattern: str) -> frozenset[str] | None:
    """Return literals one of which every match of ``pattern`` contains, or ``None``."""
    try:
        parsed = _p.parse(pattern)
    except Exception:  # any parser trouble just disables the gate for this pattern
        return None
    found = _sequence(list(parsed))
    return frozenset(found) if found else None


def _sequence(items: list[tuple[Any, Any]]) -> set[str] | None:
    options: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= _MIN:
            options.append({"".join(run)})
        run.clear()

    for op, av in items:
        if op is _c.LITERAL:
            run.append(chr(av))
            continue
        flush()
        found: set[str] | None = None
        if op is _c.SUBPATTERN:
            found = _sequence(list(av[-1]))
        elif op is _c.BRANCH:
            parts = [_sequence(list(branch)) for branch in av[1]]
            if all(parts):
                found = set().union(*parts)  # type: ignore[arg-type]
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] >= 1:
            found = _sequence(list(av[2]))
        if found:
            options.append(found)
    flush()
    if not options:
        return None
    return min(options, key=lambda s: (len(s), -min(len(x) for x in s)))


class LiteralGate:
    """Tell which of a list of patterns may match a text."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._required = [required_literals(p) for p in patterns]
        self._automaton = ahocorasick.Automaton()
        for literals in self._required:
            for literal in literals or ():
                self._automaton.add_word(literal, literal)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def active(self, text: str) -> list[bool]:
        """For each pattern, whether it can match ``text`` (already lower-cased)."""
        present: set[str] = set()
        if not self._empty:
            present = {literal for _, literal in self._automaton.iter(text)}
        return [req is None or not req.isdisjoint(present) for req in self._required]
