"""Choose a place for each mention, with a score built from evidence a reader can check.

Each candidate place gets points, and keeps the reasons it got them:

- **prior**: population (log scale), feature type (country, admin area, capital,
  provincial capital, landmark), whether the written name is its main name;
- **focus**: the article's countries (the dateline counts most, then named countries,
  then demonyms and places whose country is certain; a lone hamlet counts little); a
  state of the article's country beats a same-named foreign country ("Georgia");
- **type words**: ``"X province"``, ``"a Washington state farm"``, ``"the city of X"``,
  also read from the text around given spans;
- **qualifier**: ``"Springfield, Illinois"``, ``"Erbil, Iraq"``; a list of peers
  (``"Oklahoma, Pennsylvania and Ohio"``) is no qualifier but makes each name a peer;
- **city or province**: a city named like its province wins only if it holds a tenth of
  the province's people or is the capital ("Basra", but the province "Quebec"); a city
  named like a second-level area of its province wins if it holds a tenth of its people
  ("Los Angeles", "Birmingham"), else the county does ("Suffolk", "Seminole");
- **containment**: a landmark whose city the article names (``"Green Zone in Baghdad"``);
- **nearness**: distance to the places already placed with confidence;
- **unknown counties**: ``"Metcalfe County"`` in a story about Kentucky is placed at
  Kentucky, not at a namesake hamlet elsewhere, when the gazetteer lacks the county
  (it holds only the second-level areas with a place of 500+ people);
- **one sense per name**: every mention of a name in an article gets the same place.

The confidence is the softmax share of the winner among the candidates, so it says
how clearly the winner beat the others (``bench/geoparse.py`` prints accuracy per
confidence band).

Examples
--------
>>> from incidentmap.model import Place
>>> haversine_km(33.34, 44.40, 36.19, 44.01) // 1
318.0
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..gazetteer.kinds import PlaceKinds, approx_km, haversine_km
from ..model import Candidate, Place, Toponym
from ..text.normalize import normalize_name, strip_articles
from .lexicon import Lexicon
from .protocol import PlaceLookup
from .recognize import Mention

__all__ = ["Resolver", "haversine_km"]

_KINDS = PlaceKinds.default()
#: Words after a name that make it an administrative area ("province", "county").
_ADMIN_WORDS = _KINDS.area_words
#: Words after a name that make it a settlement ("city", "village").
_CITY_WORDS = _KINDS.town
#: Second-level areas the gazetteer does not hold ("Metcalfe County", "St. Bernard Parish").
_SECOND_LEVEL = _KINDS.second_level
#: The hints (always lower case) that mark a mention of one of them.
_COUNTY_HINTS = frozenset(f"suffix:{word}" for word in _SECOND_LEVEL)
#: A name key that ends in the word of a second-level area ("seminole county"): a
#: gazetteer name now, so the recognizer leaves the word in the key rather than a hint.
_SECOND_LEVEL_NAME = re.compile(rf" ({'|'.join(sorted(_SECOND_LEVEL | _KINDS.district))})$")
_MAX_CANDIDATES = 25
#: Prior of a second-level area (county, district), on top of its population; less
#: than a first-level area's, so "New York" stays the state.
ADMIN2_PRIOR = 1.0
#: Taken off a second-level area named without the word its name ends in: "Suffolk"
#: is more often the English county than Suffolk County, New York.
ADMIN2_BARE_NAME = 1.0
#: Feature codes of the curated regions, islands, ranges and waters ("Darfur", "Java",
#: "Middle East", "Alps", "Red Sea", "Indian Ocean").
_CURATED_AREAS = _KINDS.wide_area_codes
#: Prior of a curated region, island or sea, which has no population: about that of a
#: first-level area of 500,000 people, so "Red Sea" is the sea unless the article is
#: about Sudan (its Red Sea State) and "Java" is the island, not a village in Georgia.
CURATED_AREA_PRIOR = 6.5
#: How a reason names a hand-picked place: the project's, or the user's own (imported).
_PICKED = {"curated": "curated", "user": "user's own"}
#: Prior of a curated landmark (an airport, a base, a square), which has no population:
#: landmarks are curated because the news names them, so "Heathrow" is the airport, not a
#: town of 6,000 in Florida, while a city of 100,000 or more keeps its name.
CURATED_LANDMARK_PRIOR = 3.0
#: Points for lying in the article's country, times that country's share of the focus.
FOCUS_WEIGHT = 3.0
#: Points for lying in a first-level area the article names, times its share.
AREA_WEIGHT = 2.0
#: A city named like a first-level area of its country is preferred to the area when it
#: holds at least this share of the area's population (see ``_city_over_area``).
CITY_SHARE_OF_AREA = 0.1
#: Points for being of the same kind as a neighbour in a list ("Ohio, Washington and Utah").
LIST_WEIGHT = 3.0
#: Share of an article's focus (other mentions only) that makes a first-level area of that
#: country win over a same-named foreign country the article does not otherwise name.
AREA_OF_FOCUS_SHARE = 0.5
#: A place of this population or more whose candidates all lie in one country counts
#: fully in the article's focus; a smaller one counts ``SURE_HAMLET_WEIGHT``.
SURE_TOWN = 10_000
SURE_HAMLET_WEIGHT = 0.25
_MAX_ANCHORS = 20
#: A county this close to the town chosen for a name is no rival in telling whether the
#: town is sure (see ``_margin``).
SAME_SPOT_KM = 50.0
_NEAR_CANDIDATES = 8
#: How many candidates a toponym keeps (the winner and the best losers).
_KEPT_CANDIDATES = 6


@dataclass(slots=True)
class _Scored:
    place: Place
    score: float
    reasons: list[str]


class Resolver:
    """Resolve :class:`~.recognize.Mention` objects against a gazetteer.

    Parameters
    ----------
    gazetteer
        A :class:`~incidentmap.gazetteer.Gazetteer`, or any :class:`~.protocol.PlaceLookup`.
    lexicon
        Word lists and the places the gazetteer lacks; the default ones if not given.
    joined
        Keys with joined initials -> the gazetteer keys they stand for
        (:attr:`~.names.NameIndex.joined`): "U.S. Embassy Baghdad" in the text is keyed
        ``us embassy baghdad``, the gazetteer's alias ``u s embassy baghdad``.

    The places returned are the gazetteer's own: a country or first-level area is where
    the gazetteer puts it (the middle of its main part, the point news corpora use).
    """

    def __init__(
        self,
        gazetteer: PlaceLookup,
        *,
        lexicon: Lexicon | None = None,
        joined: Mapping[str, tuple[str, ...]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon or Lexicon.default()
        self.joined = joined or {}
        self._cache: dict[tuple[str, str | None, str | None, str | None], tuple[Place, ...]] = {}
        self._prior: dict[tuple[str, str], tuple[float, tuple[str, ...]]] = {}
        self._mixed: dict[str, bool] = {}

    # -- candidates ---------------------------------------------------------------------

    def candidates(self, mention: Mention) -> tuple[Place, ...]:
        """Return the places a mention may name (cached per key)."""
        ck = (mention.key, mention.kind, mention.country_code, mention.level)
        found = self._cache.get(ck)
        if found is None:
            found = self._find(mention)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[ck] = found
        return found

    def _find(self, mention: Mention) -> tuple[Place, ...]:
        gaz = self.gazetteer
        extra = self.lexicon.extra_places
        if mention.kind == "demonym" and mention.country_code and not mention.name:
            if mention.country_code in extra:
                return extra[mention.country_code]
            country = gaz.country(mention.country_code)
            if country is not None:
                return (country,)
        if mention.country_code and mention.level:
            if mention.level == "country":
                country = gaz.country(mention.country_code)
                return (country,) if country is not None else ()
            named = gaz.lookup(mention.name or mention.text, country=mention.country_code)
            admins = [p for p in named if p.is_admin1]
            return tuple(admins[:1] or named[:1])
        key = mention.key
        places: dict[str, Place] = {}
        bare = _SECOND_LEVEL_NAME.sub("", key)  # "Karak district": the governorate too
        for k in dict.fromkeys((key, strip_articles(key), *self.joined.get(key, ()), bare)):
            for p in gaz.lookup_key(k, limit=50):
                places.setdefault(p.id, p)
        out = []
        for p in places.values():
            if len(key) <= 4 and normalize_name(p.name) != key and not p.is_country:
                continue  # short alternate names are mostly codes ("Hind", "Can")
            out.append(p)
        out.sort(key=lambda p: -self.prior(key, p)[0])
        if key in extra:
            return (*extra[key], *out[: _MAX_CANDIDATES - 1])
        return tuple(out[:_MAX_CANDIDATES])

    def prior(self, key: str, place: Place) -> tuple[float, tuple[str, ...]]:
        """Score of a place for a name before any context, with its reasons."""
        pk = (key, place.id)
        cached = self._prior.get(pk)
        if cached is not None:
            return cached
        reasons = []
        score = 0.8 * math.log10(place.population + 10)
        code = place.feature_code
        if place.is_country or place.feature_code == "CONT":
            score += 4.5 if place.is_country else 9.0
            reasons.append("country" if place.is_country else "continent")
        elif place.is_admin1:
            score += 2.0
            reasons.append("admin1 area")
        elif code == "ADM2":
            score += ADMIN2_PRIOR
            reasons.append("admin2 area")
            if any(normalize_name(place.name) == f"{key} {w}" for w in _SECOND_LEVEL):
                score -= ADMIN2_BARE_NAME
        elif code == "PPLC":
            score += 2.5
            reasons.append("capital")
        elif code == "PPLA":
            score += 1.0
            reasons.append("admin1 capital")
        elif code in ("PPLA2", "PPLA3"):
            score += 0.4
        elif place.hand_picked and code in _CURATED_AREAS:
            score += CURATED_AREA_PRIOR
            reasons.append(f"{_PICKED[place.source]} region, island or sea")
        elif place.hand_picked:
            score += CURATED_LANDMARK_PRIOR
            reasons.append(f"{_PICKED[place.source]} landmark")
        elif place.feature_class != "P":
            score -= 0.5
        if normalize_name(place.name) == key:
            score += 2.5 if place.is_country else 0.5
            reasons.append("main name")
        elif strip_articles(normalize_name(place.name)) == strip_articles(key):
            score += 0.3
        out = (score, tuple(reasons))
        if len(self._prior) > 500_000:
            self._prior.clear()
        self._prior[pk] = out
        return out

    # -- resolution ---------------------------------------------------------------------

    def resolve(self, text: str, mentions: Sequence[Mention]) -> list[Toponym]:
        """Choose a place for every mention of one article.

        Parameters
        ----------
        text
            The article text the mentions' offsets point into.
        mentions
            The mentions, in text order.
        """
        if not mentions:
            return []
        cands = [self.candidates(m) for m in mentions]
        scored = [
            [_Scored(p, *self._prior_list(m.key, p)) for p in cs]
            for m, cs in zip(mentions, cands, strict=True)
        ]
        focus, areas, area_names, own = self._focus(mentions, scored)
        total = sum(focus.values()) or 1.0
        area_total = sum(areas.values()) or 1.0
        focus_bonus = {cc: (FOCUS_WEIGHT * w / total, f"article focus {cc} {w / total:.2f}")
                       for cc, w in focus.items()}  # fmt: skip
        area_bonus = {a: (AREA_WEIGHT * w / area_total, f"in {a[0]}-{a[1]}, named in the article")
                      for a, w in areas.items()}  # fmt: skip
        hinted = []
        for m in mentions:
            end, start = m.end, m.start
            if (text[end : end + 1] == " " and text[end + 1 : end + 2].islower()) or text[
                max(0, start - 4) : start
            ] == " of ":
                m = _with_text_hints(text, m)
            hinted.append(_with_key_hint(m))
        for m, cs, ss in zip(hinted, cands, scored, strict=False):
            self._hints(m, ss)
            _city_over_area(m.key, ss)
            _city_over_admin2(m.key, ss)
            if focus and self._country_and_area(m.key, cs):
                _area_over_foreign_country(ss, focus, own.get(m.key))
            for s in ss:
                p = s.place
                if p.is_country:
                    continue
                got = focus_bonus.get(p.country_code)
                if got is not None:
                    s.score += got[0]
                    s.reasons.append(got[1])
                if area_bonus and not p.is_admin1:
                    area = (p.country_code, p.admin1 or "")
                    got = area_bonus.get(area)
                    # an area named only by this very name ("Quebec") is no evidence for
                    # its namesake city
                    if got is not None and not (
                        len(area_names[area]) == 1 and m.key in area_names[area]
                    ):
                        s.score += got[0]
                        s.reasons.append(got[1])
        self._qualifiers(text, mentions, scored)
        _lists(text, mentions, scored)
        _unknown_counties(hinted, scored, areas)
        picks = [_best(ss) for ss in scored]
        self._context(mentions, scored, picks)
        self._one_sense(hinted, scored)
        out = []
        for m, ss in zip(mentions, scored, strict=False):
            out.append(_toponym(m, ss))
        return out

    def _country_and_area(self, key: str, places: Sequence[Place]) -> bool:
        """Whether a name's candidates hold both a country and a first-level area."""
        got = self._mixed.get(key)
        if got is None:
            got = any(p.is_country for p in places) and any(p.is_admin1 for p in places)
            if len(self._mixed) > 200_000:
                self._mixed.clear()
            self._mixed[key] = got
        return got

    def _prior_list(self, key: str, place: Place) -> tuple[float, list[str]]:
        score, reasons = self.prior(key, place)
        return score, list(reasons)

    def _focus(
        self, mentions: Sequence[Mention], scored: list[list[_Scored]]
    ) -> tuple[
        dict[str, float],
        dict[tuple[str, str], float],
        dict[tuple[str, str], set[str]],
        dict[str, dict[str, float]],
    ]:
        """Weights of the countries, and of the first-level areas, an article is about.

        Also returns, for each such area, the keys of the mentions that named it, and for
        each mention key the country weights its own mentions brought.
        """
        weights: dict[str, float] = defaultdict(float)
        own: dict[str, dict[str, float]] = {}
        areas: dict[tuple[str, str], float] = defaultdict(float)
        names: dict[tuple[str, str], set[str]] = defaultdict(set)
        for m, ss in zip(mentions, scored, strict=False):
            best = _best(ss)
            if best is None:
                continue
            cc = best.place.country_code
            sure = len({s.place.country_code for s in ss}) == 1
            weight = 0.0
            if m.kind == "dateline" or "dateline" in m.hints:
                weight = 3.0
            elif m.kind == "demonym":
                weight = 0.5
            elif best.place.is_country:
                weight = 1.0
            elif sure:
                weight = _sure_weight(best.place)
            if weight:
                weights[cc] += weight
                mine = own.setdefault(m.key, {})
                mine[cc] = mine.get(cc, 0.0) + weight
            if best.place.is_admin1 and (sure or len(ss) == 1 or _margin(ss) > 2.0):
                areas[(cc, best.place.admin1 or "")] += 1.0
                names[(cc, best.place.admin1 or "")].add(m.key)
        return dict(weights), dict(areas), dict(names), own

    def _hints(self, m: Mention, ss: list[_Scored]) -> None:
        for hint in m.hints:
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

    def _qualifiers(
        self, text: str, mentions: Sequence[Mention], scored: list[list[_Scored]]
    ) -> None:
        """Apply "Name, Region" and "Landmark in City" patterns."""
        for a in range(len(mentions) - 1):
            m, q = mentions[a], mentions[a + 1]
            between = text[m.end : q.start]
            if between in (", ", ",") and scored[a + 1]:
                outer = [s for s in scored[a + 1] if s.place.is_country or s.place.is_admin1]
                inner_codes = {(s.place.country_code, s.place.admin1) for s in scored[a]}
                own_areas = [s.place for s in scored[a] if s.place.is_country or s.place.is_admin1]
                for o in outer:
                    if any(_peers(x, o.place) for x in own_areas):
                        continue  # a list ("Oklahoma, Pennsylvania, Ohio"), not a qualifier
                    hit = False
                    for s in scored[a]:
                        if _inside(s.place, o.place):
                            s.score += 6.0
                            s.reasons.append(f"qualified by '{q.text}'")
                            hit = True
                    if hit or (o.place.country_code, o.place.admin1) in inner_codes:
                        o.score += 5.0
                        o.reasons.append(f"qualifies '{m.text}'")
            elif between.strip().lower() in ("in", "of", "near", "outside") and scored[a + 1]:
                for s in scored[a]:
                    for o in scored[a + 1][:5]:
                        if _inside(s.place, o.place):
                            s.score += 3.0
                            s.reasons.append(f"in '{q.text}'")
                            break

    def _context(
        self, mentions: Sequence[Mention], scored: list[list[_Scored]], picks: list[_Scored | None]
    ) -> None:
        """Reward candidates near the places the article is surely about."""
        anchors: list[tuple[str, Place]] = []
        seen: set[str] = set()
        for m, ss, pick in zip(mentions, scored, picks, strict=False):
            if pick is None or pick.place.is_country:
                continue
            if (len(ss) == 1 or _margin(ss, pick.place) > 2.0) and pick.place.id not in seen:
                seen.add(pick.place.id)
                anchors.append((m.key, pick.place))
                if len(anchors) >= _MAX_ANCHORS:
                    break
        anchor_ids = {p.id for _, p in anchors}
        if not anchors:
            return
        memo: dict[tuple[str, str], tuple[float, str]] = {}
        for m, ss in zip(mentions, scored, strict=False):
            if len(ss) < 2:
                continue
            for s in sorted(ss, key=lambda s: -s.score)[:_NEAR_CANDIDATES]:
                p = s.place
                if p.parent_id and p.parent_id in anchor_ids and p.feature_code != "ADM2":
                    s.score += 6.0
                    s.reasons.append("its city is named in the article")
                    continue
                if p.is_country:
                    continue
                got = memo.get((m.key, p.id))
                if got is None:
                    got = _nearness(p, [a for k, a in anchors if k != m.key and a.id != p.id])
                    memo[(m.key, p.id)] = got
                if got[0]:
                    s.score += got[0]
                    s.reasons.append(got[1])

    def _one_sense(self, mentions: Sequence[Mention], scored: list[list[_Scored]]) -> None:
        """Give every mention of one name in an article the same place.

        Mentions that say what they are form groups of their own: a dateline names a town,
        "Kaduna state" the state, so "KADUNA, Nigeria -- ... in Kaduna state" keeps both.
        """
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for a, m in enumerate(mentions):
            if m.kind != "demonym":
                groups[(m.key, _stated_type(m))].append(a)
        for idxs in groups.values():
            if len(idxs) < 2:
                continue
            totals: dict[str, float] = defaultdict(float)
            for a in idxs:
                for s in scored[a]:
                    totals[s.place.id] += s.score
            if not totals:
                continue
            winner = max(totals, key=totals.__getitem__)
            for a in idxs:
                for s in scored[a]:
                    if s.place.id == winner:
                        s.score = max(s.score, max(x.score for x in scored[a]) + 0.01)
                        s.reasons.append("one sense per name in the article")


def _area_over_foreign_country(
    ss: list[_Scored], focus: Mapping[str, float], own: Mapping[str, float] | None
) -> None:
    """Prefer a first-level area of the article's country to a same-named foreign country.

    "Georgia" in an article about the United States (at least ``AREA_OF_FOCUS_SHARE`` of
    its focus, counting the other mentions only) that names nothing else of the country
    Georgia is the state. In an article about the Caucasus it stays the country.
    """
    if len(ss) < 2 or not focus:
        return
    countries = [s.place.country_code for s in ss if s.place.is_country]
    if not countries:
        return
    own = own or {}
    others = {cc: w - own.get(cc, 0.0) for cc, w in focus.items()}
    total = sum(w for w in others.values() if w > 0)
    if total <= 0 or any(others.get(cc, 0.0) > 0 for cc in countries):
        return
    for s in ss:
        p = s.place
        if p.is_admin1 and others.get(p.country_code, 0.0) >= AREA_OF_FOCUS_SHARE * total:
            s.score += 5.0
            s.reasons.append("an area of the article's country, not a foreign country")


_TYPE_WORDS = "|".join(sorted(_ADMIN_WORDS | _CITY_WORDS))
_WORD_AFTER = re.compile(rf"\s+({_TYPE_WORDS})\b")
#: "the province of X", "the city of X": only words of the first level or of a town, as
#: "the district of X" and "the county of X" name second-level areas the gazetteer lacks.
_FIRST_LEVEL_OR_TOWN = "|".join(sorted(_KINDS.first_level | _KINDS.town))
_WORDS_BEFORE = re.compile(rf"\b({_FIRST_LEVEL_OR_TOWN}) of\s+$")
_CUE_HEADS = frozenset(_FIRST_LEVEL_OR_TOWN.split("|"))
#: What stands between two names of a list ("Ohio, Texas and Utah").
_LIST_JOINERS = frozenset({", ", " and ", ", and ", " or ", ", or ", " / ", "/"})


def _with_text_hints(text: str, m: Mention) -> Mention:
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
    if text[max(0, m.start - 4) : m.start] == " of ":
        match = _WORDS_BEFORE.search(text, max(0, m.start - 20), m.start)
        if match and not any(h.startswith("cue:") for h in m.hints):
            extra.append(f"cue:{match.group(1)} of")
    if not extra:
        return m
    return replace(m, hints=(*m.hints, *extra))


def _with_key_hint(m: Mention) -> Mention:
    """Return ``m`` with the second-level word that ends its key as a hint.

    "Seminole County" is a gazetteer name, so the mention keeps the word in its key
    rather than as a ``suffix:county`` hint; the rules that read hints still see it.
    """
    found = _SECOND_LEVEL_NAME.search(m.key)
    if found is None or any(h.startswith("suffix:") for h in m.hints):
        return m
    return replace(m, hints=(*m.hints, f"suffix:{found.group(1)}"))


def _lists(text: str, mentions: Sequence[Mention], scored: list[list[_Scored]]) -> None:
    """Favour the reading of a name that matches its neighbours in a list.

    In "Utah, Virginia, Washington and Wyoming" the neighbours are states, so Washington
    is the state, not the capital; in "Georgia, Armenia and Azerbaijan" it is the
    country. A neighbour counts by its current best reading, if that is a country or a
    first-level area; a candidate gains once, whatever the number of such neighbours.
    """
    linked: dict[int, list[int]] = {}
    for a in range(len(mentions) - 1):
        if text[mentions[a].end : mentions[a + 1].start] in _LIST_JOINERS:
            linked.setdefault(a, []).append(a + 1)
            linked.setdefault(a + 1, []).append(a)
    if not linked:
        return
    bests = {b: _best(scored[b]) for b in linked}
    for a, near in linked.items():
        ss = scored[a]
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
            peer = next((p for p in areas if _peers(s.place, p)), None)
            if peer is not None:
                s.score += LIST_WEIGHT
                s.reasons.append(f"listed with {peer.name}")


def _unknown_counties(
    mentions: Sequence[Mention],
    scored: list[list[_Scored]],
    areas: Mapping[tuple[str, str], float],
) -> None:
    """Place a county the gazetteer lacks at the first-level area the article is about.

    The gazetteer has no counties. "Metcalfe County" in a story about Kentucky is not a
    hamlet called Metcalfe in Mississippi: when the article names one first-level area
    more than any other and no candidate of the county's name lies in it, the area itself
    becomes the best candidate, as event coders fall back to the next larger area they
    know. Counties (parishes, boroughs) only; a town of the name inside the area stays.
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
        top = max((s.score for s in ss), default=0.0)
        reason = f"a county the gazetteer lacks, in {state.name}, the area the article names"
        ss.append(_Scored(state, top + 1.0, [reason]))


def _stated_type(m: Mention) -> str:
    """Return "town" or "area" when the text says what a mention is, else ""."""
    for hint in m.hints:
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


def _cue_words(cue: str, ss: list[_Scored]) -> None:
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


def _sure_weight(place: Place) -> float:
    """Weight, in the article's focus, of a place all of whose candidates share a country.

    A town or larger place counts fully. A hamlet counts little: when the only place
    of a name in the gazetteer is a hamlet abroad, the name more often stands for
    something the gazetteer lacks (an airport, a county, a quarter) than for the hamlet.
    """
    if (
        place.is_admin1
        or place.feature_code in ("PPLC", "PPLA")
        or place.population >= SURE_TOWN
        or place.hand_picked
    ):
        return 1.0
    return SURE_HAMLET_WEIGHT


def _nearness(place: Place, anchors: list[Place]) -> tuple[float, str]:
    """Return the bonus for being near the article's sure places, and its reason."""
    lat = place.lat
    near = min(
        (
            approx_km(lat, place.lon, a.lat, a.lon)
            for a in anchors
            if -5.4 < a.lat - lat < 5.4  # farther than 600 km earns nothing
        ),
        default=None,
    )
    if near is None:
        return 0.0, ""
    bonus = 2.0 if near < 50 else 1.5 if near < 200 else 0.7 if near < 600 else 0.0
    return bonus, f"near another place of the article ({near:.0f} km)"


def _peers(a: Place, b: Place) -> bool:
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


def _inside(place: Place, area: Place) -> bool:
    if place.id == area.id:
        return False
    if area.is_country:
        return place.country_code == area.country_code
    if area.is_admin1:
        return place.country_code == area.country_code and place.admin1 == area.admin1
    return place.parent_id == area.id


def _city_over_area(key: str, ss: list[_Scored]) -> None:
    """Prefer a sizeable city to the same-named province of its country ("Baghdad").

    Only a city whose own main name is the name written ("New York" is an alternate name
    of New York City). And only the national capital ("Washington") or a city holding at
    least ``CITY_SHARE_OF_AREA`` of its namesake area's people: Basra, Aleppo or Lagos are
    most of their province, but Quebec City is a twentieth of Quebec, and a bare "Quebec"
    in the news is the province.
    """
    areas = {s.place.country_code: s for s in ss if s.place.is_admin1}
    if not areas:
        return
    done: set[str] = set()
    for s in ss:
        p = s.place
        area = areas.get(p.country_code)
        if (
            area is not None
            and area.place.id not in done
            and p.feature_class == "P"
            and strip_articles(normalize_name(p.name)) == strip_articles(key)
            and (p.population >= 100_000 or p.feature_code in ("PPLC", "PPLA"))
            and (
                p.feature_code == "PPLC"
                or p.population >= CITY_SHARE_OF_AREA * area.place.population
            )
        ):
            # the area steps back rather than the city stepping forward: the rule
            # chooses between the two and must not lift the city over its namesakes
            # abroad (Kingston, Jamaica over a Kingston in the article's country)
            done.add(area.place.id)
            area.score -= 2.5
            area.reasons.append(f"its city {p.name} rather than the province")


def _city_over_admin2(key: str, ss: list[_Scored]) -> None:
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


def _best(ss: list[_Scored]) -> _Scored | None:
    return max(ss, key=lambda s: s.score) if ss else None


def _margin(ss: list[_Scored], pick: Place | None = None) -> float:
    """Return the lead of the best candidate over the next.

    With ``pick`` given, a second-level area around the pick does not count as the next:
    a town and its namesake county ("Brant") place the article alike.
    """
    scores = [
        s.score
        for s in ss
        if pick is None
        or s.place.feature_code != "ADM2"
        or s.place.id == pick.id
        or approx_km(s.place.lat, s.place.lon, pick.lat, pick.lon) > SAME_SPOT_KM
    ]
    top = sorted(scores, reverse=True)
    return top[0] - top[1] if len(top) > 1 else 99.0


def _toponym(m: Mention, ss: list[_Scored]) -> Toponym:
    if not ss:
        return Toponym(m.start, m.end, m.text, kind=m.kind, reasons=("no candidate",))
    ordered = sorted(ss, key=lambda s: -s.score)
    top = ordered[0].score
    z = sum(math.exp(s.score - top) for s in ordered)
    confidence = 1.0 / z
    if len(ordered) == 1:
        confidence = 0.95 if m.kind == "demonym" or ordered[0].place.is_country else 0.9
    cands = tuple(
        Candidate(s.place, round(s.score, 3), tuple(s.reasons)) for s in ordered[:_KEPT_CANDIDATES]
    )
    return Toponym(
        start=m.start,
        end=m.end,
        text=m.text,
        kind=m.kind,
        place=ordered[0].place,
        confidence=round(min(confidence, 0.99), 3),
        candidates=cands,
        reasons=(*m.hints, *ordered[0].reasons),
    )
