"""`reportgen edition check FILE` and `reportgen edition diff A B`, from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..commandline import EditionFolders, TemplateFolders, read_house, say_problems
from ..clihelp import USAGE, Command, exits
from ..errors import ReportError, how_many, tally

edition_app = typer.Typer(
    no_args_is_help=True,
    help="Framework editions for their authors: check an edition file, say what a revision changes (docs/editions.md).",
    short_help="Check an edition file; say what a revision changes.",
    epilog="Each command's help (reportgen edition COMMAND -h) gives its exit codes.",
    rich_markup_mode=None,
)
Edition = Annotated[str, typer.Argument(metavar="EDITION", help="An edition file (.yml), or an installed edition by name.",
                                        show_default=False)]


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@edition_app.command(cls=Command, epilog=exits("0 the edition is sound (warnings allowed)", "1 it has errors", USAGE))
def check(file: Edition, editions: EditionFolders = None, templates: TemplateFolders = None) -> None:
    """Every problem of an edition file, one line each (file:line:column), as `check` gives a findings file's.

    What an edition FILE extends is looked for beside it first, then among the editions installed."""
    from .check import check_edition
    from .source import read

    house = read_house(editions, templates)
    try:
        edition, problems = check_edition(read(file, house, _display), house.folders.templates)
    except ReportError as error:  # a file that cannot be read, or an `extends:` that names no edition
        say_problems(error, f" in {file}")
        raise typer.Exit(1) from None
    for problem in problems:
        typer.echo(str(problem), err=True)
    errors = [p for p in problems if p.severity == "error"]
    if errors or edition is None:
        typer.echo(f"{tally(problems)} in {file}", err=True)
        raise typer.Exit(1)
    standards = edition.standards()
    typer.echo(f"{file}: {edition.id} is sound: {how_many(len(edition.domains), 'domain')}, {how_many(len(standards), 'standard')}, "
               f"{how_many(sum(len(s.key_questions) for s in standards), 'key question')}"
               + (f"; {how_many(len(problems), 'warning')}" if problems else ""), err=True)


@edition_app.command(cls=Command, epilog=exits("0 said (the same or not)", "1 an edition has errors (edition check says which)", USAGE))
def diff(old: Annotated[str, typer.Argument(metavar="OLD", help="The edition before: a file (.yml) or an installed edition by name.",
                                            show_default=False)],
         new: Annotated[str, typer.Argument(metavar="NEW", help="The edition after: a file (.yml) or an installed edition by name.",
                                            show_default=False)],
         editions: EditionFolders = None) -> None:
    """What edition NEW changes from OLD, in words: printing, rating rules, structure, wording.

    OLD and NEW are edition files or installed editions by name: an edition and a revision that
    extends it, for what the revision changes, or two editions."""
    from .check import check_edition
    from .diff import report
    from .source import read

    house = read_house(editions)
    models = []
    for argument in (old, new):
        try:
            edition, problems = check_edition(read(argument, house, _display), house.folders.templates)
        except ReportError as error:
            say_problems(error, f" in {argument}")
            raise typer.Exit(1) from None
        if edition is None or any(p.severity == "error" for p in problems):
            typer.echo(f"{argument}: has errors; `reportgen edition check {argument}` lists them", err=True)
            raise typer.Exit(1)
        models.append(edition)
    typer.echo(report(*models))

