r"""Parsing with bounds, for :mod:`._records`: what hostile records cannot make us do.

* JSON is parsed with a nesting limit (:data:`MAX_DEPTH`) and integers of more than
  :data:`MAX_INT_DIGITS` digits are kept as their digits (Python refuses to convert ints
  of more than 4,300 digits, so an ``"id"`` of 4,301 digits used to stop a batch);
* CSV records are read one at a time: a record the ``csv`` module cannot read (an
  unterminated quote, a field over the ``csv`` field size limit) is reported and reading
  goes on at the line after the one it started on, so the good rows after it are kept;
* file names with bytes that are not UTF-8 are shown with ``\xff`` escapes
  (:func:`display_path`); lone surrogates in text are replaced by
  :class:`~incidentmap.model.Article` itself.

Examples
--------
>>> load_json('{"id": ' + "9" * 5000 + ', "text": "x"}')["id"][:3]
'999'
>>> load_json("[" * 100 + "]" * 100)
Traceback (most recent call last):
...
incidentmap.text._bounded.JSONTooDeep: JSON nested deeper than 64 levels
>>> rows = [(1, "id,text\n"), (2, '1,"never closed\n'), (3, "2,fine\n")]
>>> problems = []
>>> [(n, row) for n, _, row in csv_records(iter(rows), ",", lambda e, n: problems.append(n))]
[(1, ['id', 'text']), (3, ['2', 'fine'])]
>>> problems
[2]
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "MAX_TEXT_CHARS",
    "JSONTooDeep",
    "csv_records",
    "display_path",
    "load_json",
    "raw_decode",
]

#: Deepest nesting of arrays and objects accepted in a JSON record.
MAX_DEPTH = 64
#: Integers longer than this stay text (an ``id`` of thousands of digits is an id, not a number).
MAX_INT_DIGITS = 100
#: Longest article text accepted, in characters (a long news article holds 100,000).
MAX_TEXT_CHARS = 5_000_000

_SURROGATE = re.compile("[\ud800-\udfff]")


class JSONTooDeep(ValueError):
    """A JSON value nested deeper than :data:`MAX_DEPTH` levels."""

    def __init__(self) -> None:
        super().__init__(f"JSON nested deeper than {MAX_DEPTH} levels")


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits.lstrip("-")) <= MAX_INT_DIGITS else digits


_DECODER = json.JSONDecoder(parse_int=_integer)


def _check_depth(value: Any) -> Any:
    """Return ``value``, or raise :class:`JSONTooDeep` (iteratively: no recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        children = item.values() if isinstance(item, dict) else item
        if isinstance(item, (dict, list)):
            if depth > MAX_DEPTH:
                raise JSONTooDeep
            stack.extend(
                (child, depth + 1) for child in children if isinstance(child, (dict, list))
            )
    return value


def load_json(text: str) -> Any:
    """Parse a JSON document with bounded nesting and integer length.

    Raises
    ------
    json.JSONDecodeError
        If ``text`` is not JSON.
    JSONTooDeep
        If it nests arrays or objects deeper than :data:`MAX_DEPTH`.
    """
    return raw_decode(text, 0, whole=True)[0]


def raw_decode(text: str, position: int, *, whole: bool = False) -> tuple[Any, int]:
    """Decode one JSON value at ``position`` (all of ``text`` when ``whole``) with bounds."""
    try:
        if whole:
            return _check_depth(_DECODER.decode(text)), len(text)
        value, end = _DECODER.raw_decode(text, position)
    except RecursionError:  # the C scanner's own limit, far beyond MAX_DEPTH
        raise JSONTooDeep from None
    return _check_depth(value), end


def display_path(path: os.PathLike[str] | str) -> str:
    r"""Return a file name as printable text: undecodable bytes shown as ``\xff``.

    >>> display_path("bad\udcff.txt")
    'bad\\xff.txt'
    """
    name = os.fspath(path)
    if not _SURROGATE.search(name):
        return name
    try:
        raw = name.encode("utf-8", "surrogateescape")  # the bytes the name was read from
    except UnicodeEncodeError:  # a lone surrogate that stands for no byte
        raw = name.encode("utf-8", "surrogatepass")
    return raw.decode("utf-8", "backslashreplace")


CSVProblem = Callable[[csv.Error, int], None]


def csv_records(
    lines: Iterator[tuple[int, str]], delimiter: str, problem: CSVProblem
) -> Iterator[tuple[int, int, list[str]]]:
    """Yield ``(first line, last line, row)`` for each CSV record of numbered ``lines``.

    A record the ``csv`` module refuses (``strict`` quoting: an unterminated quote met
    at the end of the data, a field over the field size limit) is passed to ``problem``
    with the line it started on, and reading starts again on the next line: one broken
    record costs that record only. The lines of a record are held until it is complete,
    which the field size limit bounds.
    """
    queue: deque[tuple[int, str]] = deque()
    record: list[tuple[int, str]] = []

    def feed() -> Iterator[str]:
        while True:
            item = queue.popleft() if queue else next(lines, None)
            if item is None:
                return
            record.append(item)
            yield item[1]

    while True:
        reader = csv.reader(feed(), delimiter=delimiter, strict=True)
        try:
            for row in reader:
                first, last = record[0][0], record[-1][0]
                record.clear()
                yield first, last, row
            return
        except csv.Error as exc:
            if not record:  # pragma: no cover - the csv module read nothing
                return
            problem(exc, record[0][0])
            queue.extendleft(reversed(record[1:]))
            record.clear()
