"""An editor's Word comments, back as `notes:` on the item each was anchored to, quoting what it was on.

A comment is anchored on text (commentRangeStart … commentRangeEnd). The paragraph holding its start
names the findings field (the draft's field marks); the note goes on the deepest item of the findings
that can hold notes (a domain, a standard, a key question…), with `field` naming the field within it down
to the list item ('areas_for_improvement[1]'), so the next draft puts the comment back on that item; the
note's text quotes the words the comment was on. In the YAML the new `notes:` sits right after that
field, not at the far end of the item. Comments reportgen wrote, and ones already notes, are left out.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from lxml import etree

from .draftfile import BOOKMARK, Draft
from .fields import path_key
from ..load import format_path
from .wordtext import field_ranges, w

QUOTE = 80  # characters of the anchored text a note quotes at most


def comment_notes(checked, draft: Draft, base: Draft, moved: Callable[[tuple], tuple | None]) -> dict[tuple, list[dict]]:
    """Editors' comments as notes, by the path of the item that holds them. `moved(path)` is where a list
    item is once the absorbed edits are made (None: deleted), so a note names the item where it will be."""
    if draft.comments is None:
        return {}
    from .draft import REPORTGEN
    from .fields import narrative_fields

    ours = {(c.get(w("author")), comment_text(c)) for c in (base.comments if base.comments is not None else [])}
    paths = {path_key(p): p for p, _ in narrative_fields(checked.findings)}
    field_of: dict[etree._Element, tuple] = {}
    for root in (draft.body, draft.footnotes):
        if root is not None:
            for _, match, paragraphs in field_ranges(root, BOOKMARK):
                if match.group(1) in paths:
                    for paragraph in paragraphs:
                        field_of.setdefault(paragraph, paths[match.group(1)])
    starts = {s.get(w("id")): s for s in draft.body.iter(w("commentRangeStart"))}
    notes: dict[tuple, list[dict]] = {}
    for comment in draft.comments.iter(w("comment")):
        author, text = comment.get(w("author")) or "", comment_text(comment)
        if not text or author == REPORTGEN or (author, text) in ours:
            continue
        start = starts.get(comment.get(w("id")))
        paragraph = _paragraph_of(start)
        quote = anchored_text(draft.body, comment.get(w("id"))) or (_plain(paragraph) if paragraph is not None else "")
        if quote:
            text = f'On "{_clip(quote)}": {text}'
        path = field_of.get(paragraph) if paragraph is not None else None
        item, field_name = note_place(checked.findings, moved(path) if path is not None else None, path)
        note = {"text": text, **({"author": author} if author else {}), **({"field": field_name} if field_name else {})}
        if text not in _existing_notes(checked.findings, item) and note not in notes.get(item, []):
            notes.setdefault(item, []).append(note)
    return notes


def note_place(findings, path: tuple | None, original: tuple | None) -> tuple[tuple, str | None]:
    """(the item that holds the note, the field within it) for a comment on the field at `path` (where it
    will be after the edits) — the field named down to its list item; `original`: where it was read."""
    if original is None:
        return (), None
    owner = _note_owner(findings, original)
    rest = (path or original)[len(owner):]
    if path is None:  # the item it was on was deleted: the note stays on the list
        rest = tuple(part for part in original[len(owner):] if not isinstance(part, int))[:1]
    return owner, format_path(rest) if rest else None


def _note_owner(findings, path: tuple) -> tuple:
    """The deepest item on `path` that can hold notes (the findings themselves at least)."""
    owner: tuple = ()
    current = findings
    for depth, part in enumerate(path):
        try:
            current = current[part] if isinstance(current, (dict, tuple)) else getattr(current, str(part))
        except (KeyError, IndexError, AttributeError, TypeError):
            break
        if hasattr(type(current), "model_fields") and "notes" in type(current).model_fields:
            owner = path[: depth + 1]
    return owner


def anchored_text(body: etree._Element, ident: str | None) -> str:
    """The words between a comment's range start and end, tracked changes accepted, on one line."""
    if ident is None:
        return ""
    words: list[str] = []
    inside = False
    for element in body.iter(w("commentRangeStart"), w("commentRangeEnd"), w("t"), w("tab")):
        if element.tag == w("commentRangeStart") and element.get(w("id")) == ident:
            inside = True
        elif element.tag == w("commentRangeEnd") and element.get(w("id")) == ident:
            break
        elif inside and not _deleted(element):
            words.append(" " if element.tag == w("tab") else element.text or "")
        if len(words) > 4 * QUOTE:
            break
    return _escaped(" ".join("".join(words).split()))


def _deleted(element: etree._Element) -> bool:
    return any(parent.tag in (w("del"), w("moveFrom")) for parent in element.iterancestors())


def _paragraph_of(element: etree._Element | None) -> etree._Element | None:
    while element is not None and element.tag != w("p"):
        element = element.getparent()
    return element


def _clip(text: str) -> str:
    return text if len(text) <= QUOTE else text[: QUOTE - 1].rstrip() + "…"


def _escaped(text: str) -> str:
    from .inline_edit import escape

    return escape("".join(c for c in text if unicodedata.category(c) != "Cf"))


def _plain(paragraph: etree._Element) -> str:
    """A paragraph's words as escaped Markdown, no formatting (to quote where a comment was)."""
    from .wordtext import collect_runs

    return _escaped(" ".join("".join(p[0] for p in collect_runs(paragraph, {}) if not p[0].startswith(("[^", "\\\n"))).split()))


def comment_text(comment: etree._Element) -> str:
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


def _existing_notes(findings, item: tuple) -> set[str]:
    current = findings
    for part in item:
        current = current[part] if isinstance(current, (dict, tuple)) else getattr(current, str(part))
    return {n if isinstance(n, str) else n.text for n in getattr(current, "notes", ())}
