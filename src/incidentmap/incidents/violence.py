"""Whether a clause tells people hurt or fought: the ``not violent`` test of filters.

A generic word ("attacked", "killed") reports violence when it names a target after it,
when its clause counts victims, or when it refers back to an event ("the attack");
property destroyed with what was destroyed named ("settlers burned a truck") needs no
one hurt (:func:`tells_violence`).
"""

from __future__ import annotations

import re

from .casualties import find_casualties
from .kinds import LOOTING
from .taxonomy import Taxonomy
from .triggers import TriggerMatch

__all__ = ["NAMES_OBJECT", "tells_violence"]

NAMES_OBJECT = re.compile(r"\s")  # a trigger of several words: the act and its object
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?(?:killed|shot|stabbed)\b", re.I
)
_PERSON_HURT = re.compile(
    r"\b(?:a|an|one|the)\s+(?:[\w-]+\s+){0,3}?(?:man|woman|boy|girl|child|teenager|person|"
    r"officer|policeman|soldier|student|journalist|resident|worker|driver|protester)s?\s+"
    r"(?:was|were|has been|had been|is)\s*$",
    re.IGNORECASE,
)


def tells_violence(text: str, best: TriggerMatch, lo: int, hi: int, tax: Taxonomy) -> bool:
    """Whether a generic word ("attacked", "killed") is about people hurt or fought.

    It is when it names a target (troops, civilians, a village) after it, when the clause
    counts victims, or when it refers back to an event ("the attack"). Property destroyed
    is violence to property: a trigger that names what was destroyed ("settlers burned a
    truck") needs no one hurt; a bare "looting" still does.
    """
    if (
        best.sub.event_type is LOOTING.event_type
        and best.sub.name == LOOTING.name
        and NAMES_OBJECT.search(text, best.start, best.end)
    ):
        return True
    cues = tax.cues
    if cues.armed.search(text, best.end, hi) or cues.civilian.search(text, best.end, hi):
        return True
    if cues.anaphor.search(text, max(lo, best.start - 40), best.end):
        return True
    if cues.claim.search(text, max(lo, best.start - 40), best.start):
        return True  # "al-Shabaab claimed responsibility for an attack in the district"
    if _PASSIVE.search(text, max(lo, best.start - 12), best.end):
        return True  # "the teenager, identified as Nahel M., was killed"
    return any(c.count for c in find_casualties(text, lo, hi, words=tax.casualties)) or bool(
        _PERSON_HURT.search(text, lo, best.start)
    )
