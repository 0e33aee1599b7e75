"""Town names inside the names of schools and hospitals: "Kennedy Elementary School".

Schools and hospitals are named for persons, saints and patrons as often as for towns:
"Kennedy Elementary School", "the Royal Alexandra Hospital". A town's name inside the
name of one is the building's name, not a mention of the town, unless the town is a great
city (:data:`~.lacking.BUILDING_CITY` people: "the Vancouver General Hospital"), where
:func:`~.lacking.place_buildings` would place such a building. A country's or an area's
name stays ("the Adair County Regional Hospital"), and so does a town written as the
building's owner ("Whittier's Central School"). Two buildings may share their last words
("Franklin and Kennedy Elementary Schools"): both names are the schools'.

The name is inside a building's name when a capitalised word runs into it and the
building's word follows ("the Royal Alexandra Hospital"), or when one to three capitalised
words and the building's word follow it ("Kennedy Elementary School"). The word ends the
name: "the Santa Ana Unified School District" names the town's school district.

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> town = Place("g:1", "Kennedy", 4.6, -74.1, "P", "PPL", "CO", "", 3_000)
>>> text = "Pupils of Kennedy Elementary School and of Kennedy went home."
>>> [in_building_name(text, Toponym(s, s + 7, "Kennedy", place=town)) for s in (10, 42)]
[True, False]
"""

from __future__ import annotations

import re

from ..model import Toponym
from .lacking import BUILDING_CITY

__all__ = ["in_building_name"]

#: The last word of a school's or a hospital's name, or of several ("Schools").
_WORDS = r"(?:School|Hospital|Infirmary|Clinic)s?"
#: One to three capitalised words after a name, the last of them a school's or a hospital's.
_AFTER = re.compile(rf"(?: [A-Z][\w’'-]*){{0,2}} {_WORDS}(?![\w’'-]| [A-Z])")
#: The word of a school or a hospital right after a name ("Alexandra Hospital").
_RIGHT_AFTER = re.compile(rf" {_WORDS}(?![\w’'-]| [A-Z])")
#: The first name of two buildings that share their last words ("Franklin and Kennedy
#: Elementary Schools"): "and", a name and the plural word of the buildings.
_SHARED = re.compile(r" and [A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,2} (?:School|Hospital|Clinic)s\b")


def in_building_name(text: str, t: Toponym) -> bool:
    """Whether toponym ``t`` opens or sits inside the name of a school or a hospital."""
    if text[t.end : t.end + 1] != " ":
        return False  # the common case: no word after the name
    shared = text.startswith(" and ", t.end)  # "Franklin and Kennedy Elementary Schools"
    if not (shared or text[t.end + 1 : t.end + 2].isupper()):
        return False  # no capitalised word after the name
    if t.kind != "place":
        return False
    place = t.place
    if place is None and t.candidates:  # set aside (a stray namesake): judged as its best
        place = t.candidates[0].place
    if place is None:
        return False
    if place.feature_class == "P":
        if place.population >= BUILDING_CITY:
            return False  # "the Vancouver General Hospital" is the city's
    elif place.feature_code != "ADM2" or " " in t.text:
        return False  # a bare name read as a county ("Franklin"), not "Adair County"
    if shared:
        return _SHARED.match(text, t.end) is not None
    if _RIGHT_AFTER.match(text, t.end):  # "Royal Alexandra Hospital", not "Kabul Hospital"
        return _inside(text, t.start)
    return _AFTER.match(text, t.end) is not None


def _inside(text: str, start: int) -> bool:
    """Whether a capitalised word runs into the name at ``start``, in mid-sentence."""
    if start < 2 or text[start - 1] != " ":
        return False
    p = text.rfind(" ", 0, start - 1) + 1
    word = text[p : start - 1]
    return p >= 2 and word.istitle() and word.isalpha() and text[p - 2] not in _OPENING


#: What a word at the start of a sentence or a line follows ("At Kennedy Hospital ...").
_OPENING = frozenset(".!?:;\n\"“”'’(")
