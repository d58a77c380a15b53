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
from pathlib import PurePath
from typing import TYPE_CHECKING

from markdown_it.token import Token
from pydantic import BaseModel

from ..checks.where import Places, block_at, parse_path
from ..errors import Problem
from .fields import Path
from ..load import Located
from ..model import Edition, Note
from ..rate import Opening, StandardResult
from ..view import ReportView

if TYPE_CHECKING:
    from ..house.review import Review

REPORTGEN = "reportgen"  # author of the comments the tool writes (absorb ignores them)
_STANDARD_PATH = re.compile(r"^domains\[(\d+)\]\.standards\[(\d+)\]")
_FOOTNOTE_CALL = re.compile(r"\[\^([^\]]+)\] ?reference")


@dataclass(frozen=True)
class DraftComment:
    text: str
    author: str
    kind: str  # "summary", "warning", "discretion" or "note"


def discretion_reasoning(result: StandardResult, edition: Edition, review: Review) -> str:
    """Why the ratings panel could, or could not, move this standard's rating, as an inspector says it,
    and what the editor should check (in the house's words: review.yml, draft)."""
    words = review.words.draft
    name = f"{result.id} {result.name}"
    if result.lowest is None:
        return review.say(words.no_cases, standard=name)
    kq = next(k for k in result.key_questions if k.id == result.lowest)
    if result.mark:
        return review.say(words.moved, standard=name, computed=result.computed, final=result.final,
                          printed=f"{result.final}{result.mark}", rationale=_sentence((result.rationale or "").strip()))
    scale = [rating.name for rating in edition.scale]  # lowest first
    at = scale.index(result.computed) if result.computed in scale else -1
    moves = {"down": scale[at - 1] if at > 0 else None, "up": scale[at + 1] if 0 <= at < len(scale) - 1 else None}
    possible = {way for way in result.discretion_open if moves[way]}
    facts = dict(standard=name, computed=result.computed, key_question=kq.id, percent=kq.percent)
    if possible:
        reasons = [_opening(o, kq, edition, possible, moves, review) for o in result.openings if o.directions & possible]
        ways = [review.say(words.move, way=way, rating=moves[way]) for way in ("down", "up") if way in possible]
        return review.say(words.open, ways=ways, reasons=reasons, **facts)
    reasons = list(dict.fromkeys(_opening(o, kq, edition, set(), moves, review) for o in result.openings))
    return review.say(words.closed, reasons=reasons, **facts)


def _opening(opening: Opening, kq, edition: Edition, ways: set[str], moves: dict[str, str | None], review: Review) -> str:
    """One condition of the discretion rules, held or not, in words (no ± or "(not: …)")."""
    rules, words = edition.discretion, review.words.draft.reasons
    facts = dict(percent=kq.percent, margin=rules.margin, yes=kq.yes, relevant=kq.relevant, limit=rules.small_sample)
    if not opening.determinable:
        return review.say(words.not_determinable)
    if opening.condition == "boundary":
        near = [b.minimum for b in edition.case_bands if b.minimum > 0 and abs(kq.percent - b.minimum) <= rules.margin]
        return review.say(words.boundary if near else words.no_boundary, boundaries=near, **facts)
    if opening.condition == "one_case":
        held = opening.directions & ways
        if held == {"up", "down"}:
            return review.say(words.one_case_both, **facts)
        if held:
            (way,) = held
            return review.say(words.one_case, way=way, rating=moves[way], **facts)
        return review.say(words.no_one_case, **facts)
    return review.say(words.small_sample if opening.directions else words.no_small_sample, **facts)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


def add_draft_comments(tokens: list[Token], view: ReportView, warnings: tuple, review: Review,
                       source: Located | None = None) -> int:
    """Insert the draft's comments into `tokens`, in the house's words (`review`); return how many. With the
    findings' `source`, a warning about a narrative field sits on the paragraph of that field its line falls in."""
    anchors = _anchors(tokens)
    title = next(iter(anchors["heading"].values()), 0)
    places = Places(source) if source is not None else None
    placed: list[tuple[int, DraftComment]] = []
    for warning in warnings:
        if str(warning.field).endswith("notes"):
            continue  # a note is its own comment (below), not also a warning about it
        where = _standard_of(view, str(warning.field))
        at = _field_anchor(warning, anchors, places) if places else None
        text = warning_comment(warning, review, source)
        placed.append((at if at is not None else anchors["standard"].get(where, title), DraftComment(text, REPORTGEN, "warning")))
    placed.append((title, DraftComment(draft_summary(view, warnings, review), REPORTGEN, "summary")))
    for domain in view.domains:
        for standard in domain.standards:
            if standard.standard.method != "cases":
                continue
            at = anchors["rating"].get(standard.id, anchors["standard"].get(standard.id, title))
            placed.append((at, DraftComment(discretion_reasoning(standard.result, view.edition, review), REPORTGEN, "discretion")))
    for path, note in _notes(view):
        at = _note_anchor(path, note, anchors, view, title)
        placed.append((at, DraftComment(note.text, note.author or view.inspection.lead_inspector, "note")))
    for at, comment in sorted(placed, key=lambda p: p[0], reverse=True):  # from the end, so indices hold
        token = Token("comment", "", 0)
        token.meta = {"text": comment.text, "author": comment.author, "kind": comment.kind,
                      "label": getattr(review.words.draft.labels, comment.kind), "box": review.words.draft.comment}
        tokens.insert(at + 1, token)
    return len(placed)


def warning_comment(warning: Problem, review: Review, source: Located | None = None) -> str:
    """A warning as an editor reads it: what to check, where, what the report needs; the findings
    file's line last, for the inspector who will make the change."""
    path = parse_path(str(warning.field))
    where = warning.place or (source.place(path) if source is not None and path else "")
    return review.say(review.words.draft.warning, where=where.replace("_", " "), check=_check_words(warning.check, review),
                      found=_words(warning.found, review), expected=_words(warning.expected, review),
                      file=PurePath(warning.file).name, line=warning.line)


def _check_words(check: str, review: Review) -> str:
    """A text check as the comments name it ('' for a problem of no check)."""
    return review.words.draft.checks.get(check, check.replace("-", " ")) if check else ""


def _words(text: str, review: Review) -> str:
    """Markup a reader of the Word file never sees, said in words: '[^name] reference' → 'a reference to footnote name'."""
    return _FOOTNOTE_CALL.sub(lambda m: review.say(review.words.draft.footnote_call, name=m.group(1)), text.rstrip(". "))


def draft_summary(view: ReportView, warnings: tuple, review: Review) -> str:
    """The first page's comment: how many things to check, by check, and each chapter's reading age."""
    from ..checks import check_names, reading_summary
    from ..markup import checker

    counts = [(_check_words(name, review), sum(w.check == name for w in warnings)) for name in check_names()]
    total = sum(not str(w.field).endswith("notes") for w in warnings)
    return review.say(review.words.draft.summary, total=total, counts=counts, other=sum(not w.check for w in warnings),
                      reading=reading_summary(view.findings, view.edition, checker()))


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
    """The block a note concerns: its field if named ('narrative', or down to a list item:
    'areas_for_improvement[1]'), else the standard's heading, else the item's first field."""
    fields = anchors["field"]
    named = (*path, *parse_path(note.field)) if note.field else None
    if named in fields:
        return fields[named]
    if len(path) == 4 and path[0] == "domains" and path[2] == "standards":
        standard = _standard_of(view, f"domains[{path[1]}].standards[{path[3]}]")
        if standard in anchors["standard"]:
            return anchors["standard"][standard]
    under = [index for field_path, index in fields.items() if field_path[:len(path)] == path]
    return min(under) if under else title
