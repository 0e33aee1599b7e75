"""Evidence from the words around a mention: type words, qualifiers, lists, namesakes.

The rules live in one module per job; this module names them all, for the resolver and
for callers that import them from here:

- **type words** (:mod:`.typewords`): ``"X province"``, ``"a Washington state farm"``,
  ``"the city of X"``, also read from the text around given spans;
- **qualifier** (:mod:`.qualifiers`): ``"Springfield, Illinois"``, ``"Erbil, Iraq"``; a
  list of peers (``"Oklahoma, Pennsylvania and Ohio"``) is no qualifier but makes each
  name a peer; ``"Landmark in City"``; the area a town lies in written first (``"the
  Hale County town of X"``, ``"the Idlib city of X"``), also referring back to the town
  just named ("X ... the Hale County town near ..."); a name followed by a
  natural-feature word ("the Senegal river valley") holds no town named before it;
- **names the gazetteer lacks** (:mod:`.abroad`): a town written with a state
  ("Stroud, Ontario, Canada") or in a county ("the Osk area of Hale County"), none of
  whose readings lies in the state's country or the county's state, is one the
  gazetteer lacks, placed there;
- **lists** (:mod:`.namelists`): a name takes the kind of its neighbours, states or
  countries ("Utah, Virginia, Washington and Wyoming"), and towns of one list lie in one
  country ("San Juan, Choropampa and Magdalena");
- **city or province** (:mod:`.namesakes`): a city named like its province wins only if
  it holds a tenth of the province's people or is the capital ("Basra", but the province
  "Quebec"); a city named like a second-level area of its province wins if it holds a
  tenth of its people ("Los Angeles", "Birmingham"), else the county does ("Suffolk",
  "Seminole");
- **containment** (:mod:`.areas`): whether a place lies in an area by its codes
  (:func:`~.areas.inside`), and whether two areas are of one level
  (:func:`~.areas.peers`).

Examples
--------
>>> from .recognize import Mention
>>> stated_type(Mention(0, 5, "Anbar", "anbar", hints=("suffix:province",)))
'area'
"""

from __future__ import annotations

from .abroad import LACKING_REASON, LACKING_TOWN, MAYBE_INSIDE_KM, placed_above
from .areas import inside, peers
from .namelists import LIST_JOINERS, LIST_WEIGHT, lists
from .namesakes import (
    CITY_SHARE_OF_AREA,
    STATE_CUES,
    STATE_PEER_CHARS,
    city_over_admin2,
    city_over_area,
)
from .qualifiers import (
    ANAPHORA_CHARS,
    AREA_TOWN_OF,
    CONTAINED,
    COUNTY_TOWN_KM,
    NEAR_KM,
    POSSESSIVE,
    area_town_anaphora,
    kind_after,
    qualifiers,
)
from .typewords import BASED, KIND_CUE, stated_type, type_words, with_key_hint, with_text_hints

__all__ = [
    "ANAPHORA_CHARS",
    "AREA_TOWN_OF",
    "BASED",
    "CITY_SHARE_OF_AREA",
    "CONTAINED",
    "COUNTY_TOWN_KM",
    "KIND_CUE",
    "LACKING_REASON",
    "LACKING_TOWN",
    "LIST_JOINERS",
    "LIST_WEIGHT",
    "MAYBE_INSIDE_KM",
    "NEAR_KM",
    "POSSESSIVE",
    "STATE_CUES",
    "STATE_PEER_CHARS",
    "area_town_anaphora",
    "city_over_admin2",
    "city_over_area",
    "inside",
    "kind_after",
    "lists",
    "peers",
    "placed_above",
    "qualifiers",
    "stated_type",
    "type_words",
    "with_key_hint",
    "with_text_hints",
]
