"""Lists for the Word writer: Word's list styles by depth, and for every ordered list a numbering
instance of its own, so it restarts at the list's start number (recommendations 1–2, 3–4, 5–7).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markdown_it.token import Token


@dataclass
class _List:
    ordered: bool
    num_id: int | None = None  # Word numbering instance, for ordered lists


@dataclass
class Lists:
    """The writer's list state: the open lists, innermost last, and paragraphs so far in each open item."""

    numbering: Numbering
    open: list[_List] = field(default_factory=list)
    items: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, document) -> "Lists":
        return cls(Numbering(document))


def nth(names: list[str], level: int) -> str:
    """The style for nesting `level` (1-based); deeper lists reuse the last one."""
    return names[min(level, len(names)) - 1]


class ListMixin:
    """The list rules of DocxWriter, over its `lists` state. Paragraph styles are chosen in render_paragraph_open."""

    def list_paragraph(self) -> tuple[str, int | None]:
        """(style name, numbering instance) for the next paragraph of the current list item:
        its first paragraph carries the bullet or number, later ones continue beneath it."""
        depth, current = len(self.lists.open), self.lists.open[-1]
        first = self.lists.items[-1] == 0
        kind = ("number" if current.ordered else "bullet") if first else "continue"
        return nth(self.style.lists.of(kind), depth), current.num_id if first else None

    def render_bullet_list_open(self, token: Token) -> None:
        self.lists.open.append(_List(False))

    def render_ordered_list_open(self, token: Token) -> None:
        level = len(self.lists.open) + 1
        start = int(token.attrGet("start") or 1)
        style = self.style.id(nth(self.style.lists.number, level))
        self.lists.open.append(_List(True, self.lists.numbering.restart(style, start)))

    def render_bullet_list_close(self, token: Token) -> None:
        self.lists.open.pop()

    render_ordered_list_close = render_bullet_list_close

    def render_list_item_open(self, token: Token) -> None:
        self.lists.items.append(0)

    def render_list_item_close(self, token: Token) -> None:
        if self.lists.items[-1] == 0:  # an empty item still shows its bullet or number
            self.render_paragraph_open(token)
            self.end_paragraph()
        self.lists.items.pop()


class Numbering:
    """New w:num instances over the abstract numbering a list style already uses."""

    def __init__(self, document):
        self.numbering = document.part.numbering_part.element
        self.styles = document.styles.element
        self.abstract: dict[str, str] = {}

    def restart(self, style_id: str, start: int) -> int:
        if style_id not in self.abstract:
            style = self.styles.xpath(f'w:style[@w:styleId="{style_id}"]')[0]
            num_id = int(style.xpath("w:pPr/w:numPr/w:numId/@w:val")[0])
            self.abstract[style_id] = self.numbering.num_having_numId(num_id).abstractNumId.val
        num = self.numbering.add_num(self.abstract[style_id])
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId
