"""An editor's changes to one Word paragraph, applied to that paragraph's Markdown in the findings:
only the edited words change, and what the editor typed comes back as that text.

Both sides are read as the same atoms (inline_source.py), each with its formatting (bold, italic,
link, code): the Markdown source, every atom with the source characters it came from; and the Word
paragraph as the draft was built (it reads as the source does) and as edited.

The edited atoms are diffed against the built ones; each changed stretch is written back over the
source characters of the atoms it replaces, widened to a whole link, emphasis or code span where
the change touches one, as escaped Markdown. A link whose target did not change keeps its own
destination as typed. The result is parsed again and must read exactly as the edited paragraph
does; otherwise the paragraph is written whole from the edited atoms, and failing that the edit
is reported, never guessed.
"""

from __future__ import annotations

import re
import unicodedata

from lxml import etree

from .inline_source import _ENTITY, PLAIN, Atom, Fmt, Source, Unreadable, _text_atoms, read_source
from .worddiff import regions

_LINE_START = re.compile(r"^(?:[-+*=#>:|~]|\d{1,9}(?=[.)]))")  # what would start a block at a line's start

__all__ = ["Atom", "Source", "Unreadable", "allowed_links", "apply_edit", "escape", "invisible", "read_source", "render", "word_atoms"]

# ---- the Word paragraph ----


def word_atoms(paragraphs: list[etree._Element], links: dict[str, str], notes: dict[str, str], code_font: str) -> list[Atom]:
    """The paragraphs' atoms, tracked changes accepted; `notes` maps Word's footnote ids to labels."""
    from .wordtext import collect_runs

    atoms: list[Atom] = []
    for number, paragraph in enumerate(paragraphs):
        if number:
            atoms.append(Atom("para", "\n\n"))
        chars: list[tuple[str, Fmt, int, int]] = []
        code: list[str] = []
        for piece, bold, italic, link, font in collect_runs(paragraph, links):
            if font == code_font and piece and not piece.startswith(("[^", "\\\n")):
                code.append(piece)
                continue
            if code:
                _flush_words(chars, atoms)
                atoms.append(Atom("code", "".join(code), (bold, italic, link, True)))
                code = []
            if piece == "\\\n":
                _flush_words(chars, atoms)
                atoms.append(Atom("br", "\n"))
            elif piece.startswith("[^#") or piece.startswith("[^@"):
                _flush_words(chars, atoms)
                atoms.append(Atom("note", notes.get(piece, piece)))
            else:
                chars += [(c, (bold, italic, link, False), 0, 0) for c in piece]
        if code:
            _flush_words(chars, atoms)
            atoms.append(Atom("code", "".join(code), (False, False, None, True)))
        _flush_words(chars, atoms)
    while atoms and atoms[0].kind == "w" and atoms[0].text.isspace():
        atoms.pop(0)
    while atoms and atoms[-1].kind == "w" and atoms[-1].text.isspace():
        atoms.pop()
    return atoms


def _flush_words(chars: list, atoms: list[Atom]) -> None:
    _text_atoms(chars, atoms)
    chars.clear()


# ---- invisible characters typed in Word ----


def invisible(atoms: list[Atom]) -> tuple[list[Atom], list[str]]:
    """The atoms without format characters (zero-width, bidirectional marks): what they were, named."""
    found: list[str] = []
    kept: list[Atom] = []
    for atom in atoms:
        if atom.kind in ("w", "code") and any(unicodedata.category(c) == "Cf" for c in atom.text):
            found += [f"U+{ord(c):04X} ({unicodedata.name(c, 'format character').lower()})"
                      for c in atom.text if unicodedata.category(c) == "Cf"]
            atom = Atom(atom.kind, "".join(c for c in atom.text if unicodedata.category(c) != "Cf"), atom.fmt)
            if not atom.text:
                continue
        kept.append(atom)
    return kept, found


# ---- writing back ----


def apply_edit(source: Source, old: list[Atom], new: list[Atom], allowed=lambda href: True) -> tuple[str, list[str]]:
    """`source.text` with the changes from `old` (the built paragraph, reading as the source does) to
    `new` (as edited) written in; and a line for each thing not taken (a link Word added that the
    report does not allow). Raises Unreadable when neither the stretches nor the whole paragraph
    can be written so that they read back as `new`."""
    if [a.key(links=False) for a in old] != [a.key(links=False) for a in source.atoms]:
        raise Unreadable("the built paragraph does not read as its source")
    reports: list[str] = []
    new = allowed_links(new, allowed, reports)
    destinations = {old[e.first].fmt[2]: e.destination for e in source.elements if e.target is not None and e.last > e.first}
    text = source.text
    for _, i1, i2, j1, j2 in reversed(_widened(source, old, new)):
        start, end = _stretch(source, i1, i2)
        line_start = not text[:start].strip() or text[:start].rstrip(" \t").endswith("\n")
        text = text[:start] + render(new[j1:j2], destinations, line_start) + text[end:]
    if _reads_as(text, new):
        return text, reports
    whole = render(new, destinations, True)
    if _reads_as(whole, new):
        return whole, reports
    raise Unreadable("the edit cannot be written so that it reads as Word shows it")


def _stretch(source: Source, i1: int, i2: int) -> tuple[int, int]:
    """The source characters of atoms [i1, i2), with the markers of elements wholly inside; for an
    insertion (i1 == i2), the point between atom i1 - 1 and i1, outside any element ending or starting there."""
    atoms = source.atoms
    if i2 > i1:
        start, end = atoms[i1].start, atoms[i2 - 1].end
        for element in source.elements:
            if i1 <= element.first and element.last <= i2 and element.last > element.first:
                start, end = min(start, element.start), max(end, element.end)
        return start, end
    if i1 == 0:
        point = 0
    elif i1 == len(atoms):
        point = len(source.text.rstrip())
    else:
        point = atoms[i1 - 1].end
        for element in source.elements:
            if element.last == i1:
                point = max(point, element.end)
    return point, point


def _widened(source: Source, old: list[Atom], new: list[Atom]) -> list[tuple]:
    """The changed stretches, each widened to whole elements (link, emphasis, code) it touches."""
    changes = [list(r) for r in regions(old, new, lambda a: a.key()) if r[0] != "equal"]
    for change in changes:
        while True:
            _, i1, i2, j1, j2 = change
            grown = False
            for element in source.elements:
                inside = element.first < i2 and i1 < element.last if i2 > i1 else element.first < i1 < element.last
                touching = (i1 == element.last or i2 == element.first) and _formatted(new[j1:j2])
                if (inside or touching) and (element.first < i1 or element.last > i2):
                    first, last = min(i1, element.first), max(i2, element.last)
                    change[:] = ["replace", first, last, j1 - (i1 - first), j2 + (last - i2)]
                    grown = True
                    break
            if not grown:
                break
    merged: list[list] = []
    for change in sorted(changes, key=lambda c: c[1]):
        if merged and change[1] <= merged[-1][2]:
            merged[-1][2], merged[-1][4] = max(merged[-1][2], change[2]), max(merged[-1][4], change[4])
        else:
            merged.append(change)
    return [tuple(c) for c in merged]


def _formatted(atoms: list[Atom]) -> bool:
    return any(a.fmt != PLAIN for a in atoms)


def allowed_links(atoms: list[Atom], allowed, reports: list[str]) -> list[Atom]:
    out = []
    for atom in atoms:
        link = atom.fmt[2]
        if link is not None and not allowed(link):
            line = f"a link to {link!r} added in Word is not a web, mail or in-report address; its words were taken without it"
            if line not in reports:
                reports.append(line)
            atom = Atom(atom.kind, atom.text, (atom.fmt[0], atom.fmt[1], None, atom.fmt[3]))
        out.append(atom)
    return out


def render(atoms: list[Atom], destinations: dict | None = None, line_start: bool = False) -> str:
    """Atoms as Markdown that reads back as them: text escaped, links (a target the source had keeps
    its destination as typed), emphasis, code spans."""
    destinations = destinations or {}
    out: list[str] = []
    index = 0
    at_line_start = line_start
    while index < len(atoms):
        link = atoms[index].fmt[2]
        end = index
        while end < len(atoms) and atoms[end].fmt[2] == link and atoms[end].kind not in ("br", "para"):
            end += 1
        if end == index:  # a break
            out.append("\\\n" if atoms[index].kind == "br" else "\n\n")
            at_line_start, index = True, index + 1
            continue
        inner = _render_styled(atoms[index:end], at_line_start and link is None)
        if link is not None:
            if out and out[-1].endswith("!"):
                out[-1] = out[-1][:-1] + "\\!"
            inner = f"[{inner}{destinations.get(link) or '](' + _destination(link) + ')'}"
        out.append(inner)
        at_line_start, index = False, end
    return "".join(out)


def _render_styled(atoms: list[Atom], line_start: bool) -> str:
    out: list[str] = []
    index = 0
    while index < len(atoms):
        style = atoms[index].fmt[:2]
        end = index
        while end < len(atoms) and atoms[end].fmt[:2] == style:
            end += 1
        body, words_run = [], []
        for atom in atoms[index:end]:
            if atom.kind == "w":
                words_run.append(atom.text)
                continue
            body.append(escape("".join(words_run), line_start and not out and not body))
            words_run = []
            body.append(_atom_markdown(atom))
        body.append(escape("".join(words_run), line_start and not out and not any(body)))
        text = "".join(body)
        marks = ("**" if style[0] else "") + ("*" if style[1] else "")
        if marks and text.strip():
            lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            text = f"{lead}{marks}{text.strip()}{marks[::-1]}{trail}"
        out.append(text)
        index = end
    return "".join(out)


def _atom_markdown(atom: Atom) -> str:
    if atom.kind == "note":
        return f"[^{atom.text}]"
    longest = max((len(run) for run in re.findall(r"`+", atom.text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if atom.text.startswith(("`", " ")) or atom.text.endswith(("`", " ")) else ""
    return f"{fence}{pad}{atom.text}{pad}{fence}"


def escape(text: str, line_start: bool = False) -> str:
    """Plain text as Markdown that reads as that text: inline markup escaped, and at the start of a
    line whatever would start a list, quote, heading, rule, table or `:::` block."""
    text = re.sub(r"([\\`*\[\]<|])|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])", lambda m: "\\" + m.group(), text)
    text = _ENTITY.sub(lambda m: "\\" + m.group(), text)
    if line_start:
        text = _LINE_START.sub(lambda m: m.group() if m.group().startswith("\\") else _escape_start(m.group()), text, count=1)
    return text


def _escape_start(start: str) -> str:
    return start + "\\" if start[0].isdigit() else "\\" + start


def _destination(href: str) -> str:
    return "<" + href.replace(">", "%3E").replace("<", "%3C") + ">" if re.search(r"[\s()]", href) else href


def _reads_as(text: str, atoms: list[Atom]) -> bool:
    try:
        return [a.key() for a in read_source(text).atoms] == [a.key() for a in atoms]
    except Unreadable:
        return False
