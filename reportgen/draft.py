"""`build --draft`: what a reviewer's copy adds to the report, as comments placed in the token stream.

Each comment is a `comment` token put straight after the block it concerns (a heading,
the rating line, a paragraph of a findings field), so every writer places it in the same
spot: Word as a real comment anchored on that block, HTML (and so PDF) as a note beside it.
Comments carry every `check` warning, for each case-sample standard why professional
discretion was or was not open (and the panel's rationale where it was used), and the
inspectors' `notes:`. A normal build never calls this module (drafting.py does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.token import Token
from pydantic import BaseModel

from .checks.where import Places, block_at, parse_path
from .fields import Path
from .load import Located
from .model import Note
from .rate import StandardResult
from .view import ReportView

REPORTGEN = "reportgen"  # author of the comments the tool writes (absorb ignores them)
LABELS = {"summary": "Draft summary", "warning": "Check warning", "discretion": "Professional discretion", "note": "Note"}  # before each comment in HTML
_STANDARD_PATH = re.compile(r"^domains\[(\d+)\]\.standards\[(\d+)\]")


@dataclass(frozen=True)
class DraftComment:
    text: str
    author: str
    kind: str  # "summary", "warning", "discretion" or "note"


def discretion_reasoning(result: StandardResult) -> str:
    """Why the ratings panel could, or could not, move this standard's rating, in a sentence or two."""
    if result.lowest is None:
        return f"{result.id}: no key question has relevant cases, so discretion does not arise."
    if result.mark:
        return (f"{result.id}: the ratings panel used professional discretion, moving the rating from "
                f"{result.computed} to {result.final}. Rationale: {result.rationale}")
    held = [o.reason for o in result.openings if o.directions]
    not_held = [o.reason for o in result.openings if not o.directions]
    if held:
        directions = " or ".join(sorted(result.discretion_open))
        rest = f" (not: {'; '.join(not_held)})" if not_held else ""
        return (f"{result.id}: discretion was open for a move {directions} from {result.computed}, on key question "
                f"{result.lowest}: {'; '.join(held)}{rest}. The ratings panel did not use it.")
    return f"{result.id}: discretion was not open on key question {result.lowest}: {'; '.join(not_held)}."


def add_draft_comments(tokens: list[Token], view: ReportView, warnings: tuple, source: Located | None = None) -> int:
    """Insert the draft's comments into `tokens`; return how many. With the findings' `source`, a
    warning about a narrative field sits on the paragraph of that field its line falls in."""
    anchors = _anchors(tokens)
    title = next(iter(anchors["heading"].values()), 0)
    places = Places(source) if source is not None else None
    placed: list[tuple[int, DraftComment]] = []
    for warning in warnings:
        if str(warning.field).endswith("notes"):
            continue  # a note is its own comment (below), not also a warning about it
        where = _standard_of(view, str(warning.field))
        at = _field_anchor(warning, anchors, places) if places else None
        line = f", line {warning.line}" if warning.line else ""
        named = warning.place or warning.field  # the comment reads as check prints it; anchoring uses the path
        field = f"{named}: " if named else ""
        text = f"check warning ({warning.file}{line}): {field}found {warning.found}, expected {warning.expected}"
        placed.append((at if at is not None else anchors["standard"].get(where, title), DraftComment(text, REPORTGEN, "warning")))
    placed.append((title, DraftComment(draft_summary(view, warnings), REPORTGEN, "summary")))
    for domain in view.domains:
        for standard in domain.standards:
            if standard.standard.method != "cases":
                continue
            at = anchors["rating"].get(standard.id, anchors["standard"].get(standard.id, title))
            placed.append((at, DraftComment(discretion_reasoning(standard.result), REPORTGEN, "discretion")))
    for path, note in _notes(view):
        at = _note_anchor(path, note, anchors, view, title)
        placed.append((at, DraftComment(note.text, note.author or view.inspection.lead_inspector, "note")))
    for at, comment in sorted(placed, key=lambda p: p[0], reverse=True):  # from the end, so indices hold
        token = Token("comment", "", 0)
        token.meta = {"text": comment.text, "author": comment.author, "kind": comment.kind, "label": LABELS[comment.kind]}
        tokens.insert(at + 1, token)
    return len(placed)


def draft_summary(view: ReportView, warnings: tuple) -> str:
    """The first page's comment: how many warnings each text check gave, and each chapter's reading age."""
    from .checks import check_names, reading_summary
    from .markup import checker

    counts = " · ".join(f"{name} {sum(w.check == name for w in warnings)}" for name in check_names())
    return f"Text checks on this draft: {counts}; other warnings {sum(not w.check for w in warnings)}. " + \
        f"{reading_summary(view.findings, view.edition, checker())}."


def _anchors(tokens: list[Token]) -> dict[str, dict]:
    """Index of the closing token of each heading (by id), each standard's heading and its rating
    line (by the standard's id, which the templates mark on its heading) and findings field block
    (by path)."""
    heading: dict[str, int] = {}
    standard: dict[str, int] = {}
    rating: dict[str, int] = {}
    field: dict[Path, int] = {}
    block: dict[tuple[Path, int], int] = {}
    current: tuple[str, int] | None = None  # the standard whose section this is, and its heading's level
    opened: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type in ("heading_open", "paragraph_open"):
            opened.append(token)
        elif token.type in ("heading_close", "paragraph_close") and opened:
            start = opened.pop()
            if start.type == "heading_open":
                level = int(start.tag[1])
                if current is not None and level <= current[1]:
                    current = None
                if start.attrGet("id"):
                    heading.setdefault(str(start.attrGet("id")), index)
                if start.meta.get("standard"):
                    current = (str(start.meta["standard"]), level)
                    standard.setdefault(current[0], index)
            elif start.meta.get("rating") and current is not None:
                rating.setdefault(current[0], index)
            if "field" in start.meta:
                path, number = start.meta["field"]
                field.setdefault(path, index) if number == 0 else None
                block.setdefault((path, number), index)
    return {"heading": heading, "standard": standard, "rating": rating, "field": field, "block": block}


def _field_anchor(warning, anchors: dict, places: Places) -> int | None:
    """The closing token of the paragraph of the warning's field that holds its line (the field's
    nearest paragraph before it, for a table cell or a list that is not one paragraph), or None."""
    path = parse_path(str(warning.field))
    if not path or warning.line is None:
        return None
    numbers = sorted(n for p, n in anchors["block"] if p == path)
    if not numbers:
        return None
    offset = places.offset(path, warning.line, warning.column)
    value = places.value(path)
    if offset is None or value is None:
        return anchors["block"][(path, numbers[0])]
    number = block_at(value, offset)
    held = [n for n in numbers if n <= number]
    return anchors["block"][(path, held[-1] if held else numbers[0])]


def _standard_of(view: ReportView, field: str) -> str | None:
    """The id of the standard a findings path lies under ('domains[1].standards[0]…' → '2.1')."""
    match = _STANDARD_PATH.match(field)
    if not match:
        return None
    domain, standard = int(match.group(1)), int(match.group(2))
    try:
        found = view.findings.domains[domain].standards[standard]
    except IndexError:
        return None
    return found.id


def _notes(view: ReportView):
    """(path of the item, note) for every note in the findings, in file order."""
    def walk(value, path):
        notes = getattr(value, "notes", None)
        if notes:
            for note in notes:
                yield path, note if isinstance(note, Note) else Note(text=note)
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                if name != "notes":
                    yield from walk(getattr(value, name), (*path, name))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, (*path, key))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                yield from walk(item, (*path, index))
    yield from walk(view.findings, ())


def _note_anchor(path: Path, note: Note, anchors: dict, view: ReportView, title: int) -> int:
    """The block a note concerns: its field if named, else the standard's heading, else the item's first field."""
    fields = anchors["field"]
    if note.field and (*path, note.field) in fields:
        return fields[(*path, note.field)]
    if len(path) == 4 and path[0] == "domains" and path[2] == "standards":
        standard = _standard_of(view, f"domains[{path[1]}].standards[{path[3]}]")
        if standard in anchors["standard"]:
            return anchors["standard"][standard]
    under = [index for field_path, index in fields.items() if field_path[:len(path)] == path]
    return min(under) if under else title
