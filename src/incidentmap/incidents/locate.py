"""Link an incident to the place the text ties it to, with ACLED's geo precision.

Within the scope of an event (its clause, else its sentence) the most specific resolved
place wins: a landmark over its city, a city over its province, a province over its
country; at equal specificity the place nearest the trigger. Demonyms ("Iraqi") name
actors, not places, and datelines are only a fallback.

Not the scene: a place that is a party to relations ("peace with neighbouring
Eritrea", "talks with Moscow"), a country not introduced as a place ("slogans against
France"), and a name "district of the city" resolved to a province or to a capital of
its own (a namesake of a part of the town told before), and a town named with an area
or town that does not hold it ("Shah-e-Mardan of Kalat District", "the X valley of the Y
district", "the village of X in Y town", past a district the gazetteer lacks: "X in the
Y district of Z province", or with the area named first: "in the Y district, near the
village of X"): a namesake of a place the gazetteer lacks; the
container is the scene (a natural feature's name holds no town: "the town of X in the
Senegal river valley"). A place given as the reference of a distance ("25 km west of
X") is an anchor: a town the phrase locates wins over it, and so does a province when
the anchor is far (more than 50 km); chosen, it is ``NEAR`` (2), or ``REGION`` (3) when
far.

Precision: a landmark or town named in the event's sentence is ``EXACT`` (1); one
introduced by "near", "outside", "north of", "the outskirts of" ..., a district, or a
town standing for its district ("in Kasese district"), is ``NEAR`` (2); a province or
country is ``REGION`` (3). Without a place in the sentence the incident falls back
(`fallback.py`), in this order, to the dateline (a city → 2, since
events reported under a dateline happen in or around it; an area → 3), to the
article's main place (the place mentioned most often, in the story's own country when
more than half of its places and demonyms lie in one, → 3) and to a demonym in the
event's sentence (its country, → 3). A dateline is a bureau, not the place, when the
body never names it, names other places and nothing of the dateline's country; when
the body names that country (or its people) and nothing in it more specific than a
region holding the dateline, the dateline city stands for it.

Examples
--------
>>> from incidentmap.model import Place, Toponym
>>> kano = Place("geonames:2335204", "Kano", 12.0, 8.5, "P", "PPLA", "NG", "29")
>>> text = "Gunmen attacked a village near Kano."
>>> t = Toponym(31, 35, "Kano", place=kano)
>>> loc = choose_location(text, [t], anchor=7)
>>> loc.place.name, int(loc.precision)
('Kano', 2)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .._memo import remember
from ..gazetteer.kinds import PlaceKinds, haversine_km
from ..geoparse.lexicon import Lexicon
from ..geoparse.unknown import unknown_toponyms
from ..model import GeoPrecision, Place, Toponym
from ..text.patterns import NAME_WORD, GatedPattern, Searcher, fold_case
from .bearing import COMPASS, offset_place
from .taxonomy import Taxonomy

__all__ = [
    "Location",
    "anchor_km",
    "choose_location",
    "in_kind_list",
    "lies_in",
    "listed",
    "same_town",
    "specificity",
    "told_as_home",
    "unknown_scenes",
]

_KINDS = PlaceKinds.default()
_LANDMARK_CLASSES = _KINDS.landmark_classes
_DISTRICTS = _KINDS.district_codes
# Natural or historical areas larger than a town (GeoNames codes): regions, islands, seas,
# gulfs, straits, mountain ranges, deserts. A town named with one ("the Red Sea port city
# of Hodeidah") is the more specific place; alone, they place an event at region level.
_WIDE_AREAS = _KINDS.wide_area_codes
# A town's name used for the area it gives its name to ("Kasese district", "the
# Shebekinsky urban district").
ADMIN_WORD = re.compile(
    rf"(?:\s+(?:urban|rural|municipal))?\s+(?:{'|'.join(sorted(_KINDS.area_words))})\b",
    re.IGNORECASE,
)
# The pieces of the list patterns here and in :mod:`.placelists`, spelled once (a word of
# a name is :data:`~incidentmap.text.patterns.NAME_WORD`):
#: a name of one to three such words ("Kafr Nabl", "Nueva San Salvador");
NAME = rf"{NAME_WORD}(?:\s+{NAME_WORD}){{0,2}}"
#: what comes before the last member of a list: " and ", ", and ", " or ".
LIST_AND = r",?\s+(?:and|or)\s+"
_POSSESSIVE = re.compile(
    r"['’]s\s+(?!capital|city|town|province|region|district|north|south|east|west)"
)
_IN_COUNTRY = re.compile(
    r"\b(?:in|across|throughout|inside|within|over|around|of)\s+(?:the\s+)?(?:\w+ern\s+)?$",
    re.IGNORECASE,
)
_OF = re.compile(r"\s+of\b")
_ORIGIN = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
#: A weapon's launch site is where it came from, never the scene: "a missile launched from X".
_LAUNCHED_FROM = re.compile(
    r"\blaunched\s+from\s+(?:the\s+)?(?:[\w-]+(?:'s|’s)\s+)?$",
    re.IGNORECASE,
)
#: "On the other side of Paris, protesters set fire to the town hall of X": a bearing.
_OTHER_SIDE = re.compile(
    r"\b(?:other|opposite|far)\s+(?:side|end)\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
_NAME_GOES_ON = re.compile(r"[ \t]+(?-i:[A-Z])[a-z]")
_LOCATIVE = re.compile(
    r"(?:\b(?:in|at|on|near|outside|into|inside|across|around|from|toward|towards|of)\s+(?:the\s+)?)$",
    re.IGNORECASE,
)
# A place given as a distance reference ("about 340 km south-west of Moscow", "25 miles
# from Kabul") is an anchor: the event is near it, not in it. A town the phrase qualifies
# ("in Nakuru, 150 km north-west of Nairobi") is the event's place; so is a province when
# the anchor is far ("in the Bryansk region, 340 km south-west of Moscow"), while a close
# anchor ("in Tigray, 25 km west of Mekelle") says more than its province.
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_NEAR_ANCHOR_KM = 50.0  # within this, the anchor town places the event better than a province
_ANCHOR = re.compile(
    r"\b(?P<n>\d[\d,.]*|a\s+few|several|some|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred)"
    r"(?:\s*|-)(?P<unit>km|kms|kilometres?|kilometers?|miles?|mi)\b\.?"
    r"(?:\s*\([^()]{1,25}\))?\s+"
    rf"(?:(?:to\s+the\s+)?(?P<bearing>{COMPASS})\s+of|from|outside(?:\s+of)?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# A place that is a party to relations, not a scene: "an offer of peace to neighbouring
# Eritrea", "talks with Moscow", "the border dispute with Tajikistan".
_RELATION = re.compile(
    r"\b(?:talks|peace|relations|ties|deal|agreement|treaty|dispute|tensions?|offer|"
    r"negotiations|rapprochement|reconciliation|normali[sz]ation|rift|feud)"
    r"\s+(?:[\w-]+\s+){0,2}?(?:with|to|towards?|between)\s+(?:the\s+)?(?:neighbou?ring\s+)?$",
    re.IGNORECASE,
)
# A name followed by "district of the city" is a part of a town the article named before;
# resolved to a province, a country or the capital of one it is a namesake ("the Medina
# district of the city" is not Medina in Saudi Arabia), while a town may be the district
# itself ("the Kucukcekmece district of the city", a town of Istanbul province).
_CAPITALS = _KINDS.capital_codes
_PART_OF_TOWN = re.compile(
    r"\s+(?:district|quarter|neighbou?rhood|suburb|area|section)\s+of\s+"
    r"(?:the|this|that)\s+(?:city|capital|town)\b",
    re.IGNORECASE,
)


# A town named with the area or town that holds it ("the village of X in the eastern
# Donetsk region", "the area X of Kalat District", "the X valley of the Y district", "the
# village of X in Y town"): when the place the name resolves to lies outside that
# container, it is a namesake of a place the gazetteer lacks, and the container is the
# scene. The kind word between ("valley", "village", "camp") is one of the geoparser's
# place suffixes.
@functools.cache
def _container() -> re.Pattern[str]:
    """Return the pattern of a container after a name (built on first use, from the lexicon)."""
    words = sorted(
        {w.lower() for w in Lexicon.default().suffixes if w.isalpha()}, key=len, reverse=True
    )
    return re.compile(
        rf"\s+(?:(?:sub-?)?(?:{'|'.join(words)})\s+)?(?:of|in)\s+(?:the\s+)?"
        r"(?:[\w-]+ern\s+)?",
        re.IGNORECASE,
    )


_CONTAINER_KM = 150.0  # a district (or a town's municipality) holds the places this near
# ... and the area named first: "in the Shebekinsky urban district, near the village of X",
# "in Kulgam district at the village of X"
_HOLDS_NEXT = re.compile(
    rf"(?:\s+(?:urban|rural|municipal))?\s+(?:{'|'.join(sorted(_KINDS.area_words))}|township)"
    r"\s*,?\s+(?:near|in|at|outside)\s+(?:the\s+)?(?:(?:village|town|settlement|hamlet)\s+of\s+)?",
    re.IGNORECASE,
)
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


@dataclass(frozen=True, slots=True)
class Location:
    """The place chosen for an incident, how precise it is, and why."""

    place: Place
    precision: GeoPrecision
    toponym: Toponym | None
    reason: str


def specificity(place: Place) -> int:
    """Rank a place by how small it is.

    5 landmark, 4 part of a town, 3 town, 2 district or other area, 1 province or wide
    natural area (region, island, sea, strait), 0 country.

    >>> from incidentmap.model import Place
    >>> specificity(Place("geonames:99237", "Iraq", 33.0, 44.0, "A", "PCLI", "IQ"))
    0
    >>> specificity(Place("curated:red-sea", "Red Sea", 20.0, 38.5, "H", "SEA", ""))
    1
    """
    if place.is_country:
        return 0
    code = place.feature_code
    if place.is_admin1 or code in _WIDE_AREAS:
        return 1
    if place.hand_picked and not code.startswith(("PPL", "ADM", "PCL")):
        return 5
    if place.feature_class in _LANDMARK_CLASSES:
        return 5 if place.feature_class == "S" or code == "PPLX" else 2
    if code in _DISTRICTS:
        return 4 if code == "PPLX" else 2
    if place.feature_class == "P":
        return 3
    return 2


#: Whether a locative cue ends the words before a place, by (cue pattern, those words): an
#: event's place is judged again for each mention of the event.
_NEAR_BEFORE: dict[tuple[str, str], bool] = {}
_NEAR_BEFORE_LIMIT = 10_000


def _near_before(near: Searcher, before: str) -> bool:
    """Whether a match of ``near`` in ``before`` is followed by nothing but "the" or "of"."""
    key = (near.pattern, before)
    known = _NEAR_BEFORE.get(key)
    if known is None:
        known = remember(
            _NEAR_BEFORE,
            key,
            any(
                before[match.end() :].strip(" ,").lower() in ("", "the", "of", "of the")
                for match in near.finditer(before)
            ),
            limit=_NEAR_BEFORE_LIMIT,
        )
    return known


def _precision(text: str, toponym: Toponym, place: Place, taxonomy: Taxonomy) -> GeoPrecision:
    rank = specificity(place)
    if rank <= 1:
        return GeoPrecision.REGION
    if _near_before(taxonomy.cues.near, text[max(0, toponym.start - 40) : toponym.start]):
        return GeoPrecision.NEAR
    if rank == 2 and place.feature_code in _DISTRICTS:
        return GeoPrecision.NEAR
    area = ADMIN_WORD.match(text, toponym.end) if rank == 3 else None
    if area and not _OF.match(text, area.end()):
        return GeoPrecision.NEAR  # "in Kasese district" (not "the X district of the city")
    return GeoPrecision.EXACT


def told_as_home(text: str, top: Toponym, taxonomy: Taxonomy) -> bool:
    """Whether ``top`` is named as people's home ("a man from X", "he lived in X"), not a scene.

    The ``home`` cues of the codebook end right before the name; a verb that moves the
    people off the place (``removed_from``: "police cleared protesters from X") makes it
    the scene again.

    >>> from incidentmap.model import Toponym
    >>> text = "Protesters, many of them from the island of Tarn, stormed the hall."
    >>> told_as_home(text, Toponym(44, 48, "Tarn"), Taxonomy.default())
    True
    >>> text = "Police cleared protesters from Tarn Street."
    >>> told_as_home(text, Toponym(31, 35, "Tarn"), Taxonomy.default())
    False
    """
    home = taxonomy.cues.get("home")
    if home is None:
        return False
    lo = max(0, top.start - _HOME_WINDOW)
    if isinstance(home, GatedPattern) and not home.may_match(text, lo, top.start):
        return False  # none of the words all its matches hold is in the window
    before = text[lo : top.start]
    found = next((m for m in home.finditer(before) if not before[m.end() :].strip()), None)
    if found is None:
        return False
    removed = taxonomy.cues.get("removed_from")
    # the words between the verb and the people: "cleared thousands of protesters from"
    return removed is None or not any(
        len(before[m.end() : found.start()].split()) <= 4 for m in removed.finditer(before)
    )


#: How far before a name the words that make it a home are read.
_HOME_WINDOW = 80


#: At most one word between an owner's "'s" and the event noun ("Moscow's latest strikes").
_ACTOR_GAP = re.compile(r"\s*(?:[\w-]+\s+)?")


def choose_location(
    text: str,
    toponyms: Iterable[Toponym],
    *,
    anchor: int,
    taxonomy: Taxonomy | None = None,
) -> Location | None:
    """Choose the place an event at character ``anchor`` of ``text`` is tied to.

    Parameters
    ----------
    text
        The article text.
    toponyms
        Mentions within the event's scope (others are the caller's business).
    anchor
        Offset of the event's trigger.
    taxonomy
        Supplies the locative cues; the bundled taxonomy by default.
    """
    tax = taxonomy or Taxonomy.default()
    toponyms = list(toponyms)
    named = {t.start: t for t in toponyms if t.place is not None and t.kind == "place"}
    at = {start: t.place for start, t in named.items() if t.place is not None}
    # "the town of X in the Senegal river valley": a natural feature's name holds no town
    feature = Lexicon.default().feature_after
    holders = {start: p for start, p in at.items() if not feature.match(text, named[start].end)}
    held = {
        m.end(): t.place
        for t in named.values()
        if t.place is not None and (m := _HOLDS_NEXT.match(text, t.end))
    }
    best: tuple[float, Toponym, Place] | None = None
    for top in toponyms:
        place = top.place
        if place is None or top.kind != "place" or place.feature_code == "CONT":
            continue  # "Africa's most populous state": a continent is never the scene
        if any(r.startswith("participle:") for r in top.reasons):
            continue  # "a US-based charity", "Iran-backed militias": an actor's home
        if place.is_country and _NAME_GOES_ON.match(text, top.end):
            continue  # "U.S. Embassy", "Iraq War": part of a longer name, not the scene
        if place.is_country and not _IN_COUNTRY.search(text, max(0, top.start - 20), top.start):
            continue  # "slogans against France", "talks with Iran": not where it happened
        if _RELATION.search(text, max(0, top.start - 60), top.start):
            continue  # "peace with neighbouring Eritrea": a party, not the scene
        if told_as_home(text, top, tax):
            continue  # "protesters, many of them from the island of X": where they came from
        if specificity(place) >= 3:
            area = _container_after(text, top.end, holders) or held.get(top.start)
            if area is not None and specificity(area) <= 3 and not lies_in(place, area):
                continue  # "Shah-e-Mardan of Kalat District": a namesake far from the area
        if _PART_OF_TOWN.match(text, top.end) and (
            specificity(place) <= 1 or place.feature_code in _CAPITALS
        ):
            continue  # "the Medina district of the city" is no capital of its own: a namesake
        score = specificity(place) * 10.0
        distance = anchor_km(text, top)
        if distance is not None:  # "25 km west of X": below a town named with it
            score = min(score, 15.0 if distance <= _NEAR_ANCHOR_KM else 5.0)
        gap = top.start - anchor if top.start >= anchor else anchor - top.end
        score -= min(abs(gap), 300) / 60.0
        if _LOCATIVE.search(text, max(0, top.start - 12), top.start):
            score += 4.0
        if _LAUNCHED_FROM.search(text, max(0, top.start - 40), top.start):
            continue  # "a drone launched from the enemy's border region": not where it struck
        if distance is None and _ORIGIN.search(text, max(0, top.start - 12), top.start):
            score -= 8.0  # "fired missiles from the Golan Heights": where it came from
        if _OTHER_SIDE.search(text, max(0, top.start - 24), top.start):
            score -= 8.0  # "on the other side of Paris": a bearing, the scene is named next
        if ADMIN_WORD.match(text, top.end) and specificity(place) >= 3:
            score -= 10.0  # "in Kasese district": the area around a town, not the town
        if (
            specificity(place) >= 3
            and in_kind_list(text, top)
            and any(a.is_admin1 and lies_in(place, a) for a in at.values())
        ):
            score -= 20.0  # "in Sagaing's A, B and C townships": the province holding them
        owner = _POSSESSIVE.match(text, top.end)
        if (
            owner
            and (place.is_country or place.feature_code in _CAPITALS)
            and _ACTOR_GAP.fullmatch(text, owner.end(), anchor)
        ):
            continue  # "Moscow's strikes on Kyiv", "Iran's missile attack": the attacker
        owned = named.get(owner.end()) if owner else None
        if owned is not None and in_kind_list(text, owned):
            pass  # "Nakuru's A, B and C counties": the province holding the areas listed
        elif owned is not None and owned.place is not None and lies_in(owned.place, place):
            score -= 6.0  # "Belgorod's Shebekino": the region holding the town named next
        elif (
            owner and specificity(place) <= 1 and not text[owner.end() : owner.end() + 1].isupper()
        ):
            score -= 6.0  # "Iraq's elections": an owner, not a scene ("Paktika's Barmal
            # district", a part of it the gazetteer lacks, keeps the province)
        if best is None or score > best[0]:
            best = (score, top, place)
    if best is None:
        return None
    _, top, place = best
    anchored = _anchor(text, top)
    if anchored is None:
        return Location(
            place, _precision(text, top, place, tax), top, "named in the event's sentence"
        )
    distance, bearing = anchored
    moved = None if bearing is None else offset_place(place, km=distance, bearing=bearing)
    if moved is not None:  # "50 miles north of X": the point that far that way
        return Location(moved, GeoPrecision.NEAR, top, "a distance and bearing from a town")
    far = distance > _NEAR_ANCHOR_KM  # "300 km from X": only the region is known
    precision = GeoPrecision.REGION if far else GeoPrecision.NEAR
    return Location(place, precision, top, "the reference point of a distance")


#: A name the gazetteer lacks between two containers: "X in the Muidumbe district of Y".
_UNKNOWN_LINK = re.compile(NAME)


def _container_after(text: str, end: int, at: dict[int, Place]) -> Place | None:
    """Return the area or town named as holding the name that ends at ``end``, if any.

    "X of Kalat District", "the village of X in Y town"; past a container the gazetteer
    lacks, the one that holds it: "X in the Muidumbe district of Cabo Delgado province".
    """
    for _ in range(2):
        link = _container().match(text, end)
        if link is None:
            return None
        if link.end() in at:
            return at[link.end()]
        unknown = _UNKNOWN_LINK.match(text, link.end())
        if unknown is None:
            return None
        end = unknown.end()
    return None


def in_kind_list(text: str, top: Toponym) -> bool:
    """Whether ``top`` is one of a list of names closed by a plural kind word."""
    if _LISTED_AHEAD.match(text, top.end):
        return True  # "A, B and C townships" read from A or B
    return bool(
        _LISTED_LAST.match(text, top.end)
        and _LIST_END.search(text, max(0, top.start - 40), top.start)
    )  # ... and from C


def lies_in(place: Place, area: Place) -> bool:
    """Whether ``place`` may lie in ``area``: a country, a province, or a smaller area.

    A country or province holds ``place`` by its codes; a smaller area (a district, a
    town's municipality) holds the places within 150 km of it. An area without a country
    code ("the Sahel") holds places of any country; a province without its own code
    holds none. Tolerant on purpose: the places are resolved already, and the question
    is whether two mentions may name one scene. The geoparser's stricter
    :func:`~incidentmap.geoparse.areas.inside` weighs readings of a name (see
    ``incidents/README.md``, "A place in an area").

    >>> from incidentmap.model import Place
    >>> hn = Place("geonames:3608932", "Honduras", 15.0, -86.5, "A", "PCLI", "HN")
    >>> tocoa = Place("geonames:3600949", "Tocoa", 15.68, -86.0, "P", "PPL", "HN", "02")
    >>> olancho = Place("geonames:3604249", "Olancho", 14.8, -86.0, "A", "ADM1", "HN", "15")
    >>> lies_in(tocoa, hn), lies_in(tocoa, olancho)
    (True, False)
    """
    if area.country_code and place.country_code != area.country_code:
        return False
    if area.is_country:
        return True
    if area.is_admin1:
        return area.admin1 is not None and place.admin1 == area.admin1
    if area.admin1 and place.admin1 and area.admin1 != place.admin1:
        return False  # a district (or a town's) lies in one province
    return haversine_km(place.lat, place.lon, area.lat, area.lon) <= _CONTAINER_KM


def anchor_km(text: str, top: Toponym) -> float | None:
    """Return the distance in km of which ``top`` is the reference, if it is one.

    >>> anchor_km("about 340 km south-west of Moscow", Toponym(27, 33, "Moscow"))
    340.0
    >>> anchor_km("in Moscow", Toponym(3, 9, "Moscow")) is None
    True
    """
    anchored = _anchor(text, top)
    return None if anchored is None else anchored[0]


def _anchor(text: str, top: Toponym) -> tuple[float, str | None] | None:
    """Return the distance in km and the bearing as written ("south-west") ``top`` anchors.

    The bearing is None for "25 miles from X", "10 km outside X".
    """
    found = _ANCHOR.search(text, max(0, top.start - 60), top.start)
    if found is None:
        return None
    number = found["n"].lower().replace(",", "")
    if number[0].isdigit():
        try:
            value = float(number.rstrip("."))
        except ValueError:
            value = 0.0
    elif number.startswith("a") and number.endswith("hundred"):
        value = 100.0
    else:
        value = float(_NUMBER_WORDS.get(number, 5))  # "a few", "several", "some": close
    km = value * 1.609 if found["unit"].lower().startswith("mi") else value
    return km, found["bearing"]


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


#: Two towns named apart are one place only when their points (nearly) coincide.
SAME_TOWN_KM = 3.0
#: A city this large holds the towns within 25 km of it ("LAGOS — ... at Lekki").
METROPOLIS = 500_000


def same_town(a: Place, b: Place, *, max_km: float = 25.0) -> bool:
    """Whether two towns an article names are one place for ACLED's one event per place.

    ACLED codes each named town: Jabaliya is not Gaza City though 5 km apart. A town
    within ``max_km`` of a city of half a million or more is that city's suburb, unless it
    is such a city itself (Omdurman is not Khartoum's suburb).

    >>> from incidentmap.model import Place
    >>> gaza = Place("g:1", "Gaza", 31.50, 34.47, "P", "PPLA", "PS", population=410000)
    >>> jabaliya = Place("g:2", "Jabaliya", 31.53, 34.48, "P", "PPL", "PS")
    >>> same_town(gaza, jabaliya)
    False
    """
    if a.id == b.id:
        return True
    km = haversine_km(a.lat, a.lon, b.lat, b.lon)
    if km <= SAME_TOWN_KM:
        return True
    if min(a.population, b.population) >= METROPOLIS:
        return False  # twin cities (Khartoum and Omdurman): each a city, neither a suburb
    return max(a.population, b.population) >= METROPOLIS and km <= max_km


#: The words that write a name as a settlement; a text without any of them names no scene.
_SETTLEMENT_WORDS = (
    "village",
    "town",
    "city",
    "hamlet",
    "locality",
    "settlement",
    "camp",
    "township",
)
#: A settlement word before a name the gazetteer lacks: "the village of X", "the town of X".
_SETTLEMENT_BEFORE = re.compile(
    rf"\b(?:villages|{'|'.join(_SETTLEMENT_WORDS)})\s+of\s+(?:the\s+)?$", re.IGNORECASE
)
#: ... or after it: "X village", "the X refugee camp" ("X city" is a city the gazetteer has).
_SETTLEMENT_AFTER = re.compile(
    rf"\s+(?:refugee\s+)?(?:{'|'.join(w for w in _SETTLEMENT_WORDS if w != 'city')})\b",
    re.IGNORECASE,
)


def unknown_scenes(text: str, toponyms: Iterable[Toponym]) -> list[Toponym]:
    """Return the settlements the gazetteer lacks that the text names as such.

    A capitalised name written as a settlement ("the village of X", "X village", "the
    X refugee camp"), that no resolved toponym covers, is a place the
    gazetteer lacks, not a place unnamed; a building or a street in a town ("the X
    mosque") is not.

    >>> [t.text for t in unknown_scenes("Gunmen raided the village of Tarnby.", [])]
    ['Tarnby']
    >>> unknown_scenes("Protesters gathered at the Tarnby mosque.", [])
    []
    """
    folded = fold_case(text)
    if not any(word in folded for word in _SETTLEMENT_WORDS):
        return []  # neither settlement pattern can match: no scene, whatever the names
    resolved = [t for t in toponyms if t.place is not None]
    return [
        t
        for t in unknown_toponyms(text, resolved)
        if _SETTLEMENT_BEFORE.search(text, max(0, t.start - 30), t.start)
        or _SETTLEMENT_AFTER.match(text, t.end)
    ]
