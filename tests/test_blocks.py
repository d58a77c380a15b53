"""Issue 24 item 1: a block a template joins to the report stays a block of its own, in every format.

Lambeth's "Please note – throughout this report all names … amended" was printed as part of
recommendation 8: a template trimmed the blank line after the list, so the note became a lazy
continuation of the last item. Any place where a template sets two blocks one after the other can
do this, so the test is over every text field of every report: the first sentence of a field starts
a block of the parsed report (after at most a lead-in the template prints, such as a bold label or
a number, never after a sentence), and its last sentence ends one (before at most a tail such as an
owner in brackets, never before another sentence). Every format is written from these tokens.
"""

from __future__ import annotations

import re

import pytest

from reportgen.markup import checker, texts
from reportgen.model import Findings
from reportgen.parse import plain_text

from .conftest import REPORTS

KINDS = {"block", "paragraph", "line"}  # text that stands as a block or a line of its own (not a cell, not a heading)
SPLIT = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
SENTENCE_END = re.compile(r"(?<=[^\W\d_]|[\"'”’)\]])[.!?][\"'”’)\]]*(\s|$)")  # after a word, not a number ("1.1.")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    return [s for s in SPLIT.split(_squeeze(text)) if s]


def field_ends(text: str) -> tuple[str, str] | None:
    """The first sentence of a field's first block and the last of its last, as a reader sees them."""
    inlines = [t for t in checker().parse(text, {}) if t.type == "inline"]
    plain = [p for p in (plain_text(t) for t in inlines) if p]
    if not plain:
        return None
    return sentences(plain[0])[0], sentences(plain[-1])[-1]


def report_blocks(tokens) -> list[str]:
    """The text of every block of the parsed report (paragraph, list item, heading, cell, note), and
    of every line a hard line break sets apart inside one (a signature: name, role, date)."""
    blocks = []
    for token in tokens:
        if token.type != "inline":
            continue
        line: list[str] = []
        for child in token.children or ():
            if child.type == "hardbreak":
                blocks.append(_squeeze("".join(line)))
                line = []
            elif child.type in ("text", "code_inline"):
                line.append(child.content)
            elif child.type == "softbreak":
                line.append(" ")
        blocks.append(_squeeze("".join(line)))
    return blocks


def at_start(sentence: str, blocks: list[str]) -> bool | None:
    """True where `sentence` opens a block (after a lead-in holding no sentence); None where it is nowhere."""
    places = [(block, i) for block in blocks for i in _find_all(block, sentence)]
    if not places:
        return None
    return any(not SENTENCE_END.search(block[:i]) for block, i in places)


def at_end(sentence: str, blocks: list[str]) -> bool | None:
    places = [(block, i + len(sentence)) for block in blocks for i in _find_all(block, sentence)]
    if not places:
        return None
    return any(not SENTENCE_END.search(block[end:].rstrip(" .!?")) and not re.search(r"\w", _tail_words(block[end:]))
               for block, end in places)


def _tail_words(tail: str) -> str:
    """What follows a field's last sentence in its block, less a bracketed tail (an owner, a source)."""
    return re.sub(r"^\s*\([^()]*\)\s*$", "", tail)


def _find_all(block: str, sentence: str):
    start = block.find(sentence)
    while start >= 0:
        yield start
        start = block.find(sentence, start + 1)


def fused(findings: Findings, tokens) -> list[str]:
    """Every field whose first or last sentence is not at a block boundary of the report."""
    blocks = report_blocks(tokens)
    faults = []
    for path, text, kind in texts(findings, Findings, ()):
        if kind not in KINDS or "notes" in path or path[:1] in (("allow",), ("words",)):
            continue
        ends = field_ends(text)
        if ends is None:
            continue
        first, last = ends
        field = ".".join(map(str, path))
        if at_start(first, blocks) is False:
            faults.append(f"{field}: {first[:60]!r} does not start a block")
        if at_end(last, blocks) is False:
            faults.append(f"{field}: {last[-60:]!r} does not end a block")
    return faults


@pytest.mark.parametrize("name", REPORTS)
def test_issue_24_every_fields_first_and_last_sentence_are_at_a_block_boundary(built, name) -> None:
    stages = built[name].stages
    faults = fused(stages.view.findings, stages.parsed.tokens)
    assert not faults, "\n".join(faults)


def test_issue_24_every_printed_field_is_found_in_the_report(built) -> None:
    """The check above can only judge a field it finds: every block-kind field of Merton is in its report."""
    stages = built["merton"].stages
    blocks = report_blocks(stages.parsed.tokens)
    missing = [".".join(map(str, path)) for path, text, kind in texts(stages.view.findings, Findings, ())
               if kind in KINDS and "notes" not in path and (ends := field_ends(text)) and at_start(ends[0], blocks) is None]
    assert not missing


def test_issue_24_a_note_run_on_after_a_list_is_seen_as_fused() -> None:
    """The check can fail: the Lambeth shape (a note set straight after the last item, no blank line)."""
    from reportgen.parse import parse

    note = "Please note – throughout this report all names have been amended. They are invented."
    tokens = parse(f"1. The YOS should act. (Chair of the Board)\n{note}\n").tokens
    blocks = report_blocks(tokens)
    assert at_start("Please note – throughout this report all names have been amended.", blocks) is False
    assert at_end("The YOS should act.", blocks) is False
    separate = report_blocks(parse(f"1. The YOS should act. (Chair of the Board)\n\n{note}\n").tokens)
    assert at_start("Please note – throughout this report all names have been amended.", separate)
    assert at_end("The YOS should act.", separate)


def test_issue_24_a_tag_ending_a_line_of_text_keeps_its_line_break(house) -> None:
    """The class, at its cause: `trim_blocks` took the line break after a tag that ends a line of
    text, so the blank line written after it was the only break left and the next block ran on.
    The report environment keeps it (linebreaks.py); a tag on a line of its own is still trimmed."""
    import jinja2

    from reportgen.linebreaks import keep_line_breaks

    source = "1. The YOS should act.{% if owner %} ({{ owner }}){% endif %}\n\nPlease note – names are amended.\n"
    plain = jinja2.Environment(trim_blocks=True, lstrip_blocks=True).from_string(source).render(owner="Chair")
    assert plain == "1. The YOS should act. (Chair)\nPlease note – names are amended."  # fused: a lazy continuation
    kept = house.templates.from_string(source).render(owner="Chair")
    assert kept == "1. The YOS should act. (Chair)\n\nPlease note – names are amended.\n"
    assert keep_line_breaks("{% if a %}\ntext\n{% endif %}\n") == "{% if a %}\ntext\n{% endif %}\n"
    assert keep_line_breaks("| x |{% for c in cs %} {{ c }} |{% endfor %}\n") == "| x |{% for c in cs %} {{ c }} |{% endfor +%}\n"
