"""Killed and injured counts in news copy, coded conservatively as ACLED does.

A count is the lowest figure the text commits to: "more than 125 people were
wounded" → 125, "at least 12 killed" → 12, "a man was killed" → 1, "two soldiers and
three civilians were killed" → 5. Vague amounts ("dozens", "several", "scores") give a
mention whose ``count`` is ``None``: casualties were reported, their number was not.
"No one was hurt" gives 0.

Examples
--------
>>> [(c.kind, c.count) for c in find_casualties("More than 125 people were wounded.")]
[('injured', 125)]
>>> [(c.kind, c.count) for c in find_casualties("a funeral for a man killed by police")]
[('killed', 1)]
>>> [(c.kind, c.count) for c in find_casualties("The blast killed 12 and wounded dozens.")]
[('killed', 12), ('injured', None)]

The number and toll words read are a codebook's (:mod:`.casualtywords`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Literal

from ..text.patterns import Searcher
from .casualtywords import CasualtyWords
from .datewords import DAY, MONTH, MONTH_SHORT, YEAR

__all__ = ["CasualtyMention", "claimed_tolls", "find_casualties"]

CasualtyKind = Literal["killed", "injured"]

#: Between a toll and its count: "rose to", "stood at", "from the blast in X has risen to",
#: "of soldiers killed in the ambush to" ("taking the toll of soldiers killed ... to 18").
_TOLL_GAP = re.compile(
    r"\s+(?:(?:from|in|of)\s+[^\d.;:!?()]{1,120}?\s+"
    r"(?=(?:has|had|have)\s|rose|climbed|jumped|to\s+\d))?"
    r"(?:[\w-]+\s+){0,3}?(?:to|of|at|reached)\s+",
    re.IGNORECASE,
)
#: An aside between the victims and the verb, which the count before it takes in:
#: "eight civilians, including four children, were killed", "ten people – most of them
#: women – were killed", "12 people (three soldiers) were killed".
_ASIDE = re.compile(
    r"(?:,\s*(?:including|among them|among whom|mostly|most of them|many of them|all of them"
    r"|some of them|both)\b[^,.;:!?—–()“”\"\n]{0,60},"
    r"|\s[—–]\s*[^—–.;:!?\n]{1,60}?\s*[—–]"
    r"|\s\([^().;:!?\n]{1,60}\))"
    r"(?=\s*(?:[\w’'-]+\s+){0,2}$)",
    re.IGNORECASE,
)
#: An age, which counts no one: "aged 12", "aged between nine and 11", "ages 5 to 9",
#: "between the ages of 10 and 14".
_AGE = re.compile(
    r"\b(?:aged?|ages(?:\s+of)?|between\s+the\s+ages\s+of)\s+(?:between\s+)?[\w-]+"
    r"(?:\s*(?:and|to|-|–)\s*[\w-]+)?",
    re.IGNORECASE,
)
#: A condition opening the clause of a toll word: "If I am killed, ...", "unless the
#: wounded are treated ... die": what might happen, no casualties reported.
_CONDITION = re.compile(r"(?:^|[.;:!?,“\"\n]\s*|\s)(?:if|unless)\s[^.;:!?,“”\"\n]{0,60}$", re.I)
#: A singular auxiliary right before the toll word, up to two words between ("was shot
#: and killed", "has reportedly been killed").
_SINGULAR = re.compile(
    r"\b(?:was|is|has\s+(?:[\w-]+\s+)?been|had\s+(?:[\w-]+\s+)?been)\s+(?:[\w-]+\s+){0,2}?$",
    re.IGNORECASE,
)
#: A denial before the toll word: "no soldier was killed", "none of the guards was hurt".
_DENIED = re.compile(r"\b(?:no|not|none|nor|neither|never|nothing)\b", re.IGNORECASE)
#: A verb of its own between two counts: each counts a different act.
_OWN_VERB = re.compile(r"\b(?:is|are|was|were|been|being|has|have|had)\b", re.IGNORECASE)
_CUT = re.compile(
    r"[.;:!?—–()“”\"\n]|,\s|\b(?:said|says|after|before|then|when|while|as|where)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """A report of people killed or injured; ``count`` is ``None`` when not given."""

    start: int
    end: int
    kind: CasualtyKind
    count: int | None
    alone: bool = False
    """Told of one place "alone" ("15 were killed in the town alone"): that place's own
    figure, which stands over a larger total told of the area."""
    spans: bool = False
    """A total told of several events ("killed in two separate attacks", "the two blasts
    killed 14"): no one event's toll, so an incident takes it as deaths reported
    without its own number (set by :func:`~.document.read_article` from the
    ``spanning`` cues)."""
    claimed: bool = False
    """Claimed by a side of its own kills ("the group claimed it had killed 30 soldiers"):
    a figure that another count of the same event stands over (set by
    :func:`claimed_tolls` from the ``claimed_toll`` cues)."""


#: How far before a toll word a side's claim of it may start.
_CLAIM_REACH = 80


def claimed_tolls(
    text: str, found: list[CasualtyMention], claims: Searcher
) -> list[CasualtyMention]:
    """Mark the tolls a side claims of its own kills (``CasualtyMention.claimed``).

    ``claims`` finds the words of such a claim ending right before the toll word ("the
    group claimed it had killed 30 soldiers", "claiming to have killed four rebels").

    Examples
    --------
    >>> import re
    >>> claims = re.compile(r"claimed it had")
    >>> [c.claimed for c in claimed_tolls("The group claimed it had killed 30 soldiers.",
    ...  find_casualties("The group claimed it had killed 30 soldiers."), claims)]
    [True]
    """
    out = []
    for cas in found:
        cues = claims.finditer(text, max(0, cas.start - _CLAIM_REACH), cas.start)
        claimed = any(not text[cue.end() : cas.start].strip() for cue in cues)
        out.append(dataclasses.replace(cas, claimed=True) if claimed else cas)
    return out


def find_casualties(
    text: str, start: int = 0, end: int | None = None, *, words: CasualtyWords | None = None
) -> list[CasualtyMention]:
    """Find killed and injured reports in ``text[start:end]``.

    Parameters
    ----------
    text, start, end
        The text and the stretch of it to read.
    words
        The number and toll words (a codebook's); the shipped English ones by default.

    Returns
    -------
    list of CasualtyMention
        In order of appearance, one per casualty word.
    """
    return _find(words or CasualtyWords.default(), text, start, end)


def _right_count(
    words: CasualtyWords, text: str, word: str, at: int, stop: int
) -> tuple[int, int | None] | None:
    """Count written after an active verb ("killing three", "death toll rose to 43").

    One person named after it by a determiner or possessive ("killed the governor's
    driver") counts one.
    """
    if words.toll.fullmatch(word):
        gap = _TOLL_GAP.match(text, at, stop)
        if gap is None:
            return None
        at = gap.end()
    elif not words.active.fullmatch(word):
        return None
    else:
        while at < stop and text[at].isspace():
            at += 1
    number = words.number.match(text, at, stop)
    if number is None and not words.toll.fullmatch(word):
        one = words.one_object.match(text, at, stop)
        return None if one is None else (one.end(), 1)
    if number is None or number.group("zero"):
        return None
    end, total = number.end(), words.value_of(number)
    # "killed seven troops and six militants", "killing three children, two women and a
    # man": add the counts of a list that ends with "and"; "24 people, four of them
    # children" counts a part of those told, not more
    pending = total
    at_end = end
    while pending is not None:
        joined = _JOINED.match(text, at_end, stop)
        more = words.number.match(text, joined.end(), stop) if joined else None
        if joined is None or more is None or more.group("zero") or _PART.match(text, more.end()):
            break
        value = words.value_of(more)
        if value is None:
            break
        pending, at_end = pending + value, more.end()
        if joined.group("conj") or joined.group("and"):
            end, total = at_end, pending
    return end, total


#: Between two counts of one toll: the first one's noun, then "and" or a comma.
_JOINED = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,2}?[\w’'-]+(?:\s+(?P<conj>and)|,(?:\s+(?P<and>and))?)\s+"
)
#: After a count, words that make it a part of the count before it ("four of them").
_PART = re.compile(r"\s+of\s+(?:them|whom)\b", re.IGNORECASE)


#: A month's name, or its abbreviation with or without a full stop ("Jan 5", "Jan. 5").
_MONTH = rf"(?:{MONTH}|{MONTH_SHORT}\b)"
#: A day and month (or a month) right before a number: the number is the date's year.
#: Only a month's own name counts: "the market 2000 people fled" is no date.
_DATE_BEFORE = re.compile(rf"\b(?:{DAY}\s+{_MONTH}|{_MONTH}(?:\s+{DAY})?),?\s*$", re.IGNORECASE)
_YEAR = re.compile(YEAR)


def _blank(match: re.Match[str]) -> str:
    """Spaces as long as ``match``: what it covers is passed over, the offsets stay."""
    return " " * len(match.group())


def _left_count(
    words: CasualtyWords, text: str, lo: int, verb_start: int
) -> tuple[int, int | None] | None:
    """Count written before the verb ("three civilians were killed"): (start, count).

    The victims may be described at length between ("three young men said by villagers to
    have looted the market stalls were killed"): the count is looked for up to 120 characters
    before the verb, a clause boundary (``_CUT``) closing the search.
    """
    window_start = max(lo, verb_start - 120)
    window = text[window_start:verb_start]
    # "eight civilians, including four children, were killed": eight; "children aged
    # between nine and 11 were killed": no count (blanked, the offsets stay)
    window = _AGE.sub(_blank, _ASIDE.sub(_blank, window, count=1))
    whole, whole_start = window, window_start
    cuts = list(_CUT.finditer(window))
    if cuts:
        window = window[cuts[-1].end() :]
        window_start += cuts[-1].end()
    numbers = [n for n in words.number.finditer(window) if not _labelled(words, window, n)]
    if not numbers:
        # "Juan Lopez was shot dead", "a village elder has been killed": a verb in the
        # singular tells of one victim; "no soldier was killed" of none
        one = _SINGULAR.search(window)
        if one is None or _DENIED.search(window):
            return None
        return window_start + one.start(), 1
    last = numbers[-1]
    if _DATE_BEFORE.search(window, 0, last.start()) and _YEAR.fullmatch(last.group().strip()):
        return None  # "a bomb on 3 May 2015 that did not cause any deaths": a year
    total = words.value_of(last)
    if len(numbers) > 1 and re.search(r"\bbetween\s+$", window[: numbers[-2].start()], re.I):
        return window_start + numbers[-2].start(), words.value_of(numbers[-2])  # the lower bound
    # "two soldiers and three civilians were killed", "two children, a woman and two men
    # were killed": add the counts of a list joined by "and" and commas
    first = tail = last.start() + window_start - whole_start
    told = [n for n in words.number.finditer(whole) if not _labelled(words, whole, n)]
    for prev in reversed([n for n in told if n.end() <= first]):
        between = whole[prev.end() : first]
        if total is None or not re.fullmatch(r"[\w’'´`\s-]*?(?:\sand|,)\s*", between):
            break
        if _OWN_VERB.search(between):  # "600 were arrested and 200 officers hurt": two acts
            break
        if _CUT.search(between.rstrip(", ")):
            break
        if first == tail and not re.search(r"\band\b", between):
            break  # a list ends with "and": "of 40 passengers, eight were killed" is none
        value = words.value_of(prev)
        if value is None:
            break
        total += value
        first = prev.start()
    return whole_start + first, total


#: Killed and hurt told with one count ("ten were killed and injured", "killing or
#: wounding 20"): the count is of both, the dead among them are not told apart.
_JOINT_AFTER = re.compile(
    r"\s+(?:and|or|and/or)\s+(?:were\s+|was\s+)?(?:injured|wounded|hurt|maimed)\b", re.IGNORECASE
)
_JOINT_BEFORE = re.compile(
    r"\b(?:killed|killing|dead|died|dying)\s+(?:and|or|and/or)\s+$", re.IGNORECASE
)


def _labelled(words: CasualtyWords, text: str, number: re.Match[str]) -> bool:
    """Whether a label word names the number ("pupils in Grade three": no count)."""
    return words.label.search(text, 0, number.start()) is not None


#: After a count, the place it is told of "alone": "... wounded in the town of X alone".
_ALONE = re.compile(r"[^.;!?\n]{0,80}?\s(?:in|at)\s[^.;!?\n]{1,50}?\salone\b", re.IGNORECASE)


def _find(words: CasualtyWords, text: str, start: int, end: int | None) -> list[CasualtyMention]:
    out = _find_all(words, text, start, end)
    stop = len(text) if end is None else end
    return [
        dataclasses.replace(c, alone=True) if _ALONE.match(text, c.end, stop) else c for c in out
    ]


def _find_all(
    words: CasualtyWords, text: str, start: int, end: int | None
) -> list[CasualtyMention]:
    stop = len(text) if end is None else end
    out: list[CasualtyMention] = []
    lo = start
    for verb in words.verb_fast.finditer(text, start, stop):
        if _CONDITION.search(text, max(start, verb.start() - 80), verb.start()):
            lo = verb.end()  # "if I was injured or killed ...": a condition, no report
            continue
        if verb.group("him"):  # "shot him dead": one person, the attacker often
            out.append(CasualtyMention(verb.start(), verb.end(), "killed", 1))
            lo = verb.end()
            continue
        kind: CasualtyKind = "killed" if verb.group("kill") else "injured"
        word = re.sub(r"\s+", " ", verb.group(0).lower())
        right = _right_count(words, text, word, verb.end(), stop)
        if right is not None and _JOINT_BEFORE.search(
            text, max(start, verb.start() - 30), verb.start()
        ):
            right = (right[0], None)  # "killing or injuring 20": the dead among them untold
        left = None
        # "killing 12" and "the death of ..." carry their count after them, never before
        if right is None and not word.endswith(("ing", " of")):
            left = _left_count(words, text, lo, verb.start())
        lo = verb.end()  # the next verb's count is not written before this one
        if right is not None:
            out.append(CasualtyMention(verb.start(), right[0], kind, right[1]))
        elif left is not None and _JOINT_AFTER.match(text, verb.end(), stop):
            # "ten children were killed and injured": one count of the dead and the hurt
            out.append(CasualtyMention(left[0], verb.end(), kind, None))
        elif left is not None:
            out.append(CasualtyMention(left[0], verb.end(), kind, left[1]))
        else:
            out.append(CasualtyMention(verb.start(), verb.end(), kind, None))
    return out
