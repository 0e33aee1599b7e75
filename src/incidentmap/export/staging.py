"""All outputs of a run or none: a locked output folder and a staging folder inside it.

A run writes every format into a hidden staging folder inside its output folder and
moves the files into place together at the end, so a run that fails or is
interrupted leaves the previous set of outputs whole. While a run holds an output
folder (an ``flock`` on the folder itself, dropped by the kernel however the
process ends), a second run into it refuses with a clear message, or waits with
``wait=True``. Staging folders left by a killed run are removed by the next run into
the folder.

Examples
--------
>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> with OutputFolder(out) as folder:
...     _ = (folder.staging / "incidents.csv").write_text("id")
...     [p.name for p in folder.commit([folder.staging / "incidents.csv"])]
['incidents.csv']
>>> sorted(p.name for p in out.iterdir())
['incidents.csv']
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from ..errors import ExportError
from ..locking import FileLock, owned_name

__all__ = ["OutputFolder"]

log = logging.getLogger("incidentmap")

_STAGING = "incidentmap-staging"
# temporary files of a writer interrupted before outputs were staged (export.atomic)
_OLD_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{12}\.tmp(\.\w+)?(-journal|-wal|-shm)?")


class OutputFolder:
    """The output folder of one run, locked, with a staging folder to write into.

    Parameters
    ----------
    path
        The output folder; created if missing.
    wait
        When another run holds the folder, wait for it instead of refusing.

    Raises
    ------
    ExportError
        On entering, if the folder cannot be created or written, or another run
        holds it (without ``wait``).
    """

    def __init__(self, path: str | os.PathLike[str], *, wait: bool = False) -> None:
        self.path = Path(path)
        self.wait = wait
        self._lock = FileLock(self.path)
        self._staging: Path | None = None

    @property
    def staging(self) -> Path:
        """The folder to write this run's outputs into."""
        if self._staging is None:
            raise ExportError("the output folder is not open (use it as a context manager)")
        return self._staging

    def __enter__(self) -> OutputFolder:
        where = str(self.path)
        if self.path.exists() and not self.path.is_dir():
            raise ExportError(f"cannot write to {where!r}: it is a file, not a folder")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(
                f"cannot create the output folder {where!r}: {exc.strerror or exc}"
            ) from exc
        if not os.access(self.path, os.W_OK | os.X_OK):
            raise ExportError(f"cannot write to {where!r}: the folder is not writable")
        if not self._lock.acquire(blocking=False):
            if not self.wait:
                raise ExportError(
                    f"another incidentmap run is writing to {where!r}; wait for it to finish, "
                    "choose another folder with -o, or pass --wait to queue behind it"
                )
            log.info("waiting for the other run writing to %s", where)
            self._lock.acquire()
        try:
            self._remove_leftovers()
            self._staging = self.path / owned_name(_STAGING)
            self._staging.mkdir()
        except OSError as exc:
            self._lock.release()
            raise ExportError(f"cannot write to {where!r}: {exc.strerror or exc}") from exc
        return self

    def _remove_leftovers(self) -> None:
        """Remove what killed runs left (we hold the lock, so their owners are gone)."""
        for entry in self.path.iterdir():
            name = entry.name
            if name.startswith(f".{_STAGING}.") and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
                log.info("removed %s, left by an interrupted run", entry)
            elif _OLD_TEMPORARY.fullmatch(name) and entry.is_file():
                entry.unlink(missing_ok=True)
                log.info("removed %s, left by an interrupted run", entry)

    def commit(self, staged: Iterable[Path]) -> list[Path]:
        """Move everything staged into the output folder; return the final paths of ``staged``.

        Files replace their namesakes (:func:`os.replace`); a staged folder (a
        partitioned dataset) replaces its namesake whole.
        """
        staging = self.staging
        for entry in sorted(staging.iterdir()):
            target = self.path / entry.name
            try:
                if entry.is_dir() and target.is_dir() and not target.is_symlink():
                    old = staging / f".old-{entry.name}"
                    target.rename(old)
                    entry.rename(target)
                else:
                    os.replace(entry, target)
            except OSError as exc:
                raise ExportError(f"could not move {entry.name} into {self.path}: {exc}") from exc
        _fsync_dir(self.path)
        return [self.path / p.relative_to(staging) for p in staged]

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        self._lock.release()


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":  # pragma: no cover
        return
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
