r"""Opening GeoNames-style dump files and walking their rows, one line at a time.

A dump may be plain (``.txt``) or compressed (``.gz``, ``.xz``, ``.bz2``, ``.zip``). Lines
are decoded one by one, so a line that is not UTF-8 is reported and skipped while the rest
of the file is read; nothing is held in memory beyond the current line.

Examples
--------
>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "admin1CodesASCII.txt"
>>> _ = path.write_bytes(b"IQ.07\tBaghdad\tBaghdad\t98180\n\xff\n")
>>> errors = []
>>> list(iter_rows(path, report=errors.append))
[(1, ['IQ.07', 'Baghdad', 'Baghdad', '98180'])]
>>> errors[0].line
2
"""

from __future__ import annotations

import bz2
import gzip
import io
import logging
import lzma
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TypeVar

from ..errors import InputError
from .records import Reporter

__all__ = ["iter_rows", "read_rows", "report_skipped"]

_log = logging.getLogger("incidentmap.gazetteer")

T = TypeVar("T")


@contextmanager
def _open_binary(path: Path) -> Iterator[IO[bytes]]:
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                member = _zip_member(archive, path)
                with archive.open(member) as raw:
                    yield raw
        elif suffix in (".gz", ".xz", ".bz2"):
            with _decompressing(path, suffix) as raw:
                yield io.BufferedReader(raw, buffer_size=1 << 20)
        else:
            with path.open("rb", buffering=1 << 20) as raw:
                yield raw
    except (OSError, EOFError, zipfile.BadZipFile, lzma.LZMAError) as exc:
        raise InputError(f"cannot read {path.name!r}: {exc}", source=str(path)) from exc


def _decompressing(path: Path, suffix: str) -> gzip.GzipFile | lzma.LZMAFile | bz2.BZ2File:
    if suffix == ".gz":
        return gzip.GzipFile(path, "rb")
    if suffix == ".xz":
        return lzma.LZMAFile(path, "rb")
    return bz2.BZ2File(path, "rb")


def _zip_member(archive: zipfile.ZipFile, path: Path) -> str:
    names = archive.namelist()
    wanted = path.stem + ".txt"
    for name in names:
        if name.rsplit("/", 1)[-1] == wanted:
            return name
    texts = [
        n for n in names if n.lower().endswith(".txt") and "readme" not in n.lower().split("/")[-1]
    ]
    if len(texts) == 1:
        return texts[0]
    raise InputError(
        f"zip archive holds no {wanted!r} and not exactly one other .txt file "
        f"(members: {', '.join(names) or 'none'}); pass the .txt file itself",
        source=str(path),
    )


def report_skipped(report: Reporter | None, error: InputError) -> None:
    """Hand a skipped row's error to ``report``, or log it as a warning when there is none.

    The warning goes to the ``incidentmap.gazetteer`` logger.
    """
    if report is None:
        _log.warning("skipped: %s", error)
    else:
        report(error)


def iter_rows(
    path: str | Path, *, report: Reporter | None = None, comments: bool = False
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, tab-separated columns)`` of a dump file, one line at a time.

    Lines are decoded one by one, so a line that is not UTF-8 is reported and skipped
    while the rest of the file is read. Empty lines are skipped, and so are lines
    starting with ``#`` when ``comments`` is true.

    Parameters
    ----------
    path
        A ``.txt``, ``.gz``, ``.xz``, ``.bz2`` or ``.zip`` file.
    report
        Called with an :class:`~incidentmap.errors.InputError` for each undecodable line.
    comments
        Whether ``#`` starts a comment line (``countryInfo.txt``).
    """
    path = Path(path)
    with _open_binary(path) as fh:
        for number, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                report_skipped(
                    report,
                    InputError(
                        f"line is not UTF-8 ({exc.reason} at byte {exc.start}); skipped",
                        source=str(path),
                        line=number,
                    ),
                )
                continue
            line = line.rstrip("\r\n")
            if number == 1:
                line = line.lstrip("\ufeff")
            if not line or (comments and line.startswith("#")):
                continue
            yield number, line.split("\t")


def read_rows(
    path: str | Path,
    parse: Callable[[list[str]], T | None],
    *,
    report: Reporter | None,
    comments: bool = False,
) -> Iterator[T]:
    """Yield ``parse(columns)`` for each row of a dump file, reporting rows it rejects.

    ``parse`` raises :class:`ValueError` for a bad row (reported with file and line, then
    skipped) and returns None for a row to pass over silently. The file is checked at the
    call (not at the first ``next``), so a missing file raises at once.

    Raises
    ------
    InputError
        If ``path`` is not a file.
    """
    if not Path(path).is_file():
        raise InputError("no such file", source=str(path))
    return _records(path, parse, report=report, comments=comments)


def _records(
    path: str | Path,
    parse: Callable[[list[str]], T | None],
    *,
    report: Reporter | None,
    comments: bool,
) -> Iterator[T]:
    source = str(path)
    for number, cols in iter_rows(path, report=report, comments=comments):
        try:
            record = parse(cols)
        except ValueError as exc:
            report_skipped(report, InputError(f"{exc}; row skipped", source=source, line=number))
            continue
        if record is not None:
            yield record
