"""Findings k times the size of Merton's, made from merton.yml, still valid for `reportgen check`.

For copy j = 2..k, every standard's `summary` and `narrative` and every key question's
`narrative` gets its paragraphs again, each footnote defined in the findings gets a new
twin `<name>-x<j>` (the copy's text refers to the twin instead of the original, and twins
nothing refers to yet are cited at the end of that copy's paragraphs, so every twin is
used), and the table rows grow k-fold: contextual facts, sections' facts (key staffing
data) and recommendations.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import yaml

REF = re.compile(r"\[\^([^\]\s]+)\](?!:)")


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def scale(data: dict[str, Any], k: int) -> dict[str, Any]:
    """A deep-edited copy of findings data, k times the narrative, footnotes and table rows."""
    data = yaml.safe_load(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))  # deep copy
    if k <= 1:
        return data
    names = list(data.get("footnotes", {}))
    defined = set(names)

    def twin(text: str, j: int, used: set[str]) -> str:
        def swap(match: re.Match) -> str:
            if match.group(1) in defined:
                used.add(f"{match.group(1)}-x{j}")
                return f"[^{match.group(1)}-x{j}]"
            return match.group(0)

        return REF.sub(swap, text)

    # Narrative slots: (owner mapping, key) for every standard/key-question text.
    slots: list[tuple[dict, str]] = []
    for domain in data["domains"]:
        for standard in domain["standards"]:
            for key in ("summary", "narrative"):
                if standard.get(key):
                    slots.append((standard, key))
            for kq in standard.get("key_questions", {}).values():
                if kq.get("narrative"):
                    slots.append((kq, "narrative"))
    originals = [owner[key] for owner, key in slots]

    for j in range(2, k + 1):
        used: set[str] = set()
        copies = [[twin(p, j, used) for p in _paragraphs(text)] for text in originals]
        unused = [f"{n}-x{j}" for n in names if f"{n}-x{j}" not in used]
        for name, index in zip(unused, itertools.cycle(range(len(copies)))):
            copies[index][-1] += f"[^{name}]"
        for (owner, key), paragraphs in zip(slots, copies):
            owner[key] = owner[key].rstrip("\n") + "\n\n" + "\n\n".join(paragraphs) + "\n"
        for name in names:
            data["footnotes"][f"{name}-x{j}"] = f"{data['footnotes'][name]} (copy {j})"

    # k-fold table rows; any footnote reference in a repeated row is dropped (rows are labels).
    def rows(items: list, label: str) -> list:
        out = list(items)
        for j in range(2, k + 1):
            for item in items:
                copy = dict(item)
                copy[label] = REF.sub("", copy[label]) + f" (copy {j})"
                out.append(copy)
        return out

    for table in data.get("contextual_facts", []):
        if table.get("facts"):
            table["facts"] = rows(table["facts"], "label")
    for domain in data["domains"]:
        for holder in (domain, *domain["standards"]):
            for section in holder.get("sections", []):
                if section.get("facts"):
                    section["facts"] = rows(section["facts"], "label")
    for group in data["recommendations"]:
        group["recommendations"] = [
            text if j == 1 else f"{REF.sub('', text)} (copy {j})"
            for j in range(1, k + 1)
            for text in group["recommendations"]
        ]
    return data


def write(source: Path, k: int, folder: Path) -> Path:
    """Write findings k× source's size to folder/<stem>-x<k>.yml and return its path."""
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    target = folder / f"{source.stem}-x{k}.yml"
    text = yaml.safe_dump(scale(data, k), allow_unicode=True, sort_keys=False, width=10_000)
    target.write_text(f"# Synthetic: {source.name} scaled {k}x by benchmarks/synthetic.py\n" + text, encoding="utf-8")
    return target
