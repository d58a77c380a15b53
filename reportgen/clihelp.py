"""How `reportgen -h` reads: commands in the order an inspection uses them, each summary whole, each
command's own exit codes, and the editions installed wherever an edition is chosen.

An installed reportgen has no frameworks/ folder to look in, so `new -h`, the error for an
unknown edition and shell completion all list the editions found (name and title).
"""

from __future__ import annotations

import difflib

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

# The inspector's loop first, then the editor's and the publisher's, then tools for the tool itself.
# A command not listed (a newer one) goes before `schema`.
WORKFLOW = ("new", "cases", "watch", "check", "build", "compare", "absorb", "verify", "programme", "edition", "schema")
USAGE = "2 usage error (an unknown option or edition, a missing file)"


def exits(*codes: str) -> str:
    """A command's exit codes, as its help ends."""
    return "Exit codes: " + "; ".join(codes) + "."


class Workflow(TyperGroup):
    """Commands listed in the order an inspection uses them, not the order they are written in."""

    def list_commands(self, ctx) -> list[str]:
        last = WORKFLOW.index("schema")
        return sorted(super().list_commands(ctx), key=lambda name: WORKFLOW.index(name) if name in WORKFLOW else last - 0.5)


class Command(TyperCommand):
    """Help that names arguments by their metavar alone (FILE...), not their Python type."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument) and param.metavar:
                param.display_type_rich = lambda ctx: None
                param._usage_display_name = lambda metavar=param.metavar, required=param.required: metavar if required else f"[{metavar}]"


class ChoosesEdition(Command):
    """A command that takes --edition: its help ends with the editions installed, name and title."""

    def format_epilog(self, ctx, formatter) -> None:
        with formatter.section("Editions installed"):
            formatter.write_dl(installed(_help_house()))
        super().format_epilog(ctx, formatter)


def _help_house():
    """The house as help and shell completion see it: REPORTGEN_EDITIONS and the shipped editions
    (no command has run, so no --editions yet); a faulty house lists nothing rather than fail."""
    from .errors import ReportError
    from .house import load_house

    try:
        return load_house()
    except ReportError:
        return None


def installed(house) -> list[tuple[str, str]]:
    """(name, title) of every edition of `house`: the shipped ones and those of --editions / REPORTGEN_EDITIONS."""
    from .errors import ReportError

    listed = []
    for name in sorted(house.editions if house is not None else ()):
        try:
            listed.append((name, house.edition(name).name))
        except ReportError as error:
            listed.append((name, f"(cannot be used: {error.problems[0].found})"))
    return listed


def complete_edition(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for --edition: the editions installed, each with its title."""
    return [(name, title) for name, title in installed(_help_house()) if name.startswith(incomplete)]


def unknown_edition(name: str, house) -> str:
    """The usage error for an edition not installed: the nearest name, then every edition with its title."""
    listed = installed(house)
    close = difflib.get_close_matches(name, [n for n, _ in listed], n=1, cutoff=0.6)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    width = max((len(n) for n, _ in listed), default=0)
    lines = [f"  {n.ljust(width)}  {title}" for n, title in listed]
    return "\n".join([f"--edition: error: found {name!r}, expected one of the editions installed{hint}:", *lines])


def chosen_edition(name: str, house):
    """The house's edition called `name`; an unknown name is a usage error (exit 2) listing those
    installed, and an installed edition whose file has errors is that file's problems (exit 1)."""
    from .errors import ReportError

    if name not in house.editions:
        typer.echo(unknown_edition(name, house), err=True)
        raise typer.Exit(2)
    try:
        return house.edition(name)
    except ReportError as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(1) from None
