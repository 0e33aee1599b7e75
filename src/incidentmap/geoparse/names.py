"""The index of every name the recognizer looks for, cached on disk per gazetteer version.

The cache file is sealed (:mod:`incidentmap.sealed`: a header, a SHA-256 digest and
plain strings and integers, no pickle), keyed on the gazetteer's version (a hash of
its data and the user's imports) and the word lists used, and built under a lock.

Names are matched token by token: the article is split into word tokens, each
token gets its normalised key (:func:`~incidentmap.text.normalize.normalize_name`)
and, from each token that may start a name, the longest run of tokens whose
joined keys is a known name wins. A name is known if it is a Latin-script key of
the gazetteer, a demonym, an abbreviation or an organisation from the lexicon.

Each key maps to bit flags (:data:`GAZ`, :data:`DEMONYM` ...). A plain dict of
keys loads in about 0.3 s and 80 MB for the whole GeoNames cities500 name set,
where an Aho-Corasick automaton of the same keys took 2.6 s and 290 MB, so the
index is a dict plus, per first token, the longest name that starts with it.

Examples
--------
>>> index = NameIndex.from_keys({"new york": GAZ, "york": GAZ, "iraqi": DEMONYM})
>>> index.longest(["new", "york", "city"], 0)
(2, 1)
>>> index.longest(["iraqi", "forces"], 0)
(1, 2)
>>> index.longest(["forces"], 0) is None
True
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._memo import remember
from ..errors import CacheError, GazetteerError
from ..locking import FileLock
from ..model import Place
from ..sealed import pack_maps, read_sealed, unpack_maps, write_sealed
from ..text.normalize import ARABIC_NAMED, normalize_name, strip_articles
from .lexicon import Lexicon
from .protocol import NameSource, PlaceLookup

__all__ = [
    "ABBR",
    "COMMON",
    "DEMONYM",
    "GAZ",
    "ORG",
    "STRONG_ADMIN",
    "STRONG_AREA",
    "STRONG_CITY",
    "NameIndex",
    "join_initials",
]

log = logging.getLogger(__name__)

#: The Arabic article and its assimilated forms, written with a or with e.
_ARTICLE_SWAP = {
    a: e
    for pair in (("al", "el"), ("az", "ez"), ("ad", "ed"), ("as", "es"), ("ash", "esh"),
                 ("at", "et"), ("ath", "eth"), ("an", "en"), ("ar", "er"), ("adh", "edh"))
    for a, e in (pair, pair[::-1])
}  # fmt: skip

GAZ = 1
"""A gazetteer name."""
DEMONYM = 2
ABBR = 4
ORG = 8
COMMON = 16
"""An everyday English word as well as a place name."""
STRONG_AREA = 32
"""The main name of a country."""
STRONG_CITY = 64
"""The main name of a place of 100,000 people or more."""
STRONG_ADMIN = 128
"""The main name of a first-level administrative area."""

#: The forms of the Arabic article a writer may give a well-known name: "al" and "el",
#: each assimilated form (writers assimilate to the wrong letter too: "Deir ad-Zor"), and
#: the bare vowel before a doubled letter ("Deir e-Zor").
_ARTICLE_FORMS = (*sorted(_ARTICLE_SWAP), "e")


def _article_forms(flags: dict[str, int]) -> dict[str, tuple[str, ...]]:
    """Add the other article forms of the well-known names with one article; return them.

    A name of a first-level area, a country or a city of 100,000 people (a
    :data:`STRONG_ADMIN`, :data:`STRONG_AREA` or :data:`STRONG_CITY` key) with one
    article before another word gets every form of :data:`_ARTICLE_FORMS` in its place,
    with the flags of the name. Returns each added key with the gazetteer keys it stands
    for (the name and its article-free key), for :attr:`NameIndex.joined`.
    """
    strong = STRONG_ADMIN | STRONG_AREA | STRONG_CITY
    added: dict[str, tuple[str, ...]] = {}
    for key in [k for k, f in flags.items() if f & strong and " " in k]:
        tokens = key.split(" ")
        at = [n for n, t in enumerate(tokens[:-1]) if t in _ARTICLE_SWAP]
        if len(at) != 1:
            continue
        n = at[0]
        for form in _ARTICLE_FORMS:
            other = " ".join((*tokens[:n], form, *tokens[n + 1 :]))
            if other not in flags:
                flags[other] = flags[key]
                added[other] = (key, strip_articles(key))
    return added


#: The first word of gazetteer names, and how news copy also writes it: "Co Cork" and
#: "Co. Antrim" for Ireland's counties; "Tal Abyad" and "Tel Tamr" for GeoNames' "Tall"
#: (Arabic for a hill, opening many town names of Syria and Iraq).
_FIRST_WORD_FORMS = {"county ": ("co ",), "tall ": ("tal ", "tel ", "tell ")}

_MAX_TOKENS = 8
_LATIN_KEY = re.compile(r"[a-z0-9 ]+")
_FORMAT = 20  # bump when the index layout or the flags change
_KIND = "geoparse-names"


@dataclass(frozen=True)
class NameIndex:
    """Keys the recognizer looks for, with their flags.

    Parameters
    ----------
    flags
        Normalised key -> OR of the flag constants.
    first
        First token of a key -> the most tokens any key starting with it has.
    pairs
        First two tokens of a key of three or more -> the most tokens any such key has,
        so that a start like "new" or "north" is not tried at every length.
    joined
        Gazetteer keys holding spelled-out initials, by the key the text gives for them.
    """

    flags: Mapping[str, int]
    first: Mapping[str, int]
    pairs: Mapping[str, int] = field(default_factory=dict)
    joined: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Key with its single letters joined -> the gazetteer keys it stands for.

    The gazetteer keys "U.S. Embassy Baghdad" as ``u s embassy baghdad`` while the
    tokenizer keys a dotted acronym like its undotted form (``us embassy baghdad``); the
    joined form is what the text gives, and the resolver looks the original key up. A
    well-known name written with another form of its Arabic article ("deir e zor") maps to
    its gazetteer keys too."""
    _pair_memo: dict[tuple[str, str], tuple[int, int, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """First two tokens -> (:attr:`pairs` of their key, flags of the two, flags of the first),
    remembered as :meth:`candidates` looks them up."""

    @classmethod
    def from_keys(cls, flags: Mapping[str, int]) -> NameIndex:
        """Build an index from ready keys and flags."""
        first: dict[str, int] = {}
        pairs: dict[str, int] = {}
        for key in flags:
            tokens = key.split(" ")
            n = len(tokens)
            if len(tokens[0]) and n > first.get(tokens[0], 0):
                first[tokens[0]] = n
            if n >= 3:
                two = f"{tokens[0]} {tokens[1]}"
                if n > pairs.get(two, 0):
                    pairs[two] = n
        return cls(flags=dict(flags), first=first, pairs=pairs)

    def longest(self, keys: Sequence[str], i: int) -> tuple[int, int] | None:
        """Return ``(token count, flags)`` of the longest name starting at token ``i``."""
        found = self.candidates(keys, i)
        return found[0] if found else None

    def candidates(self, keys: Sequence[str], i: int) -> list[tuple[int, int]]:
        """Return ``(token count, flags)`` of every name starting at token ``i``, longest first."""
        first = keys[i]
        most = self.first.get(first)
        if not most:
            return []
        get = self.flags.get
        if most == 1 or i + 1 >= len(keys):  # the common case: one word
            flags = get(first)
            return [(1, flags)] if flags else []
        pair = (first, keys[i + 1])
        known = self._pair_memo.get(pair)  # a small dict: quicker than three big ones
        if known is None:
            two = f"{first} {keys[i + 1]}"
            known = (self.pairs.get(two, 0), get(two, 0), get(first, 0))
            remember(self._pair_memo, pair, known, limit=100_000)
        longest, flags_two, flags_one = known
        out = []
        if longest:  # names of three words or more begin with these two
            for n in range(min(longest, len(keys) - i), 2, -1):
                flags = get(" ".join(keys[i : i + n]))
                if flags:
                    out.append((n, flags))
        if flags_two:
            out.append((2, flags_two))
        if flags_one:
            out.append((1, flags_one))
        return out

    @classmethod
    def build(cls, gazetteer: NameSource, lexicon: Lexicon) -> NameIndex:
        """Collect the keys from ``gazetteer.iter_name_stats()`` and the lexicon.

        Gazetteer keys are kept when written in Latin letters (after diacritics are
        dropped), at least three characters long and not only digits.
        """
        flags: dict[str, int] = {}
        big: list[str] = []
        for stats in gazetteer.iter_name_stats():
            key = stats.key
            if (
                len(key) >= 3
                and key.count(" ") < _MAX_TOKENS
                and _LATIN_KEY.fullmatch(key)
                and not key.replace(" ", "").isdigit()
            ):
                flags[key] = GAZ
                if stats.has_country or stats.has_admin1 or stats.max_population >= 100_000:
                    big.append(key)
        for key in lexicon.common_words:
            if key in flags:
                flags[key] |= COMMON
        for key in big:
            flags[key] |= _strength(gazetteer, key)
        # "Deir el-Zour" for "Deir al-Zour", "El-Fasher" for "Al Fashir": writers render
        # the Arabic article with a or e at will; each spelling finds the other's names
        for key in [k for k in flags if " " in k]:
            tokens = key.split(" ")
            if not any(t in _ARTICLE_SWAP for t in tokens):
                continue
            other = " ".join(_ARTICLE_SWAP.get(t, t) for t in tokens)
            if other not in flags:
                flags[other] = flags[key]
        respelt = _article_forms(flags)
        joined: dict[str, tuple[str, ...]] = {}
        for key in [k for k in flags if " " in k and _LETTER_RUN.search(k)]:
            short = join_initials(key)
            if " " in short:  # a bare acronym ("u s") is the lexicon's abbreviation
                joined[short] = (*joined.get(short, ()), key)
                flags[short] = flags.get(short, 0) | flags[key]
        for key, keys in respelt.items():
            joined[key] = (*joined.get(key, ()), *keys)
        for word, forms in _FIRST_WORD_FORMS.items():
            for key in [k for k in flags if k.startswith(word)]:
                for form in forms:
                    short = form + key.removeprefix(word)
                    joined[short] = (*joined.get(short, ()), key)
                    flags[short] = flags.get(short, 0) | flags[key]
        for key in lexicon.extra_places:
            if not key.startswith("geonames:"):
                flags[key] = flags.get(key, 0) | GAZ
        for key in lexicon.demonyms:
            flags[key] = flags.get(key, 0) | DEMONYM
        for key in lexicon.abbreviations:
            flags[key] = flags.get(key, 0) | ABBR
        for key in lexicon.organisations:
            flags[key] = flags.get(key, 0) | ORG
        index = cls.from_keys(flags)
        return cls(flags=index.flags, first=index.first, pairs=index.pairs, joined=joined)

    @classmethod
    def cached(cls, gazetteer: NameSource, lexicon: Lexicon) -> NameIndex:
        """Load the index for this gazetteer version from the cache, building it if needed."""
        cache_dir = getattr(gazetteer, "cache_dir", None)
        version = str(getattr(gazetteer, "version", "") or "")
        if cache_dir is None or version in ("", "records") or _in_memory(gazetteer):
            return cls.build(gazetteer, lexicon)  # no stable identity to key a cache file on
        used = (
            _FORMAT,
            sorted(lexicon.common_words),
            sorted(lexicon.extra_places),
            sorted(lexicon.organisations),
            sorted(lexicon.demonyms),
            sorted(lexicon.abbreviations),
        )  # every list the index is built from: a change rebuilds it
        digest = hashlib.sha1(repr(used).encode()).hexdigest()
        version = re.sub(r"[^\w.-]+", "_", version)
        path = Path(cache_dir) / f"geoparse-names-{version}-{digest[:10]}.bin"
        found = _load(path, quiet=False)
        if found is not None:
            return found
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(path.parent / ".names.lock"):  # one process builds, others wait
                found = _load(path, quiet=True)
                if found is not None:
                    return found
                index = cls.build(gazetteer, lexicon)
                data = pack_maps(
                    {"flags": index.flags, "first": index.first, "pairs": index.pairs},
                    {"joined": index.joined},
                )
                write_sealed(path, data, kind=_KIND, version=_FORMAT)
                for stale in path.parent.glob(f"geoparse-names-{version}-*"):
                    if stale != path:  # older word lists of this gazetteer
                        stale.unlink(missing_ok=True)
                for stale in path.parent.glob("geoparse-names-*.pickle"):  # older format
                    stale.unlink(missing_ok=True)
        except OSError as exc:
            raise GazetteerError(f"cannot write the name index cache {path}: {exc}") from exc
        return index


def _load(path: Path, *, quiet: bool) -> NameIndex | None:
    """Return the index cached in ``path``, or ``None`` if it is missing or unusable."""
    if not path.exists():
        return None
    try:
        ints, tuples = unpack_maps(read_sealed(path, kind=_KIND, version=_FORMAT))
        return NameIndex(
            flags=ints["flags"], first=ints["first"], pairs=ints["pairs"], joined=tuples["joined"]
        )
    except (CacheError, KeyError) as exc:
        if not quiet:
            log.warning("rebuilding the name index: %s could not be used (%s)", path, exc)
        return None


#: A run of two or more single-letter tokens ("u s" in "u s embassy").
_LETTER_RUN = re.compile(r"(?:^| )[a-z](?: [a-z])+(?= |$)")


def join_initials(key: str) -> str:
    """Join runs of single letters in a key, as the tokenizer keys a dotted acronym.

    >>> join_initials("u s embassy in baghdad"), join_initials("bad neustadt a d saale")
    ('us embassy in baghdad', 'bad neustadt ad saale')
    >>> join_initials("a street")
    'a street'
    """
    return _LETTER_RUN.sub(
        lambda m: (" " if m.group(0).startswith(" ") else "") + m.group(0).replace(" ", ""),
        key,
    )


def _in_memory(gazetteer: Any) -> bool:
    return str(getattr(gazetteer, "path", "")) in ("", ":memory:")


def arabic_final_h(key: str, place: Place) -> bool:
    """Whether ``key`` is the place's main name written without its final h.

    Names of Arabic-speaking countries that end in the feminine -a are written with or
    without an h: news copy's "Hama", "Falluja" and "Misrata" are GeoNames' Hamah,
    Fallujah and Misratah.

    Examples
    --------
    >>> hamah = Place("t:1", "Ḩamāh", 35.1, 36.8, "P", "PPLA", "SY", "21")
    >>> arabic_final_h("hama", hamah), arabic_final_h("ham", hamah)
    (True, False)
    """
    return (
        place.country_code in ARABIC_NAMED
        and key.endswith("a")
        and normalize_name(place.name) == key + "h"
    )


def _strength(gazetteer: PlaceLookup, key: str) -> int:
    """Return flags saying whether ``key`` is the main name of a country or a big city.

    A big city's name in an Arabic-speaking country written without the final h of its
    main name ("falluja" for Fallujah) counts as its main name, from five letters on; so
    does a first-level area's ("shabwa" for Shabwah).
    """
    out = 0
    for place in gazetteer.lookup_key(key, limit=20):
        name = normalize_name(place.name)
        if name != key:
            if place.is_admin1 and arabic_final_h(key, place):
                out |= STRONG_ADMIN  # "shabwa": Shabwah's main name without its h
                continue
            # a well-known other name of a big city ("Mecca" for Makkah), not a short code
            # ("Rafa" of Rafah is as often a person: five letters at least)
            if (
                place.feature_class == "P"
                and len(key) >= 5
                and (
                    place.population >= 1_000_000
                    or (place.population >= 100_000 and arabic_final_h(key, place))
                )
            ):
                out |= STRONG_CITY
            continue
        if place.is_country:
            out |= STRONG_AREA
        elif place.is_admin1:
            out |= STRONG_ADMIN
        elif place.feature_class == "P" and place.population >= 100_000:
            out |= STRONG_CITY
    return out
