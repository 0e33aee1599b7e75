r"""Filters: words around a trigger that say it reports no event (a plan, an aim, a figure).

"Forces are to attack", "to attack police", "attack ads", "crowds gathered to celebrate":
such rules are rows of the codebook's ``filters.tsv`` (read its header for the columns).
A row names the stage it acts at (a trigger, a clause's mention, an undated incident),
the triggers it applies to, where it looks and what for, and carries an example it must
drop and one it must keep; ``tests/test_codebook.py`` runs both for every row.

Examples
--------
>>> from incidentmap.incidents import Taxonomy
>>> aim = next(f for f in Taxonomy.default().filters if f.test == "just before 4")
>>> aim.stage, aim.applies_to, aim.source.endswith(r"\bto\s+$")
('clause', 'checked', True)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import EventType
from ..wording import plural

if TYPE_CHECKING:
    from ..text.patterns import Searcher
    from .cues import Cues
    from .triggers import Trigger, TriggerMatch

__all__ = ["Filter", "parse_filters"]

#: Where a row acts: a trigger is dropped before clauses are cut; a clause reports no
#: event; an incident with no date and no town is background.
STAGES = ("trigger", "clause", "undated")
_TESTS = re.compile(
    r"just after|just before (?P<chars>\d+)|words before (?P<words>\d+)|in clause with cause"
    r"|in clause|in sentence|in opening|not violent"
)
_WORDS = re.compile(r"[\w’'-]+")
#: Characters of an article's opening (its headline and lead) for the ``in opening`` test.
OPENING = 400


@dataclass(frozen=True, slots=True)
class Filter:
    """One row of ``filters.tsv``."""

    stage: str
    applies_to: str
    test: str
    source: str
    """The pattern as written (a regular expression, or ``cue KIND``)."""
    must_drop: str
    must_keep: str
    where: str
    pattern: re.Pattern[str] | None = None
    """The compiled pattern (``None`` for a cue or for ``not violent``)."""
    cue: str = ""
    """The cue kind searched, for a pattern ``cue KIND``."""
    word: re.Pattern[str] | None = None
    """For ``word ...`` and ``ending ...``: the pattern the trigger's words must match."""
    reach: int = 0
    """Characters (``just before N``) or words (``words before N``) the test looks back."""

    def applies(self, trigger: TriggerMatch, text: str) -> bool:
        """Whether the row applies to ``trigger`` (its type, flags or words)."""
        known = self.applies_to_trigger(trigger.trigger)
        if known is not None:
            return known
        assert self.word is not None
        if self.applies_to.startswith("word "):
            return self.word.fullmatch(text, trigger.start, trigger.end) is not None
        return self.word.search(text, trigger.start, trigger.end) is not None

    def applies_to_trigger(self, trigger: Trigger) -> bool | None:
        """Whether the row applies to every match of ``trigger`` (its type or flags).

        ``None`` for a row that tests the words matched (``word ...``, ``ending ...``).
        """
        kind = self.applies_to
        flags = trigger.flags
        if kind == "any":
            return True
        if kind == "generic":
            return trigger.weight < 0.9 or bool(flags & {"weak", "target"})
        if kind == "checked":
            return bool(flags & {"weak", "target"}) and "inherit" not in flags
        if self.word is not None:
            return None
        return trigger.sub.event_type.value == kind

    def searcher(self, cues: Cues) -> Searcher:
        """Return what the test searches for (the cue of these cues, or the pattern).

        The pattern comes bound to the text of ``cues`` when they are bound to one (see
        :meth:`Taxonomy.for_text`): it searches alike, faster.
        """
        if self.cue:
            return cues[self.cue]
        assert self.pattern is not None
        return cues.bound(self.pattern)

    def holds(
        self,
        text: str,
        trigger: TriggerMatch,
        lo: int,
        hi: int,
        cues: Cues,
        *,
        cause_hi: int = 0,
        violent: Callable[[], bool] | None = None,
    ) -> bool:
        """Whether the test finds what it looks for around ``trigger`` in ``text[lo:hi]``.

        ``cause_hi`` is where the clause's cause clause ends (``in clause with cause``);
        ``violent`` tells whether the clause names people hurt or fought (``not violent``).
        """
        test = self.test
        if test == "not violent":
            return violent is not None and not violent()
        found = self.searcher(cues)
        if test == "just after":
            return found.match(text, trigger.end) is not None
        if test.startswith("just before"):
            return (
                found.search(text, max(lo, trigger.start - self.reach), trigger.start) is not None
            )
        if test.startswith("words before"):
            return preceded_by(found, text, lo, trigger.start, self.reach)
        if test == "in clause with cause":
            return found.search(text, lo, cause_hi) is not None
        if test == "in opening":  # the headline and lead told before: the story's subject
            return found.search(text, 0, min(OPENING, lo)) is not None
        return found.search(text, lo, hi) is not None  # in clause, in sentence


def preceded_by(pattern: Searcher, text: str, lo: int, at: int, words: int) -> bool:
    """Whether ``pattern`` ends at most ``words`` words before offset ``at``.

    The search runs on past ``at``, so that a pattern may look ahead at the words it
    qualifies ("after the" an event noun, "to end" the fighting); a match must end
    before ``at``. It starts at most 60 characters before ``at``, never before ``lo``.
    """
    for match in pattern.finditer(text, max(lo, at - 60), at + 60):
        if match.end() > at:
            break
        if len(_WORDS.findall(text, match.end(), at)) <= words:
            return True
    return False


def parse_filters(text: str, *, source: str, cue_kinds: Sequence[str]) -> tuple[Filter, ...]:
    """Read the rows of a ``filters.tsv``.

    Raises
    ------
    InputError
        For a row with a wrong number of columns, an unknown stage, trigger kind, test or
        cue kind, a pattern that does not compile or a row without its examples; the
        message names the file and line.
    """
    rows = []
    types = {t.value for t in EventType}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 6:
            raise InputError(
                "expected 'stage<TAB>applies to<TAB>test<TAB>pattern<TAB>must drop<TAB>"
                f"must keep', got {plural(len(fields), 'column')}",
                source=source,
                line=number,
            )
        stage, applies, test, pattern, drop, keep = (f.strip() for f in fields)

        def bad(message: str, *, line: int = number) -> InputError:
            return InputError(message, source=source, line=line)

        if stage not in STAGES:
            raise bad(f"unknown stage {stage!r}; one of {list(STAGES)}")
        shape = _TESTS.fullmatch(test)
        if shape is None:
            raise bad(f"unknown test {test!r}; see the header of filters.tsv")
        if not drop or not keep:
            raise bad("a filter needs an example it must drop and one it must keep")
        word = None
        if applies.startswith(("word ", "ending ")):
            body = applies.split(" ", 1)[1]
            word = _regex(body if applies.startswith("word ") else f"(?:{body})$", bad)
        elif applies not in ("any", "generic", "checked") and applies not in types:
            raise bad(f"unknown 'applies to' {applies!r}; any, generic, checked, word REGEX, "
                      f"ending REGEX or an event type")  # fmt: skip
        cue, compiled = "", None
        if test != "not violent":
            if pattern.startswith("cue "):
                cue = pattern[4:].strip()
                if cue not in cue_kinds:
                    raise bad(f"unknown cue kind {cue!r}; the cue kinds of cues.tsv: "
                              f"{sorted(cue_kinds)}")  # fmt: skip
            elif pattern:
                compiled = _regex(pattern, bad)
            else:
                raise bad(f"the test {test!r} needs a pattern")
        reach = int(shape.group("chars") or shape.group("words") or 0)
        rows.append(Filter(stage, applies, test, pattern, drop, keep, f"{source}:{number}",
                           compiled, cue, word, reach))  # fmt: skip
    return tuple(rows)


def _regex(source: str, bad: Callable[[str], InputError]) -> re.Pattern[str]:
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise bad(f"bad pattern {source!r}: {exc}") from exc
