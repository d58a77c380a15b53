"""Run one command as a whole process: wall time, CPU time, and peak memory over its process tree.

``others`` is how many cores the rest of the machine kept busy meanwhile (all busy CPU time
from /proc/stat, less the command's own, per second of wall time; includes this sampler's
own small share). Above about 0.2 on a small machine, the timings are disturbed.

Two memory figures are kept for every command:

- ``max_rss``: the largest peak RSS of any single process in the tree, exact. It is the
  ``ru_maxrss`` that ``os.wait4`` returns for the child, which the kernel makes the maximum
  over the child and every descendant it waited for (worker processes included).
- ``sum_rss``: the largest *sum* over the live tree of each process's proportional set size
  (PSS: pages shared with a forked parent are split between them, not counted twice),
  sampled every 0.1 s from /proc (Linux only; None when no sample was taken): what two
  workers and their parent hold at once. Sampling can miss a short peak, and PSS splits
  shared libraries with processes outside the tree, so it can read a little below
  ``max_rss`` for a single process.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1


@dataclass
class Result:
    seconds: float
    cpu: float  # user + system seconds of the whole tree (wait4 counts waited-for descendants)
    max_rss: int  # bytes
    sum_rss: int | None  # bytes
    others: float | None  # cores kept busy by everything else on the machine meanwhile
    returncode: int


def _busy_seconds() -> float | None:
    """CPU seconds spent busy by all cores since boot, from /proc/stat (None if unreadable)."""
    try:
        with open("/proc/stat", encoding="ascii") as stream:
            fields = [int(x) for x in stream.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    busy = sum(fields[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / os.sysconf("SC_CLK_TCK")


def _tree_pss(root: int) -> int:
    """Sum of PSS (bytes) over root and all its descendants, from one scan of /proc."""
    parents: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stream:
                stat = stream.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        parents[int(name)] = int(fields[1])
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in tree:
                tree.add(pid)
                frontier.append(pid)
    total = 0
    for pid in tree:
        total += _pss(pid)
    return total


def _pss(pid: int) -> int:
    """Proportional set size (bytes): shared pages, e.g. after a fork, are split, not counted twice."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as stream:
            for line in stream:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:  # no smaps_rollup: resident size, which counts shared pages in every process
        with open(f"/proc/{pid}/statm", "rb") as stream:
            return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def run(command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
    """Run command to completion (output discarded unless it fails); never raises on failure."""
    sampling = Path("/proc/self/stat").exists()
    peak = 0
    done = threading.Event()
    busy_before = _busy_seconds()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def sample() -> None:
        nonlocal peak
        while not done.wait(SAMPLE_SECONDS):
            peak = max(peak, _tree_pss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if sampling:
        sampler.start()
    stderr = process.stderr.read() if process.stderr else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    busy_after = _busy_seconds()
    done.set()
    if sampling:
        sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-5:]
        print(f"  ! exit {process.returncode}: {' '.join(command)}", *(f"    {line}" for line in tail), sep="\n")
    max_rss = usage.ru_maxrss * 1024
    cpu = usage.ru_utime + usage.ru_stime
    others = None
    if busy_before is not None and busy_after is not None and seconds > 0:
        others = max(0.0, (busy_after - busy_before - cpu) / seconds)
    return Result(seconds, cpu, max_rss, peak or None, others, process.returncode)
