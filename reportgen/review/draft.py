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

from markdown_it.token import Token
from pydantic import BaseModel

from ..checks.where import Places, block_at, parse_path
from ..errors import Problem
from .fields import Path
from ..load import Located
from ..model import Edition, Note
from ..rate import Opening, StandardResult
from ..view import ReportView

REPORTGEN = "reportgen"  # author of the comments the tool writes (absorb ignores them)
LABELS = {"summary": "Draft summary", "warning": "To check", "discretion": "Professional discretion", "note": "Note"}  # before each comment in HTML
_STANDARD_PATH = re.compile(r"^domains\[(\d+)\]\.standards\[(\d+)\]")
_FOOTNOTE_CALL = re.compile(r"\[\^([^\]]+)\] ?reference")
IN_WORDS = {  # each text check (checks.TEXT_CHECKS) as the comments name it
    "cut-text": "cut text", "figures": "figures", "statements": "what the text says of the figures", "phrasing": "wording",
    "personal-data": "personal data", "spelling": "spelling", "plain-english": "plain English",
}


@dataclass(frozen=True)
class DraftComment:
    text: str
    author: str
    kind: str  # "summary", "warning", "discretion" or "note"


def discretion_reasoning(result: StandardResult, edition: Edition) -> str:
    """Why the ratings panel could, or could not, move this standard's rating, as an inspector says it,
    and what the editor should check."""
    name = f"{result.id} {result.name}"
    if result.lowest is None:
        return f"{name}: no key question has relevant cases, so there is no rating to move; professional discretion does not arise."
    kq = next(k for k in result.key_questions if k.id == result.lowest)
    if result.mark:
        rationale = (result.rationale or "").strip()
        return (f"{name}: the ratings panel used professional discretion, moving the rating from {result.computed} "
                f"to {result.final} (printed {result.final}{result.mark}). Its reason: {_sentence(rationale)} "
                "Please check that the report explains the move where it gives the rating.")
    rated = f"{name} is rated {result.computed} on its lowest key question, {kq.id} ({kq.percent}%)"
    scale = [rating.name for rating in edition.scale]  # lowest first
    at = scale.index(result.computed) if result.computed in scale else -1
    moves = {"down": scale[at - 1] if at > 0 else None, "up": scale[at + 1] if 0 <= at < len(scale) - 1 else None}
    possible = {way for way in result.discretion_open if moves[way]}
    check = f"Please check that the narrative supports a rating of {result.computed}."
    if possible:
        reasons = [_opening(o, kq, edition, possible, moves) for o in result.openings if o.directions & possible]
        ways = " or ".join(f"{way} to {moves[way]}" for way in ("down", "up") if way in possible)
        return (f"{rated}. The ratings panel could have used professional discretion to move it {ways}, because {_and(reasons)}; "
                f"it kept {result.computed}. {check}")
    reasons = list(dict.fromkeys(_opening(o, kq, edition, set(), moves) for o in result.openings))
    return f"{rated}. Professional discretion was not open: {_and(reasons)}. {check}"


def _opening(opening: Opening, kq, edition: Edition, ways: set[str], moves: dict[str, str | None]) -> str:
    """One condition of the discretion rules, held or not, in words (no ± or "(not: …)")."""
    rules = edition.discretion
    if not opening.determinable:
        return "only a percentage is published, so the number of cases cannot be weighed"
    if opening.condition == "boundary":
        near = [b.minimum for b in edition.case_bands if b.minimum > 0 and abs(kq.percent - b.minimum) <= rules.margin]
        if near:
            return f"{kq.percent}% is within {rules.margin} points of the {' and '.join(f'{b}%' for b in near)} boundary"
        return f"{kq.percent}% is more than {rules.margin} points from every boundary between ratings"
    if opening.condition == "one_case":
        held = opening.directions & ways
        if held == {"up", "down"}:
            return f"judging one case differently would change the rating ({kq.yes - 1} or {kq.yes + 1} of {kq.relevant} instead of {kq.yes})"
        if held:
            (way,) = held
            other = kq.yes + 1 if way == "up" else kq.yes - 1
            return f"with one case {'more' if way == 'up' else 'fewer'} meeting the standard ({other} of {kq.relevant}) it would be {moves[way]}"
        return "judging one case differently would not change the rating"
    cases = f"{kq.relevant} relevant case{'' if kq.relevant == 1 else 's'}"
    if opening.directions:
        return f"it rests on only {cases} ({rules.small_sample} or fewer)"
    return f"it rests on {cases} (more than {rules.small_sample})"


def _and(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else text + "."


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
        text = warning_comment(warning, source)
        placed.append((at if at is not None else anchors["standard"].get(where, title), DraftComment(text, REPORTGEN, "warning")))
    placed.append((title, DraftComment(draft_summary(view, warnings), REPORTGEN, "summary")))
    for domain in view.domains:
        for standard in domain.standards:
            if standard.standard.method != "cases":
                continue
            at = anchors["rating"].get(standard.id, anchors["standard"].get(standard.id, title))
            placed.append((at, DraftComment(discretion_reasoning(standard.result, view.edition), REPORTGEN, "discretion")))
    for path, note in _notes(view):
        at = _note_anchor(path, note, anchors, view, title)
        placed.append((at, DraftComment(note.text, note.author or view.inspection.lead_inspector, "note")))
    for at, comment in sorted(placed, key=lambda p: p[0], reverse=True):  # from the end, so indices hold
        token = Token("comment", "", 0)
        token.meta = {"text": comment.text, "author": comment.author, "kind": comment.kind, "label": LABELS[comment.kind]}
        tokens.insert(at + 1, token)
    return len(placed)


def warning_comment(warning: Problem, source: Located | None = None) -> str:
    """A warning as an editor reads it: what to check, where, what the report needs; the findings
    file's line last, for the inspector who will make the change."""
    path = parse_path(str(warning.field))
    where = warning.place or (source.place(path) if source is not None and path else "")
    kind = f" ({IN_WORDS.get(warning.check, warning.check.replace('-', ' '))})" if warning.check else ""
    subject = f"{where.replace('_', ' ')}{kind}" if where else f"this paragraph{kind}"
    line = f" [{PurePath(warning.file).name}, line {warning.line}]" if warning.line else ""
    return f"Please check {subject}: {_words(warning.found)} — the report needs {_words(warning.expected)}.{line}"


def _words(text: str) -> str:
    """Markup a reader of the Word file never sees, said in words: '[^name]' → 'a reference to footnote name'."""
    return _FOOTNOTE_CALL.sub(lambda m: f"reference to footnote '{m.group(1)}'", text.rstrip(". "))


def draft_summary(view: ReportView, warnings: tuple) -> str:
    """The first page's comment: how many things to check, by check, and each chapter's reading age."""
    from ..checks import check_names, reading_summary
    from ..markup import checker

    counts = " · ".join(f"{IN_WORDS.get(name, name)} {sum(w.check == name for w in warnings)}" for name in check_names())
    total = sum(not str(w.field).endswith("notes") for w in warnings)
    return (f"Things to check in this draft: {total}, each a comment on its paragraph — {counts} · "
            f"other {sum(not w.check for w in warnings)}. {reading_summary(view.findings, view.edition, checker())}.")


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
