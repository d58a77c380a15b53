"""Where framework editions and templates come from: folders the user adds, then those shipped.

The shipped ones are the repository's `frameworks/` and `templates/`, packaged as
`reportgen.frameworks` and `reportgen.templates` (pyproject.toml) and found through
importlib.resources, so an installed `reportgen` works from any directory. Extra folders
come from `--editions DIR` / `--templates DIR` or the environment variables below
(folders separated by ':'); they are searched first, so a house can override a template.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from .names import TEMPLATES

EDITIONS_ENV = "REPORTGEN_EDITIONS"
TEMPLATES_ENV = "REPORTGEN_TEMPLATES"
_added: dict[str, list[Path]] = {EDITIONS_ENV: [], TEMPLATES_ENV: []}


def shipped(package: str) -> Path:
    """A data folder installed with reportgen (a real folder in a wheel or editable install)."""
    return Path(str(files(package)))


SHIPPED_EDITIONS = shipped("reportgen.frameworks")
SHIPPED_TEMPLATES = TEMPLATES


def add_folders(editions: list[Path], templates: list[Path]) -> None:
    """Folders given on the command line, searched before the environment's and the shipped ones."""
    _added[EDITIONS_ENV] += [p.resolve() for p in editions]
    _added[TEMPLATES_ENV] += [p.resolve() for p in templates]
    from .compose import environment

    environment.cache_clear()


def _folders(variable: str, fallback: Path) -> list[Path]:
    from_env = [Path(p).resolve() for p in os.environ.get(variable, "").split(os.pathsep) if p.strip()]
    return list(dict.fromkeys([*_added[variable], *from_env, fallback]))


def edition_folders() -> list[Path]:
    return _folders(EDITIONS_ENV, SHIPPED_EDITIONS)


def template_folders() -> list[Path]:
    return _folders(TEMPLATES_ENV, SHIPPED_TEMPLATES)


def editions() -> dict[str, Path]:
    """Every edition by id (its file name); an edition in an earlier folder hides a later one."""
    found: dict[str, Path] = {}
    for folder in edition_folders():
        for path in sorted(folder.glob("*.yml")):
            found.setdefault(path.stem, path)
    return found
