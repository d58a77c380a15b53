"""Numbers in running text, in the Inspectorate's house style: words up to nine, figures from 10."""

from __future__ import annotations

_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def words(n: int) -> str:
    """A whole number in words, as at the start of a sentence: 4 → 'four', 43 → 'forty-three'; a placeholder as written."""
    if isinstance(n, str):
        return n
    if n < 0:
        return f"minus {words(-n)}"
    if n < 20:
        return _WORDS[n]
    if n < 100:
        tens, units = divmod(n, 10)
        return _TENS[tens] + (f"-{_WORDS[units]}" if units else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_WORDS[hundreds]} hundred" + (f" and {words(rest)}" if rest else "")
    return f"{n:,}"


def number(n: int | str) -> str:
    """A count within a sentence: 'eight meetings', '14 interviews' (the seeds' style); a placeholder as written."""
    if isinstance(n, str):
        return n  # TODO: not counted yet, printed as the outline it is
    return words(n) if 0 <= n < 10 else f"{n:,}"


def counted(n: int | str, singular: str, plural: str | None = None) -> str:
    """A count with its noun agreeing: 'one recommendation', 'two recommendations', '11 recommendations'."""
    return f"{number(n)} {singular if n == 1 else (plural or singular + 's')}"


def parse_number(text: str) -> int | None:
    """A count as running text writes it, back to a number: '8' → 8, 'eight' → 8, 'Twenty-one' → 21; else None."""
    word = text.strip().lower().replace(",", "")
    if word.isdigit():
        return int(word)
    if word in _WORDS:
        return _WORDS.index(word)
    tens, _, units = word.partition("-")
    if tens in _TENS[2:] and (not units or units in _WORDS[1:10]):
        return _TENS.index(tens) * 10 + (_WORDS.index(units) if units else 0)
    return None
