"""Unknown names in place frames matched to a differently spelled place of the story's country.

Transliterated names are spelt many ways: the vowels move, double letters are single
("Balad Hawo" and "Beled Hawo", "Banisa" and "Banissa", "Meknessi" and "Meknassy"), while
the consonants stay. A capitalised name the gazetteer does not know, written where news
copy writes a town ("the border town of X", "the village of X", "a village called X",
"X district", "in X, Y district"), is matched on its consonant skeleton against the
populated places and areas of the story's own country (the one holding more than half
of the article's places and demonyms) only, and is placed when exactly one place there
has that skeleton and a similar spelling overall (rapidfuzz's ratio at least
``MIN_RATIO``); the toponym keeps the reason. Names of fewer than three consonants say
too little and are left alone.

A span given as a place (gold or user markup) that the gazetteer lacks is matched the
same way, without a town frame, against the areas of the story's country and its towns
of ``MIN_GIVEN_TOWN`` people or more (:func:`respelled_given`).

A district named by the adjective of its chief town, as Russian and Ukrainian districts
are ("the Shebekinsky urban district", "Borisovsky district"), is placed at that town
of the story's country (Shebekino, Borisovka) before any respelling is tried.

Examples
--------
>>> skeleton("Balad Hawo") == skeleton("Beled Hawo"), skeleton("Banisa") == skeleton("Banissa")
(True, True)
>>> skeleton("Meknessi") == skeleton("Meknassy")
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from ..model import Place, Toponym, majority_country
from ..text.normalize import normalize_name, strip_articles

__all__ = [
    "MIN_GIVEN_TOWN",
    "MIN_SKELETON",
    "respelled_area",
    "respelled_given",
    "respelled_toponyms",
    "skeleton",
]

#: Skeletons shorter than this (consonants) are not matched.
MIN_SKELETON = 3
#: The least similarity (rapidfuzz's ratio, 0-100) of the two spellings as written: the
#: same consonants in a different word shape ("Meyarga", "Mergayu") are no respelling.
MIN_RATIO = 75.0
_VOWELS = re.compile(r"[aeiouy\W_]+")
_NAME = r"[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){0,2}"
_KIND_WORDS = ("village", "town", "city", "district", "township", "locality", "settlement")
# (no leading \b: the letter before is checked in the loop)
_KIND = re.compile(rf"(?:{'|'.join(_KIND_WORDS)})\b")
# around a kind word: "the border town of X", "X district", "in X, Mandera district"
_OF_NAME = re.compile(rf"\s+of\s+({_NAME})")
# "a village called X", "a village 65 km from Y, called X": the name the kind word announces
_CALLED = re.compile(rf"[^.;:!?\n]{{0,70}}?,?\s+(?:called|named)\s+({_NAME})")
# "the Shebekinsky urban district": the kind of a Russian or Ukrainian district between
_DISTRICT_KIND = re.compile(r"\s(?:urban|rural|municipal)\s+$")
_NAME_BEFORE = re.compile(rf"\b({_NAME})\s+(?:(?:urban|rural|municipal)\s+)?$")
_LISTED_BEFORE = re.compile(rf"\b(?:in|near|at)\s+({_NAME}),\s+[A-Z][a-z]+\s+$")
#: ``places_in(country, initial=..., lengths=(shortest, longest))``
PlacesIn = Callable[..., list[Place]]
_DOUBLED = re.compile(r"(.)\1+")
_REASON = "a spelling of {name} ({cc}), the story's country: same consonants"
#: A given span (a place by the markup) the gazetteer lacks respells only an area or a
#: town of at least this many people: small places have many near-spellings ("Basque"
#: and a hamlet "Busque").
MIN_GIVEN_TOWN = 10_000


def skeleton(name: str) -> str:
    """Return the consonants of a name, without vowels, spaces and doubled letters."""
    bare = _VOWELS.sub("", normalize_name(name))
    return _DOUBLED.sub(r"\1", bare)


@lru_cache(maxsize=1024)
def _respelling(places_in: PlacesIn, version: str, country: str, name: str) -> Place | None:
    """Return the one place of ``country`` that ``name`` respells, if exactly one.

    ``version`` (the gazetteer's) is part of the memo's key: a gazetteer that switches to
    new data keeps its ``places_in``, and an answer of the old data must not come back.
    """
    bare = normalize_name(name)
    key = skeleton(name)
    span = (len(name) * 2 // 3, len(name) * 3 // 2 + 1)
    hits = [
        p
        for p in places_in(country, initial=name[0], lengths=span)
        if fuzz.ratio(bare, p.name.lower()) >= MIN_RATIO - 15  # a cheap first sieve
        and fuzz.ratio(bare, normalize_name(p.name)) >= MIN_RATIO
        and skeleton(p.name) == key
    ]
    return hits[0] if len(hits) == 1 else None


def _kind_words(text: str) -> list[re.Match[str]]:
    """Return the matches of ``_KIND`` in ``text``, as ``_KIND.finditer`` gives them.

    A match begins where a kind word does: ``str.find`` finds those places (in C, far
    quicker than the regex trying every position), and the regex is tried there only.

    >>> [m.group() for m in _kind_words("a township, townsfolk and the city of X")]
    ['township', 'city']
    """
    starts: set[int] = set()
    for word in _KIND_WORDS:
        at = text.find(word)
        while at >= 0:
            starts.add(at)
            at = text.find(word, at + 1)
    found = []
    end = 0
    for at in sorted(starts):
        if at >= end and (m := _KIND.match(text, at)) is not None:
            found.append(m)
            end = m.end()
    return found


def respelled_toponyms(
    text: str,
    found: Sequence[Toponym],
    places_in: PlacesIn,
    *,
    known: Callable[[str], bool],
    version: str = "",
) -> list[Toponym]:
    """Return toponyms for unknown names in town frames that respell a place of the story's country.

    Parameters
    ----------
    text
        The article text.
    found
        The toponyms already recognised (they give the story's country; names overlapping
        them are skipped).
    places_in
        Returns the places of a country whose name begins with a letter and has a
        length in a range (:meth:`~incidentmap.gazetteer.Gazetteer.places_in`); a
        respelling keeps its first letter and about its length.
    known
        Whether a normalised key is a name the geoparser already knows (a place or a
        non-place word): those are not respelled.
    version
        The gazetteer's version, which keys the memo of respellings.
    """
    framed: list[str] = []
    for kind in _kind_words(text):
        start, end = kind.span()
        if start and text[start - 1].isalnum():
            continue  # "downtown", "subdistrict"
        after = _OF_NAME.match(text, end) or _CALLED.match(text, end)
        if after:
            framed.append(after.group(1))
        before = text[max(0, start - 80) : start]
        last = _DISTRICT_KIND.sub("", before).rsplit(None, 1)[-1:]
        if not (last and last[0][:1].isupper()):
            continue  # "the city", "a border town": no name written before the word
        for frame in (_NAME_BEFORE, _LISTED_BEFORE):
            got = frame.search(before)
            if got:
                framed.append(got.group(1))
    if not framed:
        return []
    home = majority_country(found)
    if home is None:
        return []
    names: dict[str, Place] = {}
    for name in dict.fromkeys(framed):
        key = skeleton(name)
        if len(key) < MIN_SKELETON:
            continue
        if known(normalize_name(name)):
            continue
        # a district's adjective names its town before it respells anything
        place = _district_town(places_in, found, home, name) or _respelling(
            places_in, version, home, name
        )
        if place is not None:
            names[name] = place
    if not names:
        return []
    taken = [(t.start, t.end) for t in found]
    out = []
    for name, place in names.items():
        for m in re.finditer(rf"\b{re.escape(name)}\b", text):
            start, end = m.span()
            if any(s < end and start < e for s, e in taken):
                continue
            told = _DISTRICT_REASON if _ADJECTIVE.search(name) else _REASON
            reason = told.format(name=place.name, cc=home)
            out.append(Toponym(start, end, name, "place", place, 0.5, reasons=(reason,)))
    return out


#: The adjective endings of a district named after its chief town, as Russian and Ukrainian
#: districts are ("Shebekinsky" of Shebekino, "Borisovsky" of Borisovka, "Kupianskyi" of
#: Kupiansk, "Bakhmutskyi" of Bakhmut), in their transliterations.
_ADJECTIVE_ENDINGS = (
    *("sky", "skiy", "skii", "ski"),  # Russian, masculine
    *("skaya", "skoy"),  # Russian, feminine and oblique
    *("skyi", "skyy", "ske"),  # Ukrainian, masculine and neuter
    *("tsky", "tskyi"),  # after a "t", which goes with the ending: "Bakhmu-tskyi"
)
#: The longest ending a name ends with (a search finds the leftmost, so the longest).
_ADJECTIVE = re.compile(rf"(?:{'|'.join(_ADJECTIVE_ENDINGS)})$")
#: The shortest stem matched ("Sum-skyi" of Sumy is too short to tell a town by).
_MIN_STEM = 5
#: Letters a town's name may add to the stem of its district's adjective ("Borisov-ka").
_TOWN_TAIL = 3
_DISTRICT_REASON = "the district named after its town, {name} ({cc}), the story's country"


def _district_town(
    places_in: PlacesIn, found: Sequence[Toponym], country: str, name: str
) -> Place | None:
    """Return the town a district's adjective names ("Shebekinsky district": Shebekino).

    The towns of ``country`` whose name begins with the adjective's stem and adds at most
    ``_TOWN_TAIL`` letters; of several, those in a first-level area the story names (its
    other places there); one, or None.

    >>> shebekino = Place("t:sh", "Shebekino", 50.4, 36.9, "P", "PPL", "RU", "09")
    >>> _district_town(lambda *a, **k: [shebekino], [], "RU", "Shebekinsky").name
    'Shebekino'
    """
    cut = _ADJECTIVE.search(name)
    if cut is None:
        return None
    stem = normalize_name(name[: cut.start()])
    if len(stem) < _MIN_STEM:
        return None
    lengths = (len(stem), len(stem) + _TOWN_TAIL)
    towns = [
        p
        for p in places_in(country, initial=name[0], lengths=lengths)
        if p.feature_class == "P" and normalize_name(p.name).startswith(stem)
    ]
    if len(towns) > 1:
        areas = {
            t.place.admin1 for t in found if t.place is not None and t.place.country_code == country
        }
        towns = [p for p in towns if p.admin1 in areas]
    return towns[0] if len(towns) == 1 else None


#: A word-final "h" after a vowel transliterates the Arabic feminine ending, often left out
#: ("Jazira" and "Al Jazirah", "Diwaniya" and "Ad Diwaniyah").
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


# cached: a country's area names are compared again for each name the gazetteer lacks
@lru_cache(maxsize=1 << 16)
def _bare(key: str) -> str:
    return _FINAL_H.sub("", strip_articles(f"al {key}" if " " not in key else key))


@lru_cache(maxsize=1 << 16)
def _bare_skeleton(key: str) -> str:
    return skeleton(_bare(key))


def respelled_area(names: Sequence[tuple[str, Place]], name: str) -> Place | None:
    """Return the one area of ``names`` (name keys with their areas) that ``name`` spells.

    "Jazira State" in a story about Sudan is the state the gazetteer holds as "Gezira" and
    "Al Jazirah": the names are compared without their Arabic articles and a final "h"
    after a vowel, then by consonant skeleton with a similar spelling (``MIN_RATIO``).

    >>> gezira = Place("t:gz", "Gezira", 14.4, 33.4, "A", "ADM1", "SD", "38")
    >>> respelled_area([("gezira", gezira), ("al jazirah", gezira)], "Al-Jazira").name
    'Gezira'
    """
    bare = _bare(normalize_name(name))
    if len(skeleton(bare)) < MIN_SKELETON:
        return None
    found = {p.id: p for key, p in names if _bare(key) == bare}
    if not found:
        key = skeleton(bare)
        found = {
            p.id: p
            for k, p in names
            if _bare_skeleton(k) == key and fuzz.ratio(bare, _bare(k)) >= MIN_RATIO
        }
    if len(found) != 1:
        return None
    return next(iter(found.values()))


def respelled_given(
    found: Sequence[Toponym],
    places_in: PlacesIn,
    area_names: Callable[[str], Sequence[tuple[str, Place]]],
    *,
    version: str = "",
) -> list[Toponym]:
    """Place the given spans the gazetteer lacks that respell an area or town of the story.

    A span the markup says is a place ("Menoufia", "Dogu Beyazit") with no candidate at
    all is matched, in the story's own country (the one holding more than half of its
    places), first against its first- and second-level areas (:func:`respelled_area`:
    "Menoufia" is "Al Minufiyah"), then against its towns of ``MIN_GIVEN_TOWN`` people or
    more by consonant skeleton ("Dogu Beyazit" is "Dogubayazit"). Returns ``found`` with
    those spans placed, each keeping the reason; the others as they were.
    """
    lacking = [t for t in found if t.place is None and not t.candidates]
    if not lacking:
        return list(found)
    home = majority_country(found)
    if home is None:
        return list(found)
    names: dict[str, Place | None] = {}
    out = []
    for t in found:
        if t.place is not None or t.candidates:
            out.append(t)
            continue
        if t.text not in names:
            place = None
            if len(skeleton(t.text)) >= MIN_SKELETON:
                place = respelled_area(area_names(home), t.text)
                if place is None:
                    town = _respelling(places_in, version, home, t.text)
                    if town is not None and town.population >= MIN_GIVEN_TOWN:
                        place = town
            names[t.text] = place
        place = names[t.text]
        if place is None:
            out.append(t)
            continue
        reason = _REASON.format(name=place.name, cc=home)
        out.append(Toponym(t.start, t.end, t.text, t.kind, place, 0.5, reasons=(reason,)))
    return out
