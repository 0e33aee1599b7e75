"""Given spans that name a natural feature by a place's name: "the Swat Valley", "X Island".

The gazetteer holds towns and areas, not valleys, bays and islands. The recognizer reads
"the Swat Valley" by the name before the feature's word; a given span (gold or user
markup) is read the same way (:func:`feature_key`). The area of that name is the
feature's own ("the Swat Valley" is the Swat district, "the Bekaa Valley" the Bekaa
governorate). A town of that name is the feature's only when the story names another
place of the town's first-level area, and an area only when it names another place of
the area's country: "Plum Island" off New York is no town Plum in Pennsylvania, a story
about Auckland's "Islington Bay" is not about a village Islington on the South Island,
and "Long Island Bay" in a story about New York is not the Bahamas' Long Island. The
best reading in the story's areas is taken instead, and with none the span is left
unresolved rather than placed at a far namesake (:func:`kept_in_story_areas`).

Examples
--------
>>> feature_key("Swat Valley", frozenset({"Valley"}), {"swat"}.__contains__)
'swat'
>>> feature_key("Silicon Valley", frozenset({"Valley"}), {"swat"}.__contains__) is None
True
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from ..model import Place, Toponym
from ..text.normalize import normalize_name

__all__ = ["FAR_REASON", "NEAR_REASON", "feature_key", "kept_in_story_areas"]

#: The reason kept on a span whose readings all lie outside the story's areas.
FAR_REASON = "every place named like the feature lies outside the story's areas"
#: The reason of a reading taken over a better-scored one outside the story's areas.
NEAR_REASON = "the place named like the feature in the story's own area"


def feature_key(
    surface: str, feature_names: Collection[str], known: Callable[[str], bool]
) -> str | None:
    """Return the key of the name before a feature's last word, if the gazetteer knows it.

    ``feature_names`` are the capitalised last words of a feature's name ("Valley",
    "Bay", "Island"); ``known`` tells whether a name key is a place's.
    """
    head, _, word = surface.rpartition(" ")
    if not head or word not in feature_names:
        return None
    key = normalize_name(head)
    return key if key and known(key) else None


def kept_in_story_areas(found: Sequence[Toponym], read: Collection[int]) -> list[Toponym]:
    """Keep the spans of ``read`` (indexes into ``found``) at a reading of the story's areas.

    A span read by the name before a feature's word keeps its best candidate that is an
    area (any place not of feature class P) of a country of the story's other places, or
    a town of one of their first-level areas; with none, it is left unplaced. The story's
    places are those of ``found`` not read so; a story with none keeps every reading.
    """
    others = [t.place for k, t in enumerate(found) if k not in read and t.place is not None]
    if not read or not others:
        return list(found)
    countries = {p.country_code for p in others}
    areas = {(p.country_code, p.admin1) for p in others if p.admin1}

    def fits(place: Place) -> bool:
        if place.feature_class != "P":
            return place.country_code in countries
        return (place.country_code, place.admin1) in areas

    out = list(found)
    for k in read:
        t = found[k]
        if t.place is None or fits(t.place):
            continue
        near = next((c for c in t.candidates if fits(c.place)), None)
        if near is None:
            out[k] = replace(t, place=None, confidence=0.0, reasons=(*t.reasons, FAR_REASON))
        else:
            out[k] = replace(t, place=near.place, reasons=(*near.reasons, NEAR_REASON))
    return out
