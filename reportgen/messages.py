"""Plain words for what pydantic and the YAML parser report: what was found, what was expected.

Inspectors write findings, not Python or YAML, so no message names a Python type ("tuple", "dict",
"datetime.date(…)", "instance of") or a parser's term ("mapping", "document", "scalar", "node"):
each error type maps to the form expected and an example, and a slip the inspector can recognise
(a date without leading zeros, a quote opening a text) is named as that slip. tests/test_messages.py
holds every message and fails on the words in PROGRAMMER_WORDS.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
from collections.abc import Iterable
from typing import Any

PYTHON_WORDS = re.compile(
    r"\b(tuple|dict|dictionary|instance|datetime|input_value|pydantic|NoneType|str|int|bool|float|"
    r"list\[|Value error|validation error|Traceback)\b",
    re.IGNORECASE,
)
# …and the words of YAML's own specification and of programmers, which an inspector never needs:
# a 0-based path (domains[0]) or a quoted key in brackets (key_questions["2.1.3"]) included
PROGRAMMER_WORDS = re.compile(
    r"\b(?:mapping|document|scalar|yaml|node|stream|token|indicator|alias|anchor|null|boolean|integer|string|"
    r"regex|(?-i:None))\b|\w\[\d*\]|\w\[\"|" + PYTHON_WORDS.pattern,
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
FIELDS = "fields indented beneath it, one 'name: value' a line"
BY_PATTERN = {  # the house's own patterns (brand.yml, word/styles.yml), whatever the field is called
    r"^https://": "a web address starting https://, e.g. https://www.example.gov.uk/",
    r"^#[0-9a-fA-F]{6}$": "a colour written #RRGGBB in quotes, e.g. \"#5c2d91\"",
    r"^[0-9a-fA-F]{6}$": "a colour as six hex digits in quotes, no #, e.g. \"5c2d91\"",
}


def describe(value: Any, limit: int = 60) -> str:
    """A value as it would be quoted back to an inspector, in the words of the findings format."""
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
        return f"fields ({keys}) where one value goes" if value else "'{}' (no fields)"
    text = " ".join(str(value).split())
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return "'" + text.replace("'", "’") + "'"


DATE_KINDS = ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact")
WRITTEN_AS_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def found(kind: str, value: Any) -> str:
    """What was found, in words; a date-shaped text that is no date (2025-02-30, 2025-13-01) says why."""
    if kind in DATE_KINDS and isinstance(value, str):
        impossible = _impossible(value.strip())
        if impossible:
            return impossible
    return describe(value)


def expected(kind: str, field: str, value: Any, ctx: dict[str, Any], message: str, keys: list[str] | None) -> str:
    """What the field needed, in words, for pydantic's error `kind`."""
    if kind in ("string_type",):
        if isinstance(value, (datetime.date, int, float, bool)):
            return "text: put it in quotes to keep it as written, e.g. 'May 2022'"
        if isinstance(value, (list, dict)):
            return "one text, not a list or fields"
        return "text"
    if kind in ("int_type", "int_parsing"):
        return WHOLE
    if kind == "int_from_float":
        return "a whole number, not a fraction"
    if kind in ("float_type", "float_parsing"):
        return "a number, e.g. 11 or 9.5"
    if kind in ("bool_type", "bool_parsing"):
        return "true or false"
    if kind in DATE_KINDS:
        return _date_expected(kind, field, value)
    if kind in ("tuple_type", "list_type"):
        return f"a list of {LIST_OF.get(field, 'items')}, one per line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        listed = f" ({', '.join(keys[:8])}{', …' if len(keys) > 8 else ''})" if keys else ""
        return f"{FIELDS}{listed}"
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
        return BY_PATTERN.get(ctx.get("pattern", ""), PATTERNS.get(field, ID_FORM))
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
    written = re.fullmatch(r"datetime\.date\((\d+), (\d+), (\d+)\)", str(limit))  # a bound on a date in a union
    if written:
        limit = datetime.date(*(int(n) for n in written.groups()))
    if isinstance(limit, datetime.date) or isinstance(value, datetime.date) or WRITTEN_AS_DATE.fullmatch(str(limit)):
        limit = limit.isoformat() if isinstance(limit, datetime.date) else limit
        return f"a date {'on or after' if kind == 'greater_than_equal' else 'on or before'} {limit}"
    words = {"greater_than_equal": "at least", "greater_than": "more than", "less_than_equal": "at most", "less_than": "less than"}
    return f"a whole number {words[kind]} {limit}"


# ---------------------------------------------------------------------------
# dates as people write them
# ---------------------------------------------------------------------------

_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name} | {
    name.lower(): n for n, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
_NUMERIC = (  # (pattern, order of year, month, day in the groups): ISO without zeros, then the UK's day first
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"), (1, 2, 3)),
    (re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})"), (3, 2, 1)),
)
_WORDED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})|([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def _parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date written in a common way, whether or not it exists."""
    for pattern, (y, m, d) in _NUMERIC:
        match = pattern.fullmatch(text)
        if match:
            return int(match.group(y)), int(match.group(m)), int(match.group(d))
    match = _WORDED.fullmatch(text)
    if match:
        day, month, year = (match.group(1), match.group(2), match.group(3)) if match.group(1) else (match.group(5), match.group(4), match.group(6))
        if month.lower() in _MONTHS:
            return int(year), _MONTHS[month.lower()], int(day)
    return None


def meant_date(text: str) -> str | None:
    """The date a text evidently means, written YYYY-MM-DD ('2027-2-28', '28/02/2027', '28 February 2027'
    → 2027-02-28, the UK's day-first order); None if it means no real date."""
    parts = _parts(text.strip())
    if parts is None:
        return None
    try:
        return datetime.date(*parts).isoformat()
    except ValueError:
        return None


def _date_expected(kind: str, field: str, value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if kind == "date_from_datetime_inexact":
        return f"{DATE}, without a time" + (f": {meant_date(text.split()[0])}" if text and meant_date(text.split()[0]) else "")
    month = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    if field == "published" and month and 1 <= int(month.group(2)) <= 12:
        return f"a month written YYYY-MM: {int(month.group(1)):04d}-{int(month.group(2)):02d} (or a date, YYYY-MM-DD)"
    meant = meant_date(text) if text else None
    return DATE if meant is None else f"a date written YYYY-MM-DD: {meant}"


def _impossible(text: str) -> str | None:
    """'the impossible date 2025-02-30 (February 2025 has 28 days)' for a date written well that does not exist."""
    parts = _parts(text)
    if parts is None or meant_date(text) is not None:
        return None
    year, month, day = parts
    if not 1 <= month <= 12:
        return f"the impossible date {text} (there is no month {month})"
    days = calendar.monthrange(year, month)[1]
    return f"the impossible date {text} ({calendar.month_name[month]} {year} has {days} days)"


# ---------------------------------------------------------------------------
# YAML parser problems
# ---------------------------------------------------------------------------

YAML_PROBLEMS = [  # (libyaml's words, found, expected)
    ("mapping values are not allowed", "a ': ' inside a value",
     "a text containing ': ' in quotes, e.g. fieldwork: \"May: 2022\""),
    ("could not find expected ':'", "a line that is neither 'name: value' nor a list item",
     "'name: value' (a text running over several lines needs '|' or quotes)"),
    ("found character '\\t' that cannot start any token", "a tab", "spaces for indentation (tabs are not allowed)"),
    ("found character", "a character that cannot start a value", "the value in quotes"),
    ("did not find expected key", "a line indented differently from the fields around it",
     "each field in line with the others beside it"),
    ("did not find expected '-' indicator", "a line indented differently from the list around it",
     "each item of a list starting with '- ', in line with the others"),
    ("did not find expected node content", "nothing after a '-' or ':' that needs a value", "a value"),
    ("did not find expected ',' or ']'", "a '[' list that is not closed", "a closing ']' (or the text in quotes, if the '[' is part of it)"),
    ("did not find expected ',' or '}'", "a '{' that is not closed", "a closing '}' (or the text in quotes, if the '{' is part of it)"),
    ("found undefined alias", "a reference '*' to a name no '&' defines", "a name defined earlier with '&'"),
    ("found unexpected end of stream", "the end of the file inside quotes", "the closing quote"),
    ("found unknown escape character", "an unknown escape after '\\' in double quotes", "single quotes, or '\\\\' for a backslash"),
    ("expected <block end>, but found", "a line indented differently from the lines around it", "consistent indentation"),
    ("while scanning a simple key", "a line that is neither 'name: value' nor a list item", "'name: value'"),
    ("exceeded maximum nesting depth", "nesting too deep to read", "fewer levels of indentation"),
    ("expected a single document", "a second '---' line, starting a second set of findings", "one set of findings per file"),
]
OPENING_QUOTE = re.compile(r"""^(\s*(?:-\s+)*(?:[^\s'"#\[{][^:#]*:\s+)?)(['"\[{])""")
CLOSING = {"'": "'", '"': '"', "[": "]", "{": "}"}
OPENED_BY = {"'": "a quotation mark", '"': "a quotation mark", "[": "a bracket '['", "{": "a brace '{'"}


def yaml_problem(problem: str, context: str = "", at: str = "", line: str = "", column: int = 0) -> tuple[str, str]:
    """(found, expected) for a libyaml error, in plain words; `at` is the character where it stopped,
    `line` the text of that line and `column` (0-based) where on it."""
    quoted = opening_quote(line, column)
    if quoted:
        return quoted
    said = f"{problem} {context}".strip().replace("\t", "\\t")
    if "cannot start any token" in said and at == "\t":
        said = "found character '\\t' that cannot start any token"
    for words, found, expected_words in YAML_PROBLEMS:
        if words in said:
            return found, expected_words
    return ("a line that cannot be read here",
            "'name: value' lines and '- ' list items, indented consistently with spaces")


def opening_quote(line: str, column: int) -> tuple[str, str] | None:
    """A value that opens with a quote which closes before the value ends (- 'Good' practice was seen…),
    or with a bracket or brace closed before it ends ([name] said…): the quoted words (a list, a set of
    fields) are taken as the whole value and the rest cannot be read."""
    match = OPENING_QUOTE.match(line)
    if not match or column <= match.end():
        return None
    quote, before = match.group(2), line[:column].rstrip()
    if not before.endswith(CLOSING[quote]) or len(before) <= match.end():
        return None
    value = line[match.end(1):].strip()
    if value.endswith(CLOSING[quote]):
        return None
    meant = value.replace("''", "'") if quote == "'" else value  # '' is how an apostrophe is typed inside single quotes
    shown = meant if len(meant) <= 50 else meant[:49] + "…"
    fixed = '"' + shown.replace("\\", "\\\\") + '"' if '"' not in meant else "'" + shown.replace("'", "''") + "'"
    lead = " ".join(match.group(1).split())
    return (f"a text opening with {OPENED_BY[quote]} ({shown}): only {before[match.end(1):]} is read, the words after it cannot be",
            f"the whole text in quotes: {lead} {fixed}".replace(":  ", ": ")
            + (" (an apostrophe inside single quotes is typed twice: '')" if '"' in meant and "'" in meant else ""))


def one_of(found: str, choices: Iterable[str], what: str = "one of", prefer: Iterable[str] = ()) -> str:
    """'a rating word: 'Inadequate', … (did you mean 'Good'?)' — the choices, and the nearest if there is one;
    among `prefer` first (the ids not yet written: a mistyped 2.1.9 beside a missing 2.1.2 meant 2.1.2)."""
    choices = list(choices)
    prefer = [c for c in choices if c in set(prefer)]
    same = [c for c in choices if c.casefold() == found.casefold()]
    close = same or (prefer if len(prefer) == 1 else difflib.get_close_matches(found, prefer, n=1, cutoff=0.5)) \
        or difflib.get_close_matches(found, choices, n=1, cutoff=0.6)
    listed = ", ".join(repr(c) for c in choices[:12]) + (", …" if len(choices) > 12 else "")
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{what} {listed}{hint}"
