"""Files a user names, read as `check` reads findings: only a regular file, only after its size is
known, never waiting on a FIFO or a device, never reading more than a limit, hashing in chunks.

The file is opened non-blocking (a FIFO with no writer opens at once instead of hanging) and
checked with fstat on the open descriptor, so what is checked is what is read.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Problem, ReportError

CHUNK = 1024 * 1024
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    for test, word in ((stat.S_ISFIFO, "named pipe (FIFO)"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
                       (stat.S_ISSOCK, "socket"), (stat.S_ISDIR, "folder"), (stat.S_ISLNK, "symbolic link")):
        if test(mode):
            return word
    return "special file"


def fail(name: str, found: str, expected: str) -> ReportError:
    return ReportError([Problem(name, None, None, "", found, expected)])


@contextmanager
def open_regular(path: Path | str, name: str, *, limit: int, what: str, follow: bool = True,
                 dir_fd: int | None = None) -> Iterator[tuple[int, int]]:
    """(descriptor, size) of a regular file of at most `limit` bytes; one-line errors otherwise.
    `follow=False` refuses a symbolic link instead of reading what it points at."""
    try:
        fd = os.open(path, _FLAGS | (0 if follow else NOFOLLOW), dir_fd=dir_fd)
    except OSError as error:
        if not follow and error.errno in (40, 20):  # ELOOP: the name is a link; ENOTDIR: through one
            raise fail(name, "a symbolic link", f"a {what} itself (links are not followed)") from None
        raise fail(name, f"a file that cannot be read ({error.strerror or error})", f"a readable {what}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise fail(name, f"a {kind(info.st_mode)}, not a file", f"a regular {what}")
        if info.st_size > limit:
            raise fail(name, f"a file of {info.st_size:,} bytes", f"a {what} of at most {limit:,} bytes")
        yield fd, info.st_size
    finally:
        os.close(fd)


def read_regular(path: Path | str, name: str, *, limit: int, what: str, follow: bool = True) -> bytes:
    """The whole of a regular file of at most `limit` bytes (a file growing while read is still bounded)."""
    with open_regular(path, name, limit=limit, what=what, follow=follow) as (fd, _):
        data = read_at_most(fd, limit + 1, name)
    if len(data) > limit:
        raise fail(name, f"a file of more than {limit:,} bytes", f"a {what} of at most {limit:,} bytes")
    return data


def read_at_most(fd: int, limit: int, name: str) -> bytes:
    chunks, total = [], 0
    try:
        while total < limit:
            chunk = os.read(fd, min(CHUNK, limit - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as error:
        raise fail(name, f"a file that cannot be read ({error.strerror or error})", "a readable file") from None
    return b"".join(chunks)


def sha256_of(fd: int) -> tuple[str, int]:
    """The SHA-256 and length of what `fd` holds, read in chunks: memory stays bounded."""
    digest, total = hashlib.sha256(), 0
    while chunk := os.read(fd, CHUNK):
        digest.update(chunk)
        total += len(chunk)
    return digest.hexdigest(), total


MAX_ENTRIES = 100_000  # entries a folder walk looks at (a pack: about 60)
MAX_DEPTH = 32  # folders inside one another (a pack: 2)
_DIRECTORY = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)


@contextmanager
def open_beneath(root: int, relative: str, name: str, *, limit: int, what: str) -> Iterator[tuple[int, int]]:
    """A regular file at `relative` ('data/x.csv') under the folder open as `root`, reached without
    following any symbolic link on the way, not even a folder's."""
    parts = relative.split("/")
    opened: list[int] = []
    try:
        current = root
        for part in parts[:-1]:
            try:
                current = os.open(part, _DIRECTORY, dir_fd=current)
            except OSError as error:
                if error.errno in (40, 20):  # ELOOP, ENOTDIR: a link or a file where a folder should be
                    raise fail(name, f"a path through {part!r}, which is not a folder (a link is never followed)",
                               f"a {what}") from None
                raise fail(name, f"a file that cannot be read ({error.strerror or error})", f"a {what}") from None
            opened.append(current)
        with open_regular(parts[-1], name, limit=limit, what=what, follow=False, dir_fd=current) as result:
            yield result
    finally:
        for fd in opened:
            os.close(fd)


def entries_of(root: int, shown: str) -> Iterator[tuple[str, str, str]]:
    """(relative path, what it is, a link's target) for everything under the folder open as `root`,
    links never followed: 'file', 'folder', 'link', a special file's kind; ('…', 'limit', why) past the bounds."""
    stack = [(os.dup(root), "", 0)]
    seen = 0
    try:
        while stack:
            fd, prefix, depth = stack.pop()
            try:
                for entry in sorted(os.scandir(fd), key=lambda e: e.name):
                    seen += 1
                    if seen > MAX_ENTRIES:
                        yield prefix or ".", "limit", f"more than {MAX_ENTRIES:,} entries: the rest were not looked at"
                        return
                    name = prefix + entry.name
                    if entry.is_symlink():
                        yield name, "link", repr(os.readlink(entry.name, dir_fd=fd))
                    elif entry.is_dir(follow_symlinks=False):
                        yield name, "folder", ""
                        if depth + 1 >= MAX_DEPTH:
                            yield name, "limit", f"folders more than {MAX_DEPTH} deep: not looked into"
                            continue
                        try:
                            stack.append((os.open(entry.name, _DIRECTORY, dir_fd=fd), name + "/", depth + 1))
                        except OSError as error:
                            yield name, "limit", f"a folder that cannot be read ({error.strerror or error})"
                    elif entry.is_file(follow_symlinks=False):
                        yield name, "file", ""
                    else:
                        yield name, kind(entry.stat(follow_symlinks=False).st_mode), ""
            finally:
                os.close(fd)
    finally:
        for fd, _, _ in stack:
            os.close(fd)
