"""The only code that puts reports on disk: one report's outputs are replaced as a whole.

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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Problem, ReportError

PREFIX = ".reportgen-"  # every temporary folder or marker beside the report folders starts so
NEW, OLD = f"{PREFIX}new-", f"{PREFIX}old-"
LOCK = f"{PREFIX}lock"
FOLDERS = {"data": "data"}  # formats written as a folder of files
SUFFIXES = {"html-fragment": "fragment.html"}
FIXED_NAMES = {"manifest": "manifest.json"}  # written by a final build only (manifest.py)
OUTPUTS = ("md", "html", "pdf", "docx", "html-fragment", "data", "manifest", "sqlite")  # all a build (or the programme view) may make
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def file_names(outputs: dict[str, bytes | dict[str, bytes]], stem: str, name: str | None = None) -> dict[str, bytes]:
    """Each output's path in the report's folder: 'merton.pdf', 'merton.fragment.html', 'data/table-01-….csv';
    for another command's set `name` ('merton-draft'): 'merton-draft.pdf', 'data-draft/…'."""
    files: dict[str, bytes] = {}
    for fmt, data in outputs.items():
        if isinstance(data, dict):
            files.update({f"{_folder(fmt, stem, name)}/{file}": content for file, content in data.items()})
        else:
            files[FIXED_NAMES.get(fmt) or f"{name or stem}.{SUFFIXES.get(fmt, fmt)}"] = data
    return files


def _folder(fmt: str, stem: str, name: str | None) -> str:
    """'data' for the build; 'data-draft' for the set named 'merton-draft'."""
    return FOLDERS[fmt] if name in (None, stem) else f"{FOLDERS[fmt]}-{name.removeprefix(stem + '-')}"


def owned_names(stem: str, name: str | None = None) -> set[str]:
    """The top-level names one command owns in a report's folder, and so replaces or removes as a set.

    The rule that keeps commands from losing each other's work: `build` owns '<stem>.*', 'data/' and
    'manifest.json' (the pack); a build of another set ('merton-draft', 'merton-compare') owns only
    its own '<name>.*' and 'data-<kind>/'. Everything else in the folder is carried over untouched."""
    if name in (None, stem):
        return {FOLDERS.get(fmt) or FIXED_NAMES.get(fmt) or f"{stem}.{SUFFIXES.get(fmt, fmt)}" for fmt in OUTPUTS}
    return {_folder(fmt, stem, name) if fmt in FOLDERS else f"{name}.{SUFFIXES.get(fmt, fmt)}"
            for fmt in OUTPUTS if fmt not in FIXED_NAMES}


def write_report(outputs: dict[str, bytes | dict[str, bytes]], out: Path, stem: str, display: str | None = None, *,
                 name: str | None = None) -> list[Path]:
    """Write out/<stem>/<stem>.<format> (and data/…) for every output, replacing the set this command owns
    (owned_names) whole. `name` names another command's set (a draft: merton-draft.docx, data-draft/).

    Files in the folder that are not this report's outputs are kept. A write that fails
    (a full disk) leaves the previous set and no temporary files, and says so in one line.
    """
    target = out / stem
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            recover(out)
            staging = Path(tempfile.mkdtemp(prefix=NEW, dir=out))
            try:
                os.chmod(staging, 0o777 & ~_umask())
                if name not in (None, stem) and set(outputs) & set(FIXED_NAMES):
                    raise ValueError(f"{name} cannot write the pack's {sorted(set(outputs) & set(FIXED_NAMES))}")
                written = [_write_file(staging / file, data) for file, data in file_names(outputs, stem, name).items()]
                if target.is_dir():
                    _carry_over(target, staging, owned_names(stem, name), name or stem)
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
            shutil.copytree(entry, destination, symlinks=True)
        else:
            try:
                os.link(entry, destination, follow_symlinks=False)
            except OSError:
                shutil.copy2(entry, destination, follow_symlinks=False)


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
