"""The findings text as written, and exactly where each of its values lies.

PyYAML's composer gives every node its start and end offsets in the text (libyaml's counts
characters, as Python does, but not a byte-order mark: the mark is set aside and counted back).
Everything the splicer writes is placed by these offsets and the lines around them, so the rest of
the file — line endings, indentation, comments, quoting — is never read into a model and written out.
"""

from __future__ import annotations

import re

import yaml

BOM = "\ufeff"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Path = tuple


class SpliceError(Exception):
    """The edit cannot be written into the text without changing more than it."""


class Source:
    """`text` and its node tree; offsets are into `text` itself (its byte-order mark included)."""

    def __init__(self, text: str):
        self.text = text
        self.skip = len(BOM) if text.startswith(BOM) else 0
        self.root = yaml.compose(text[self.skip:], Loader=_Loader)
        self.shared = _shared(self.root)
        crlf = text.count("\r\n")
        self.eol = "\r\n" if crlf * 2 > text.count("\n") else "\n"  # the file's own, for lines it adds

    # ---- nodes ----

    def node(self, path: Path) -> yaml.Node:
        """The node at `path` (keys and list indices); refused where a '*' reference repeats it."""
        node = self.root
        for part in path:
            if id(node) in self.shared:
                break
            node = self.child(node, part)
        if id(node) in self.shared:
            raise SpliceError(f"{_shown(path)} is written once and repeated by a '*' reference")
        return node

    @staticmethod
    def child(node: yaml.Node, part) -> yaml.Node:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == str(part):
                    return value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            return node.value[part]
        raise SpliceError(f"no value at {part!r}")

    def key_node(self, mapping: yaml.MappingNode, key) -> yaml.Node:
        return next(k for k, _ in mapping.value if k.value == str(key))

    def start(self, node: yaml.Node) -> int:
        return node.start_mark.index + self.skip

    def end(self, node: yaml.Node) -> int:
        return node.end_mark.index + self.skip

    def last(self, node: yaml.Node) -> int:
        """Just after the node's last character: a block scalar's last line that holds text (its
        trailing spaces included, the blank lines after it not); a block collection's last value."""
        if isinstance(node, yaml.ScalarNode):
            if node.style in ("|", ">"):
                start, end = self.start(node), self.end(node)
                content = self.text[start:end].rstrip(" \t\r\n")
                return self.line_end(start + len(content))
            return self.end(node)
        if node.flow_style or not node.value:
            return self.end(node)
        return self.last(node.value[-1][1] if isinstance(node, yaml.MappingNode) else node.value[-1])

    def dash(self, item: yaml.Node) -> int:
        """Where the '- ' of a block sequence's item is."""
        at = self.start(item) - 1
        while at >= 0 and self.text[at] in " \t\r\n":
            at -= 1
        if at < 0 or self.text[at] != "-":
            raise SpliceError("a list item without its '- '")
        return at

    # ---- lines ----

    def line_start(self, at: int) -> int:
        return self.text.rfind("\n", 0, at) + 1

    def line_end(self, at: int) -> int:
        """The end of the line holding `at`, before its line break."""
        end = self.text.find("\n", at)
        if end < 0:
            return len(self.text)
        return end - 1 if end and self.text[end - 1] == "\r" else end

    def next_line(self, at: int) -> int:
        end = self.text.find("\n", at)
        return len(self.text) if end < 0 else end + 1

    def column(self, at: int) -> int:
        return at - self.line_start(at) - (self.skip if self.line_start(at) == 0 else 0)

    def eol_at(self, at: int) -> str:
        """The line break ending the line that holds `at` (the file's own where that line has none)."""
        end = self.text.find("\n", at)
        if end < 0:
            return self.eol
        return "\r\n" if end and self.text[end - 1] == "\r" else "\n"

    def blank_before(self, at: int) -> bool:
        """Only spaces between the start of the line and `at`."""
        return not self.text[self.line_start(at):at].strip(" \t" + BOM)

    def sequence_offset(self, path: Path, near: int) -> int:
        """How far this file writes a list's '- ' to the right of its key: as a list beside the new one
        does (in the mapping at `path`, else the nearest mapping holding it), else the list nearest `near`."""
        chain = [self.root]
        for part in path:
            try:
                chain.append(self.child(chain[-1], part))
            except SpliceError:
                break
        for node in reversed(chain):
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                        return self.column(self.dash(value.value[0])) - self.column(self.start(key))
        found: list[tuple[int, int]] = []
        stack = [self.root]
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    if isinstance(value, yaml.SequenceNode) and not value.flow_style and value.value:
                        dash = self.dash(value.value[0])
                        found.append((abs(dash - near), self.column(dash) - self.column(self.start(key))))
                    stack.append(value)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return min(found)[1] if found else 2


def _shared(root: yaml.Node | None) -> set[int]:
    """Nodes reached more than once (a '*' reference), and everything inside them."""
    seen: set[int] = set()
    shared: set[int] = set()

    def walk(node: yaml.Node, inside: bool) -> None:
        repeated = inside or id(node) in seen
        seen.add(id(node))
        if repeated:
            shared.add(id(node))
        children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else []
        for child in children:
            walk(child, repeated)

    if root is not None:
        walk(root, False)
    # a node first met before its alias is shared too: walk again now that repeats are known
    if shared:
        again = set(shared)

        def mark(node: yaml.Node, inside: bool) -> None:
            inside = inside or id(node) in again
            if inside:
                shared.add(id(node))
            children = [n for pair in node.value for n in pair] if isinstance(node, yaml.MappingNode) else \
                node.value if isinstance(node, yaml.SequenceNode) else []
            for child in children:
                mark(child, inside)

        mark(root, False)
    return shared


def _shown(path: Path) -> str:
    return ".".join(str(p) for p in path) or "the whole file"


LINE = re.compile(r"[^\n]*\n|[^\n]+")


def lines_of(text: str) -> list[str]:
    """Lines with their own line breaks ('\\r\\n' or '\\n'), the last maybe without."""
    return LINE.findall(text)
