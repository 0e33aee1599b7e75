"""A codebook loaded from its files: the ACLED taxonomy, its triggers, cues and rules.

``taxonomy.json`` lists the six event types, their sub-event types and the priority
that decides between sub-event types matched in one clause. ``triggers.tsv`` holds the
phrases that name each sub-event type (both read by :mod:`.triggers`); ``cues.tsv`` the
words that qualify them (anaphoric determiners, hypothetical and background markers,
clause boundaries, locative words, actor nouns; :mod:`.cues`). A :class:`Taxonomy` is a
codebook parsed from the files :mod:`.codebookfiles` reads (a folder of one's own, the
files it lacks taken from the shipped one); it finds the triggers of a text and looks up
its cues and filters. Users may pass their own files to :meth:`Taxonomy.load`.

Examples
--------
>>> tax = Taxonomy.default()
>>> [m.sub.name for m in tax.find_triggers("A roadside bomb exploded.")][:1]
['Remote explosive/landmine/IED']
>>> len(tax.sub_event_types)
25
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ..model import EventType
from ..text.patterns import PrefixScanner, SpanGate
from .casualtywords import CasualtyWords
from .codebookfiles import CODEBOOK_FILES, folder_files, shipped_files, tsv_rows
from .cues import MACROS, Cues, parse_cues
from .kinds import SubEventName
from .triggers import (
    SubEventType,
    Trigger,
    TriggerMatch,
    lower_same_length,
    parse_sub_event_types,
    parse_triggers,
)

if TYPE_CHECKING:
    from .filters import Filter
    from .page import Furniture
    from .retyping import RetypeRule

__all__ = ["Taxonomy"]


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
        return _from_sources(folder_files(str(Path(folder).expanduser().resolve())))

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
        sources = shipped_files()
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
        subs = parse_sub_event_types(taxonomy[1], source=taxonomy[0])
        cue_rows = tsv_rows(cues[1])
        macros = dict(MACROS)
        for _number, cols in cue_rows:
            if cols[0] in ("crowd", "armed", "civ"):
                macros[f"<{cols[0]}>"] = cols[1]
            elif cols[0] == "crowd_stop":
                macros["<cg>"] = rf"(?:(?!{cols[1]}\b)[^.;:!?\n]){{0,110}}?"
        trig = parse_triggers(
            triggers[0], tsv_rows(triggers[1]), sub_event_types=subs, macros=macros
        )
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
            bound=zip(others, found[len(names) :], strict=True),
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


def _looks_behind(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` has a look-behind (which may read more than one character)."""
    return "(?<=" in pattern.pattern or "(?<!" in pattern.pattern


@lru_cache(maxsize=1)
def _default() -> Taxonomy:
    return Taxonomy._parse(shipped_files())


@lru_cache(maxsize=8)
def _from_sources(sources: tuple[tuple[str, str, str], ...]) -> Taxonomy:
    return Taxonomy._parse({name: (where, text) for name, where, text in sources})
