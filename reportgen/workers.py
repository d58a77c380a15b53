"""Worker processes that never outlive the build: they die with their parent, and an
interrupted build (Ctrl-C, SIGTERM) stops them at once instead of waiting for their work."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any

_PR_SET_PDEATHSIG = 1


def cpu_count() -> int:
    """The cores this process may run on (its affinity, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """In a worker: ask the kernel for SIGKILL when the parent dies (Linux), and exit now if it
    already has. Workers also ignore Ctrl-C: the parent decides, and stops them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_house: object = None  # in a worker started by start_with_house: the house it was given


def start_with_house(parent: int, house: object) -> None:
    """A worker that builds or checks findings: it dies with its parent and keeps the house it is
    given for every file (forked: inherited, not read again; spawned: read once, when it starts)."""
    global _house
    die_with_parent(parent)
    _house = house


def worker_house():
    """The house this worker was started with (start_with_house)."""
    assert _house is not None, "a worker started by start_with_house"
    return _house


@contextmanager
def worker_pool(workers: int, start: Callable[..., None] = die_with_parent, *args: Any) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers die with this process; on any exception (including an
    interrupt) they are killed rather than waited for. Each worker runs `start(parent pid, *args)`
    first: die_with_parent, or a function that calls it and keeps what the worker needs."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start, initargs=(os.getpid(), *args))
    try:
        yield pool
    except BaseException:
        for process in list((pool._processes or {}).values()):  # no public way to stop a running task
            process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
