"""`reportgen cases template | import | show`: case records to the report's figures, from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..commandline import EditionFolders, FindingsFile, edition_option, read_house, replace_file, say_problems
from ..clihelp import USAGE, ChoosesEdition, Command, chosen_edition, complete_edition, exits
from ..errors import ReportError, how_many

cases_app = typer.Typer(
    no_args_is_help=True,
    help="Case records (one row per case, Yes / No / N/A per key question and prompt) → the report's counts.",
    short_help="Case records in a workbook → the report's counts.",
    epilog="Each command's help (reportgen cases COMMAND -h) gives its exit codes.",
    rich_markup_mode=None,
)
Records = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, metavar="CASES",
                                         help="Case records: .xlsx, .ods (a sheet per sample) or .csv (a 'sample' column).",
                                         show_default=False)]
FORMATS = {".xlsx": "xlsx", ".ods": "ods", ".csv": "csv"}


@cases_app.command(cls=ChoosesEdition, epilog=exits("0 written", "1 the edition has no case sample, or its own file has errors",
                                                    "2 usage error (an unknown edition, an --out that is not .xlsx, .ods or .csv, or exists)"))
def template(
    edition: Annotated[str, edition_option()],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="FILE", help="cases.xlsx, cases.ods or cases.csv.")],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    editions: EditionFolders = None,
) -> None:
    """Write the case-records workbook for EDITION: a sheet per case sample, a row per case."""
    from .samples import samples
    from .workbook import template as write_template

    house = read_house(editions)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise typer.BadParameter(f"found {out.suffix or 'no extension'}, expected .xlsx, .ods or .csv", param_hint="--out")
    if out.exists() and not force:
        raise typer.BadParameter(f"{out} exists (use --force to replace it)", param_hint="--out")
    found = samples(chosen_edition(edition, house))
    if not found:
        typer.echo(f"--edition: error: found {edition}, expected an edition with a case sample (a standard rated from cases)", err=True)
        raise typer.Exit(1)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(write_template(found, fmt))
    listed = ", ".join(f"{s.sheet} ({len(s.columns)} questions)" for s in found)
    layout = "one table, a 'sample' column naming each row's" if fmt == "csv" else "a sheet per"
    typer.echo(f"{out}: {layout} case sample: {listed}; a row per case, answers Yes, No or N/A; "
               f"then: reportgen cases import {out} FINDINGS.yml", err=True)


@cases_app.command("import", cls=Command, epilog=exits("0 written (or unchanged)", "1 the records or FILE have errors", USAGE))
def import_(
    records: Records,
    findings: FindingsFile,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would move and the diff of FILE; write nothing.")] = False,
    editions: EditionFolders = None,
) -> None:
    """Compute every count FILE holds for the samples in CASES and write them into FILE, in place."""
    from ..load import load_yaml
    from ..review.rewrite import unified_diff
    from ..typed import to_model
    from ..model import Findings
    from .apply import apply
    from .records import read_records
    from .samples import samples as edition_samples
    from .sums import sums

    house = read_house(editions)
    try:
        original = findings.read_bytes()  # what FILE held when read: a save made meanwhile is not overwritten
        source = load_yaml(findings, display=str(findings))
        edition = house.edition(to_model(Findings, source).edition, source)
        read = read_records(records, edition, str(records))
        by_id = {s.id: s for s in edition_samples(edition)}
        applied = apply(source.text, {sid: sums(by_id[sid], cases) for sid, cases in read.cases.items()}, str(findings), house)
    except ReportError as error:
        say_problems(error)
        raise typer.Exit(1) from None
    sizes = ", ".join(f"sample {sid} {len(cases)} case{'s' if len(cases) != 1 else ''}" for sid, cases in read.cases.items())
    typer.echo(f"{records} → {findings}: {sizes}")
    for line in (*applied.counts, *applied.ratings) or ("nothing moved: the counts were already these",):
        typer.echo(f"  {line}")
    if dry_run:
        sys.stdout.write(unified_diff(source.text, applied.text, str(findings), "counts imported"))
        return
    if applied.text != source.text:
        try:
            replace_file(findings, applied.text, original)
        except ReportError as error:
            say_problems(error)
            raise typer.Exit(1) from None
    typer.echo(f"{findings}: {how_many(len(applied.counts), 'count')} written" if applied.counts else f"{findings}: unchanged")


@cases_app.command(cls=ChoosesEdition, epilog=exits("0 listed", "1 the records have errors, or the question is not in them", USAGE))
def show(
    records: Records,
    question: Annotated[str, typer.Option("--question", "-q", metavar="ID", help="A key question or prompt, e.g. 2.1.3 or 2.1.3.a.")],
    edition: Annotated[Optional[str], typer.Option("--edition", "-e", metavar="EDITION", autocompletion=complete_edition, show_default=False,
                                                   help="The records' edition (default: the first whose questions the file's columns are).")] = None,
    editions: EditionFolders = None,
) -> None:
    """The cases answered No (and N/A) to one question, by reference: what a ratings panel looks at."""
    from .show import show_question

    house = read_house(editions)
    try:
        lines = show_question(records, question, edition, house)
    except ReportError as error:
        say_problems(error)
        raise typer.Exit(1) from None
    for line in lines:
        typer.echo(line)

