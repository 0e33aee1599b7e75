"""Sports teams named after their towns or countries: "Tottenham beat Chelsea 2-1".

A result in sports copy names its sides by their towns or countries ("Tottenham beat
Chelsea 2-1 at Wembley", "Italy drew 1-1 with Spain", "Leeds lost 3-0 to Hull",
"Wales's 2-0 win over Chile"): the name is the team's, no place of the story. A name is a
side when its sentence gives a score (two numbers of up to three digits joined by a hyphen
or a dash, then a stop or a word such as "at", "win" or "with": "killed 10-15 people" gives
a range) and a word of a result, and the name is the subject of a verb of a result
("Tottenham beat", "Leeds lost"), comes right after one ("beat Chelsea", "lost 3-0 to
Hull", "drew with Spain") or after "against" or "over" ("a win over Wales"), or owns the
score ("Wales's 2-0 win"). The venue stays a place ("at Wembley"), and so does a name in a
sentence with no score ("Russia beat back the attack on Kharkiv").

Examples
--------
>>> text = "Tottenham beat Chelsea 2-1 at Wembley on Sunday."
>>> [is_side(text, s, e) for s, e in ((0, 9), (15, 22), (31, 38))]
[True, True, False]
>>> is_side("Police in Leeds beat back 200 protesters.", 10, 15)
False
>>> is_side("Kharkiv lost 10-15 homes to shelling, officials said.", 0, 7)
False
"""

from __future__ import annotations

import re

__all__ = ["has_score", "is_side"]

_SCORE_TEXT = r"\d{1,3}[-–]\d{1,3}"
#: A score: "2-1", "3–0" (not a year's span, "2016-17"), followed by a stop or a word of a
#: result, not by what a range counts ("killed 10-15 people", "lost 3-4 tanks").
_SCORE = re.compile(
    rf"(?<![\w.-]){_SCORE_TEXT}(?=[,.;:!?)]|$|\s+(?:at|in|on|win|victory|defeat|draw|loss|"
    r"lead|with|to|against|after|away|over|thanks)\b)"
)
_VERBS = (
    r"beat|beats|defeated|defeats|edged|edges|thrashed|thrashes|trounced|routed|hammered|"
    r"overcame|downed|drew|draw|draws|lost|lose|loses"
)
#: A word of a result, one of which the sentence must hold besides the score.
_RESULT = re.compile(rf"\b(?:{_VERBS}|win|wins|won|victory|defeat|draw|loss)\b")
#: After a side: a verb of a result, or its possessive and the score ("Wales's 2-0 win").
_SUBJECT = re.compile(
    rf"(?:\s+(?:have\s+|had\s+)?(?:{_VERBS})\b|['’]s?\s+{_SCORE_TEXT}\s+(?:win|victory|defeat|draw|loss)\b)"
)
#: Before a side: a verb of a result (and the score, "to" or "with"), "against" or "over".
_OBJECT = re.compile(
    rf"\b(?:(?:{_VERBS})(?:\s+{_SCORE_TEXT})?(?:\s+(?:to|with|against))?|against|over)\s+(?:the\s+)?$"
)
#: What ends a sentence, for its bounds.
_STOPS = (". ", ".\n", "! ", "? ")


def has_score(text: str) -> bool:
    """Whether ``text`` holds a score anywhere: the quick test before :func:`is_side`.

    A score has a digit on each side of its dash: ``str.find`` skips from dash to dash,
    and the pattern (whose look-behind the regex engine tries at every character) is
    searched only from the first dash between digits, three digits before it, if any.

    >>> has_score("Leeds won 2–1 in the 2016-17 season."), has_score("a 20-year-old")
    (True, False)
    """
    first = min(_dash_between_digits(text, dash) for dash in "-–")
    return first < len(text) and _SCORE.search(text, max(0, first - 3)) is not None


def _dash_between_digits(text: str, dash: str) -> int:
    """Return the offset of the first ``dash`` between two digits, or ``len(text)``."""
    p = text.find(dash, 1)
    while p > 0:
        if text[p - 1].isdigit() and text[p + 1 : p + 2].isdigit():
            return p
        p = text.find(dash, p + 1)
    return len(text)


def is_side(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is a side of a result its sentence gives."""
    if not (_SUBJECT.match(text, end) or _OBJECT.search(text, max(0, start - 30), start)):
        return False
    first = max(text.rfind(stop, 0, start) for stop in _STOPS) + 1
    ends = [at for at in (text.find(stop, end) for stop in _STOPS) if at >= 0]
    last = min(ends) if ends else len(text)
    sentence = text[first:last]
    return _SCORE.search(sentence) is not None and _RESULT.search(sentence) is not None
