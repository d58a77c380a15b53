"""docs/findings-format.md, generated from the models and the editions, so it cannot drift from them.

`python -m reportgen.authoring.reference docs/findings-format.md` writes it; tests/test_reference.py
fails when the committed file is not what this module makes. Examples are the first value
of each field in the real findings (findings/*.yml).
"""

from __future__ import annotations

import datetime
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..model import Findings, Note

ROOT = Path(__file__).resolve().parent.parent.parent


def type_words(annotation: Any) -> str:
    """A field's type in words: 'list of text', 'mapping of id → key question findings'."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return type_words(args[0])
    if origin in (typing.Union, types.UnionType):
        kinds = [type_words(a) for a in args if a is not type(None)]
        return " or ".join(kinds)
    if origin is typing.Literal:
        return "one of " + ", ".join(f"`{a}`" for a in args)
    if origin is tuple:
        return f"list of {type_words(args[0])}"
    if origin is dict:
        return f"mapping of id → {type_words(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {str: "text", int: "whole number", bool: "true or false", datetime.date: "date (YYYY-MM-DD)"}.get(annotation, str(annotation))


def models() -> list[type[BaseModel]]:
    """Every findings model, the top first, each after the one that uses it."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in found:
            return
        found.append(model)
        for field in model.model_fields.values():
            for inner in _models_in(field.annotation):
                visit(inner)

    visit(Findings)
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for a in typing.get_args(annotation) for m in _models_in(a)]


def examples() -> dict[tuple[str, str], Any]:
    """The first value of each (model, field) in the real findings."""
    from ..load import load_yaml

    seen: dict[tuple[str, str], Any] = {}

    def walk(model: type[BaseModel], data: Any) -> None:
        if not isinstance(data, dict):
            return
        for name, value in data.items():
            field = model.model_fields.get(name)
            if field is None:
                continue
            if value not in (None, "", [], {}) and not _models_in(field.annotation):
                seen.setdefault((model.__name__, name), value)
            for inner in _models_in(field.annotation):
                items = value.values() if isinstance(value, dict) and typing.get_origin(_bare(field.annotation)) is dict else \
                    value if isinstance(value, list) else [value]
                for item in items:
                    walk(inner, item)

    for path in sorted((ROOT / "findings").glob("*.yml")):
        walk(Findings, load_yaml(path).data)
    return seen


def _bare(annotation: Any) -> Any:
    while typing.get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
    return annotation


def _example(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return f"`{value.isoformat()}`"
    if isinstance(value, dict):
        value = list(value)  # a mapping by id: its ids
    if isinstance(value, list):
        return _example(", ".join(str(v) for v in value))
    text = " ".join(str(value).split())
    return "`" + (text if len(text) <= 60 else text[:59] + "…").replace("|", "\\|").replace("`", "'") + "`"


def fields_section() -> list[str]:
    seen = examples()
    lines = ["## Fields", ""]
    for model in models():
        doc = " ".join((model.__doc__ or "").split())
        lines += [f"### {model.__name__}", "", *([doc, ""] if doc else []),
                  "| field | type | required | description | example |", "| --- | --- | --- | --- | --- |"]
        for name, field in model.model_fields.items():
            required = "yes" if field.is_required() else "no"
            description = " ".join((field.description or "").split()).replace("|", "\\|")
            lines.append(f"| `{name}` | {type_words(field.annotation)} | {required} | {description} | {_example(seen.get((model.__name__, name)))} |")
        lines.append("")
    return lines


def editions_section() -> list[str]:
    from ..house import Folders, load_house

    house = load_house(Folders.given(environ={}))  # the shipped editions only
    lines = ["## Editions", "", "Findings give `edition:` and key their numbers by these ids.", ""]
    for edition_id in sorted(house.editions):
        edition = house.edition(edition_id)
        words = ", ".join(f"{r.name} ({r.score})" for r in edition.scale)
        lines += [f"### {edition.name} (`{edition.id}`)", "", f"Ratings, lowest first, with their scores: {words}.", "",
                  "| standard | name | rated by | scored |", "| --- | --- | --- | --- |"]
        for standard in edition.standards():
            lines.append(f"| `{standard.id}` | {standard.name} | {standard.method} | {'yes' if standard.scored else 'no'} |")
        lines.append("")
        for standard in edition.standards():
            if not standard.key_questions:
                continue
            lines += [f"#### {edition.id} {standard.id} {standard.name}", "", "| key question | text | prompts |", "| --- | --- | --- |"]
            for kq in standard.key_questions:
                prompts = "<br>".join(f"`{p.id}` {' '.join(p.text.split())}" for p in kq.prompts)
                lines.append(f"| `{kq.id}` | {' '.join(kq.text.split())} | {prompts} |".replace("|  |", "| |"))
            lines.append("")
    return lines


def reference() -> str:
    lines = [
        "# The findings format",
        "",
        "<!-- Generated by `python -m reportgen.authoring.reference docs/findings-format.md` from reportgen/model.py and the",
        "     framework editions; do not edit by hand (tests/test_reference.py keeps it current). -->",
        "",
        "A findings file (`findings/<service>.yml`) is YAML. Start one with",
        "`reportgen new \"SERVICE NAME\" --edition EDITION`; `reportgen check` says what is wrong or unfinished,",
        "and `reportgen schema --edition EDITION` gives editors the same rules as JSON Schema. Text fields are",
        "Markdown; `[^name]` refers to a footnote under `footnotes`. A note (`notes`, for the draft only) is",
        f"text or a [{Note.__name__}](#note).",
        "",
        *fields_section(),
        *editions_section(),
    ]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str]) -> int:
    text = reference()
    if argv:
        Path(argv[0]).parent.mkdir(parents=True, exist_ok=True)
        Path(argv[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
