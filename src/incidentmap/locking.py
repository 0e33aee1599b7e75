"""Advisory file locks between processes, and leftovers of processes that died.

A :class:`FileLock` is an ``flock`` on a file or a folder: the kernel drops it
when its process dies, however it dies, so a killed process never leaves a lock
behind. Temporary files carry their writer's process id in their name
(:func:`owned_name`), so the next process can tell the leftovers of a dead one
(:func:`remove_dead_leftovers`) from the files of one still at work.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with FileLock(folder / ".lock"):
...     FileLock(folder / ".lock").acquire(blocking=False)
False
>>> pid_alive(os.getpid())
True
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import time
from pathlib import Path
from types import TracebackType

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows: locks are no-ops there
    fcntl = None  # type: ignore[assignment]

__all__ = ["FileLock", "owned_name", "owner_pid", "pid_alive", "remove_dead_leftovers"]

log = logging.getLogger("incidentmap")


def pid_alive(pid: int) -> bool:
    """Return whether a process with this id exists (a zombie counts as alive)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    except OSError:  # pragma: no cover - e.g. Windows with an odd pid
        return False
    return True


class FileLock:
    """An exclusive ``flock`` on ``path`` (a file, created if missing, or a folder).

    Parameters
    ----------
    path
        The lock file, or a folder to lock itself (no file is created in it).
    shared
        Take a shared lock: any number of shared holders, but no exclusive one.
    create
        Create ``path`` if it is missing (else a missing file raises
        :class:`FileNotFoundError`).
    """

    def __init__(
        self, path: str | os.PathLike[str], *, shared: bool = False, create: bool = True
    ) -> None:
        self.path = Path(path)
        self.shared = shared
        self.create = create
        self._fd: int | None = None

    def acquire(self, *, blocking: bool = True, timeout: float | None = None) -> bool:
        """Take the lock; return ``False`` if it is held elsewhere and we may not wait.

        Parameters
        ----------
        blocking
            Wait for the lock; with ``False`` return at once.
        timeout
            With ``blocking``, give up (return ``False``) after this many seconds.
        """
        if self._fd is not None:
            return True
        if fcntl is None:  # pragma: no cover - no flock (Windows): a lock that always succeeds
            return True
        if self.path.is_dir() or not self.create:
            fd = os.open(self.path, os.O_RDONLY)
        else:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        mode = fcntl.LOCK_SH if self.shared else fcntl.LOCK_EX
        if timeout is not None or not blocking:
            mode |= fcntl.LOCK_NB
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, mode)
            except BlockingIOError:
                if not blocking or (deadline is not None and time.monotonic() >= deadline):
                    os.close(fd)
                    return False
                time.sleep(0.05)
                continue
            except BaseException:
                os.close(fd)
                raise
            self._fd = fd
            return True

    def release(self) -> None:
        """Drop the lock (closing the descriptor drops it)."""
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)

    def __del__(self) -> None:  # a lock object dropped without release: free its descriptor
        with contextlib.suppress(OSError):
            self.release()

    @property
    def held(self) -> bool:
        """Whether this object holds the lock."""
        return self._fd is not None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


_OWNED = re.compile(r"\.(\d+)\.[0-9a-f]{8}\.tmp")


def owned_name(stem: str, suffix: str = "") -> str:
    """Return a hidden temporary name carrying this process's id.

    >>> owned_name("gazetteer", ".sqlite").startswith(f".gazetteer.{os.getpid()}.")
    True
    """
    return f".{stem}.{os.getpid()}.{secrets.token_hex(4)}.tmp{suffix}"


def owner_pid(name: str) -> int | None:
    """Return the process id in a name made by :func:`owned_name`, or ``None``.

    >>> owner_pid(".gazetteer.4242.0badf00d.tmp.sqlite"), owner_pid("gazetteer.sqlite")
    (4242, None)
    """
    found = _OWNED.search(name)
    return int(found.group(1)) if found and name.startswith(".") else None


def remove_dead_leftovers(folder: Path, pattern: str = ".*.tmp*") -> list[Path]:
    """Remove files and folders made by :func:`owned_name` whose process is gone.

    Parameters
    ----------
    folder
        Where to look (not recursively).
    pattern
        Glob of candidate names.

    Returns
    -------
    list of pathlib.Path
        What was removed.
    """
    removed = []
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return []
    for path in candidates:
        pid = owner_pid(path.name)
        if pid is None or pid_alive(pid):
            continue
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.debug("could not remove the leftover %s: %s", path, exc)
            continue
        removed.append(path)
    return removed
