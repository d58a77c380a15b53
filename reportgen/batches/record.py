"""What a report was built from, kept beside its outputs, so an unchanged report is not rebuilt.

After a build, out/.reportgen-built/<stem>.json records the SHA-256 of every input — the findings
file, the files of its framework edition (and those it extends), every file of the template
folders (templates, styles, brand, logo), the tool (its version and the digest of its own source,
and the versions of the libraries that write the outputs), the options (formats, --final,
--draft, --base-url, SOURCE_DATE_EPOCH) — and of every file it wrote. A report is up to date only when all of
these are unchanged *and* every recorded output is on disk with its recorded size and digest, so
a deleted or edited output is rebuilt. Content, not times: a fresh clone (new modification times)
rebuilds nothing, and touching a file without changing it rebuilds nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..house import files_under

if TYPE_CHECKING:
    from ..house import House

FOLDER = ".reportgen-built"  # in the output folder, beside the report folders (write.py's prefix)
FORMAT = 1
LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "pyphen", "python-docx", "markdown-it-py",
             "mdit-py-plugins", "jinja2", "odfpy", "pydantic", "pillow", "cairosvg", "pyyaml")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _files_digest(files: list[tuple[str, Path]]) -> str:
    """One digest of named files: their names and their bytes, in the order given."""
    total = hashlib.sha256()
    for name, path in files:
        total.update(name.encode("utf-8") + b"\0" + digest(path.read_bytes()).encode("ascii") + b"\n")
    return total.hexdigest()


@lru_cache(maxsize=1)
def tool() -> str:
    """The tool: its version, the digest of its own source, Python's and the writing libraries' versions."""
    from importlib.metadata import PackageNotFoundError, version

    package = Path(__file__).resolve().parent.parent
    parts = [sys.version]
    for name in ("reportgen", *LIBRARIES):
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} -")
    sources = sorted(p for p in package.rglob("*.py") if "__pycache__" not in p.parts)
    return digest("\n".join(parts).encode("utf-8") + _files_digest([(p.relative_to(package).as_posix(), p) for p in sources]).encode())


def templates(house: House) -> str:
    """Every file of every template folder, in search order (a house folder shadowing a shipped file counts)."""
    files = []
    for n, folder in enumerate(house.folders.templates):
        files += [(f"{n}/{p.relative_to(folder).as_posix()}", p) for p in files_under(folder)]
    return _files_digest(files)


def edition(edition_id: str, available: dict[str, Path]) -> str:
    """The edition's file and every file it extends, among the house's editions (id → file)."""
    from ..errors import ReportError
    from ..load import load_yaml

    files, current = [], edition_id
    while current and current in available and len(files) < 8:
        path = available[current]
        files.append((f"{current} {path}", path))
        try:
            data = load_yaml(path).data
        except ReportError:  # the build reports it; the digest of what is there is enough here
            break
        current = data.get("extends") if isinstance(data, dict) else None
    return _files_digest(files) if files else f"unknown {edition_id}"


def options(formats: list[str], final: bool, draft: bool, base_url: str | None = None) -> str:
    return json.dumps({"formats": sorted(formats), "final": final, "draft": draft, "base_url": base_url,
                       "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "").strip()}, sort_keys=True)


class Inputs:
    """The digests a batch shares (tool, templates, each edition), computed once per batch."""

    def __init__(self, formats: list[str], final: bool, draft: bool, house: House, base_url: str | None = None):
        self.common = {"tool": tool(), "templates": templates(house), "options": options(formats, final, draft, base_url)}
        self.editions: dict[str, str] = {}
        self.found = dict(house.editions)  # plain paths: Inputs goes to the batch's workers

    def edition(self, edition_id: str) -> str:
        if edition_id not in self.editions:
            self.editions[edition_id] = edition(edition_id, self.found)
        return self.editions[edition_id]

    def of(self, path: Path) -> dict[str, str] | None:
        """Every input digest of one findings file (its edition read from it: done before a build);
        None where it cannot be read (the build says why, and nothing is recorded)."""
        import yaml

        from ..errors import ReportError
        from ..guards.files import read_regular
        from ..limits import MAX_BYTES

        try:
            data = read_regular(path, str(path), limit=MAX_BYTES, what="findings file")
            found = yaml.load(data, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        except (OSError, ReportError, yaml.YAMLError, ValueError):
            return None
        edition_id = str(found.get("edition")) if isinstance(found, dict) else ""  # the build checks it
        return {**self.common, "findings": digest(data), "edition_id": edition_id, "edition": self.edition(edition_id)}


def record_path(out: Path, stem: str) -> Path:
    return out / FOLDER / f"{stem}.json"


def up_to_date(path: Path, out: Path, inputs: Inputs, folder: str | None = None) -> bool:
    """True when the record beside the outputs (in out/`folder`, by default the findings file's stem)
    matches every input now and every output on disk."""
    from ..errors import ReportError
    from ..guards.files import read_regular
    from ..limits import MAX_BYTES

    try:
        folder = folder or path.stem
        saved = json.loads(record_path(out, folder).read_text(encoding="utf-8"))
        if saved.get("record") != FORMAT or saved["findings"] != digest(read_regular(path, str(path), limit=MAX_BYTES, what="findings file")):
            return False
        now = {**inputs.common, "edition": inputs.edition(saved["edition_id"])}
        if any(saved.get(key) != value for key, value in now.items()):
            return False
        for name, (size, sha) in saved["files"].items():
            target = out / folder / name
            if target.stat().st_size != size or digest(target.read_bytes()) != sha:
                return False
        return bool(saved["files"])
    except (OSError, ReportError, ValueError, KeyError, TypeError):
        return False


def save(out: Path, stem: str, inputs: dict[str, str], written: list[Path]) -> None:
    """Record what the build of `stem` was made from and what it wrote (atomically)."""
    folder = out / stem
    files = {p.relative_to(folder).as_posix(): (p.stat().st_size, digest(p.read_bytes())) for p in sorted(written)}
    target = record_path(out, stem)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    partial.write_text(json.dumps({"record": FORMAT, **inputs, "files": files}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(partial, target)

