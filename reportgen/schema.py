"""JSON Schema of the findings format, for editors that validate and complete YAML as it is typed."""

from __future__ import annotations

import json
from typing import Any

from .model import Findings


def findings_schema(edition: str | None = None) -> dict[str, Any]:
    """The findings format as JSON Schema (draft 2020-12)."""
    document = Findings.model_json_schema()
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "reportgen findings"
    return document


def schema_text(document: dict[str, Any]) -> str:
    """Stable text: sorted keys, so a committed schema changes only when the format does."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
