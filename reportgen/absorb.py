"""`reportgen absorb EDITED.docx FINDINGS.yml`: an editor's Word edits, back into the findings.

The draft's hidden bookmarks (draftmarks.py, read by draftfile.py) name each paragraph's findings field, and
a digest of the text it had when built. The edited file's paragraphs are read back as Markdown
(wordtext.py, tracked changes accepted); the draft is rebuilt in memory from the current YAML
and read the same way, so a paragraph nobody touched always reads the same. A paragraph whose
text differs from its digest was edited in Word: its words are applied to the field's own
Markdown (worddiff.apply_words keeps the YAML's line breaks and escapes where nothing changed)
and each changed value is written in place (reportgen/splice), so every other byte of the file
(comments, key order, quoting, block style, indentation, line endings) survives. Edits to text the report generates (ratings,
tables, boilerplate) are reported, not absorbed; editors' comments come back as `notes:`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from .errors import Problem, ReportError
from .limits import MAX_TEXT
from .draftfile import linked_text
from .draftfile import BOOKMARK, Draft, check_origin, field_blocks, generated_edits, read_draft
from .fields import path_key, path_text
from .rewrite import rewrite_yaml
from .wordtext import FOOTNOTE, TooLong, field_ranges, w

if TYPE_CHECKING:
    from .house import House

_PREFIX = re.compile(r"^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?")


@dataclass
class Absorbed:
    text: str  # the findings file, rewritten
    changed: list[str] = field(default_factory=list)  # YAML paths whose values changed
    reports: list[str] = field(default_factory=list)  # one line each: not absorbed, conflicts
    notes: int = 0
    before: str = ""  # the findings file as it was read
    raw: bytes = b""  # its bytes: the file is replaced only if it still holds them


# ---- the whole step ----


def absorb(data: bytes, docx_name: str, findings_path: Path, house: House, *, merge: bool = False,
           display: str | None = None) -> Absorbed:
    """The findings file's text with the draft's Word edits and comments taken in; raises ReportError."""
    return absorb_draft(read_draft(data, docx_name), findings_path, house, merge=merge, display=display)


def absorb_draft(draft: Draft, findings_path: Path, house: House, *, merge: bool = False, display: str | None = None) -> Absorbed:
    try:
        return _absorb_draft(draft, findings_path, house, merge=merge, display=display)
    except TooLong as error:  # refused before any diff or Markdown work on it
        raise ReportError([Problem(draft.name, None, None, "", f"{error} ({error.start!r}…)",
                                   f"paragraphs of at most {MAX_TEXT:,} characters, as in findings")]) from None


def _absorb_draft(draft: Draft, findings_path: Path, house: House, *, merge: bool, display: str | None) -> Absorbed:
    import hashlib

    from .guards.files import read_regular
    from .limits import MAX_BYTES

    raw = read_regular(findings_path, display or str(findings_path), limit=MAX_BYTES, what="findings file")
    digest = hashlib.sha256(raw).hexdigest()[:16]
    check_origin(draft, findings_path, digest, draft.properties.get("reportgen.service", ""), merge=merge)
    text = _decoded(raw, display or str(findings_path))
    checked, base, names = _rebuilt(findings_path, display or str(findings_path), digest, house, text.removeprefix("\ufeff"))
    check_origin(draft, findings_path, digest, checked.findings.service.name, merge=merge)
    result = Absorbed(text, before=text, raw=raw)
    values = _new_values(checked, draft, base, names, result, house.word.code_font)
    notes = _comment_notes(checked, draft, base)
    if draft.properties.get("reportgen.digest") == digest:  # after --merge, the generated text may differ rightly
        result.reports += generated_edits(draft, base)
    if values or notes:
        result.text = rewrite_yaml(result.text, values, notes, findings_path, display, house)
        result.changed = [path_text(p) for p in values]
        result.notes = sum(len(n) for n in notes.values())
    return result


def _decoded(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from .load import read_text

        read_text(Path(name))  # words the error with its line and column
        raise


@lru_cache(maxsize=2)
def _rebuilt(findings_path: Path, display: str, digest: str, house: House, text: str | None = None):
    """The findings checked (from `text`, the bytes the digest was taken of, so a save meanwhile
    cannot mix two versions), their draft rebuilt in memory and read, and footnote numbers → names
    (remembered by the file's digest and the house: absorbing twice from one file rebuilds once)."""
    from .drafting import Origin, prepare_draft
    from .load import parse_yaml
    from .render.docx import render_docx
    from .validate import check, check_file

    checked = check_file(findings_path, house, display=display) if text is None else check(parse_yaml(text, display), house)
    stages = prepare_draft(checked, house, origin=Origin(findings_path.name, digest, checked.findings.service.name))
    base = read_draft(render_docx(stages.parsed, stages.view, house, stages.finishing), "the rebuilt draft")
    base.blocks = field_blocks([base.body, base.footnotes])
    names = {n + 1: note["label"] for n, note in stages.parsed.env.get("footnotes", {}).get("list", {}).items()}
    return checked, base, names


def _new_values(checked, draft: Draft, base: Draft, names: dict[int, str], result: Absorbed,
                code_font: str = "") -> dict[tuple, str]:
    from .fields import narrative_fields
    from .draftmarks import text_digest
    from .worddiff import apply_words

    edited = field_blocks([draft.body, draft.footnotes])
    rebuilt = base.blocks if base.blocks is not None else field_blocks([base.body, base.footnotes])
    reading = _Reading(draft, base, names, code_font)
    values: dict[tuple, str] = {}
    for path, value in narrative_fields(checked.findings):
        original, key = value, path_key(path)
        have = sorted(b for k, b in edited if k == key)
        want = sorted(b for k, b in rebuilt if k == key)
        if not have and not want:
            continue
        in_word = [b for b in have if text_digest(edited[(key, b)].text) != edited[(key, b)].digest
                   or (key, b) in rebuilt and linked_text(edited[(key, b)], draft.links) != linked_text(rebuilt[(key, b)], base.links)]
        gone = [b for b in want if b not in have]
        if not in_word and not gone:
            continue
        where = path_text(path)
        yaml_changed = set(have) - set(want) or any(
            text_digest(rebuilt[(key, b)].text) != edited[(key, b)].digest for b in have if (key, b) in rebuilt)
        if yaml_changed:
            result.reports.append(f"conflict: {where} was changed in Word and in the YAML since the draft; "
                                  "the YAML's text is kept (take Word's by hand)")
            continue
        if not have:
            result.reports.append(f"{where} was deleted in Word; not absorbed (delete it in the YAML if that was meant)")
            continue
        spans = block_spans(value)
        if len(spans) != len(want):
            result.reports.append(f"{where}: Word's paragraphs do not map onto the YAML's; not absorbed")
            continue
        for block in sorted(set(in_word) | set(gone), reverse=True):  # from the end, so offsets hold
            start, end = spans[block]
            if block in gone:
                value = value[:start] + value[end:]
                continue
            new = _named(edited[(key, block)].text, names)
            old = _named(rebuilt[(key, block)].text, names)
            if len(edited[(key, block)].paragraphs) != len(rebuilt[(key, block)].paragraphs):  # split in Word
                value = value[:start] + (apply_words(value[start:end], old, new) or new) + value[end:]
                continue
            written = reading.edit(where, value[start:end], rebuilt[(key, block)], edited[(key, block)], result.reports)
            if written is None:
                break
            value = value[:start] + written + value[end:]
        else:
            value = re.sub(r"\n{3,}", "\n\n", value).lstrip("\n") if gone else value
            if value != original:  # a paragraph a word processor rewrote without changing its words is no edit
                values[path] = value
    return values


class _Reading:
    """How absorb reads a paragraph's atoms on both sides (inline_edit): links, footnote labels, code font."""

    def __init__(self, draft: Draft, base: Draft, names: dict[int, str], code_font: str):
        from .wordtext import footnote_numbers

        def labels(body) -> dict[str, str]:
            numbers = footnote_numbers(body)
            return {(f"[^{k}]" if k.startswith("@") else f"[^#{k}]"): names.get(int(v), v) for k, v in numbers.items()}

        self.draft, self.base = draft, base
        self.labels = (labels(base.body), labels(draft.body))
        self.font = code_font  # the house's Word style writes code in it (house.word.code_font)

    def edit(self, where: str, source: str, old, new, reports: list[str]) -> str | None:
        """`source` with the paragraph's edits in, or None with a line saying why not."""
        from .inline_edit import Unreadable, apply_edit, invisible, read_source, word_atoms
        from .parse import link_allowed

        atoms_old = word_atoms(list(old.paragraphs), self.base.links, self.labels[0], self.font)
        atoms_new, hidden = invisible(word_atoms(list(new.paragraphs), self.draft.links, self.labels[1], self.font))
        try:
            text, lines = apply_edit(read_source(source), atoms_old, atoms_new, link_allowed)
        except Unreadable:
            reports.append(f"{where}: the edit could not be matched word for word to the YAML's text; not absorbed "
                           "(take it by hand)")
            return None
        if hidden:
            lines.append(f"invisible characters typed in Word were left out: {', '.join(dict.fromkeys(hidden))}")
        reports.extend(f"{where}: {line}" for line in lines)
        return text


def _named(text: str, names: dict[int, str]) -> str:
    return FOOTNOTE.sub(lambda m: f"[^{names.get(int(m.group(1)), m.group(1))}]", text)


def block_spans(value: str) -> list[tuple[int, int]]:
    """Where each paragraph or heading of a field's Markdown lies in it, markers (`- `, `1. `) excluded."""
    from .parse import markdown

    starts = [0] + [m.end() for m in re.finditer("\n", value)]
    spans = []
    for token in markdown().parse(value, {}):
        if token.type in ("paragraph_open", "heading_open") and token.map:
            first, last = token.map
            start = starts[first]
            start += _PREFIX.match(value[start:]).end()
            end = starts[last] - 1 if last < len(starts) else len(value)
            while end > start and value[end - 1] in " \t\n":
                end -= 1
            spans.append((start, end))
    return spans


def _comment_notes(checked, draft: Draft, base: Draft) -> dict[tuple, list[dict]]:
    """Editors' comments (not reportgen's own, not ones already in the YAML) as notes, by item path."""
    if draft.comments is None:
        return {}
    from .draft import REPORTGEN
    from .fields import narrative_fields

    ours = {(c.get(w("author")), _comment_text(c)) for c in (base.comments if base.comments is not None else [])}
    paths = {path_key(p): p for p, _ in narrative_fields(checked.findings)}
    field_of: dict[etree._Element, tuple] = {}
    for root in (draft.body, draft.footnotes):
        if root is None:
            continue
        for _, match, paragraphs in field_ranges(root, BOOKMARK):
            if match.group(1) in paths:
                for paragraph in paragraphs:
                    field_of.setdefault(paragraph, paths[match.group(1)])
    anchors = {s.get(w("id")): s for s in draft.body.iter(w("commentRangeStart"))}
    notes: dict[tuple, list[dict]] = {}
    for comment in draft.comments.iter(w("comment")):
        author, text = comment.get(w("author")) or "", _comment_text(comment)
        if not text or author == REPORTGEN or (author, text) in ours:
            continue
        anchor = anchors.get(comment.get(w("id")))
        paragraph = anchor
        while paragraph is not None and paragraph.tag != w("p"):
            paragraph = paragraph.getparent()
        path = field_of.get(paragraph) if paragraph is not None else None
        if path is None:
            item, field_name = (), None
            snippet = _plain(paragraph)[:60] if paragraph is not None else ""
            text = f'On "{snippet}": {text}' if snippet else text
        else:
            item, field_name = _note_owner(checked.findings, path)
        note = {"text": text, **({"author": author} if author else {}), **({"field": field_name} if field_name else {})}
        existing = _existing_notes(checked.findings, item)
        if text not in existing and note not in notes.get(item, []):
            notes.setdefault(item, []).append(note)
    return notes


def _plain(paragraph: etree._Element) -> str:
    """A paragraph's words as escaped Markdown, no formatting (to quote where a comment was)."""
    from .inline_edit import escape
    from .wordtext import collect_runs

    text = " ".join("".join(p[0] for p in collect_runs(paragraph, {}) if not p[0].startswith(("[^", "\\\n"))).split())
    return escape(text)


def _comment_text(comment: etree._Element) -> str:
    """An editor's comment as the plain text typed: escaped, so it is never read as Markdown
    (a '# …' or '- …' line stays that text), invisible format characters left out."""
    from .inline_edit import escape
    from .wordtext import collect_runs

    paragraphs = []
    for paragraph in comment.iter(w("p")):
        text = "".join(piece[0] for piece in collect_runs(paragraph, {}) if not piece[0].startswith("[^"))
        text = " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())
        if text:
            paragraphs.append(escape(text, line_start=True))
    return "\n\n".join(paragraphs)


def _note_owner(findings, path: tuple) -> tuple[tuple, str | None]:
    """The deepest item on `path` that can hold notes, and the field (of that item) the path goes through."""
    owner, through = (), path[0] if path else None
    current = findings
    for depth, part in enumerate(path):
        try:
            current = current[part] if isinstance(current, (dict, tuple)) else getattr(current, str(part))
        except (KeyError, IndexError, AttributeError, TypeError):
            break
        if hasattr(type(current), "model_fields") and "notes" in type(current).model_fields:
            owner = path[: depth + 1]
            through = path[depth + 1] if depth + 1 < len(path) else None
    return owner, str(through) if through is not None else None


def _existing_notes(findings, item: tuple) -> set[str]:
    current = findings
    for part in item:
        current = current[part] if isinstance(current, (dict, tuple)) else getattr(current, str(part))
    return {n if isinstance(n, str) else n.text for n in getattr(current, "notes", ())}


# ---- the YAML, rewritten in place ----


