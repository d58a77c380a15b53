"""parse.py: the named rules, one small Markdown input each (ids, captions, lead-ins, ratings,
headers); and every token the parser emits rendered by every writer (issue 9, class 1).

The issue 9 samples are enumerated from the parser's own active rules, so enabling a rule
without showing that each format keeps the text after it fails here.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from bs4 import BeautifulSoup

from reportgen.errors import ReportError
from reportgen.marked import join, point
from reportgen.parse import markdown, parse
from reportgen.render.docx import render_docx
from reportgen.render.html import render_html
from reportgen.render.markdown import render_markdown
from reportgen.render.pdf import render_pdf
from reportgen.view import build_view

from . import readback

def types(text: str) -> list[str]:
    return [t.type for t in parse(text).tokens]


def test_rules_are_registered_in_order() -> None:
    """Compose's marks land first, then the ids; the contents and the rating classes read both."""
    names = markdown().core.ruler.get_all_rules()
    assert names.index("compose_marks") < names.index("heading_ids") < names.index("contents_list")
    assert names.index("compose_marks") < min(names.index("rating_lines"), names.index("header_cells"))


def test_heading_ids_are_unique_and_listed() -> None:
    parsed = parse("# Same\n\n## Same\n\n## Same[^1]\n\n[^1]: note\n")
    ids = [h.id for h in parsed.headings]
    assert len(set(ids)) == 3 and all(i.startswith("h-same") for i in ids)
    assert [h.level for h in parsed.headings] == [1, 2, 2]
    opening = [t for t in parsed.tokens if t.type == "heading_open"]
    assert [t.attrGet("id") for t in opening] == ids
    assert opening[2].attrGet("data-bookmark") == "Same"  # without its footnote mark


def test_table_caption_paragraph_moves_onto_the_table_and_lead_in_is_marked() -> None:
    text = "Intro sentence.\n\nTable: Cases seen\n\n| a | b |\n| - | - |\n| x | 1 |\n"
    tokens = parse(text).tokens
    assert [t.type for t in tokens[:4]] == ["paragraph_open", "inline", "paragraph_close", "table_open"]
    assert tokens[0].attrGet("class") == "lead-in"
    assert tokens[3].meta["caption"].content == "Cases seen"


def test_issue10_a_table_is_named_once_by_the_heading_it_stands_under() -> None:
    """A caption that only repeats the heading above (or no caption at all) leaves the heading to
    name the table; a caption saying more, or a table far below its heading, keeps its caption."""
    table = "| a | b |\n| - | - |\n| x | 1 |\n"
    source = (f"## Staffing[^n]\n\n{table}\n## 1.2. Key staffing data\n\nThe team at the inspection.\n\n"
              f"Table: Key staffing data.\n\n{table}\n## Caseload\n\nTable: Caseload in custody\n\n{table}\n"
              f"## Notes\n\nOne.\n\nTwo.\n\n{table}\n## Annexe 4: Glossary\n\nTable: Glossary\n\n{table}\n[^n]: a note\n")
    parsed = parse(source)
    tables = [t for t in parsed.tokens if t.type == "table_open"]
    assert [t.meta.get("named_by") for t in tables] == ["h-staffing", "h-1-2-key-staffing-data", None, None, "h-annexe-4-glossary"]
    assert [t.meta["caption"].content for t in tables] == ["Staffing", "1.2. Key staffing data", "Caseload in custody", "Notes",
                                                           "Annexe 4: Glossary"]
    assert parsed.tokens[[t.type for t in parsed.tokens].index("table_open", 4) - 3].attrGet("class") == "lead-in"
    markdown_out = render_markdown(source, parsed)
    assert "Table: Key staffing data" not in markdown_out and "Table: Caseload in custody\n\n|" in markdown_out
    assert "The team at the inspection.\n\n| a | b |" in markdown_out


def test_rating_line_and_rating_cells_get_the_rating_class() -> None:
    source = join(["Rating: Requires improvement*", point(rating="Requires improvement"),
                   "\n\n| a | b |\n| - | - |\n| x | Good", point(rating="Good"), " |\n"])
    tokens = parse(source).tokens
    assert tokens[0].attrGet("class") == "rating rating-requires-improvement"
    assert tokens[0].meta["rating"] == "Requires improvement"
    cells = [t for t in tokens if t.type in ("th_open", "td_open")]
    assert [c.attrGet("scope") for c in cells] == ["col", "col", "row", None]
    assert cells[3].attrGet("class") == "rating rating-good"
    assert "td_close" in types("| a | b |\n| - | - |\n| x | y |\n")  # only the first cell of a row becomes th


def test_issue19_a_rating_is_what_the_templates_mark_never_what_a_cell_reads() -> None:
    """Text that reads as a rating — a findings table's 'Good', a paragraph 'Rating: Good' — is
    not coloured as one; only what compose marked is, in the cell the mark stands in."""
    unmarked = parse("Rating: Good\n\n| a | b | c |\n| - | - | - |\n| x | Good | Outstanding ☆ |\n").tokens
    assert not [t for t in unmarked if "rating" in str(t.attrGet("class") or "")]
    marked = parse(join(["| a | b | c |\n| - | - | - |\n| x | Good | Fine \\| ok", point(rating="Good"), " |\n"])).tokens
    cells = [t for t in marked if t.type == "td_open"]
    assert [c.attrGet("class") for c in cells] == [None, "rating rating-good"]  # the escaped pipe is not a column


def test_only_a_cell_with_a_word_too_long_for_a_column_may_break_anywhere() -> None:
    """In print a word breaks between any letters only in the cells marked long-word (a web address,
    a reference); every other cell keeps its words whole, and its column at least that wide."""
    long = "https://www.example.org/a/very/long/reference"
    tokens = parse(join([f"| Name | Link |\n| - | - |\n| Merton | {long} |\n| Overall, in short words | Good", point(rating="Good"), " |\n"])).tokens
    cells = [t.attrGet("class") for t in tokens if t.type in ("th_open", "td_open")]
    assert cells == [None, None, None, "long-word", None, "rating rating-good"]


def test_a_rating_cell_with_the_scales_mark_is_coloured_too(checked) -> None:
    """An edition's wording prints a rating with `rated(name)`: 'Outstanding ☆' in the rating-band
    table is the rating Outstanding, marked so; 'Goodwill' beside it is not a rating."""
    from reportgen.house.wording import scale_rating

    rated = scale_rating(checked["merton"].edition)
    tokens = parse(join(["| a | b | c |\n| - | - | - |\n| x | ", rated("Outstanding"), " | Goodwill |\n"])).tokens
    cells = [t for t in tokens if t.type == "td_open"]
    assert str(rated("Outstanding")) == "Outstanding ☆"
    assert [c.attrGet("class") for c in cells] == ["rating rating-outstanding", None]


def test_placeholder_links_keep_their_text() -> None:
    inline = next(t for t in parse("See [the page](#) and [GOV.UK](https://www.gov.uk).").tokens if t.type == "inline")
    kinds = [c.type for c in inline.children]
    assert kinds.count("link_open") == 1 and "the page" in inline.content
    assert next(c for c in inline.children if c.type == "link_open").attrGet("href") == "https://www.gov.uk"


# --- issue 9: nothing lost, nothing linked that should not be ---------------------------------

DEEP = 12  # deeper than any writer's styles go (Word has list styles for 3 levels)


def _deep_list(marker: str) -> str:
    return "".join("   " * i + f"{marker} level {i} of the list\n" for i in range(DEEP))


SAMPLES = {  # markdown-it rule → Markdown that makes it fire
    "table": "| Head | Other |\n|:--|--:|\n| cell | 2 |",
    "code": "Para.\n\n    indented code line",
    "fence": "```\nfenced code line\n```",
    "blockquote": "".join("> " * i + f"quote level {i}\n" + "> " * i + "\n" for i in range(1, DEEP + 1)),
    "hr": "Above the rule.\n\n---",
    "list": _deep_list("-") + "\n" + _deep_list("1."),
    "footnote_def": "Noted.[^note]\n\n[^note]: The footnote's own text.",
    "reference": "A [reference link][ref].\n\n[ref]: https://example.org/ref",
    "html_block": "",  # disabled below; kept here only so the set comparison names it
    "heading": "### A heading",
    "lheading": "An underlined heading\n---------------------",
    "paragraph": "A plain paragraph.",
    "container_cover": "::: cover\nCover text.\n:::",
    "container_contents": "::: contents\n- [Contents entry](#a-heading)\n:::",
    "container_front": "::: front\nFront matter text.\n:::",
    "container_backcover": "::: backcover\nBack cover text.\n:::",
    "container_good-practice": "::: good-practice\nA good practice box.\n:::",
    "container_practice-example": "::: practice-example Practice example: Sam\nA practice example box.\n:::",
    "container_case-illustration": "::: case-illustration\nA case illustration box.\n:::",
    "container_chart": "::: chart standard-2.1\n| Key question | % 'Yes' |\n|:--|--:|\n| One | 50% |\n:::",
    "text": "Words.",
    "newline": "Soft\nbreak and hard  \nbreak.",
    "escape": "An \\*escaped\\* star.",
    "backticks": "Some `inline <code>` here.",
    "emphasis": "*em* and **strong** and ***both***.",
    "link": "A [link](https://example.org/) here.",
    "footnote_ref": "Referred again.[^note]",
    "autolink": "<https://example.org/auto> and <someone@example.org>.",
    "entity": "Fish &amp; chips &copy;.",
}
NOT_ENABLED = {"html_block"}


def active_rules() -> set[str]:
    md = markdown()
    return set(md.block.ruler.get_active_rules()) | set(md.inline.ruler.get_active_rules())


def test_issue9_every_active_rule_has_a_sample() -> None:
    """A rule turned on without a sample here (or one turned off and still listed) fails."""
    assert active_rules() == set(SAMPLES) - NOT_ENABLED
    assert not NOT_ENABLED & active_rules()


@pytest.fixture(scope="module")
def every_token(checked, house) -> dict[str, object]:
    """One small document holding every sample, each followed by a sentence naming it, in all four formats."""
    body = "\n\n".join(f"{SAMPLES.get(rule, '')}\n\nAfter{rule.replace('_', '')} ends." for rule in sorted(active_rules()))
    view = build_view(checked["merton"], house)
    parsed = parse(body)
    html = render_html(parsed, view, house)
    docx = zipfile.ZipFile(io.BytesIO(render_docx(parsed, view, house)))
    return {
        "parsed": parsed,
        "md": render_markdown(body, parsed),
        "html": BeautifulSoup(html, "html.parser").get_text(" "),
        "pdf": " ".join(readback.pdf_text(render_pdf(html, house.printing))),
        "docx": " ".join(BeautifulSoup(docx.read(f"word/{part}.xml"), "xml").get_text(" ") for part in ("document", "footnotes")),
    }


@pytest.mark.parametrize("fmt", ["md", "html", "pdf", "docx"])
def test_issue9_each_format_keeps_the_text_after_every_token(every_token, fmt) -> None:
    text = " ".join(str(every_token[fmt]).split())
    missing = [rule for rule in sorted(active_rules()) if f"After{rule.replace('_', '')} ends." not in text]
    assert missing == []
    deepest = [f"level {DEEP - 1} of the list", f"quote level {DEEP}", "The footnote's own text", "fenced code line"]
    assert [t for t in deepest if t not in text] == []


def test_issue9_deep_nesting_reaches_the_tokens(every_token) -> None:
    tokens = every_token["parsed"].tokens
    assert max(t.level for t in tokens) >= 2 * DEEP  # twelve lists inside one another, not cut at markdown-it's default 20


def test_issue9_nesting_past_the_parser_limit_fails_instead_of_dropping_text() -> None:
    from reportgen.limits import PARSER_NESTING

    text = "".join("> " * i + "\n" for i in range(1, PARSER_NESTING + 2)) + "\n\nThe text after."
    with pytest.raises(ReportError) as caught:
        parse(text, file="merton.yml")
    (problem,) = caught.value.problems
    assert problem.file == "merton.yml" and "nested" in problem.found and "line" in problem.found


@pytest.mark.parametrize("href", ["smb://host/share", "ms-msdt:/id", "search-ms:query=x", "file:///etc/passwd",
                                  "/etc/passwd", "relative/page.html", "//host/x", "javascript:alert(1)", "mailto:"])
def test_issue9_writers_never_see_a_link_that_is_not_allowed(href) -> None:
    """check refuses these; the parser drops them too (keeping the text), so no writer can emit one."""
    from reportgen.parse import link_allowed

    assert not link_allowed(href)
    parsed = parse(f"A [dropped link]({href}) and <{href}>.")
    assert [t for t in parsed.tokens[1].children if t.type == "link_open"] == []
    assert "dropped link" in parsed.tokens[1].content


@pytest.mark.parametrize("href", ["https://example.org/a?b=c", "http://example.org", "mailto:someone@example.org", "#background"])
def test_links_that_are_allowed_stay_links(href) -> None:
    from reportgen.parse import link_allowed

    assert link_allowed(href)
    parsed = parse(f"A [kept]({href}).")
    assert [t.attrGet("href") for t in parsed.tokens[1].children if t.type == "link_open"] == [href]


def test_issue9_repeated_headings_are_numbered_not_suffixed_again_and_again() -> None:
    """Ids of repeats are base-2, base-3 … (resuming, so 10,000 repeats take linear time;
    the benchmark's scaling cases measure it), and never collide with a title that is itself numbered."""
    parsed = parse("\n\n".join(["## Same"] * 4 + ["## Same 2"]))
    assert [h.id for h in parsed.headings] == ["h-same", "h-same-2", "h-same-3", "h-same-4", "h-same-2-2"]
    many = parse("\n\n".join(["## Same"] * 2000))
    assert len({h.id for h in many.headings}) == 2000 and many.headings[-1].id == "h-same-2000"
