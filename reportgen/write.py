"""The only code that puts reports on disk: the formats a build writes replace their files as a whole.

The new set is written into a temporary folder beside the report's folder, then the two are
exchanged in one step (Linux renameat2 RENAME_EXCHANGE), so a reader, a kill or a full disk
never sees a new .md beside an old .html. Where the exchange is not available, two renames
are used, with a marker naming the report so the next run can finish or undo the swap.
Temporary folders left by a killed run are cleaned (or restored) by the next write.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Problem, ReportError

PREFIX = ".reportgen-"  # every temporary folder or marker beside the report folders starts so
NEW, OLD = f"{PREFIX}new-", f"{PREFIX}old-"
LOCK = f"{PREFIX}lock"
FOLDERS = {"data": "data"}  # formats written as a folder of files
SUFFIXES = {"html-fragment": "fragment.html"}
FIXED_NAMES = {"manifest": "manifest.json"}  # written by a final build only (publishing/manifest.py)
OUTPUTS = ("md", "html", "pdf", "docx", "html-fragment", "data", "manifest", "sqlite")  # all a build (or the programme view) may make
PUBLISH = "publish"  # in a report's pack, the folder that goes on the website as it is
PUBLISHED = frozenset({"html", "pdf", "html-fragment", "data"})  # what it holds; the .md, .docx and manifest stay beside it
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def format_path(fmt: str, stem: str, publish: bool = False) -> str:
    """Where one format goes in its folder: 'merton.md', 'merton.docx', 'manifest.json' and, in a report's
    pack (`publish`), 'publish/merton.html', 'publish/merton.pdf', 'publish/merton.fragment.html' and
    'publish/data' (a folder); elsewhere (a draft's, the programme's) those beside the rest."""
    name = FOLDERS.get(fmt) or FIXED_NAMES.get(fmt) or f"{stem}.{SUFFIXES.get(fmt, fmt)}"
    return f"{PUBLISH}/{name}" if publish and fmt in PUBLISHED else name


def file_names(outputs: dict[str, bytes | dict[str, bytes]], stem: str, publish: bool = False) -> dict[str, bytes]:
    """Each output's path in its folder: 'merton.md', 'publish/merton.pdf', 'publish/data/merton-01-ratings.csv'."""
    files: dict[str, bytes] = {}
    for fmt, data in outputs.items():
        if isinstance(data, dict):
            files.update({f"{format_path(fmt, stem, publish)}/{file}": content for file, content in data.items()})
        else:
            files[format_path(fmt, stem, publish)] = data
    return files


def owned_names(stem: str, formats: Iterable[str] = OUTPUTS, publish: bool = False) -> set[str]:
    """The paths a write of `formats` replaces or removes as a set; everything else in the folder is kept.

    The rule that keeps builds of other formats, and other files, from being lost: a build owns the
    files of the formats it writes ('publish/merton.pdf' for pdf, 'publish/data/' for data) — where an
    earlier layout put them too ('merton.pdf', 'data/': the same format's file, never left behind
    stale) — and 'manifest.json' (rewritten by a final build to cover the whole pack, removed by any
    other: it would no longer be true). Drafts and compares have folders of their own."""
    formats = tuple(formats)
    return {format_path(fmt, stem, publish) for fmt in formats} | {format_path(fmt, stem) for fmt in formats} | set(FIXED_NAMES.values())


def pack_names(stem: str) -> set[str]:
    """Every path a build of `stem` may write, but the manifest: what a final pack's manifest may cover."""
    return owned_names(stem, publish=True) - set(FIXED_NAMES.values())


def write_report(outputs: dict[str, bytes | dict[str, bytes]], out: Path, stem: str, display: str | None = None, *,
                 publish: bool = False, seal: Callable[[Path, Path, dict[str, bytes]], bytes] | None = None) -> list[Path]:
    """Write out/<stem>/ for every output (format_path: with `publish`, a report's pack, what goes online in
    publish/), replacing the files of the formats written (owned_names) and keeping every other file.
    `seal(new, previous, written)`, given the folder as it will be (`new`), the folder as it is
    (`previous`) and the files written, returns the manifest, or refuses the write by raising
    ReportError; it runs under the folder's lock, so no other write comes between.

    A write that fails (a full disk) leaves the previous set and no temporary files, and says so in one line.
    """
    target = out / stem
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            recover(out)
            staging = Path(tempfile.mkdtemp(prefix=NEW, dir=out))
            try:
                os.chmod(staging, 0o777 & ~_umask())
                if set(outputs) & set(FIXED_NAMES):
                    raise ValueError(f"{sorted(set(outputs) & set(FIXED_NAMES))}: a manifest is made by `seal`")
                files = file_names(outputs, stem, publish)
                written = [_write_file(staging / file, data) for file, data in files.items()]
                if target.is_dir():
                    _carry_over(target, staging, owned_names(stem, outputs, publish), stem)
                if seal is not None:
                    manifest = FIXED_NAMES["manifest"]
                    written.append(_write_file(staging / manifest, seal(staging, target, files)))
                _swap(staging, target, out)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # after the swap: the previous set
    except OSError as error:
        raise ReportError([Problem(display or stem, None, None, "", f"a failure writing {target}/ ({error.strerror or error})",
                                   "room and permission to write the outputs (the previous outputs are unchanged)")]) from None
    return [target / path.relative_to(staging) for path in written]


def recover(out: Path) -> None:
    """Finish or undo what a killed run left beside the report folders: restore a folder set
    aside whose replacement never arrived; remove every other temporary folder."""
    for marker in sorted(out.glob(f"{OLD}*.target")):
        old = marker.with_suffix("")
        target = out / marker.read_text(encoding="utf-8")
        if old.is_dir() and not target.exists():
            os.rename(old, target)
        shutil.rmtree(old, ignore_errors=True)
        marker.unlink(missing_ok=True)
    for stale in out.glob(f"{NEW}*"):
        shutil.rmtree(stale, ignore_errors=True)


def _write_file(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)  # data/: made with the usual permissions
    with open(path, "xb") as stream:
        stream.write(data)
    return path


def _carry_over(target: Path, staging: Path, ours: set[str], stem: str, inside: str = "") -> None:
    """Keep everything in the report folder this write does not own: other formats' files, files
    someone put there (not our temporaries); into a folder holding owned paths (publish/), entry by entry."""
    for entry in target.iterdir():
        relative = inside + entry.name
        if relative in ours or (not inside and entry.name.startswith(f".{stem}.") and entry.name.endswith(".tmp")):
            continue
        destination = staging / entry.name
        if entry.is_dir() and not entry.is_symlink() and any(path.startswith(relative + "/") for path in ours):
            destination.mkdir(exist_ok=True)
            _carry_over(entry, destination, ours, stem, relative + "/")
        elif entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, destination, symlinks=True, copy_function=_link)
        else:
            _link(entry, destination)


def _link(source: Path | str, destination: Path | str) -> None:
    """The same file under a second name (nothing copied, the file left as it is); a copy where links cannot be made."""
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)


def _swap(staging: Path, target: Path, out: Path) -> None:
    """Put `staging` at `target`; afterwards `staging` holds the previous set (if any)."""
    if not target.exists():
        os.rename(staging, target)
        os.mkdir(staging)  # so the caller's clean-up has its folder
        return
    if exchange(staging, target):
        return
    old = Path(tempfile.mkdtemp(prefix=OLD, dir=out))
    marker = old.with_name(old.name + ".target")
    marker.write_text(target.name, encoding="utf-8")
    os.rmdir(old)
    os.rename(target, old)
    os.rename(staging, target)  # a kill between these two renames is undone by recover()
    os.rename(old, staging)
    marker.unlink()


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where the system cannot."""
    libc = _libc()
    renameat2 = getattr(libc, "renameat2", None) if libc else None
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _libc():
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - no C library to ask
        return None


@contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One writer at a time per output folder (several builds, or a batch's workers)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o666 & ~_umask())
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
