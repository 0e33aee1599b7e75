"""The number words and toll words of a codebook (``numbers.tsv``, ``tolls.tsv``).

:class:`CasualtyWords` reads the two files and compiles what a count is read with: the
pattern of a number in digits or words (``number``) and of a word that reports people
killed or injured (``verb``), the toll words whose count follows them ("killing three",
"the death toll rose to 43"), and the value of a number matched (:meth:`value_of`).
:mod:`.casualties` finds the counts of a text with them.

Examples
--------
>>> parse_number("twenty-five"), parse_number("1,200"), parse_number("dozens")
(25, 1200, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..errors import InputError
from ..text.patterns import FastPattern

__all__ = ["CasualtyWords", "WordRow", "parse_number"]

_NUMBER_KINDS = ("unit", "ten", "hundred", "dozen", "vague", "person", "none", "qualifier",
                 "upper bound", "measure", "label")  # fmt: skip
_TOLL_KINDS = ("one killed", "killed", "injured")
_COUNT_AFTER = ("", "yes", "toll")


@dataclass(frozen=True, slots=True)
class WordRow:
    """One row of ``numbers.tsv`` or ``tolls.tsv``, with its example."""

    kind: str
    phrase: str
    value: str
    example: str
    count: int | None
    """The count the example must give (``None``: a report without a number)."""
    where: str


def _rows(
    text: str, source: str, kinds: tuple[str, ...], values: tuple[str, ...] | None
) -> list[WordRow]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5 or fields[0] not in kinds or not fields[1] or not fields[3]:
            raise InputError(
                f"expected 'kind<TAB>phrase<TAB>{'value' if values is None else 'count after'}"
                f"<TAB>example<TAB>count' with a kind of {list(kinds)}, got {line!r}",
                source=source,
                line=number,
            )
        kind, phrase, value, example, count = fields
        if values is not None and value not in values:
            raise InputError(f"'count after' is one of {list(values)}, got {value!r}",
                             source=source, line=number)  # fmt: skip
        if values is None and kind in ("unit", "ten", "hundred", "dozen") and not value.isdigit():
            raise InputError(f"a {kind} row needs its number, got {value!r}", source=source,
                             line=number)  # fmt: skip
        if count != "?" and not count.isdigit():
            raise InputError(f"count is a number or ?, got {count!r}", source=source, line=number)
        rows.append(WordRow(kind, phrase, value, example, None if count == "?" else int(count),
                            f"{source}:{number}"))  # fmt: skip
    return rows


def _spaced(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase.lower())


def _alt(rows: list[WordRow], kind: str) -> str:
    """Return the phrases of one kind as alternatives of a pattern (a space: any white space)."""
    return "|".join(r.phrase.replace(" ", r"\s+") for r in rows if r.kind == kind)


class CasualtyWords:
    """The number words and toll words of one language (``numbers.tsv``, ``tolls.tsv``).

    Attributes
    ----------
    numbers, tolls
        The rows of the two files, in file order.
    number
        A count in digits or words, a vague amount ("dozens"), a person ("a soldier":
        one) or nobody ("no one"); :meth:`value_of` reads a match.
    verb
        A word that reports people killed (group ``kill``; ``him``, one person: "shot
        him dead") or injured (``hurt``); ``verb_fast`` finds the same matches faster.
    active, toll
        The toll words whose count follows them: a verb ("killing three") and a toll
        noun, its count past a verb ("the death toll rose to 43").
    one_object
        One person named after a verb by a determiner or possessive ("killed the
        governor's driver").
    label
        A word that makes the number after it a name, no count ("Grade three").

    >>> CasualtyWords.default().parse_number("Two hundred and five")
    205
    """

    def __init__(self, numbers: list[WordRow], tolls: list[WordRow], *, source: str = "") -> None:
        self.numbers = tuple(numbers)
        self.tolls = tuple(tolls)
        units = {r.phrase.lower(): int(r.value) for r in numbers if r.kind in ("unit", "ten")}
        self._words = units
        self._tens = {r.phrase.lower() for r in numbers if r.kind == "ten"}
        self._hundred = {r.phrase.lower() for r in numbers if r.kind == "hundred"}
        self._dozens = {
            re.sub(r"\s+", " ", r.phrase.lower()): int(r.value)
            for r in numbers
            if r.kind == "dozen"
        }
        self._upper = re.compile(_alt(numbers, "upper bound") or "(?!)", re.IGNORECASE)
        # "Grade three", "Route 9": a number that names, no count
        self.label = re.compile(
            rf"(?<![\w-])(?:{_alt(numbers, 'label') or '(?!)'})\s+$", re.IGNORECASE
        )
        word = "|".join(sorted(units, key=len, reverse=True))
        hundred = "|".join(self._hundred) or "(?!)"
        try:
            self.number = re.compile(
                # a word starts a number; a capital right after a small letter too: a
                # copied page that lost the line break between a heading and the story
                # ("Market attackedTwelve traders were killed")
                rf"""(?:(?<![\w.,])|(?-i:(?<=[a-z])(?=[A-Z][a-z])))
    (?:(?P<qual>{_alt(numbers, "qualifier")}|{_alt(numbers, "upper bound")})\s+)?
    (?:(?<!in\s)(?<!since\s)(?<!of\s)(?<!by\s)(?<!until\s)(?<!during\s)(?<!from\s)
       (?P<digits>\d{{1,3}}(?:,\d{{3}})+|\d+)(?![\d.,]\d)
      |(?P<dozen>{_alt(numbers, "dozen") or "(?!)"})
      |(?P<words>(?:{word})(?:[-\s](?:{word}))?(?:\s+(?:{hundred})(?:\s+and\s+(?:{word}))?)?)
      |(?P<vague>{_alt(numbers, "vague") or "(?!)"})
      |(?P<one>(?:a|an|one)\s+(?:[\w’'-]+\s+){{0,2}}?(?:{_alt(numbers, "person") or "(?!)"})s?)
      |(?P<zero>{_alt(numbers, "none") or "(?!)"})
    )(?![\w])
    (?![\s-]*(?:{_alt(numbers, "measure") or "(?!)"}))""",
                re.IGNORECASE | re.VERBOSE,
            )
            self.verb = re.compile(
                rf"""(?<![\w-])(?:
      (?P<him>{_alt(tolls, "one killed") or "(?!)"})
     |(?P<kill>{_alt(tolls, "killed") or "(?!)"})
     |(?P<hurt>{_alt(tolls, "injured") or "(?!)"})
    )(?![\w])""",
                re.IGNORECASE | re.VERBOSE,
            )
        except re.error as exc:
            raise InputError(f"a number or toll phrase is no regular expression: {exc}",
                             source=source) from exc  # fmt: skip
        self.verb_fast = FastPattern(self.verb)
        active = [r.phrase.replace(" ", r"\s+") for r in tolls if r.value == "yes"]
        self.active = re.compile("|".join(active) or "(?!)", re.IGNORECASE)
        toll = [r.phrase.replace(" ", r"\s+") for r in tolls if r.value == "toll"]
        self.toll = re.compile("|".join(toll) or "(?!)", re.IGNORECASE)
        # "killed the driver", "shot dead the group's commander": one person named
        person = _alt(numbers, "person") or "(?!)"
        self.one_object = re.compile(
            rf"(?:the|his|her|its|their|[\w-]+['’]s)\s+(?:[\w’'-]+\s+){{0,2}}?(?:{person})(?![\w’'-])"
            # not "the driver and his wife": two people, their number not told
            r"(?!\s+and\s+(?:his|her|their|its|a|an|the|one|two|three|four|five|\d+)\b)",
            re.IGNORECASE,
        )

    @classmethod
    def parse(cls, numbers: tuple[str, str], tolls: tuple[str, str]) -> CasualtyWords:
        """Read ``(source, text)`` of a ``numbers.tsv`` and a ``tolls.tsv``.

        Raises
        ------
        InputError
            For a malformed row (file and line named) or a phrase that does not compile.
        """
        return cls(
            _rows(numbers[1], numbers[0], _NUMBER_KINDS, None),
            _rows(tolls[1], tolls[0], _TOLL_KINDS, _COUNT_AFTER),
            source=f"{numbers[0]}, {tolls[0]}",
        )

    @classmethod
    @cache
    def default(cls) -> CasualtyWords:
        """Return the English words shipped in ``codebook/en``."""
        from .codebookfiles import shipped_text

        return cls.parse(
            ("numbers.tsv", shipped_text("numbers.tsv")),
            ("tolls.tsv", shipped_text("tolls.tsv")),
        )

    def parse_number(self, text: str) -> int | None:
        """Read a count written in digits or words; ``None`` for vague amounts.

        >>> CasualtyWords.default().parse_number("two dozen")
        24
        """
        match = self.number.search(text)
        return None if match is None else self.value_of(match)

    def value_of(self, match: re.Match[str]) -> int | None:
        """Return the count a match of ``number`` gives; ``None`` for vague amounts."""
        qual = match.group("qual")
        if qual and self._upper.fullmatch(qual):
            return None
        if match.group("digits"):
            return int(match.group("digits").replace(",", ""))
        if match.group("dozen"):
            return self._dozens.get(_spaced(match.group("dozen")))
        if match.group("one"):
            return 1
        if match.group("zero"):
            return 0
        words = match.group("words")
        if words:
            total = 0
            for token in re.split(r"[-\s]+", words.lower()):
                if token in self._words:
                    total += self._words[token]
                elif token in self._hundred:
                    total = max(total, 1) * 100
            return total
        return None


def parse_number(text: str) -> int | None:
    """Read a count written in digits or words; ``None`` for vague amounts.

    >>> parse_number("at least 12"), parse_number("a dozen"), parse_number("two hundred")
    (12, 12, 200)
    """
    return CasualtyWords.default().parse_number(text)
