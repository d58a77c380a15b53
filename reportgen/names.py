"""Names every stage shares: heading ids, rating classes.

A leaf: it imports nothing from reportgen, so parse and the writers need not reach back up
into view or compose for them.
"""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """A stable HTML id / Word bookmark for a heading: '2.1. Assessment' → 'h-2-1-assessment'."""
    text = re.sub(r"\[\^[^\]]*\]", "", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "h-" + (re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "section")


def rating_class(rating: str) -> str:
    """The CSS class (and Word shading key) of a rating word: 'Requires improvement*' → 'rating-requires-improvement'."""
    return "rating-" + slug(rating.rstrip("*").strip()).removeprefix("h-")
