"""The pipeline, stage by stage: load → validate → rate → view → compose → parse → render → write.

Every format is rendered in memory first; only when all have succeeded are the files moved
into place, each by an atomic rename, so a failed build leaves yesterday's outputs untouched.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from .compose import compose
from .errors import Problem, ReportError
from .house import House
from .load import decode, parse_text
from .parse import Parsed, parse
from .validate import Checked, check
from .view import ReportView, build_view
from .workers import worker_pool
from .guards.names import check_names
from .write import write_report

FORMATS = ("md", "html", "pdf", "docx", "data", "html-fragment")
DEFAULT_FORMATS = FORMATS  # the whole pack, the fragment for a content management system included
DRAFT_FORMATS = ("md", "html", "pdf", "docx", "data")  # a reviewer's copy: no fragment, which only a website takes


@dataclass
class Stages:
    """What the pipeline has made so far; each format's writer reads only what it needs."""

    view: ReportView
    source: str
    parsed: Parsed
    house: House  # every resource the writers use (reportgen/house/)
    html: str | None = None  # the plain document the PDF is laid out from
    file: str = "report"  # the findings file, named by a failure of a writer
    stem: str = "report"  # names the output files (merton.pdf)
    page: object = None  # render.publication.Page, made on first use
    finishing: tuple = ()  # steps that finish the Word document (a draft's, from the review side)
    base_url: str | None = None  # where the pack goes online (build --base-url): the web page's links absolute
    made: dict = field(default_factory=dict)  # the formats rendered so far: the web page states its PDF's size and pages


def _html(stages: Stages) -> str:
    if stages.html is None:
        from .render.html import render_html

        stages.html = render_html(stages.parsed, stages.view, stages.house)
    return stages.html


def _page(stages: Stages):
    """Links to the PDF and the data, and the publisher's wording, for the web page and fragment."""
    if stages.page is None:
        from .render.data import data_tables
        from .render.publication import publication_page

        tables = data_tables(stages.parsed.tokens, stages.view, stages.house.brand.labels, stages.stem)
        stages.page = publication_page(stages.view, stages.house.brand, tables, stages.stem, stages.base_url)
    return stages.page


def _web(stages: Stages) -> bytes:
    from .render.html import render_html
    from .render.publication import with_files

    page = with_files(_page(stages), stages.made.get("pdf"), stages.made.get("data"))  # as made in this build, else unsaid
    return render_html(stages.parsed, stages.view, stages.house, page).encode("utf-8")


def _fragment(stages: Stages) -> bytes:
    from .render.html import render_fragment

    return render_fragment(stages.parsed, stages.view, stages.house, _page(stages)).encode("utf-8")


def _data(stages: Stages) -> dict[str, bytes]:
    from .render.downloads import render_data

    return render_data(stages.parsed.tokens, stages.view, stages.house.brand, stages.stem)


def _md(stages: Stages) -> bytes:
    from .render.markdown import render_markdown

    return render_markdown(stages.source, stages.parsed, stages.file).encode("utf-8")


def _pdf(stages: Stages) -> bytes:
    from .render.pdf import render_pdf

    return render_pdf(_html(stages), stages.house.printing)


def _docx(stages: Stages) -> bytes:
    from .render.docx import render_docx

    return render_docx(stages.parsed, stages.view, stages.house, stages.finishing)


WRITERS: dict[str, Callable[[Stages], bytes | dict[str, bytes]]] = {
    "md": _md,
    "html": _web,
    "pdf": _pdf,
    "docx": _docx,
    "data": _data,  # several files: data/<name> for each
    "html-fragment": _fragment,
}


LATEST_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC, the last second a document date can hold


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH (reproducible-builds.org) from the environment: whole seconds since 1970.

    Malformed (milliseconds, junk) is an error, as the specification asks, not a silent fallback."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > LATEST_EPOCH:
        raise ReportError([Problem("SOURCE_DATE_EPOCH", None, None, "", repr(value[:40]),
                                   f"whole seconds since 1970-01-01 UTC, from 0 to {LATEST_EPOCH} (milliseconds are too many)")])
    return int(value)


def prepare(checked: Checked, house: House, stem: str | None = None) -> Stages:
    """`stem` names the output files (merton.pdf); by default the findings file's name."""
    view = build_view(checked, house, source_date_epoch())
    return stages_from(checked, house, view, compose(view, house), stem)


def stages_from(checked: Checked, house: House, view: ReportView, source: str, stem: str | None = None,
                **more: object) -> Stages:
    """The stages once the composed `source` is parsed (the review side composes its own for drafts)."""
    file = checked.source.file
    parsed = parse(source, file, callouts=dict(checked.edition.callouts))
    return Stages(view, source, parsed, house, file=file, stem=stem or Path(file).stem, **more)


def render(
    checked: Checked, house: House, formats: Iterable[str] = FORMATS, pdf_worker: Executor | None = None,
    stage: Callable[[str], None] | None = None, stem: str | None = None,
) -> dict[str, bytes | dict[str, bytes]]:
    """Every requested format of the report as bytes (a folder format: a dict of files), in memory."""
    return render_stages(prepare(checked, house, stem), formats, pdf_worker, stage)


def render_stages(
    stages: Stages, formats: Iterable[str] = FORMATS, pdf_worker: Executor | None = None,
    stage: Callable[[str], None] | None = None,
) -> dict[str, bytes | dict[str, bytes]]:
    """Every requested format from `stages`; `stage(name)` is told as each is done.

    With `pdf_worker`, the PDF is laid out in that process while this one writes the other
    formats: WeasyPrint's layout is the longest stage, so the rest costs no extra time.
    """
    done = stage or (lambda _: None)
    done("composed and parsed")
    formats = list(formats)
    pdf = None
    if pdf_worker is not None and "pdf" in formats:
        from .render.pdf import render_pdf

        pdf = pdf_worker.submit(render_pdf, _html(stages), stages.house.printing)
    outputs = stages.made
    for fmt in formats:
        if fmt != "html" and (fmt != "pdf" or pdf is None):
            outputs[fmt] = WRITERS[fmt](stages)
            done(fmt)
    if pdf is not None:
        outputs["pdf"] = pdf.result()
        done("pdf")
    if "html" in formats:  # last: the page says the size and pages of the PDF and workbook made with it
        outputs["html"] = WRITERS["html"](stages)
        done("html")
    return {fmt: outputs[fmt] for fmt in formats}


@contextmanager
def pdf_worker() -> Iterator[Executor]:
    """A process that imports WeasyPrint at once and lays out one PDF at a time."""
    from .render.pdf import warm_up

    with worker_pool(1) as pool:
        pool.submit(warm_up)  # a pool forks lazily: this starts the worker, and its import, now
        yield pool


def build_file(
    path: Path, out: Path, house: House, formats: Iterable[str] = DEFAULT_FORMATS, *, display: str | None = None,
    overlap: bool = False, final: bool = False, warn: Callable[[Problem], None] | None = None,
    stage: Callable[[str], None] | None = None, prepare_with: Callable[[Checked, bytes], Stages] | None = None,
    name: str | None = None, sealer: Callable[..., Callable[[Path, Path, dict[str, bytes]], bytes]] | None = None,
    base_url: str | None = None,
) -> list[Path]:
    """Check, render and write one findings file to out/<stem>/: <stem>.md and .docx, and what goes online in
    publish/ (<stem>.html, .pdf, .fragment.html, data/).

    `overlap` lays out the PDF in a second process (worth it for one file on a free core;
    a batch uses its cores for whole files instead). `final` refuses a draft (readiness.py);
    otherwise its warnings go to `warn`, exactly as `check` prints them. `prepare_with` makes
    the stages instead of `prepare`, and `name` names the folder and files instead of the stem (the
    review side's `build --draft`: out/<stem>-draft/<stem>-draft.<format>, apart from the pack; it is
    given the findings' bytes too). `sealer` makes a final build's manifest (the publishing side's,
    publishing/manifest.sealer, which the pipeline never imports). The findings file is read once: the
    check, a draft's origin and a final build's manifest all use those bytes.
    `base_url` is where the pack goes online (render.publication.base_url's form): the web page's and the
    fragment's links absolute under it.
    """
    formats = list(formats)
    check_names(path.stem, out, display or str(path))
    raw = findings_bytes(path, display)
    from .recovery import read_past

    shown = display or str(path)
    checked = check(read_past(decode(raw, shown), shown, parse_text), house, final=final)  # as recovery.load_yaml reads
    for warning in checked.warnings:
        (warn or (lambda _: None))(warning)
    if stage:
        stage("checked")
    overlap = overlap and "pdf" in formats and len(formats) > 1
    stages = prepare_with(checked, raw) if prepare_with else prepare(checked, house, path.stem)
    stages.base_url = base_url
    with pdf_worker() if overlap else nullcontext() as worker:
        outputs = render_stages(stages, formats, worker, stage)
    seal = None
    if final and sealer:  # the pack's manifest: what made it and every file's SHA-256 and size (those kept from before too)
        from .write import pack_names

        seal = sealer(pack_names(path.stem), display or str(path), edition=checked.edition.id, findings_name=path.name,
                      findings=raw, built=stages.view.modified)
    written = write_report(outputs, out, name or path.stem, display or str(path), publish=name is None, seal=seal)
    if stage:
        stage("written")
    return written


def findings_bytes(path: Path, display: str | None) -> bytes:
    """The findings file's bytes, read as check reads it (a regular file, within the size limit)."""
    from .guards.files import read_regular
    from .limits import MAX_BYTES

    return read_regular(path, display or str(path), limit=MAX_BYTES, what="findings file")
