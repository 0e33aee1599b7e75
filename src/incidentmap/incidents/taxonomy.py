"""The ACLED taxonomy and the trigger lexicon of news copy, loaded from data files.

``taxonomy.json`` lists the six event types, their sub-event types and the priority
that decides between sub-event types matched in one clause. ``triggers.tsv`` holds the
phrases that name each sub-event type; ``cues.tsv`` the words that qualify them
(anaphoric determiners, hypothetical and background markers, clause boundaries,
locative words, actor nouns). Users may pass their own files to :meth:`Taxonomy.load`.

Examples
--------
>>> tax = Taxonomy.default()
>>> [m.sub.name for m in tax.find_triggers("A roadside bomb exploded.")][:1]
['Remote explosive/landmine/IED']
>>> len(tax.sub_event_types)
25
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..errors import InputError
from ..model import EventType
from ..text.patterns import PrefixScanner, SpanGate
from .casualties import CasualtyWords
from .cues import MACROS, CueRow, Cues, compile_pattern, parse_cues
from .kinds import NAMED_IN_CODE, SubEventName

if TYPE_CHECKING:
    from .filters import Filter
    from .page import Furniture
    from .retyping import RetypeRule

__all__ = [
    "CueRow",
    "Cues",
    "SubEventType",
    "Taxonomy",
    "Trigger",
    "TriggerMatch",
    "lower_same_length",
]

_FLAGS = frozenset({"weak", "target", "campaign", "commemorative", "lowercase", "top", "inherit"})


@dataclass(frozen=True, slots=True)
class SubEventType:
    """An ACLED sub-event type, its event type and its priority among rival matches."""

    event_type: EventType
    name: str
    priority: int
    no_deaths_told: int | None = None
    """Its fatalities when the report tells of no deaths: 0, or ``None`` (unknown)."""


@dataclass(frozen=True, slots=True)
class Trigger:
    """A phrase pattern that names a sub-event type."""

    sub: SubEventType
    weight: float
    flags: frozenset[str]
    pattern: re.Pattern[str]
    must_match: str = ""
    """A sentence the pattern matches (the row's example)."""
    must_not_match: str = ""
    """A like sentence it does not match (may be empty)."""
    where: str = ""
    """``file:line`` of the row."""


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """Where a trigger matched (offsets into the text searched)."""

    trigger: Trigger
    start: int
    end: int

    @property
    def sub(self) -> SubEventType:
        """The sub-event type the trigger names."""
        return self.trigger.sub

    @property
    def rank(self) -> float:
        """Priority used to choose between matches of one clause (weak words rank low)."""
        flags = self.trigger.flags
        penalty = (  # a campaign word ("ending two years of war") names no event of its own
            40
            if flags & {"weak", "campaign"}
            else 30
            if "target" in flags
            else -40
            if "top" in flags
            else 0
        )
        return self.trigger.sub.priority - penalty + self.trigger.weight


def _rows(path: Path | str, text: str) -> list[tuple[int, list[str]]]:
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            rows.append((number, raw.rstrip("\n").split("\t")))
    return rows


#: The files of a codebook folder; one a user's folder lacks is taken from the shipped one.
CODEBOOK_FILES = (
    "taxonomy.json",
    "triggers.tsv",
    "cues.tsv",
    "page_furniture.tsv",
    "retyping.tsv",
    "filters.tsv",
    "numbers.tsv",
    "tolls.tsv",
)

#: The shipped English codebook, inside the package.
_SHIPPED = "codebook/en"


class Taxonomy:
    """A codebook: event types, sub-event types, triggers, cues and the rules of news copy.

    Use :meth:`default` for the English codebook that ships with incidentmap,
    :meth:`from_codebook` for a folder of your own (``incidentmap run --codebook DIR``)
    or :meth:`load` for your own taxonomy, trigger and cue files.
    """

    def __init__(
        self,
        sub_event_types: tuple[SubEventType, ...],
        triggers: tuple[Trigger, ...],
        cues: Cues,
        *,
        furniture: Furniture | None = None,
        retyping: tuple[RetypeRule, ...] = (),
        casualties: CasualtyWords | None = None,
        filters: tuple[Filter, ...] = (),
    ) -> None:
        self.sub_event_types = sub_event_types
        self.triggers = triggers
        self.cues = cues
        self._furniture = furniture
        self.retyping = retyping
        """The re-typing rules of ``retyping.tsv``, in file order."""
        self.retyping_for: dict[SubEventType | None, tuple[RetypeRule, ...]] = {}
        """The rules by the type they apply to (``None``: triggers flagged target), in order."""
        for rule in retyping:
            self.retyping_for[rule.source] = (*self.retyping_for.get(rule.source, ()), rule)
        self.casualties = casualties or CasualtyWords.default()
        """The number and toll words (``numbers.tsv``, ``tolls.tsv``)."""
        self.filters = filters
        """The filters of ``filters.tsv``, in file order."""
        self.stage_filters = {
            stage: tuple(f for f in filters if f.stage == stage)
            for stage in ("trigger", "clause", "undated")
        }
        """The filters by stage (``trigger``, ``clause``, ``undated``)."""
        self._filters_for: dict[tuple[str, int], tuple[Trigger, tuple[Filter, ...]]] = {}
        self._matching: dict[tuple[str, int, str, str], tuple[Trigger, tuple[Filter, ...]]] = {}
        self._by_name = {(s.event_type, s.name): s for s in sub_event_types}
        self._scanner: PrefixScanner | None = None
        # the last text searched for triggers and its lower case (a clause of it is
        # searched again and again: the text is lowered once, not once a clause)
        self._lowered: tuple[str, str] | None = None
        self._cue_gate: tuple[SpanGate, tuple[str, ...], tuple[re.Pattern[str], ...]] | None = None
        self._families: dict[str, frozenset[EventType]] = {}
        self._sources: tuple[tuple[str, str, str], ...] | None = None
        self.macros: dict[str, str] = dict(MACROS)
        """The pattern macros of ``triggers.tsv`` (``<w>``, ``<crowd>`` ...)."""

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle a codebook as the text of its files (worker processes parse it once)."""
        if self._sources is None:
            raise TypeError("only a taxonomy loaded from files can be pickled")
        if self._sources == _default()._sources:
            return (Taxonomy.default, ())
        return (_from_sources, (self._sources,))

    @property
    def furniture(self) -> Furniture:
        """The openings of page-furniture lines (``page_furniture.tsv``)."""
        if self._furniture is None:
            from .page import Furniture

            self._furniture = Furniture.default()
        return self._furniture

    @classmethod
    def default(cls) -> Taxonomy:
        """Return the bundled taxonomy (loaded once)."""
        return _default()

    @classmethod
    def from_codebook(cls, folder: Path | str) -> Taxonomy:
        """Load the codebook in ``folder``; files it lacks come from the shipped English one.

        The folder holds files named as in :data:`CODEBOOK_FILES` (``taxonomy.json``,
        ``triggers.tsv``, ...), in the formats of the shipped ones
        (``src/incidentmap/incidents/codebook/``). Loaded codebooks are cached by path.

        Raises
        ------
        InputError
            When ``folder`` is no folder or holds none of the codebook's files, or when a
            file names an unknown event or sub-event type or holds a bad pattern; the
            message gives the file and line.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     _ = (Path(folder) / "taxonomy.json").write_text("{}")
        ...     Taxonomy.from_codebook(folder)
        Traceback (most recent call last):
        ...
        incidentmap.errors.InputError: .../taxonomy.json: bad taxonomy: 'event_types'
        """
        return _from_codebook(str(Path(folder).expanduser().resolve()))

    @classmethod
    def load(cls, taxonomy: Path | str, triggers: Path | str, cues: Path | str) -> Taxonomy:
        """Load a taxonomy from a JSON file, a triggers TSV and a cues TSV.

        The codebook's other files are the shipped English ones.

        Raises
        ------
        InputError
            When a file names an unknown event type or sub-event type, or a pattern
            does not compile; the message gives file and line.
        """
        sources = _shipped()
        for name, path in (("taxonomy.json", taxonomy), ("triggers.tsv", triggers),
                           ("cues.tsv", cues)):  # fmt: skip
            sources[name] = (str(path), Path(path).read_text("utf-8"))
        return _from_sources(tuple((n, *sources[n]) for n in CODEBOOK_FILES))

    @classmethod
    def _parse(cls, sources: dict[str, tuple[str, str]]) -> Taxonomy:
        from .filters import parse_filters
        from .page import Furniture
        from .retyping import parse_retyping

        taxonomy, triggers, cues = (sources[n] for n in CODEBOOK_FILES[:3])
        subs: list[SubEventType] = []
        try:
            data = json.loads(taxonomy[1])
            for entry in data["event_types"]:
                etype = EventType(entry["event_type"])
                for sub in entry["sub_event_types"]:
                    untold = sub.get("no_deaths_told")
                    subs.append(
                        SubEventType(
                            etype,
                            sub["name"],
                            int(sub["priority"]),
                            None if untold is None else int(untold),
                        )
                    )
        except (KeyError, ValueError, TypeError) as exc:
            raise InputError(f"bad taxonomy: {exc}", source=taxonomy[0]) from exc
        by_name = {(s.event_type.value, s.name): s for s in subs}
        for named in NAMED_IN_CODE:
            if (named.event_type.value, named.name) not in by_name:
                raise InputError(
                    f"no sub-event type '{named}', which the extractor's code names "
                    "(a codebook may add sub-event types but keeps these)",
                    source=taxonomy[0],
                )
        cue_rows = _rows(cues[0], cues[1])
        macros = dict(MACROS)
        for _number, cols in cue_rows:
            if cols[0] in ("crowd", "armed", "civ"):
                macros[f"<{cols[0]}>"] = cols[1]
            elif cols[0] == "crowd_stop":
                macros["<cg>"] = rf"(?:(?!{cols[1]}\b)[^.;:!?\n]){{0,110}}?"
        trig: list[Trigger] = []
        for number, cols in _rows(triggers[0], triggers[1]):
            if not 5 <= len(cols) <= 7:
                raise InputError(
                    "expected 5 to 7 tab-separated columns (event type, sub-event type, "
                    f"weight, flags, pattern, must match, must not match), found {len(cols)}",
                    source=triggers[0],
                    line=number,
                )
            type_name, name, weight, flags, pattern = cols[:5]
            must, must_not = (*cols[5:], "", "")[:2]
            sub = by_name.get((type_name, name))
            if sub is None:
                raise InputError(
                    f"unknown sub-event type {type_name!r} / {name!r}; "
                    f"known: {sorted(n for _, n in by_name)}",
                    source=triggers[0],
                    line=number,
                )
            flagset = frozenset(f for f in flags.split(",") if f)
            if not flagset <= _FLAGS:
                raise InputError(
                    f"unknown flags {sorted(flagset - _FLAGS)}; accepted: {sorted(_FLAGS)}",
                    source=triggers[0],
                    line=number,
                )
            compiled = compile_pattern(
                pattern, macros, where=triggers[0], line=number, lowered=True
            )
            where = f"{Path(triggers[0]).name}:{number}"
            trig.append(Trigger(sub, float(weight), flagset, compiled, must, must_not, where))
        furniture = Furniture.parse(sources["page_furniture.tsv"][1],
                                    source=sources["page_furniture.tsv"][0])  # fmt: skip
        parsed_cues = parse_cues(cues[0], cue_rows, macros)
        retyping = parse_retyping(
            sources["retyping.tsv"][1],
            source=sources["retyping.tsv"][0],
            sub_event_types={f"{s.event_type.value}: {s.name}": s for s in subs},
            cue_kinds=list(parsed_cues),
        )
        casualties = CasualtyWords.parse(sources["numbers.tsv"], sources["tolls.tsv"])
        filters = parse_filters(
            sources["filters.tsv"][1], source=sources["filters.tsv"][0], cue_kinds=list(parsed_cues)
        )
        loaded = cls(
            tuple(subs),
            tuple(trig),
            parsed_cues,
            furniture=furniture,
            retyping=retyping,
            casualties=casualties,
            filters=filters,
        )
        loaded._sources = tuple((n, *sources[n]) for n in CODEBOOK_FILES)
        loaded.macros = macros
        return loaded

    def for_text(self, text: str) -> Taxonomy:
        """Return this taxonomy with its cue patterns bound to ``text``, to search it faster.

        A bound cue searched in a stretch of ``text`` that holds none of the words all its
        matches contain returns ``None`` without running the regular expression, and
        other searches run its case-sensitive twin over the folded text first (see
        :class:`~incidentmap.text.patterns.SpanGate`); results are those of the plain
        patterns. Build it once per article, before many searches.
        """
        if self._scanner is None:
            self._scanner = PrefixScanner([t.pattern for t in self.triggers])
        if self._cue_gate is None:
            names = tuple(k for k, v in self.cues.items() if isinstance(v, re.Pattern))
            patterns = [cast("re.Pattern[str]", self.cues[name]) for name in names]
            # the filters' patterns searched over a stretch are bound with them, in the same
            # pass over the text (one matched at a single place, "just after", gains nothing)
            others = tuple(
                dict.fromkeys(
                    f.pattern
                    for f in self.filters
                    if f.pattern is not None and f.test != "just after"
                )
            )
            self._cue_gate = (SpanGate([*patterns, *others]), names, others)
        gate, names, others = self._cue_gate
        found = gate.bind(text)
        bound = self.cues.replace(
            dict(zip(names, found[: len(names)], strict=True)),
            bound=dict(zip(others, found[len(names) :], strict=True)),
        )
        view = Taxonomy.__new__(Taxonomy)
        view.__dict__.update(self.__dict__)
        view.cues = bound
        view._lowered = None
        return view

    def with_filters(self, filters: tuple[Filter, ...]) -> Taxonomy:
        """Return this codebook with ``filters`` in place of its filters."""
        view = Taxonomy.__new__(Taxonomy)
        view.__dict__.update(self.__dict__)
        view.filters = filters
        view._cue_gate = None  # it binds the filters' patterns too
        view.stage_filters = {
            stage: tuple(f for f in filters if f.stage == stage) for stage in self.stage_filters
        }
        view._filters_for = {}
        view._matching = {}
        return view

    def filters_for(self, stage: str, trigger: Trigger) -> tuple[Filter, ...]:
        """Return the filters of ``stage`` that may apply to matches of ``trigger``.

        They are, in file order, the rows that apply to it by its type or flags and the
        rows that test the words matched (:meth:`Filter.applies` tells for a match);
        worked out once per trigger.
        """
        key = (stage, id(trigger))
        known = self._filters_for.get(key)
        if known is not None and known[0] is trigger:
            return known[1]
        found = tuple(
            f for f in self.stage_filters[stage] if f.applies_to_trigger(trigger) is not False
        )
        if len(self._filters_for) < 10_000:  # the entry keeps the trigger, so its id, alive
            self._filters_for[key] = (trigger, found)
        return found

    def filters_matching(self, stage: str, match: TriggerMatch, text: str) -> tuple[Filter, ...]:
        """Return the filters of ``stage`` that apply to ``match`` in ``text``, in file order.

        They are those of :meth:`filters_for` that :meth:`Filter.applies` keeps. A row's
        word test reads only the words matched and the character before them (its
        patterns look behind no further), so the answer is worked out once per trigger,
        words and character before.
        """
        start = match.start
        key = (stage, id(match.trigger), text[start - 1 : start], text[start : match.end])
        known = self._matching.get(key)
        if known is not None and known[0] is match.trigger:
            return known[1]
        filters = self.filters_for(stage, match.trigger)
        if any(f.word is not None and _looks_behind(f.word) for f in filters):
            return tuple(f for f in filters if f.applies(match, text))
        found = tuple(f for f in filters if f.word is None or f.applies(match, text))
        if len(self._matching) < 50_000:  # the entry keeps the trigger, so its id, alive
            self._matching[key] = (match.trigger, found)
        return found

    def family(self, word: str) -> frozenset[EventType]:
        """Return the event types an event noun can be part of ("clashes": several).

        ``word`` is lower-cased; the types are those of the anaphor nouns it is.
        """
        found = self._families.get(word)
        if found is None:
            cues = self.cues
            found = frozenset(
                t
                for noun, types in zip(cues.anaphor_nouns, cues.anaphor_types, strict=True)
                if noun.fullmatch(word)
                for t in types
            )
            if len(self._families) < 10_000:
                self._families[word] = found
        return found

    def sub_event(self, event_type: EventType, name: str) -> SubEventType:
        """Return the sub-event type ``name`` of ``event_type``.

        Raises
        ------
        KeyError
            If the taxonomy has no such sub-event type.
        """
        return self._by_name[(event_type, name)]

    def sub(self, name: SubEventName) -> SubEventType:
        """Return the sub-event type the code names ``name`` (see :mod:`.kinds`)."""
        return self._by_name[(name.event_type, name.name)]

    def find_triggers(
        self, text: str, start: int = 0, end: int | None = None
    ) -> list[TriggerMatch]:
        """Return every trigger match in ``text[start:end]``, ordered by position.

        Matches of different triggers may overlap; the caller chooses. The lower case of
        the last ``text`` searched is kept, so the clauses of one text cost their length,
        not the text's.
        """
        lowered = self._lowered
        if lowered is not None and lowered[0] is text:
            low = lowered[1]
        else:
            low = lower_same_length(text)
            self._lowered = (text, low)
        if self._scanner is None:
            self._scanner = PrefixScanner([t.pattern for t in self.triggers])
        found = []
        matches = self._scanner.finditer_all(low, start, end)
        for trig, trig_matches in zip(self.triggers, matches, strict=True):
            lowercase = "lowercase" in trig.flags
            for m in trig_matches:
                at = m.start()
                if at > 0 and (low[at - 1].isalnum() or low[at - 1] in "-_"):
                    continue
                if lowercase and text[at] != low[at]:
                    continue
                found.append(TriggerMatch(trig, at, m.end()))
        found.sort(key=lambda m: (m.start, -m.rank))
        return found


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` keeping every offset (characters whose lower case is longer stay).

    >>> lower_same_length("İstanbul BOMB")
    'İstanbul bomb'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _shipped() -> dict[str, tuple[str, str]]:
    """Return the shipped English codebook's files: name -> (where, text)."""
    folder = resources.files("incidentmap.incidents").joinpath(_SHIPPED)
    return {name: (name, folder.joinpath(name).read_text("utf-8")) for name in CODEBOOK_FILES}


def _looks_behind(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` has a look-behind (which may read more than one character)."""
    return "(?<=" in pattern.pattern or "(?<!" in pattern.pattern


@lru_cache(maxsize=1)
def _default() -> Taxonomy:
    return Taxonomy._parse(_shipped())


@lru_cache(maxsize=8)
def _from_sources(sources: tuple[tuple[str, str, str], ...]) -> Taxonomy:
    return Taxonomy._parse({name: (where, text) for name, where, text in sources})


def _from_codebook(folder: str) -> Taxonomy:
    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"no codebook folder {folder!r}", source=folder)
    sources = _shipped()
    own = [name for name in CODEBOOK_FILES if (path / name).is_file()]
    if not own:
        raise InputError(
            f"the codebook folder holds none of the codebook's files {list(CODEBOOK_FILES)}",
            source=folder,
        )
    for name in own:
        try:
            sources[name] = (str(path / name), (path / name).read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            where = str(path / name)
            raise InputError(f"cannot read the codebook file: {exc}", source=where) from exc
    return _from_sources(tuple((n, *sources[n]) for n in CODEBOOK_FILES))
