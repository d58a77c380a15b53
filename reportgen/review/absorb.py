"""`reportgen absorb EDITED.docx FINDINGS.yml`: an editor's Word edits, back into the findings.

The draft's hidden bookmarks (draftmarks.py, read by draftfile.py) name each paragraph's findings field, and
a digest of the text it had when built. The edited file's paragraphs are read back as Markdown
(wordtext.py, tracked changes accepted); the draft is rebuilt in memory from the current YAML
and read the same way, so a paragraph nobody touched always reads the same. A paragraph whose
text differs from its digest was edited in Word: its words are applied to the field's own
Markdown (worddiff.apply_words keeps the YAML's line breaks and escapes where nothing changed)
and each changed value is written in place (reportgen/splice), so every other byte of the file
(comments, key order, quoting, block style, indentation, line endings) survives. Paragraphs and list items
added or deleted in Word go into, or out of, the field or list they belong to (absorb_blocks.py); editors'
comments come back as `notes:` on the item they were on (absorb_notes.py). Edits to text the report
generates (ratings, tables, boilerplate) and conflicts are reported and counted as not absorbed (`lost`).
A draft fits findings that say what they said when it was built, whatever became of the file's comments
and layout, or its name (draftfile.check_origin); compare's Word file is read as a draft is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from ..errors import Problem, ReportError
from ..limits import MAX_TEXT
from .draftfile import BOOKMARK, Draft, check_origin, field_blocks, generated_edits, linked_text, read_draft
from .fields import narrative_fields, path_key, path_text
from .rewrite import rewrite_yaml
from .wordtext import FOOTNOTE, TooLong, field_ranges

if TYPE_CHECKING:
    from ..house import House



@dataclass
class Absorbed:
    text: str  # the findings file, rewritten
    changed: list[str] = field(default_factory=list)  # YAML paths whose values changed
    reports: list[str] = field(default_factory=list)  # one line each: what was not absorbed, and notices
    lost: list[str] = field(default_factory=list)  # the reports that are edits not absorbed (absorb exits 1 unless --partial)
    notes: int = 0
    added: int = 0  # paragraphs and list items added in Word, placed in their field or list
    deleted: int = 0  # list items deleted in Word, taken out of their list
    before: str = ""  # the findings file as it was read
    raw: bytes = b""  # its bytes: the file is replaced only if it still holds them

    def lose(self, line: str) -> None:
        """An edit made in Word that is not absorbed: said, and counted."""
        self.reports.append(line)
        self.lost.append(line)


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

    from .absorb_blocks import place
    from .absorb_notes import comment_notes
    from ..guards.files import read_regular
    from ..limits import MAX_BYTES
    from ..load import parse_yaml

    name = display or str(findings_path)
    raw = read_regular(findings_path, name, limit=MAX_BYTES, what="findings file")
    digest = hashlib.sha256(raw).hexdigest()[:16]
    if "reportgen.findings" not in draft.properties:  # not a draft: said before the findings are read
        check_origin(draft, findings_path, digest, {}, merge=merge)
    text = _decoded(raw, name)
    fresh, notices = check_origin(draft, findings_path, digest, parse_yaml(text.removeprefix("\ufeff"), name).data, merge=merge)
    checked, base, names = _rebuilt(findings_path, name, digest, house, text.removeprefix("\ufeff"))
    result = Absorbed(text, before=text, raw=raw, reports=list(notices))
    edits, added = generated_edits(draft, base, fresh=fresh)
    reading = _Reading(draft, base, names, house.word.code_font)
    values = dict(narrative_fields(checked.findings))
    placed = place(added, _field_paragraphs(values, draft), values, _kinds(checked), lambda p: reading.typed(p, result), result.lose)
    new_values = _new_values(checked, draft, base, names, result, reading=reading, placed=placed)
    for line in edits:
        result.lose(line)
    notes = comment_notes(checked, draft, base, placed.moved)
    if new_values or notes or placed.inserts or placed.deletes:
        result.text = rewrite_yaml(result.text, new_values, notes, findings_path, display, house,
                                   inserts=placed.inserts, deletes=placed.deletes)
        result.changed = [path_text(p) for p in new_values]
        result.notes = sum(len(n) for n in notes.values())
        result.added, result.deleted = placed.count, len(placed.deletes)
    return result


def _kinds(checked) -> dict[tuple, str]:
    """Each text field's kind of Markdown (model.Text): where a new paragraph may go."""
    from ..markup import texts
    from ..model import Findings

    return {path: kind for path, _, kind in texts(checked.findings, Findings, ())}


def _field_paragraphs(values: dict[tuple, str], draft: Draft) -> dict[etree._Element, tuple[tuple, int]]:
    """Each paragraph of the edited draft that holds a findings field's block: (field path, block)."""
    paths = {path_key(p): p for p in values}
    found: dict[etree._Element, tuple[tuple, int]] = {}
    for _, match, paragraphs in field_ranges(draft.body, BOOKMARK):
        if match.group(1) in paths:
            for paragraph in paragraphs:
                found.setdefault(paragraph, (paths[match.group(1)], int(match.group(2))))
    return found


def _decoded(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        from ..load import read_text

        read_text(Path(name))  # words the error with its line and column
        raise


@lru_cache(maxsize=2)
def _rebuilt(findings_path: Path, display: str, digest: str, house: House, text: str | None = None):
    """The findings checked (from `text`, the bytes the digest was taken of, so a save meanwhile
    cannot mix two versions), their draft rebuilt in memory and read, and footnote numbers → names
    (remembered by the file's digest and the house: absorbing twice from one file rebuilds once)."""
    from .drafting import findings_origin, prepare_draft
    from ..load import parse_yaml
    from ..render.docx import render_docx
    from ..validate import check, check_file

    checked = check_file(findings_path, house, display=display) if text is None else check(parse_yaml(text, display), house)
    stages = prepare_draft(checked, house, origin=replace(findings_origin(findings_path, checked, raw=b""), digest=digest))  # the bytes read
    base = read_draft(render_docx(stages.parsed, stages.view, house, stages.finishing), "the rebuilt draft")
    base.blocks = field_blocks([base.body, base.footnotes])
    names = {n + 1: note["label"] for n, note in stages.parsed.env.get("footnotes", {}).get("list", {}).items()}
    return checked, base, names


def _new_values(checked, draft: Draft, base: Draft, names: dict[int, str], result: Absorbed, code_font: str = "", *,
                reading=None, placed=None) -> dict[tuple, str]:
    """The new value of each field edited in Word: its edited paragraphs written in, the paragraphs added
    within it put in, its deleted ones taken out; a list item deleted (or emptied) in Word joins
    `placed.deletes`."""
    from .absorb_blocks import Placed, block_spans, inserted_in, list_item, without_block
    from .draftmarks import text_digest
    from .fields import narrative_fields
    from .worddiff import apply_words

    placed = placed if placed is not None else Placed()
    reading = reading or _Reading(draft, base, names, code_font)
    edited = field_blocks([draft.body, draft.footnotes])
    rebuilt = base.blocks if base.blocks is not None else field_blocks([base.body, base.footnotes])
    values: dict[tuple, str] = {}
    for path, value in narrative_fields(checked.findings):
        original, key = value, path_key(path)
        have = sorted(b for k, b in edited if k == key)
        want = sorted(b for k, b in rebuilt if k == key)
        within = [(block, markdown, before) for (p, block), items in placed.within.items() if p == path for markdown, before in items]
        if not have and not want:
            continue
        in_word = [b for b in have if text_digest(edited[(key, b)].text) != edited[(key, b)].digest
                   or (key, b) in rebuilt and linked_text(edited[(key, b)], draft.links) != linked_text(rebuilt[(key, b)], base.links)]
        gone = [b for b in want if b not in have]
        emptied = [b for b in in_word if not edited[(key, b)].text.strip()]
        if not in_word and not gone and not within:
            continue
        where = path_text(path)
        yaml_changed = set(have) - set(want) or any(
            text_digest(rebuilt[(key, b)].text) != edited[(key, b)].digest for b in have if (key, b) in rebuilt)
        item = list_item(path)
        if yaml_changed:
            _lose(result, placed, within, f"conflict: {where} was changed in Word and in the YAML since the draft; "
                  "the YAML's text is kept (take Word's by hand)")
            continue
        if item is not None and set(gone) | set(emptied) == set(want) and not within:  # the whole item deleted in Word
            placed.deletes.append(item)
            continue
        if not have:
            _lose(result, placed, within, f"{where} was deleted in Word; not absorbed (delete it in the YAML if that was meant)")
            continue
        spans = block_spans(value)
        if len(spans) != len(want):
            _lose(result, placed, within, f"{where}: Word's paragraphs do not map onto the YAML's; not absorbed")
            continue
        value = inserted_in(value, within) if within else value  # ahead of the edits: block numbers still hold
        spans = block_spans(value)
        shift = {block: sum(1 for b, _, before in within if b < block or b == block and before) for block in range(len(want))}
        for block in sorted((set(in_word) - set(emptied)) | set(gone) | set(emptied), reverse=True):  # from the end, so offsets hold
            at = block + shift[block]
            start, end = spans[at]
            if block in gone or block in emptied:
                value = without_block(value, at)
                continue
            new = _named(edited[(key, block)].text, names)
            old = _named(rebuilt[(key, block)].text, names)
            if len(edited[(key, block)].paragraphs) != len(rebuilt[(key, block)].paragraphs):  # split in Word
                value = value[:start] + (apply_words(value[start:end], old, new) or new) + value[end:]
                continue
            written = reading.edit(where, value[start:end], rebuilt[(key, block)], edited[(key, block)], result)
            if written is None:
                break
            value = value[:start] + written + value[end:]
        else:
            value = re.sub(r"\n{3,}", "\n\n", value).lstrip("\n") if gone or emptied else value
            if value != original:  # a paragraph a word processor rewrote without changing its words is no edit
                values[path] = value
    return values


def _lose(result: Absorbed, placed, within: list, line: str) -> None:
    """A field not written: its edits, and the paragraphs added to it in Word, are not absorbed."""
    if within:
        placed.count -= len(within)
        line += f" (nor {'the paragraph' if len(within) == 1 else f'the {len(within)} paragraphs'} added to it in Word)"
    result.lose(line)


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

    def edit(self, where: str, source: str, old, new, result: Absorbed) -> str | None:
        """`source` with the paragraph's edits in, or None with a line saying why not."""
        from .inline_edit import Unreadable, apply_edit, invisible, read_source, word_atoms
        from ..parse import link_allowed

        atoms_old = word_atoms(list(old.paragraphs), self.base.links, self.labels[0], self.font)
        atoms_new, hidden = invisible(word_atoms(list(new.paragraphs), self.draft.links, self.labels[1], self.font))
        try:
            text, lines = apply_edit(read_source(source), atoms_old, atoms_new, link_allowed)
        except Unreadable:
            result.lose(f"{where}: the edit could not be matched word for word to the YAML's text; not absorbed "
                        "(take it by hand)")
            return None
        self._said(where, hidden, lines, result)
        return text

    def typed(self, paragraph: etree._Element, result: Absorbed) -> str:
        """A paragraph added in Word as the Markdown of what the editor typed (escaped, links the report allows)."""
        from .inline_edit import allowed_links, invisible, render, word_atoms
        from ..parse import link_allowed

        atoms, hidden = invisible(word_atoms([paragraph], self.draft.links, self.labels[1], self.font))
        lines: list[str] = []
        atoms = allowed_links(atoms, link_allowed, lines)
        self._said(f"a paragraph added in Word ({render(atoms)[:40]!r}…)", hidden, lines, result)
        return render(atoms, {}, True)

    @staticmethod
    def _said(where: str, hidden: list[str], lines: list[str], result: Absorbed) -> None:
        """Links not taken are edits lost; invisible characters left out are said."""
        for line in lines:
            result.lose(f"{where}: {line}")
        if hidden:
            result.reports.append(f"{where}: invisible characters typed in Word were left out: {', '.join(dict.fromkeys(hidden))}")


def _named(text: str, names: dict[int, str]) -> str:
    return FOOTNOTE.sub(lambda m: f"[^{names.get(int(m.group(1)), m.group(1))}]", text)
