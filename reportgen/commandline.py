"""What the commands share: their options, the house read once for them, their problems said one
a line, the findings files a folder holds, and a findings file replaced safely. The `reportgen`
command (cli.py) and the wings' own commands (cases/command.py) are made of these.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .clihelp import complete_edition
from .errors import Problem, ReportError, tally

if TYPE_CHECKING:
    from .house import House


Files = Annotated[list[Path], typer.Argument(exists=True, metavar="FILE...", help="Findings files, or folders of them.", show_default=False)]
Final = Annotated[bool, typer.Option("--final", help="The report is to be published: TODO markers, placeholders, notes and every other warning are errors.")]
FindingsFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, metavar="FILE", help="A findings YAML file.", show_default=False)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]
Verbose = Annotated[bool, typer.Option("--verbose", "-v", help="Also say what each stage did and how long it took.")]


def edition_option():
    """--edition: by name, completed in the shell, the editions installed listed at the end of the help."""
    return typer.Option("--edition", "-e", metavar="EDITION", autocompletion=complete_edition, show_default=False,
                        help="The framework edition, by name: one of those listed below.")
EditionFolders = Annotated[
    Optional[list[Path]],
    typer.Option("--editions", metavar="DIR", file_okay=False, exists=True, show_default=False,
                 help="Another folder of framework editions, searched first (also REPORTGEN_EDITIONS, folders separated by ':')."),
]
TemplateFolders = Annotated[
    Optional[list[Path]],
    typer.Option("--templates", metavar="DIR", file_okay=False, exists=True, show_default=False,
                 help="Another folder of templates, searched first (also REPORTGEN_TEMPLATES)."),
]


def say_problems(error: ReportError, closing: str | None = None) -> None:
    """Each problem on its line, in file order; after a findings file's, how many there were and `closing`."""
    for problem in error.problems:
        typer.echo(str(problem), err=True)
    if closing is not None:
        typer.echo(tally(error.problems) + closing, err=True)


def read_house(editions: list[Path] | None, templates: list[Path] | None = None) -> House:
    """The house the command works with (house.py): read once, here, and handed to every stage.
    A fault in one of its files is one line naming file, line and field; exit 1."""
    from .house import Folders, load_house

    try:
        return load_house(Folders.given(editions or [], templates or []))
    except ReportError as error:
        say_problems(error)
        raise typer.Exit(1) from None


def findings_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    if not files:
        raise typer.BadParameter("no findings files (*.yml) found", param_hint="FILE...")
    return files


def replace_file(path: Path, text: str, expected: bytes) -> None:
    """Write `text` over `path` atomically, keeping its permissions, and only if it still holds
    `expected` (a save made while absorb ran is never overwritten). A symbolic link is written
    through: the file it points at is replaced, the link stays."""
    import tempfile

    from .guards.files import read_regular
    from .limits import MAX_BYTES

    target = Path(os.path.realpath(path))
    handle, name = tempfile.mkstemp(prefix=".reportgen-absorb-", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.chmod(name, target.stat().st_mode & 0o7777)
        if read_regular(target, str(path), limit=MAX_BYTES, what="findings file") != expected:  # just before the replace
            raise ReportError([Problem(str(path), None, None, "", "the file changed while absorb ran (saved meanwhile?)",
                                       "the file as absorb read it; nothing was written: run absorb again")])
        os.replace(name, target)
    finally:
        Path(name).unlink(missing_ok=True)
