"""Find the place mentions in a text: names, demonyms, abbreviations and datelines.

The text is split into word tokens and each token gets its normalised key; from
every capitalised token the longest run of tokens that spells a known name is a
candidate (see :mod:`.names`). A candidate becomes a :class:`Mention` unless a rule
says it is something else:

- lower-case words are not names (``"most people"``, ``"police said"``);
- months, weekdays and organisations (``"State Department"``, ``"Islamic State"``), but an
  organisation named like a place the gazetteer curates is that place after a preposition
  of place (``"a ceremony at the White House"``);
- persons (see :mod:`.persons`): names after a title or a given name (``"President
  Obama"``, ``"Moqtada al-Sadr"``, ``"Jordan Peterson"``), bare names by the words around
  them (``"Burton said"``), and those names again later in the article, unless a big
  city's name comes after a place cue (``"Ahmed Mosul ... in Mosul"``);
- everyday words that are also small towns (``"Police"``, ``"Most"``, ``"Read"``)
  need a place cue before them (``"in"``, ``"near"``, ``"fled to"``, ``"the mayor of"``;
  the end of a route, ``"from Goma to Sake"``; each name of a list after a plural kind
  word, ``"the villages of Osk and Tarn"``) unless they name a big place, and are none
  before "of" and a capitalised word (``"at University of Leeds"``);
- the sides of a sports result (``"Tottenham beat Chelsea 2-1"``: see :mod:`.teams`);
- compass words alone (``"North"``), currency codes (``"US$"``), disease names
  (``"West Nile virus"``; a big place's "flu season" is its own), storms' names
  (``"Hurricane Florence"``), small places inside facility names (``"Abbey Gate"``).

A name followed by a kind word carries it as a hint (``"Anbar province"``), and so does
the last name of a list before a plural one (``"Sagaing and Magway regions"``); a name
before its mayor or council (``"Ciocile Mayor Ion Popa"``) has the evidence of its body.

A name may hold a possessive (``"King's Lynn"``, ``"People's Republic of China"``: see
:mod:`.possessives`), though a possessive after any other name is cut off.

Demonyms (``"Iraqi"``) and adjectival uses (``"Iran-linked"``, ``"U.S.-led"``) become
mentions of the country with ``kind="demonym"``, unless they name a language (``"she
speaks French"``, ``"shouted in Turkish, then"``: see :mod:`.languages`).

Examples
--------
>>> from incidentmap.geoparse.names import GAZ, NameIndex
>>> rec = Recognizer(NameIndex.from_keys({"baghdad": GAZ}))
>>> [(m.text, m.kind) for m in rec.recognize("Police in Baghdad said most people left.")]
[('Baghdad', 'place')]
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from operator import itemgetter

from ..gazetteer.kinds import PlaceKinds
from ..model import ToponymKind
from ..text.normalize import normalize_name, strip_articles
from .context import TokenContext, shared_name
from .datelines import find_dateline
from .languages import language_use
from .lexicon import PLURAL_AREA_WORDS, Lexicon
from .names import (
    ABBR,
    COMMON,
    DEMONYM,
    GAZ,
    ORG,
    STRONG_ADMIN,
    STRONG_AREA,
    STRONG_CITY,
    NameIndex,
)
from .persons import find_persons
from .possessives import possessive_names
from .teams import has_score, is_side

__all__ = ["LIST_GAPS", "SEAT", "SOLID_COMPASS", "Mention", "Recognizer", "tokenize"]

# Splits a text into separator, word, separator, ..., separator (the words are runs of
# \w); inner apostrophes ("Sana'a") are joined and a possessive 's dropped afterwards.
_WORDS = re.compile(r"(\w+)")
#: In ASCII text a word character is one of these: each other character becomes a space
#: (``_BLANK_GAPS``), or each of these does (``_BLANK_WORDS``), and ``str.split`` then
#: finds the words or the gaps between them without the regex engine (:func:`_split_words`).
_ASCII_WORD = frozenset(string.ascii_letters + string.digits + "_")
_BLANK_GAPS = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in _ASCII_WORD})
_BLANK_WORDS = str.maketrans({chr(c): " " if chr(c) in _ASCII_WORD else "." for c in range(128)})
#: A character beyond ASCII: in news copy mostly typographic punctuation, most often these.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_TYPOGRAPHIC = "’“”—–‘…\u00a0"
# A dotted acronym has ".X." in it ("U.S.", "U.A.E."): cheap to look for.
_ACRONYM_HINT = re.compile(r"\.[A-Za-z]\.")
# What may separate two tokens inside one name: a space, a hyphen, an abbreviation's period.
_KEY_CACHE: dict[str, str] = {}
_FIRST = itemgetter(0)
_NAMEISH = GAZ | DEMONYM | ABBR | ORG
_DATELINE_SUFFIXES = PlaceKinds.default().words  # "LAUREL COUNTY, Ky. -"
_BIG = STRONG_AREA | STRONG_ADMIN | STRONG_CITY
#: A compass name written as one word ("Northwest"): a direction, unless written with the
#: word of a first-level area ("the Northwest region", "the region of Southwest"), where
#: it names the region the gazetteer spells in two words ("North-West").
SOLID_COMPASS = frozenset({"northwest", "northeast", "southwest", "southeast"})
_FIRST_LEVEL = PlaceKinds.default().first_level
_STRONG = STRONG_AREA | STRONG_ADMIN | STRONG_CITY | DEMONYM | ABBR
#: After a saint's name: an optional possessive and the last word of a building's name.
#: Only a building written with its town ("..., Toronto", "... in Toronto") is taken.
_SAINTS_BUILDING = re.compile(r"(?:['’]s?)? (\w+)(?=(?:,\s*|\s+(?:in|at)\s+(?:the\s+)?)[A-Z])")
#: An influenza strain's name: type, place of isolation, number, year ("A/Perth/16/2009").
_STRAIN = re.compile(r"(?<![\w/])[A-D]/")
#: What joins the names of a list ("Nyanza, Rift Valley and Western").
LIST_GAPS = frozenset({", ", " and ", ", and ", " or ", ", or "})
#: " of " and a capitalised word: after an everyday word, the rest of a longer name.
_OF_NAME = re.compile(r" of (?:the )?[A-Z]")
#: Lower-case prefixes that make an adjective of a name joined to them by a hyphen: what
#: is "un-American", "anti-Japanese" or "euro-Atlantic" names an attitude or a scope, no
#: place ("mid-Ohio" and "sub-Saharan Africa" do name one).
_ADJECTIVE_PREFIXES = frozenset({"un", "anti", "pro", "pan", "euro", "trans", "non", "neo"})
#: Words after a state's abbreviation that make it the name of an exam ("ACT scores").
_EXAM_AFTER = re.compile(r"[ -](?:tests?|exams?|scores?|takers?|results)\b", re.IGNORECASE)
#: A plural kind word, "of" and a list of capitalised names up to a name's start: "the
#: villages of Osk, Tarn and " (at most ``_KIND_LIST_CHARS`` before it).
_KIND_LIST = re.compile(
    r"\b(villages|towns|hamlets|communities|districts) of "
    r"(?:[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}(?:, and |, | and ))+$"
)
_KIND_LIST_CHARS = 80
_PLURAL_AREAS = frozenset(PLURAL_AREA_WORDS)
#: The ``level`` of a mention of the place an organisation is named after (its seat).
SEAT = "seat"
_CONTRACTION = re.compile(r"['’](?:ve|re|ll|d|m|t|s)$|n['’]t$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A recognised place mention, before resolution.

    ``key`` is the normalised name to look up; demonyms and abbreviations carry the
    ``country_code`` they stand for (and abbreviations the full ``name`` and ``level``).
    ``hints`` are the reasons the resolver may use: ``"suffix:province"``,
    ``"cue:in"``, ``"dateline"``, ``"initial"``. The seat of an organisation ("at the White
    House") has ``level`` :data:`SEAT`: only the gazetteer's curated places of its name are
    its readings.
    """

    start: int
    end: int
    text: str
    key: str
    kind: ToponymKind = "place"
    country_code: str | None = None
    name: str | None = None
    level: str | None = None
    hints: tuple[str, ...] = field(default=())


def tokenize(text: str) -> tuple[list[tuple[int, int]], list[str]]:
    """Split ``text`` into word spans and their normalised keys.

    A possessive ``'s`` is cut off; a dotted acronym ("U.S.") is one token keyed like
    its undotted form ("us").

    >>> tokenize("Al-Fallujah's St. Mary")
    ([(0, 2), (3, 11), (14, 16), (18, 22)], ['al', 'fallujah', 'saint', 'mary'])
    >>> tokenize("U.S. Embassy")
    ([(0, 3), (5, 12)], ['us', 'embassy'])
    """
    spans, keys, _ = _tokens(text)
    return spans, keys


def _tokens(text: str) -> tuple[list[tuple[int, int]], list[str], list[int]]:
    """Return :func:`tokenize`'s spans and keys, and the indexes of the capitalised tokens.

    >>> _tokens("Fighting near Most, Czech Republic.")[2]
    [0, 2, 3, 4]
    """
    parts = _split_words(text)
    # offsets from the lengths of the pieces, in C-level loops (no match objects)
    bounds = list(accumulate(map(len, parts)))
    starts = bounds[0:-1:2]
    spans = list(zip(starts, bounds[1::2], strict=True))
    words = parts[1::2]
    if "'" in text or "’" in text:
        _apostrophes(text, spans, words, starts)
    if _ACRONYM_HINT.search(text):
        _acronyms(text, spans, words, starts)
    cached = list(map(_KEY_CACHE.get, words))  # a C-level loop; new words below
    keys: list[str] = cached  # type: ignore[assignment]
    if not all(cached):  # rare: a word not seen before (None), or one with no key ("")
        keys = [_key(w) if k is None else k for k, w in zip(cached, words, strict=True)]
        if "" in keys:
            kept = [k for k, key in enumerate(keys) if key]
            spans = [spans[k] for k in kept]
            keys = [keys[k] for k in kept]
            words = [words[k] for k in kept]
    # each word begins where its span does; in C-level loops
    caps = list(compress(count(), map(str.isupper, map(_FIRST, words))))
    return spans, keys, caps


def _split_words(text: str) -> list[str]:
    """Return the gaps and the words of ``text`` in turn, as ``_WORDS.split(text)`` does.

    Only the length of a gap counts (the caller adds up lengths to find the offsets): in
    an ASCII text (most news copy) each character of a gap is written ``"."``, as
    ``str.translate`` and ``str.split`` find the words and gaps in a third of the
    instructions of the regex engine. Most other copy is ASCII but for its typographic
    punctuation (’, “, —): each such character is a gap's, and written as ``"."`` it
    leaves the words and the lengths of the gaps as they were. A text with a letter or
    digit beyond ASCII ("Bogotá", a word character of the regex's) is split by ``_WORDS``.

    >>> _split_words("Sana'a, Yemen")
    ['', 'Sana', '.', 'a', '..', 'Yemen', '']
    >>> _split_words("Sana’a — Yemen")
    ['', 'Sana', '.', 'a', '...', 'Yemen', '']
    """
    if not text.isascii():
        for char in _TYPOGRAPHIC:  # the usual ones, each found in one quick scan
            text = text.replace(char, ".")
    if not text.isascii():
        for char in set(_NON_ASCII.findall(text)):
            if char.isalnum():  # beyond ASCII, what the regex takes for a word character
                return _WORDS.split(text)
            text = text.replace(char, ".")
    words = text.translate(_BLANK_GAPS).split()
    gaps = text.translate(_BLANK_WORDS).split()
    if text[:1] in _ASCII_WORD:  # no gap before the first word
        gaps.insert(0, "")
    if len(gaps) == len(words):  # nor after the last
        gaps.append("")
    parts = [""] * (2 * len(words) + 1)
    parts[0::2] = gaps
    parts[1::2] = words
    return parts


def _apostrophes(
    text: str, spans: list[tuple[int, int]], words: list[str], starts: list[int]
) -> None:
    """Join words around an inner apostrophe ("Sana'a"); drop a possessive "s".

    ``starts`` holds the start of each span and is kept in step with ``spans``.
    """
    for p in reversed(_offsets(text, "'’")):  # from the end: indexes stay valid
        k = bisect_right(starts, p) - 1
        if k < 0 or k + 1 >= len(spans) or spans[k][1] != p or spans[k + 1][0] != p + 1:
            continue
        if words[k + 1] in ("s", "S"):
            del spans[k + 1], words[k + 1], starts[k + 1]
        else:
            spans[k : k + 2] = [(spans[k][0], spans[k + 1][1])]
            words[k : k + 2] = [words[k] + text[p] + words[k + 1]]
            del starts[k + 1]


def _offsets(text: str, chars: str) -> list[int]:
    """Return the offsets of the characters ``chars`` in ``text``, in order.

    As ``re.finditer`` with a class of ``chars`` would find them, with ``str.find``: the
    regex engine tries a class at every character, ``str.find`` skips to the next one.

    >>> _offsets("Sana'a and Ma’rib's", "'’")
    [4, 13, 17]
    """
    found = []
    for char in chars:
        p = text.find(char)
        while p >= 0:
            found.append(p)
            p = text.find(char, p + 1)
    return sorted(found)


def _acronyms(text: str, spans: list[tuple[int, int]], words: list[str], starts: list[int]) -> None:
    """Make a dotted acronym ("U.S.", "U.A.E.") one token, keyed like its undotted form.

    ``starts`` holds the start of each span and is kept in step with ``spans``.
    """
    found: list[tuple[int, int]] = []
    n = len(text)
    for m in _ACRONYM_HINT.finditer(text):
        s0 = m.start() - 1
        if (
            s0 < 0
            or not text[s0].isalpha()
            or (s0 > 0 and (text[s0 - 1].isalnum() or text[s0 - 1] in "._"))
        ):
            continue
        q = s0
        while (
            q + 1 < n
            and text[q].isalpha()
            and text[q + 1] == "."
            and (q == s0 or not text[q - 1].isalpha())
        ):
            q += 2
        if (q - s0) // 2 >= 2 and (not found or found[-1][0] != s0):
            found.append((s0, q))
    for s0, end in reversed(found):
        a = bisect_left(starts, s0)
        b = bisect_left(starts, end - 1)
        if a < len(spans) and spans[a][0] == s0:
            spans[a:b] = [(s0, end - 1)]
            words[a:b] = [text[s0 : end - 1].replace(".", "")]
            starts[a:b] = [s0]


def _before_hyphens(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Return the indexes of the tokens a hyphen follows directly ("al" of "al-Qaim").

    News copy has a few hyphens in a text of hundreds of words: ``str.find`` skips from
    one to the next, and the token that ends at each is found by bisection.

    >>> text = "the al-Qaim road, a well-known one"
    >>> _before_hyphens(text, tokenize(text)[0])
    [1, 5]
    """
    found = []
    p = text.find("-")
    while p >= 0:
        k = bisect_left(spans, (p,))  # the first token that starts at the hyphen or after it
        if k and spans[k - 1][1] == p:
            found.append(k - 1)
        p = text.find("-", p + 1)
    return found


def _key(word: str) -> str:
    key = normalize_name(word)
    if len(_KEY_CACHE) < 400_000 and len(word) <= 64:
        _KEY_CACHE[word] = key
    return key


class Recognizer:
    """Find place mentions with a :class:`~.names.NameIndex` and the lexicon's rules.

    Parameters
    ----------
    index
        The names to look for.
    lexicon
        Word lists; the shipped ones by default.
    demonyms
        Whether demonyms and adjectives ("Iraqi", "Iran-linked") are mentions.
    seats
        Keys of the organisations named like the place they occupy ("white house",
        "european union"): that place after a preposition of place ("a ceremony at the
        White House", "the seventh country in the European Union"), else the organisation.
    """

    def __init__(
        self,
        index: NameIndex,
        *,
        lexicon: Lexicon | None = None,
        demonyms: bool = True,
        seats: frozenset[str] = frozenset(),
    ) -> None:
        self.index = index
        self.lexicon = lexicon or Lexicon.default()
        self.demonyms = demonyms
        self.seats = seats

    def recognize(self, text: str) -> list[Mention]:
        """Return the place mentions in ``text``, in order, without overlaps."""
        if not text or not text.strip():
            return []
        spans, keys, caps = _tokens(text)  # caps: the tokens that start with a capital
        ctx = TokenContext(text, spans, keys, self.lexicon)
        known = self.index.flags
        persons = find_persons(
            text,
            spans,
            keys,
            self.lexicon,
            is_name=lambda k: bool(known.get(k, 0) & _NAMEISH),
            is_strong=lambda k: bool(known.get(k, 0) & _STRONG),
            is_area=lambda k: bool(known.get(k, 0) & (STRONG_AREA | STRONG_ADMIN)),
            caps=caps,
            in_headline=ctx.headline,
        )
        person_keys = persons.surnames
        blocked = sorted(persons.blocked)
        blocked_starts = [b[0] for b in blocked]
        taken: list[Mention] = []
        dateline = find_dateline(text)
        skip_from = skip_until = 0  # the dateline's words, taken by it (a headline may precede)
        if dateline is not None:
            skip_from, skip_until = dateline.start, self._dateline(dateline, ctx, taken)
        first = self.index.first
        if ctx.caps_text:
            starts = [i for i, key in enumerate(keys) if key in first]
        else:
            # in C-level loops: the capitalised tokens a name may start with
            starts = list(compress(caps, map(first.__contains__, map(keys.__getitem__, caps))))
            # "the city of al-Qaim": a name may begin with its article in lower case
            lower = [
                i for i in _before_hyphens(text, spans) if keys[i] in first and ctx.lower_article(i)
            ]
            if lower:
                starts = sorted(set(starts).union(lower))
        # "King's Lynn", "People's Republic of China": names that hold a possessive
        held: dict[int, list[tuple[int, int, str, int]]] = {}
        if "'s" in text or "’s" in text:
            held = possessive_names(text, spans, keys, self.index, _offsets(text, "'’"))
            if held:
                starts = sorted(set(starts).union(held))
        if skip_until:  # the dateline's words are taken by it
            starts = [i for i in starts if not skip_from <= spans[i][0] < skip_until]
        done = -1  # the last token already taken by a name or a non-place
        names_at = self.index.candidates
        for i in starts:
            if i <= done:
                continue
            # (token count, flags), longest first; with the key and end of a name that
            # holds a possessive, which comes first of two as long
            names: Sequence[tuple[int, int] | tuple[int, int, str, int]] = names_at(keys, i)
            if i in held:
                names = sorted([*held[i], *names], key=lambda name: -name[0])
            for name in names:
                length, flags = name[0], name[1]
                key, end = (name[2], name[3]) if len(name) == 4 else (None, None)
                j = i + length - 1
                if key is None and length > 1 and not ctx.joined(i, j):
                    continue
                found = self._judge(
                    ctx,
                    i,
                    j,
                    flags,
                    blocked,
                    blocked_starts,
                    person_keys,
                    persons.strong,
                    taken=taken,
                    key=key,
                    end=end,
                )
                if found is not None:
                    mention, consumed = found
                    if mention is not None:
                        taken.append(mention)
                    done = consumed - 1
                    break
        if taken and has_score(text):  # "Tottenham beat Chelsea 2-1": the sides are teams
            taken = [m for m in taken if m.kind != "place" or not is_side(text, m.start, m.end)]
        return taken

    # -- rules -------------------------------------------------------------------------

    def _dateline(self, dateline: object, ctx: TokenContext, taken: list[Mention]) -> int:
        from .datelines import Dateline

        assert isinstance(dateline, Dateline)
        key = normalize_name(dateline.place)
        flags = self.index.flags.get(key, 0)
        hints: tuple[str, ...] = ("dateline",)
        head, _, last = key.rpartition(" ")
        if not flags & (GAZ | ABBR) and head and last in _DATELINE_SUFFIXES:
            key, flags = head, self.index.flags.get(head, 0)  # "LAUREL COUNTY, Ky. -"
            hints = ("dateline", f"suffix:{last}")
        if not flags & (GAZ | ABBR):
            return 0
        taken.append(
            Mention(
                dateline.start,
                dateline.end,
                dateline.place,
                key,
                kind="dateline",
                hints=hints,
            )
        )
        end = dateline.end
        if dateline.region and dateline.region_start is not None:
            rkey = normalize_name(dateline.region)
            rflags = self.index.flags.get(rkey, 0)
            abbr = (
                self._abbreviation(rkey, dateline.region, dateline.region_start)
                if rflags & ABBR
                else None
            )
            if abbr is not None:
                taken.append(abbr)
                end = abbr.end
            elif rflags & GAZ:
                rend = dateline.region_start + len(dateline.region)
                taken.append(
                    Mention(dateline.region_start, rend, dateline.region, rkey, hints=("dateline",))
                )
                end = rend
        return end

    def _abbreviation(
        self, key: str, surface: str, start: int = 0, text: str = ""
    ) -> Mention | None:
        for abbr in self.lexicon.abbreviations.get(key, ()):
            undotted = surface != abbr.form and surface == abbr.form.rstrip(".")
            if undotted and text and text[max(0, start - 2) : start] != ", ":
                continue  # "Naung Kan village": "Kan." without its period only as "Town, Kan"
            if abbr.level == "admin1" and text and _EXAM_AFTER.match(text, start + len(surface)):
                continue  # "the ACT exam", "ACT scores": the college test, no territory
            if surface == abbr.form or undotted:
                # the mention is what the text holds: "Calif." with its period, "Mo" without
                return Mention(
                    start,
                    start + len(surface),
                    surface,
                    normalize_name(abbr.name),
                    kind="place",
                    country_code=abbr.country_code,
                    name=abbr.name,
                    level=abbr.level,
                    hints=("abbreviation",),
                )
        return None

    def _judge(
        self,
        ctx: TokenContext,
        i: int,
        j: int,
        flags: int,
        blocked: Sequence[tuple[int, int, str]],
        blocked_starts: Sequence[int],
        person_keys: frozenset[str],
        strong_persons: frozenset[str] = frozenset(),
        *,
        taken: Sequence[Mention] = (),
        key: str | None = None,
        end: int | None = None,
    ) -> tuple[Mention | None, int] | None:
        """Decide on tokens ``i..j``: a mention, a consumed non-place, or ``None`` (try shorter).

        ``taken`` holds the mentions found before; a name that follows the last of them in
        a list ("Parkes, Berry") has that evidence for it. ``key`` and ``end`` are given
        for a name that holds a possessive (:mod:`.possessives`).
        """
        text, spans, keys, lex = ctx.text, ctx.spans, ctx.keys, ctx.lexicon
        start = spans[i][0]
        if end is None:
            end = spans[j][1]
        if key is None:
            key = keys[i] if i == j else " ".join(keys[i : j + 1])
        surface = text[start:end]
        if text[end : end + 1] == "$" or text[start - 1 : start] == "$":
            return None, j + 1  # currency: US$, $US, A$
        if (
            start >= 2
            and text[start - 1 : start] == text[end : end + 1] == "/"
            and _STRAIN.match(text, start - 2)
        ):
            return None, j + 1  # a virus strain: "A/Perth/16/2009" names the isolate, not a scene
        if text[start - 1 : start] == "-" and _prefixed(ctx, i):
            return None, j + 1  # "un-American", "euro-Atlantic": an adjective, no place
        disease = ctx.before_disease(j)
        if disease and not (
            flags & (_BIG | ABBR)
            and (disease in lex.outbreaks or text.startswith(f" {disease} season", end))
        ):
            return None, j + 1  # "West Nile virus", "the Ebola outbreak"; not "a UK outbreak"
            # nor "the United States flu season": a disease named for a place has no season
        if (
            i > 0
            and keys[i - 1] in lex.storms
            and text[spans[i - 1][0]].isupper()
            and text[spans[i - 1][1] : start] == " "
        ):
            return None, j + 1  # "Hurricane Florence", "Typhoon Haiyan": a storm's name
        if j > i and keys[i] in lex.not_places and all(k.isdigit() for k in keys[i + 1 : j + 1]):
            return None  # "on October 6": a date, though GeoNames names a city so
        if keys[i] == "saint" and j + 1 < len(keys):
            # "St." alone, then a saint the gazetteer does not name ("St. Barnabas Hospital")
            lone = i == j and text[end : spans[j + 1][0]] in (". ", " ")
            lone = lone and text[spans[j + 1][0]].isupper()
            building = _SAINTS_BUILDING.match(text, spans[j + 1][1] if lone else end)
            if building and building.group(1) in lex.buildings:
                # "St. Michael's Hospital in Toronto": a building named for its saint, placed
                # at the town written with it (lacking.place_buildings), not at "St. Michael"
                stop = building.end()
                return Mention(
                    start, stop, text[start:stop], normalize_name(text[start:stop]),
                    hints=("building",),
                ), j + (3 if lone else 2)  # fmt: skip
        if key == "saint":
            return None, j + 1  # "St." alone opens a saint's name ("St. Barnabas"): no place
        if flags & ABBR:
            # include the final period of "U.S." / "Calif." when it is there
            with_dot = surface + "." if text[end : end + 1] == "." else surface
            m = self._abbreviation(key, with_dot, start, text) or self._abbreviation(
                key, surface, start, text
            )
            if m is not None:
                return self._participle(ctx, j, m), j + 1
            if any(surface == a.form.rstrip(".") != a.form for a in lex.abbreviations[key]):
                return None, j + 1  # "Naung Kan village", "Ala-Too": no state, nor a town
        if flags & ORG and ctx.capitalised(i, j):
            if key in self.seats and (cue := _locative(ctx, i)) is not None:
                # "at the White House": the building, not the administration
                return Mention(
                    start, end, surface, key, level=SEAT, hints=(f"cue:{cue}",)
                ), j + 1  # fmt: skip
            return None, j + 1
        if not ctx.capitalised(i, j) or (
            ("'" in surface or "’" in surface) and _CONTRACTION.search(text, start, spans[j][1])
        ):
            return None
        k = bisect_left(blocked_starts, end)
        for b_start, b_end, how in blocked[max(0, k - 3) : k]:  # spans starting before `end`
            if not (start < b_end and b_start < end):
                continue
            if how in ("given", "name") and start <= b_start and end >= b_end and j > i:
                break  # a longer place name that begins with a given name ("Victoria Falls")
            if how == "given" and start < b_start and j > i:
                break  # "the San Jose Parkview Academy": the given name ends a place name,
                # whose first word ("San") is no place of its own
            if how == "arabic" and start == b_start and end >= b_end:
                break  # "Ras al-Khaimah": the place name is the whole chunk, but the
                # "Hassan" of "Hassan el Bushra" is a first name
            if how == "title" and start < b_start and end >= b_end:
                break  # "Prince Edward Island": the title word is part of the place name
            return None if j > i else (None, j + 1)
        if not flags & (STRONG_AREA | STRONG_ADMIN) and ctx.followed_by(j, lex.country_nouns):
            code = lex.demonyms.get(key, "") if flags & DEMONYM else ""
            if not (len(code) == 2 and code.isupper()):
                return None, j + 1  # "the Caribbean nation", "the West African country"
        if key in lex.languages and language_use(ctx, i, j):
            return None, j + 1  # "she speaks French", "shouted in Turkish, then": a language
        if flags & DEMONYM:
            if not self.demonyms:
                return None, j + 1
            code = lex.demonyms[key]
            named = lex.area_demonyms.get(key)  # "Scottish": Scotland, a first-level area
            level = "admin1" if named else None
            mention = Mention(start, end, surface, key, "demonym", code, named, level)
            return mention, j + 1
        if not flags & GAZ:
            return None
        if key in lex.not_places:
            # "Eastern and Southern Europe": the compass word shares the next one's name
            flags_of = self.index.flags
            shared = shared_name(text, key, end, lambda k: bool(flags_of.get(k, 0) & GAZ))
            if shared is not None:
                return Mention(start, end, surface, shared[0], hints=(shared[1],)), j + 1
        compass_area = key in SOLID_COMPASS and _names_area(ctx, i, j, lex)
        if (
            (key in lex.not_places and not compass_area)
            or key in lex.organisations
            or surface in lex.titles
        ):
            return None, j + 1
        if ctx.followed_by(j, lex.newspapers):
            return None, j + 1  # "the San Francisco Chronicle": a newspaper's title
        if ctx.followed_by(j, lex.institutions) or ctx.before_legal_form(j):
            return None, j + 1  # "Oregon State University", "Dayton Greens LLC": an institution
        if (
            (key in person_keys or strip_articles(key) in person_keys)
            and not flags & STRONG_AREA
            and not (flags & STRONG_ADMIN and _province_said(ctx, i, surface))
            and not ctx.followed_by(j, lex.suffixes)
            and not (flags & STRONG_CITY and ctx.cue(i) is not None)  # "Ahmed Mosul ... in Mosul"
        ) or key in strong_persons:
            return None, j + 1  # a surname seen earlier ("Sadr"), but never a country
            # unless the article quotes it as a person ('," said Georgia.')
        initial = ctx.initial(i)
        cue = ctx.cue(i)
        if (
            cue is None
            and taken
            and "cue:from" in taken[-1].hints
            and text[taken[-1].end : start] == " to "
        ):
            cue = "to"  # "from Goma to Sake": the end of a route begun at a place
        if cue is None and text.endswith((" and ", ", "), 0, start):
            # "the villages of Osk, Tarn and Velm": each name of the list is cued,
            # though one before it is no name the gazetteer holds
            kind = _KIND_LIST.search(text, max(0, start - _KIND_LIST_CHARS), start)
            if kind is not None:
                cue = f"{kind.group(1)} of"
        hints: list[str] = []
        if flags & COMMON:
            if not flags & STRONG_AREA and ctx.after_name(i):
                return None, j + 1  # "Silver Street", "Harbour Bay": another name's last word
            if not flags & STRONG_AREA and ctx.before_year(j):
                return None, j + 1  # "in Spring 2002": a season, not the town of Spring
            if not flags & STRONG_AREA and _OF_NAME.match(text, end):
                return None, j + 1  # "University of Iowa": the head of an institution's name
            strong = flags & STRONG_AREA or (
                not initial
                and (flags & STRONG_CITY or (flags & STRONG_ADMIN and not ctx.modifies(j)))
            )
            qualified = ctx.qualified(j) and not ctx.title_case(i)  # "Most, Czech Republic"
            area = not initial and ctx.followed_by(j, lex.area_words)  # "the Fife area"
            # a name listed after a place ("Dubbo, Berry and Orange"), but no label ("Region 8")
            listed = (
                bool(taken)
                and taken[-1].kind != "demonym"
                and text[taken[-1].end : start] in LIST_GAPS
                and not (j + 1 < len(keys) and keys[j + 1].isdigit())
            )
            if not (strong or (cue and not initial) or qualified or area or listed):
                return None
            if not strong and ctx.title_case(i):
                return None  # "Attacks Borno Village, Kill 15": a headline's capitals
            hints.append("common")
        if ctx.shouting(i, j) and not (
            flags & STRONG_AREA or (flags & STRONG_CITY and end - start > 3)
        ):
            return None  # "UBA", "EU": an acronym, not the town Ubá or Eu
        if ctx.followed_by(j, lex.streets):
            return None, j + 1  # "Wellington Street": a street named after a town lies elsewhere
        if not flags & (STRONG_AREA | STRONG_ADMIN | STRONG_CITY) and ctx.followed_by(
            j, lex.facilities
        ):
            return None, j + 1  # "Abbey Gate", "Church Street": a facility, not the town
        if not flags & (STRONG_AREA | STRONG_ADMIN | STRONG_CITY) and ctx.before_unknown_name(j):
            return None, j + 1  # "the Gran Grif gang": part of another name
        if initial:
            hints.append("initial")
        if cue:
            hints.append(f"cue:{cue}")
        suffix = ctx.followed_by(j, lex.suffixes)
        if suffix:
            hints.append(f"suffix:{suffix.lower()}")
        elif (plural := ctx.followed_by(j, _PLURAL_AREAS)) is not None:
            # "Sagaing and Magway regions": the last name of a list of areas
            hints.append(f"suffix:{PLURAL_AREA_WORDS[plural]}")
        elif text[end : end + 1] == " " and (body := lex.local_body.match(text, end + 1)):
            hints.append(f"body:{body.group()}")  # "Ciocile Mayor Ion Popa": the mayor's town
        if i > 0 and keys[i - 1] in lex.name_openers and _opens_name(ctx, i):
            # "North London", "Greater Mumbai", "Lake Erie": the opener is the name's first
            # word, which the gazetteer lacks; the name after it is looked up
            start = spans[i - 1][0]
            surface = text[start:end]
            if cue is None and (cue := ctx.cue(i - 1)) is not None:
                hints.append(f"cue:{cue}")
        feature = ctx.followed_by(j, lex.feature_names)
        if feature is not None and feature == text[slice(*spans[j + 1])]:
            # "the Swat Valley", "Islington Bay": the feature's name is the whole, which the
            # gazetteer lacks; it is looked up by the name before the word
            end = spans[j + 1][1]
            m = Mention(start, end, text[start:end], key, hints=tuple(hints))
            return self._participle(ctx, j + 1, m), j + 2
        m = Mention(start, end, surface, key, hints=tuple(hints))
        return self._participle(ctx, j, m), j + 1

    def _participle(self, ctx: TokenContext, j: int, m: Mention) -> Mention | None:
        """Turn ``Iran-linked`` into a demonym mention and note ``Kabul-based``.

        Returns ``None`` when the mention is adjectival and demonyms are switched off.
        """
        text = ctx.text
        if text[m.end : m.end + 1] not in ("-", "‐", "‑") or j + 1 >= len(ctx.keys):
            return m
        if ctx.spans[j + 1][0] != m.end + 1:
            return m
        kind = self.lexicon.participles.get(ctx.keys[j + 1])
        if kind is None:
            return m
        if kind == "demonym" and not self.demonyms:
            return None
        hints = (*m.hints, f"participle:{ctx.keys[j + 1]}")
        new_kind: ToponymKind = "demonym" if kind == "demonym" else m.kind
        return Mention(
            m.start, m.end, m.text, m.key, new_kind, m.country_code, m.name, m.level, hints
        )


#: Prepositions of place before an organisation named like its seat ("at the White House").
_LOCATIVES = frozenset({"in", "at", "inside", "outside", "across", "throughout", "within"})


def _locative(ctx: TokenContext, i: int) -> str | None:
    """Return the preposition of place before token ``i`` (and "the"), if any.

    >>> from incidentmap.geoparse.lexicon import Lexicon
    >>> text = "a ceremony at the White House"
    >>> _locative(TokenContext(text, *tokenize(text), Lexicon.default()), 4)
    'at'
    """
    k = i - 1 if i > 0 and ctx.keys[i - 1] == "the" else i
    if k < 1 or ctx.keys[k - 1] not in _LOCATIVES:
        return None
    s, e = ctx.spans[k - 1]
    return ctx.text[s:e] if ctx.text[s].islower() else None


def _prefixed(ctx: TokenContext, i: int) -> bool:
    """Whether token ``i`` is joined by a hyphen to an adjective prefix ("un-American").

    The prefix is written in lower case, or opens a sentence ("Anti-Japanese protests").

    >>> from incidentmap.geoparse.lexicon import Lexicon
    >>> text = "un-American and mid-Ohio"
    >>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
    >>> _prefixed(ctx, 1), _prefixed(ctx, 4)
    (True, False)
    """
    if i < 1 or ctx.keys[i - 1] not in _ADJECTIVE_PREFIXES:
        return False
    s, e = ctx.spans[i - 1]
    return e + 1 == ctx.spans[i][0] and (ctx.text[s].islower() or ctx.initial(i - 1))


def _opens_name(ctx: TokenContext, i: int) -> bool:
    """Whether the word before token ``i`` opens its name: "North London", "Lake Erie".

    The word is capitalised, one space before the name, and no capitalised word runs on
    into it ("Far North Queensland", "North-Western Sydney": "Far North" and
    "North-Western" are no part of a name the gazetteer lacks).

    >>> from incidentmap.geoparse.lexicon import Lexicon
    >>> text = "in North London and Far North Queensland"
    >>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
    >>> _opens_name(ctx, 2), _opens_name(ctx, 6)
    (True, False)
    """
    text, spans = ctx.text, ctx.spans
    s, e = spans[i - 1]
    if not text[s].isupper() or text[e : spans[i][0]] != " ":
        return False
    if i < 2:
        return True
    before = text[spans[i - 2][1] : s]
    return not (text[spans[i - 2][0]].isupper() and before in (" ", "-"))


def _names_area(ctx: TokenContext, i: int, j: int, lex: Lexicon) -> bool:
    """Whether tokens ``i..j`` are written with the word of a first-level area.

    "the Northwest region", "the region of Northwest" (not "northwest of the capital").
    """
    after = ctx.followed_by(j, lex.suffixes)
    if after is not None and after.lower() in _FIRST_LEVEL:
        return True
    cue = ctx.cue(i) or ""
    word = cue.split(" ")[0]
    # "the region of Northwest", "the regions of Northwest and Southwest"
    return cue.endswith(" of") and (word in _FIRST_LEVEL or word[:-1] in _FIRST_LEVEL)


def _province_said(ctx: TokenContext, i: int, surface: str) -> bool:
    """Whether a province's name that a person of the article bears is written as the province.

    A minister introduced as "Carlos Mendoza" is "Mendoza" later in the story ("Mendoza
    added", "according to Mendoza"), not the Argentine province. The name is the
    province after a place cue ("in Mendoza", "the Mendoza government") or when it is a
    given name ("Georgia Stevens ... Georgia"): a reader does not call a person by a
    first name alone in news copy.
    """
    if surface in ctx.lexicon.given_names or ctx.cue(i) is not None:
        return True
    return i > 0 and ctx.keys[i - 1] == "the"
