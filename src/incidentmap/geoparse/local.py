"""Evidence from the words around a mention: type words, qualifiers, lists, namesakes.

- **type words**: ``"X province"``, ``"a Washington state farm"``, ``"the city of X"``,
  also read from the text around given spans;
- **qualifier**: ``"Springfield, Illinois"``, ``"Erbil, Iraq"``; a list of peers
  (``"Oklahoma, Pennsylvania and Ohio"``) is no qualifier but makes each name a peer;
  ``"Landmark in City"``; the area a town lies in written first (``"the Hale County town
  of X"``, ``"the Idlib city of X"``), also referring back to the town just named ("X ...
  the Hale County town near ..."); a town written with a state ("Stroud, Ontario,
  Canada") or in a county ("the Osk area of Hale County"), none of whose readings lies in
  the state's country or the county's state, is one the gazetteer lacks, placed there; a
  name followed by a natural-feature word ("the Senegal river valley") holds no town
  named before it;
- **lists**: a name takes the kind of its neighbours, states or countries ("Utah,
  Virginia, Washington and Wyoming"), and towns of one list lie in one country ("San
  Juan, Choropampa and Magdalena");
- **city or province**: a city named like its province wins only if it holds a tenth of
  the province's people or is the capital ("Basra", but the province "Quebec"); a city
  named like a second-level area of its province wins if it holds a tenth of its people
  ("Los Angeles", "Birmingham"), else the county does ("Suffolk", "Seminole").

Examples
--------
>>> from .recognize import Mention
>>> stated_type(Mention(0, 5, "Anbar", "anbar", hints=("suffix:province",)))
'area'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from ..gazetteer.kinds import PlaceKinds, approx_km
from ..model import Place
from ..text.normalize import normalize_name, strip_articles
from .candidates import SECOND_LEVEL_NAME
from .document import SURE_HAMLET_WEIGHT, SURE_TOWN
from .recognize import Mention
from .scored import Scored, best_of

__all__ = [
    "ANAPHORA_CHARS",
    "AREA_TOWN_OF",
    "BASED",
    "CITY_SHARE_OF_AREA",
    "CONTAINED",
    "COUNTY_TOWN_KM",
    "LACKING_TOWN",
    "LIST_JOINERS",
    "LIST_WEIGHT",
    "MAYBE_INSIDE_KM",
    "NEAR_KM",
    "POSSESSIVE",
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

_KINDS = PlaceKinds.default()
#: Words after a name that make it an administrative area ("province", "county").
_ADMIN_WORDS = _KINDS.area_words
#: Words after a name that make it a settlement ("city", "village").
_CITY_WORDS = _KINDS.town
#: Second-level areas the gazetteer does not hold ("Metcalfe County", "St. Bernard Parish").
_SECOND_LEVEL = _KINDS.second_level
#: A city named like a first-level area of its country is preferred to the area when it
#: holds at least this share of the area's population (see ``city_over_area``).
CITY_SHARE_OF_AREA = 0.1
#: Points for being of the same kind as a neighbour in a list ("Ohio, Washington and Utah").
LIST_WEIGHT = 3.0
_TYPE_WORDS = "|".join(sorted(_ADMIN_WORDS | _CITY_WORDS))
_WORD_AFTER = re.compile(rf"\s+({_TYPE_WORDS})\b")
#: "the province of X", "the city of X": only words of the first level or of a town, as
#: "the district of X" and "the county of X" name second-level areas the gazetteer lacks.
_FIRST_LEVEL_OR_TOWN = "|".join(sorted(_KINDS.first_level | _KINDS.town))
_WORDS_BEFORE = re.compile(rf"\b({_FIRST_LEVEL_OR_TOWN})s? of\s+$")  # "provinces of"
_CUE_HEADS = frozenset(_FIRST_LEVEL_OR_TOWN.split("|"))
#: The hint of a kind word written before a name, which the names of a list after it
#: share: "cue:province of", "cue:town of" (:func:`~.lacking.listed_under_kind`).
KIND_CUE = re.compile(rf"cue:(?:{_FIRST_LEVEL_OR_TOWN}) of")
#: What puts a name inside (or near) the next one: "X in Y", "X district of Y",
#: "X, a village near Y", "X, a town in the Y region", "X within the municipality of Y".
#: The leading spaces are all taken (``(?!\s)``): nothing after them matches a space, and
#: a text that is no such phrase fails at once, not once more for each space given back.
CONTAINED = re.compile(
    r"\s*(?!\s)(?:,\s+(?:(?:a|an|the)\s+(?:small\s+|remote\s+|border\s+)?|(?=within\b)))?"
    rf"(?:(?P<what>{'|'.join(sorted(_KINDS.words))}|area|suburb|neighbou?rhood|camp)\s+)?"
    r"(?P<how>in|within|of|near|outside)(?:\s+the)?"
    r"(?:\s+(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?)?"
    rf"(?:\s+(?:{'|'.join(sorted(_KINDS.words))})\s+of)?\s*",
    re.IGNORECASE,
)
#: What puts the next name inside this one, written first: "Lebanon's Tripoli",
#: "Ukraine's Sumy region", "Lebanon's northern city of Tripoli".
POSSESSIVE = re.compile(r"['’]s\s+(?:[a-z][a-z-]*\s+){0,3}(?:of\s+)?")
_CITY_WORD = "|".join(sorted(_CITY_WORDS))
#: What puts the next name, a town, inside this one: "the Hall County town of X", "the
#: Idlib city of X", "the Syrian village of X" (lower case only: "New York City of").
AREA_TOWN_OF = re.compile(rf"\s+(?:{_CITY_WORD})\s+of\s+")
#: "the Hall County town near ...", "the Idlib town, which ...": the area of a town named
#: just before (a kind word of a town, then no "of").
_AREA_TOWN = re.compile(rf"(?:{_CITY_WORD})\b(?!\s+of\b)")
_AREA_TOWN_INITIALS = frozenset(word[0] for word in _CITY_WORDS)
#: How far back (characters) the town "the Hall County town" refers to may be named.
ANAPHORA_CHARS = 200
#: "the Osk County town of X": a town within this distance of a second-level area's
#: point, in its first-level area, lies in it (places carry no second-level code).
COUNTY_TOWN_KM = 60.0
_KIND_AFTER = re.compile(r" ([A-Za-z]+)(?=,)")

#: A name that goes on a list after it ("Kano, Kaduna and Zaria"): no container of the
#: name before it.
_LIST_GOES_ON = re.compile(r",?\s+(?:and|or)\s+[A-Z]|,\s*[A-Z]")
#: "X, a village near Y": within this distance of Y.
NEAR_KM = 60.0
#: "Holliday, Missouri" with only towns smaller than this elsewhere is a town the
#: gazetteer lacks, placed at its state (unless one lies within ``MAYBE_INSIDE_KM``).
LACKING_TOWN = 10_000
#: The reason that starts a container's candidate for a name the gazetteer lacks.
LACKING_REASON = "not in the gazetteer: placed at"
MAYBE_INSIDE_KM = 250.0
#: The hint of a name written before "-based" ("a New York-based firm").
BASED = "based"
#: What stands between two names of a list ("Ohio, Texas and Utah").
LIST_JOINERS = frozenset({", ", " and ", ", and ", " or ", ", or ", " / ", "/"})


def kind_after(between: str) -> int:
    """Return where the text between two names goes on after a kind word of the first.

    "Pale Township, Sagaing Region", "the Wedza district, Mashonaland East province":
    the kind word written after a name, outside its span, before a comma, is skipped, so
    that what follows the comma is read as the name's container; 0 when there is none.

    >>> kind_after(" district, "), kind_after(", "), kind_after(" said, ")
    (9, 0, 0)
    """
    word = _KIND_AFTER.match(between)
    return word.end() if word is not None and word.group(1).lower() in _KINDS.words else 0


def type_words(m: Mention, ss: list[Scored]) -> None:
    """Apply the type words a mention carries as hints ("X province", "the city of X").

    "A New York-based squad": what an organisation is based in is its address, a city,
    so "-based" after a name that is both a city and an area favours the city.
    """
    for hint in m.hints:
        if hint == BASED:
            for s in ss:
                if s.place.feature_class == "P":
                    s.score += 3.0
                    s.reasons.append("'-based' follows the name")
            continue
        if hint == "dateline" and m.kind == "dateline":
            for s in ss:  # "KADUNA, Nigeria --": a dateline names a town
                if s.place.feature_class == "P":
                    s.score += 3.0
                    s.reasons.append("a dateline names a town")
            continue
        if hint.startswith("cue:"):
            _cue_words(hint.split(":", 1)[1], ss)
            continue
        if not hint.startswith("suffix:"):
            continue
        word = hint.split(":", 1)[1]
        for s in ss:
            if word in _ADMIN_WORDS and (s.place.is_admin1 or s.place.feature_class == "A"):
                # "Seminole County": a county rather than a same-named state
                second = word in _SECOND_LEVEL and s.place.feature_code == "ADM2"
                s.score += 4.0 if second else 3.0
                s.reasons.append(f"'{word}' follows the name")
            elif word in _CITY_WORDS and s.place.feature_class == "P":
                s.score += 2.0
                s.reasons.append(f"'{word}' follows the name")


def qualifiers(
    text: str,
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    *,
    feature_after: re.Pattern[str] | None = None,
) -> None:
    """Apply "Name, Region", "Landmark in City", "X district of Y" and "X, a village near Y".

    A name given with its container ("in", "of", a kind word and "of": "the Kasese
    district of Uganda") favours its candidates inside the container's best readings;
    "near" or "outside" ("X, a village near Y") those within ``NEAR_KM`` of them. A
    possessive container written first ("Lebanon's northern city of Tripoli", "Ukraine's
    Sumy region") favours the next name's candidates inside its country or area.

    A town or area the text says is one ("Pale Township, Sagaing Region", "the town of
    Petite-Riviere in central Haiti") none of whose candidates lies in its container's
    country is one the gazetteer lacks: it is placed at the container, as event coders fall back
    to the next larger area they know, not at a namesake abroad. So is a name given with
    its state whose only candidates are small towns far outside it ("Holliday, Missouri"
    when the gazetteer knows only a Holliday in Texas). A town said to lie in a town or a
    district ("the village of X in the municipality of Y", "X, within the municipality of
    Y", "the X area in Y") whose readings all lie in other countries is placed at Y; so is
    a village written with a town after a comma ("Baure, Lamu" in a story about Kenya)
    whose readings are all small places abroad, unless a list goes on after the town
    ("Kano, Kaduna and Zaria"). A name followed by a natural-feature word
    (``feature_after``: "the town of Kaedi in the Senegal river valley") is the
    feature's, and holds no name before it. The area a town lies in, written first ("the
    Hale County town of X", "the Idlib city of X", "the Syrian village of X"), favours the
    town's candidates in it, or places a town none of whose candidates lies there at the
    area (see :func:`_town_of_area`).
    """
    for a in range(len(mentions) - 1):
        m, q = mentions[a], mentions[a + 1]
        between = text[m.end : q.start]
        between = between[kind_after(between) :]  # "Pale Township, Sagaing Region"
        if between in (", ", ",") and _one_list(m, q):
            continue  # "the provinces of Nyanza, Rift Valley and Western": peers
        if between in (", ", ",") and scored[a + 1]:
            outer = [s for s in scored[a + 1] if s.place.is_country or s.place.is_admin1]
            inner_codes = {(s.place.country_code, s.place.admin1) for s in scored[a]}
            own_areas = [s.place for s in scored[a] if s.place.is_country or s.place.is_admin1]
            if not any(inside(s.place, o.place) for o in outer for s in scored[a]):
                # a province may be a second-level area ("Rizal, Nueva Ecija": the provinces
                # of the Philippines are GeoNames' ADM2), read so when no country or
                # first-level reading of it holds the name before ("Manhattan, New York")
                outer += [s for s in scored[a + 1] if s.place.feature_code == "ADM2"]
            for o in outer:
                if any(peers(x, o.place) for x in own_areas):
                    continue  # a list ("Oklahoma, Pennsylvania, Ohio"), not a qualifier
                second = o.place.feature_code == "ADM2"
                hit = False
                for s in scored[a]:
                    if _in_area(s.place, o.place) if second else inside(s.place, o.place):
                        s.score += 6.0
                        s.reasons.append(f"qualified by '{q.text}'")
                        s.placed_by_text = True
                        hit = True
                if hit or (not second and (o.place.country_code, o.place.admin1) in inner_codes):
                    o.score += 5.0
                    o.reasons.append(f"qualifies '{m.text}'")
            listed = _LIST_GOES_ON.match(text, q.end) is not None
            _lacking(
                m,
                q,
                scored[a],
                scored[a + 1],
                own_areas,
                comma_town=not listed,
                state_given=not listed or _its_country_next(text, mentions, scored, a + 1),
            )
        elif (
            scored[a + 1]
            and scored[a]
            and "of" in between  # a quick test: the pattern ends with "of"
            and AREA_TOWN_OF.fullmatch(between) is not None
        ):
            _spread(mentions, scored, q.key, _town_of_area(m, q, scored[a], scored[a + 1]))
        elif (
            scored[a + 1]
            and (found := CONTAINED.fullmatch(between)) is not None
            # "the town of X in the Senegal river valley": a river's name holds no town
            and not (feature_after is not None and feature_after.match(text, q.end))
        ):
            near = found.group("how").lower() in ("near", "outside")
            for s in scored[a]:
                for o in scored[a + 1][:5]:
                    if inside(s.place, o.place) or (
                        near
                        and not s.place.is_country
                        and approx_km(s.place.lat, s.place.lon, o.place.lat, o.place.lon) <= NEAR_KM
                    ):
                        s.score += 3.0
                        s.reasons.append(f"in '{q.text}'" if not near else f"near '{q.text}'")
                        break
            if not near:
                said = bool(found.group("what")) or stated_type(m) == "town"
                _lacking(m, q, scored[a], scored[a + 1], [], within=True, said=said)
        elif scored[a + 1] and POSSESSIVE.fullmatch(between) is not None:
            areas = [s.place for s in scored[a][:5] if s.place.is_country or s.place.is_admin1]
            for s in scored[a + 1]:
                if any(inside(s.place, area) for area in areas):
                    s.score += 3.0
                    s.reasons.append(f"in '{m.text}' (possessive)")


def _town_of_area(
    m: Mention, q: Mention, outer: list[Scored], inner: list[Scored]
) -> Scored | None:
    """Apply "the Hall County town of X", "the Idlib city of X", "the Syrian village of X".

    News copy names a town with the area it lies in written first, as an adjective: the
    town is inside that area (a country, a first-level or a second-level area, read as
    the container's best reading). Its candidates inside the area gain 3 points; when
    none lies there, the town is one the gazetteer lacks and is placed at the area, as
    event coders fall back to the next larger area they know ("the Hall County town of
    Turkey" is no country). A container read as a town ("the Kirkuk city of X") only
    favours the candidates of its first-level area.
    """
    best = best_of(outer)
    if best is None:
        return None
    area = best.place
    if area.feature_class == "P":
        hits = [s for s in inner if (s.place.country_code, s.place.admin1)
                == (area.country_code, area.admin1) and s.place.id != area.id]  # fmt: skip
        for s in hits:
            s.score += 3.0
            s.reasons.append(f"in the area of '{m.text}'")
        return None
    if area.feature_class != "A":
        return None
    hits = [s for s in inner if _in_area(s.place, area)]
    for s in hits:
        s.score += 3.0
        s.reasons.append(f"a town of '{m.text}'")
    if hits:
        return None
    return placed_above(
        inner, area, [f"{LACKING_REASON} '{m.text}', the area the text puts the town in"]
    )


def _in_area(place: Place, area: Place) -> bool:
    """Whether ``place`` lies in ``area``, a second-level area within ``COUNTY_TOWN_KM``.

    Only a town or a landmark lies in a second-level area so: no other area.
    """
    if inside(place, area):
        return True
    return (
        area.feature_code == "ADM2"
        and place.feature_class != "A"
        and not place.is_country
        and place.country_code == area.country_code
        and place.admin1 == area.admin1
        and approx_km(place.lat, place.lon, area.lat, area.lon) <= COUNTY_TOWN_KM
    )


def area_town_anaphora(text: str, mentions: Sequence[Mention], scored: list[list[Scored]]) -> None:
    """Apply "X ... the Hall County town near ...": the town named just before lies in the area.

    News copy names a place, then refers back to it by the area it lies in: "the festival
    returns to Osk on Friday. The event, held in the Hall County town, ...". The place
    named just before (within ``ANAPHORA_CHARS``, in the same or the previous sentence)
    is then read as by "the Hall County town of Osk" (see :func:`qualifiers`). Only an
    area below the country counts: "the Syrian city" may refer to any town of the story.
    """
    for b in range(1, len(mentions)):
        m, prev = mentions[b], mentions[b - 1]
        if (
            text[m.end : m.end + 1] != " "
            or text[m.end + 1 : m.end + 2] not in _AREA_TOWN_INITIALS
            or _AREA_TOWN.match(text, m.end + 1) is None
            or not scored[b]
            or not scored[b - 1]
            or m.kind == "demonym"
            or prev.kind == "demonym"
            or prev.key == m.key
            or m.start - prev.end > ANAPHORA_CHARS
            or not text[max(0, m.start - 4) : m.start].lower().endswith("the ")
        ):
            continue
        area = best_of(scored[b])
        if area is None or area.place.is_country or not area.place.feature_code.startswith("ADM"):
            continue  # "the Syrian city" may refer to any town of the story, named far back
        _spread(mentions, scored, prev.key, _town_of_area(m, prev, scored[b], scored[b - 1]))


def _spread(
    mentions: Sequence[Mention], scored: list[list[Scored]], key: str, placed: Scored | None
) -> None:
    """Give every other mention of ``key`` the container a town the gazetteer lacks got."""
    if placed is None:
        return
    for m, ss in zip(mentions, scored, strict=False):
        if m.key != key or m.kind == "demonym" or any(s is placed for s in ss):
            continue
        placed_above(ss, placed.place, list(placed.reasons))


def _one_list(m: Mention, q: Mention) -> bool:
    """Whether two names share the kind word written before their list ("provinces of")."""
    return any(KIND_CUE.fullmatch(h) and h in q.hints for h in m.hints)


def _lacking(
    m: Mention,
    q: Mention,
    inner: list[Scored],
    outer: list[Scored],
    own_areas: list[Place],
    *,
    within: bool = False,
    said: bool = False,
    comma_town: bool = False,
    state_given: bool = False,
) -> None:
    """Place a town or area the gazetteer lacks at its container (see qualifiers).

    With ``within`` (the text says "X in Y", not "X, Y") the container may also be a town
    or a district, and a town none of whose readings lies in the container's country is
    one the gazetteer lacks (see :func:`_town_abroad`; ``said``: the text says what X is,
    "the village of X", "the X area in Y"); a second-level area as container ("the X area
    of Hale County") places such a town when none of its readings lies in the area's
    state. With ``state_given`` ("X, State" and no list
    after it, or only the state's country: "Stroud, Ontario, Canada") a town none of
    whose readings lies in the state's country is placed at the state.
    """
    if not inner:
        return
    best = best_of(outer)
    if best is None:
        return
    container = best.place
    abroad = all(s.place.country_code != container.country_code for s in inner)
    if not (container.is_country or container.is_admin1):
        kind = "its container" if within and abroad and _town_abroad(inner, said=said) else ""
        if (
            not kind
            and within
            and container.feature_code == "ADM2"
            and all(
                (s.place.country_code, s.place.admin1) != (container.country_code, container.admin1)
                for s in inner
            )
            and _town_abroad(inner, said=said)
        ):
            # "the Osk area of Hale County": a town none of whose readings lies in the
            # county's state is one the gazetteer lacks
            kind = "its second-level area, whose state holds none of its readings"
        if comma_town and abroad and container.feature_class == "P" and _hamlet(inner):
            kind = "the town it is given with"  # "Baure, Lamu": a village by a town abroad
    elif any(peers(x, container) for x in own_areas):
        return  # a list, not a container
    elif stated_type(m) and abroad:
        # (a candidate in the container's country may be inside it: admin codes disagree)
        kind = f"the {stated_type(m)}'s container"
    elif _hamlet_outside(inner, container):
        kind = "the state it is given with"
    elif state_given and container.is_admin1 and abroad and not own_areas:
        # "Stroud, Ontario, Canada", "a Bradford, Ontario court": a town given with its
        # state, all of whose readings lie in other countries, is one the gazetteer lacks
        kind = "the state it is given with, whose country holds none of its readings"
    elif within and abroad and _town_abroad(inner, said=said):
        kind = "its container"
    else:
        return
    if not kind:
        return
    placed_above(inner, container, [f"{LACKING_REASON} '{q.text}', {kind}"])


def placed_above(ss: list[Scored], place: Place, reasons: list[str]) -> Scored:
    """Add ``place`` to the candidates ``ss`` a point above the best of them; return it.

    How a name the gazetteer lacks is placed at its container: the container wins over
    every reading of the name, and says why.
    """
    placed = Scored(place, max((s.score for s in ss), default=0.0) + 1.0, reasons)
    ss.append(placed)
    return placed


def _its_country_next(
    text: str, mentions: Sequence[Mention], scored: list[list[Scored]], b: int
) -> bool:
    """Whether the name after mention ``b`` is, after a comma, the country of its best reading.

    "Stroud, Ontario, Canada": the comma after the state goes on to its country, which
    is no list of peers.
    """
    if b + 1 >= len(mentions) or text[mentions[b].end : mentions[b + 1].start] not in (", ", ","):
        return False
    state, country = best_of(scored[b]), best_of(scored[b + 1])
    return (
        state is not None
        and country is not None
        and country.place.is_country
        and country.place.country_code == state.place.country_code
    )


def _town_abroad(inner: list[Scored], *, said: bool) -> bool:
    """Whether "X in Y", X read best as a town abroad, names a place the gazetteer lacks.

    So it is when the text says what X is (``said``: "the village of X in the
    municipality of Y", "the X camp in Y") or X's best reading is a town of
    ``LACKING_TOWN`` people or more: a smaller one read without a kind word stays for the
    parser to judge, and an island, a road or an area is no town inside another
    ("Sumatra province in the district of Karo").
    """
    top = best_of(inner)
    if top is None or top.place.feature_class != "P":
        return False
    return said or top.place.population >= LACKING_TOWN


def _hamlet(inner: list[Scored]) -> bool:
    """Whether every reading of a name is a small town or a second-level area.

    A town of fewer than ``LACKING_TOWN`` people; no country, province or city ("Paris,
    London" is a list).
    """
    return all(
        (s.place.feature_class == "P" and s.place.population < LACKING_TOWN)
        or (s.place.feature_class == "A" and not (s.place.is_country or s.place.is_admin1))
        for s in inner
    )


def _hamlet_outside(inner: list[Scored], state: Place) -> bool:
    """Whether a name given with its state ("Holliday, Missouri") is a town the gazetteer lacks.

    So it is when the state is a first-level area, every candidate of the name is a town
    of fewer than ``LACKING_TOWN`` people (no famous city of a list, "Chicago, Missouri
    and Kansas") and none lies in the state or within ``MAYBE_INSIDE_KM`` of its point
    (a town whose admin code disagrees with its state's).
    """
    if not state.is_admin1:
        return False
    return all(
        s.place.feature_class == "P"
        and s.place.population < LACKING_TOWN
        and not inside(s.place, state)
        and approx_km(s.place.lat, s.place.lon, state.lat, state.lon) > MAYBE_INSIDE_KM
        for s in inner
    )


def with_text_hints(text: str, m: Mention) -> Mention:
    """Return ``m`` with the type words around it in the text as hints, if it lacks them.

    Given mention spans (``--given-mentions``, user markup) come without the recognizer's
    hints; "a Washington state farm" and "the state of Washington" still say what is meant.
    Only lower-case words count: "Ohio State" and "Penn State" are universities.
    """
    extra = []
    after = text[m.end : m.end + 2]
    if len(after) == 2 and after[0] == " " and after[1].islower():
        match = _WORD_AFTER.match(text, m.end)
        if match and not any(h.startswith("suffix:") for h in m.hints):
            extra.append(f"suffix:{match.group(1)}")
    if text.startswith("-based", m.end) and BASED not in m.hints:
        extra.append(BASED)
    if text[max(0, m.start - 4) : m.start] == " of ":
        match = _WORDS_BEFORE.search(text, max(0, m.start - 20), m.start)
        if match and not any(h.startswith("cue:") for h in m.hints):
            extra.append(f"cue:{match.group(1)} of")
    if not extra:
        return m
    return replace(m, hints=(*m.hints, *extra))


def with_key_hint(m: Mention) -> Mention:
    """Return ``m`` with the second-level word that ends its key as a hint.

    "Seminole County" is a gazetteer name, so the mention keeps the word in its key
    rather than as a ``suffix:county`` hint; the rules that read hints still see it.
    """
    found = SECOND_LEVEL_NAME.search(m.key)
    if found is None or any(h.startswith("suffix:") for h in m.hints):
        return m
    return replace(m, hints=(*m.hints, f"suffix:{found.group(1)}"))


def lists(
    text: str,
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    *,
    focus: Mapping[str, float] | None = None,
) -> None:
    """Favour the reading of a name that matches its neighbours in a list.

    In "Utah, Virginia, Washington and Wyoming" the neighbours are states, so Washington
    is the state, not the capital; in "Georgia, Armenia and Azerbaijan" it is the
    country. A neighbour counts by its current best reading, if that is a country or a
    first-level area; a candidate gains once, whatever the number of such neighbours.
    Towns of one list lie in one country (see :func:`_town_peers`; ``focus``, the
    article's countries, tells whether a hamlet neighbour is evidence of its country).
    """
    linked: dict[int, list[int]] = {}
    for a in range(len(mentions) - 1):
        if text[mentions[a].end : mentions[a + 1].start] in LIST_JOINERS:
            linked.setdefault(a, []).append(a + 1)
            linked.setdefault(a + 1, []).append(a)
    if not linked:
        return
    bests = {b: best_of(scored[b]) for b in linked}
    # the country of each neighbour read surely as a town ("Choropampa" has one reading)
    focus = focus or {}
    town_country: dict[int, str] = {}
    for b in linked:
        ss = scored[b]
        if not ss:
            continue
        first = ss[0].place
        cc = first.country_code
        if first.is_country or first.is_admin1 or any(s.place.country_code != cc for s in ss):
            continue
        # a lone hamlet may be a place the gazetteer lacks: it counts only when the
        # article has other evidence of its country
        if (
            max(s.place.population for s in ss) >= SURE_TOWN
            or focus.get(cc, 0.0) > SURE_HAMLET_WEIGHT
        ):
            town_country[b] = cc
    for a, near in linked.items():
        ss = scored[a]
        if town_country:
            _town_peers(ss, {town_country[b] for b in near if b in town_country})
        areas = [
            n.place
            for n in (bests[b] for b in near)
            if n is not None and (n.place.is_country or n.place.is_admin1)
        ]
        if not areas:
            continue
        seats = {(s.place.country_code, s.place.admin1) for s in ss if s.place.feature_class == "P"}
        for s in ss:
            if s.place.is_admin1 and (s.place.country_code, s.place.admin1) in seats:
                continue  # a province and its namesake city ("Idlib"): no list decides that
            peer = next((p for p in areas if peers(s.place, p)), None)
            if peer is not None:
                s.score += LIST_WEIGHT
                s.reasons.append(f"listed with {peer.name}")


def _town_peers(ss: list[Scored], countries: set[str]) -> None:
    """Favour the readings of a listed name in the country of its neighbours, towns.

    Towns of one list lie in one country: "San Juan, Choropampa and Magdalena", where
    Choropampa has readings in Peru only, names the San Juan and the Magdalena of Peru,
    not Puerto Rico's capital or a Colombian department. Only neighbours all of whose
    readings lie in one country count; the name's towns and lower areas in that country
    gain ``LIST_WEIGHT``, once.
    """
    if len(countries) != 1 or len(ss) < 2:
        return
    (cc,) = countries
    for s in ss:
        p = s.place
        if p.country_code == cc and not (p.is_country or p.is_admin1):
            s.score += LIST_WEIGHT
            s.reasons.append(f"listed with towns of {cc}")


def stated_type(m: Mention) -> str:
    """Return "town" or "area" when the text says what a mention is, else ""."""
    return _stated_type(m.hints) if m.hints else ""


@lru_cache(maxsize=4096)
def _stated_type(hints: tuple[str, ...]) -> str:
    """Return :func:`stated_type` of a mention with ``hints`` (a few hint tuples recur)."""
    for hint in hints:
        if hint == "dateline":
            return "town"
        kind, _, word = hint.partition(":")
        if kind in ("suffix", "cue"):
            head = word.split()[0].lower() if word else ""
            if head in _CITY_WORDS:
                return "town"
            if head in _ADMIN_WORDS:
                return "area"
    return ""


def _cue_words(cue: str, ss: list[Scored]) -> None:
    """Apply "the city of X" and "the province of X" to the candidates of X."""
    head = cue.split()[0]
    if head not in _CUE_HEADS:
        return
    if cue.endswith(" of") and head in _CITY_WORDS:
        for s in ss:
            if s.place.feature_class == "P":
                s.score += 3.0
                s.reasons.append(f"'{cue}' precedes the name")
    elif cue.endswith(" of") and head in _ADMIN_WORDS:
        for s in ss:
            if s.place.is_admin1 or s.place.feature_class == "A":
                s.score += 3.0
                s.reasons.append(f"'{cue}' precedes the name")


def peers(a: Place, b: Place) -> bool:
    """Whether two different areas are of one level (two countries, or two states of one).

    "Oklahoma, Pennsylvania" names two states of a list, not a hamlet called Oklahoma in
    Pennsylvania; "Victoria, Texas" stays a qualified name, as the Australian state
    Victoria is no peer of Texas.
    """
    if a.id == b.id:
        return False
    if a.is_country and b.is_country:
        return True
    return a.is_admin1 and b.is_admin1 and a.country_code == b.country_code


def inside(place: Place, area: Place) -> bool:
    """Whether ``place`` lies in ``area`` (a country, a first-level area or its parent)."""
    if place.id == area.id:
        return False
    if area.is_country:
        return place.country_code == area.country_code
    if area.is_admin1:
        return place.country_code == area.country_code and place.admin1 == area.admin1
    return place.parent_id == area.id


#: How near (characters) another first-level area of its country must be named for a bare
#: "New York" to be the state: the same passage ("California has 13 cases, Texas three;
#: New York has 28"), or a list of states.
STATE_PEER_CHARS = 250
#: Words written before a state's name that make it the state, not its namesake city.
STATE_CUES = ("upstate ", "Upstate ", "downstate ", "Downstate ")


def city_over_area(
    key: str,
    ss: list[Scored],
    *,
    at: int = 0,
    states_named: Mapping[str, Sequence[tuple[int, str]]] | None = None,
    state_said: bool = False,
) -> None:
    """Prefer a sizeable city to the same-named province of its country ("Baghdad").

    Only a city whose own main name is the name written, or that name and "City": a city
    called "X City" in an area X is "X" in the news ("New York" is New York City; "New
    York state", "the state of New York" and "Buffalo, New York" the state, by their
    own rules; ``state_said``: a word of ``STATE_CUES``, "upstate New York", is written
    before it). Such a city, and a national capital that lies outside its namesake area
    ("Washington"), only while no other first-level area of its country is named
    within ``STATE_PEER_CHARS`` of the mention at offset ``at`` (``states_named``:
    country code -> the offsets and keys of the mentions that named its first-level
    areas): a passage that goes state by state ("California has 13 cases, Texas three;
    New York has 28") means the state. And only the national capital ("Washington") or
    a city holding at least ``CITY_SHARE_OF_AREA`` of its namesake area's people: Basra,
    Aleppo or Lagos are most of their province, but Quebec City is a twentieth of
    Quebec, and a bare "Quebec" in the news is the province.
    """
    areas = {s.place.country_code: s for s in ss if s.place.is_admin1}
    if not areas:
        return
    done: set[str] = set()
    bare = strip_articles(key)
    for s in ss:
        p = s.place
        area = areas.get(p.country_code)
        if (
            area is not None
            and area.place.id not in done
            and p.feature_class == "P"
            and (p.population >= 100_000 or p.feature_code in ("PPLC", "PPLA"))
            and (
                p.feature_code == "PPLC"
                or p.population >= CITY_SHARE_OF_AREA * area.place.population
            )
            and _called_by(
                p,
                key,
                bare,
                at,
                (states_named or {}).get(p.country_code, ()),
                state_said,
                ss,
                outside=p.admin1 != area.place.admin1,
            )
        ):
            # the area steps back rather than the city stepping forward: the rule
            # chooses between the two and must not lift the city over its namesakes
            # abroad (Kingston, Jamaica over a Kingston in the article's country)
            done.add(area.place.id)
            area.score -= 2.5
            area.reasons.append(f"its city {p.name} rather than the province")


def _called_by(
    city: Place,
    key: str,
    bare: str,
    at: int,
    states: Sequence[tuple[int, str]],
    state_said: bool,
    ss: Sequence[Scored],
    *,
    outside: bool = False,
) -> bool:
    """Whether a city is the bare name written (see :func:`city_over_area`).

    ``states``: the offsets and keys of the mentions that named first-level areas of the
    city's country in the article. A name that is also a country's ("Panama",
    "Guatemala", "Kuwait") is no bare name of its "X City": it is the country. A city
    ``outside`` its namesake area (the capital Washington, not in the state of
    Washington) is the name written unless a passage goes state by state ("cases in
    Washington, Pennsylvania and California").
    """
    own = strip_articles(normalize_name(city.name))
    passage = any(k != key and abs(start - at) <= STATE_PEER_CHARS for start, k in states)
    if own == bare:
        return not (outside and passage)
    return (
        own == f"{bare} city"
        and not state_said
        and not any(s.place.is_country for s in ss)
        and not passage
    )


def city_over_admin2(key: str, ss: list[Scored]) -> None:
    """Prefer a city to the same-named second-level area of its province it makes up.

    "Los Angeles" is the city, which holds a third of Los Angeles County; so are
    "Birmingham" and "Plymouth" beside their English districts. Places carry no admin2
    code, so the city must lie in the area's first-level area, bear the name written as
    its main name and hold at least ``CITY_SHARE_OF_AREA`` of the area's people.
    """
    for area in ss:
        a = area.place
        if a.feature_code != "ADM2":
            continue
        for s in ss:
            p = s.place
            if (
                p.feature_class == "P"
                and p.country_code == a.country_code
                and p.admin1 == a.admin1
                and strip_articles(normalize_name(p.name)) == strip_articles(key)
                and p.population >= CITY_SHARE_OF_AREA * a.population
            ):
                area.score -= 2.5
                area.reasons.append(f"its city {p.name} rather than the area")
                break
