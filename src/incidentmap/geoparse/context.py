"""Helpers that look at the tokens around a candidate name: capitals, cues, gaps.

Examples
--------
>>> from incidentmap.geoparse.lexicon import Lexicon
>>> from incidentmap.geoparse.recognize import tokenize
>>> text = "Fighting near Most, Czech Republic."
>>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
>>> ctx.cue(2), ctx.qualified(2), ctx.initial(0)
('near', True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..text.normalize import ARABIC_ARTICLES, normalize_name
from .lexicon import Lexicon

__all__ = ["TokenContext", "shared_heads", "shared_name"]

_GAP = re.compile(r"[ \u00a0\-‐‑'’.]{1,3}")
_SPACES = re.compile(r"[ \u00a0]{1,3}")
#: A name particle and a capitalised word: "Village de Dieu", "Villa d'Accueil" run on.
_PARTICLE_NAME = re.compile(
    r"(?:(?:de|del|della|des|du|da|do|dos|das|di)[ \u00a0]+|[dl][’'])(?=[A-Z][a-z])"
)
_INITIAL_BEFORE = frozenset(".!?:;\n\r\t•|—–")
_QUOTES = frozenset(" \"“”‘'’«»([\u00a0")
_UPPER_BYTES = bytes(range(ord("A"), ord("Z") + 1))
_LOWER_BYTES = bytes(range(ord("a"), ord("z") + 1))
_INNER_LOWER = frozenset({"upon", "sur", "sous", "sobre", "della", "dello", "degli", "und"})

#: "Eastern and Southern Europe", "North and South Korea": a compass word, "and" or "or",
#: a second compass word and the name the two share (up to three capitalised words).
_COMPASS = (
    r"(?:North|South|East|West|Central|Upper|Lower|"
    r"(?:North|South)-?(?:[Ee]ast|[Ww]est))(?:ern)?"
)
_COMPASS_WORD = re.compile(_COMPASS)
_SHARED_HEAD = re.compile(
    rf",?\s+(?:and|or)\s+{_COMPASS}\s+([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})"
)


def shared_heads(text: str, end: int) -> list[str]:
    """Return the names a compass word ending at ``end`` may share with the next one.

    Longest first: the caller keeps the first that, joined to the compass word, is a
    known name ("Eastern" + "Europe").

    >>> shared_heads("Eastern and Southern Europe Union", 7)
    ['Europe Union', 'Europe']
    >>> shared_heads("Eastern Europe", 7)
    []
    """
    found = _SHARED_HEAD.match(text, end)
    if found is None:
        return []
    words = found.group(1).split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def shared_name(
    text: str, key: str, end: int, known: Callable[[str], bool]
) -> tuple[str, str] | None:
    """Return the name a compass word shares with the next one, and the hint that says so.

    "Eastern and Southern Europe": the compass word's key ``key`` (its text ends at
    ``end``) joined to the longest of :func:`shared_heads` that ``known`` knows.

    >>> shared_name("Eastern and Southern Europe", "eastern", 7, {"eastern europe"}.__contains__)
    ('eastern europe', "shares 'Europe' with the next name")
    """
    for head in shared_heads(text, end):
        joined = f"{key} {normalize_name(head)}"
        if known(joined):
            return joined, f"shares '{head}' with the next name"
    return None


class TokenContext:
    """Per-text helpers over the tokens (capitalisation, cues, gaps).

    ``caps_text`` is set for a text written in capitals (a wire headline, a shouted
    bulletin), where capitals say nothing about names.
    """

    __slots__ = ("_after", "_title_lines", "caps_text", "keys", "lexicon", "spans", "text")

    def __init__(
        self, text: str, spans: list[tuple[int, int]], keys: list[str], lexicon: Lexicon
    ) -> None:
        self.text = text
        self.spans = spans
        self.keys = keys
        self.lexicon = lexicon
        self.caps_text = _in_capitals(text[:600])
        self._title_lines: list[tuple[int, int]] | None = None  # found when first asked
        # the word and the two words after a token, read once for all the word lists
        self._after: dict[int, tuple[str | None, str | None]] = {}

    @property
    def title_lines(self) -> list[tuple[int, int]]:
        """Spans of the first lines written in Title Case (found once, when first asked)."""
        if self._title_lines is None:
            self._title_lines = _title_case_lines(self.text)
        return self._title_lines

    def title_case(self, i: int) -> bool:
        """Whether token ``i`` stands in a headline written in Title Case.

        There every word is capitalised, so a capital says nothing about a name:
        "Boko Haram Attacks Borno Village, Kill 15".
        """
        at = self.spans[i][0]
        return any(s <= at < e for s, e in self.title_lines)

    def headline(self, at: int) -> bool:
        r"""Whether offset ``at`` stands in a headline, where capitals say nothing of names.

        A line of :attr:`title_lines`, or a short first line whose words of four letters
        or more are all capitalised, with more text after it: "Troops Retake Palmyra"
        (not a byline, "By Xolani Walsh").

        >>> from incidentmap.geoparse.recognize import tokenize
        >>> text = "Troops Retake Palmyra\nSyrian troops retook Palmyra."
        >>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
        >>> ctx.headline(14), ctx.headline(40)
        (True, False)
        """
        if any(s <= at < e for s, e in self.title_lines):
            return True
        end = self.text.find("\n")
        if end < 0 or at >= end:
            return False  # one line only, or past the first
        line = self.text[:end].rstrip()
        words = _WORD.findall(line)
        return (
            2 <= len(words) <= _SHORT_HEADLINE
            and not line.endswith(".")
            and words[0] not in ("By", "BY")  # a byline: "By Xolani Walsh"
            and all(w[0].isupper() for w in words if len(w) >= 4)
        )

    def capitalised(self, i: int, j: int) -> bool:
        """Whether tokens ``i..j`` are written as a name (inner particles may be lower case)."""
        if self.caps_text:
            return True
        text = self.text
        for k in range(i, j + 1):
            s, e = self.spans[k]
            if not text[s].isupper() and not (
                k > i and (e - s <= 3 or self.keys[k] in _INNER_LOWER or text[s + 1] in "'’")
            ):
                if k == j > i and self.keys[k] == "river":
                    continue  # "the Dnipro river": news copy writes the feature word small

                if k == i < j and self.lower_article(i):
                    continue  # "the city of al-Qaim": the article is written in lower case
                return False
        return True

    def lower_article(self, i: int) -> bool:
        """Whether token ``i`` is an Arabic article joined by a hyphen to a capitalised word.

        >>> from incidentmap.geoparse.lexicon import Lexicon
        >>> from incidentmap.geoparse.recognize import tokenize
        >>> text = "in al-Qaim"
        >>> TokenContext(text, *tokenize(text), Lexicon.default()).lower_article(1)
        True
        """
        spans, text = self.spans, self.text
        if self.keys[i] not in ARABIC_ARTICLES or i + 1 >= len(spans):
            return False
        end, nxt = spans[i][1], spans[i + 1][0]
        return nxt == end + 1 and text[end] == "-" and text[nxt].isupper()

    def joined(self, i: int, j: int) -> bool:
        """Whether tokens ``i..j`` are joined by spaces, hyphens or an abbreviation's period."""
        text, spans = self.text, self.spans
        for k in range(i + 1, j + 1):
            gap = text[spans[k - 1][1] : spans[k][0]]
            if not _GAP.fullmatch(gap):
                return False
            if "." in gap and (gap.count(".") > 1 or spans[k - 1][1] - spans[k - 1][0] > 3):
                return False
        return True

    def initial(self, i: int) -> bool:
        """Whether token ``i`` starts a sentence, a line or a quotation."""
        text = self.text
        p = self.spans[i][0] - 1
        while p >= 0 and text[p] in _QUOTES:
            p -= 1
        if p < 0 or text[p] in _INITIAL_BEFORE:
            return True
        return text[p] == "-" and p > 0 and text[p - 1] == " "

    def shouting(self, i: int, j: int) -> bool:
        """Whether the name is in capitals inside ordinary text (an acronym, a heading)."""
        if self.caps_text:
            return False
        s, e = self.spans[i][0], self.spans[j][1]
        return e - s <= 5 and self.text[s:e].isupper()

    def cue(self, i: int) -> str | None:
        """Return the place cue right before token ``i`` ("in", "north of"), if any."""
        if i == 0:
            return None
        cues = self.lexicon.cues
        prev = self.keys[i - 1]
        if i >= 2:
            two = f"{self.keys[i - 2]} {prev}"
            if two in cues:
                return two
        if prev in cues and self.text[self.spans[i - 1][0]].islower():
            return prev
        return None

    def followed_by(self, j: int, words: frozenset[str]) -> str | None:
        """Return the word of ``words`` right after token ``j`` (same case as listed), if any."""
        after = self._after.get(j)
        if after is None:
            after = self._after[j] = self._words_after(j)
        word, two = after
        if word is None:
            return None
        if word in words:
            return word
        if two is not None and two in words:
            return two
        return None

    def _words_after(self, j: int) -> tuple[str | None, str | None]:
        """Return the word right after token ``j`` and the two words there, if so written.

        The word must follow a space or a hyphen; the two words ("Marakwet sub-county")
        must be joined by one too.
        """
        if j + 1 >= len(self.spans):
            return None, None
        s, e = self.spans[j + 1]
        gap = self.text[self.spans[j][1] : s]
        if gap not in (" ", "\u00a0", "-"):
            return None, None
        two = None
        if j + 2 < len(self.spans):
            s2, e2 = self.spans[j + 2]
            if self.text[e:s2] in (" ", "-"):
                two = self.text[s:e2]
        return self.text[s:e], two

    def before_unknown_name(self, j: int) -> bool:
        """Whether token ``j`` runs on into a capitalised word that no place name holds.

        "the Gran Grif gang", "Alma Mater": a weak place name glued to a following name
        is part of that name. Place words ("Gran Province"), weekdays and months
        ("Bucha Tuesday" in a headline) do not count, nor does anything in capitals-only
        text; a name that ends in a place word ("Metcalfe County") stays a place, and so
        does one before the name of its own council or court ("Enfield Council").
        """
        if self.caps_text or j + 1 >= len(self.spans):
            return False
        lex = self.lexicon
        last = self.spans[j]
        if _PARTICLE_NAME.match(self.text, last[1] + 1) and self.text[last[1]] == " ":
            return True  # "Village de Dieu", "Villa d'Accueil": a longer name the gazetteer lacks
        if self.text[last[0] : last[1]] in lex.suffixes:
            return False  # "Metcalfe County Sheriff's Office" still names the county
        s, e = self.spans[j + 1]
        if not _SPACES.fullmatch(self.text, self.spans[j][1], s):
            return False  # one space, or a few where copy was pasted ("Vernon  Adkins")
        word = self.text[s:e]
        if not (word[0].isupper() and word[1:2].islower()):
            return False
        if self.text.startswith(lex.phrase_suffixes, s):
            return False  # "Konduga Local Government Area": an area word of several words
        if lex.local_body.match(self.text, s):
            return False  # "Enfield Council", "Wood Green Crown Court": the place's own body
        key = self.keys[j + 1]
        return not (word in lex.suffixes or word in lex.facilities or key in lex.not_places)

    def after_name(self, i: int) -> bool:
        """Whether token ``i`` ends another name: it follows a capitalised word directly.

        "Silver Street", "Harbour Bay", "the Louisville Metro Council": an everyday word
        written after a capitalised word is the last word of that word's name. A word
        that opens a sentence or a line may be a capitalised cue ("In Most, ..."), and a
        month or weekday is no name of its own; neither counts, nor does anything in
        capitals-only text. A compass word does count: it opens the name of a region the
        gazetteer lacks ("the North Coast", "the North Shore").

        >>> from incidentmap.geoparse.recognize import tokenize
        >>> text = "the North Coast and on Monday Most"
        >>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
        >>> ctx.after_name(2), ctx.after_name(6)
        (True, False)
        """
        if self.caps_text or i == 0:
            return False
        s, e = self.spans[i - 1]
        if self.text[e : self.spans[i][0]] not in (" ", "\u00a0"):
            return False
        word = self.text[s:e]
        if not (word[0].isupper() and word[1:2].islower()) or self.initial(i - 1):
            return False
        if _COMPASS_WORD.fullmatch(word):
            return True
        key = self.keys[i - 1]
        return not (key in self.lexicon.not_places or key in self.lexicon.cues)

    def before_year(self, j: int) -> bool:
        """Whether a year follows token ``j`` directly ("Spring 2002", "Fall 1998").

        >>> from incidentmap.geoparse.recognize import tokenize
        >>> text = "in Spring 2002 and in Most 12"
        >>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
        >>> ctx.before_year(1), ctx.before_year(5)
        (True, False)
        """
        if j + 1 >= len(self.spans):
            return False
        s, e = self.spans[j + 1]
        year = self.text[s:e]
        return (
            self.text[self.spans[j][1] : s] in (" ", "\u00a0")
            and len(year) == 4
            and year.isdigit()
            and year[:2] in ("18", "19", "20")
        )

    def before_disease(self, j: int) -> str | None:
        """Return the disease word the name is part of ("West Nile virus", "Lassa fever").

        Up to three capitalised words may come between the name and the disease word.
        """
        return self._name_head(j, self.lexicon.diseases, (" ", "-"))

    def before_legal_form(self, j: int) -> str | None:
        """Return the legal form that ends the company name token ``j`` opens.

        Up to three capitalised words may come between the name and the legal form:
        "Dayton Greens LLC", "the Nigeria Television Corporation".

        >>> from incidentmap.geoparse.recognize import tokenize
        >>> text = "lettuce sold by Dayton Greens LLC in Dayton"
        >>> ctx = TokenContext(text, *tokenize(text), Lexicon.default())
        >>> ctx.before_legal_form(3), ctx.before_legal_form(7)
        ('LLC', None)
        """
        return self._name_head(j, self.lexicon.legal_forms, (" ",))

    def _name_head(self, j: int, words: frozenset[str], gaps: tuple[str, ...]) -> str | None:
        """Return the word of ``words`` reached from token ``j`` over capitalised words.

        At most three capitalised words may come between, each joined by one of ``gaps``.
        """
        after = self._after.get(j)
        if after is None:
            after = self._after[j] = self._words_after(j)
        first = after[0]  # the next word, if a space, a no-break space or a hyphen leads to it
        if first is None or (first not in words and not first[:1].isupper()):
            return None  # the common case, decided with the words read once
        text, spans, n = self.text, self.spans, len(self.spans)
        k = j
        while k + 1 < n and k - j < 4:
            if text[spans[k][1] : spans[k + 1][0]] not in gaps:
                return None
            s, e = spans[k + 1]
            word = text[s:e]
            if word in words:
                return word
            if not word[:1].isupper():
                return None
            k += 1
        return None

    def modifies(self, j: int) -> bool:
        """Whether a lower-case word follows token ``j`` directly ("Western embassies")."""
        if j + 1 >= len(self.spans):
            return False
        s, _ = self.spans[j + 1]
        return self.text[self.spans[j][1] : s] == " " and self.text[s].islower()

    def qualified(self, j: int) -> bool:
        """Whether a capitalised name follows after a comma ("Most, Czech Republic")."""
        if j + 1 >= len(self.spans):
            return False
        s, _ = self.spans[j + 1]
        return self.text[self.spans[j][1] : s] == ", " and self.text[s].isupper()


def _in_capitals(head: str) -> bool:
    """Whether a text's opening is written in capitals (few a-z, many more A-Z).

    The letters are counted in the UTF-8 bytes, where a-z and A-Z are single bytes that
    no other character's bytes contain: a table lookup per byte in C, ten times quicker
    than ``str.translate`` with a dict.

    >>> _in_capitals("BAGHDAD, Iraq (Reuters) - GUNMEN KILLED NINE PEOPLE ON TUESDAY")
    True
    >>> _in_capitals("Gunmen killed nine people in Haiti on Tuesday, police said.")
    False
    """
    raw = head.encode("utf-8", "surrogatepass")
    lower = len(raw) - len(raw.translate(None, _LOWER_BYTES))
    upper = len(raw) - len(raw.translate(None, _UPPER_BYTES))
    return lower < 50 and upper > max(20, 4 * lower)


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
#: Lines looked at for a Title Case headline, and the share of capitalised long words.
_TITLE_LINES = 3
#: Most words of a short first line that :meth:`TokenContext.headline` takes for a title.
_SHORT_HEADLINE = 12
_TITLE_SHARE = 0.75


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    r"""Spans of the first lines written in Title Case (headlines, section titles).

    >>> _title_case_lines("Boko Haram Attacks Borno Village, Kill 15\n\nFifteen people died.")
    [(0, 41)]
    >>> _title_case_lines("Gunmen killed nine people in Haiti on Tuesday, police said.")
    []
    >>> _title_case_lines("Floods hit the town of Most, Czech Republic, on Friday.")
    []
    """
    found = []
    at = 0
    seen = 0
    while seen < _TITLE_LINES:  # the first lines with words: blank lines do not count
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        seen += bool(text[at:end].strip())
        if not text[at:end].rstrip().endswith("."):  # a sentence is no headline
            words = [w for w in _WORD.findall(text, at, end)[1:] if len(w) >= 4]
            upper = sum(w[0].isupper() for w in words)
            if len(words) >= 3 and upper >= _TITLE_SHARE * len(words):
                found.append((at, end))
        if end >= len(text):
            break
        at = end + 1
    return found
