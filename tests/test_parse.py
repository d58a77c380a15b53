"""The parser's named rules, one small Markdown input each: ids, captions, lead-ins, ratings, headers."""

from __future__ import annotations

from reportgen.parse import RULES, markdown, parse

RATINGS = ("Inadequate", "Requires improvement", "Good", "Outstanding")


def types(text: str) -> list[str]:
    return [t.type for t in parse(text, RATINGS).tokens]


def test_rules_are_registered_in_order() -> None:
    names = [rule.__name__ for rule in RULES]
    assert markdown().core.ruler.get_all_rules()[-len(RULES):] == names


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


def test_a_table_without_caption_is_named_after_its_section() -> None:
    tokens = parse("## Staffing\n\n| a | b |\n| - | - |\n| x | 1 |\n").tokens
    table = next(t for t in tokens if t.type == "table_open")
    assert table.meta["caption"].content == "Staffing"


def test_rating_line_and_rating_cells_get_the_rating_class() -> None:
    tokens = parse("Rating: Requires improvement*\n\n| a | b |\n| - | - |\n| x | Good |\n", RATINGS).tokens
    assert tokens[0].attrGet("class") == "rating rating-requires-improvement"
    assert tokens[0].meta["rating"] == "Requires improvement*"
    cells = [t for t in tokens if t.type in ("th_open", "td_open")]
    assert [c.attrGet("scope") for c in cells] == ["col", "col", "row", None]
    assert cells[3].attrGet("class") == "rating rating-good"
    assert "td_close" in types("| a | b |\n| - | - |\n| x | y |\n")  # only the first cell of a row becomes th


def test_placeholder_links_keep_their_text() -> None:
    inline = next(t for t in parse("See [the page](#) and [GOV.UK](https://www.gov.uk).").tokens if t.type == "inline")
    kinds = [c.type for c in inline.children]
    assert kinds.count("link_open") == 1 and "the page" in inline.content
    assert next(c for c in inline.children if c.type == "link_open").attrGet("href") == "https://www.gov.uk"
