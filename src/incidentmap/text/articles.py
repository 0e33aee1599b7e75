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
* ``.json`` files holding one such object or an array of them (read whole: use JSON lines
  for corpora too large for memory);
* ``.csv`` files with a header row and a ``text`` column (or ``body``, ``content``,
  ``article``; ``date`` is read as ``published`` and ``link`` as ``url``), comma-separated
  or, when the header says so, semicolon- or tab-separated;
* directories, read recursively in sorted order (supported extensions only; hidden files and
  ``*.meta.json`` skipped), and ``-`` for standard input (JSON lines when the first
  non-blank character is ``{``, else one plain-text article);
* any of these compressed with gzip (``articles.jsonl.gz``), read as the file it holds.

Text is UTF-8, or UTF-16 or UTF-32 with a byte order mark; text that is not UTF-8 but
reads as Windows-1252 (English text saved on Windows) is read so, with a warning.

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

import codecs
import errno
import gzip
import io
import itertools
import logging
import os
import re
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from ..errors import ArticleError, InputError
from ..model import Article
from ..wording import plural
from ._bounded import display_path, load_json
from ._records import (
    BOM,
    FIELDS,
    RecordReader,
    Reporter,
    canonical,
    clean_text,
    optional_text,
    parse_published,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Reporter",
    "iter_input_files",
    "parse_published",
    "read_articles",
    "read_json_lines",
]

#: File extensions read from directories (a ``.xml`` file only if it is an RSS or Atom
#: feed; explicitly named files of other types are read as plain text, or as a feed when
#: their content is one).
SUPPORTED_SUFFIXES = frozenset(
    {".txt", ".html", ".htm", ".jsonl", ".ndjson", ".json", ".csv", ".rss", ".atom", ".xml"}
)

_LOG = logging.getLogger("incidentmap.input")
_STDIN = "<stdin>"
_SNIFF_BYTES = 8192
_FRONT_MATTER_LINE = re.compile(r"([A-Za-z_][\w-]*)\s*:\s*(.*)")


def iter_input_files(
    sources: Iterable[str | Path] | str | Path, *, report: Reporter | None = None
) -> Iterator[Path]:
    """Yield the files :func:`read_articles` reads for ``sources``, in reading order.

    Directories are walked recursively in sorted order (supported extensions only, hidden
    files and ``*.meta.json`` sidecars skipped; files of other types are counted in one
    note per folder, logged at INFO level); other paths are yielded as given, missing
    ones included (reading reports them), and ``-`` stands for standard input. What a
    walk cannot read is passed to ``report`` (logged by default) and skipped: a folder
    that cannot be listed, a broken or looping symbolic link, a FIFO, socket or device
    with an article's extension. Symbolic links to folders are not followed.

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
    problem = report or _log_problem
    for source in sources:
        if str(source).lower().startswith(("http://", "https://")):
            problem(
                InputError(
                    "a URL, not a file: `incidentmap run --online` fetches URLs (off by default)",
                    source=str(source),
                )
            )
            continue
        path = Path(source)
        if str(source) == "-" or not path.is_dir():
            yield path
            continue
        yield from sorted(_walk(path, problem))


def _walk(folder: Path, problem: Reporter) -> Iterator[Path]:
    def unreadable(exc: OSError) -> None:
        where = display_path(exc.filename or folder)
        problem(InputError(f"cannot read the folder: {exc.strerror or exc}", source=where))

    passed_over: Counter[str] = Counter()  # files of other types, by extension
    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            lowered = name.lower()
            if name.startswith(".") or lowered.endswith(".meta.json"):
                continue
            if _inner_suffix(Path(lowered)) not in SUPPORTED_SUFFIXES:
                passed_over[Path(lowered).suffix or "(no extension)"] += 1
                continue
            child = Path(root, name)
            why = _not_a_file(child)
            if why is None:
                if lowered.endswith(".xml") and not _is_feed_file(child):
                    passed_over[".xml (not a feed)"] += 1
                    continue  # other XML (a sitemap, a config file) is not an article
                yield child
            else:
                problem(InputError(f"skipped: {why}", source=display_path(child)))
    if passed_over:
        _LOG.info(
            "%s: %s not read, of types that are not articles (%s); articles are "
            ".txt, .html, .jsonl, .json and .csv files and RSS/Atom feeds",
            display_path(folder),
            plural(passed_over.total(), "file"),
            ", ".join(f"{n} {suffix}" for suffix, n in sorted(passed_over.items())),
        )


def _is_feed_file(path: Path) -> bool:
    from .feeds import looks_like_feed

    try:
        with path.open("rb") as handle:
            return looks_like_feed(handle.read(_SNIFF_BYTES))
    except OSError:
        return True  # reading it reports the problem


def _not_a_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as an article file, or ``None`` if it is a regular file."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a broken symbolic link (its target does not exist)"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop"
        return f"cannot read it: {exc.strerror or exc}"
    if stat.S_ISREG(mode):
        return None
    kind = "a FIFO (named pipe)" if stat.S_ISFIFO(mode) else "a socket or device"
    if stat.S_ISDIR(mode):
        kind = "a folder"
    return f"not a regular file but {kind}"


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
        How bytes that are not UTF-8 are handled: ``"strict"`` reads text that is
        Windows-1252 as such and skips the file (or line, or record) that is not, reporting
        either; ``"replace"`` reads it with U+FFFD replacement characters (and still
        reports it). Any Python codec error handler name is accepted.

    Raises
    ------
    InputError
        If ``encoding_errors`` is not a codec error handler.
    """
    reader = _reader(report, encoding_errors)
    return (
        article
        for path in iter_input_files(sources, report=reader.report)
        for article in _guarded_read(reader, path)
    )


def _guarded_read(reader: _Reader, path: Path) -> Iterator[Article]:
    """Read one file; an unexpected error is reported as a crash and the batch goes on."""
    try:
        yield from reader.read(path)
    except Exception as exc:
        _LOG.debug("reading %s failed", display_path(path), exc_info=True)
        reader.report(ArticleError.from_exception(exc, source=display_path(path)))


def read_json_lines(
    path: str | Path,
    *,
    offset: int = 0,
    first_line: int = 1,
    max_lines: int | None = None,
    report: Reporter | None = None,
    encoding_errors: str = "strict",
) -> Iterator[Article]:
    r"""Stream the articles of part of a JSON-lines file, for workers that share one file.

    Reads at most ``max_lines`` lines (all when ``None``) from byte ``offset``, which must
    start line ``first_line``; ids and reported lines are numbered from there, so the parts
    of a file give the same articles as reading it whole. ``report`` and
    ``encoding_errors`` are those of :func:`read_articles`.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "feed.jsonl"
    >>> _ = path.write_text('{"text": "One."}\n{"text": "Two."}\n{"text": "Three."}\n')
    >>> [(a.id, a.text) for a in read_json_lines(path, offset=17, first_line=2, max_lines=1)]
    [('feed:2', 'Two.')]
    """
    return _reader(report, encoding_errors).line_range(Path(path), offset, first_line, max_lines)


def _reader(report: Reporter | None, encoding_errors: str) -> _Reader:
    try:
        codecs.lookup_error(encoding_errors)
    except LookupError as exc:
        raise InputError(
            f"encoding_errors={encoding_errors!r} is not a codec error handler; "
            "use 'strict', 'replace' or 'ignore'"
        ) from exc
    return _Reader(report=report or _log_problem, encoding_errors=encoding_errors)


def _log_problem(error: InputError) -> None:
    _LOG.warning("%s", error)


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
        if line.strip() and not (line[0].isspace() or line.startswith(("- ", "#"))):
            # (indented lines, list items and comments belong to YAML keys we do not read)
            match = _FRONT_MATTER_LINE.fullmatch(line.strip())
            if match is None:  # not front matter after all: the file is all text
                return {}, text
            value = match[2].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            fields[match[1].lower()] = (value, number)
        position, number = end + 1, number + 1
    return {}, text


#: The first bytes of a gzip file.
_GZIP = b"\x1f\x8b"
#: Byte-order marks of UTF-32 (first: its little-endian one begins like UTF-16's) and UTF-16.
_WIDE_BOMS = (
    codecs.BOM_UTF32_LE,
    codecs.BOM_UTF32_BE,
    codecs.BOM_UTF16_LE,
    codecs.BOM_UTF16_BE,
)


def _inner_name(path: Path) -> str:
    """Return the name of the file a ``.gz`` file holds (``a.jsonl.gz``: ``a.jsonl``)."""
    return path.name[:-3] if path.name.lower().endswith(".gz") else path.name


def _inner_suffix(path: Path) -> str:
    """Return the lower-case extension of the file, or of the file a ``.gz`` file holds."""
    return Path(_inner_name(path)).suffix.lower()


def _as_utf8(handle: IO[bytes], head: bytes) -> IO[bytes]:
    """Return the text of ``handle`` (UTF-16 or UTF-32 with a BOM) as UTF-8 bytes.

    Raises
    ------
    UnicodeDecodeError
        If it is not the text its BOM says.
    """
    with handle:
        data = head + handle.read()
    codec = "utf-32" if data.startswith(_WIDE_BOMS[:2]) else "utf-16"
    return io.BytesIO(data.decode(codec).encode("utf-8"))


class _Reader(RecordReader):
    """Reads one input file at a time, reporting problems instead of raising."""

    def read(self, path: Path) -> Iterator[Article]:
        if str(path) == "-":
            yield from self._stdin()
            return
        source, stem = display_path(path), display_path(Path(_inner_name(path)).stem)
        handle = self._open(path, source)
        if handle is None:
            return
        with handle:
            suffix = _inner_suffix(path)
            if suffix in {".jsonl", ".ndjson"}:
                yield from self.json_lines(handle, source, stem)
            elif suffix == ".csv":
                yield from self.csv_rows(handle, source, stem)
            else:
                from .feeds import FEED_SUFFIXES, looks_like_feed

                data = handle.read()
                if suffix in FEED_SUFFIXES or looks_like_feed(data[:_SNIFF_BYTES]):
                    yield from self.feed(data, source, stem)
                elif suffix == ".json":
                    yield from self.json_document(data, source, stem)
                elif suffix in {".html", ".htm"}:
                    yield from self.html(data, source, stem, self._sidecar(path))
                else:
                    yield from self._plain(data, source, stem, self._sidecar(path))

    def line_range(
        self, path: Path, offset: int, first_line: int, max_lines: int | None
    ) -> Iterator[Article]:
        """Read ``max_lines`` JSON lines from byte ``offset`` (line ``first_line``)."""
        handle = self._open(path, display_path(path))
        if handle is None:
            return
        with handle:
            handle.seek(offset)
            lines = handle if max_lines is None else itertools.islice(handle, max_lines)
            yield from self.json_lines(
                lines, display_path(path), display_path(path.stem), first_line
            )

    def _open(self, path: Path, source: str) -> IO[bytes] | None:
        why = _not_a_file(path)
        if why is not None and path.exists() and not path.is_dir():
            # opening a FIFO would wait for a writer forever
            self.problem(f"{why}; pipe its contents to standard input (-) instead", source)
            return None
        handle: IO[bytes] | None = None
        try:
            handle = path.open("rb")
            head = handle.read(_SNIFF_BYTES)
            if head.startswith(_GZIP):  # articles.jsonl.gz: read as the file it holds
                handle.close()
                # returned open, like the plain file: the caller closes it
                handle = cast(IO[bytes], gzip.open(path, "rb"))  # noqa: SIM115
                head = handle.read(_SNIFF_BYTES)
            if head.startswith(_WIDE_BOMS):  # UTF-16 or UTF-32, as its BOM says
                handle = _as_utf8(handle, head)
                head = handle.read(_SNIFF_BYTES)
        except FileNotFoundError:
            self.problem("no such file or directory", source)
            return None
        except (OSError, EOFError, zlib.error) as exc:  # EOFError, zlib: a damaged gzip file
            if handle is not None:
                handle.close()
            self.problem(f"cannot read the file: {getattr(exc, 'strerror', None) or exc}", source)
            return None
        except UnicodeDecodeError as exc:
            self.problem(f"not valid {exc.encoding.upper()} text ({exc.reason})", source)
            return None
        if b"\0" in head:
            handle.close()
            self.problem(
                "not a text file (it holds NUL bytes: binary data such as an image, "
                "or UTF-16 text); articles must be UTF-8 text, HTML, JSON or CSV",
                source,
            )
            return None
        handle.seek(0)
        return handle

    def _sidecar(self, path: Path) -> dict[str, tuple[Any, int | None]]:
        for sidecar in (path.with_name(f"{path.stem}.meta.json"), Path(f"{path}.meta.json")):
            if _not_a_file(sidecar) is not None:
                continue
            if not sidecar.is_file():
                continue
            try:
                meta = load_json(sidecar.read_text(encoding="utf-8-sig"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                self.problem(f"sidecar metadata ignored: {exc}", display_path(sidecar), kept=True)
                return {}
            if not isinstance(meta, dict):
                self.problem(
                    "sidecar metadata ignored: not a JSON object", display_path(sidecar), kept=True
                )
                return {}
            fields = canonical(meta)
            if fields.get("published") is not None:  # reported against the sidecar itself
                fields["published"] = self.published(
                    fields["published"], display_path(sidecar), None
                )
            return {key: (value, None) for key, value in fields.items()}
        return {}

    def _plain(
        self, data: bytes, source: str, stem: str, meta: dict[str, tuple[Any, int | None]]
    ) -> Iterator[Article]:
        decoded = self.decode(data, source)
        if decoded is None:
            return
        front, body = _split_front_matter(clean_text(decoded)[0])
        for key, value in front.items():
            if key in FIELDS:
                meta[FIELDS[key]] = value
        yield from self._article(body, source, stem, meta)

    def _article(
        self, text: str, source: str, stem: str, meta: dict[str, tuple[Any, int | None]]
    ) -> Iterator[Article]:
        if not self.fits(text, source, None):
            return
        if not text.strip():
            self.problem("empty article (no text)", source)
            return
        published, line = meta.get("published", (None, None))
        yield Article(
            id=optional_text(meta.get("id", (None,))[0]) or stem,
            text=text,
            title=optional_text(meta.get("title", (None,))[0]),
            url=optional_text(meta.get("url", (None,))[0]),
            published=self.published(published, source, line),
            source=source,
            place=optional_text(meta.get("place", (None,))[0]),
            country=self.country(meta.get("country", (None,))[0], source, line),
        )

    def html(
        self, data: bytes, source: str, stem: str, meta: dict[str, tuple[Any, int | None]]
    ) -> Iterator[Article]:
        """Read an HTML page with trafilatura; ``meta`` (title, published, url, id) wins."""
        from trafilatura import bare_extraction

        document = bare_extraction(data, include_comments=False, with_metadata=True)
        text = getattr(document, "text", None) or ""
        if not text.strip():
            self.problem("no article text found in the HTML page", source)
            return
        title = optional_text(getattr(document, "title", None))
        if title and text.startswith(title + "\n"):  # the headline is metadata, not body
            text = text[len(title) + 1 :]
        date, url = getattr(document, "date", None), getattr(document, "url", None)
        for key, value in (("title", title), ("published", date), ("url", url)):
            if value and key not in meta:
                meta[key] = (value, None)
        yield from self._article(clean_text(text)[0], source, stem, meta)

    def feed(self, data: bytes, source: str, stem: str) -> Iterator[Article]:
        """Read an RSS or Atom feed: one article per entry, with the entry's own text.

        An entry's id is its link (normalised), else ``STEM:N``; ``published`` comes
        from the feed.
        """
        from .feeds import normalize_url, parse_feed

        try:
            entries = parse_feed(data)
        except ValueError as exc:
            self.problem(str(exc), source)
            return
        if not entries:
            self.problem("the feed has no entries", source)
            return
        for number, entry in enumerate(entries, 1):
            if not entry.text.strip():
                self.problem(
                    "feed entry without text (its page can be fetched with --online)",
                    source,
                    number,
                )
                continue
            article_id = normalize_url(entry.url) or f"{stem}:{number}"
            if not self.fits(entry.text, source, number):
                continue
            yield Article(
                id=article_id,
                text=clean_text(entry.text)[0],
                title=entry.title,
                url=entry.url,
                published=entry.published,
                source=source,
                line=number,
            )

    def _stdin(self) -> Iterator[Article]:
        stream = sys.stdin.buffer
        head = []
        for raw in stream:
            head.append(raw)
            if raw.strip():
                break
        first = b"".join(head).lstrip().removeprefix(BOM).lstrip()
        if first.startswith(b"{"):
            yield from self.json_lines(itertools.chain(head, stream), _STDIN, "stdin")
            return
        data = b"".join(head) + stream.read()
        if b"\0" in data[:_SNIFF_BYTES]:
            self.problem("not a text file (it holds NUL bytes)", _STDIN)
            return
        yield from self._plain(data, _STDIN, "stdin", {})
