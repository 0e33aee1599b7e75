"""Whether a place name is one member of a list of names ("Ayadaw, Shwebo and Wetlet").

:func:`listed` tells any list ("A, B and C", "A and B"; a comma alone makes none:
"Ramadi, Anbar" is a town and its province), :func:`in_kind_list` a list closed by a
plural kind word ("the A, B and C townships"), whose members no one is the scene. The
pieces of a list, :data:`NAME` and :data:`LIST_AND`, serve :mod:`.locate` and
:mod:`.placelists` too.
"""

from __future__ import annotations

import re

from ..gazetteer.kinds import PlaceKinds
from ..model import Toponym
from ..text.patterns import NAME_WORD

__all__ = ["LIST_AND", "NAME", "in_kind_list", "listed"]

_KINDS = PlaceKinds.default()
# The pieces of the list patterns here and in :mod:`.placelists`, spelled once (a word of
# a name is :data:`~incidentmap.text.patterns.NAME_WORD`):
#: a name of one to three such words ("Kafr Nabl", "Nueva San Salvador");
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}"
#: what comes before the last member of a list: " and ", ", and ", " or ".
LIST_AND = r",?\s+(?:and|or)\s+"
# A name in a list closed by a plural kind word ("martial law in Sagaing's A, B and C
# townships", "the X and Y districts") is one of several places named together: no one of
# them is the scene, and a province named with them that holds them places the event better.
_PLURALS = sorted(
    (w[:-1] + "ies" if w.endswith("y") else w + "s" for w in _KINDS.words), key=len, reverse=True
)
_PLURAL_KIND = rf"\s+(?i:{'|'.join(_PLURALS)})\b"
_LISTED_AHEAD = re.compile(rf"(?:,\s+{NAME_WORD})*{LIST_AND}{NAME_WORD}{_PLURAL_KIND}")
_LISTED_LAST = re.compile(_PLURAL_KIND)
_LIST_END = re.compile(rf"{NAME_WORD}{LIST_AND}$")


def in_kind_list(text: str, top: Toponym) -> bool:
    """Whether ``top`` is one of a list of names closed by a plural kind word."""
    if _LISTED_AHEAD.match(text, top.end):
        return True  # "A, B and C townships" read from A or B
    return bool(
        _LISTED_LAST.match(text, top.end)
        and _LIST_END.search(text, max(0, top.start - 40), top.start)
    )  # ... and from C


#: A name joined to the next one of a list: "A, B and C", "A and B", "A or B".
_LIST_AFTER = re.compile(rf"(?:,\s+{NAME_WORD}(?:\s+{NAME_WORD})*)*{LIST_AND}[A-Z]")
#: ... and to the one before: "A and B" (a comma alone makes no list: "Ramadi, Anbar"
#: names a town and its province; a middle member is known by what follows it).
_LIST_BEFORE = re.compile(rf"{NAME_WORD}\s+(?:and|or)\s+$")  # no comma: not "A, and B"


def listed(text: str, top: Toponym) -> bool:
    """Whether ``top`` is one member of a list of names ("Ayadaw, Shwebo and Wetlet").

    >>> text = "martial law in Ayadaw, Shwebo and Wetlet townships"
    >>> listed(text, Toponym(23, 29, "Shwebo")), listed("in Shwebo town", Toponym(3, 9, "Shwebo"))
    (True, False)
    """
    before = text[max(0, top.start - 40) : top.start]
    # the last of a list, else its first or one in its middle
    return bool(_LIST_BEFORE.search(before) or _LIST_AFTER.match(text, top.end))
