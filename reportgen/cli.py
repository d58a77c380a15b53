"""The `reportgen` command: check findings, write the JSON Schema, build reports.

Kept light on purpose: `check` is the inspector's fast feedback loop, so the PDF and Word
machinery is imported only by `build`, inside the function that needs it.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from .errors import ReportError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn inspection findings into the published report.")

FindingsFile = Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="A findings YAML file.")]


def _say_problems(error: ReportError) -> None:
    for problem in error.problems:
        typer.echo(str(problem), err=True)


@app.command()
def check(file: FindingsFile) -> None:
    """Validate FILE and print its ratings table. Exit 0 valid, 1 invalid, 2 usage."""
    from .summary import ratings_table
    from .validate import check_file

    try:
        checked = check_file(file, display=str(file))
    except ReportError as error:
        _say_problems(error)
        raise typer.Exit(1) from None
    for warning in checked.warnings:
        typer.echo(str(warning), err=True)
    typer.echo(ratings_table(checked))


@app.command()
def schema(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
) -> None:
    """Write the JSON Schema of the findings format, for editors that validate YAML as you type."""
    from .model import Findings

    document = Findings.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "reportgen findings"
    text = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")


def _findings_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.yml")) + sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return files


@app.command()
def build(
    files: Annotated[list[Path], typer.Argument(exists=True, help="Findings files, or folders of them.")],
    format: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: md,html,pdf,docx.")] = "md,html,pdf,docx",
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for output/<service>/ folders.")] = Path("output"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for several files.")] = 1,
) -> None:
    """Build the report from each findings FILE: output/<service>/<service>.{md,html,pdf,docx}."""
    from .batch import build_all
    from .build import FORMATS

    formats = [f.strip() for f in format.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"found {', '.join(unknown) or 'nothing'}, expected some of {', '.join(FORMATS)}", param_hint="--format")
    paths = _findings_files(files)
    if not paths:
        raise typer.BadParameter("no findings files (*.yml) found", param_hint="FILES")
    failures = build_all(paths, out, formats, jobs=jobs, report=lambda line: typer.echo(line, err=True))
    raise typer.Exit(1 if failures else 0)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
