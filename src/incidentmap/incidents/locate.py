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

from .._memo import remember
from ..gazetteer.kinds import PlaceKinds
from ..geoparse.lexicon import Lexicon
from ..model import GeoPrecision, Place, Toponym
from ..text.patterns import GatedPattern, Searcher
from .bearing import COMPASS, anchor_km, distance_and_bearing, offset_place
from .listednames import NAME, in_kind_list
from .places import Location, lies_in, specificity
from .taxonomy import Taxonomy

__all__ = ["ADMIN_WORD", "choose_location", "told_as_home"]

_KINDS = PlaceKinds.default()
_DISTRICTS = _KINDS.district_codes
# A town's name used for the area it gives its name to ("Kasese district", "the
# Shebekinsky urban district").
ADMIN_WORD = re.compile(
    rf"(?:\s+(?:urban|rural|municipal))?\s+(?:{'|'.join(sorted(_KINDS.area_words))})\b",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    r"['’]s\s+(?!capital|city|town|province|region|district|north|south|east|west)"
)
#: A country introduced as a place, or a part of it ("in northeast Jordan", "across the
#: far north-east of"): the scene.
_IN_COUNTRY = re.compile(
    r"\b(?:in|across|throughout|inside|within|over|around|of)\s+(?:the\s+)?"
    rf"(?:(?:far\s+)?(?:\w+ern|{COMPASS}|central)\s+)?$",
    re.IGNORECASE,
)
_IN_COUNTRY_REACH = 32  # characters before the name: "in the far north-eastern "
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
_NEAR_ANCHOR_KM = 50.0  # within this, the anchor town places the event better than a province
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


# ... and the area named first: "in the Shebekinsky urban district, near the village of X",
# "in Kulgam district at the village of X"
_HOLDS_NEXT = re.compile(
    rf"(?:\s+(?:urban|rural|municipal))?\s+(?:{'|'.join(sorted(_KINDS.area_words))}|township)"
    r"\s*,?\s+(?:near|in|at|outside)\s+(?:the\s+)?(?:(?:village|town|settlement|hamlet)\s+of\s+)?",
    re.IGNORECASE,
)


#: Whether a locative cue ends the words before a place, by (cue pattern, those words): an
#: event's place is judged again for each mention of the event.
_NEAR_BEFORE: dict[tuple[str, str], str | None] = {}
_NEAR_BEFORE_LIMIT = 10_000
#: What may stand between a "near" cue and the name: "the", "of", or the kind of place
#: ("near the town of Djibo", "outside the village of X").
_NEAR_GAP = re.compile(
    r"\s*(?:of\s+)?(?:the\s+|an?\s+)?"
    r"(?:(?:(?-i:[a-z][a-z-]*)\s+){0,2}"  # "the northern border town of", "the resort town of"
    rf"(?:{'|'.join(sorted(map(re.escape, _KINDS.town)))}|camp)\s+of\s+)?(?:the\s+)?",
    re.IGNORECASE,
)
#: Cues that name a part of the town after them, which lies in it: "in the Mezzeh district
#: of Damascus", "the Paris suburb of Nanterre" (a town named after them is that town).
_TOWN_PART_CUE = re.compile(r"(?:district|suburbs?|neighbou?rhood|quarter)\s+of", re.IGNORECASE)


def _near_before(near: Searcher, before: str) -> str | None:
    """Return the ``near`` cue that ends right before the name, if any.

    Only "the", "of" or the kind of place may stand between ("near the town of").

    >>> near = Taxonomy.default().cues.near
    >>> [_near_before(near, t) for t in ("fighting near ", "near the town of ", "near his ")]
    ['near', 'near', None]
    """
    key = (near.pattern, before)
    if key in _NEAR_BEFORE:
        return _NEAR_BEFORE[key]
    cue = next(
        (
            match.group(0)
            for match in near.finditer(before)
            if _NEAR_GAP.fullmatch(before[match.end() :].strip(" ,") + " ") is not None
        ),
        None,
    )
    return remember(_NEAR_BEFORE, key, cue, limit=_NEAR_BEFORE_LIMIT)


def _precision(text: str, toponym: Toponym, place: Place, taxonomy: Taxonomy) -> GeoPrecision:
    rank = specificity(place)
    if rank <= 1:
        return GeoPrecision.REGION
    cue = _near_before(taxonomy.cues.near, text[max(0, toponym.start - 40) : toponym.start])
    if cue is not None:
        if rank >= 3 and _TOWN_PART_CUE.fullmatch(cue):
            return GeoPrecision.EXACT  # a district of the town lies in it
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
        if place.is_country and not _IN_COUNTRY.search(
            text, max(0, top.start - _IN_COUNTRY_REACH), top.start
        ):
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
    anchored = distance_and_bearing(text, top)
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
