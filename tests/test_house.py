"""Issue 19, item 1: one House — every resource read once, through the project's loader, and passed down.

A house of one's own in a `--templates` folder (brand, Word style, stylesheet) changes every
format; a slip in one of its files is one plain line naming file, line and field; `watch` sees
its files change without a restart; a final build reads the findings once.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportgen.house import Folders, load_house

from . import readback
from .editing import ROOT
from .test_cli import run_cli

SHIPPED_NAME = "HM Inspectorate of Probation"
HOUSE_NAME = "HM Example Inspectorate"
BRAND = (ROOT / "templates" / "brand.yml").read_text(encoding="utf-8")
STYLES = (ROOT / "templates" / "word" / "styles.yml").read_text(encoding="utf-8")
REVIEW = (ROOT / "templates" / "review.yml").read_text(encoding="utf-8")


def house_folder(tmp_path: Path, brand: str | None = None, styles: str | None = None) -> Path:
    """A --templates folder holding a brand.yml (and a word/styles.yml) of its own; the rest is shipped."""
    folder = tmp_path / "house"
    (folder / "word").mkdir(parents=True)
    (folder / "brand.yml").write_text(brand if brand is not None else BRAND, encoding="utf-8")
    if styles is not None:
        (folder / "word" / "styles.yml").write_text(styles, encoding="utf-8")
    return folder


def renamed_brand() -> str:
    """The shipped brand with another publisher: its name, address and copyright holder."""
    assert BRAND.count(SHIPPED_NAME) == 2 and '"© Crown copyright {year}"' in BRAND and 'copyright_holder: "Crown"' in BRAND
    return (BRAND.replace(SHIPPED_NAME, HOUSE_NAME).replace("© Crown copyright", "© Example Authority")
            .replace('copyright_holder: "Crown"', 'copyright_holder: "Example Authority"'))


def word_parts(data: bytes) -> dict[str, str]:
    """Every XML part of a .docx by name: the body, headers, footers, footnotes and core properties."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name).decode("utf-8") for name in package.namelist() if name.endswith(".xml")}


def words(xml: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", xml).split())


@pytest.mark.slow  # a build in every format, the PDF included
def test_issue_19_a_house_brand_changes_every_publisher_mention_in_all_four_formats(tmp_path: Path) -> None:
    """The invented edition's example report (every part a report has — cover, colophon, back matter, data —
    in half Havering's pages) built with a house's brand.yml and word/styles.yml: the shipped publisher and copyright
    line are nowhere in the Markdown, the HTML (head, JSON-LD, footer), the PDF's text, any part
    of the Word package (body, headers, footers, footnotes, core properties) or the data; the house's
    name is in each. Word takes its cover colour from the house's own styles.yml."""
    styles = STYLES.replace('fill: "5c2d91"', 'fill: "1d4f91"', 1)
    assert styles != STYLES
    folder = house_folder(tmp_path, renamed_brand(), styles)
    out = tmp_path / "out"
    code, _, stderr = run_cli("build", str(ROOT / "findings" / "examples" / "invented-two-areas-example.yml"), "--templates", str(folder), "--out", str(out),
                              "--format", "md,html,pdf,docx,data")
    assert code == 0, stderr
    built = out / "invented-two-areas-example"
    md = (built / "invented-two-areas-example.md").read_text(encoding="utf-8")
    html = (built / "publish" / "invented-two-areas-example.html").read_text(encoding="utf-8")
    pdf = " ".join(readback.pdf_text((built / "publish" / "invented-two-areas-example.pdf").read_bytes()))
    word = word_parts((built / "invented-two-areas-example.docx").read_bytes())
    data = {p.name: p.read_bytes().decode("utf-8") if p.suffix != ".ods" else words(word_parts(p.read_bytes())["content.xml"])
            for p in (built / "publish" / "data").iterdir() if p.suffix in (".json", ".ods")}
    texts = {"md": md, "html": html, "pdf": " ".join(pdf.split()), **{f"docx {n}": words(x) for n, x in word.items()},
             **{f"data {n}": t for n, t in data.items()}}
    for where, text in texts.items():
        assert SHIPPED_NAME not in text and "Crown copyright" not in text, where
    body, core = texts["docx word/document.xml"], texts["docx docProps/core.xml"]
    assert [w for w in ("md", "html", "pdf") if HOUSE_NAME not in texts[w]] == []
    assert body.startswith(HOUSE_NAME) and re.search(rf"© Example Authority 2030\. {HOUSE_NAME}\. An invented inspection", body)  # cover, colophon
    assert core.count(HOUSE_NAME) == 2  # dc:creator and dc:description
    assert all(HOUSE_NAME in t for n, t in data.items())
    soup = BeautifulSoup(html, "html.parser")
    ld = json.loads(soup.find("script", type="application/ld+json").string)
    assert ld["publisher"]["name"] == HOUSE_NAME and ld["copyrightHolder"]["name"] == "Example Authority"
    assert any('fillcolor="#1D4F91"' in x or 'fillcolor="#1d4f91"' in x for x in word.values())  # the cover's colour


@pytest.mark.parametrize(("file", "text", "line", "field", "found"), [
    ("brand.yml", BRAND.replace('url: "https://www.justiceinspectorates', 'url: "http://www.justiceinspectorates', 1),
     BRAND.split("\n").index('  url: "https://www.justiceinspectorates.gov.uk/hmiprobation/"') + 1, "publisher, url",
     "'http://www.justiceinspectorates.gov.uk/hmiprobation/'"),
    ("brand.yml", BRAND.replace('language: "en-GB"\n', 'language: "en-GB"\nlanguage: "cy"\n', 1),
     BRAND.split("\n").index('language: "en-GB"') + 2, "language", "the field 'language' a second time"),
    ("brand.yml", BRAND.replace('copyright: "© Crown copyright {year}"', 'copyright: "© Crown copyright {year}', 1),
     None, "", ""),
    ("word/styles.yml", STYLES.replace('  colour: "0b0c0c"\n', '  colour: "black"\n', 1),
     STYLES.split("\n").index('  colour: "0b0c0c"') + 1, "defaults, colour", "'black'"),
    ("word/styles.yml", STYLES.replace("  Normal: {}\n", "  Normal: {}\n  Normal: {size: 12}\n", 1),
     STYLES.split("\n").index("  Normal: {}") + 2, "styles, Normal", "the field 'Normal' a second time"),
    ("word/styles.yml", STYLES.replace("    size: 30\n", "    size: big\n", 1),
     STYLES.split("\n").index("    size: 30") + 1, "styles, Title, size", "'big'"),
    ("word/styles.yml", STYLES.replace('text: "{{ view.service.name }}"', 'text: "{{ view.service.name "', 1),
     STYLES.split("\n").index('  text: "{{ view.service.name }}"           # Jinja over the report view') + 1, "header, text",
     "the pattern"),
    ("review.yml", REVIEW.replace('  none: "No rating, score or percentage changed."\n', "", 1),
     None, "compare, none", "nothing"),
    ("review.yml", REVIEW.replace('  not_rated: "not rated"', '  not_rated: "{{ not rated"', 1),
     REVIEW.split("\n").index('  not_rated: "not rated"') + 1, "compare, not_rated", "the pattern"),
], ids=["brand-value", "brand-duplicate-key", "brand-bad-yaml", "styles-colour", "styles-duplicate-key",
        "styles-number", "styles-jinja", "review-missing", "review-jinja"])
def test_issue_19_a_bad_house_file_is_one_plain_line(tmp_path: Path, file, text, line, field, found) -> None:
    """A slip in a house file stops every command that reads the house with one line naming file,
    line and field and what was expected: exit 1, never a traceback or an 'internal fault'."""
    folder = house_folder(tmp_path)
    (folder / file).write_text(text, encoding="utf-8")
    findings = str(ROOT / "findings" / "havering.yml")
    for command in (["check", findings], ["build", findings, "--format", "md", "--out", str(tmp_path / "out")]):
        code, stdout, stderr = run_cli(*command, "--templates", str(folder))
        lines = stderr.strip().split("\n")
        assert code == 1 and len(lines) == 1, (command, stderr)
        assert "Traceback" not in stderr + stdout and "internal fault" not in stderr
        where = re.escape(str(folder / file)) + (f":{line}:" if line else r":\d+:") + r"\d+: error: "
        assert re.match(where + (re.escape(field) + ": " if field else "") + "found " + re.escape(found) + ".*, expected .+", lines[0]), lines[0]
    assert not (tmp_path / "out").exists()


def test_issue_19_the_house_is_read_through_the_loader_once_and_holds_no_python_wording() -> None:
    """Every YAML file of the house goes through load.py (no yaml.safe_load of ours), styles.yml names
    no publisher, and below cli/build nothing looks for a file of the house or caches one."""
    house = load_house(Folders.given(environ={}))
    assert house.word.frame.publisher.text == "{{ brand.publisher.name }}"
    assert not re.search(r"Inspectorate of Probation|Crown", STYLES.split("\nframe:")[1])
    for path in (ROOT / "reportgen").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if path.parent.name != "splice":  # which composes findings, not a house file, for the bytes each value spans
            assert "safe_load" not in source and "yaml.compose" not in source, path
        if path.parent.name != "house" and path.name not in ("cli.py", "commandline.py"):
            found = re.findall(r"template_folders|edition_folders|files\(\"reportgen|TEMPLATES\b|brand\(\)|_load\(|"
                               r"\"(?:common/)?(?:language|outline|charts|brand)\.yml\"", source)
            assert not found, (path, found)


def test_issue_19_a_final_build_reads_the_findings_once_and_builds_the_view_once(tmp_path: Path, monkeypatch) -> None:
    """The check, the manifest's digest and the built date all come from one read and one view."""
    import builtins
    import os

    from reportgen import build

    source = tmp_path / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", source)
    house = load_house(Folders.given(environ={}))
    opened: list[str] = []
    real_open, real_os_open = builtins.open, os.open

    def counted(opener):
        def open_(file, *args, **kwargs):
            if isinstance(file, (str, os.PathLike)) and Path(file).resolve() == source.resolve():
                opened.append(opener.__name__)
            return opener(file, *args, **kwargs)
        return open_

    views = []
    real_view = build.build_view
    monkeypatch.setattr(builtins, "open", counted(real_open))
    monkeypatch.setattr(io, "open", counted(real_open))
    monkeypatch.setattr(os, "open", counted(real_os_open))
    monkeypatch.setattr(build, "build_view", lambda *a, **k: views.append(1) or real_view(*a, **k))
    from reportgen.publishing.manifest import sealer

    written = build.build_file(source, tmp_path / "out", house, ["md", "html"], final=True, sealer=sealer)
    monkeypatch.undo()
    assert len(opened) == 1 and len(views) == 1, (opened, views)
    manifest = json.loads((tmp_path / "out" / "havering" / "manifest.json").read_text(encoding="utf-8"))
    assert any(p.name == "manifest.json" for p in written)
    import hashlib

    assert hashlib.sha256(source.read_bytes()).hexdigest() in json.dumps(manifest)


@pytest.mark.slow  # a real preview server
def test_issue_19_watch_picks_up_an_edited_brand_and_stylesheet_without_a_restart(tmp_path: Path) -> None:
    """A real `reportgen watch --templates DIR`: saving the house's brand.yml or report.css rebuilds the
    page with them; a slip in brand.yml shows its one line over the page, and fixing it rebuilds the report."""
    from .watching import Watching

    findings = tmp_path / "havering.yml"
    shutil.copy(ROOT / "findings" / "havering.yml", findings)
    folder = house_folder(tmp_path)
    (folder / "style").mkdir()
    css = (ROOT / "templates" / "style" / "report.css").read_text(encoding="utf-8")
    (folder / "style" / "report.css").write_text(css, encoding="utf-8")
    watching = Watching(findings, "--port", "0", "--templates", str(folder))
    try:
        first = watching.version()
        assert SHIPPED_NAME in watching.get()
        (folder / "brand.yml").write_text(renamed_brand(), encoding="utf-8")
        renamed, page = watching.wait_page(first, HOUSE_NAME)
        assert SHIPPED_NAME not in page
        (folder / "style" / "report.css").write_text(css + "\n/* house rule 19 */\n", encoding="utf-8")
        styled, page = watching.wait_page(renamed, "/* house rule 19 */")
        assert HOUSE_NAME in page
        (folder / "brand.yml").write_text(renamed_brand().replace('language: "en-GB"\n', 'language: "en-GB"\nlanguage: "cy"\n'),
                                          encoding="utf-8")
        broken, page = watching.wait_page(styled, "a second time")
        assert 'id="reportgen-errors"' in page and re.search(r'brand\.yml, <span[^>]*>line \d+<', page)  # over the last good page, as a save's problems are
        (folder / "brand.yml").write_text(renamed_brand(), encoding="utf-8")
        watching.wait_page(broken, HOUSE_NAME)
    finally:
        code = watching.stop()
    assert code == 0 and "Traceback" not in "\n".join(watching.lines)


# --- item 4: the words readers see are in templates or data ---------------------------------------

WORDS_NOW_IN_TEMPLATES = (  # each once written in Python; now in brand.yml, review.yml or an html template
    "Back to the text of footnote", 'aria-label="Footnote ', 'aria-label="Footnotes"', "Draft comment", "To check",
    "discretion does not arise", "used professional discretion", "could have used professional discretion",
    "Professional discretion was not open", "would not change the rating", "±1 of", "points from every",
    "not determinable", "a rating from the scale", "adjacent band only", "no discretion on a standard", "Please check",
    "Things to check in this draft", "Changes from the earlier draft", "No rating, score or percentage changed",
    "Compared with", "new standard, rated", "Start of the report", "Ratings and scores", "Changes in the text",
    "The two drafts have the same text", 'visually-hidden">inserted', 'visually-hidden">deleted', "— table ", "— footnote ",
    "Unfinished: ", "Fix these and save", "is not built by this preview", "The report appears here once",
)


def test_issue_19_item_4_wording_readers_see_is_not_in_python() -> None:
    """Footnote labels and back-links, check's discretion reasons, a draft's comments, compare's summary
    and page, the watch preview's panel, overlay and pages: their words are in templates/brand.yml,
    templates/review.yml, html/compare.html.j2 or html/watch.html.j2."""
    found = [(path.relative_to(ROOT).as_posix(), words) for path in sorted((ROOT / "reportgen").rglob("*.py"))
             for words in WORDS_NOW_IN_TEMPLATES if words in path.read_text(encoding="utf-8")]
    assert found == []
    data = BRAND + REVIEW + "".join((ROOT / "templates" / "html" / name).read_text(encoding="utf-8")
                                    for name in ("compare.html.j2", "watch.html.j2"))
    assert not [words for words in WORDS_NOW_IN_TEMPLATES if words.strip('"= ').removeprefix('aria-label="') not in data]


def test_issue_19_item_4_a_houses_words_reword_check_drafts_compare_and_footnotes(tmp_path: Path, checked, house) -> None:
    """A review.yml and brand.yml in a --templates folder reword check's refusal of a panel's move and its
    discretion notes, a draft's comments (the HTML label and the comment's text), compare's summary and
    page, and the web page's footnote back-links; the shipped words are gone from each."""
    from reportgen.build import WRITERS, prepare
    from reportgen.errors import ReportError
    from reportgen.review.compare import change_lines, rating_changes, summary_markdown
    from reportgen.review.drafting import prepare_draft
    from reportgen.summary import ratings_table
    from reportgen.validate import check_file

    from .variants import Variant

    review = REVIEW
    for old, new in (("would {% if not open %}not {% endif %}change the band", "would {% if not open %}not {% endif %}tip the band"),
                     ("adjacent band only", "neighbouring rating only"), ('warning: "To check"', 'warning: "Rhybudd"'),
                     ("Please check that the narrative supports", "Make sure the narrative bears out"),
                     ('heading: "Changes from the earlier draft"', 'heading: "What changed"'),
                     ("{{ standard }}: rating {{ before }} → {{ after }}", "{{ standard }} went from {{ before }} to {{ after }}")):
        assert old in review, old
        review = review.replace(old, new)
    assert 'footnote_back: "Back to the text of footnote {n}"' in BRAND
    folder = house_folder(tmp_path, BRAND.replace('footnote_back: "Back to the text of footnote {n}"', 'footnote_back: "Yn ôl at droednodyn {n}"'))
    (folder / "review.yml").write_text(review, encoding="utf-8")
    ours = load_house(Folders.given(templates=[folder], environ={}))

    merton = checked["merton"]
    table = ratings_table(merton, ours.review)  # Merton 3.1 rests on 5 cases; one case tips 2.2 and 3.2
    assert "tip the band" in table and "change the band" not in table and "change the band" in ratings_table(merton, house.review)
    skipped = Variant("merton").set('domains["3"].standards["3.2"].discretion', {"rating": "Inadequate", "rationale": "x"})
    with pytest.raises(ReportError) as refused:
        check_file(skipped.write(tmp_path), ours)
    assert "neighbouring rating only" in str(refused.value.problems[0])

    draft = prepare_draft(merton, ours)
    comments = [t.meta for t in draft.parsed.tokens if t.type == "comment"]
    assert {c["label"] for c in comments if c["kind"] == "warning"} <= {"Rhybudd"}
    assert any("Make sure the narrative bears out a rating of Good." in c["text"] for c in comments)
    assert not any("Please check that the narrative supports" in c["text"] for c in comments)
    page = WRITERS["html"](prepare(merton, ours)).decode("utf-8")
    assert "Yn ôl at droednodyn 1" in page and "Back to the text of footnote" not in page

    later = Variant("merton").set('domains["2"].standards["2.1"].key_questions["2.1.1"].yes', 3).write((tmp_path / "later").mkdir() or tmp_path / "later")
    lines = change_lines(rating_changes(merton, check_file(later, ours)), ours.review)
    assert any(" went from " in line for line in lines) and not any(": rating " in line for line in lines)
    assert summary_markdown(lines, "merton.yml", ours.review).startswith("## What changed\n")


def test_issue_19_item_4_the_compare_page_is_filled_in_from_the_houses_template(compared, built, house) -> None:
    """html/compare.html.j2 with review.yml's words: each summary line a list item under 'Ratings and
    scores', and the count of changes in the text the number of sections that follow; with nothing
    changed, review.yml's words for that."""
    soup = BeautifulSoup(compared.html, "html.parser")
    heading = soup.find("h2", string="Ratings and scores")
    assert compared.summary and [li.get_text() for li in heading.find_next("ul").find_all("li")] == list(compared.summary)
    sections = soup.select("section.change")
    assert soup.find("h2", string=f"Changes in the text ({len(sections)})") and sections
    assert all(s.h3.get_text() and s.p.find(["ins", "del"]) for s in sections)
    same = house.pages.get_template("html/compare.html.j2").render(
        view=built["merton"].stages.view, old_name="merton.yml", author="A. Editor", date="2024-01-01", summary=[],
        wrong=[], changes=[], unchanged=house.review.words.compare.none)
    assert f"<li>{house.review.words.compare.none}</li>" in same and "<p>The two drafts have the same text.</p></main>" in same


def test_a_house_read_again_shares_its_compiled_templates_until_a_template_is_saved(tmp_path: Path) -> None:
    """Reading a house again in one process (watch after a save, a second command) keeps the Jinja environments
    and so the templates they compiled; a template saved in a house folder gives the next house a new
    environment that reads it (judged by each file's time and size, as Jinja judges its own cache)."""
    folder = house_folder(tmp_path)
    (folder / "html").mkdir()
    template = folder / "html" / "probe.html.j2"
    template.write_text("one", encoding="utf-8")
    folders = Folders.given(templates=[folder], environ={})
    first, again = load_house(folders), load_house(folders)
    assert first is not again  # a new house, as watch needs
    assert again.templates is first.templates and again.pages is first.pages  # the compiled templates kept
    assert again.pages.get_template("html/probe.html.j2").render() == "one"
    stamp = template.stat().st_mtime_ns
    template.write_text("two", encoding="utf-8")
    os.utime(template, ns=(stamp + 1, stamp + 1))  # saved one nanosecond later, at the same size
    third = load_house(folders)
    assert third.pages is not first.pages and third.pages.get_template("html/probe.html.j2").render() == "two"
    assert load_house(Folders.given(environ={})).pages is not third.pages  # another house's folders, its own
