"""manifest.json for a final build, and `reportgen verify DIR` against it.

A final pack states what made it (tool version, framework edition, the findings file's SHA-256,
the build date from SOURCE_DATE_EPOCH or the findings) and every file it holds with its SHA-256
and size, so a publishing team can prove that what they upload is what was built. The manifest
is itself reproducible: same findings, same tool, same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import Problem, ReportError, how_many, printable
from ..guards.files import entries_of, open_beneath, open_regular, read_at_most, read_regular, sha256_of

MANIFEST = "manifest.json"
FORMAT = 1  # the manifest's own format version
MAX_MANIFEST = 16 * 1024 * 1024  # bytes of manifest.json read (Merton's: 10 KB)
_SHA256 = re.compile(r"[0-9a-f]{64}")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reportgen")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def make_manifest(files: dict[str, bytes], *, edition: str, findings_name: str, findings: bytes, built: datetime,
                  kept: dict[str, tuple[int, str]] | None = None) -> bytes:
    """The manifest of `files` (paths relative to the pack's folder, '/'-separated) and of the files `kept`
    from an earlier build of the same findings (path → size, SHA-256)."""
    entries = {name: (len(data), sha256(data)) for name, data in files.items()} | (kept or {})
    document = {
        "manifest": FORMAT,
        "tool": {"name": "reportgen", "version": tool_version()},
        "edition": edition,
        "findings": {"file": findings_name, "sha256": sha256(findings), "size": len(findings)},
        "build_date": _date(built),
        "files": [{"path": name, "sha256": digest, "size": size} for name, (size, digest) in sorted(entries.items())],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _date(built: datetime) -> str:
    return built.strftime("%Y-%m-%dT%H:%M:%SZ")


def same_build(document: object, edition: str, findings: bytes, built: datetime) -> bool:
    """Whether a manifest was made by a build of these findings with this tool, edition and date."""
    if not isinstance(document, dict) or not isinstance(document.get("findings"), dict):
        return False
    return (document.get("tool") == {"name": "reportgen", "version": tool_version()} and document.get("edition") == edition
            and document["findings"].get("sha256") == sha256(findings) and document.get("build_date") == _date(built))


def sealer(pack: set[str], display: str, *, edition: str, findings_name: str, findings: bytes, built: datetime):
    """write_report's `seal` for a final build: the manifest of every file of the pack (the names in
    `pack`) in the folder once written — those just written, and those of other formats kept from an
    earlier final build of the same findings, as its manifest lists them and as they still are.
    Any other pack file kept (another build's, or changed since) refuses the build: the manifest
    would vouch for what this build did not make."""

    def seal(new: Path, previous: Path, written: dict[str, bytes]) -> bytes:
        kept = {name: path for name, path in _files_under(new, pack) if name not in written}
        vouched: dict[str, tuple[int, str]] = {}
        if kept:
            listed = _listed_by_same_build(previous, edition, findings, built)
            for name, path in kept.items():
                found = _size_and_digest(path)
                if found is not None and listed.get(name) == found:
                    vouched[name] = found
        strays = sorted(set(kept) - set(vouched))
        if strays:
            raise ReportError([Problem(display, None, None, "", f"{previous}/ holding {_grouped(strays)} from another build",
                                       "a final pack made from these findings only: build those formats too with --final, "
                                       "or remove them (nothing was written)")])
        return make_manifest(written, edition=edition, findings_name=findings_name, findings=findings, built=built, kept=vouched)

    return seal


def _grouped(names: list[str]) -> str:
    """'merton.pdf, data/ (53 files)': files at the top by name, a folder's by count."""
    tops: dict[str, int] = {}
    for name in names:
        top = name.split("/")[0] + ("/" if "/" in name else "")
        tops[top] = tops.get(top, 0) + 1
    return ", ".join(f"{top} ({how_many(n, 'file')})" if top.endswith("/") else top for top, n in tops.items())


def _files_under(folder: Path, names: set[str]):
    """(relative path, path) of every entry under the top-level `names` of `folder`; a folder's entries,
    not the folder; links and special files too (never followed), so the seal can refuse them."""
    for name in sorted(names):
        top = folder / name
        if not top.is_dir() or top.is_symlink():
            if top.is_symlink() or top.exists():
                yield name, top
            continue
        for base, folders, files in os.walk(top):
            for entry in sorted(files + [f for f in folders if (Path(base) / f).is_symlink()]):
                path = Path(base) / entry
                yield path.relative_to(folder).as_posix(), path


def _size_and_digest(path: Path) -> tuple[int, str] | None:
    """(size, SHA-256) of a regular file, links not followed; None for anything else."""
    try:
        with open_regular(path, str(path), limit=2**62, what="file", follow=False) as (fd, size):
            return size, sha256_of(fd)[0]
    except ReportError:
        return None


def _listed_by_same_build(folder: Path, edition: str, findings: bytes, built: datetime) -> dict[str, tuple[int, str]]:
    """The files the folder's manifest lists, if the same build made it; else none."""
    try:
        raw = read_regular(folder / MANIFEST, str(folder / MANIFEST), limit=MAX_MANIFEST, what="manifest", follow=False)
        document = json.loads(raw.decode("utf-8"))
        if not same_build(document, edition, findings, built):
            return {}
        listed, _ = read_entries(raw, folder)
    except (ReportError, ValueError, RecursionError):
        return {}
    return listed


@dataclass(frozen=True)
class Finding:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{printable(self.path, 300)}: error: {printable(self.message, 600)}"


def verify(folder: Path) -> tuple[int, list[Finding]]:
    """(files checked, problems): every listed file present with its size and SHA-256, nothing
    listed outside the folder, and nothing in the folder the manifest does not list — file, folder,
    symbolic link or special file. Links are never followed; files are read only when they are
    regular and of the listed size, and hashed in chunks."""
    manifest = folder / MANIFEST
    try:
        root = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        return 0, [Finding(str(folder), f"not a folder that can be read ({error.strerror or error})")]
    try:
        try:
            with open_beneath(root, MANIFEST, str(manifest), limit=MAX_MANIFEST, what="reportgen manifest") as (fd, _):
                raw = read_at_most(fd, MAX_MANIFEST + 1, str(manifest))
            listed, problems = read_entries(raw, folder)
        except ReportError as error:
            found = error.problems[0]
            if "No such file" in found.found:
                return 0, [Finding(str(manifest), "no manifest here: build the pack with `reportgen build --final`")]
            return 0, [Finding(str(manifest), f"found {found.found}, expected {found.expected}")]
        for name, (size, digest) in listed.items():
            problem = _check_file(root, folder, name, size, digest)
            if problem:
                problems.append(problem)
        problems += _unlisted(entries_of(root, str(folder)), listed, folder)
    finally:
        os.close(root)
    return len(listed), problems


def read_entries(raw: bytes, folder: Path) -> tuple[dict[str, tuple[int, str]], list[Finding]]:
    """The manifest's files (path → size, SHA-256), and a line for each entry that cannot be one."""
    shown = str(folder / MANIFEST)

    def bad_number(text: str):
        raise ValueError(f"the number {text[:20]} (no such size)")

    try:
        document = json.loads(raw.decode("utf-8"), parse_float=bad_number, parse_constant=bad_number)
    except RecursionError:
        raise ReportError([Problem(shown, None, None, "", "JSON nested too deep", "a reportgen manifest")]) from None
    except ValueError as error:  # JSON, UTF-8 and number errors alike
        raise ReportError([Problem(shown, None, None, "", f"text that is not a manifest ({error})", "a reportgen manifest (JSON)")]) from None
    files = document.get("files") if isinstance(document, dict) else None
    if not isinstance(files, list):
        raise ReportError([Problem(shown, None, None, "", "no list of files", "a reportgen manifest with a 'files' list")])
    listed: dict[str, tuple[int, str]] = {}
    problems: list[Finding] = []
    for number, entry in enumerate(files, 1):
        path = entry.get("path") if isinstance(entry, dict) else None
        size = entry.get("size") if isinstance(entry, dict) else None
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if isinstance(path, str) and (not _inside(path) or path == MANIFEST):
            problems.append(Finding(str(folder / path), "listed outside the pack: refused"))
        elif not (isinstance(path, str) and type(size) is int and size >= 0 and isinstance(digest, str) and _SHA256.fullmatch(digest)):
            problems.append(Finding(shown, f"file entry {number} is not a path, a size in bytes and a SHA-256"))
        elif path in listed:
            problems.append(Finding(str(folder / path), "listed twice in the manifest"))
        else:
            listed[path] = (size, digest)
    return listed, problems


def _inside(path: str) -> bool:
    """A relative '/'-separated path of plain names: nothing absolute, no '..', no control characters."""
    parts = path.split("/")
    return path.isprintable() and all(part not in ("", ".", "..") for part in parts)


def _check_file(root: int, folder: Path, name: str, size: int, digest: str) -> Finding | None:
    shown = str(folder / name)
    try:
        with open_beneath(root, name, shown, limit=size, what="file listed in the manifest") as (fd, actual):
            if actual != size:
                return Finding(shown, f"size {actual} bytes, the manifest says {size}")
            found, _ = sha256_of(fd)
    except ReportError as error:
        problem = error.problems[0]
        if "No such file" in problem.found:
            return Finding(shown, "missing: listed in the manifest, not in the folder")
        if problem.found.startswith("a file of "):
            return Finding(shown, f"size {problem.found.removeprefix('a file of ')}, the manifest says {size}")
        return Finding(shown, f"found {problem.found}, expected {problem.expected}")
    if found != digest:
        return Finding(shown, f"SHA-256 {found} differs from the manifest's {digest}: the file was changed")
    return None


def _unlisted(entries, listed: dict[str, tuple[int, str]], folder: Path) -> list[Finding]:
    """Everything in the folder the manifest does not list (a folder holding listed files is listed)."""
    holding = {"/".join(name.split("/")[:n]) for name in listed for n in range(1, name.count("/") + 1)}
    problems = []
    for name, what, target in entries:
        if name == MANIFEST or name in listed or name in holding and what == "folder":
            continue  # a listed name that is not a regular file was reported by _check_file
        shown = str(folder / name)
        if what == "file":
            problems.append(Finding(shown, "not in the manifest: added after the build"))
        elif what == "link":
            problems.append(Finding(shown, f"a symbolic link to {target}, not in the manifest: a pack holds no links "
                                           "(an upload that followed it would publish what it points at)"))
        elif what == "folder":
            problems.append(Finding(shown, "a folder not in the manifest: added after the build"))
        elif what == "limit":
            problems.append(Finding(shown, target))
        else:
            problems.append(Finding(shown, f"a {what}, not in the manifest"))
    return problems
