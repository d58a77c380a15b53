"""A new value written in the place of an old one, in the old one's style where the value allows.

A literal block (`|`) stays a literal block with its header, comment and indentation; a folded
block (`>`) stays folded; a plain or quoted scalar stays plain or quoted. Lines of the old value
that the new one still has keep their bytes (a wrapped paragraph keeps its unchanged lines), so only
the lines holding an edit are written anew. Every candidate is read back with the findings reader
before it is used; a value the style cannot hold falls back to single quotes, a literal block or,
at last, double quotes, which hold anything.
"""

from __future__ import annotations

import json
import re
import yaml

from .source import Source, SpliceError, lines_of

_HEADER = re.compile(r"([|>])([1-9]?)([+-]?)([1-9]?)(.*)", re.S)


def replaced(src: Source, node: yaml.ScalarNode, value, *, flow: bool) -> str:
    """The text to put over [start, last) of `node` so that it reads `value`."""
    if not isinstance(value, str):
        return _plain_value(value, flow)
    if node.style in ("|", ">") and not flow:
        written = _block(src, node, value)
        if written is not None and _reads(written, value, flow):
            return written
    elif node.style in (None, "") and "\n" not in value:
        for candidate in _wrapped(src, node, value), value:
            if candidate is not None and _reads(candidate, value, flow):
                return candidate
    elif node.style == "'" and _reads(quoted := "'" + value.replace("'", "''") + "'", value, flow):
        return quoted
    elif node.style == '"' and "\n" not in value:
        return double_quoted(value)
    return fresh(value, flow=flow, indent=_indent_for(src, node), eol=src.eol_at(src.start(node)))


def fresh(value, *, flow: bool, indent: int, eol: str) -> str:
    """A scalar in the plainest style that holds `value`: plain, single-quoted, a literal block
    (several lines, block context) or double-quoted; `indent` is a block's content indentation."""
    if not isinstance(value, str):
        return _plain_value(value, flow)
    candidates: list[str] = []
    if "\n" not in value:
        candidates += [value, "'" + value.replace("'", "''") + "'"]
    elif not flow:
        candidates.append(literal(value, indent, eol))
    for candidate in candidates:
        if candidate is not None and _reads(candidate, value, flow):
            return candidate
    return double_quoted(value)


def literal(value: str, indent: int, eol: str) -> str | None:
    body, chomp = _chomped(value)
    if chomp is None or body[:1] in (" ", "\t") or body.startswith("\n"):
        return None
    return "|" + chomp + "".join(eol + (" " * indent + line if line else "") for line in body.split("\n"))


def double_quoted(value: str) -> str:
    """JSON's escapes are YAML's: a double-quoted scalar holds any text on one line."""
    return json.dumps(value, ensure_ascii=False)


def _plain_value(value, flow: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if value is None:
        return "null"
    raise SpliceError(f"a value of the kind {type(value).__name__}")


# ---- block scalars ----


def _block(src: Source, node: yaml.ScalarNode, value: str) -> str | None:
    start, last = src.start(node), src.last(node)
    header_end = src.line_end(start)
    header = src.text[start:header_end]
    match = _HEADER.fullmatch(header)
    if not match:
        return None
    style, digit, chomp, digit2, rest = match.groups()
    body, new_chomp = _chomped(value)
    if new_chomp is None or (body[:1] in (" ", "\t") and not (digit or digit2)):
        return None
    eol = src.eol_at(start)
    source_lines = lines_of(src.text[src.next_line(start):last]) if last > header_end else []
    old_body = _chomped(node.value)[0]
    indent = _content_indent(source_lines, old_body)
    if indent is None:
        indent = _indent_for(src, node)
    if style == "|":
        old_units = _literal_units(source_lines, old_body)
        new_units = [(line, [" " * indent + line if line else ""]) for line in body.split("\n")] if body else []
    else:
        if any(line[:1] in (" ", "\t") for line in body.split("\n")):
            return None  # a folded block cannot hold a more-indented line as it was meant: let a literal one
        old_units = _folded_units(source_lines, old_body, indent)
        new_units = _folded_new(body, indent)
    if new_chomp != chomp:
        header = style + (digit or digit2) + new_chomp + rest
    lines = _kept(old_units, new_units, rewrap=style == ">")
    return header + src.text[header_end:src.next_line(start)] + _joined(lines, eol) if lines else header


def _chomped(value: str) -> tuple[str, str | None]:
    """The text without its final line break, and the chomping indicator that gives it back."""
    if value.endswith("\n\n") or value == "\n":
        return value, None  # kept blank lines at the end: a block scalar would need '+' and exact blank lines
    if value.endswith("\n"):
        return value[:-1], ""
    return value, "-"


def _content_indent(source_lines: list[str], old_body: str) -> int | None:
    """Spaces before a block's content: its first line's, less the spaces the value itself begins with."""
    first_source = next((line for line in source_lines if line.strip(" \t\r\n")), None)
    first_value = next((line for line in old_body.split("\n") if line.strip(" \t")), None)
    if first_source is None or first_value is None:
        return None
    lead = len(first_source) - len(first_source.lstrip(" "))
    return lead - (len(first_value) - len(first_value.lstrip(" ")))


Unit = tuple[str, list[str]]  # what a piece of the value reads, and the source lines that write it (with their breaks)


def _bare(line: str) -> str:
    return line.rstrip("\r\n")


def _literal_units(source_lines: list[str], old_body: str) -> list[Unit]:
    values = old_body.split("\n") if old_body else []
    if len(values) != len(source_lines):
        return []  # the lines do not map one to one (never in a well-formed block): write it all anew
    return [(value, [line]) for value, line in zip(values, source_lines)]


def _folded_units(source_lines: list[str], old_body: str, indent: int) -> list[Unit]:
    """A folded block's paragraphs (each its run of source lines) and blank lines, as units."""
    units: list[Unit] = []
    run: list[str] = []
    for line in [*source_lines, None]:
        if line is not None and _bare(line).strip(" \t"):
            if _bare(line)[indent:indent + 1] in (" ", "\t"):
                return []  # a more-indented line: folding is not a plain join there
            run.append(line)
            continue
        if run:
            units.append((" ".join(_bare(r)[indent:] for r in run), run))
            run = []
        if line is not None:
            units.append(("", [line]))
    rebuilt = _folded_new(old_body, indent)
    return units if [u[0] for u in units] == [u[0] for u in rebuilt] else []


def _folded_new(body: str, indent: int) -> list[Unit]:
    units: list[Unit] = []
    for number, entry in enumerate(body.split("\n") if body else []):
        if number:
            units.append(("", [""]))
        if entry:
            units.append((entry, [" " * indent + entry]))
    return units


def _kept(old: list[Unit], new: list[Unit], *, rewrap: bool) -> list[str]:
    """The new units' lines, the old source lines kept for the units that are the same at either end."""
    head = 0
    while head < min(len(old), len(new)) and old[head][0] == new[head][0]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail][0] == new[-1 - tail][0]:
        tail += 1
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if rewrap and len(middle_old) == len(middle_new) == 1 and middle_new[0][0] and middle_old[0][0]:
        middle = _rewrapped(middle_old[0][1], middle_new[0][0])
    else:
        middle = [line for _, lines in middle_new for line in lines]
    return [line for _, lines in old[:head] for line in lines] + middle + \
        [line for _, lines in old[len(old) - tail:] for line in lines]


def _joined(lines: list[str], eol: str) -> str:
    """Lines as text: each with its own break (a new line with `eol`), none after the last."""
    if not lines:
        return ""
    return "".join(line if line.endswith("\n") else line + eol for line in lines[:-1]) + _bare(lines[-1])


def _rewrapped(lines: list[str], text: str) -> list[str]:
    """A wrapped paragraph (`lines`, their words joined by single spaces) edited to `text`: the lines
    before and after the edit kept byte for byte, the edited stretch written on one line."""
    pieces = [_bare(line).strip(" \t") for line in lines]
    lead = [_bare(line)[: len(_bare(line)) - len(_bare(line).lstrip(" \t"))] for line in lines]
    head, joined = 0, ""
    while head < len(pieces) - 1 and text.startswith(joined + pieces[head] + " "):
        joined += pieces[head] + " "
        head += 1
    tail, ending = 0, ""
    while tail < len(pieces) - head - 1 and text.endswith(" " + pieces[-1 - tail] + ending) \
            and len(joined) + len(" " + pieces[-1 - tail] + ending) <= len(text):
        ending = " " + pieces[-1 - tail] + ending
        tail += 1
    middle = text[len(joined):len(text) - len(ending)]
    if not middle or middle != middle.strip(" \t"):
        return [lead[0] + text]
    return lines[:head] + [lead[head] + middle] + lines[len(lines) - tail:]


# ---- plain scalars over several lines ----


def _wrapped(src: Source, node: yaml.ScalarNode, value: str) -> str | None:
    """A plain scalar wrapped over lines, with the lines the edit left alone kept."""
    start, end = src.start(node), src.end(node)
    lines = lines_of(src.text[start:end])
    if len(lines) < 2 or "\n" in node.value:
        return None
    if " ".join(_bare(line).strip(" \t") for line in lines) != node.value:
        return None
    return _joined(_rewrapped(lines, value), src.eol_at(start))


def _indent_for(src: Source, node: yaml.Node) -> int:
    """A block's content indentation for a value that had none: two spaces right of the line it is on."""
    at = src.start(node)
    line = src.text[src.line_start(at):at]
    stripped = line.lstrip(" " + "\ufeff")
    column = len(line) - len(stripped)
    while stripped.startswith(("- ", "-\t")):  # an item's value: right of its dash
        column += 2
        stripped = stripped[2:].lstrip(" ")
    return column + 2


def _reads(candidate: str, value, flow: bool) -> bool:
    """`candidate` read by the findings reader (in a mapping, or a list for a flow context) is `value`."""
    from ..errors import ReportError
    from ..load import parse_yaml

    text = f"k: [{candidate}]\n" if flow else f"k: {candidate}\n"
    try:
        data = parse_yaml(text, "the rewritten value").data["k"]
    except (ReportError, KeyError, TypeError):
        return False
    if flow:
        if not isinstance(data, list) or len(data) != 1:
            return False
        data = data[0]
    return type(data) is type(value) and data == value
