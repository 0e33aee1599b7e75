"""The gazetteer's cache folder: content keys, checksums, imports, locks and pruning.

An index is named by a hash of what it is built from, never by file dates:
``gazetteer-<data>.sqlite`` for the embedded data (its files' SHA-256, the index
schema and the package version) and ``gazetteer-<data>-<imports>.sqlite`` once
files are imported (their SHA-256, in import order). Any number of installs of one
version share one index; installs of other versions keep theirs beside it. A
file's hash is computed once and remembered by its path, size and modification
time (``file-hashes.json``), so an open costs a few ``stat`` calls.

Each index has a checksum file (``.sum``) written when it was built; an index whose
size or modification time differ from it is hashed again and rebuilt if its
content changed. Builds hold ``.build.lock``, write into a temporary file named
with their process id and rename it into place; the next build removes the
temporary files of dead processes. A process using an index holds a shared lock on
it, and :func:`prune` removes only indexes nobody holds: superseded ones (other
imports) and all but the :data:`KEEP` most recently used.

Examples
--------
>>> index_name("0123abcd", ""), index_name("0123abcd", "ff00")
('gazetteer-0123abcd.sqlite', 'gazetteer-0123abcd-ff00.sqlite')
>>> parse_index_name("gazetteer-0123abcd-ff00.sqlite")
('0123abcd', 'ff00')
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import GazetteerError
from ..locking import FileLock, remove_dead_leftovers

__all__ = [
    "KEEP",
    "ImportEntry",
    "build_lock",
    "content_key",
    "file_sha256",
    "imports_key",
    "index_name",
    "parse_index_name",
    "prune",
    "read_registry",
    "verify_stamp",
    "write_registry",
    "write_stamp",
]

log = logging.getLogger("incidentmap.gazetteer")

#: Indexes kept besides the one in use (other versions of the package, say).
KEEP = 3
HASHES_NAME = "file-hashes.json"
IMPORTS_NAME = "imports.json"
LOCK_NAME = ".build.lock"
_INDEX = re.compile(r"gazetteer-([0-9a-f]+)(?:-([0-9a-f]+))?\.sqlite")


def index_name(data_key: str, imports: str) -> str:
    """Return the file name of the index of embedded data ``data_key`` plus ``imports``."""
    return f"gazetteer-{data_key}-{imports}.sqlite" if imports else f"gazetteer-{data_key}.sqlite"


def parse_index_name(name: str) -> tuple[str, str] | None:
    """Return ``(data key, imports key)`` of an index file name, or ``None``."""
    found = _INDEX.fullmatch(name)
    return (found.group(1), found.group(2) or "") if found else None


# -- content hashes ---------------------------------------------------------------------
def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def _load_memo(folder: Path | None) -> dict[str, list[object]]:
    if folder is None or not (folder / HASHES_NAME).is_file():
        return {}
    with contextlib.suppress(OSError, ValueError):
        loaded = json.loads((folder / HASHES_NAME).read_text(encoding="utf-8"))
        if isinstance(loaded, dict):
            return loaded
    return {}


def _memo_sha256(path: Path, memo: dict[str, list[object]]) -> tuple[str, bool]:
    """Return the file's SHA-256 and whether it had to be computed (and was added to memo)."""
    st = path.stat()
    stamp: list[object] = [st.st_size, st.st_mtime_ns]
    entry = memo.get(str(path))
    if isinstance(entry, list) and len(entry) == 3 and entry[:2] == stamp:
        known = entry[2]
        if isinstance(known, str) and len(known) == 64:
            return known, False
    digest = _sha256_file(path)
    memo[str(path)] = [*stamp, digest]
    return digest, True


def file_sha256(path: Path, folder: Path | None = None) -> str:
    """Return the SHA-256 of a file, remembered in ``folder`` by path, size and mtime."""
    return _hash_files([path], folder)[0]


def _hash_files(files: Iterable[Path], folder: Path | None) -> list[str]:
    memo = _load_memo(folder)
    digests, changed = [], False
    for f in files:
        digest, computed = _memo_sha256(f, memo)
        digests.append(digest)
        changed |= computed
    if changed and folder is not None:
        with contextlib.suppress(OSError):  # a read-only cache folder: hash again next time
            _write_json(folder / HASHES_NAME, memo)
    return digests


def content_key(files: Iterable[Path], *, salt: str, folder: Path | None = None) -> str:
    """Return a 16-hex-digit key of the files' names and contents, and ``salt``."""
    files = list(files)
    h = hashlib.sha256(salt.encode())
    for f, digest in zip(files, _hash_files(files, folder), strict=True):
        h.update(f"|{f.name}:{digest}".encode())
    return h.hexdigest()[:16]


# -- imports ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportEntry:
    """A file a user imported, with the SHA-256 of its content when imported."""

    path: str
    sha256: str


def imports_key(entries: Iterable[ImportEntry]) -> str:
    """Return a 10-hex-digit key of the imported files' contents ('' when none)."""
    items = [[e.path, e.sha256] for e in entries]
    if not items:
        return ""
    return hashlib.sha256(json.dumps(items).encode()).hexdigest()[:10]


def read_registry(folder: Path) -> list[ImportEntry]:
    """Return the files imported into indexes of ``folder``, in import order."""
    path = folder / IMPORTS_NAME
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable import registry %s: %s", path, exc)
        return []
    out = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and isinstance(item.get("path"), str):
            out.append(ImportEntry(item["path"], str(item.get("sha256", ""))))
        elif isinstance(item, str):  # the registry of older versions: paths only
            p = Path(item)
            out.append(ImportEntry(item, file_sha256(p, folder) if p.is_file() else ""))
    return out


def write_registry(folder: Path, entries: Iterable[ImportEntry]) -> None:
    """Replace the registry of imported files atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    items = [{"path": e.path, "sha256": e.sha256} for e in entries]
    _write_json(folder / IMPORTS_NAME, items)


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(json.dumps(data, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# -- checksums --------------------------------------------------------------------------
def _stamp_path(index: Path) -> Path:
    return index.with_name(index.name + ".sum")


def write_stamp(index: Path) -> None:
    """Record the index's size, modification time and SHA-256 beside it."""
    st = index.stat()
    stamp = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": _sha256_file(index)}
    _write_json(_stamp_path(index), stamp)


def verify_stamp(index: Path) -> str | None:
    """Return why ``index`` cannot be trusted, or ``None`` when it matches its checksum.

    An unchanged size and modification time are trusted without reading the file;
    otherwise the file is hashed and compared. An index without a checksum file gets
    SQLite's quick check, and a checksum if it passes.
    """
    try:
        stamp = json.loads(_stamp_path(index).read_text(encoding="utf-8"))
        size, mtime, digest = stamp["size"], stamp["mtime_ns"], stamp["sha256"]
    except (OSError, ValueError, KeyError, TypeError):
        return _quick_check(index)  # e.g. a cache folder copied without its .sum files
    try:
        st = index.stat()
        if (st.st_size, st.st_mtime_ns) == (size, mtime):
            with contextlib.suppress(OSError):  # the last use, for pruning
                os.utime(_stamp_path(index))
            return None
        if st.st_size != size:
            return f"its size changed from {size} to {st.st_size} bytes since it was built"
        if _sha256_file(index) != digest:
            return "its content changed since it was built (checksum mismatch)"
    except OSError as exc:
        return str(exc)
    with contextlib.suppress(OSError):
        write_stamp(index)  # same content, touched: remember the new time
    return None


def _quick_check(index: Path) -> str | None:
    """Check an index without a checksum file with SQLite's quick check; stamp it if sound."""
    try:
        conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
        try:
            found = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"it has no checksum file and is not a sound SQLite file ({exc})"
    if found != [("ok",)]:
        return f"it has no checksum file and fails SQLite's quick check ({found[0][0]})"
    with contextlib.suppress(OSError):
        write_stamp(index)
    return None


# -- locks and pruning ------------------------------------------------------------------
@contextlib.contextmanager
def build_lock(folder: Path) -> Iterator[None]:
    """Hold the folder's build lock, then remove what dead builds left behind."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(folder / LOCK_NAME)
        if not lock.acquire(blocking=False):
            log.info("waiting for another process building the gazetteer index in %s", folder)
            lock.acquire()
    except OSError as exc:
        raise GazetteerError(f"cannot lock the cache folder {folder}: {exc}") from exc
    try:
        for leftover in remove_dead_leftovers(folder):
            log.info("removed %s, left by an interrupted build", leftover.name)
        yield
    finally:
        lock.release()


def prune(folder: Path, *, current: Path) -> list[Path]:
    """Remove indexes other than ``current`` that no process holds open.

    Removed are indexes of other imports (superseded by an import) and, of the rest,
    all but the :data:`KEEP` most recently used; with each, its checksum file and the
    name index caches derived from it. Files of an older layout (``gazetteer.sqlite``,
    pickled name indexes) go too.
    """
    keys = parse_index_name(current.name)
    if keys is None:
        return []
    others = []
    for path in folder.glob("gazetteer-*.sqlite"):
        found = parse_index_name(path.name)
        if found is None or path == current:
            continue
        try:
            used = _stamp_path(path).stat().st_mtime
        except OSError:
            used = 0.0
        others.append((found[1] != keys[1], used, path))
    others.sort(key=lambda item: (item[0], -item[1]))
    doomed = [path for superseded, _, path in others if superseded]
    doomed += [path for superseded, _, path in others if not superseded][KEEP:]
    legacy = folder / "gazetteer.sqlite"
    if legacy.exists():
        doomed.append(legacy)
    removed = []
    for path in doomed:
        if _remove_unused(path):
            removed.append(path)
    for path in folder.glob("geoparse-names-*.pickle"):  # name indexes of the older format
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _remove_unused(index: Path) -> bool:
    lock = FileLock(index, create=False)
    try:
        if not lock.acquire(blocking=False):
            return False  # open in another process
    except OSError:
        return False
    try:
        index.unlink(missing_ok=True)
        _stamp_path(index).unlink(missing_ok=True)
        key = index.name.removeprefix("gazetteer-").removesuffix(".sqlite")
        derived = re.compile(rf"geoparse-names-{re.escape(key)}-[0-9a-f]+\.\w+")
        for path in index.parent.glob(f"geoparse-names-{key}-*"):
            if derived.fullmatch(path.name):
                path.unlink(missing_ok=True)
    except OSError as exc:
        log.debug("could not prune %s: %s", index, exc)
        return False
    finally:
        lock.release()
    log.info("removed the unused gazetteer index %s", index.name)
    return True
