"""Small places abroad that a story about another country reaches only by a namesake.

GeoNames lists many spellings of a town, some shared with villages of other countries.
A story about one country that names a village the gazetteer lacks often finds it
again as an alternate spelling of a town abroad: "the village of Banjska" in a story
about Kosovo is the alternate name of a Bulgarian town. A reader does not move a story
across a border on a spelling alone: such a candidate is set aside, and the mention is
left unresolved unless another candidate remains (a container given in the text, a
place written with its main name).

Nor does a generic name move it: "the U.S. Embassy" is the embassy in the story's own
country, not the curated one in Baghdad that carries the name as an alternate; a curated
diplomatic facility reached by an alternate name is set aside on the same terms.

Nor on a namesake alone: when every reading of a name is a small place (a town, a
district) in a country the story never names, the story names a place of its own
country that the gazetteer lacks ("the villages of Nampanha and Mandela" in a story
about Mozambique are not Mandela in Ghana; "Hamar weyne district" in Mogadishu is not
Hamar in Norway). Those readings are set aside too, unless the text itself places the
name there (a qualifier, "Weybridge, England", or its province named in the article);
two such names sharing a country abroad do not make the story that country's.

Nor does a village grow into a city: a name the text calls a village or a hamlet
anywhere in the story ("Kalli village", "the village of Osk") is no city of
:data:`STRAY_TOWN` people or more that the name reaches only as an alternate spelling
(Cali in Colombia, one of whose spellings is "Kalli"); such a city is set aside wherever
it lies.

Nor does a country's possessive introduce a place abroad: what "Brazil's" or
"Britain's" introduces is Brazil's or Britain's, a person, a company or one of its
places, so a name right after it whose readings are all small places elsewhere
("Brazil's Kaka", "Britain's Johnson") is none of them (:func:`possessed_abroad`).

Examples
--------
>>> from incidentmap.model import Place
>>> town = Place("g:1", "Bansko", 41.8, 23.5, "P", "PPL", "BG", "01", 9_000)
>>> stray(town, "banjska")
True
>>> stray(town, "bansko")
False
>>> small_abroad(town), small_abroad(Place("g:2", "Sofia", 42.7, 23.3, "P", "PPLC", "BG"))
(True, False)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .._memo import remember
from ..model import Place
from ..text.normalize import normalize_name, strip_articles
from .document import home_countries, home_country, home_in, may_have_home
from .recognize import Mention
from .scored import Scored, best_of

__all__ = ["STRAY_TOWN", "possessed_abroad", "set_aside_strays", "small_abroad", "stray"]

#: A populated place smaller than this, reached through an alternate name, is set aside
#: in a story clearly about another country that never names its own; so are a town or a
#: district this small that is every reading of a name (:func:`small_abroad`).
STRAY_TOWN = 300_000


def small_abroad(place: Place) -> bool:
    """Whether ``place`` is a small town or district, not reached by a story about elsewhere.

    Towns and second-level areas (not a capital, province or country) under
    :data:`STRAY_TOWN` people.
    """
    # the cheap tests first: most candidates are no town or area, or no small one
    if place.feature_class not in ("P", "A") or place.population >= STRAY_TOWN:
        return False
    if place.feature_code == "PPLC" or place.is_country or place.is_admin1:
        return False
    return not place.hand_picked


def _firm_home(
    focus: Mapping[str, float], own: Mapping[str, Mapping[str, float]], small: set[str]
) -> tuple[str, dict[str, float]] | None:
    """Return the article's country by the evidence of its names that are no small places only.

    Two small towns abroad named alike in one story ("Rudrapur" and "Mathabhanga", villages
    of a story about Bangladesh that never names it, are also towns of India) would
    otherwise lend their country the weight that keeps the story's own from being its home.
    The home must hold ``document.HOME_WEIGHT`` and ``document.HOME_SHARE`` of the rest of
    the evidence (:func:`~.document.home_in`), from two names at least (not a reporter's
    bureau alone).
    """
    found = home_in(
        {cc: w - sum(own.get(k, {}).get(cc, 0.0) for k in small) for cc, w in focus.items()}
    )
    if found is None:
        return None
    home = found[0]
    names = sum(1 for k, by in own.items() if k not in small and by.get(home, 0.0) > 0)
    return found if names >= 2 else None


#: Feature codes of the curated places named generically in the news, after the country
#: they serve ("the U.S. Embassy", "the American Embassy"): diplomatic facilities.
GENERIC_CODES = frozenset({"DIP"})


def _generic(place: Place) -> bool:
    """Whether ``place`` is a curated place of :data:`GENERIC_CODES`."""
    return place.feature_code in GENERIC_CODES and place.hand_picked


def stray(place: Place, key: str) -> bool:
    """Whether ``place`` is a small place that the name ``key`` reaches only as an alternate.

    A town (not a district) that is :func:`small_abroad`, or a curated embassy
    (:data:`GENERIC_CODES`), whose main name is not ``key``.

    >>> embassy = Place("curated:e", "Embassy of Osk, Tarn", 1.0, 2.0, "S", "DIP", "TM")
    >>> stray(embassy, "osk embassy"), stray(embassy, "embassy of osk tarn")
    (True, False)
    """
    if not (_generic(place) or (place.feature_class == "P" and small_abroad(place))):
        return False
    main = normalize_name(place.name)
    return main != key and strip_articles(main) != strip_articles(key)


#: What :func:`_small_flags` found of each place, by identity (the candidates' places
#: are the gazetteer's, kept from one article to the next; the entry keeps the place, so
#: its id is not reused while remembered).
_SMALL: dict[int, tuple[Place, bool, str | None, str | None]] = {}
_SMALL_LIMIT = 200_000


def _small_flags(
    ss: Sequence[Scored],
) -> tuple[list[tuple[Place, bool, str | None, str | None]], bool, bool]:
    """Return, for each candidate, whether it is :func:`small_abroad`, and if a town its name.

    Each entry is the place, whether it is :func:`small_abroad`, and for a possible
    :func:`stray` (a small town of feature class P, or a curated embassy) its main name's
    key, with and without articles (None otherwise); remembered by the place's identity.
    With the entries come whether every candidate is :func:`small_abroad` and whether any
    may be a stray (has a main name's key), found in the same loop.
    """
    flags = []
    all_small = True
    may_stray = False
    for s in ss:
        place = s.place
        hit = _SMALL.get(id(place))
        if hit is None or hit[0] is not place:
            small = small_abroad(place)
            strays = (small and place.feature_class == "P") or _generic(place)
            main = normalize_name(place.name) if strays else None
            hit = (place, small, main, None if main is None else strip_articles(main))
            remember(_SMALL, id(place), hit, limit=_SMALL_LIMIT)
        flags.append(hit)
        if not hit[1]:
            all_small = False
        if hit[2] is not None:
            may_stray = True
    return flags, all_small, may_stray


#: Words by which the text says a name is a village (hints ``suffix:village``,
#: ``cue:village of``).
_VILLAGE_WORDS = frozenset({"village", "villages", "hamlet", "hamlets"})


def _called_village(m: Mention) -> bool:
    """Whether the text calls the mention a village or hamlet (a kind word after or before)."""
    for hint in m.hints:
        kind, _, word = hint.partition(":")
        if kind in ("suffix", "cue") and word.split(" ", 1)[0] in _VILLAGE_WORDS:
            return True
    return False


def _grown_villages(
    mentions: Sequence[Mention], scored: list[list[Scored]], out: list[list[Scored]]
) -> None:
    """Set aside the cities a village's name reaches only as an alternate name.

    Cities of :data:`STRAY_TOWN` people or more: every mention of a name the text calls a
    village somewhere loses them.
    """
    villages = {m.key for m in mentions if m.hints and _called_village(m)}
    if not villages:
        return
    reason = "a city reached by another spelling only, though the article calls the name a village"
    for k, (m, ss) in enumerate(zip(mentions, scored, strict=False)):
        if m.key not in villages or m.kind == "demonym":
            continue
        bare = strip_articles(m.key)
        keep = []
        for s in ss:
            p = s.place
            if p.feature_class == "P" and p.population >= STRAY_TOWN and not p.hand_picked:
                main = normalize_name(p.name)
                if main != m.key and strip_articles(main) != bare:
                    s.reasons.append(reason)
                    out[k].append(s)
                    continue
            keep.append(s)
        if out[k]:
            ss[:] = keep


def set_aside_strays(
    mentions: Sequence[Mention],
    scored: list[list[Scored]],
    focus: Mapping[str, float],
    own: Mapping[str, Mapping[str, float]],
) -> list[list[Scored]]:
    """Take out the small places abroad that a name reaches only as an alternate name or a namesake.

    A candidate is taken out when it is a :func:`stray` for the mention's name, lies in a
    country that the article's other mentions never name (no weight in its ``focus``),
    and the article is about another country: one holding at least ``document.HOME_SHARE`` of the
    focus of its other mentions and ``document.HOME_WEIGHT`` of evidence. When every
    candidate of a name is such a place abroad, :func:`small_abroad` and not placed there
    by the text, all are taken out, whatever name reached them; for such a name the
    article's country is judged without the evidence of all such names
    (:func:`_firm_home`), as two namesakes abroad would vouch for each other. Returns the candidates
    taken out of each mention, with the reason; ``scored`` keeps the others. First, the
    cities a village's name reaches only by another spelling are taken out
    (:func:`_grown_villages`).
    """
    out: list[list[Scored]] = [[] for _ in scored]
    _grown_villages(mentions, scored, out)
    if not may_have_home(focus):
        return out
    home_of = home_countries(focus, own)
    # which readings of each mention are small places, and whether all are and the text
    # places none of them there
    found_small = [_small_flags(ss) for ss in scored]
    smalls = [flags for flags, _, _ in found_small]
    only_small = [
        bool(ss) and all_small and not any(s.placed_by_text for s in ss)
        for ss, (_, all_small, _) in zip(scored, found_small, strict=True)
    ]
    small = {
        m.key for m, only in zip(mentions, only_small, strict=False) if only and m.kind == "place"
    }
    firm = _firm_home(focus, own, small) if small else None
    for k, (m, ss) in enumerate(zip(mentions, scored, strict=False)):
        if not ss or m.kind == "demonym" or m.kind == "dateline":
            continue
        # only a small town can be a stray (:func:`stray`): a mention with none loses
        # nothing unless all its readings are small places
        if not only_small[k] and not found_small[k][2]:
            continue
        # small namesakes abroad do not vouch for each other's country
        found = firm if firm is not None and m.key in small else home_of(m.key)
        spelling_only = found is None
        if found is None:
            # a spelling alone moves no story across a border: for an alternate name, the
            # country leading the story's focus will do, though others share it
            found = home_country(m.key, focus, own, share=0.0)
            if found is None:
                continue
        home, others = found
        abroad = [
            s.place.country_code != home and others.get(s.place.country_code, 0.0) <= 0 for s in ss
        ]
        if only_small[k] and all(abroad) and not spelling_only:
            namesake = (
                "a small place in a country the article never names, the name's only "
                f"readings; it is about {home}: a place there the gazetteer lacks"
            )
            for s in ss:
                s.reasons.append(namesake)
            out[k] = list(ss)
            ss[:] = []
            continue
        reason = (
            "an alternate name of a small place in a country the article never names; "
            f"it is about {home}"
        )
        keep = []
        bare = strip_articles(m.key)
        for s, far, (_, _, main, main_bare) in zip(ss, abroad, smalls[k], strict=True):
            # a small town (:func:`stray`) whose main name is not the mention's
            if far and main is not None and main != m.key and main_bare != bare:
                s.reasons.append(reason)
                out[k].append(s)
            else:
                keep.append(s)
        if out[k]:
            ss[:] = keep
    return out


#: A possessive between two names: "Brazil's Kaka".
_POSSESSIVES = ("'s ", "’s ")


def possessed_abroad(
    text: str, mentions: Sequence[Mention], scored: list[list[Scored]], out: list[list[Scored]]
) -> None:
    """Set aside the small places abroad named right after a country's possessive.

    "Brazil's Kaka", "Britain's Johnson", "Victoria's Andrews": a name right after the
    possessive of a country or a first-level area (its best reading), none of whose
    readings lies in that country and all of which are
    :func:`small_abroad`, names none of them. Its candidates move to ``out`` (the
    mention stays unresolved), with the reason; a country, a province or a city of
    :data:`STRAY_TOWN` people is left alone ("Russia's Crimea"). A second-level area
    abroad counts as small whatever its people: a country's possessive may introduce a
    province or a city it claims, never a county of another country ("Britain's
    Johnson" is no Johnson County of 500,000 people in Kansas). The resolver applies
    this before it weighs the article's countries: the towns abroad of a person's name
    ("Andrews", all of them American) are no evidence that the story is American.
    """
    for a in range(len(mentions) - 1):
        m, q = mentions[a], mentions[a + 1]
        ss = scored[a + 1]
        if not ss or q.kind != "place" or text[m.end : q.start] not in _POSSESSIVES:
            continue
        best = best_of(scored[a])
        if best is None or not (best.place.is_country or best.place.is_admin1):
            continue
        code = best.place.country_code
        if any(
            s.place.country_code == code
            or not (small_abroad(s.place) or s.place.feature_code == "ADM2")
            for s in ss
        ):
            continue
        reason = f"a small place abroad, written after '{m.text}'s': none of {code}'s"
        for s in ss:
            s.reasons.append(reason)
        out[a + 1].extend(ss)
        ss[:] = []
