"""JSON Schema of the findings format, for editors that validate and complete YAML as it is typed.

Without an edition it describes any findings file. With one it also names what that
edition allows: the edition id, its rating words, and its domain, standard, key-question
and prompt ids, each with its published wording as the description an editor shows.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import TODO, Edition, Findings

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def findings_schema(edition: Edition | None = None) -> dict[str, Any]:
    """The findings format as JSON Schema (draft 2020-12), for one edition if given."""
    document = Findings.model_json_schema()
    document["$schema"] = DRAFT
    document["title"] = "reportgen findings"
    if edition is not None:
        for_edition(document, edition)
    return document


def _choices(items: list[tuple[str, str]]) -> dict[str, Any]:
    return {"anyOf": [{"const": value, "description": text} for value, text in items]}


def for_edition(document: dict[str, Any], edition: Edition) -> None:
    """Narrow the generic schema to one edition's words and ids (in place)."""
    defs = document["$defs"]
    document["title"] = f"reportgen findings: {edition.name}"
    document["properties"]["edition"] = {"const": edition.id, "description": f"Framework edition: {edition.name}."}

    words = [(r.name, f"Rating word, scoring {r.score}.") for r in edition.scale]
    standards = edition.standards()
    key_questions = {kq.id: kq for s in standards for kq in s.key_questions}

    domain = defs["DomainFindings"]["properties"]
    domain["id"] = {**_choices([(d.id, d.name) for d in edition.domains]), "description": domain["id"]["description"]}
    standard = defs["StandardFindings"]["properties"]
    standard["id"] = {**_choices([(s.id, f"{s.name} ({s.method}): {s.statement}") for s in standards]),
                      "description": standard["id"]["description"]}
    todo = [(TODO, "Not rated yet: a placeholder that `check` lists and `check --final` refuses.")]
    standard["rating"] = {"anyOf": [*_choices(words + todo)["anyOf"], {"type": "null"}], "description": standard["rating"]["description"]}
    discretion = defs["Discretionary"]["properties"]
    discretion["rating"] = {**_choices(words), "description": discretion["rating"]["description"]}

    standard["key_questions"] = {
        "type": "object",
        "description": standard["key_questions"]["description"],
        "properties": {kq.id: _key_question(kq) for kq in key_questions.values()},
        "additionalProperties": False,
    }


def _key_question(kq) -> dict[str, Any]:
    """A key question's findings, with its own prompts named (prompt ids repeat between key questions)."""
    node: dict[str, Any] = {"$ref": "#/$defs/KeyQuestionFindings", "description": kq.text}
    if kq.prompts:
        node["properties"] = {"prompts": {
            "type": "object",
            "description": f"Counts for the prompts of {kq.id}, by prompt id.",
            "properties": {p.id: {"$ref": "#/$defs/PromptCount", "description": p.text} for p in kq.prompts},
            "additionalProperties": False,
        }}
    return node


def schema_text(document: dict[str, Any]) -> str:
    """Stable text: sorted keys, so a committed schema changes only when the format does."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
