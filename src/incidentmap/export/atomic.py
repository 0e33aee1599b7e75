"""Atomic file writes: write next to the target, flush to disk, then rename.

An interrupted or failed write never leaves a half-written file at the target path,
and a file already there stays intact until the new one is complete.

Examples
--------
>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_path(target) as tmp:
...     _ = tmp.write_text("done")
>>> target.read_text()
'done'
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ExportError

__all__ = ["atomic_path", "temporary_sibling"]


def temporary_sibling(path: Path) -> Path:
    """Return an unused hidden path in ``path``'s directory with the same extension.

    The file is not created, so a driver that refuses to overwrite can create it.
    Keeping the extension matters: some GDAL drivers check it.

    >>> p = temporary_sibling(Path("/data/incidents.gpkg"))
    >>> p.parent, p.name.startswith(".incidents.gpkg."), p.suffix
    (PosixPath('/data'), True, '.gpkg')
    """
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp{path.suffix}")


def _remove_partial(tmp: Path) -> None:
    """Remove ``tmp`` and any sidecar a driver created next to it (``-journal``, ``-wal``)."""
    for leftover in tmp.parent.glob(f"{tmp.name}*"):
        leftover.unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    _fsync_file(path)


@contextmanager
def atomic_path(path: str | os.PathLike[str], *, wrap_errors: bool = True) -> Iterator[Path]:
    """Yield a temporary path to write; on success move it onto ``path``.

    The temporary file lives in the same directory (so the final :func:`os.replace`
    is atomic), is flushed with :func:`os.fsync` before the rename, and is removed
    when the block raises (an interrupt included).

    Parameters
    ----------
    path
        The file to create or replace. Its directory must exist.
    wrap_errors
        Re-raise errors of the block (other than :class:`ExportError`) as
        :class:`ExportError` naming ``path``, from the original error. Set it to
        ``False`` when the block runs the caller's own code (a streaming writer),
        whose errors should reach the caller unchanged.

    Yields
    ------
    pathlib.Path
        Where the writer should write.

    Raises
    ------
    ExportError
        If writing, flushing or renaming fails; nothing is left behind.
    """
    target = Path(path)
    tmp = temporary_sibling(target)
    try:
        yield tmp
    except Exception as exc:
        _remove_partial(tmp)
        if wrap_errors and not isinstance(exc, ExportError):
            raise ExportError(f"could not write {str(target)!r}: {exc}") from exc
        raise
    except BaseException:
        _remove_partial(tmp)
        raise
    try:
        if not tmp.is_file():
            raise ExportError(f"could not write {str(target)!r}: the writer produced no file")
        _fsync_file(tmp)
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except OSError as exc:  # ExportError is an OSError too
        _remove_partial(tmp)
        if isinstance(exc, ExportError):
            raise
        raise ExportError(f"could not write {str(target)!r}: {exc}") from exc
