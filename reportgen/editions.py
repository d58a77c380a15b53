"""Framework edition files → one edition's plain data, a revision laid over the edition it extends.

A wording revision (e.g. the 2018 standards as republished in 2019) is a file that names the
edition it `extends:` and gives only what changed; lists of items with an `id` (domains,
standards, key questions, prompts) are matched by id, so a revision can reword one prompt
without repeating the rest. No Python is written per revision.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import ReportError
from .load import Located, load_yaml

MAX_CHAIN = 8  # revisions of revisions; deeper is certainly a mistake


def resolve(frameworks: Path | list[Path], edition_id: str, display) -> Located:
    """The edition's data with every `extends:` applied, located in the edition's own file.

    `frameworks`: the folder, or folders searched in order, holding edition files.
    """
    folders = [frameworks] if isinstance(frameworks, Path) else frameworks
    return _resolved(folders, _find(folders, edition_id) or folders[0] / f"{edition_id}.yml", display)


def resolve_file(path: Path, frameworks: list[Path], display) -> Located:
    """The edition in file `path` (wherever it is) with every `extends:` applied: what it extends is
    looked for beside it first, then in `frameworks` (`reportgen edition check` of a draft edition)."""
    return _resolved([path.parent, *frameworks], path, display)


def chain(frameworks: list[Path], path: Path, display) -> list[Located]:
    """The edition's file and each file it extends, in that order (the root edition last)."""
    found: list[Located] = []
    current: Path | None = path
    while current is not None:
        source = load_yaml(current, display=display(current))
        if not isinstance(source.data, dict):
            return [*found, source]  # the model reports what a framework file must be
        if any(s.file == source.file for s in found) or len(found) >= MAX_CHAIN:
            raise ReportError([source.problem(("extends",), repr(source.data.get("id")), "an edition that does not extend itself")])
        found.append(source)
        parent = source.data.get("extends")
        if parent is None:
            return found
        current = _find(frameworks, str(parent))
        if current is None:
            available = sorted({p.stem for folder in frameworks for p in folder.glob("*.yml")})
            raise ReportError([source.problem(("extends",), repr(parent), f"an edition among {available}")])
    return found


def _resolved(folders: list[Path], path: Path, display) -> Located:
    found = chain(folders, path, display)
    if not isinstance(found[-1].data, dict):
        return found[-1]
    data: dict[str, Any] = {}
    for source in reversed(found):  # the root edition first, then each revision over it
        own = dict(source.data)
        own.setdefault("template", own.get("id") if "template" not in data else data["template"])
        data = overlay(data, own)
    first = found[0]
    return Located(first.file, data, first.values, first.keys)


def _find(folders: list[Path], edition_id: str) -> Path | None:
    return next((folder / f"{edition_id}.yml" for folder in folders if (folder / f"{edition_id}.yml").is_file()), None)


def overlay(base: Any, over: Any) -> Any:
    """`over` laid on `base`: mappings merge key by key, lists of items with an `id` merge by id."""
    if isinstance(base, dict) and isinstance(over, dict):
        merged = dict(base)
        for key, value in over.items():
            merged[key] = overlay(base[key], value) if key in base else value
        return merged
    if _by_id(base) and _by_id(over):
        replacements = {item["id"]: item for item in over}
        merged_list = [overlay(item, replacements.pop(item["id"])) if item["id"] in replacements else item for item in base]
        return merged_list + [item for item in over if item["id"] in replacements]
    return over


def _by_id(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "id" in i for i in value)

