r"""Turning records (JSON lines, JSON, CSV rows) into articles, for :mod:`.articles`.

The reader here reports each problem (file and line) instead of raising, so that one bad
record never stops a batch.

Examples
--------
>>> problems = []
>>> reader = RecordReader(report=problems.append, encoding_errors="strict")
>>> lines = [b'{"id": 7, "text": "Quiet night.\\r\\n"}\n', b'{"text": ""}\n']
>>> [(a.id, a.text, a.line) for a in reader.json_lines(lines, "feed.jsonl", "feed")]
[('7', 'Quiet night.\n', 1)]
>>> str(problems[0])
'feed.jsonl:2: empty article (no text)'
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import email.utils
import itertools
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from ..errors import InputError
from ..model import Article, GivenSpan
from ._bounded import MAX_TEXT_CHARS, JSONTooDeep, csv_records, load_json, raw_decode

__all__ = [
    "FIELDS",
    "RecordReader",
    "Reporter",
    "canonical",
    "clean_text",
    "optional_text",
    "parse_published",
]

Reporter = Callable[[InputError], None]
"""Receives each problem found in the input; the default logs it as a warning."""

BOM = b"\xef\xbb\xbf"
_SPACE = re.compile(r"\s*")
_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS = {name[:3]: number for number, name in enumerate(_MONTH_NAMES, 1)}
_MONTH_WORDS = frozenset(_MONTH_NAMES) | set(_MONTHS) | {"sept"}
# "Wed, 9 Oct 2012", "9 October 2012 10:00", "October 9, 2012", "Oct. 9 2012, 8:56 AM"
_WRITTEN_DATE = re.compile(
    r"(?:[A-Za-z]+\.?,?\s+)?(?:(?P<day1>\d{1,2})\s+(?P<month1>[A-Za-z]+)\.?,?\s+(?P<year1>\d{4})"
    r"|(?P<month2>[A-Za-z]+\.?)\s+(?P<day2>\d{1,2}),?\s+(?P<year2>\d{4}))(?!\d)"
)
#: Field names accepted in records, front matter and CSV headers (lower case) -> Article field.
FIELDS = {
    "id": "id",
    "title": "title",
    "headline": "title",
    "published": "published",
    "date": "published",
    "url": "url",
    "link": "url",
    "text": "text",
    "body": "text",
    "content": "text",
    "article": "text",
    "toponyms": "toponyms",
    "place": "place",
    "country": "country",
}


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """Return the date of a ``published`` value, ``None`` for a missing or blank one.

    Accepts ``YYYY-MM-DD``, ISO 8601 date-times (with or without a zone; the date is the
    one written, not converted to UTC), RFC 2822 dates as used by RSS feeds, and dates with
    an English month name and a four-digit year ("9 Oct 2012", "December 7, 2016 8:56 AM").
    All-numeric dates other than ISO (``04/03/2021``) are refused as ambiguous.

    Raises
    ------
    InputError
        If the value is not a date in one of those forms.

    Examples
    --------
    >>> parse_published("2021-03-04"), parse_published("2021-03-04T23:30:00-05:00")
    (datetime.date(2021, 3, 4), datetime.date(2021, 3, 4))
    >>> parse_published("Thu, 04 Mar 2021 10:00:00 GMT"), parse_published("Sept. 4, 2021")
    (datetime.date(2021, 3, 4), datetime.date(2021, 9, 4))
    >>> parse_published("04/03/2021")
    Traceback (most recent call last):
    ...
    incidentmap.errors.InputError: published date '04/03/2021' is not a date; use YYYY-MM-DD, ...
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    accepted = "use YYYY-MM-DD, an ISO 8601 date-time, an RFC 2822 date or '9 October 2012'"
    if not isinstance(value, str):
        raise InputError(f"published date {value!r} is not text; {accepted}")
    text = value.strip()
    if not text:
        return None
    try:  # Python 3.10's fromisoformat does not read a trailing "Z"
        return dt.datetime.fromisoformat(text[:-1] + "+00:00" if text[-1] in "Zz" else text).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError) as exc:
        written = _written_date(text)
        if written is not None:
            return written
        raise InputError(f"published date {value!r} is not a date; {accepted}") from exc


def _written_date(text: str) -> dt.date | None:
    """Read "9 Oct 2012" or "October 9, 2012" (English month names), else ``None``."""
    match = _WRITTEN_DATE.match(text)
    if match is None:
        return None
    day = match["day1"] or match["day2"]
    month = (match["month1"] or match["month2"]).lower().rstrip(".")
    if month not in _MONTH_WORDS:
        return None
    try:
        return dt.date(int(match["year1"] or match["year2"]), _MONTHS[month[:3]], int(day))
    except ValueError:
        return None


def clean_text(text: str) -> tuple[str, list[int]]:
    r"""Drop a BOM and turn CRLF/CR into LF; also return the removed indices (sorted).

    >>> clean_text("\ufeffa\r\nb")
    ('a\nb', [0, 2])
    """
    removed = [0] if text.startswith("\ufeff") else []
    if "\r" in text:
        removed += [match.start() for match in re.finditer("\r(?=\n)", text)]
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text[1:] if text.startswith("\ufeff") else text), removed


def canonical(record: dict[Any, Any]) -> dict[str, Any]:
    """Map a record's keys onto Article fields; an exact field name beats an alias."""
    fields: dict[str, Any] = {}
    for key, value in record.items():
        lowered = str(key).strip().lower()
        name = FIELDS.get(lowered)
        if name is not None and (name not in fields or lowered == name):
            fields[name] = value
    return fields


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def optional_text(value: object) -> str | None:
    """Return a metadata value as stripped text, ``None`` if missing, blank or not a scalar."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def _number(value: object) -> float | None:
    if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _json_line_problem(exc: json.JSONDecodeError) -> str:
    r"""Say what is wrong with one line of JSON lines, and where in it.

    >>> import json
    >>> try:
    ...     json.loads('{"text": "a line break')
    ... except json.JSONDecodeError as exc:
    ...     print(_json_line_problem(exc).replace("; ", ";\n"))
    not valid JSON (Unterminated string starting at column 10);
    a record must be on one line: write line breaks inside strings as \n
    """
    where = exc.msg if exc.msg.endswith(" at") else f"{exc.msg} at"
    problem = f"not valid JSON ({where} column {exc.colno})"
    if exc.msg.startswith("Unterminated string"):
        problem += "; a record must be on one line: write line breaks inside strings as \\n"
    return problem


@dataclass(frozen=True)
class RecordReader:
    """Reads records, reporting problems instead of raising.

    Parameters
    ----------
    report
        Receives an :class:`InputError` (``source`` and ``line`` set) per problem.
    encoding_errors
        ``"strict"`` reads text that is not UTF-8 as Windows-1252 when it is that (with a
        warning) and skips what is neither; another codec error handler reads it anyway.
    """

    report: Reporter
    encoding_errors: str

    def problem(
        self, message: str, source: str, line: int | None = None, *, kept: bool = False
    ) -> None:
        """Report ``message`` about ``source`` (and ``line``); ``kept``: read anyway."""
        self.report(InputError(message, source=source, line=line, kept=kept))

    def decode(self, data: bytes, source: str, first_line: int = 1) -> str | None:
        """Return ``data`` as text, or ``None`` (reported) if it is not UTF-8 and strict.

        Strict, text that is not UTF-8 but reads as Windows-1252 (the encoding of English
        text saved on Windows: its curly quotes are bytes 0x91-0x94) is read so, with a
        warning.
        """
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = first_line + data.count(b"\n", 0, exc.start)
            what = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
            legacy = self._windows_1252(data, what, source, line)
            if legacy is not None:
                return legacy
            if not self._keep_undecodable(what, source, line):
                return None
            return data.decode("utf-8", errors=self.encoding_errors)

    def _windows_1252(self, data: bytes, what: str, source: str, line: int) -> str | None:
        """Return ``data`` read as Windows-1252 (reported) when strict and it is that."""
        if self.encoding_errors != "strict":
            return None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return None
        self.problem(
            f"not UTF-8 text ({what}); read as Windows-1252, the encoding of text saved "
            "on Windows (save it as UTF-8 to be sure of its letters)",
            source,
            line,
            kept=True,
        )
        return text

    def _keep_undecodable(self, what: str, source: str, line: int) -> bool:
        """Report bytes that are not UTF-8; return whether the text is kept anyway."""
        if self.encoding_errors == "strict":
            self.problem(
                f"not UTF-8 text ({what}); save it as UTF-8 (iconv -f CP1252 -t UTF-8, "
                "or your editor's Save As), or in Python read it with "
                "encoding_errors='replace'",
                source,
                line,
            )
            return False
        self.problem(
            f"not UTF-8 text ({what}); read with encoding_errors={self.encoding_errors!r}",
            source,
            line,
            kept=True,
        )
        return True

    def fits(self, text: str, source: str, line: int | None) -> bool:
        """Whether an article's ``text`` is within :data:`MAX_TEXT_CHARS` (else reported)."""
        if len(text) <= MAX_TEXT_CHARS:
            return True
        self.problem(
            f"article text of {len(text):,} characters is longer than the "
            f"{MAX_TEXT_CHARS:,} accepted; split it into articles",
            source,
            line,
        )
        return False

    def published(self, value: object, source: str, line: int | None) -> dt.date | None:
        """Return the date of ``value``; report one that does not parse and return ``None``."""
        try:
            return parse_published(value)  # type: ignore[arg-type]
        except InputError as exc:
            self.problem(
                f"{exc.reason}; the article is kept without a date", source, line, kept=True
            )
            return None

    def country(self, value: object, source: str, line: int | None) -> str | None:
        """Return a record's ``country`` as an upper-case ISO code; report a bad one."""
        code = optional_text(value)
        if code is None:
            return None
        if len(code) == 2 and code.isascii() and code.isalpha():
            return code.upper()
        self.problem(
            f"country {code!r} is not an ISO 3166-1 alpha-2 code (such as 'CA' or 'IQ'); "
            "the article is kept without it",
            source,
            line,
            kept=True,
        )
        return None

    def record(
        self, record: object, source: str, line: int | None, default_id: str
    ) -> Article | None:
        """Return the article in a decoded record, or ``None`` (reported) if it has none."""
        if not isinstance(record, dict):
            kind = "a list" if isinstance(record, list) else type(record).__name__
            self.problem(f'expected a JSON object with a "text" field, found {kind}', source, line)
            return None
        fields = canonical(record)
        raw_text = fields.get("text")
        if not isinstance(raw_text, str):
            keys = ", ".join(map(str, record)) or "none"
            self.problem(f'record has no "text" string (its fields: {keys})', source, line)
            return None
        if not self.fits(raw_text, source, line):
            return None
        text, removed = clean_text(raw_text)
        if not text.strip():
            self.problem("empty article (no text)", source, line)
            return None
        return Article(
            id=optional_text(fields.get("id")) or default_id,
            text=text,
            title=optional_text(fields.get("title")),
            url=optional_text(fields.get("url")),
            published=self.published(fields.get("published"), source, line),
            source=source,
            line=line,
            toponyms=self._spans(fields.get("toponyms"), text, removed, source, line),
            place=optional_text(fields.get("place")),
            country=self.country(fields.get("country"), source, line),
        )

    def _spans(
        self, value: object, text: str, removed: list[int], source: str, line: int | None
    ) -> tuple[GivenSpan, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.problem(
                '"toponyms" is not a list; the mentions are ignored', source, line, kept=True
            )
            return ()
        spans = []
        for number, item in enumerate(value, 1):
            fields = item if isinstance(item, dict) else {}
            start, end = _whole_number(fields.get("start")), _whole_number(fields.get("end"))
            if start is None or end is None:
                self.problem(
                    f"toponym {number} has no integer start and end; it is ignored",
                    source,
                    line,
                    kept=True,
                )
                continue
            start -= bisect.bisect_left(removed, start)
            end -= bisect.bisect_left(removed, end)
            given = fields.get("text")
            surface = text[start:end]
            if not 0 <= start < end <= len(text) or (
                isinstance(given, str) and clean_text(given)[0] != surface
            ):
                self.problem(
                    f"toponym {number} ({given!r} at {start}-{end}) does not match the text "
                    f"there ({surface!r}); it is ignored",
                    source,
                    line,
                    kept=True,
                )
                continue
            geonameid = str(fields.get("geonameid"))
            spans.append(
                GivenSpan(
                    start=start,
                    end=end,
                    text=surface,
                    lat=_number(fields.get("lat")),
                    lon=_number(fields.get("lon")),
                    geonameid=int(geonameid) if str(geonameid).isdigit() else None,
                )
            )
        return tuple(spans)

    def json_lines(
        self, lines: Iterable[bytes], source: str, stem: str, first_line: int = 1
    ) -> Iterator[Article]:
        """Read JSON lines one at a time (ids ``stem:line``, the first being ``first_line``)."""
        for number, raw in enumerate(lines, first_line):
            if number == 1:
                raw = raw.removeprefix(BOM)
            if not raw.strip():
                continue
            line = self.decode(raw, source, number)
            if line is None:
                continue
            try:
                record = load_json(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                self.problem(_json_line_problem(exc), source, number)
                continue
            except JSONTooDeep as exc:
                self.problem(f"not read: {exc}", source, number)
                continue
            article = self.record(record, source, number, f"{stem}:{number}")
            if article is not None:
                yield article

    def json_document(self, data: bytes, source: str, stem: str) -> Iterator[Article]:
        """Read one object, or an array of objects record by record (ids ``stem:index``)."""
        decoded = self.decode(data, source)
        if decoded is None:
            return
        text = decoded.removeprefix("\ufeff")
        position = _skip_space(text, 0)
        if not text[position:].startswith("["):
            try:
                record = load_json(text)
            except json.JSONDecodeError as exc:
                self.problem(f"not valid JSON ({exc.msg})", source, exc.lineno)
                return
            except JSONTooDeep as exc:
                self.problem(f"not read: {exc}", source)
                return
            article = self.record(record, source, None, stem)
            if article is not None:
                yield article
            return
        position, line, counted, index = position + 1, 1, 0, 0
        while True:
            position = _skip_space(text, position)
            if text.startswith("]", position):
                return
            line += text.count("\n", counted, position)
            counted = position
            try:
                record, position = raw_decode(text, position)
            except json.JSONDecodeError as exc:
                self.problem(f"not valid JSON ({exc.msg}); the rest is skipped", source, line)
                return
            except JSONTooDeep as exc:
                self.problem(f"not read: {exc}; the rest is skipped", source, line)
                return
            index += 1
            article = self.record(record, source, line, f"{stem}:{index}")
            if article is not None:
                yield article
            position = _skip_space(text, position)
            if text.startswith(",", position):
                position += 1
            elif not text.startswith("]", position):
                self.problem("not valid JSON (expected ',' or ']')", source, line)
                return

    def csv_rows(self, handle: IO[bytes], source: str, stem: str) -> Iterator[Article]:
        """Read CSV records one at a time (ids ``stem:line`` of the record's first line).

        The delimiter is a comma unless the header row holds more semicolons or tabs.
        """
        undecodable: set[int] = set()

        def lines() -> Iterator[tuple[int, str]]:
            for number, raw in enumerate(handle, 1):
                try:
                    yield number, (raw.removeprefix(BOM) if number == 1 else raw).decode("utf-8")
                except UnicodeDecodeError as exc:
                    what = f"byte 0x{raw[exc.start]:02x} at offset {exc.start} of the line"
                    legacy = self._windows_1252(raw, what, source, number)
                    if legacy is not None:
                        yield number, legacy
                        continue
                    undecodable.add(number)
                    lenient = (
                        "replace" if self.encoding_errors == "strict" else self.encoding_errors
                    )
                    yield number, raw.decode("utf-8", errors=lenient)

        decoded = lines()
        top = next(decoded, None)
        # the header decides: comma, or the semicolon or tab of spreadsheet exports (ties: comma)
        delimiter = max(",;\t", key=(top or (0, ""))[1].count)

        def broken(exc: csv.Error, line: int) -> None:
            self.problem(f"not valid CSV ({exc}); this record is skipped", source, line)

        records = csv_records(itertools.chain([top] if top else [], decoded), delimiter, broken)
        _, _, header = next(records, (0, 0, None))
        if header is None:
            self.problem("empty CSV file (no header row)", source, 1)
            return
        columns: dict[str, int] = {}
        for index, name in enumerate(header):
            field = FIELDS.get(name.strip().lower())
            if field is not None and (field not in columns or name.strip().lower() == field):
                columns[field] = index
        if "text" not in columns:
            self.problem(
                f"no text column in the CSV header ({', '.join(header)}); "
                "name the article column text, body, content or article",
                source,
                1,
            )
            return
        rows = 0
        for first, last, row in records:
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            bad = undecodable.intersection(range(first, last + 1))
            if bad and not self._keep_undecodable("in this record", source, min(bad)):
                continue
            record = {name: row[index] for name, index in columns.items() if index < len(row)}
            article = self.record(record, source, first, f"{stem}:{first}")
            if article is not None:
                yield article
        if not rows:
            self.problem("CSV file with a header row but no records", source, 1)
