"""The sub-event types of ``taxonomy.json`` and the trigger phrases of ``triggers.tsv``.

A :class:`SubEventType` is one of ACLED's sub-event types, with the priority that decides
between the types matched in one clause; a :class:`Trigger` is one row of
``triggers.tsv``, a phrase pattern that names a sub-event type; a :class:`TriggerMatch`
is where one matched. :func:`parse_sub_event_types` and :func:`parse_triggers` read the
two files (a :class:`~.taxonomy.Taxonomy` loads them with the codebook's other files and
finds the triggers of a text). Trigger patterns are matched against the text lower-cased
with its offsets kept (:func:`lower_same_length`).

Examples
--------
>>> from incidentmap.incidents.taxonomy import Taxonomy
>>> match = Taxonomy.default().find_triggers("A roadside bomb exploded.")[0]
>>> match.sub.event_type.value, match.sub.name
('Explosions/Remote violence', 'Remote explosive/landmine/IED')
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import EventType
from .cues import compile_pattern
from .kinds import NAMED_IN_CODE

__all__ = [
    "SubEventType",
    "Trigger",
    "TriggerMatch",
    "lower_same_length",
    "parse_sub_event_types",
    "parse_triggers",
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


def parse_sub_event_types(text: str, *, source: str) -> list[SubEventType]:
    """Return the sub-event types of a ``taxonomy.json`` (``source``: its name, for errors).

    Raises
    ------
    InputError
        When the file is malformed, names an unknown event type, or lacks a sub-event
        type the extractor's code names (:data:`~.kinds.NAMED_IN_CODE`).
    """
    subs: list[SubEventType] = []
    try:
        data = json.loads(text)
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
        raise InputError(f"bad taxonomy: {exc}", source=source) from exc
    by_name = {(s.event_type.value, s.name): s for s in subs}
    for named in NAMED_IN_CODE:
        if (named.event_type.value, named.name) not in by_name:
            raise InputError(
                f"no sub-event type '{named}', which the extractor's code names "
                "(a codebook may add sub-event types but keeps these)",
                source=source,
            )
    return subs


def parse_triggers(
    source: str,
    rows: list[tuple[int, list[str]]],
    *,
    sub_event_types: Sequence[SubEventType],
    macros: dict[str, str],
) -> list[Trigger]:
    """Return the triggers of the rows of a ``triggers.tsv`` (``source``: its name, for errors).

    A row is event type, sub-event type, weight, flags, pattern, then an example it must
    match and, optionally, one it must not; ``macros`` are expanded in its pattern.

    Raises
    ------
    InputError
        For a row of another length, an unknown sub-event type or flag, or a pattern that
        does not compile; the message names the file and line.
    """
    by_name = {(s.event_type.value, s.name): s for s in sub_event_types}
    trig: list[Trigger] = []
    for number, cols in rows:
        if not 5 <= len(cols) <= 7:
            raise InputError(
                "expected 5 to 7 tab-separated columns (event type, sub-event type, "
                f"weight, flags, pattern, must match, must not match), found {len(cols)}",
                source=source,
                line=number,
            )
        type_name, name, weight, flags, pattern = cols[:5]
        must, must_not = (*cols[5:], "", "")[:2]
        sub = by_name.get((type_name, name))
        if sub is None:
            raise InputError(
                f"unknown sub-event type {type_name!r} / {name!r}; "
                f"known: {sorted(n for _, n in by_name)}",
                source=source,
                line=number,
            )
        flagset = frozenset(f for f in flags.split(",") if f)
        if not flagset <= _FLAGS:
            raise InputError(
                f"unknown flags {sorted(flagset - _FLAGS)}; accepted: {sorted(_FLAGS)}",
                source=source,
                line=number,
            )
        compiled = compile_pattern(pattern, macros, where=source, line=number, lowered=True)
        where = f"{Path(source).name}:{number}"
        trig.append(Trigger(sub, float(weight), flagset, compiled, must, must_not, where))
    return trig


def lower_same_length(text: str) -> str:
    """Lower-case ``text`` keeping every offset (characters whose lower case is longer stay).

    >>> lower_same_length("İstanbul BOMB")
    'İstanbul bomb'
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
