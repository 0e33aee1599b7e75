"""Areas the gazetteer lacks, placed at the larger area the article is about.

- **unknown counties**: ``"Metcalfe County"`` in a story about Kentucky is placed at
  Kentucky, not at a namesake hamlet elsewhere, when the gazetteer lacks the county
  (it holds only the second-level areas with a place of 500+ people);
- **unknown provinces**: ``"Nyanza province"`` in a story about Kenya is placed at
  Kenya, not at the town of Nyanza in Rwanda, when no candidate of the name lies in
  the article's country and all of them are towns; or, for a province named by the
  compass only ("Western province"), areas of other countries.

- **buildings**: ``"Thomas Memorial Hospital in South Charleston"`` is placed at South
  Charleston, ``"the Vancouver Art Gallery"`` at Vancouver, when the gazetteer lacks the
  building: it stands in the town it is written with, or in the great city its name
  begins with.

Examples
--------
>>> from .recognize import Mention
>>> _says_first_level(Mention(0, 6, "Nyanza", "nyanza", hints=("suffix:province",)))
True
>>> _says_first_level(Mention(0, 6, "Nyanza", "nyanza", hints=("suffix:county",)))
False
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from ..gazetteer.kinds import PlaceKinds
from ..model import Place
from ..text.normalize import normalize_name
from .abroad import placed_above
from .document import home_country
from .lexicon import PLURAL_AREA_WORDS
from .recognize import LIST_GAPS, SOLID_COMPASS, Mention
from .scored import Scored, best_of
from .spelling import respelled_area
from .typewords import KIND_CUE

__all__ = [
    "BUILDING_CITY",
    "LACKING_AREA_LEAD",
    "LACKING_AREA_SHARE",
    "compass_regions_at_home",
    "lacking_areas",
    "listed_under_kind",
    "place_buildings",
    "place_lacking_areas",
    "unknown_counties",
]

#: The hints (always lower case) that mark a mention of a second-level area the
#: gazetteer may lack ("Metcalfe County").
_COUNTY_HINTS = frozenset(f"suffix:{word}" for word in PlaceKinds.default().second_level)
#: The words of a first-level area ("province", "region", "state").
_FIRST_LEVEL = PlaceKinds.default().first_level
#: Reasons of a candidate inside the container the text gives the name with
#: (:func:`~.qualifiers.qualifiers`): "X County, Maryland", "X County in Maryland".
_GIVEN_CONTAINER = ("qualified by '", "in '")


#: A plural kind word and "of" right before a name: "the provinces of", "the cities of"
#: (the kind word itself is the cue's; "-es" ends in a letter and "s" too).
_PLURAL_BEFORE = re.compile(r"[a-z]s\s+of\s+$")
#: "X Hospital in Y", "X Hospital, Y", "X Hospital at Y": what puts a building in a town.
_BUILDING_IN = re.compile(r",\s*|\s+(?:in|at)\s+(?:the\s+)?")
#: A building whose name begins with the name of a city this large stands in that city
#: ("Vancouver Art Gallery"); a smaller namesake is more often a person ("Victoria
#: Hospital", "Lincoln Memorial").
BUILDING_CITY = 500_000
#: A name made of compass words only ("Western", "North Eastern", "Central"): a
#: first-level area of many countries, which says nothing of which one.
_COMPASS_KEY = re.compile(
    r"(?:(?:north|south|east|west|central|north ?east|north ?west|south ?east|south ?west)"
    r"(?:ern)?(?: |$))+"
)


def listed_under_kind(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Give each name of a list the kind word written before the list.

    "the provinces of Nyanza, Rift Valley, North Eastern and Western" names four
    provinces, not one: the ``cue:province of`` hint of the first name is copied to the
    names joined to it by commas, "and" or "or". So does "Sagaing and Magway regions":
    the ``suffix:region`` of the last name, before the plural word, is copied back to
    the names of the list without a hint of their own. Only a plural kind word makes a list:
    "the city of Lebanon, Pennsylvania" names one town and the state it lies in.
    """
    out = list(mentions)
    carried: str | None = None  # "Sagaing and Magway regions": the list's plural kind
    for a in range(len(out) - 1, 0, -1):
        prev, m = out[a - 1], out[a]
        if carried is None and m.hints and (kind := _plural_after(text, m.end)) is not None:
            carried = f"suffix:{kind}" if f"suffix:{kind}" in m.hints else None
        if carried is None or text[prev.end : m.start] not in LIST_GAPS:
            carried = None
            continue
        if not any(h.startswith("suffix:") or KIND_CUE.fullmatch(h) for h in prev.hints):
            out[a - 1] = replace(prev, hints=(*prev.hints, carried))  # "in Kabul and ..."
    for a in range(1, len(out)):
        prev, m = out[a - 1], out[a]
        if not prev.hints or text[prev.end : m.start] not in LIST_GAPS:
            continue  # no kind word, or no list: the quick tests first
        cue = next((h for h in prev.hints if KIND_CUE.fullmatch(h)), None)
        if cue is None:
            continue
        if cue in mentions[a - 1].hints and not _PLURAL_BEFORE.search(
            text, max(0, prev.start - 20), prev.start
        ):
            continue  # "the city of Lebanon, Pennsylvania": one town and its state
        if not any(h.startswith(("cue:", "suffix:")) for h in m.hints):
            out[a] = replace(m, hints=(*m.hints, cue))
    return out


def _plural_after(text: str, end: int) -> str | None:
    """Return the singular of the plural area word right after ``end`` ("regions"), if any."""
    if text[end : end + 1] != " ":
        return None
    stop = text.find(" ", end + 1)
    word = text[end + 1 : stop if stop >= 0 else len(text)].rstrip(".,;:!?)")
    return PLURAL_AREA_WORDS.get(word)


def unknown_counties(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    areas: Mapping[tuple[str, str], float],
) -> None:
    """Place a county the gazetteer lacks at the first-level area the article is about.

    The gazetteer has no counties. "Metcalfe County" in a story about Kentucky is not a
    hamlet called Metcalfe in Mississippi: when the article names one first-level area
    more than any other and no candidate of the county's name lies in it, the area itself
    becomes the best candidate, as event coders fall back to the next larger area they
    know. Counties (parishes, boroughs) only; a town of the name inside the area stays,
    and so does a county the text gives with its own state ("Queen Anne's County,
    Maryland" in a story about Pennsylvania) when the gazetteer holds it there.
    """
    if not areas or all(_COUNTY_HINTS.isdisjoint(m.hints) for m in mentions):
        return
    most = max(areas.values())
    leaders = [a for a, w in areas.items() if w == most]
    if len(leaders) != 1:
        return
    cc, code = leaders[0]
    state = next(
        (
            s.place
            for ss in scored
            for s in ss
            if s.place.is_admin1 and s.place.country_code == cc and s.place.admin1 == code
        ),
        None,
    )
    if state is None:
        return
    for m, ss in zip(mentions, scored, strict=False):
        if _COUNTY_HINTS.isdisjoint(m.hints) or m.key == normalize_name(state.name):
            continue
        if any(s.place.country_code == cc and s.place.admin1 == code for s in ss):
            continue
        if any(r.startswith(_GIVEN_CONTAINER) for s in ss for r in s.reasons):
            continue  # "Queen Anne's County, Maryland": the text says where it is
        reason = f"a county the gazetteer lacks, in {state.name}, the area the article names"
        placed_above(ss, state, [reason])


#: Share of the article's focus (other mentions only) that makes its country the home of
#: a first-level area the gazetteer lacks (see :func:`lacking_areas`).
LACKING_AREA_SHARE = 0.5
#: Points by which the article's country leads the best namesake of such an area.
LACKING_AREA_LEAD = 2.5


def lacking_areas(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    focus: dict[str, float],
    own: Mapping[str, Mapping[str, float]],
) -> dict[str, str]:
    """Find the names said to be first-level areas that the gazetteer lacks at home.

    "Nyanza province" in a story about Kenya is a province of Kenya (an old one, which
    the gazetteer does not hold), not the town of Nyanza in Rwanda. A name written with
    a word of a first-level area ("X province", "the region of X") whose candidates are
    all towns (or none), none of them in the country holding at least ``LACKING_AREA_SHARE`` of the
    article's focus (its other mentions only) is taken for an area of that country that
    the gazetteer lacks, unless a town of the name lies in a country the article also
    names ("the Kursk region" in a story about Ukraine that names Russia is the region
    around the Russian town). A name of compass words only ("Western province" in that story)
    is taken so even when its candidates are areas abroad: Uganda and Zambia have a
    Western province too, so the name is no evidence of them. Its own weight is taken
    out of ``focus`` (a lone town abroad is no evidence that the story is about its
    country), and the names are returned with the country code they belong to, for the
    resolver to place every mention of them there (:func:`place_lacking_areas`).
    """
    # in the order the text names them: each found area changes the focus the next sees
    stated = list(dict.fromkeys(m.key for m in mentions if _says_first_level(m)))
    if not stated or not focus:
        return {}
    found: dict[str, str] = {}
    for key in stated:
        # the share alone decides: any positive weight makes a home here
        found_home = home_country(key, focus, own, share=LACKING_AREA_SHARE, least=0.0)
        if found_home is None:
            continue
        home, others = found_home
        mine = own.get(key, {})
        cands = [s for m, ss in zip(mentions, scored, strict=False) if m.key == key for s in ss]
        if any(s.place.country_code == home for s in cands):
            continue  # a candidate at home
        if not _COMPASS_KEY.fullmatch(key) and any(s.place.feature_class != "P" for s in cands):
            continue  # an area abroad ("Sudan state media"), unless named by the compass
        if not _COMPASS_KEY.fullmatch(key) and any(
            others.get(s.place.country_code, 0.0) > 0 for s in cands
        ):
            continue  # "the Kursk region" in a story of Ukraine that names Russia: the town's
        found[key] = home
        for cc, w in mine.items():
            focus[cc] = focus.get(cc, 0.0) - w
            if focus[cc] <= 1e-9:
                del focus[cc]
    return found


def compass_regions_at_home(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    focus: Mapping[str, float],
    own: Mapping[str, Mapping[str, float]],
) -> None:
    """Keep the readings of "the Northwest region" in the countries the article names.

    Many countries have a region so named; written as one word it is a reporter's
    spelling of the one in the story's country ("Cameroon's region of Northwest"), never
    evidence for a country the article does not otherwise name ("marches spread across
    the Southwest region" in a story about Arizona is not Cameroon's). Readings in a
    country only the name itself points to are dropped; ``own`` is each key's own share
    of ``focus``.
    """
    for m, ss in zip(mentions, scored, strict=False):
        if m.key not in SOLID_COMPASS:
            continue
        mine = own.get(m.key, {})
        ss[:] = [
            s
            for s in ss
            if focus.get(s.place.country_code, 0.0) - mine.get(s.place.country_code, 0.0) > 1e-9
        ]


def place_lacking_areas(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    lacking: Mapping[str, str],
    country: Callable[[str], Place | None],
    *,
    area_names: Callable[[str], Sequence[tuple[str, Place]]] | None = None,
) -> None:
    """Place every mention of a name :func:`lacking_areas` found at its country.

    An area of that country the name respells ("Jazira State" for the gazetteer's "Gezira",
    also "Al Jazirah"; see :func:`~.spelling.respelled_area`; with ``area_names``, a
    country's area name keys) is the place instead.
    """
    for m, ss in zip(mentions, scored, strict=False):
        cc = lacking.get(m.key)
        home = country(cc) if cc else None
        if home is None or cc is None:
            continue
        top = max((s.score for s in ss), default=0.0)
        area = respelled_area(area_names(cc), m.text) if area_names is not None else None
        if area is not None:
            reason = f"a spelling of {area.name}, an area of {home.name}, the article's country"
            ss.append(Scored(area, top + LACKING_AREA_LEAD, [reason]))
            continue
        reason = f"an area the gazetteer lacks, in {home.name}, the article's country"
        # ahead by more than the nearness a namesake abroad may still earn (2 points)
        ss.append(Scored(home, top + LACKING_AREA_LEAD, [reason]))


def _says_first_level(m: Mention) -> bool:
    """Whether a mention is written with a word of a first-level area ("X province")."""
    for hint in m.hints:
        kind, _, word = hint.partition(":")
        if kind in ("suffix", "cue") and word.split(" ")[0].lower() in _FIRST_LEVEL:
            return True
    return False


def place_buildings(
    text: str,
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    buildings: frozenset[str],
    lookup: Callable[[str], Sequence[Place]],
) -> None:
    """Place a building the gazetteer lacks at its town (see the module's notes).

    ``buildings`` are the last words of buildings' names ("Hospital"); ``lookup`` gives the
    gazetteer's places of a key. Only a mention with no candidate at all is changed.
    """
    for a, m in enumerate(mentions):
        words = m.text.split()
        if scored[a] or len(words) < 2 or words[-1] not in buildings:
            continue
        if a + 1 < len(mentions) and _BUILDING_IN.fullmatch(text[m.end : mentions[a + 1].start]):
            town = best_of(scored[a + 1])
            if town is not None:
                reason = f"a building not in the gazetteer: placed at '{mentions[a + 1].text}'"
                scored[a].append(Scored(town.place, town.score, [reason]))
                continue
        for n in range(len(words) - 1, 0, -1):
            head = " ".join(words[:n])
            cities = [
                p
                for p in lookup(normalize_name(head))
                if p.feature_class == "P" and p.population >= BUILDING_CITY
            ]
            if cities:
                city = max(cities, key=lambda p: p.population)
                reason = f"a building not in the gazetteer: placed at '{head}', its name's city"
                scored[a].append(Scored(city, 1.0, [reason]))
                break
