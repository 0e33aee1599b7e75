"""Choose a place for each mention, with a score built from evidence a reader can check.

Each candidate place gets points, and keeps the reasons it got them. The jobs are split
into modules: :mod:`.candidates` finds the candidate places and scores their **prior**
(population, feature type, main name); :mod:`.document` weighs the evidence of the whole
article (its countries and areas); the words around a mention are read by
:mod:`.typewords` (type words), :mod:`.qualifiers` (the container a name is written
with; :mod:`.abroad` places a name the gazetteer lacks at it), :mod:`.namelists` (lists)
and :mod:`.namesakes` (a city against its namesake area), with :mod:`.areas` (containment);
this module puts them together and adds the evidence of the other places:

- **prior**: population (log scale), feature type (country, admin area, capital,
  provincial capital, landmark), whether the written name is its main name; a city of a
  million that dwarfs its country's namesakes ("Changsha", a provincial capital the
  gazetteer does not mark);
- **focus**: the article's countries (the dateline counts most, then named countries,
  then demonyms and places whose country is certain; a lone hamlet counts little); a
  state of the article's country beats a same-named foreign country ("Georgia"); a
  namesake in the article's country beats a famous one in a country it never names
  ("London" in a story naming Canada three times);
- **type words**: ``"X province"``, ``"a Washington state farm"``, ``"the city of X"``,
  also read from the text around given spans;
- **qualifier**: ``"Springfield, Illinois"``, ``"Erbil, Iraq"``, a province that is a
  second-level area (``"Rizal, Nueva Ecija"``: it holds the towns near its point, when no
  country or first-level reading of it holds the name before); a list of peers
  (``"Oklahoma, Pennsylvania and Ohio"``) is no qualifier but makes each name a peer;
  a town given with a state, none of whose readings lies in the state's country, is one
  the gazetteer lacks, placed at the state ("Stroud, Ontario, Canada"); a name followed
  by a natural-feature word ("the Senegal river valley") holds no town named before it;
- **lists**: towns of one list lie in one country ("San Juan, Choropampa and
  Magdalena", Choropampa being a town of Peru only);
- **city or province**: a city named like its province wins only if it holds a tenth of
  the province's people or is the capital ("Basra", but the province "Quebec"), and so
  does a city called "X City" in area X ("New York"), unless "upstate" comes before or
  another state of the country is named near it (a passage going state by state); a city
  named like a second-level area of its province wins if it holds a tenth of its people
  ("Los Angeles", "Birmingham"), else the county does ("Suffolk", "Seminole");
- **containment**: a landmark whose city the article names (``"Green Zone in Baghdad"``);
- **nearness**: distance to the places already placed with confidence;
- **close pairs** (:mod:`.nearby`): two ambiguous names whose readings lie a few
  kilometres apart ("Edmonton" and "Enfield", the districts of London);
- **unknown counties**: ``"Metcalfe County"`` in a story about Kentucky is placed at
  Kentucky, not at a namesake hamlet elsewhere, when the gazetteer lacks the county
  (it holds only the second-level areas with a place of 500+ people);
- **unknown provinces** (:mod:`.lacking`): ``"Nyanza province"`` in a story about
  Kenya is placed at Kenya when the name's only candidates are towns abroad (the
  embedded gazetteer holds Kenya's former provinces Nyanza and North Eastern as curated
  historical regions), and so
  are "the provinces of Nyanza, North Eastern and Western" (a plural kind word before a
  list names each of it, "the city of Lebanon, Pennsylvania" one town; a compass name's
  areas abroad are no evidence);
- **the area a town lies in, written first** (:func:`~.qualifiers.qualifiers`): "the Hall
  County town of X", "the Idlib city of X", "the Syrian village of X", and the same area
  referring back to the town just named ("X ... the Hall County town near ..."); a town
  with no candidate in the area is one the gazetteer lacks, placed at the area;
- **strays** (:mod:`.strays`): a small place abroad that a name reaches only as an
  alternate spelling ("Banjska" for a Bulgarian town, in a story about Kosovo), or that
  is every reading of a name ("Mandela" in Ghana, in a story about Mozambique), is set
  aside when the story never names its country; the mention may stay unresolved;
- **one sense per name**: every mention of a name in an article gets the same place;
  a name the article calls a town somewhere ("the city of Lebanon") is that town, not
  a country, where it is written bare ("Lebanon police said");
- **given names the gazetteer lacks** (:mod:`.containers`): placed at the container the
  text gives them with ("the villages of Osk and Tarn in Norva", "Kesselburg's Osk
  Park"); end to end, only names the text frames as places of a recognised container
  ("the villages of Osk and Tarn in Norva", "the Osk district of Norva", "in Osk, Norva":
  :func:`~.containers.framed_mentions`).

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
from collections import defaultdict
from collections.abc import Mapping, Sequence

from ..gazetteer.kinds import PlaceKinds, approx_km, haversine_km
from ..model import ADMIN1_FEATURE_CODE, COUNTRY_FEATURE_CODES, Candidate, Place, Toponym
from .abroad import LACKING_REASON
from .candidates import Candidates
from .containers import FRAMED, place_at_containers
from .document import (
    AREA_WEIGHT,
    FOCUS_WEIGHT,
    MIN_FOCUS_EVIDENCE,
    PUBLISHER_COUNTRY_WEIGHT,
    Region,
    area_consensus,
    area_over_foreign_country,
    article_focus,
    namesakes_at_home,
    publisher_bonus,
)
from .lacking import (
    compass_regions_at_home,
    lacking_areas,
    listed_under_kind,
    place_buildings,
    place_lacking_areas,
    unknown_counties,
)
from .lexicon import Lexicon
from .namelists import lists
from .namesakes import STATE_CUES, city_over_admin2, city_over_area, university_area
from .nearby import close_pairs
from .protocol import PlaceLookup
from .qualifiers import area_town_anaphora, qualifiers
from .recognize import Mention
from .scored import BY_SCORE, Scored, best_of, lead
from .strays import possessed_abroad, set_aside_strays
from .typewords import stated_type, type_words, with_key_hint, with_text_hints

__all__ = ["Resolver", "haversine_km"]

_MAX_ANCHORS = 20
_NEAR_CANDIDATES = 8
#: How many candidates a toponym keeps (the winner and the best losers).
_KEPT_CANDIDATES = 6
_exp = math.exp
_AREA_WORDS = PlaceKinds.default().area_words


def _bare(key: str) -> str:
    """Return a name key without a kind word after it ("sagaing region" -> "sagaing")."""
    head, _, last = key.rpartition(" ")
    return head if head and last in _AREA_WORDS else key


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
        self._candidates = Candidates(gazetteer, lexicon=self.lexicon, joined=self.joined)

    def candidates(self, mention: Mention) -> tuple[Place, ...]:
        """Return the places a mention may name (cached per key)."""
        return self._candidates.candidates(mention)

    def prior(self, key: str, place: Place) -> tuple[float, tuple[str, ...]]:
        """Score of a place for a name before any context, with its reasons."""
        return self._candidates.prior(key, place)

    def resolve(
        self,
        text: str,
        mentions: Sequence[Mention],
        *,
        region: Region | None = None,
        given: bool = False,
    ) -> list[Toponym]:
        """Choose a place for every mention of one article.

        Parameters
        ----------
        text
            The article text the mentions' offsets point into.
        mentions
            The mentions, in text order.
        region
            The publisher's region (:func:`~.document.publisher_region`), if known.
        given
            Whether the mentions are given spans (gold or user markup): then a name the
            gazetteer lacks is still a place, and is placed at the container the text
            gives it with (:mod:`.containers`). A recognised name without candidates is
            no such evidence ("Hertford Road, Edmonton"). Without ``given``, only the
            mentions with the ``FRAMED`` hint are so placed: names the text frames as
            places of a recognised container (:func:`~.containers.framed_mentions`).
        """
        if not mentions:
            return []
        cands = [self.candidates(m) for m in mentions]
        priors = self._candidates.priors
        scored = [
            [Scored(p, score, list(reasons)) for p, score, reasons in priors(m.key, cs)]
            for m, cs in zip(mentions, cands, strict=True)
        ]
        hinted = []
        for m in mentions:
            end, start = m.end, m.start
            if (
                (text[end : end + 1] == " " and text[end + 1 : end + 2].islower())
                or text[max(0, start - 4) : start] == " of "
                or text.startswith("-based", end)
            ):
                m = with_text_hints(text, m)
            hinted.append(with_key_hint(m))
        hinted = listed_under_kind(text, hinted)
        # "Victoria's Andrews": a person, whose namesakes abroad lend the story no country
        possessed: list[list[Scored]] | None = None
        if "s " in text and ("'s " in text or "’s " in text):
            possessed = [[] for _ in mentions]
            possessed_abroad(text, mentions, scored, possessed)
        focus, areas, area_names, own = article_focus(mentions, scored)
        lacking = lacking_areas(hinted, scored, focus, own)
        compass_regions_at_home(hinted, scored, focus, own)
        if region is not None:
            weight = PUBLISHER_COUNTRY_WEIGHT * region.weight
            focus[region.country] = focus.get(region.country, 0.0) + weight
            publisher_bonus(region, scored)
        total = max(sum(focus.values()), MIN_FOCUS_EVIDENCE)
        area_total = sum(areas.values()) or 1.0
        focus_bonus = {cc: (FOCUS_WEIGHT * w / total, f"article focus {cc} {w / total:.2f}")
                       for cc, w in focus.items()}  # fmt: skip
        area_bonus = {a: (AREA_WEIGHT * w / area_total, f"in {a[0]}-{a[1]}, named in the article")
                      for a, w in areas.items()}  # fmt: skip
        # the names each area is named by, without the words that make them areas
        bare_names = {a: {_bare(k) for k in area_names[a]} for a in area_bonus}
        # where first-level areas are named, by country: a passage going state by state
        states_named: dict[str, list[tuple[int, str]]] = {}
        if area_names:
            area_keys = {k: cc for (cc, _), keys in area_names.items() for k in keys}
            for m in mentions:
                cc = area_keys.get(m.key)
                if cc is not None:
                    states_named.setdefault(cc, []).append((m.start, m.key))
        area_levels = self._candidates.area_levels
        for m, cs, ss in zip(hinted, cands, scored, strict=False):
            type_words(m, ss)
            # ``ss`` holds the places of ``cs`` still: the two rules need an area among them
            admin1, admin2 = area_levels(cs)
            if admin1:
                city_over_area(
                    m.key,
                    ss,
                    at=m.start,
                    states_named=states_named,
                    state_said=text.endswith(STATE_CUES, max(0, m.start - 10), m.start),
                )
            if admin2:
                # known of the candidates while ``ss`` holds them all (no compass reading
                # dropped), in their order
                cities = self._candidates.admin2_cities(m.key, cs) if len(ss) == len(cs) else None
                city_over_admin2(m.key, ss, cities=cities)
            if self._candidates.country_and_area(m.key, cs):
                if focus:
                    area_over_foreign_country(ss, focus, own.get(m.key))
                university_area(text, m.start, ss, focus, own.get(m.key))
            for s in ss:
                p = s.place
                # the feature code read once for is_country and is_admin1 (a hot loop)
                code = p.feature_code
                if code in COUNTRY_FEATURE_CODES:
                    continue
                got = focus_bonus.get(p.country_code)
                if got is not None:
                    s.score += got[0]
                    s.reasons.append(got[1])
                if area_bonus and code != ADMIN1_FEATURE_CODE:
                    area = (p.country_code, p.admin1 or "")
                    got = area_bonus.get(area)
                    # an area named only by this very name ("Quebec", "Sagaing Region")
                    # is no evidence for its namesake city
                    if got is not None and bare_names[area] != {m.key}:
                        s.score += got[0]
                        s.reasons.append(got[1])
                        s.placed_by_text = True
        namesakes_at_home(hinted, scored, focus, own)
        qualifiers(text, hinted, scored, feature_after=self.lexicon.feature_after)
        area_town_anaphora(text, hinted, scored)
        lists(text, mentions, scored, focus=focus)
        unknown_counties(hinted, scored, areas)
        if lacking:
            place_lacking_areas(
                hinted,
                scored,
                lacking,
                self.gazetteer.country,
                area_names=getattr(self.gazetteer, "area_names", None),  # the full gazetteer's
            )
        area_consensus(
            mentions,
            scored,
            focus,
            areas,
            area_names,
            areas_of=lambda k: self._candidates.areas(cands[k]),
        )
        strays = set_aside_strays(hinted, scored, focus, own)
        if possessed is not None:
            for aside, more in zip(strays, possessed, strict=True):
                aside.extend(more)
        close_pairs(mentions, scored)
        picks = [best_of(ss) for ss in scored]
        self._context(mentions, scored, picks)
        self._one_sense(hinted, scored)
        _town_not_country(hinted, scored)
        place_buildings(text, mentions, scored, self.lexicon.buildings, self.gazetteer.lookup_key)
        framed = [FRAMED in m.hints for m in mentions]
        if given or any(framed):
            # given spans, and names the text calls villages of a container: both are
            # places even when the gazetteer lacks them
            known = [bool(cs) or not (given or f) for cs, f in zip(cands, framed, strict=True)]
            place_at_containers(text, mentions, scored, known)
        out = []
        rounded: dict[float, float] = {}  # the article's scores, each rounded once
        for m, ss, aside in zip(mentions, scored, strays, strict=False):
            out.append(_toponym(m, ss, rounded) if ss else _unresolved(m, aside, rounded))
        return out

    def _context(
        self, mentions: Sequence[Mention], scored: list[list[Scored]], picks: list[Scored | None]
    ) -> None:
        """Reward candidates near the places the article is surely about."""
        anchors: list[tuple[str, Place]] = []
        seen: set[str] = set()
        for m, ss, pick in zip(mentions, scored, picks, strict=False):
            if pick is None or pick.place.feature_code in COUNTRY_FEATURE_CODES:
                continue
            if (len(ss) == 1 or lead(ss, pick.place) > 2.0) and pick.place.id not in seen:
                seen.add(pick.place.id)
                anchors.append((m.key, pick.place))
                if len(anchors) >= _MAX_ANCHORS:
                    break
        anchor_ids = {p.id for _, p in anchors}
        if not anchors:
            return
        memo: dict[tuple[str, str], tuple[float, str]] = {}
        others: dict[str, list[Place]] = {}  # the anchors of the other names, by name
        for m, ss in zip(mentions, scored, strict=False):
            if len(ss) < 2:
                continue
            # each candidate's bonus is its own: the order matters only to pick the best few
            best = ss if len(ss) <= _NEAR_CANDIDATES else sorted(ss, key=BY_SCORE, reverse=True)
            for s in best[:_NEAR_CANDIDATES]:
                p = s.place
                code = p.feature_code  # read once for is_country (a hot loop)
                if p.parent_id and p.parent_id in anchor_ids and code != "ADM2":
                    s.score += 6.0
                    s.reasons.append("its city is named in the article")
                    s.placed_by_text = True
                    continue
                if code in COUNTRY_FEATURE_CODES:
                    continue
                got = memo.get((m.key, p.id))
                if got is None:
                    near = others.get(m.key)
                    if near is None:
                        near = others[m.key] = [a for k, a in anchors if k != m.key]
                    got = _nearness(p, near)
                    memo[(m.key, p.id)] = got
                if got[0]:
                    s.score += got[0]
                    s.reasons.append(got[1])

    def _one_sense(self, mentions: Sequence[Mention], scored: list[list[Scored]]) -> None:
        """Give every mention of one name in an article the same place.

        Mentions that say what they are form groups of their own: a dateline names a town,
        "Kaduna state" the state, so "KADUNA, Nigeria -- ... in Kaduna state" keeps both. A
        bare mention of the dateline's name is the dateline's town ("JENIN -- ... the Jenin
        refugee camp", not the governorate).
        In such a group, one mention placed at its container as a name the gazetteer lacks
        places them all there.
        """
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        datelined = {m.key for m in mentions if "dateline" in m.hints}
        for a, m in enumerate(mentions):
            if m.kind != "demonym":
                said = stated_type(m)
                if not said and m.key in datelined:
                    said = "town"  # "JENIN — ... the Jenin refugee camp": the dateline's town
                groups[(m.key, said)].append(a)
        for (key, said), idxs in groups.items():
            if len(idxs) < 2:
                continue
            # an area or town its container shows the gazetteer lacks ("Puncak district,
            # Central Papua" when the only Puncak lies in Java) is lacking at each mention
            # that says what it is
            lacking = [
                best
                for a in idxs
                if said
                and (best := best_of(scored[a])) is not None
                and best.reasons[:1] != []
                and best.reasons[0].startswith(LACKING_REASON)
            ]
            if len(lacking) == 1:
                for a in idxs:
                    if not any(s.place.id == lacking[0].place.id for s in scored[a]):
                        copy = Scored(lacking[0].place, 0.0, list(lacking[0].reasons))
                        copy.placed_by_text = lacking[0].placed_by_text
                        scored[a].append(copy)
            totals: dict[str, float] = defaultdict(float)
            for a in idxs:
                for s in scored[a]:
                    totals[s.place.id] += s.score
            if not totals:
                continue
            winner = max(totals, key=totals.__getitem__)
            if len(lacking) == 1:
                winner = lacking[0].place.id
            elif said == "town" and key in datelined:
                # the dateline's town decides for the bare mentions of its name
                head = next(a for a in idxs if "dateline" in mentions[a].hints)
                best = best_of(scored[head])
                winner = best.place.id if best is not None else winner
            for a in idxs:
                for s in scored[a]:
                    if s.place.id == winner:
                        s.score = max(s.score, max(map(BY_SCORE, scored[a])) + 0.01)
                        s.reasons.append("one sense per name in the article")


def _town_not_country(mentions: Sequence[Mention], scored: list[list[Scored]]) -> None:
    """Read a name the article calls a town as that town everywhere, not as a country.

    A local paper writes "the city of Lebanon" or "the Lebanon City Council", then
    "Lebanon police said": the bare name is the same town, not the country Lebanon.
    :meth:`Resolver._one_sense` keeps a town and an area of one name apart ("KADUNA,
    Nigeria -- ... Kaduna state"), but a story does not name a town and a foreign
    country of the same name: where a mention that says it is a town (a kind word, a
    dateline) reads best as a populated place, every bare mention of the name read as a
    country of another country code takes that town. A town in the country itself
    ("Kuwait city", "Djibouti city") leaves the country's mentions alone.
    """
    towns: dict[str, Scored] = {}
    for m, ss in zip(mentions, scored, strict=False):
        if m.hints and m.kind != "demonym" and stated_type(m) == "town":
            best = best_of(ss)
            if best is not None and best.place.feature_class == "P":
                towns.setdefault(m.key, best)
    if not towns:
        return
    for m, ss in zip(mentions, scored, strict=False):
        town = towns.get(m.key)
        if town is None or m.kind == "demonym" or stated_type(m):
            continue
        best = best_of(ss)
        if (
            best is None
            or not best.place.is_country
            or best.place.country_code == town.place.country_code
        ):
            continue
        reason = f"the article calls {m.text} a town ({town.place.name}), not a country"
        same = next((s for s in ss if s.place.id == town.place.id), None)
        if same is None:
            ss.append(Scored(town.place, best.score + 0.01, [reason]))
        else:
            same.score = best.score + 0.01
            same.reasons.append(reason)


def _nearness(place: Place, anchors: list[Place]) -> tuple[float, str]:
    """Return the bonus for being near the article's sure places, and its reason.

    The place itself, if it is one of the ``anchors``, does not count.
    """
    lat, lon, own = place.lat, place.lon, place.id
    near = None
    for a in anchors:
        if -5.4 < a.lat - lat < 5.4 and a.id != own:  # farther than 600 km earns nothing
            km = approx_km(lat, lon, a.lat, a.lon)
            if near is None or km < near:  # the first of equal distances, as min keeps
                near = km
    if near is None or near >= 600:
        return 0.0, ""
    bonus = 2.0 if near < 50 else 1.5 if near < 200 else 0.7
    return bonus, f"near another place of the article ({near:.0f} km)"


def _kept(ordered: list[Scored], rounded: dict[float, float] | None) -> tuple[Candidate, ...]:
    """Return the best few of ``ordered`` (best first) as candidates, their scores rounded.

    ``rounded`` remembers the rounded scores of one article: ``round(x, 3)`` writes the
    number out in decimal and reads it back, and an article's repeated names and shared
    priors give the same scores again. A score of zero is rounded each time, so that
    ``-0.0`` (equal to ``0.0`` as a key) keeps its sign.
    """
    if rounded is None:
        rounded = {}
    out = []
    for s in ordered[:_KEPT_CANDIDATES]:
        score = s.score
        got = rounded.get(score) if score else None
        if got is None:
            got = round(score, 3)
            if score:
                rounded[score] = got
        out.append(Candidate(s.place, got, tuple(s.reasons)))
    return tuple(out)


def _unresolved(
    m: Mention, aside: list[Scored], rounded: dict[float, float] | None = None
) -> Toponym:
    """Leave a mention without a place, keeping the candidates set aside for it, if any."""
    if not aside:
        return Toponym(m.start, m.end, m.text, kind=m.kind, reasons=("no candidate",))
    ordered = sorted(aside, key=BY_SCORE, reverse=True)
    cands = _kept(ordered, rounded)
    return Toponym(
        m.start,
        m.end,
        m.text,
        kind=m.kind,
        candidates=cands,
        reasons=(*m.hints, *ordered[0].reasons[-1:]),
    )


def _toponym(m: Mention, ss: list[Scored], rounded: dict[float, float] | None = None) -> Toponym:
    if not ss:
        return Toponym(m.start, m.end, m.text, kind=m.kind, reasons=("no candidate",))
    if len(ss) == 1:
        ordered = ss
        confidence = 0.95 if m.kind == "demonym" or ss[0].place.is_country else 0.9
    else:
        ordered = sorted(ss, key=BY_SCORE, reverse=True)  # stable: ties keep their order
        top = ordered[0].score
        confidence = 1.0 / sum([_exp(s.score - top) for s in ordered])
    cands = _kept(ordered, rounded)
    return Toponym(
        m.start,
        m.end,
        m.text,
        m.kind,
        ordered[0].place,
        round(min(confidence, 0.99), 3),
        cands,
        (*m.hints, *ordered[0].reasons),
    )
