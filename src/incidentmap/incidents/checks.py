"""Run the examples of every codebook row: a broken rule names its file and line.

Each row of the codebook's rule files carries a sentence it must match and, mostly, one
it must not. :func:`codebook_problems` runs them all against a loaded codebook and
returns what failed; ``tests/test_codebook.py`` asserts there is nothing for the shipped
codebook, and ``incidentmap codebook check DIR`` runs them for a user's folder.

Examples
--------
>>> from incidentmap.incidents import Taxonomy
>>> codebook_problems(Taxonomy.default())
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .casualties import find_casualties
from .cues import cue_row_pattern
from .mentions import Mention, find_mentions
from .taxonomy import Taxonomy
from .triggers import Trigger, lower_same_length

if TYPE_CHECKING:
    pass

__all__ = ["codebook_problems", "mentions_of"]


def mentions_of(text: str, taxonomy: Taxonomy) -> list[Mention]:
    """Return the event mentions of every sentence of ``text``."""
    from ..text.sentences import split_sentences

    bound = taxonomy.for_text(text)
    return [m for s in split_sentences(text) for m in find_mentions(text, s, taxonomy=bound)]


def codebook_problems(taxonomy: Taxonomy) -> list[str]:
    """Return one line per failing example of the codebook's rows (empty: all pass).

    Triggers and cues: the pattern must match the example and not the counter-example
    (every row needs an example). Page furniture: the opening must start its example
    and not its counter-example.
    Re-typing: the rule must re-type a mention of its example and none of its
    counter-example. Filters: the example must report fewer events than without the
    row, the counter-example at least one. Number and toll words: the example must give
    the row's count.
    """
    problems = []
    for trigger in taxonomy.triggers:
        if not trigger.must_match:
            problems.append(f"{trigger.where}: a trigger row needs an example it must match")
        elif not _trigger_matches(trigger, trigger.must_match):
            problems.append(f"{trigger.where}: does not match {trigger.must_match!r}")
        if trigger.must_not_match and _trigger_matches(trigger, trigger.must_not_match):
            problems.append(f"{trigger.where}: matches {trigger.must_not_match!r}")
    for cue in taxonomy.cues.rows:
        pattern, lowered = cue_row_pattern(cue, taxonomy.macros)
        read = lower_same_length if lowered else str
        if not cue.must_match:
            problems.append(f"{cue.where}: a cue row needs an example it must match")
        elif pattern.search(read(cue.must_match)) is None:
            problems.append(f"{cue.where}: does not match {cue.must_match!r}")
        if cue.must_not_match and pattern.search(read(cue.must_not_match)) is not None:
            problems.append(f"{cue.where}: matches {cue.must_not_match!r}")
    furniture = taxonomy.furniture
    for row in furniture.rows:
        if not furniture.opens(row.must_match):
            problems.append(f"{row.where}: does not match {row.must_match!r}")
        if row.must_not_match and furniture.opens(row.must_not_match):
            problems.append(f"{row.where}: matches {row.must_not_match!r}")
    for rule in taxonomy.retyping:
        found = mentions_of(rule.must_match, taxonomy)
        if not any(m.retyped_by == rule.where for m in found):
            got = [f"{m.sub.event_type.value}: {m.sub.name} ({m.retyped_by or 'trigger'})"
                   for m in found]  # fmt: skip
            problems.append(f"{rule.where}: does not re-type {rule.must_match!r}; got {got}")
        if rule.must_not_match and any(
            m.retyped_by == rule.where for m in mentions_of(rule.must_not_match, taxonomy)
        ):
            problems.append(f"{rule.where}: re-types {rule.must_not_match!r}")
    for check in taxonomy.filters:
        without = taxonomy.with_filters(tuple(f for f in taxonomy.filters if f is not check))
        dropped = _events(check.must_drop, taxonomy, check.stage)
        if dropped >= _events(check.must_drop, without, check.stage):
            problems.append(f"{check.where}: does not drop the event of {check.must_drop!r}")
        if not _events(check.must_keep, taxonomy, check.stage):
            problems.append(f"{check.where}: {check.must_keep!r} reports no event")
    words = taxonomy.casualties
    for word in (*words.numbers, *words.tolls):
        counts = [c.count for c in find_casualties(word.example, words=words)]
        if word.count not in counts:
            problems.append(
                f"{word.where}: {word.example!r} gives the counts {counts}, not {word.count}"
            )
    return problems


def _events(text: str, taxonomy: Taxonomy, stage: str) -> int:
    """Count the events of ``text``: mentions, or incidents not in the background."""
    if stage != "undated":
        return len(mentions_of(text, taxonomy))
    from ..model import Article
    from .extract import extract_incidents

    found = extract_incidents(Article("example", text), [], taxonomy=taxonomy)
    return sum(not i.background for i in found)


def _trigger_matches(trigger: Trigger, text: str) -> bool:
    """Whether the trigger's pattern matches in ``text`` as :meth:`find_triggers` reads it."""
    low = lower_same_length(text)
    for match in trigger.pattern.finditer(low):
        at = match.start()
        if at > 0 and (low[at - 1].isalnum() or low[at - 1] in "-_"):
            continue
        if "lowercase" in trigger.flags and text[at] != low[at]:
            continue
        return True
    return False
