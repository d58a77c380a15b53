"""The pipeline, stage by stage: load → validate → rate → view → compose → parse → render → write.

Every format is rendered in memory first; only when all have succeeded are the files moved
into place, each by an atomic rename, so a failed build leaves yesterday's outputs untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .compose import compose
from .parse import Parsed, parse
from .validate import Checked, check_file
from .view import ReportView, build_view

FORMATS = ("md", "html", "pdf", "docx")


@dataclass
class Stages:
    """What the pipeline has made so far; each format's writer reads only what it needs."""

    checked: Checked
    view: ReportView
    source: str
    parsed: Parsed
    html: str | None = None


def _html(stages: Stages) -> str:
    if stages.html is None:
        from .render.html import render_html

        stages.html = render_html(stages.parsed, stages.view)
    return stages.html


def _md(stages: Stages) -> bytes:
    from .render.markdown import render_markdown

    return render_markdown(stages.source).encode("utf-8")


def _pdf(stages: Stages) -> bytes:
    from .render.pdf import render_pdf

    return render_pdf(_html(stages), stages.view)


def _docx(stages: Stages) -> bytes:
    from .render.docx import render_docx

    return render_docx(stages.parsed, stages.view)


WRITERS: dict[str, Callable[[Stages], bytes]] = {
    "md": _md,
    "html": lambda stages: _html(stages).encode("utf-8"),
    "pdf": _pdf,
    "docx": _docx,
}


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH from the environment, if set to a whole number of seconds."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None


def prepare(checked: Checked) -> Stages:
    view = build_view(checked, source_date_epoch())
    source = compose(view)
    ratings = tuple(r.name for r in checked.edition.scale)
    return Stages(checked, view, source, parse(source, ratings))


def render(checked: Checked, formats: Iterable[str] = FORMATS) -> dict[str, bytes]:
    """Every requested format as bytes, in memory."""
    stages = prepare(checked)
    return {fmt: WRITERS[fmt](stages) for fmt in formats}


def write_atomically(outputs: dict[str, bytes], folder: Path, stem: str) -> list[Path]:
    """Write all files or none: temporary files first, then one rename each."""
    folder.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for fmt, data in outputs.items():
            handle, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".{fmt}.tmp", dir=folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            staged.append((fmt, Path(name)))
        targets = []
        for fmt, temporary in staged:
            target = folder / f"{stem}.{fmt}"
            os.replace(temporary, target)
            targets.append(target)
        return targets
    finally:
        for _, temporary in staged:
            temporary.unlink(missing_ok=True)


def build_file(path: Path, out: Path, formats: Iterable[str] = FORMATS, *, display: str | None = None) -> list[Path]:
    """Check, render and write one findings file to out/<stem>/<stem>.<format>."""
    checked = check_file(path, display=display or str(path))
    outputs = render(checked, formats)
    return write_atomically(outputs, out / path.stem, path.stem)
