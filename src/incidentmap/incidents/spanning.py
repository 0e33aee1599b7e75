"""Tolls told of several events at once, and the events whose own toll they leave unknown.

News copy often sums up: "six soldiers were killed in attacks on three army bases", "the
two blasts killed 14", "26 were killed across six locations". ACLED codes each attack or
place as an event of its own, and a total over several of them is none of theirs: each
event it spans has deaths reported, its fatalities unknown (``None``), unless the story
gives that event its own number.

Examples
--------
>>> from incidentmap.model import Article
>>> from incidentmap.incidents import extract_incidents
>>> text = "Six soldiers were killed on Sunday in two separate ambushes near the town."
>>> [i.fatalities for i in extract_incidents(Article("a", text), [])]
[None]
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import EventType
from .casualties import CasualtyMention

if TYPE_CHECKING:
    from ..text.sentences import Sentence
    from .draft import Draft
    from .taxonomy import Taxonomy

__all__ = ["spanning_tolls", "spread_spanning_tolls"]

#: How far from a toll a cue of several events may stand to be told of it.
_SPAN_REACH = 100
#: What parts a toll from the events a cue counts: "... two police stations, while two
#: men were hurt in a blast" tells the hurt of another event.
_CLAUSE_CUT = re.compile(
    r"[;:!?()“”\"]|\s[—–]\s|\b(?:while|whereas|but|after|before|when|meanwhile)\b", re.IGNORECASE
)


def spanning_tolls(
    text: str, sentences: Sequence[Sentence], found: list[CasualtyMention], tax: Taxonomy
) -> list[CasualtyMention]:
    """Mark the tolls told as a total of several events (``CasualtyMention.spans``).

    A ``spanning`` cue of the codebook in the toll's clause, within :data:`_SPAN_REACH`
    characters of it ("Twelve soldiers were killed in two separate ambushes", "the two
    blasts killed 14", "30 died in clashes across three provinces"), makes its count a
    total that no one of those events takes.
    """
    if not found:
        return found
    starts = [s.start for s in sentences]
    out = []
    for cas in found:
        at = bisect.bisect_right(starts, cas.start) - 1
        sent = sentences[at] if at >= 0 else None
        if cas.count is None or sent is None or cas.start >= sent.end:
            out.append(cas)
            continue
        lo, hi = max(sent.start, cas.start - _SPAN_REACH), min(sent.end, cas.end + _SPAN_REACH)
        if any(_same_clause(text, cas, m) for m in tax.cues.spanning.finditer(text, lo, hi)):
            cas = dataclasses.replace(cas, spans=True)
        out.append(cas)
    return out


def _same_clause(text: str, cas: CasualtyMention, cue: re.Match[str]) -> bool:
    """Whether nothing parts the toll ``cas`` from the ``cue`` of several events."""
    lo, hi = (cas.end, cue.start()) if cas.end <= cue.start() else (cue.end(), cas.start)
    return lo >= hi or _CLAUSE_CUT.search(text, lo, hi) is None


#: Events whose own dead a story may leave untold among the deaths of the fighting around
#: them: a strike or a shelling is seen from afar.
_FROM_AFAR = frozenset({EventType.EXPLOSIONS})


def spread_spanning_tolls(
    drafts: list[Draft], sentences: Sequence[Sentence], casualties: Sequence[object]
) -> None:
    """Leave unknown the toll of an event told beside a total that may hold its dead.

    A toll told of several events, in an event's sentence, the one before or the next,
    may hold its dead: "Six soldiers were killed in attacks on three bases. Targets in
    A, B and C were hit", "Missiles hit A, B and C ... 26 were killed across six
    locations". So may deaths told there without a number for a strike, seen from afar
    ("Dozens of soldiers were killed as rebels entered the city. Warplanes struck rebel
    positions around it"). An event told there without a number of its own has deaths
    reported, its fatalities unknown (not none).
    """
    starts = [s.start for s in sentences]

    def index(at: int) -> int:
        return bisect.bisect_right(starts, at) - 1

    killed = [c for c in casualties if isinstance(c, CasualtyMention) and c.kind == "killed"]
    told = {index(c.start) for c in killed if c.spans}
    told |= {index(d.first.sentence.start) for d in drafts if d.spanned}
    vague = {index(c.start) for c in killed if c.count is None}
    for draft in drafts:
        if draft.killed is not None or draft.background:
            continue
        at = index(draft.first.sentence.start)
        around = {at - 1, at, at + 1}
        if told & around or (draft.event_type in _FROM_AFAR and vague & around):
            draft.killed_reported = True
