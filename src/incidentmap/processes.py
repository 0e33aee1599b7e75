"""Worker processes that die with their parent, and SIGTERM handled like Ctrl-C.

A process pool's workers outlive a parent killed with ``kill -9`` unless they are
told otherwise: :func:`die_with_parent` (a pool's initializer) asks Linux to send
them SIGTERM when the parent goes (``prctl(PR_SET_PDEATHSIG)``), and elsewhere
starts a thread that ends the worker when its parent id changes.
:func:`terminating_pool` shuts a pool down without waiting for its queued work
when the block fails, and :func:`sigterm_raises` turns SIGTERM into an exception
so that ``finally`` blocks (temporary files, staging folders) run.

Examples
--------
>>> import concurrent.futures as cf
>>> with terminating_pool(cf.ProcessPoolExecutor(1, initializer=die_with_parent)) as pool:
...     pool.submit(abs, -3).result()
3
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from types import FrameType

__all__ = [
    "Terminated",
    "children_spared_ctrl_c",
    "deferred_interrupts",
    "die_with_parent",
    "sigterm_raises",
    "terminating_pool",
]

_PR_SET_PDEATHSIG = 1


class Terminated(KeyboardInterrupt):
    """Raised in the main thread when the process receives SIGTERM (see :func:`sigterm_raises`).

    A :class:`KeyboardInterrupt` so that it unwinds like Ctrl-C: through ``finally``
    blocks and past ``except Exception``.
    """


def die_with_parent(parent_pid: int | None = None) -> None:
    """End this process when its parent dies (call it first thing in a worker).

    Parameters
    ----------
    parent_pid
        The parent's process id as the parent saw it; when given and this process's
        parent is already another one, the parent died before we got here and this
        process ends at once.
    """
    # a handler inherited from the parent (sigterm_raises) would turn the parent-death
    # SIGTERM into an exception that the pool's worker loop catches and survives
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # forked while the parent held them (held_signals)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: watch instead
            _watch_parent()
    else:  # pragma: no cover
        _watch_parent()
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def _watch_parent(interval: float = 1.0) -> None:  # pragma: no cover - non-Linux
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="incidentmap-parent-watch", daemon=True).start()


_HELD = {signal.SIGTERM, signal.SIGINT}


@contextlib.contextmanager
def held_signals() -> Iterator[None]:
    """Hold SIGTERM and SIGINT in the main thread while the block runs; deliver them after.

    A process pool forks its workers and starts its threads inside ``submit``; Python
    runs at-fork hooks there (logging's lock release) in which an exception from a
    signal handler is printed and ignored, so a SIGTERM arriving then was lost and the
    build ran on. Held, the signal waits until the block ends and its exception is
    raised in the caller's code. Threads and workers started in the block inherit the
    hold: the threads keep it (so signals go to the main thread), workers drop it
    (:func:`die_with_parent`).
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def children_spared_ctrl_c() -> Iterator[None]:
    """Start processes in the block that Ctrl-C at the terminal does not reach.

    A terminal sends Ctrl-C's SIGINT to every process of its foreground group: worker
    processes started by a library (a Dask cluster's nannies and workers) would each
    print a traceback of their own while this process, which ends them, exits with one
    line. SIGINT is held in the main thread while the block runs, so the processes and
    threads started in it inherit the hold and never see it (SIGTERM, by which they are
    ended, is not held); a Ctrl-C meanwhile reaches this process when the block ends.
    Outside the main thread, or without ``pthread_sigmask``, it does nothing.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    from multiprocessing import resource_tracker

    # multiprocessing's resource tracker, started with the first process, lets SIGINT
    # through again once it has started: started before the hold, it leaves it alone
    resource_tracker.ensure_running()
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def terminating_pool(pool: cf.ProcessPoolExecutor) -> Iterator[cf.ProcessPoolExecutor]:
    """Use ``pool``; on success wait for it, on any error or interrupt end its workers now.

    ``with ProcessPoolExecutor()`` alone waits for every queued task on the way out,
    so Ctrl-C or SIGTERM would first finish the queued work.
    """
    try:
        yield pool
    except BaseException:
        processes = list(getattr(pool, "_processes", {}).values())  # no public accessor
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(timeout=5)
        raise
    pool.shutdown(wait=True)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated(f"terminated by signal {signum}")


@contextlib.contextmanager
def sigterm_raises() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Terminated` in the main thread.

    Outside the main thread (where Python cannot install handlers) it does nothing.
    The previous handler is restored after the block.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    try:
        previous = signal.signal(signal.SIGTERM, _raise_terminated)
    except (ValueError, OSError):  # pragma: no cover - e.g. an embedded interpreter
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def deferred_interrupts() -> Iterator[None]:
    """Within the block, note Ctrl-C and SIGTERM; raise them when the block has ended.

    For work that a signal must not cut in half, such as starting a Dask cluster: cut
    there, the cluster is half made, cannot be closed and fails loudly at exit. After
    the block, :class:`KeyboardInterrupt` (or :class:`Terminated`) is raised as if the
    signal had come then, also when the block failed meanwhile (its workers took the
    Ctrl-C too), so the caller's ``finally`` closes what was made. A signal the process
    ignores (a background job's Ctrl-C) stays ignored. Outside the main thread it does
    nothing.

    >>> import os, signal
    >>> try:
    ...     with deferred_interrupts():
    ...         os.kill(os.getpid(), signal.SIGINT)
    ...         print("finished")
    ... except KeyboardInterrupt:
    ...     print("then interrupted")
    finished
    then interrupted
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    noted: list[int] = []

    def note(signum: int, frame: FrameType | None) -> None:
        noted.append(signum)

    previous = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        if signal.getsignal(signum) is not signal.SIG_IGN:
            previous[signum] = signal.signal(signum, note)
    failed: BaseException | None = None
    try:
        yield
    except BaseException as exc:  # raised below, unless an interrupt came meanwhile
        failed = exc
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if noted and noted[0] == signal.SIGTERM:
        raise Terminated(f"terminated by signal {noted[0]}") from None
    if noted:
        raise KeyboardInterrupt from None
    if failed is not None:
        raise failed
