"""Spans of a text that name persons, so the recognizer does not take them for places.

Three patterns a reader of news copy relies on:

- a title or role, then capitalised words: ``President Barack Obama``,
  ``cleric Moqtada al-Sadr``, ``Mr. Blair`` (kind ``"title"``);
- a common given name, then a capitalised surname: ``Jordan Peterson``,
  ``Mustafa al-Kadhimi``, ``Patrick de Bayser``, ``Ann-Christin Nykvist`` (kind ``"given"``);
- a capitalised word, then an Arabic patronymic or article and a capitalised word:
  ``Qassem al-Muslem``, ``Osama bin Laden`` (kind ``"arabic"``).

None opens at an Arabic word that begins place names (``Lexicon.arabic_heads``: Tal,
Ras, Deir, Kafr ...) before a capitalised word or an article: ``Tal Abyad``, ``Ras
al-Ain`` and ``Deir al-Balah`` are towns, though "Tal" is also a given name.

The last word of each span is a surname: a later bare ``Sadr`` or ``Kadhimi`` in the
same article is the same person.

Examples
--------
>>> from incidentmap.geoparse.recognize import tokenize
>>> text = "Cleric Moqtada al-Sadr spoke. Later Sadr left."
>>> spans, keys = tokenize(text)
>>> found = find_persons(text, spans, keys, Lexicon.default())
>>> [text[s:e] for s, e, _ in found.blocked], sorted(found.surnames)
(['Moqtada al-Sadr'], ['al sadr', 'sadr'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from operator import add, sub

from ..text.normalize import ARABIC_ARTICLES
from .lexicon import Lexicon

__all__ = ["Persons", "find_persons"]

#: Lower-case words that sit inside personal names.
PARTICLES = frozenset(
    {
        "al",
        "el",
        "bin",
        "ibn",
        "bint",
        "abu",
        "de",
        "da",
        "di",
        "del",
        "van",
        "von",
        "der",
        "le",
        "ul",
        "ud",
        "ur",
    }  # "Anwaar-ul-Haq Kakar", "Salah-ud-Din"
)
_PATRONYMIC = frozenset({"al", "el", "bin", "ibn", "bint"})
_AGE = re.compile(r", \d{1,3},")
#: "Mendoza, the finance minister, said": a name set beside a role (the role's last word
#: is a lower-case title, read by :func:`_apposed`).
_APPOSITION = re.compile(r", (?:the|a|an) (?:[a-z][a-z'’-]* ){0,3}?([a-z][a-z-]*)[,.]")
_QUOTE_ENDS = (",", '"', "”", "’", "'")


def _initial(text: str, pos: int) -> bool:
    """Whether ``pos`` starts a sentence, a line or a quotation."""
    p = pos - 1
    while p >= 0 and text[p] in " \"“‘'(\u00a0":
        p -= 1
    return p < 0 or text[p] in ".!?:;\n\r—–"


@dataclass(frozen=True, slots=True)
class Persons:
    """Person spans ``(start, end, how)`` and the surnames they introduce (normalised keys)."""

    blocked: tuple[tuple[int, int, str], ...]
    surnames: frozenset[str]
    strong: frozenset[str] = frozenset()
    """Names of countries, areas or big cities the article uses for a person: credited
    with a quotation ('... ," said Georgia.') or followed by a reflexive ("Georgia
    herself"). Every mention of them in the article is the person."""


def find_persons(
    text: str,
    spans: Sequence[tuple[int, int]],
    keys: Sequence[str],
    lexicon: Lexicon,
    *,
    is_name: Callable[[str], bool] | None = None,
    is_strong: Callable[[str], bool] | None = None,
    is_area: Callable[[str], bool] | None = None,
    caps: Sequence[int] | None = None,
    in_headline: Callable[[int], bool] | None = None,
) -> Persons:
    """Find the person names in a tokenised text.

    Parameters
    ----------
    text
        The text.
    spans, keys
        Its tokens and their keys, as :func:`~incidentmap.geoparse.recognize.tokenize` returns.
    lexicon
        Titles, given names and the words that stop a name.
    is_name
        Whether a key is a known name (place, demonym, organisation). When given, an
        unknown capitalised word followed by a known place name opens a personal name
        ("Marty Walsh"), unless the word is one of :attr:`Lexicon.openers`.
    is_strong
        Whether a key names a country, a first-level area or a big city; such a name is
        never taken for a person by the cues around a bare name ("Turkey said").
    is_area
        Whether a key is the main name of a country or a first-level area: the unknown
        first name rule leaves those alone ("Environment Canada", "Team Alberta").
    caps
        Indexes of the tokens that start with a capital, if the caller has them.
    in_headline
        Whether the character at an offset stands in a headline written in Title Case,
        where every word is capitalised: there an unknown capitalised word before a
        place name is no first name ("Bomber Strikes Market In Maiduguri"), and a name
        is two words, not the run of capitals ("Mayor Marty Walsh Visits Boston").
    """
    n = len(spans)
    blocked: list[tuple[int, int, str]] = []
    surnames: set[str] = set()
    titles, given = lexicon.titles, lexicon.given_names
    stop = lexicon.name_stops
    title_keys = lexicon.title_keys
    skip = lexicon.not_first_names
    verbs = lexicon.reporting_verbs
    heads = lexicon.arabic_heads

    def word(k: int) -> str:
        return text[spans[k][0] : spans[k][1]]

    not_places = lexicon.not_places

    def cap(k: int) -> bool:
        return k < n and text[spans[k][0]].isupper() and keys[k] not in not_places

    def gap(k: int) -> str:
        return text[spans[k][1] : spans[k + 1][0]]

    def _given_run(k: int) -> bool:
        """Tell whether a given name opens a particle or a hyphenated run, then a surname.

        "Patrick de Bayser", "Ann-Christin Nykvist" (not "Jordan-Syria border").
        """
        if k + 2 >= n or not cap(k + 2) or word(k + 2) in stop:
            return False
        if keys[k + 1] in PARTICLES:
            return gap(k) == " " and gap(k + 1) in (" ", "-")
        return gap(k) == "-" and cap(k + 1) and gap(k + 1) == " "

    def _couple(i: int, k: int) -> bool:
        """Tell whether a given name and "and" open the full name ``i..k``.

        "Brent and Lynnette Hain", "Bill and Melinda Gates"; not "Florence and Victoria
        Falls", whose second run is a place name of its own.
        """
        return (
            i >= 2
            and text[spans[i - 2][1] : spans[i][0]] == " and "
            and word(i - 2) in given
            and not (is_name is not None and is_name(" ".join(keys[i : k + 1])))
        )

    def _middle_initial(i: int) -> bool:
        """Tell whether word ``i``, a middle initial and a surname make a name.

        "Maury M. Rosenstein", "Lyndon B. Johnson"; not "World War I. Britain" nor
        "Plan B. Paris", which end a sentence before a place.
        """
        if i + 2 >= n or gap(i) != " " or gap(i + 1) != ". ":
            return False
        mid, last, w = word(i + 1), word(i + 2), word(i)
        return (
            len(mid) == 1
            and mid.isupper()
            and mid != "I"
            and len(w) > 1
            and not w.isupper()
            and cap(i + 2)
            and last not in stop
            and not (is_name is not None and is_name(keys[i + 2]))
        )

    def _speaker(i: int) -> bool:
        """Tell whether a known name and an unknown capitalised word speak: "York Chow said".

        A place with a word that is no name, title or place word after it, right before a
        reporting verb, is a first name and a surname; not a country or a first-level area
        ("Texas Instruments said" is a company either way), nor "Kabul Police said".
        """
        if is_name is None or i + 2 >= n or keys[i + 2] not in lexicon.reporting_verbs:
            return False
        w, nxt = word(i), word(i + 1)
        return (
            gap(i) == " "
            and gap(i + 1) == " "
            and len(w) > 1
            and not w.isupper()
            and cap(i + 1)
            and nxt not in stop
            and keys[i + 1] not in lexicon.common_words
            and (i == 0 or keys[i - 1] not in lexicon.cues)
            and is_name(keys[i])
            and not is_name(keys[i + 1])
            and not (is_area is not None and is_area(keys[i]))
        )

    def _quoted(i: int) -> bool:
        """Tell whether a run of two to four capitalised words is credited with a quotation.

        '"It is late," said Ariana Thiele Lara, a student': the words after a quotation's
        reporting verb, up to a comma or a period, name its speaker. A title or a place
        word ends the run ('," said Kenya Interior Minister ...').
        """
        if i < 1 or keys[i - 1] not in lexicon.reporting_verbs or gap(i - 1) != " ":
            return False
        if text[max(0, spans[i - 1][0] - 3) : spans[i - 1][0]].rstrip()[-1:] not in _QUOTE_ENDS:
            return False
        k = i
        while k + 1 < n and k - i < 3 and gap(k) == " " and cap(k + 1) and word(k + 1) not in stop:
            k += 1
        return k > i and word(i) not in stop and text[spans[k][1] : spans[k][1] + 1] in (",", ".")

    done = -1
    if caps is None:
        caps = [k for k, (s, _) in enumerate(spans) if text[s].isupper()]
    for i in _may_open(caps, keys, lexicon.person_cues_before):
        if i <= done:
            continue
        w = text[spans[i][0] : spans[i][1]]  # word(i), without the call: every capital
        how = None
        if w in titles:
            continue
        if (
            keys[i] in heads
            and i + 1 < n
            and gap(i) in (" ", "-")
            and (keys[i + 1] in ARABIC_ARTICLES or cap(i + 1))
        ):
            continue  # "Tal Abyad", "Ras al-Ain": an Arabic place name's first word
        if (
            i >= 1
            and keys[i - 1] in title_keys
            and gap(i - 1) in (" ", ". ")
            and (
                word(i - 1) in titles
                or (i >= 2 and f"{word(i - 2)}{gap(i - 2)}{word(i - 1)}" in titles)
            )
        ):
            how = "title"
        elif w in given and cap(i + 1) and gap(i) == " ":
            nxt = word(i + 1)
            if nxt not in stop and (
                keys[i + 1] not in lexicon.common_words
                # two given names and a surname: "Jose Angel Cordova", "Mary Grace Walsh"
                or (nxt in given and cap(i + 2) and gap(i + 1) == " " and word(i + 2) not in stop)
            ):
                how = "given"
        elif w in given and _given_run(i):
            how = "given"
        if (
            how is None
            and i + 2 < n
            and keys[i + 1] in _PATRONYMIC
            and gap(i) == " "
            and gap(i + 1) in (" ", "-")
            and cap(i + 2)
        ):
            how = "arabic"
        if how is None:
            # each rule's first test written out here: most capitalised words fail all
            # three on it, without the call
            if i + 2 < n and text.startswith(". ", spans[i + 1][1]) and _middle_initial(i):
                how = "initial"
            elif i + 2 < n and keys[i + 2] in verbs and _speaker(i):
                how = "speaker"
            elif i >= 1 and keys[i - 1] in verbs and _quoted(i):
                how = "quoted"
        if (  # the cheap tests first
            how is None
            and is_name is not None
            and i + 1 < n
            and len(w) > 1
            and text[spans[i][1] : spans[i + 1][0]] == " "
            and not w.isupper()
            and cap(i + 1)
            and keys[i] not in skip
            and word(i + 1) not in stop
            and is_name(keys[i + 1])
            and not is_name(keys[i])
            and not (is_area is not None and is_area(keys[i + 1]))  # "Environment Canada"
            and not _initial(text, spans[i][0])  # "Neighbouring Israel", "Current Hong Kong"
            and not (in_headline is not None and in_headline(spans[i][0]))
        ):
            how = "name"
        if how is None:
            continue
        # in a headline every word is capitalised: a name is two words there, not the
        # run of capitals ("Mayor Marty Walsh Visits Boston")
        headline = in_headline is not None and in_headline(spans[i][0])
        k = i
        while k + 1 < n and (
            gap(k) in (" ", "-") or (gap(k) == ". " and len(word(k)) == 1 and k > i)
        ):
            if headline and k > i:
                break
            if cap(k + 1) and word(k + 1) not in stop:  # "Charles W. Murphy"
                k += 1
            elif keys[k + 1] in PARTICLES and k + 2 < n and gap(k + 1) in (" ", "-") and cap(k + 2):
                k += 2
            else:
                break
        done = k
        if how in ("name", "speaker", "quoted") and is_name and is_name(" ".join(keys[i : k + 1])):
            continue  # the whole run is a name of its own ("Costa Rica")
        blocked.append((spans[i][0], spans[k][1], how))
        if how == "given" and k > i:
            surnames.add(keys[i])  # "Georgia Stevens ... said Georgia"
            if _couple(i, k):  # "Brent and Lynnette Hain": a couple shares the surname
                blocked.append((spans[i - 2][0], spans[i - 2][1], "given"))
                surnames.add(keys[i - 2])
        if k > i or how == "title":
            surnames.add(keys[k])
            if k > i and keys[k - 1] in PARTICLES:
                surnames.add(f"{keys[k - 1]} {keys[k]}")
    strong: set[str] = set()
    _bare_names(
        text,
        spans,
        keys,
        caps,
        lexicon=lexicon,
        is_strong=is_strong,
        blocked=blocked,
        surnames=surnames,
        strong=strong,
    )
    return Persons(blocked=tuple(blocked), surnames=frozenset(surnames), strong=frozenset(strong))


def _may_open(caps: Sequence[int], keys: Sequence[str], before: frozenset[str]) -> list[int]:
    """Return the capitals where a rule of :func:`find_persons` may open a name, in order.

    Each rule needs a capital next ("given", "initial", "speaker", "name"), a key of
    ``before`` (a title's word, a reporting verb: "title", "quoted") or a particle after
    ("arabic", "Patrick de Bayser"). Most capitals have none; these are found in C-level
    loops, and the rules decide on the few left (a superset of those they take).
    """
    prev = list(map(sub, caps, repeat(1)))  # before the first token: the last key, a superset
    found = set(caps).intersection(prev)  # a capital follows
    found.update(compress(caps, map(before.__contains__, map(keys.__getitem__, prev))))
    inner = caps[:-1] if caps and caps[-1] + 1 >= len(keys) else caps  # a token follows
    after = map(keys.__getitem__, map(add, inner, repeat(1)))
    found.update(compress(inner, map(PARTICLES.__contains__, after)))
    return sorted(found)


def _bare_names(
    text: str,
    spans: Sequence[tuple[int, int]],
    keys: Sequence[str],
    caps: Sequence[int],
    *,
    lexicon: Lexicon,
    is_strong: Callable[[str], bool] | None,
    blocked: list[tuple[int, int, str]],
    surnames: set[str],
    strong: set[str],
) -> None:
    """Take bare names for persons by the words around them: "Burton said", "Burton, 39,".

    A name of a country, an area or a big city ("Georgia") is a person only by the cues
    a government never takes: credited with a quotation ('," said Georgia.') or followed
    by a reflexive ("Georgia herself"); "Turkey said" is Turkey's government.
    """
    verbs, reflexives = lexicon.reporting_verbs, lexicon.reflexives
    cue_after, cue_before = lexicon.bare_name_cues
    padded = ["", *keys, ""]  # the keys before and after token i: padded[i], padded[i + 2]
    for i in caps:
        s, e = spans[i]
        nxt, prev = padded[i + 2], padded[i]
        if not (
            nxt in cue_after
            or prev in cue_before
            or (text[e : e + 1] == "," and text.startswith(", ", e))  # one character first
        ):
            continue  # no cue around the name: the common case, decided cheaply
        after = text[e : e + 6]
        if is_strong is not None and is_strong(keys[i]):
            if (nxt in reflexives and text[e : spans[i + 1][0]] == " ") or (
                prev in verbs
                and text[spans[i - 1][1] : s] == " "
                and after[:1] in (",", ".")
                and text[max(0, spans[i - 1][0] - 3) : spans[i - 1][0]].rstrip()[-1:]
                in (",", '"', "”", "’", "'")
            ):
                blocked.append((s, e, "cue"))
                strong.add(keys[i])
            elif after[:1] == "," and prev not in lexicon.cues and _apposed(text, e, lexicon):
                # the person here and, written bare, later; "in Mendoza" stays the province
                blocked.append((s, e, "cue"))
                surnames.add(keys[i])
            continue
        person = (
            (nxt in verbs and text[e : spans[i + 1][0]] == " ")
            or (nxt in reflexives and text[e : spans[i + 1][0]] == " ")
            or (prev in verbs and text[spans[i - 1][1] : s] == " " and after[:1] in (",", "."))
            or _AGE.match(after) is not None
            or (after[:1] == "," and _apposed(text, e, lexicon))
            or (  # "a mother of four named Salima"
                prev in lexicon.namings
                and not lexicon.person_nouns.isdisjoint(keys[max(0, i - 5) : i - 1])
            )
        )
        if (
            person
            and prev not in lexicon.cues  # "police in Baghdad said": a place
            and not _cued_by_two(text, spans, padded, i, lexicon.cues)  # "mayor of X said"
            and (i == 0 or not text[spans[i - 1][0]].isupper() or prev in verbs)
        ):
            blocked.append((s, e, "cue"))
            surnames.add(keys[i])


def _cued_by_two(
    text: str,
    spans: Sequence[tuple[int, int]],
    padded: Sequence[str],
    i: int,
    cues: frozenset[str],
) -> bool:
    """Whether a lower-case cue of two words comes before token ``i`` ("the mayor of").

    ``padded`` holds the keys with one blank before the first: token ``i``'s key is
    ``padded[i + 1]``. "The Department of X" is an office's name: no cue of a place.
    """
    return i >= 2 and text[spans[i - 2][0]].islower() and f"{padded[i - 1]} {padded[i]}" in cues


def _apposed(text: str, end: int, lexicon: Lexicon) -> bool:
    """Whether a name ending at ``end`` is set beside a person's role.

    "Mendoza, the finance minister, said", "Rizal, a provincial governor.": the role's
    last word is a title written in lower case. A place set beside what it is ("Kabul,
    the capital,") is none.
    """
    found = _APPOSITION.match(text, end)
    return found is not None and found.group(1) in lexicon.titles
