r"""Reading articles from files, directories and standard input.

:func:`read_articles` streams :class:`~incidentmap.model.Article` objects from any mix of

* ``.txt`` files, one article each, with optional front matter at the very start::

      ---
      title: Floods close the river road
      published: 2024-05-02
      url: https://example.org/floods
      ---

      The article text ...

  (one blank line after the closing ``---`` separates it from the text and is not part of
  it). Without front matter the whole file is the text: a first line that looks like a
  headline is *not* guessed to be the title. A sidecar ``NAME.meta.json`` (or
  ``NAME.txt.meta.json``) next to the file may give ``title``, ``published``, ``url``, ``id``;
* ``.html``/``.htm`` pages, whose main text, title and date are extracted offline by trafilatura;
* ``.jsonl``/``.ndjson`` files, one JSON object per line with ``text`` and optional ``id``,
  ``title``, ``published``, ``url`` and ``toponyms`` (given mention spans), read line by line;
* ``.json`` files holding one such object or an array of them;
* ``.csv`` files with a header row and a ``text`` column (or ``body``, ``content``,
  ``article``; ``date`` is read as ``published`` and ``link`` as ``url``);
* directories, read recursively in sorted order (supported extensions only; hidden files and
  ``*.meta.json`` skipped), and ``-`` for standard input (JSON lines when the first
  non-blank character is ``{``, else one plain-text article).

Bad input never stops a batch: each problem is passed to ``report`` as an
:class:`~incidentmap.errors.InputError` naming the file and line, and reading goes on.
Text is normalised on reading (UTF-8 byte order mark removed, CRLF and CR turned into LF);
offsets of given mentions are moved to match the returned text.

Examples
--------
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> note = "---\ntitle: Floods\npublished: 2024-05-02\n---\n\nRain fell.\n"
>>> _ = (folder / "note.txt").write_text(note, encoding="utf-8")
>>> _ = (folder / "feed.jsonl").write_text('{"text": "Ice."}\n[1]\n', encoding="utf-8")
>>> problems = []
>>> [(a.id, a.title, a.published, a.text) for a in read_articles(folder, report=problems.append)]
[('feed:1', None, None, 'Ice.'), ('note', 'Floods', datetime.date(2024, 5, 2), 'Rain fell.\n')]
>>> problems[0].line, problems[0].reason
(2, 'expected a JSON object with a "text" field, found a list')
"""

from __future__ import annotations

import bisect
import codecs
import csv
import datetime as dt
import email.utils
import itertools
import json
import logging
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from ..model import Article, GivenSpan

__all__ = ["SUPPORTED_SUFFIXES", "Reporter", "iter_input_files", "parse_published", "read_articles"]

Reporter = Callable[[InputError], None]
"""Receives each problem found in the input; the default logs it as a warning."""

#: File extensions read from directories (explicitly named files of other types are read
#: as plain text).
SUPPORTED_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv"})

_LOG = logging.getLogger("incidentmap.input")
_STDIN = "<stdin>"
_SNIFF_BYTES = 8192
_BOM = b"\xef\xbb\xbf"
_SPACE = re.compile(r"\s*")
_FRONT_MATTER_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")
# field names accepted in records, front matter and CSV headers (lower case) -> Article field
_FIELDS = {
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
}


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """Return the date of a ``published`` value, ``None`` for a missing or blank one.

    Accepts ``YYYY-MM-DD``, ISO 8601 date-times (with or without a zone; the date is the
    one written, not converted to UTC) and RFC 2822 dates as used by RSS feeds.

    Raises
    ------
    InputError
        If the value is not a date in one of those forms.

    Examples
    --------
    >>> parse_published("2021-03-04"), parse_published("2021-03-04T23:30:00-05:00")
    (datetime.date(2021, 3, 4), datetime.date(2021, 3, 4))
    >>> parse_published("Thu, 04 Mar 2021 10:00:00 GMT")
    datetime.date(2021, 3, 4)
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
    accepted = "use YYYY-MM-DD, an ISO 8601 date-time or an RFC 2822 date"
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
        raise InputError(f"published date {value!r} is not a date; {accepted}") from exc


def iter_input_files(sources: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """Yield the files :func:`read_articles` reads for ``sources``, in reading order.

    Directories are walked recursively in sorted order (supported extensions only, hidden
    files and ``*.meta.json`` sidecars skipped); other paths are yielded as given, missing
    ones included (reading reports them), and ``-`` stands for standard input.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("b.txt", "a.jsonl", "a.meta.json", ".hidden.txt", "notes.md"):
    ...     _ = (folder / name).write_text("x", encoding="utf-8")
    >>> [p.name for p in iter_input_files([folder, "-"])]
    ['a.jsonl', 'b.txt', '-']
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    for source in sources:
        path = Path(source)
        if str(source) == "-" or not path.is_dir():
            yield path
            continue
        found = []
        for child in path.rglob("*"):
            parts = child.relative_to(path).parts
            if (
                child.suffix.lower() in SUPPORTED_SUFFIXES
                and not any(part.startswith(".") for part in parts)
                and not child.name.lower().endswith(".meta.json")
                and child.is_file()
            ):
                found.append(child)
        yield from sorted(found)


def read_articles(
    *sources: str | Path,
    report: Reporter | None = None,
    encoding_errors: str = "strict",
) -> Iterator[Article]:
    """Stream the articles in ``sources`` (files, directories, ``-`` for standard input).

    Parameters
    ----------
    sources
        Paths as described in the module docstring.
    report
        Called with an :class:`InputError` (``source`` and ``line`` set) for each file,
        line or record that cannot be read; reading goes on with the rest. By default the
        problem is logged as a warning on the ``incidentmap.input`` logger.
    encoding_errors
        How bytes that are not UTF-8 are handled: ``"strict"`` skips the file (or line, or
        record) and reports it; ``"replace"`` reads it with U+FFFD replacement characters
        (and still reports it). Any Python codec error handler name is accepted.

    Raises
    ------
    InputError
        If ``encoding_errors`` is not a codec error handler.
    """
    try:
        codecs.lookup_error(encoding_errors)
    except LookupError as exc:
        raise InputError(
            f"encoding_errors={encoding_errors!r} is not a codec error handler; "
            "use 'strict', 'replace' or 'ignore'"
        ) from exc
    reader = _Reader(report=report or _log_problem, encoding_errors=encoding_errors)
    for path in iter_input_files(sources):
        yield from reader.read(path)


def _log_problem(error: InputError) -> None:
    _LOG.warning("%s", error)


def _clean_text(text: str) -> tuple[str, list[int]]:
    """Drop a BOM and turn CRLF/CR into LF; also return the removed indices (sorted)."""
    removed = [0] if text.startswith("\ufeff") else []
    if "\r" in text:
        removed += [match.start() for match in re.finditer("\r(?=\n)", text)]
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text[1:] if text.startswith("\ufeff") else text), removed


def _split_front_matter(text: str) -> tuple[dict[str, tuple[str, int]], str]:
    """Split ``---`` front matter off ``text``: ({key: (value, line)}, body)."""
    lines = text.split("\n", 1)
    if len(lines) < 2 or lines[0].rstrip() != "---":
        return {}, text
    fields: dict[str, tuple[str, int]] = {}
    position, number = len(lines[0]) + 1, 2
    while position <= len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        line = text[position:end]
        if line.rstrip() == "---":
            body = text[end + 1 :]
            return fields, body[1:] if body.startswith("\n") else body
        if line.strip():
            match = _FRONT_MATTER_LINE.fullmatch(line.strip())
            if match is None:  # not front matter after all: the file is all text
                return {}, text
            value = match[2].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[match[1].lower()] = (value, number)
        position, number = end + 1, number + 1
    return {}, text


def _canonical(record: dict[Any, Any]) -> dict[str, Any]:
    """Map a record's keys onto Article fields; an exact field name beats an alias."""
    fields: dict[str, Any] = {}
    for key, value in record.items():
        lowered = str(key).strip().lower()
        name = _FIELDS.get(lowered)
        if name is not None and (name not in fields or lowered == name):
            fields[name] = value
    return fields


def _skip_space(text: str, position: int) -> int:
    match = _SPACE.match(text, position)
    return match.end() if match else position


def _optional_text(value: object) -> str | None:
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


@dataclass(frozen=True)
class _Reader:
    """Reads one input file at a time, reporting problems instead of raising."""

    report: Reporter
    encoding_errors: str

    def read(self, path: Path) -> Iterator[Article]:
        if str(path) == "-":
            yield from self._stdin()
            return
        source = str(path)
        handle = self._open(path, source)
        if handle is None:
            return
        with handle:
            suffix = path.suffix.lower()
            if suffix in {".jsonl", ".ndjson"}:
                yield from self._json_lines(handle, source, path.stem)
            elif suffix == ".csv":
                yield from self._csv(handle, source, path.stem)
            else:
                data = handle.read()
                if suffix == ".json":
                    yield from self._json(data, source, path.stem)
                elif suffix in {".html", ".htm"}:
                    yield from self._html(data, source, path)
                else:
                    yield from self._plain(data, source, path.stem, self._sidecar(path))

    def _problem(self, message: str, source: str, line: int | None = None) -> None:
        self.report(InputError(message, source=source, line=line))

    def _open(self, path: Path, source: str) -> IO[bytes] | None:
        try:
            handle = path.open("rb")
            head = handle.read(_SNIFF_BYTES)
        except FileNotFoundError:
            self._problem("no such file or directory", source)
            return None
        except OSError as exc:
            self._problem(f"cannot read the file: {exc.strerror or exc}", source)
            return None
        if b"\0" in head:
            handle.close()
            self._problem(
                "not a text file (it holds NUL bytes: binary data such as an image, "
                "or UTF-16 text); articles must be UTF-8 text, HTML, JSON or CSV",
                source,
            )
            return None
        handle.seek(0)
        return handle

    def _decode(self, data: bytes, source: str, first_line: int = 1) -> str | None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = first_line + data.count(b"\n", 0, exc.start)
            what = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
            if not self._keep_undecodable(what, source, line):
                return None
            return data.decode("utf-8", errors=self.encoding_errors)

    def _keep_undecodable(self, what: str, source: str, line: int) -> bool:
        """Report bytes that are not UTF-8; return whether the text is kept anyway."""
        if self.encoding_errors == "strict":
            self._problem(
                f"not UTF-8 text ({what}); skipped: save it as UTF-8 "
                "or read with encoding_errors='replace'",
                source,
                line,
            )
            return False
        self._problem(
            f"not UTF-8 text ({what}); read with encoding_errors={self.encoding_errors!r}",
            source,
            line,
        )
        return True

    def _published(self, value: object, source: str, line: int | None) -> dt.date | None:
        try:
            return parse_published(value)  # type: ignore[arg-type]
        except InputError as exc:
            self._problem(f"{exc.reason}; the article is kept without a date", source, line)
            return None

    def _sidecar(self, path: Path) -> dict[str, tuple[Any, int | None]]:
        for sidecar in (path.with_name(f"{path.stem}.meta.json"), Path(f"{path}.meta.json")):
            if not sidecar.is_file():
                continue
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                self._problem(f"sidecar metadata ignored: {exc}", str(sidecar))
                return {}
            if not isinstance(meta, dict):
                self._problem("sidecar metadata ignored: not a JSON object", str(sidecar))
                return {}
            return {key: (value, None) for key, value in _canonical(meta).items()}
        return {}

    def _plain(
        self, data: bytes, source: str, stem: str, meta: dict[str, tuple[Any, int | None]]
    ) -> Iterator[Article]:
        decoded = self._decode(data, source)
        if decoded is None:
            return
        text, _ = _clean_text(decoded)
        front, body = _split_front_matter(text)
        for key, value in front.items():
            if key in _FIELDS:
                meta[_FIELDS[key]] = value
        if not body.strip():
            self._problem("empty article (no text)", source)
            return
        published_value, published_line = meta.get("published", (None, None))
        yield Article(
            id=_optional_text(meta.get("id", (None,))[0]) or stem,
            text=body,
            title=_optional_text(meta.get("title", (None,))[0]),
            url=_optional_text(meta.get("url", (None,))[0]),
            published=self._published(published_value, source, published_line),
            source=source,
        )

    def _html(self, data: bytes, source: str, path: Path) -> Iterator[Article]:
        from trafilatura import bare_extraction

        document = bare_extraction(data, include_comments=False, with_metadata=True)
        text = getattr(document, "text", None) or ""
        if not text.strip():
            self._problem("no article text found in the HTML page", source)
            return
        meta = self._sidecar(path)
        title = _optional_text(getattr(document, "title", None))
        if title and text.startswith(title + "\n"):  # the headline is metadata, not body
            text = text[len(title) + 1 :]
        date, url = getattr(document, "date", None), getattr(document, "url", None)
        for key, value in (("title", title), ("published", date), ("url", url)):
            if value and key not in meta:
                meta[key] = (value, None)
        yield from self._plain(text.encode("utf-8"), source, path.stem, meta)

    def _record(
        self, record: object, source: str, line: int | None, default_id: str
    ) -> Article | None:
        if not isinstance(record, dict):
            kind = "a list" if isinstance(record, list) else type(record).__name__
            self._problem(f'expected a JSON object with a "text" field, found {kind}', source, line)
            return None
        fields = _canonical(record)
        raw_text = fields.get("text")
        if not isinstance(raw_text, str):
            keys = ", ".join(map(str, record)) or "none"
            self._problem(f'record has no "text" string (its fields: {keys})', source, line)
            return None
        text, removed = _clean_text(raw_text)
        if not text.strip():
            self._problem("empty article (no text)", source, line)
            return None
        return Article(
            id=_optional_text(fields.get("id")) or default_id,
            text=text,
            title=_optional_text(fields.get("title")),
            url=_optional_text(fields.get("url")),
            published=self._published(fields.get("published"), source, line),
            source=source,
            line=line,
            toponyms=self._spans(fields.get("toponyms"), text, removed, source, line),
        )

    def _spans(
        self, value: object, text: str, removed: list[int], source: str, line: int | None
    ) -> tuple[GivenSpan, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self._problem('"toponyms" is not a list; the mentions are ignored', source, line)
            return ()
        spans = []
        for number, item in enumerate(value, 1):
            fields = item if isinstance(item, dict) else {}
            start, end = _whole_number(fields.get("start")), _whole_number(fields.get("end"))
            if start is None or end is None:
                self._problem(f"toponym {number} has no integer start and end", source, line)
                continue
            start -= bisect.bisect_left(removed, start)
            end -= bisect.bisect_left(removed, end)
            given = fields.get("text")
            surface = text[start:end]
            if not 0 <= start < end <= len(text) or (
                isinstance(given, str) and _clean_text(given)[0] != surface
            ):
                self._problem(
                    f"toponym {number} ({given!r} at {start}-{end}) does not match the text "
                    f"there ({surface!r}); it is ignored",
                    source,
                    line,
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

    def _json_lines(self, lines: Iterable[bytes], source: str, stem: str) -> Iterator[Article]:
        for number, raw in enumerate(lines, 1):
            if number == 1:
                raw = raw.removeprefix(_BOM)
            if not raw.strip():
                continue
            line = self._decode(raw, source, number)
            if line is None:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                self._problem(f"not valid JSON ({exc.msg} at column {exc.colno})", source, number)
                continue
            article = self._record(record, source, number, f"{stem}:{number}")
            if article is not None:
                yield article

    def _json(self, data: bytes, source: str, stem: str) -> Iterator[Article]:
        """Read one object, or an array of objects record by record (ids ``stem:index``)."""
        decoded = self._decode(data, source)
        if decoded is None:
            return
        text = decoded.removeprefix("\ufeff")
        decoder = json.JSONDecoder()
        position = _skip_space(text, 0)
        if not text[position:].startswith("["):
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                self._problem(f"not valid JSON ({exc.msg})", source, exc.lineno)
                return
            article = self._record(record, source, None, stem)
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
                record, position = decoder.raw_decode(text, position)
            except json.JSONDecodeError as exc:
                self._problem(f"not valid JSON ({exc.msg}); the rest is skipped", source, line)
                return
            index += 1
            article = self._record(record, source, line, f"{stem}:{index}")
            if article is not None:
                yield article
            position = _skip_space(text, position)
            if text.startswith(",", position):
                position += 1
            elif not text.startswith("]", position):
                self._problem("not valid JSON (expected ',' or ']')", source, line)
                return

    def _csv(self, handle: IO[bytes], source: str, stem: str) -> Iterator[Article]:
        undecodable: set[int] = set()

        def lines() -> Iterator[str]:
            for number, raw in enumerate(handle, 1):
                try:
                    yield (raw.removeprefix(_BOM) if number == 1 else raw).decode("utf-8")
                except UnicodeDecodeError:
                    undecodable.add(number)
                    yield raw.decode(
                        "utf-8", errors=self.encoding_errors.replace("strict", "replace")
                    )

        reader = csv.reader(lines())
        try:
            header = next(reader, None)
            if header is None:
                self._problem("empty CSV file (no header row)", source, 1)
                return
            columns: dict[str, int] = {}
            for index, name in enumerate(header):
                field = _FIELDS.get(name.strip().lower())
                if field is not None and (field not in columns or name.strip().lower() == field):
                    columns[field] = index
            if "text" not in columns:
                self._problem(
                    f"no text column in the CSV header ({', '.join(header)}); "
                    "name the article column text, body, content or article",
                    source,
                    1,
                )
                return
            previous = reader.line_num
            for row in reader:
                first, previous = previous + 1, reader.line_num
                if not any(cell.strip() for cell in row):
                    continue
                bad = undecodable.intersection(range(first, previous + 1))
                if bad and not self._keep_undecodable("in this record", source, min(bad)):
                    continue
                record = {name: row[index] for name, index in columns.items() if index < len(row)}
                article = self._record(record, source, first, f"{stem}:{first}")
                if article is not None:
                    yield article
        except csv.Error as exc:
            self._problem(f"not valid CSV ({exc}); the rest is skipped", source, reader.line_num)

    def _stdin(self) -> Iterator[Article]:
        stream = sys.stdin.buffer
        head = []
        for raw in stream:
            head.append(raw)
            if raw.strip():
                break
        first = b"".join(head).lstrip().removeprefix(_BOM).lstrip()
        if first.startswith(b"{"):
            yield from self._json_lines(itertools.chain(head, stream), _STDIN, "stdin")
            return
        data = b"".join(head) + stream.read()
        if b"\0" in data[:_SNIFF_BYTES]:
            self._problem("not a text file (it holds NUL bytes)", _STDIN)
            return
        yield from self._plain(data, _STDIN, "stdin", {})
