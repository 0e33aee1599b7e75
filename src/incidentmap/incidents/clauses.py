"""Where a sentence is cut into clauses, and how far a clause's context reaches.

A sentence is cut at the codebook's ``clause`` cues ("; ", " after ", ", as "), after
the opening of a sentence told long after an earlier event ("Weeks after a strike
killed five, ..."), and, after a funeral or vigil, before the "for" that names whom it
mourns (the dead belong to an earlier event). A clause's context may reach over the
next clause that gives its cause ("..., after gunmen opened fire") or dates a span of
time ("since May"), and a listing clause ("— including ...") reaches back over the
clause whose items it lists.
"""

from __future__ import annotations

import re

from ..text.sentences import Sentence
from .taxonomy import Taxonomy
from .triggers import TriggerMatch

__all__ = ["CAUSED_BY", "SINCE", "clause_cuts", "listed_from", "with_cause", "with_since"]

_FOR = re.compile(r"\s(?:for|of)\s")
#: The connectives that open a clause telling the event that caused the one before:
#: "..., after gunmen opened fire", "when", "as".
CAUSED_BY = r"after|when|as"
#: ... and a clause's cause, which may be a reason too ("because"): the clause takes it in.
_CAUSE = re.compile(rf"[\s,]*(?:{CAUSED_BY}|because)\s", re.IGNORECASE)
#: "since ...": a clause that dates a span of time, or the start of a period told.
SINCE = re.compile(r"\s*since\s", re.IGNORECASE)

#: An aside between dashes or brackets: "two guards were hurt – “perhaps more” – as"
#: (after a clause, any words but a dash or a full stop; casualties._ASIDE is the aside
#: between victims and their verb).
_ASIDE = re.compile(r"\s*(?:[–—]\s*[^–—.]{0,60}?\s*[–—]|\([^).]{0,60}\))")


def with_cause(text: str, hi: int, bounds: list[int]) -> int:
    """Extend a clause over a following "after ..."/"when ..." clause that gives its cause."""
    aside = _ASIDE.match(text, hi)
    at = aside.end() if aside else hi
    if _CAUSE.match(text, at):
        later = [b for b in bounds if b > at]
        return later[0] if later else hi
    return hi


def with_since(text: str, hi: int, bounds: list[int]) -> int:
    """Extend a clause over a following "since ..." clause, which dates a span of time."""
    if SINCE.match(text, hi):
        later = [b for b in bounds if b > hi]
        return later[0] if later else hi
    return hi


#: A clause that lists instances of what the clause before it named ("— including ...").
_LISTING = re.compile(
    r"[\s,]*[–—(]?\s*(?:including|included|among them|among which)\s", re.IGNORECASE
)


def listed_from(text: str, lo: int, bounds: list[int]) -> int:
    """Start a listing clause's context at the clause before it, whose items it lists."""
    if _LISTING.match(text, lo):
        earlier = [b for b in bounds if b < lo]
        return earlier[-1] if earlier else lo
    return lo


def clause_cuts(
    text: str,
    sentence: Sentence,
    triggers: list[TriggerMatch],
    tax: Taxonomy,
    opening: re.Match[str] | None,
) -> list[int]:
    """Return the offsets where ``sentence`` is cut into clauses, in order.

    ``triggers`` are the sentence's live trigger matches (a commemorative one cuts before
    its "for"), ``opening`` the sentence's opening on the time since an earlier event
    (:data:`~.occasions.LONG_AFTER`), if any.
    """
    cuts = {m.start() for m in tax.cues.clause.finditer(text, sentence.start, sentence.end)}
    if opening is not None:  # "Weeks after a strike killed five, ...": the occasion ends
        comma = text.find(",", opening.end(), sentence.end)
        if comma > 0:
            cuts.add(comma)
    for trig in triggers:
        if "commemorative" in trig.trigger.flags:
            found = _FOR.search(text, trig.end, min(sentence.end, trig.end + 25))
            if found is not None:
                cuts.add(found.start())
    return sorted(c for c in cuts if sentence.start < c < sentence.end)
