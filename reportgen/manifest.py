"""manifest.json for a final build, and `reportgen verify DIR` against it.

A final pack states what made it (tool version, framework edition, the findings file's SHA-256,
the build date from SOURCE_DATE_EPOCH or the findings) and every file it holds with its SHA-256
and size, so a publishing team can prove that what they upload is what was built. The manifest
is itself reproducible: same findings, same tool, same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = 1  # the manifest's own format version


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("reportgen")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


def make_manifest(files: dict[str, bytes], *, edition: str, findings_name: str, findings: bytes, built: datetime) -> bytes:
    """The manifest of `files` (paths relative to the pack's folder, '/'-separated)."""
    document = {
        "manifest": FORMAT,
        "tool": {"name": "reportgen", "version": tool_version()},
        "edition": edition,
        "findings": {"file": findings_name, "sha256": sha256(findings), "size": len(findings)},
        "build_date": built.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": [{"path": name, "sha256": sha256(data), "size": len(data)} for name, data in sorted(files.items())],
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass(frozen=True)
class Finding:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: error: {self.message}"


def verify(folder: Path) -> tuple[int, list[Finding]]:
    """(files checked, problems): every listed file present with its size and SHA-256, nothing
    listed outside the folder, and no file in the folder that the manifest does not list."""
    manifest = folder / MANIFEST
    try:
        document = json.loads(manifest.read_bytes())
        entries = [(str(e["path"]), int(e["size"]), str(e["sha256"])) for e in document["files"]]
    except FileNotFoundError:
        return 0, [Finding(str(manifest), "no manifest here: build the pack with `reportgen build --final`")]
    except (OSError, ValueError, KeyError, TypeError) as error:
        return 0, [Finding(str(manifest), f"not a reportgen manifest ({type(error).__name__}: {error})")]
    problems: list[Finding] = []
    root = folder.resolve()
    listed: set[Path] = set()
    for name, size, digest in entries:
        path = (folder / name).resolve()
        shown = str(folder / name)
        if not path.is_relative_to(root) or path == manifest.resolve():
            problems.append(Finding(shown, "listed outside the pack: refused"))
            continue
        listed.add(path)
        if not path.is_file():
            problems.append(Finding(shown, "missing: listed in the manifest, not in the folder"))
            continue
        data = path.read_bytes()
        if len(data) != size:
            problems.append(Finding(shown, f"size {len(data)} bytes, the manifest says {size}"))
        elif sha256(data) != digest:
            problems.append(Finding(shown, f"SHA-256 {sha256(data)} differs from the manifest's {digest}: the file was changed"))
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.resolve() not in listed and path.resolve() != manifest.resolve():
            problems.append(Finding(str(path), "not in the manifest: added after the build"))
    return len(entries), problems
