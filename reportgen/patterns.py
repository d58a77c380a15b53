"""An edition's phrasings (`statements:`) as regular expressions: placeholders filled, clauses anchored.

Below the models (model.Statements validates each pattern with `pattern_problem`) and used by
checks/statements.py; it imports nothing of reportgen at run time.

A pattern is matched, regardless of case, where a statement starts — a sentence's start, or after
'Overall,' or 'However,' — and must reach the end of its clause: a rating may be followed only by
punctuation or a new clause ('and …'), a count by punctuation, a list of cases only by the sentence's
end, so a statement qualified after its figure ('was 'Outstanding' for desistance') is not read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

Edition = Statements = Any  # model.Edition, model.Statements: the models import this module, so it names them only


class _Empty:
    qualifier, case_kinds, quantifiers, topics = "", "cases?", {}, {}


_EMPTY = _Empty()

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = {"service", "standard", "qualifier", "rating", "quoted_rating", "count", "topic", "topics", "cases"}
_CLAUSE = r"(?:^|(?<=\boverall, )|(?<=\bhowever, ))"  # a statement starts its sentence, or follows 'Overall,'
_ENDS = {  # what may follow a statement: a rating, a clause; a count, a comma; a list of cases, only the sentence's end
    "rating": r"(?=\s*(?:$|[.;:!?,)]|\s(?:and|but|which|while|whereas)\b))",
    "count": r"(?=\s*(?:$|[.;:,]))",
    "cases": r"(?=\s*(?:$|[.;]))",
}
NUMBER = r"\b(?:\d+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)\b"


def _quantifiers(data: Statements) -> str:
    names = {"every": "q_every", "all_but": "q_but", "of": "q_of", "none": "q_none"}
    parts = []
    for kind, regex in data.quantifiers.items():
        prefix = {"all_but": "but", "of": "of", "none": "none"}.get(kind, "x")
        filled = regex.replace("{n}", f"(?P<{prefix}_n>{NUMBER})").replace("{m}", f"(?P<{prefix}_m>{NUMBER})")
        parts.append(f"(?P<{names[kind]}>{filled})")
    return "(?P<count>" + "|".join(parts) + ")"


def _item(data: Statements) -> str:
    return f"{NUMBER} (?:{data.case_kinds})"


def nouns(edition: Edition, data: Statements) -> dict:
    """Each standard's names in running text (its noun, its name, the edition's aliases): by standard,
    by domain (a name two standards of a domain share is left out) and across the edition (unique names only)."""
    by_standard: dict[str, set[str]] = {}
    by_domain: dict[str, dict[str, str]] = {}
    seen: dict[str, set[str]] = {}
    for domain in edition.domains:
        shared: dict[str, set[str]] = {}
        for standard in domain.standards:
            names = {(standard.noun or standard.name).lower(), standard.name.lower(), *(a.lower() for a in data.aliases.get(standard.id, ()))}
            by_standard[standard.id] = names
            for name in names:
                shared.setdefault(name, set()).add(standard.id)
                seen.setdefault(name, set()).add(standard.id)
        by_domain[domain.id] = {n: next(iter(ids)) for n, ids in shared.items() if len(ids) == 1}
    unique = {n: next(iter(ids)) for n, ids in seen.items() if len(ids) == 1}
    return {"standards": by_standard, "domains": by_domain, "unique": unique}


def fill(data: Statements | None, pattern: str, service: str, standards: list[str], words: list[str], family: str) -> str:
    """The regular expression a pattern stands for: placeholders filled, anchored to a clause's start and end
    (`data` None: the edition's other parts stand empty, to check the pattern alone)."""
    data = data or _EMPTY

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name == "service":
            return service
        if name == "standard":
            return "(?P<standard>" + "|".join(re.escape(n) for n in sorted(standards, key=len, reverse=True)) + ")"
        if name == "qualifier":
            return f"(?P<qualifier>{data.qualifier})" if data.qualifier else "(?!)"
        if name in ("rating", "quoted_rating"):
            quote = "['\"]" + ("" if name == "quoted_rating" else "?")
            return f"{quote}(?P<rating>" + "|".join(re.escape(w) for w in words) + f"){quote}"
        if name == "count":
            return _quantifiers(data)
        if name == "topic":
            return "(?P<topic>" + "|".join(f"(?:{t})" for t in data.topics.values()) + ")"
        if name == "topics":
            return "(?P<topics>[^.;:]+)"
        if name == "cases":
            return "(?P<cases>" + _item(data) + "(?:(?:,? and |, )" + _item(data) + ")*)"
        return match.group(0)
    return _CLAUSE + "(?:" + _PLACEHOLDER.sub(one, pattern) + ")" + _ENDS[family]


def pattern_problem(data: Statements | None, pattern: str) -> str | None:
    """Why an edition's pattern cannot be used (an unknown placeholder, a regular expression that does not compile), or None."""
    unknown = sorted(set(_PLACEHOLDER.findall(pattern)) - PLACEHOLDERS)
    if unknown:
        listed = ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
        return f"placeholders among {listed}: {', '.join('{' + u + '}' for u in unknown)} is not one"
    try:
        re.compile(fill(data, pattern, "Service", ["standard"], ["Good"], "rating"))
    except re.error as error:
        return f"a regular expression Python reads, once its placeholders are filled ({error})"
    return None


@lru_cache(maxsize=512)
def compiled(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.IGNORECASE)
