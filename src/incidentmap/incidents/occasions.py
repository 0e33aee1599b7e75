"""The occasion of the news: an earlier event a clause tells the news came after.

"The attack came two days after a man ran over two soldiers", "Rioters burned buses on
Thursday, hours after a man stabbed three children", "Weeks after a drone strike killed
five civilians, survivors are still reeling", "The minister was unhurt, a year after a
senator was shot dead": what the news came after is an event of its own, told as its
occasion (background), not the news.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..text.patterns import FastPattern
from ..text.sentences import Sentence
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from .mentions import Mention

__all__ = ["LONG_AFTER", "is_occasion"]

_CAME_AFTER = re.compile(
    r"\b(?:came|comes|come|follow(?:ed|s)|occurred|happened|took place)\s+"
    r"(?:just\s+|only\s+|barely\s+|less than\s+|more than\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|\d+|several|a few|few)\s+"
    r"(?:hours?|days?|weeks?|months?|years?)\s+"
    # "this came days after": the occasion; "came hours after" may be the day's news
    r"|(?:days|weeks|months|years)\s+)?after\s",
    re.IGNORECASE,
)
_CAME_AFTER_FAST = FastPattern(_CAME_AFTER)  # the same matches, found faster
#: A sentence that opens on the time since an earlier event: "Weeks after a drone strike
#: killed five, survivors are still reeling" (days may still be the news).
LONG_AFTER = re.compile(
    r"\s*(?:(?:a\s+few|several|many|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?"
    r"(?:weeks|months|years|decades)\s+(?P<after>after)\s",
    re.IGNORECASE,
)
_HOURS_AFTER = re.compile(r"[\s,]*(?:hours|minutes|shortly|soon) after\s", re.IGNORECASE)
#: A span of a week or more before a clause's "after" ("..., a month after a bombing left
#: 12 dead in the east"): what the news came after is an event of its own, told as its occasion
#: (a day or days before may still be the news, told in full).
_WEEKS_BEFORE_AFTER = re.compile(
    r"\b(?:(?:a|one|two|three|four|five|six|several|a\s+few|few|\d+)\s+)?"
    r"(?:weeks?|months?|years?)\s*$",
    re.IGNORECASE,
)
_AFTER_BOUND = re.compile(r"[\s,]*after\s", re.IGNORECASE)


def _time_after(text: str, at: int) -> bool:
    """Whether the clause at ``at`` tells what the news came after ("a week after X")."""
    return bool(_HOURS_AFTER.match(text, at)) or _weeks_after(text, at)


def _weeks_after(text: str, at: int) -> bool:
    """Whether the clause at ``at`` tells an event weeks or more before ("a year after X")."""
    return bool(
        _AFTER_BOUND.match(text, at) and _WEEKS_BEFORE_AFTER.search(text, max(0, at - 24), at)
    )


def _long_after(opening: re.Match[str] | None, lo: int, at: int) -> bool:
    """Whether a trigger at ``at`` tells the earlier event a sentence opens on.

    "Weeks after a drone strike killed five civilians in X, a witness is still reeling":
    the clause between the opening "weeks after" (``opening``, the sentence's match of
    ``LONG_AFTER``) and the next comma (``lo`` is where it is cut, at "after") tells the
    occasion of the sentence's news, weeks before it.
    """
    return opening is not None and lo <= opening.start("after") <= at


def is_occasion(
    text: str,
    sentence: Sentence,
    lo: int,
    at: int,
    *,
    opening: re.Match[str] | None,
    first: Mention | None,
    bounds: list[int],
    tax: Taxonomy,
) -> bool:
    """Whether the trigger at ``at``, in the clause from ``lo``, tells the news's occasion.

    So it does when the sentence says before it that something "came after" it ("The
    attack came two days after a man ran over two soldiers"), when an ``occasion`` cue of
    the codebook comes before it in its clause ("This comes in the wake of previous
    disturbances, notably an attack on a convoy"), when the sentence opens on the time
    since it (``opening``: "Weeks after ..."); when the sentence's first event
    (``first``, no reference back) is followed, before this clause (``bounds``: where the
    sentence is cut), by "hours after" or "weeks after"; or when this clause, not the
    sentence's first, opens on a span of weeks or more and "after".
    """
    if (
        any(m.end() <= at for m in _CAME_AFTER_FAST.finditer(text, sentence.start, at))
        or tax.cues.occasion.search(text, lo, at) is not None
        or _long_after(opening, lo, at)
    ):
        return True
    # "Rioters burned buses on Thursday, hours after a man stabbed three children": the
    # news is the riot; what it came after is told as its occasion
    if (
        first is not None
        and not first.anaphoric  # "The drone attack came hours after ...": a recap
        and any(_time_after(text, b) for b in bounds if first.clause_end <= b <= lo)
    ):
        return True
    # "The minister was unhurt, a year after a senator was shot dead": a span of weeks
    # or more dates what the clause tells before the news, whether or not it is told
    return lo > sentence.start and _weeks_after(text, lo)
