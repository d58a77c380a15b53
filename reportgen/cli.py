"""The `reportgen` command: start, check, preview and build reports; write the JSON Schema.

Kept light on purpose: `check` is the inspector's fast feedback loop, so the PDF and Word
machinery is imported only by `build`, inside the function that needs it.
"""

from __future__ import annotations

import errno
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from .clihelp import USAGE, ChoosesEdition, Command, Workflow, chosen_edition, exits
from .commandline import (EditionFolders, Files, Final, FindingsFile, Quiet, TemplateFolders, Verbose, edition_option,
                          findings_files, read_house, replace_file, say_problems)
from .errors import ReportError, how_many, printable

if TYPE_CHECKING:
    from .house import House

app = typer.Typer(
    cls=Workflow,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="Turn inspection findings into the published report.",
    epilog="Each command's help (reportgen COMMAND -h) says what it does and what its exit codes mean.",
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            typer.echo(f"reportgen {version('reportgen')}")
        except PackageNotFoundError:  # pragma: no cover - run from a checkout that was never installed
            typer.echo("reportgen (not installed)")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")] = False,
) -> None:
    """Turn inspection findings into the published report."""


@app.command(cls=Command, short_help="Check findings, print the ratings, say what is unfinished.",
             epilog=exits("0 every file is valid (warnings allowed, unless --final)", "1 a file has errors (with --final, warnings too)", USAGE))
def check(files: Files, final: Final = False, quiet: Quiet = False, verbose: Verbose = False,
          editions: EditionFolders = None, templates: TemplateFolders = None,
          counts: Annotated[bool, typer.Option("--counts", help="Print per report how many warnings each text check gives, "
                                                "with the report's words: and allow: entries and without them.")] = False) -> None:
    """Validate each FILE and print its ratings table; warnings say what is unfinished."""
    from .summary import ratings_table
    from .validate import check_file

    paths = findings_files(files)
    house = read_house(editions, templates)
    failed = 0
    for index, file in enumerate(paths):
        try:
            checked = check_file(file, house, display=str(file), final=final)
        except ReportError as error:
            say_problems(error, f" in {file}" + ("; not ready to publish" if final else ""))
            failed += 1
            continue
        if counts:
            typer.echo(counts_line(file, checked, house))
            continue
        if not quiet:
            for warning in checked.warnings:
                typer.echo(str(warning), err=True)
            typer.echo(("\n" if index else "") + ratings_table(checked, house.review))
        if verbose or (checked.warnings and not quiet):
            unfinished = f", {how_many(len(checked.warnings), 'warning')}: not finished (check --final refuses them)" if checked.warnings else ""
            typer.echo(f"{file}: valid{unfinished}", err=True)
        if verbose:
            from .checks import reading_summary
            from .markup import checker

            typer.echo(f"{file}: {reading_summary(checked.findings, checked.edition, checker())}", err=True)
    if len(paths) > 1 and not quiet:
        typer.echo(f"{len(paths) - failed} of {len(paths)} valid" + (f", {failed} with errors" if failed else ""), err=True)
    raise typer.Exit(1 if failed else 0)


def counts_line(file: Path, checked, house: House) -> str:
    """'merton.yml: personal-data 0 · spelling 0 · … (before words:/allow: personal-data 2 · spelling 9 · …)'."""
    from .checks import counts

    found = counts(checked, house)
    after = " · ".join(f"{name} {n}" for name, (_, n) in found.items())
    before = " · ".join(f"{name} {n}" for name, (n, _) in found.items() if name != "allow") or "nothing"
    return f"{file}: {after} (before words:/allow: {before})"


@app.command(cls=ChoosesEdition, short_help="Write the findings format's JSON Schema, for editors.",
             epilog=exits("0 written", "1 the edition's own file has errors", "2 usage error (an unknown edition, an --out that cannot be written)"))
def schema(
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Write here instead of standard output.")] = None,
    edition: Annotated[Optional[str], edition_option()] = None,
    editions: EditionFolders = None,
) -> None:
    """Write the JSON Schema of the findings format, for editors that check a findings file as you type;
    with --edition, the schema names that edition's ratings and its standard, key question and prompt ids."""
    from .authoring.schema import findings_schema, schema_text

    house = read_house(editions)
    text = schema_text(findings_schema(chosen_edition(edition, house) if edition else None))
    if out is None:
        sys.stdout.write(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as error:
        found = "a folder" if out.is_dir() else f"a path that cannot be written ({error.strerror or error})"
        typer.echo(f"{out}: error: --out: found {found}, expected a file to write the schema to", err=True)
        raise typer.Exit(2) from None


@app.command(cls=Command, short_help="Build the report: Markdown, web page, PDF, Word and data.",
             epilog=exits("0 every report built", "1 a file has errors or could not be built (with --final, warnings too)",
                          USAGE, "130 interrupted (Ctrl-C): nothing half-written is left"))
def build(
    files: Files,
    format: Annotated[Optional[str], typer.Option("--format", "-f", metavar="FORMATS", show_default=False, help=(
        "Comma-separated, some of md,html,pdf,docx,data,html-fragment (default: all of them; a draft: all but html-fragment). "
        "Only these are replaced: files of the other formats already in the folder are kept."))] = None,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for <service>/ folders.")] = Path("output"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes for several files (at most the CPU count, which is the default).")] = os.cpu_count() or 1,
    final: Final = False,
    quiet: Quiet = False,
    verbose: Verbose = False,
    draft: Annotated[bool, typer.Option("--draft", help="A reviewer's copy in a folder of its own, <service>-draft/: marked DRAFT, with "
                                        "line numbers, comments (check warnings, discretion, notes) and field marks for absorb.")] = False,
    editions: EditionFolders = None,
    templates: TemplateFolders = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild every report, even those whose inputs and outputs are unchanged since their last build.")] = False,
    shard: Annotated[Optional[str], typer.Option("--shard", metavar="K/N", show_default=False,
                                                 help="Build only the K-th of N fixed, balanced shares of the files (one job of a CI matrix).")] = None,
    base_url: Annotated[Optional[str], typer.Option("--base-url", metavar="URL", show_default=False, help=(
        "Where the report's publish/ folder goes online, e.g. https://www.example.gov.uk/reports/merton/: the web page's "
        "links become absolute, and it gets a canonical link and its address in Open Graph and JSON-LD."))] = None,
) -> None:
    """Build the report from each findings FILE into DIR/<service>/: what goes online in its publish/ (<service>.html, .pdf,
    .fragment.html and data/), the working files <service>.md and .docx beside it.

    A report whose inputs (findings, edition, templates, brand, the tool) and outputs are unchanged since its last
    build is not rebuilt (DIR/.reportgen-built/ records them)."""
    from .batches.build import build_all
    from .build import DEFAULT_FORMATS, DRAFT_FORMATS, FORMATS
    from .progress import Stages, reporter

    formats = [f.strip() for f in format.split(",") if f.strip()] if format is not None else list(DRAFT_FORMATS if draft else DEFAULT_FORMATS)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"found {', '.join(unknown) or 'nothing'}, expected some of {', '.join(FORMATS)}", param_hint="--format")
    if draft and final:
        raise typer.BadParameter("found both, expected one: a draft is for review, a final build for publication", param_hint="--draft/--final")
    base = None
    if base_url is not None:
        from .render.publication import base_url as as_base

        base = as_base(base_url)
        if base is None:
            raise typer.BadParameter(f"found {printable(base_url, 80)!r}, expected the web address of the folder the report "
                                     "goes in online (https://, a host, no query), e.g. https://www.example.gov.uk/reports/merton/",
                                     param_hint="--base-url")
        if draft:
            raise typer.BadParameter("found it with --draft, expected it only for a report to publish: a draft is not put online",
                                     param_hint="--base-url")
    paths = findings_files(files)
    if shard is not None:
        from .batches.shard import parse, share

        k_n = parse(shard)
        if k_n is None:
            raise typer.BadParameter(f"found {shard!r}, expected K/N with 1 <= K <= N, e.g. 2/3", param_hint="--shard")
        chosen = share(paths, *k_n)
        if not quiet:
            typer.echo(f"shard {shard}: {len(chosen)} of {len(paths)} files", err=True)
        if not chosen:
            raise typer.Exit(0)
        paths = chosen
    house = read_house(editions, templates)
    stage = Stages(lambda line: typer.echo(line, err=True)) if verbose and not quiet else None
    with reporter(len(paths), quiet=quiet) as report:
        failures = build_all(paths, out, house, formats, jobs=jobs, report=report, final=final, stage=stage, draft=draft, force=force,
                             base_url=base)
    raise typer.Exit(1 if failures else 0)



@app.command(cls=Command, short_help="Every inspection at once: ratings, spread and figures.",
             epilog=exits("0 built", "1 a findings file has errors or the programme could not be built", USAGE))
def programme(
    folders: Annotated[list[Path], typer.Argument(exists=True, metavar="FOLDER...", help="Folders of findings files, or files.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for the programme/ folder.")] = Path("output"),
    since: Annotated[Optional[str], typer.Option("--from", metavar="YYYY-MM", help="First month of publication to include.", show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--to", metavar="YYYY-MM", help="Last month of publication to include.", show_default=False)] = None,
    format: Annotated[str, typer.Option("--format", "-f", metavar="FORMATS", help="Comma-separated: html,pdf,data,sqlite (the default).")] = "html,pdf,data,sqlite",
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes reading findings (at most the CPU count, the default).")] = os.cpu_count() or 1,
    editions: EditionFolders = None,
    templates: TemplateFolders = None,
) -> None:
    """Every inspection at once: DIR/programme/programme.{html,pdf,sqlite} and DIR/programme/data/ — the ratings table
    (one row per inspection, grouped by edition), the spread of ratings, key-question figures across services and
    re-inspections side by side."""
    import re

    from .programme.page import FORMATS as PROGRAMME_FORMATS
    from .programme.run import build_programme

    for value, hint in ((since, "--from"), (until, "--to")):
        if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
            raise typer.BadParameter(f"found {value!r}, expected a month as YYYY-MM, e.g. 2021-04", param_hint=hint)
    if since and until and since > until:
        raise typer.BadParameter(f"found --from {since} after --to {until}, expected a period that runs forwards", param_hint="--from/--to")
    formats = tuple(f.strip() for f in format.split(",") if f.strip())
    unknown = [f for f in formats if f not in PROGRAMME_FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"found {', '.join(unknown) or 'nothing'}, expected some of {', '.join(PROGRAMME_FORMATS)}", param_hint="--format")
    paths = findings_files(folders)
    house = read_house(editions, templates)
    try:
        written, count = build_programme(paths, out, house, since=since, until=until, jobs=jobs, formats=formats)
    except ReportError as error:
        say_problems(error)
        raise typer.Exit(1) from None
    typer.echo(f"programme of {how_many(count, 'inspection')} → {out / 'programme'}/ ({', '.join(formats)})", err=True)


@app.command(cls=Command, short_help="Check a published pack against its manifest.",
             epilog=exits("0 every file matches manifest.json", "1 a file is missing, changed or added", USAGE))
def verify(
    folder: Annotated[Path, typer.Argument(metavar="DIR", exists=True, file_okay=False, help="A report's folder from `build --final`, e.g. output/merton.")],
) -> None:
    """Check a built pack against its manifest.json: every file present, same size, same SHA-256, nothing added."""
    from .publishing.manifest import verify as verify_pack

    checked, problems = verify_pack(folder)
    for problem in problems:
        typer.echo(str(problem), err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{folder}: all {checked} files match manifest.json")


@app.command(cls=Command, short_help="Word report of NEW with its changes from OLD tracked.",
             epilog=exits("0 compared", "1 either findings file has errors", USAGE))
def compare(
    old: FindingsFile,
    new: FindingsFile,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for output/<service>/ folders.")] = Path("output"),
    author: Annotated[Optional[str], typer.Option(help="Author of the tracked changes (default: you, the reviewer: your name from the environment).")] = None,
    date: Annotated[Optional[datetime], typer.Option(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"], help="Date of the tracked changes (default: today; SOURCE_DATE_EPOCH where set).")] = None,
    editions: EditionFolders = None,
    templates: TemplateFolders = None,
) -> None:
    """NEW's Word report with every difference from OLD as a tracked change, ratings changes first,
    and an HTML view of the changes: output/<service>-compare/<service>-compare.{docx,html}, a folder of its own."""
    from .review.compare import compare as compare_reports, same_report
    from .review.drafting import findings_origin
    from .errors import printable
    from .write import write_report
    from .validate import check_file

    house = read_house(editions, templates)
    if author is not None and (not author.strip() or len(author) > 255 or not author.isprintable()):
        raise typer.BadParameter(f"found {printable(author, 60)!r}, expected a name of printable characters "
                                 "(at most 255), e.g. 'A. Editor'", param_hint="--author")
    try:
        before, after = check_file(old, house, display=str(old)), check_file(new, house, display=str(new))
        same_report(before, after, str(new))
        result = compare_reports(before, after, old.name, house, author=author, date=date.replace(tzinfo=timezone.utc) if date else None,
                                 origin=findings_origin(new, after))
    except ReportError as error:  # also a malformed SOURCE_DATE_EPOCH, the default date
        say_problems(error)
        raise typer.Exit(1) from None
    try:
        written = write_report({"docx": result.docx, "html": result.html.encode("utf-8")}, out, f"{new.stem}-compare", str(new))
    except ReportError as error:
        say_problems(error)
        raise typer.Exit(1) from None
    for line in result.summary:
        typer.echo(line)
    if result.wrong:
        typer.echo(f"Sentences the change made wrong ({len(result.wrong)}):")
        for line in result.wrong:
            typer.echo(f"  {line}")
    typer.echo(f"{how_many(result.revisions, 'tracked change')} → {', '.join(str(p) for p in written)}")


@app.command(cls=Command, short_help="Take an editor's edits in a Word draft back into the findings.",
             epilog=exits("0 absorbed, every edit (or nothing to absorb; with --partial, every edit that could be)",
                          "1 the draft or FILE cannot be used, or an edit could not be absorbed (nothing written without --partial)", USAGE))
def absorb(
    edited: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, metavar="EDITED.docx", help="A draft (build --draft) or a compare (compare) edited in Word or LibreOffice.", show_default=False)],
    findings: FindingsFile,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the change to FILE as a unified diff; write nothing.")] = False,
    merge: Annotated[bool, typer.Option("--merge", help="FILE changed since the draft: take in only edits to fields unchanged in it; report the rest as conflicts.")] = False,
    partial: Annotated[bool, typer.Option("--partial", help="Write the edits that can be absorbed even when some cannot (each is listed); exit 0.")] = False,
    editions: EditionFolders = None,
    templates: TemplateFolders = None,
) -> None:
    """Take an editor's edits and comments in a Word draft back into FILE, in place: edited narrative
    paragraphs, list items and footnotes become the new values, paragraphs and list items added or
    deleted in Word are added to or taken from their field or list, comments become notes on the item
    they are on. An edit that cannot be absorbed (to generated text, a conflict) is listed and counted;
    then nothing is written and the exit is 1, unless --partial."""
    from .review.absorb import absorb as absorb_draft
    from .guards.archive import MAX_PACKAGE
    from .guards.files import read_regular
    from .review.rewrite import unified_diff

    house = read_house(editions, templates)
    try:
        data = read_regular(edited, str(edited), limit=MAX_PACKAGE, what="Word .docx")
        result = absorb_draft(data, str(edited), findings, house, merge=merge, display=str(findings))
    except ReportError as error:
        say_problems(error)
        raise typer.Exit(1) from None
    for line in result.reports:
        typer.echo(f"{edited}: {line}", err=True)
    refused = bool(result.lost) and not partial  # all or nothing, unless asked: a half-absorbed draft is easily lost track of
    summary = _absorbed_summary(result)
    if result.lost:
        summary += f"; {how_many(len(result.lost), 'edit')} not absorbed (listed above)"
    if dry_run:
        sys.stdout.write(unified_diff(result.before, result.text, str(findings)))
        typer.echo(f"{findings}: would have {summary}" + ("; nothing would be written without --partial" if refused else ""), err=True)
        raise typer.Exit(1 if refused else 0)
    if refused:
        typer.echo(f"{findings}: nothing written: {summary}. Take those by hand, or pass --partial to write the rest.", err=True)
        raise typer.Exit(1)
    if result.text != result.before:
        try:
            replace_file(findings, result.text, result.raw)
        except ReportError as error:
            say_problems(error)
            raise typer.Exit(1) from None
    typer.echo(f"{findings}: {summary} from {edited}")


def _absorbed_summary(result) -> str:
    """'absorbed 3 fields, 1 paragraph added, 1 list item deleted and 2 notes'."""
    parts = [how_many(len(result.changed), "field")]
    if result.added:
        parts.append(f"{how_many(result.added, 'paragraph')} added")
    if result.deleted:
        parts.append(f"{how_many(result.deleted, 'list item')} deleted")
    parts.append(how_many(result.notes, "note"))
    return "absorbed " + ", ".join(parts[:-1]) + " and " + parts[-1]


@app.command(cls=ChoosesEdition, short_help="Start a report: a findings file shaped like the edition's.",
             epilog=exits("0 started", "1 the edition's own file has errors", "2 usage error (an unknown edition, FILE already there without --force)"))
def new(
    service: Annotated[str, typer.Argument(metavar="SERVICE", help="The service's full name, e.g. 'Merton Youth Justice Service'.")],
    edition: Annotated[str, edition_option()],
    out: Annotated[Optional[Path], typer.Option("--out", "-o", metavar="FILE", help="Where to write (default: findings/<area>.yml).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    editions: EditionFolders = None,
    templates: TemplateFolders = None,
) -> None:
    """Start a report: a findings FILE for EDITION with every standard, table and TODO in place.

    The edition's JSON Schema is written beside it, so an editor completes ids and ratings.
    """
    from .authoring.scaffold import scaffold, scaffold_path, schema_name
    from .authoring.schema import findings_schema, schema_text

    house = read_house(editions, templates)
    loaded = chosen_edition(edition, house)
    path = out or scaffold_path(service)
    if path.exists() and not force:
        raise typer.BadParameter(f"{path} exists (use --force to replace it)", param_hint="--out")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(service, loaded, house), encoding="utf-8")
    (path.parent / schema_name(loaded)).write_text(schema_text(findings_schema(loaded)), encoding="utf-8")
    typer.echo(f"{path}: started; fill in each TODO, then run: reportgen check --final {path}", err=True)


@app.command(cls=Command, short_help="Preview the report in a browser, reloaded on every save.",
             epilog=exits("0 stopped with Ctrl-C", USAGE))
def watch(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, metavar="FILE", help="The findings file being written.")],
    port: Annotated[int, typer.Option("--port", "-p", metavar="N", min=0, max=65535,
                                      help="Port on 127.0.0.1; if it is busy, the next free one (0: any free port).")] = 8000,
    all_formats: Annotated[bool, typer.Option("--all", help="Also write every format (md, html, pdf, docx, data) to --out after each "
                                              "good save; the preview's links to them then open them.")] = False,
    out: Annotated[Path, typer.Option("--out", "-o", metavar="DIR", help="Folder for --all builds.")] = Path("output"),
    editions: EditionFolders = None,
    templates: TemplateFolders = None,
) -> None:
    """Preview FILE at http://127.0.0.1:N/, rebuilt and reloaded on every save where you were reading: a panel lists
    what is unfinished, and the problems of a save that cannot be built show over the last good page. Ctrl-C stops."""
    from .house import Folders
    from .authoring.watch import serve

    folders = Folders.given(editions or [], templates or [])
    try:
        serve(file, folders, port=port, out=out if all_formats else None, say=lambda line: typer.echo(line, err=True))
    except OSError as error:  # every port tried is taken, or the port is not ours to use
        from .authoring.watch import PORTS_TRIED

        last = min(port + PORTS_TRIED, 65536) - 1 if error.errno == errno.EADDRINUSE else port
        tried = (f"port {port}" if last == port else f"ports {port} to {last}") if port else "any port"
        raise typer.BadParameter(f"cannot serve on 127.0.0.1 at {tried} ({error.strerror or error})", param_hint="--port") from None


def _terminated(signum, frame) -> None:
    raise KeyboardInterrupt  # SIGTERM (a service manager, `kill`) stops a build exactly as Ctrl-C does


INTERRUPTED = 130  # 128 + SIGINT, as a shell reports Ctrl-C (typer's exit code for KeyboardInterrupt)


def _exit_at_once(code: int) -> None:
    """An interrupted build has already removed its temporary files and killed its workers.
    Leaving now skips the interpreter's finalizers, which would print 'Exception ignored'
    tracebacks about what the interrupt cut short (a half-written Word package, the pool's pipe)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def main() -> None:
    """The console script: SIGTERM handled like Ctrl-C; an unforeseen fault is one line, never a traceback."""
    import signal

    signal.signal(signal.SIGTERM, _terminated)
    try:
        app()
    except SystemExit as done:
        if done.code == INTERRUPTED:
            _exit_at_once(INTERRUPTED)
        raise
    except Exception as error:  # a bug in reportgen, not in the findings: still one line, exit 1
        typer.echo(f"reportgen: error: internal fault {type(error).__name__}: {' '.join(str(error).split())[:300]} "
                   "(please report this with the findings file)", err=True)
        sys.exit(1)


if __name__ == "__main__":  # `python -m reportgen.cli`: run the package's module, so this file is imported once
    from reportgen.cli import main as package_main

    package_main()
else:
    from .cases.command import cases_app  # the sub-commands use this module's options and helpers
    from .edition.command import edition_app

    app.add_typer(cases_app, name="cases")
    app.add_typer(edition_app, name="edition")

