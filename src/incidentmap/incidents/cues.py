"""Cues: the qualifier patterns of ``cues.tsv`` by kind, and how codebook patterns compile.

A cue row is ``kind <TAB> value`` (an anaphor noun also names the event types it can
stand for), then an example it must match and, optionally, one it must not. The rows of
one kind are alternatives of one pattern, a key of :class:`Cues`; a new kind needs no
code. Patterns are Python regular expressions matched case-insensitively with word
boundaries, a single space matching any white space (see :func:`compile_pattern`).

Examples
--------
>>> from incidentmap.incidents import Taxonomy
>>> cues = Taxonomy.default().cues
>>> cues["mob"].search("a mob of villagers") is not None, "mob" in cues
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..model import EventType
from ..text.patterns import Searcher
from ..wording import plural

__all__ = [
    "MACROS",
    "REQUIRED_CUES",
    "CueRow",
    "Cues",
    "compile_pattern",
    "cue_row_pattern",
    "parse_cues",
]

#: Kinds of ``cues.tsv`` rows that are parts of other patterns, not cues of their own.
_NOT_CUES = frozenset({"anaphor_noun", "anaphor_determiner", "clause", "crowd_stop"})


MACROS = {"<w>": r"[\w’'-]+", "<g>": r"[^.;:!?\n]{0,60}?"}


@dataclass(frozen=True, slots=True)
class CueRow:
    """One row of ``cues.tsv``, with its examples."""

    kind: str
    value: str
    must_match: str
    must_not_match: str
    where: str


#: The cue kinds the extractor's code reads: a codebook must give each of them.
REQUIRED_CUES = (
    "anaphor",
    "new_event",
    "hypothetical",
    "allegation",
    "hearsay",
    "background",
    "occasion",
    "mourned",
    "claim",
    "stopped",
    "descriptor",
    "aggregate",
    "named_instances",
    "near",
    "actor",
    "armed",
    "civilian",
    "crowd",
    "clause",
    "protest_intervention",
    "protest_excessive",
    "mob",
    "withdrawal",
    "reporting",
    "non_event",
    "celebration",
    "place_anaphor",
    "state",
    "counted",
    "ahead",
    "border",
    "set_apart",
    "arrested_figure",
    "arrested_apart",
    "same_time",
    "thrown",
    "spoils",
    "repelled",
    "crowd_again",
    "heard",
    "spanning",
    "claimed_toll",
    "gunmen",
    "partisan",
)


class Cues(Mapping[str, Searcher]):
    """Compiled qualifier patterns by kind (the first column of ``cues.tsv``).

    A cue kind is a key: ``cues["mob"]``, also readable as ``cues.mob``. A new kind of
    row in ``cues.tsv`` is a new key, with no code to change; the rows of one kind are
    alternatives of one pattern. :meth:`Taxonomy.for_text` gives them gated for one
    text (see :class:`~incidentmap.text.patterns.SpanGate`); they search alike.

    >>> from incidentmap.incidents import Taxonomy
    >>> cues = Taxonomy.default().cues
    >>> cues["mob"].search("a mob of villagers") is not None, "mob" in cues
    (True, True)
    """

    def __init__(
        self,
        kinds: Mapping[str, Searcher],
        *,
        rows: tuple[CueRow, ...] = (),
        anaphor_types: tuple[frozenset[EventType], ...],
        anaphor_nouns: tuple[re.Pattern[str], ...],
    ) -> None:
        self._kinds = dict(kinds)
        self.rows = rows
        """The rows of ``cues.tsv``, with their examples."""
        self.anaphor_types = anaphor_types
        """For each anaphor noun (in ``cues.tsv`` order), the event types it can name."""
        self.anaphor_nouns = anaphor_nouns
        """The anaphor nouns' patterns, on lower-cased text."""
        # by the pattern's id: a compiled pattern hashes its whole program at each lookup
        self._bound: dict[int, tuple[re.Pattern[str], Searcher]] = {}
        for kind, pattern in self._kinds.items():  # cues.mob as fast as an attribute
            if _attribute(kind):
                self.__dict__[kind] = pattern

    def __getitem__(self, kind: str) -> Searcher:
        return self._kinds[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def __getattr__(self, kind: str) -> Searcher:
        try:
            return self._kinds[kind]
        except KeyError:
            raise AttributeError(kind) from None

    def bound(self, pattern: re.Pattern[str]) -> Searcher:
        """Return ``pattern`` (one of the codebook's other patterns) as bound to the text.

        The filters' patterns are bound with the cues by :meth:`Taxonomy.for_text`; a
        pattern not bound is returned as it is. They search alike.
        """
        entry = self._bound.get(id(pattern))
        return entry[1] if entry is not None and entry[0] is pattern else pattern

    def replace(
        self,
        kinds: Mapping[str, Searcher],
        *,
        bound: Iterable[tuple[re.Pattern[str], Searcher]] | None = None,
    ) -> Cues:
        """Return these cues with the patterns of ``kinds`` swapped in.

        ``bound`` gives other patterns of the codebook, each with its searcher bound to the
        same text (see :meth:`bound`).
        """
        new = Cues.__new__(Cues)
        new.__dict__.update(self.__dict__)  # a copy, once per article: no kind is read again
        new._kinds = {**self._kinds, **kinds}
        if bound is not None:
            new._bound = {id(pattern): (pattern, found) for pattern, found in bound}
        for kind, pattern in kinds.items():
            if _attribute(kind):
                new.__dict__[kind] = pattern
        return new


#: What a :class:`Cues` keeps of its own: no cue kind is read as these attributes.
_OWN = frozenset({"_kinds", "_bound", "rows", "anaphor_types", "anaphor_nouns"})


@lru_cache(maxsize=1024)
def _attribute(kind: str) -> bool:
    """Whether the cue kind ``kind`` is also an attribute of :class:`Cues` (``cues.mob``)."""
    return kind.isidentifier() and kind not in _OWN and not hasattr(Cues, kind)


#: How deep macros may use macros (``<civ>`` holds ``<w>``); more means a macro uses itself.
_MACRO_DEPTH = 4


def _expand(source: str, macros: dict[str, str]) -> str:
    """Replace the macros of ``source``, and those of the macros' own text, by their patterns.

    Examples
    --------
    >>> _expand("<civ> fled", {"<w>": "[a-z]+", "<civ>": "(?:the (?:<w> )?villagers)"})
    '(?:the (?:[a-z]+ )?villagers) fled'
    """
    text = source
    for _ in range(_MACRO_DEPTH):
        expanded = text
        for name, value in macros.items():
            expanded = expanded.replace(name, value)
        if expanded == text:
            break
        text = expanded
    return text


def compile_pattern(
    source: str, macros: dict[str, str], *, where: str, line: int, lowered: bool = False
) -> re.Pattern[str]:
    """Compile a data pattern; ``lowered`` patterns run on lower-cased text, faster.

    They carry no leading boundary test (checked after matching): a pattern that starts
    with literal words lets the regular expression engine skip ahead quickly.
    """
    text = _expand(source, macros)
    # "air ?strikes": an optional space; any other space: any run of white space
    text = text.replace(" ?", r"\s*").replace(" ", r"\s+")
    try:
        if lowered:
            return re.compile(rf"(?:{text})(?![\w])")
        return re.compile(rf"(?<![\w-])(?:{text})(?![\w])", re.IGNORECASE)
    except re.error as exc:
        raise InputError(f"bad pattern {source!r}: {exc}", source=where, line=line) from exc


def parse_cues(where: str, rows: list[tuple[int, list[str]]], macros: dict[str, str]) -> Cues:
    """Return the cues of the rows of a ``cues.tsv`` (``where``: its name, for errors).

    Raises
    ------
    InputError
        For a malformed row, a pattern that does not compile or a kind the extractor
        reads that has no rows; the message names the file and line.
    """
    lists: dict[str, list[str]] = {}
    lines: dict[str, int] = {}
    nouns: list[tuple[str, frozenset[EventType]]] = []
    cue_rows: list[CueRow] = []
    name = Path(where).name
    for number, cols in rows:
        kind = cols[0]
        examples = cols[3:] if kind == "anaphor_noun" else cols[2:]
        if len(examples) > 2:
            raise InputError(
                "expected kind, value, (the event types of an anaphor_noun), must match and "
                f"must not match; found {plural(len(cols), 'column')}",
                source=where,
                line=number,
            )
        must, must_not = (*examples, "", "")[:2]
        if len(cols) >= 2:
            cue_rows.append(CueRow(kind, cols[1], must, must_not, f"{name}:{number}"))
        if kind == "anaphor_noun":
            try:
                types = frozenset(EventType(t) for t in cols[2].split("|"))
            except (IndexError, ValueError) as exc:
                raise InputError(f"bad anaphor_noun row: {exc}", source=where, line=number) from exc
            nouns.append((cols[1], types))
        elif len(cols) >= 2:
            lists.setdefault(kind, []).append(cols[1])
            lines.setdefault(kind, number)

    det = "|".join(lists.get("anaphor_determiner", ["the"]))
    noun_alt = "|".join(f"(?P<n{i}>{pattern})" for i, (pattern, _) in enumerate(nouns))
    # up to two modifiers, but no function word
    stop = r"(?:to|of|and|or|in|on|at|for|by|with|from|a|an|the)\s"
    mods = rf"(?:(?!{stop})[\w’'-]+ ){{0,2}}?"
    anaphor = compile_pattern(f"(?:{det}) {mods}(?:{noun_alt})", macros, where=where, line=0)
    clause = re.compile("|".join(lists.get("clause", [";"])), re.IGNORECASE)
    kinds: dict[str, Searcher] = {
        kind: compile_pattern(
            "|".join(f"(?:{v})" for v in values), macros, where=where, line=lines[kind]
        )
        for kind, values in lists.items()
        if kind not in _NOT_CUES
    }
    if "civ" in kinds:  # the noun list's macro name is short; the cue's is not
        kinds["civilian"] = kinds.pop("civ")
    kinds["anaphor"] = anaphor
    kinds["clause"] = clause
    missing = [k for k in REQUIRED_CUES if k not in kinds]
    if missing:
        raise InputError(f"no rows of the cue kinds {missing}, which the extractor reads",
                         source=where)  # fmt: skip
    return Cues(
        kinds,
        rows=tuple(cue_rows),
        anaphor_types=tuple(types for _, types in nouns),
        anaphor_nouns=tuple(
            compile_pattern(p, macros, where=where, line=0, lowered=True) for p, _ in nouns
        ),
    )


def cue_row_pattern(row: CueRow, macros: dict[str, str]) -> tuple[re.Pattern[str], bool]:
    """Return one cue row's pattern as its kind compiles it, and whether it reads lowered text.

    >>> from incidentmap.incidents import Taxonomy
    >>> tax = Taxonomy.default()
    >>> row = next(r for r in tax.cues.rows if r.kind == "mob")
    >>> pattern, lowered = cue_row_pattern(row, tax.macros)
    >>> bool(pattern.search(row.must_match)), lowered
    (True, False)
    """
    if row.kind == "clause":
        return re.compile(row.value, re.IGNORECASE), False
    if row.kind == "anaphor_noun":
        return compile_pattern(row.value, macros, where=row.where, line=0, lowered=True), True
    return compile_pattern(row.value, macros, where=row.where, line=0), False
