"""How two places relate as areas: one inside the other, or two of one level.

:func:`inside` is the geoparser's containment, by the codes places carry: a country
holds the places of its country code, a first-level area those of its codes, any
other place only its children (``parent_id``). It gives no place to an area by
distance, and no place lies in itself: the rules that use it give points to the
readings of a name that a container written beside it holds ("Springfield,
Illinois"), and a reading that holds only by nearness is no evidence of that. (The
incident extractor's :func:`~incidentmap.incidents.places.lies_in` asks another
question, whether an event's place *may* lie in an area already told, and is
tolerant on purpose: ``incidents/README.md``, "A place in an area", lists each such test,
where it is used and why.)

Examples
--------
>>> from incidentmap.model import Place
>>> iq = Place("geonames:99237", "Iraq", 33.0, 44.0, "A", "PCLI", "IQ")
>>> basra = Place("geonames:99532", "Basra", 30.51, 47.78, "P", "PPLA", "IQ", "02")
>>> inside(basra, iq), inside(iq, iq)
(True, False)
"""

from __future__ import annotations

from ..model import ADMIN1_FEATURE_CODE, COUNTRY_FEATURE_CODES, Place

__all__ = ["inside", "peers"]


def peers(a: Place, b: Place) -> bool:
    """Whether two different areas are of one level (two countries, or two states of one).

    "Oklahoma, Pennsylvania" names two states of a list, not a hamlet called Oklahoma in
    Pennsylvania; "Victoria, Texas" stays a qualified name, as the Australian state
    Victoria is no peer of Texas.
    """
    if a.id == b.id:
        return False
    # the feature codes, not is_country and is_admin1: called for pairs of candidates
    if a.feature_code in COUNTRY_FEATURE_CODES and b.feature_code in COUNTRY_FEATURE_CODES:
        return True
    return a.feature_code == b.feature_code == ADMIN1_FEATURE_CODE and (
        a.country_code == b.country_code
    )


def inside(place: Place, area: Place) -> bool:
    """Whether ``place`` lies in ``area`` (a country, a first-level area or its parent)."""
    if place.id == area.id:
        return False
    code = area.feature_code  # not is_country and is_admin1: called for pairs of candidates
    if code in COUNTRY_FEATURE_CODES:
        return place.country_code == area.country_code
    if code == ADMIN1_FEATURE_CODE:
        return place.country_code == area.country_code and place.admin1 == area.admin1
    return place.parent_id == area.id
