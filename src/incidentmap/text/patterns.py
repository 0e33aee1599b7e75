r"""Pattern sets: many regular expressions over one text, faster, with the same matches.

Nothing here knows about incidents; the incident extractor uses it for its trigger
phrases and cues (hundreds of patterns, most of which cannot match a given article). The
patterns are read with :mod:`incidentmap.text.regex_tree` (public APIs only).

For each pattern :class:`LiteralGate` works out a set of literal strings of which every match must
contain one ("drone", "airstrike", ...), read from the parsed regular expression. One
Aho-Corasick pass over the article (pyahocorasick, C speed) finds which literals occur;
only patterns with a literal present, or without a usable literal set, are run.

:class:`SpanGate` does the same for case-insensitive patterns searched many times in
parts of one text (the cues of a clause): one pass notes where each literal occurs, and
a search of a stretch that holds none of a pattern's literals returns ``None`` at once.

Examples
--------
>>> sorted(required_literals(r"(?:air\s+strikes?|drone (?:strike|attack)s?)"))
['drone ', 'strike']
>>> required_literals(r"\w+") is None
True
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

import ahocorasick

from .regex_tree import Node, parse

__all__ = [
    "NAME_WORD",
    "FastPattern",
    "GatedPattern",
    "LiteralGate",
    "PrefixScanner",
    "Searcher",
    "SpanGate",
    "fold_case",
    "required_literals",
    "required_prefixes",
]

#: A word of a name the gazetteer may lack, capitalised whatever the flags of the pattern
#: it is put in: "Kafr", "Nabl", "Ras's", "al-Bab" (the unknown names of the geoparser and
#: the incident extractor's lists and containers are spelled with it).
NAME_WORD = r"(?-i:[A-Z])[\w'’-]*"

_MIN = 3  # shorter literals ("a", "of") say nothing


def required_literals(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Return literals one of which every match of ``pattern`` contains, or ``None``."""
    try:
        parsed = parse(pattern, flags)
    except (ValueError, IndexError, KeyError):  # trouble reading: no gate for this pattern
        return None
    found = _sequence(parsed)
    return frozenset(found) if found else None


def _sequence(items: list[Node]) -> set[str] | None:
    options: list[set[str]] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= _MIN:
            options.append({"".join(run)})
        run.clear()

    for op, av in items:
        if op == "LITERAL":
            run.append(chr(av))
            continue
        flush()
        found: set[str] | None = None
        if op == "GROUP":
            found = _sequence(av[2])
        elif op == "BRANCH":
            parts = [_sequence(branch) for branch in av]
            if all(parts):
                found = set().union(*parts)  # type: ignore[arg-type]
        elif op == "REPEAT" and av[0] >= 1:
            found = _sequence(av[2])
        if found:
            options.append(found)
    flush()
    if not options:
        return None
    return min(options, key=_cost)


#: How often a literal of 3, 4 or more letters turns up, roughly, as a share of the rate of
#: one of 3 ("the", "and", "for" are everywhere; "attacks" is rare).
_RATE = {3: 1.0, 4: 0.25}
_RATE_LONGER = 0.06


def _cost(literals: set[str]) -> float:
    """Rate the literals a gate would find in a text: the fewer and longer, the lower.

    A gate that looks for "the" lets through nearly every stretch; the nouns after it
    ("the two attacks") are the better gate, however many of them.
    """
    return sum(_RATE.get(len(literal), _RATE_LONGER) for literal in literals)


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


def required_prefixes(
    pattern: str, flags: int = 0, *, ascii_digits: bool = False
) -> frozenset[str] | None:
    r"""Return strings one of which every match of ``pattern`` starts with, or ``None``.

    Only for case-sensitive patterns; ``None`` when a match may start otherwise (with a
    wide character class such as ``\w``) or be empty. With ``ascii_digits``, ``\d``
    stands for the ASCII digits: the caller makes sure the text has no other digits.

    >>> sorted(required_prefixes(r"(?<!no )(?:gun ?battles?|clash(?:es)?)\b"))
    ['clash', 'gun']
    >>> sorted(required_prefixes(r"(?:the )?attacks?|[rR]aid"))
    ['R', 'attack', 'r', 'the ']
    >>> required_prefixes(r"\w+ed") is None
    True
    """
    if flags & re.IGNORECASE:
        return None
    try:
        parsed = parse(pattern, flags)
    except (ValueError, IndexError, KeyError):  # trouble reading: no prefixes
        return None
    found = _prefixes(parsed, ascii_digits)
    return frozenset(found) if found else None


def _prefixes(items: list[Node], digits: bool) -> set[str] | None:
    """Prefixes of a parsed sequence; ``None`` when it may be empty or start otherwise."""
    for at, (op, av) in enumerate(items):
        if op in ("ASSERT", "ASSERT_NOT", "AT"):
            continue  # zero width: the match starts with what follows
        if op == "LITERAL":
            run = []
            for op2, av2 in items[at:]:
                if op2 != "LITERAL":
                    break
                run.append(chr(av2))
            return {"".join(run)}
        if op == "IN":
            return _first_chars(av, digits)
        if op == "BRANCH":
            out: set[str] = set()
            for branch in av:
                found = _prefixes(branch, digits)
                if not found:
                    return None
                out |= found
            return out
        if op == "GROUP":
            return None if av[0] or av[1] else _prefixes(av[2], digits)
        if op == "REPEAT":
            body = _prefixes(av[2], digits)
            if av[0] >= 1 or not body:
                return body
            rest = _prefixes(items[at + 1 :], digits)  # an optional part, or what follows
            return body | rest if rest else None
        return None
    return None


def _first_chars(items: list[tuple[str, Any]], digits: bool) -> set[str] | None:
    r"""Return the characters of a small class (``[12]``, ``[a-f]``, ``\d`` with ``digits``)."""
    out: set[str] = set()
    for kind, value in items:
        if kind == "literal":
            out.add(chr(value))
        elif kind == "range" and value[1] - value[0] < 64:
            out.update(map(chr, range(value[0], value[1] + 1)))
        elif kind == "category" and value == "d" and digits:
            out.update("0123456789")
        else:
            return None
    return out or None


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _other_digits(text: str) -> bool:
    """Whether ``text`` has decimal digits other than the ASCII ones."""
    return not text.isascii() and any(c.isdecimal() for c in _NON_ASCII.findall(text))


def _word_start(compiled: re.Pattern[str]) -> str | None:
    r"""Return what besides ``\w`` a pattern opening with ``(?<![\w...])`` must not follow.

    ``None`` when it does not open so; ``"-"`` for ``(?<![\w-])``.
    """
    try:
        first = parse(compiled.pattern, compiled.flags)[0]
    except (ValueError, IndexError, KeyError):  # pragma: no cover - it compiled once already
        return None
    if first[0] != "ASSERT_NOT" or first[1][0] != -1 or len(first[1][1]) != 1:
        return None
    op, items = first[1][1][0]
    if op != "IN" or ("category", "w") not in items:
        return None
    others = [value for kind, value in items if kind == "literal"]
    if len(others) != len(items) - 1:
        return None
    return "".join(map(chr, others))


class FastPattern:
    r"""A compiled pattern whose ``finditer`` is faster in long texts, with the same matches.

    A case-insensitive pattern runs as its case-sensitive twin over the folded text (see
    :func:`folded_variant`); when every match starts with one of a set of strings (see
    :func:`required_prefixes`), it is tried only where they occur, found with one
    Aho-Corasick pass. The matches returned are the pattern's own.

    >>> verbs = FastPattern(re.compile(r"(?<![\w-])(?:killed|wounded)\b", re.IGNORECASE))
    >>> [m.group() for m in verbs.finditer("Two were KILLED and one wounded.")]
    ['KILLED', 'wounded']
    """

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        twin = folded_variant(compiled)
        self._fold = twin is not None
        if twin is None and not compiled.flags & re.IGNORECASE:
            twin = compiled
        self._twin = twin
        prefixes = None
        if twin is not None:
            prefixes = required_prefixes(twin.pattern, twin.flags, ascii_digits=True)
        self._digits = prefixes is not None and any(p[0].isdigit() for p in prefixes)
        self._guard = _word_start(twin) if twin is not None else None
        self._automaton: Any = None
        if prefixes:
            self._automaton = ahocorasick.Automaton()
            for prefix in prefixes:
                self._automaton.add_word(prefix, len(prefix))
            self._automaton.make_automaton()
        self._last: tuple[str, str] = ("", "")

    def _subject(self, text: str) -> str:
        """Return the text the twin searches: ``text`` folded or as it is."""
        if not self._fold:
            return text
        last = self._last
        if last[0] is text:
            return last[1]
        folded = fold_case(text)
        self._last = (text, folded)
        return folded

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer`."""
        twin, compiled = self._twin, self.compiled
        if twin is None or self._automaton is None or (self._digits and _other_digits(text)):
            return compiled.finditer(text, pos, endpos)
        size = len(text)
        pos, stop = min(max(pos, 0), size), min(max(endpos, 0), size)
        subject = self._subject(text)
        places = {pos + last + 1 - n for last, n in self._automaton.iter(subject[pos:stop])}
        found = []
        cursor = pos
        guard = self._guard
        for at in sorted(places):
            if at < cursor:
                continue
            if guard is not None and at > 0:
                before = subject[at - 1]
                if before.isalnum() or before == "_" or before in guard:
                    continue  # the pattern starts with "(?<![\w...])": not inside a word
            match = twin.match(subject, at, stop)
            if match is None:
                continue
            if self._fold:
                match = compiled.match(text, at, stop)
                if match is None:  # pragma: no cover - the twin matches alike
                    return compiled.finditer(text, pos, endpos)
            found.append(match)
            cursor = match.end()  # never empty: it starts with a prefix
        return iter(found)


class PrefixScanner:
    r"""Find every match of many patterns in one text, each tried only where it can start.

    One Aho-Corasick pass over the text finds where the prefixes of the patterns (see
    :func:`required_prefixes`) occur; a pattern is then matched at those places only,
    which gives exactly the matches of its ``finditer``. Patterns without prefixes are
    run in full when :class:`LiteralGate` lets them; a pattern with a short prefix ("a",
    "it": everywhere) is tried at its places only when the gate lets it too.

    >>> scan = PrefixScanner([re.compile(r"bomb(?:ing)?s?"), re.compile(r"\w+ed")])
    >>> [[m.group() for m in found] for found in scan.finditer_all("bombs bombed it")]
    [['bombs', 'bomb'], ['bombed']]
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._patterns = list(patterns)
        prefixes = [required_prefixes(p.pattern, p.flags) for p in self._patterns]
        self._rest = [i for i, found in enumerate(prefixes) if found is None]
        short = [i for i, found in enumerate(prefixes) if found and min(map(len, found)) < _MIN]
        self._gate = LiteralGate([self._patterns[i].pattern for i in (*self._rest, *short)])
        self._automaton = _prefix_automaton(
            {i: found for i, found in enumerate(prefixes) if found and i not in short}
        )
        self._short = [_prefix_automaton({i: prefixes[i] or ()}) for i in short]

    def finditer_all(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[list[re.Match[str]]]:
        """For each pattern, its matches in ``text[start:end]`` as ``finditer`` gives them."""
        stop = len(text) if end is None else end
        piece = text[start:stop]
        active = self._gate.active(piece)
        rest = len(self._rest)
        places: dict[int, list[int]] = {}
        _add_places(places, self._automaton, piece, start)
        # a pattern with a short prefix is tried only when the piece holds one of the
        # literals all its matches contain (the prefix "a" is everywhere)
        for automaton, may_match in zip(self._short, active[rest:], strict=True):
            if may_match:
                _add_places(places, automaton, piece, start)
        out: list[list[re.Match[str]]] = [[] for _ in self._patterns]
        patterns = self._patterns
        for index, ats in places.items():
            match_at = patterns[index].match
            found = out[index]
            pos = start
            for at in sorted(ats):
                if at < pos:
                    continue
                match = match_at(text, at, stop)
                if match is not None:  # never empty: it holds a prefix
                    found.append(match)
                    pos = match.end()
        for index, may_match in zip(self._rest, active[:rest], strict=True):
            if may_match:
                out[index] = list(self._patterns[index].finditer(text, start, stop))
        return out


def _prefix_automaton(prefixes: dict[int, Iterable[str]]) -> Any:
    """Return an automaton of the prefixes of patterns (by index), or ``None`` for none."""
    owners: dict[str, list[int]] = {}
    for index, found in prefixes.items():
        for prefix in found:
            owners.setdefault(prefix, []).append(index)
    if not owners:
        return None
    automaton = ahocorasick.Automaton()
    for prefix, indexes in owners.items():
        automaton.add_word(prefix, (len(prefix), tuple(indexes)))
    automaton.make_automaton()
    return automaton


def _add_places(places: dict[int, list[int]], automaton: Any, piece: str, start: int) -> None:
    """Note in ``places`` where in ``piece`` (at ``start``) the prefixes of patterns occur."""
    if automaton is None:
        return
    for last, (size, indexes) in automaton.iter(piece):
        at = start + last + 1 - size
        for index in indexes:
            if index in places:
                places[index].append(at)
            else:
                places[index] = [at]


# The characters other than the upper-case ASCII letters that a case-insensitive regular
# expression takes for an ASCII letter: dotted and dotless i, long s, the Kelvin sign.
_ODD_CASE = re.compile("[\u0130\u0131\u017f\u212a]")
_ODD_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_case(text: str) -> str:
    """Fold ``text`` for ASCII literals as ``re.IGNORECASE`` compares them, keeping offsets.

    Where a case-insensitive pattern matches an ASCII character, the folded text holds
    that character in lower case.

    >>> fold_case("İstanbul BOMB")
    'istanbul bomb'
    """
    if not text.isascii() and _ODD_CASE.search(text):
        text = text.translate(_ODD_FOLD)
    return text.lower()


class Searcher(Protocol):
    """What the cue patterns offer: the search methods of :class:`re.Pattern`."""

    @property
    def pattern(self) -> str:
        """The pattern's source."""
        ...

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.search`."""
        ...

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        ...

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer`."""
        ...


def _fixed(code: int) -> bool:
    """Whether a literal matches alike with ``re.IGNORECASE`` and in folded text.

    That is, the characters it matches case-insensitively are those that
    :func:`fold_case` turns into it (checked for every character by the tests).
    """
    char = chr(code)
    if char.isascii():
        return fold_case(char) == char  # not an upper-case letter
    return char.lower() == char == char.upper()  # uncased: it only ever matches itself


def _fixed_range(low: int, high: int) -> bool:
    return all(_fixed(code) for code in range(low, high + 1))


def _foldable(items: list[Node]) -> bool:
    """Whether a parsed pattern matches folded text as it matches text ignoring case.

    It does with lower-case or uncased literals, no case flags of its own and no
    back-references: every step of the matcher then decides alike.
    """
    for op, av in items:
        if op == "LITERAL":
            ok = _fixed(av)
        elif op == "IN":
            ok = all(
                (kind == "literal" and _fixed(value))
                or (kind == "range" and value[1] < 128 and _fixed_range(*value))
                or kind in ("category", "negate")
                for kind, value in av
            )
        elif op in ("ANY", "AT"):
            ok = True
        elif op == "BRANCH":
            ok = all(_foldable(branch) for branch in av)
        elif op == "GROUP":
            ok = av[0] == av[1] == 0 and _foldable(av[2])
        elif op == "REPEAT":
            ok = _foldable(av[2])
        elif op in ("ASSERT", "ASSERT_NOT"):
            ok = _foldable(av[1])
        elif op == "ATOMIC":
            ok = _foldable(av)
        else:
            ok = False
        if not ok:
            return False
    return True


def folded_variant(compiled: re.Pattern[str]) -> re.Pattern[str] | None:
    r"""Return the case-sensitive twin of a case-insensitive pattern, or ``None``.

    The twin finds in text folded by :func:`fold_case` the matches the pattern finds in
    the text, at the same offsets, faster.

    >>> bool(folded_variant(re.compile(r"\bpolice\s+said", re.IGNORECASE)).flags & re.I)
    False
    >>> folded_variant(re.compile(r"(?-i:[A-Z])\w+", re.IGNORECASE)) is None
    True
    """
    flags = compiled.flags
    if not flags & re.IGNORECASE or flags & (re.LOCALE | re.ASCII):
        return None
    try:
        parsed = parse(compiled.pattern, flags)
    except (ValueError, IndexError, KeyError):  # trouble reading: no twin
        return None
    if not _foldable(parsed):
        return None
    return re.compile(compiled.pattern, flags & ~re.IGNORECASE)


class GatedPattern:
    """A compiled pattern bound to one text, searched faster in it with the same results.

    A search of a stretch that holds none of the pattern's literals returns ``None`` at
    once; other searches run the pattern's case-sensitive twin (see
    :func:`folded_variant`) over the folded text, and where it matches, the pattern
    itself, so that the match returned is the pattern's own. Searches of any other
    string fold it first, without the gate.
    """

    __slots__ = ("_compiled", "_fast", "_folded", "_sorted", "_spans", "_text")

    def __init__(
        self,
        compiled: re.Pattern[str],
        text: str,
        *,
        spans: list[tuple[int, int]] | None = None,
        fast: re.Pattern[str] | None = None,
        folded: str = "",
    ) -> None:
        self._compiled = compiled
        self._text = text
        self._fast = fast
        self._folded = folded
        self._spans = spans
        self._sorted = False

    @property
    def pattern(self) -> str:
        """The pattern's source."""
        return self._compiled.pattern

    def _first(
        self, string: str, pos: int, endpos: int, anchored: bool
    ) -> tuple[re.Match[str] | None, str] | None:
        """Return the twin's first match in ``string[pos:endpos]`` and the folded string.

        ``None`` when there is no match; ``(None, "")`` when unknown (no twin).
        """
        if self._fast is None and string is not self._text:
            return None, ""
        if string is self._text:
            spans = self._spans
            if spans is not None:  # as _literal_in, inline: this runs for every search
                if not self._sorted:
                    spans.sort()
                    self._sorted = True
                for k in range(bisect.bisect_left(spans, (pos,)), len(spans)):
                    start, end = spans[k]
                    if start >= endpos:
                        return None
                    if end <= endpos:
                        break
                else:
                    return None
            folded = self._folded
        else:
            folded = fold_case(string)
        fast = self._fast
        if fast is None:
            return None, ""
        found = (fast.match if anchored else fast.search)(folded, pos, endpos)
        return None if found is None else (found, folded)

    def _literal_in(self, pos: int, endpos: int) -> bool:
        """Whether the bound text holds one of the gate's literals in ``[pos:endpos]``.

        Always ``True`` for a pattern without a gate.
        """
        spans = self._spans
        if spans is None:
            return True
        if not self._sorted:
            spans.sort()
            self._sorted = True
        for k in range(bisect.bisect_left(spans, (pos,)), len(spans)):
            start, end = spans[k]
            if start >= endpos:
                return False
            if end <= endpos:
                return True
        return False

    def may_match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Whether ``string[pos:endpos]`` may hold a match, as a slice or as it stands.

        ``False`` only when the stretch of the bound text holds none of the literals
        every match contains: then neither a search of it nor one of the slice
        ``string[pos:endpos]`` finds anything. Always ``True`` for any other string.
        """
        return string is not self._text or self._literal_in(pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.search`."""
        first = self._first(string, pos, endpos, False)
        if first is None:
            return None
        if first[0] is not None:
            found = self._compiled.match(string, first[0].start(), endpos)
            if found is not None:
                return found
        return self._compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        if self._first(string, pos, endpos, True) is None:
            return None
        return self._compiled.match(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer`."""
        first = self._first(string, pos, endpos, False)
        if first is None:
            return iter(())
        twin, folded = first
        compiled, fast = self._compiled, self._fast
        if twin is None or fast is None:
            return compiled.finditer(string, pos, endpos)
        found = []
        while True:
            start, end = twin.span()
            own = compiled.match(string, start, endpos) if end > start else None
            if own is None:  # an empty match: the rules for the next one are the pattern's
                return compiled.finditer(string, pos, endpos)
            found.append(own)
            twin = fast.search(folded, end, endpos)
            if twin is None:
                return iter(found)


class _AbsentPattern(GatedPattern):
    """A :class:`GatedPattern` whose bound text holds none of its literals: no match there."""

    __slots__ = ()

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.search`."""
        if string is self._text:
            return None
        return super().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """As :meth:`re.Pattern.match`."""
        if string is self._text:
            return None
        return super().match(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """As :meth:`re.Pattern.finditer`."""
        if string is self._text:
            return iter(())
        return super().finditer(string, pos, endpos)


class SpanGate:
    r"""Bind patterns to one text, to be searched faster in it with the same results.

    A pattern is gated when every match holds one of a set of ASCII literals (see
    :func:`required_literals`), and run case-sensitively over the folded text when it
    has such a twin (see :func:`folded_variant`); the others are returned as they are.

    >>> gate = SpanGate([re.compile(r"\b(?:riots?|looting)\b", re.IGNORECASE)])
    >>> text = "Calm returned. RIOTS broke out."
    >>> riot = gate.bind(text)[0]
    >>> riot.search(text, 0, 14) is None, riot.search(text, 14).group()
    (True, 'RIOTS')
    """

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self._patterns = list(patterns)
        self._fast = [folded_variant(p) for p in self._patterns]
        owners: dict[str, list[int]] = {}
        for index, compiled in enumerate(self._patterns):
            literals = required_literals(compiled.pattern, compiled.flags)
            if literals is None or not all(lit.isascii() for lit in literals):
                continue
            for literal in {lit.lower() for lit in literals}:
                owners.setdefault(literal, []).append(index)
        self._gated = sorted({i for indexes in owners.values() for i in indexes})
        self._automaton = ahocorasick.Automaton()
        for literal, indexes in owners.items():
            self._automaton.add_word(literal, (len(literal), tuple(indexes)))
        if owners:
            self._automaton.make_automaton()
        gated = set(self._gated)
        self._plan = [
            (index, compiled, self._fast[index], index in gated)
            for index, compiled in enumerate(self._patterns)
        ]

    def bind(self, text: str) -> list[re.Pattern[str] | GatedPattern]:
        """Return the patterns, in order, bound to ``text``."""
        folded = fold_case(text)
        spans: dict[int, list[tuple[int, int]]] = {}
        if self._gated:
            for last, (size, indexes) in self._automaton.iter(folded):
                span = (last + 1 - size, last + 1)
                for index in indexes:
                    if index in spans:
                        spans[index].append(span)
                    else:
                        spans[index] = [span]
        out: list[re.Pattern[str] | GatedPattern] = []
        for index, compiled, fast, gated in self._plan:
            found = spans.get(index) if gated else None
            if gated and found is None:  # none of its literals in the text
                out.append(_AbsentPattern(compiled, text, spans=[], fast=fast, folded=folded))
            elif found is None and fast is None:
                out.append(compiled)
            else:
                out.append(GatedPattern(compiled, text, spans=found, fast=fast, folded=folded))
        return out
