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
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def format_path(fmt: str, stem: str, name: str | None = None) -> str:
    """Where one format goes in the report's folder: 'merton.pdf', 'merton.fragment.html', 'data' (a folder),
    'manifest.json'; for another command's set `name` ('merton-draft'): 'merton-draft.pdf', 'data-draft'."""
    if fmt in FOLDERS:
        return _folder(fmt, stem, name)
    return FIXED_NAMES.get(fmt) or f"{name or stem}.{SUFFIXES.get(fmt, fmt)}"


def file_names(outputs: dict[str, bytes | dict[str, bytes]], stem: str, name: str | None = None) -> dict[str, bytes]:
    """Each output's path in the report's folder: 'merton.pdf', 'merton.fragment.html', 'data/table-01-….csv';
    for another command's set `name` ('merton-draft'): 'merton-draft.pdf', 'data-draft/…'."""
    files: dict[str, bytes] = {}
    for fmt, data in outputs.items():
        if isinstance(data, dict):
            files.update({f"{format_path(fmt, stem, name)}/{file}": content for file, content in data.items()})
        else:
            files[format_path(fmt, stem, name)] = data
    return files


def _folder(fmt: str, stem: str, name: str | None) -> str:
    """'data' for the build; 'data-draft' for the set named 'merton-draft'."""
    return FOLDERS[fmt] if name in (None, stem) else f"{FOLDERS[fmt]}-{name.removeprefix(stem + '-')}"


def owned_names(stem: str, name: str | None = None, formats: Iterable[str] = OUTPUTS) -> set[str]:
    """The names one command replaces or removes as a set when it writes `formats` into a report's folder.

    The rule that keeps commands, and builds of other formats, from losing each other's work: a build
    owns the files of the formats it writes ('merton.pdf' for pdf, 'data/' for data) and 'manifest.json'
    (rewritten by a final build to cover the whole pack, removed by any other: it would no longer be
    true); a build of another set ('merton-draft', 'merton-compare') owns only its own '<name>.*' and
    'data-<kind>/' of the formats it writes. Everything else in the folder is carried over untouched."""
    own = name in (None, stem)
    names = {format_path(fmt, stem, name) for fmt in formats if own or fmt not in FIXED_NAMES}
    return names | set(FIXED_NAMES.values()) if own else names


def pack_names(stem: str) -> set[str]:
    """Every name a build of `stem` may write, but the manifest: what a final pack's manifest may cover."""
    return owned_names(stem) - set(FIXED_NAMES.values())


def write_report(outputs: dict[str, bytes | dict[str, bytes]], out: Path, stem: str, display: str | None = None, *,
                 name: str | None = None, seal: Callable[[Path, Path, dict[str, bytes]], bytes] | None = None) -> list[Path]:
    """Write out/<stem>/<stem>.<format> (and data/…) for every output, replacing the files of the formats
    written (owned_names) and keeping every other file. `name` names another command's set (a draft:
    merton-draft.docx, data-draft/). `seal(new, previous, written)`, given the folder as it will be (`new`),
    the folder as it is (`previous`) and the files written, returns the manifest, or refuses the write
    by raising ReportError; it runs under the folder's lock, so no other write comes between.

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
                if set(outputs) & set(FIXED_NAMES) or (seal and name not in (None, stem)):
                    raise ValueError(f"only the build's own set has a manifest, made by `seal` ({name}: {sorted(outputs)})")
                files = file_names(outputs, stem, name)
                written = [_write_file(staging / file, data) for file, data in files.items()]
                if target.is_dir():
                    _carry_over(target, staging, owned_names(stem, name, outputs), name or stem)
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


def _carry_over(target: Path, staging: Path, ours: set[str], stem: str) -> None:
    """Keep everything in the report folder this command does not own: other commands' outputs, files
    someone put there (not our temporaries)."""
    for entry in target.iterdir():
        if entry.name in ours or (entry.name.startswith(f".{stem}.") and entry.name.endswith(".tmp")):
            continue
        destination = staging / entry.name
        if entry.is_dir() and not entry.is_symlink():
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
