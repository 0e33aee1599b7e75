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
>>> parse_number("twenty-five"), parse_number("1,200"), parse_number("dozens")
(25, 1200, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .prefilter import FastPattern

__all__ = ["CasualtyMention", "find_casualties", "parse_number"]

CasualtyKind = Literal["killed", "injured"]

_UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_VAGUE = (
    r"dozens|scores|hundreds|thousands|several|many|numerous|multiple|countless|a\s+number|"
    r"a\s+few|some|a\s+handful"
)
_PERSON = (
    r"man|woman|boy|girl|child|baby|person|soldier|policeman|policewoman|officer|civilian|"
    r"protester|demonstrator|student|teacher|journalist|farmer|worker|guard|fighter|militant|"
    r"resident|villager|passenger|driver|pilot|commander|member|worshipper|bystander|pedestrian"
)
_NUMBER = re.compile(
    rf"""(?<![\w.,])
    (?:(?P<qual>at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|roughly|
          approximately|as\s+many\s+as|an\s+estimated|fewer\s+than|less\s+than)\s+)?
    (?:(?<!in\s)(?<!since\s)(?<!of\s)(?<!by\s)(?<!until\s)(?<!during\s)(?<!from\s)
       (?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]\d)
      |(?P<dozen>(?:a|one|two|three|half\s+a)\s+dozen)
      |(?P<words>(?:{_WORD})(?:[-\s](?:{_WORD}))?(?:\s+hundred(?:\s+and\s+(?:{_WORD}))?)?)
      |(?P<vague>{_VAGUE})
      |(?P<one>(?:a|an|one)\s+(?:[\w’'-]+\s+){{0,2}}?(?:{_PERSON})s?)
      |(?P<zero>no\s+(?:one|body|casualties|deaths|injuries|fatalities)|nobody|none)
    )(?![\w])
    (?!\s*(?:percent|per\s+cent|%|km|kilomet|miles|metres|meters|years?|year-old|days?|
            hours?|minutes?|weeks?|months?|a\.m|p\.m|gmt|[ap]m\b|dollars|\$))""",
    re.IGNORECASE | re.VERBOSE,
)
_VERB = re.compile(
    r"""(?<![\w-])(?:
      (?P<him>(?:shot|killed|stabbed)\s+(?:him|her)(?:\s+dead)?)
     |(?P<kill>killed|killing|kills|dead|died|dies|slain|perished|deaths|fatalities|executed|
              massacred|
              lost\s+(?:their|his|her)\s+lives|shot\s+dead|gunned\s+down|death\s+toll)
     |(?P<hurt>wounded|wounding|injured|injuring|hurt|injuries|wounds|hospitali[sz]ed|
              suffered\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds))
    )(?![\w])""",
    re.IGNORECASE | re.VERBOSE,
)
_VERB_FAST = FastPattern(_VERB)
_ACTIVE = re.compile(
    r"killing|kills|wounding|injuring|killed|wounded|injured|left|leaving|death\s+toll"
    r"|shot\s+dead|gunned\s+down|executed|massacred",
    re.IGNORECASE,
)
_TOLL_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:to|of|at|reached)\s+", re.IGNORECASE)
_CUT = re.compile(
    r"[.;:!?—–()“”\"\n]|,\s|\b(?:said|says|after|before|then|when|while|as)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class CasualtyMention:
    """A report of people killed or injured; ``count`` is ``None`` when not given."""

    start: int
    end: int
    kind: CasualtyKind
    count: int | None


def parse_number(text: str) -> int | None:
    """Read a count written in digits or words; ``None`` for vague amounts.

    >>> parse_number("at least 12"), parse_number("a dozen"), parse_number("two hundred")
    (12, 12, 200)
    """
    match = _NUMBER.search(text)
    return None if match is None else _value(match)


def _value(match: re.Match[str]) -> int | None:
    qual = (match.group("qual") or "").lower()
    if qual.startswith(("fewer", "less")):
        return None
    if match.group("digits"):
        return int(match.group("digits").replace(",", ""))
    if match.group("dozen"):
        head = match.group("dozen").lower().split()[0]
        return {"a": 12, "one": 12, "two": 24, "three": 36, "half": 6}[head]
    if match.group("one"):
        return 1
    if match.group("zero"):
        return 0
    words = match.group("words")
    if words:
        total = 0
        for token in re.split(r"[-\s]+", words.lower()):
            if token in _TENS:
                total += _TENS[token]
            elif token in _UNITS:
                total += _UNITS.index(token)
            elif token == "hundred":
                total = max(total, 1) * 100
        return total
    return None


def _right_count(text: str, word: str, at: int, stop: int) -> tuple[int, int | None] | None:
    """Count written after an active verb ("killing three", "death toll rose to 43")."""
    if word == "death toll":
        gap = _TOLL_GAP.match(text, at, stop)
        if gap is None:
            return None
        at = gap.end()
    elif not _ACTIVE.fullmatch(word):
        return None
    else:
        while at < stop and text[at].isspace():
            at += 1
    number = _NUMBER.match(text, at, stop)
    if number is None or number.group("zero"):
        return None
    return number.end(), _value(number)


def _left_count(text: str, lo: int, verb_start: int) -> tuple[int, int | None] | None:
    """Count written before the verb ("three civilians were killed"): (start, count)."""
    window_start = max(lo, verb_start - 80)
    window = text[window_start:verb_start]
    cuts = list(_CUT.finditer(window))
    if cuts:
        window_start += cuts[-1].end()
        window = text[window_start:verb_start]
    numbers = list(_NUMBER.finditer(window))
    if not numbers:
        return None
    last = numbers[-1]
    total = _value(last)
    first = last
    if len(numbers) > 1 and re.search(r"\bbetween\s+$", window[: numbers[-2].start()], re.I):
        return window_start + numbers[-2].start(), _value(numbers[-2])  # the lower bound
    # "two soldiers and three civilians were killed": add counts joined by "and".
    for prev in reversed(numbers[:-1]):
        between = window[prev.end() : first.start()]
        if total is None or not re.fullmatch(r"[\w’'\s-]*?\s(?:and|,)\s*", between):
            break
        value = _value(prev)
        if value is None:
            break
        total += value
        first = prev
    return window_start + first.start(), total


def find_casualties(text: str, start: int = 0, end: int | None = None) -> list[CasualtyMention]:
    """Find killed and injured reports in ``text[start:end]``.

    Returns
    -------
    list of CasualtyMention
        In order of appearance, one per casualty word.
    """
    stop = len(text) if end is None else end
    out: list[CasualtyMention] = []
    lo = start
    for verb in _VERB_FAST.finditer(text, start, stop):
        if verb.group("him"):  # "shot him dead": one person, the attacker often
            out.append(CasualtyMention(verb.start(), verb.end(), "killed", 1))
            lo = verb.end()
            continue
        kind: CasualtyKind = "killed" if verb.group("kill") else "injured"
        word = re.sub(r"\s+", " ", verb.group(0).lower())
        right = _right_count(text, word, verb.end(), stop)
        left = None
        if right is None and not word.endswith("ing"):
            left = _left_count(text, lo, verb.start())
        lo = verb.end()  # the next verb's count is not written before this one
        if right is not None:
            out.append(CasualtyMention(verb.start(), right[0], kind, right[1]))
        elif left is not None:
            out.append(CasualtyMention(left[0], verb.end(), kind, left[1]))
        else:
            out.append(CasualtyMention(verb.start(), verb.end(), kind, None))
    return out
