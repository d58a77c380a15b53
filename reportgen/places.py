"""A place in a findings file named as an inspector names it: "standard 1.2, rating", not `domains[0].standards[1].rating`.

Messages print this; code that anchors on a field (draft comments, absorb) keeps the path itself
(`format_path`). Domains, standards, key questions and prompts are named by the ids written
in the file; other list items by what they are, counted from 1.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Path_ = tuple[str | int, ...]
Lookup = Callable[[Path_], Any]

ITEM = {  # a list's key → what one item of it is called
    "strengths": "strength", "areas_for_improvement": "area for improvement", "but": "shortfall",
    "team": "team role", "members": "member", "contextual_facts": "fact table", "facts": "fact",
    "comparisons": "comparison", "categories": "category", "service": "service percentage",
    "national": "national percentage", "sections": "section", "front_sections": "front section",
    "annexes": "annexe", "glossary": "glossary entry", "explanation": "explanation paragraph",
    "paragraphs": "paragraph", "key_findings": "key finding", "rows": "row", "values": "value",
    "columns": "column", "notes": "note",
}
ENTRY = {"footnotes": "footnote", "boilerplate": "wording block", "key_questions": "key question", "prompts": "prompt"}
QUOTED = {"yes", "no"}  # keys that read as answers in a sentence: 'yes'
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()


def place(path: Path_, lookup: Lookup) -> str:
    """How an inspector names `path`; `lookup(path)` gives the value written there (or None)."""
    said: list[str] = []
    index = 0
    while index < len(path):
        part, after = path[index], path[index + 1] if index + 1 < len(path) else None
        if part in ("domains", "standards") and isinstance(after, int):
            named = _numbered(part[:-1], after, lookup(path[: index + 2]), said)
            said = [named]  # a standard's id names its domain too
            index += 2
        elif part in ENTRY and after is not None and not isinstance(after, int):
            named = f"{ENTRY[part]} {after}"
            said = [named] if _within(said, str(after)) else [*said, named]  # 2.1.3 names standard 2.1 too
            index += 2
        elif part == "recommendations" and isinstance(after, int):
            nested = index > 0
            said.append(f"{'recommendation' if nested else 'recommendation group'} {after + 1}")
            index += 2
        elif isinstance(part, str) and isinstance(after, int):
            said.append(_item(part, after, lookup(path[: index + 2])))
            index += 2
        elif isinstance(part, int):  # an item of a list the table does not name
            said.append(f"item {part + 1}")
            index += 1
        else:
            said.append(f"'{part}'" if part in QUOTED else str(part))
            index += 1
    return ", ".join(said)


def _within(said: list[str], ident: str) -> bool:
    """True if `ident` (2.1.3) extends the one id said so far (standard 2.1), so naming it alone is enough."""
    return len(said) == 1 and ident.startswith(said[0].rsplit(" ", 1)[-1] + ".")


def _numbered(noun: str, index: int, value: Any, said: list[str]) -> str:
    """'domain 2', 'standard 1.2' by the id written; 'the third standard of domain 1' where there is none."""
    ident = value.get("id") if isinstance(value, dict) else None
    if isinstance(ident, (str, int)) and not isinstance(ident, bool) and str(ident).strip():
        return f"{noun} {str(ident).strip()}"
    nth = ORDINALS[index] if index < len(ORDINALS) else f"number {index + 1}"
    return f"the {nth} {noun}" + (f" of {said[0]}" if said else "")


def _item(key: str, index: int, value: Any) -> str:
    """'strength 3', 'section "Diversity"', 'glossary entry "AssetPlus"'."""
    noun = ITEM.get(key, f"{key}, item")
    for label in ("heading", "term", "dimension"):
        if isinstance(value, dict) and isinstance(value.get(label), str) and value[label].strip():
            text = " ".join(value[label].split())
            return f'{noun} "{text if len(text) <= 40 else text[:39] + "…"}"'
    return f"{noun} {index + 1}"


def value_at(data: Any, path: Path_) -> Any:
    """The value at `path` in plain data, or None where there is none."""
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def format_path(path: Path_) -> str:
    """('domains', 1, 'key_questions', '2.1.1') → 'domains[1].key_questions["2.1.1"]'."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}" if out else part
        else:
            out += f'["{part}"]'
    return out
