"""Free text set into the report's own sentences, so the sentence reads whatever way the inspector wrote it.

`fieldwork` is written as the report words it ("May 2022", "between 17 May and 20 May 2021",
"3 to 7 November 2026"); a template never puts its own preposition before it, it asks `when`,
which gives the phrase with the preposition its wording needs — none if it brings its own.
"""

from __future__ import annotations

import re

# Words that already make a time phrase of what follows: the template adds nothing before them.
OPENERS = frozenset(
    "in on at from between during over across throughout by before after until till since within around about "
    "across for".split()
)
_DAY_FIRST = re.compile(r"^(?:\d{1,2}(?:st|nd|rd|th)?\b|(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.IGNORECASE)


def when(phrase: str, default: str = "in") -> str:
    """`phrase` as a sentence goes on with it: 'May 2022' → 'in May 2022', '3 November 2026' → 'on 3 November 2026',
    '3 to 7 November 2026' → 'from 3 to 7 November 2026', 'between 17 and 20 May 2021' as it is."""
    text = phrase.strip()
    first = text.split(maxsplit=1)[0].lower() if text else ""
    if not text or first in OPENERS:
        return text
    if _DAY_FIRST.match(text):
        return f"from {text}" if " to " in text else f"on {text}"
    return f"{default} {text}"


def opens_with_preposition(phrase: str) -> bool:
    """True if `phrase` starts with a word that makes it a time phrase on its own ('between …', 'in May')."""
    words = phrase.strip().split(maxsplit=1)
    return bool(words) and words[0].lower() in OPENERS
