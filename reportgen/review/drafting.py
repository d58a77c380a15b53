"""`build --draft`: the reviewer's copy, made by the review side from the pipeline's stages.

The pipeline composes and parses the report as for any build; this adds what a reviewer needs:
the narrative fields marked while composing (fields.py), a bookmark named on each of their
paragraphs (draftmarks.py), the draft's comments (draft.py), and the finishing steps that stamp
the bookmarks and name the findings file in the Word document. The pipeline never imports this.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..build import DEFAULT_FORMATS, FORMATS, Stages, build_file, findings_bytes, render_stages, source_date_epoch, stages_from
from .draftmarks import Origin, finishing, name_bookmarks, values_digest
from ..errors import Problem
from ..validate import Checked
from ..view import build_view

if TYPE_CHECKING:
    from ..house import House


def findings_origin(path: Path, checked: Checked, raw: bytes | None = None) -> Origin:
    """The findings file as a draft names it: file name, digests of its bytes (`raw`, if already read) and of
    its values, the service and edition."""
    digest = hashlib.sha256(findings_bytes(path, str(path)) if raw is None else raw).hexdigest()[:16]
    return Origin(path.name, digest, checked.findings.service.name, checked.edition.id, values_digest(checked.source.data))


def prepare_draft(checked: Checked, house: House, stem: str | None = None, origin: Origin | None = None, *,
                  comments: bool = True) -> Stages:
    """The stages of the draft: fields marked and bookmarked, comments placed (unless not wanted: compare's
    new version, which absorb reads as it reads a draft), Word finished for absorb."""
    from .draft import add_draft_comments
    from .fields import compose_with_fields, tag_blocks

    view = replace(build_view(checked, house, source_date_epoch()), draft=True)
    source, spans = compose_with_fields(view, house)
    stages = stages_from(checked, house, view, source, stem, finishing=finishing(origin))
    tag_blocks(stages.parsed.tokens, source, spans)
    name_bookmarks(stages.parsed.tokens)
    if comments:
        add_draft_comments(stages.parsed.tokens, view, checked.warnings, house.review, checked.source)
    return stages


def render_draft(checked: Checked, house: House, formats: Iterable[str] = FORMATS, origin: Origin | None = None,
                 pdf_worker: Executor | None = None, stage: Callable[[str], None] | None = None) -> dict[str, bytes | dict[str, bytes]]:
    """Every requested format of the draft, in memory."""
    return render_stages(prepare_draft(checked, house, origin=origin), formats, pdf_worker, stage)


def draft_name(stem: str) -> str:
    """'merton' → 'merton-draft': the draft's folder and the stem of its files. A folder of its own, beside
    the report's: a draft built where a final pack is never mixes with the pack nor touches its manifest."""
    return f"{stem}-draft"


def build_draft_file(path: Path, out: Path, house: House, formats: Iterable[str] = DEFAULT_FORMATS, *, display: str | None = None,
                     overlap: bool = False, warn: Callable[[Problem], None] | None = None,
                     stage: Callable[[str], None] | None = None) -> list[Path]:
    """Check, render and write one findings file's draft to out/<stem>-draft/<stem>-draft.<format> (and data/)."""
    return build_file(path, out, house, formats, display=display, overlap=overlap, warn=warn, stage=stage, name=draft_name(path.stem),
                      prepare_with=lambda checked, raw: prepare_draft(checked, house, path.stem, findings_origin(path, checked, raw)))
