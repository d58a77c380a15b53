"""Plain words for what pydantic and the YAML parser report: what was found, what was expected.

Inspectors write YAML, not Python, so no message names a Python type ("tuple", "dict",
"datetime.date(…)", "instance of"): each error type maps to the form expected and an
example. tests/test_messages.py holds every message and fails on Python words.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

PYTHON_WORDS = re.compile(
    r"\b(tuple|dict|dictionary|instance|datetime|input_value|pydantic|NoneType|str|int|bool|float|"
    r"list\[|Value error|validation error|Traceback)\b",
    re.IGNORECASE,
)
DATE = "a date written YYYY-MM-DD, e.g. 2021-05-17"
WHOLE = "a whole number, e.g. 12"
LIST_OF = {  # what the items of a list field are, in the inspectors' words
    "strengths": "paragraphs", "areas_for_improvement": "paragraphs", "recommendations": "items",
    "categories": "category names", "service": "whole-number percentages", "national": "whole-number percentages",
    "notes": "notes",
}
PATTERNS = {  # a pattern-checked field → its form, with an example
    "isbn": "an ISBN written with hyphens, e.g. 978-1-915468-14-7",
    "colour": "a colour written #RRGGBB, e.g. #cfe8d3",
}
ID_FORM = "an id of letters, digits, '.', '_' or '-' (at most 40), e.g. 2.1.1"


def describe(value: Any, limit: int = 60) -> str:
    """A value as it would be quoted back to an inspector, in YAML's terms."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, (list, tuple)):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        keys = ", ".join(str(k) for k in list(value)[:4]) + (", …" if len(value) > 4 else "")
        return f"a mapping (with {keys})" if value else "an empty mapping"
    text = " ".join(str(value).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "'" + text.replace("'", "’") + "'"


DATE_KINDS = ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact")
WRITTEN_AS_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def found(kind: str, value: Any) -> str:
    """What was found, in words; a date-shaped text that is no date (2025-02-30, 2025-13-01) says so."""
    if kind in DATE_KINDS and isinstance(value, str) and WRITTEN_AS_DATE.fullmatch(value.strip()):
        return f"the impossible date {value.strip()}"
    return describe(value)


def expected(kind: str, field: str, value: Any, ctx: dict[str, Any], message: str, keys: list[str] | None) -> str:
    """What the field needed, in words, for pydantic's error `kind`."""
    if kind in ("string_type",):
        if isinstance(value, (datetime.date, int, float, bool)):
            return "text: put it in quotes to keep it as written, e.g. 'May 2022'"
        if isinstance(value, (list, dict)):
            return "one text, not a list or mapping"
        return "text"
    if kind in ("int_type", "int_parsing"):
        return WHOLE
    if kind == "int_from_float":
        return "a whole number, not a fraction"
    if kind in ("bool_type", "bool_parsing"):
        return "true or false"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return DATE
    if kind == "date_from_datetime_inexact":
        return f"{DATE}, without a time"
    if kind in ("tuple_type", "list_type"):
        return f"a list of {LIST_OF.get(field, 'items')}, one per line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        listed = f" with keys {', '.join(keys[:8])}{', …' if len(keys) > 8 else ''}" if keys else ""
        return f"a mapping{listed}: 'key: value' lines indented beneath"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return "at least one item" if n == 1 else f"at least {n} items"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} items"
    if kind == "string_too_short":
        return "some text, not empty" if field not in PATTERNS else PATTERNS[field]
    if kind == "string_too_long":
        return ID_FORM if ctx.get("max_length") == 40 else f"at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        return PATTERNS.get(field, ID_FORM)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _bound(kind, ctx, value)
    if kind == "literal_error":
        return f"one of {ctx.get('expected', '')}".replace(" or ", ", ")
    if kind == "value_error":
        return message.removeprefix("Value error, ")
    if kind == "missing":
        return "a value (required)"
    return "a value of the kind this field takes (see docs/findings-format.md)"


def _bound(kind: str, ctx: dict[str, Any], value: Any) -> str:
    limit = next(iter(ctx.values()), None)
    if isinstance(limit, datetime.date) or isinstance(value, datetime.date) or WRITTEN_AS_DATE.fullmatch(str(limit)):
        limit = limit.isoformat() if isinstance(limit, datetime.date) else limit
        return f"a date {'on or after' if kind == 'greater_than_equal' else 'on or before'} {limit}"
    words = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most", "less_than": "less than"}
    return f"a whole number {words[kind]} {limit}"


# ---------------------------------------------------------------------------
# YAML parser problems
# ---------------------------------------------------------------------------

YAML_PROBLEMS = [  # (libyaml's words, found, expected)
    ("mapping values are not allowed", "a ': ' inside a value",
     "a text containing ': ' in quotes, e.g. fieldwork: \"May: 2022\""),
    ("could not find expected ':'", "a line that is neither 'key: value' nor a list item",
     "'key: value' (a text running over several lines needs '|' or quotes)"),
    ("found character '\\t' that cannot start any token", "a tab", "spaces for indentation (YAML does not allow tabs)"),
    ("found character", "a character that cannot start a value", "the value in quotes"),
    ("did not find expected key", "a line indented differently from the keys around it",
     "each key in line with the others of its mapping"),
    ("did not find expected '-' indicator", "a line indented differently from the list around it",
     "each item of a list starting with '- ', in line with the others"),
    ("did not find expected node content", "nothing after a '-' or ':' that needs a value", "a value"),
    ("found undefined alias", "an alias to an unknown anchor", "a defined anchor"),
    ("found unexpected end of stream", "the end of the file inside quotes", "the closing quote"),
    ("found unknown escape character", "an unknown escape after '\\' in double quotes", "single quotes, or '\\\\' for a backslash"),
    ("expected <block end>, but found", "a line indented differently from the block around it", "consistent indentation"),
    ("while scanning a simple key", "a line that is neither 'key: value' nor a list item", "'key: value'"),
    ("exceeded maximum nesting depth", "nesting too deep to read", "a shallower document"),
    ("expected a single document", "a second YAML document ('---')", "one document per file"),
]


def yaml_problem(problem: str, context: str = "", at: str = "") -> tuple[str, str]:
    """(found, expected) for a libyaml error, in plain words; `at` is the character where it stopped."""
    said = f"{problem} {context}".strip().replace("\t", "\\t")
    if "cannot start any token" in said and at == "\t":
        said = "found character '\\t' that cannot start any token"
    for words, found, expected_words in YAML_PROBLEMS:
        if words in said:
            return found, expected_words
    return "YAML that cannot be read here", "valid YAML: 'key: value' lines, '- ' list items, consistent indentation"
