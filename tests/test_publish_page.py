"""Issue 22 item 4: what goes online, apart from the working files; the web page's notes, dates,
footer and publisher contact as a publishing team would post them.

In memory from the session's builds (`built`) but for the write rule (files on disk, no render) and
`check --final` with a house of one's own (no build). The download box of a real build is checked
on test_publication's CLI pack (`test_the_download_box_says_type_size_and_pages_as_gov_uk_does`).
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from reportgen.build import WRITERS, _html, _page, prepare
from reportgen.render.publication import human_size, pdf_pages, with_files
from reportgen.validate import check_file
from reportgen.write import write_report

from .conftest import REPORTS, ROOT
from .test_cli import run_cli
from .test_house import BRAND, house_folder
from .variants import Variant


def soup(data: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(data.decode("utf-8") if isinstance(data, bytes) else data, "html.parser")


# --- the publish folder -------------------------------------------------------------------


def test_what_goes_online_is_a_folder_apart_from_the_working_files_and_an_old_layout_goes(tmp_path) -> None:
    """publish/ holds the page, the PDF, the fragment and the data; the .md, .docx and manifest stay beside
    it. A folder built before publish/ existed loses the old copies of the formats written again."""
    folder = tmp_path / "merton"
    (folder / "data").mkdir(parents=True)
    (folder / "merton.html").write_bytes(b"old page")
    (folder / "data" / "table-01-ratings.csv").write_bytes(b"old data")
    (folder / "merton.md").write_bytes(b"old md")
    (folder / "notes.txt").write_bytes(b"kept")
    outputs = {"html": b"page", "pdf": b"%PDF", "docx": b"word", "data": {"merton-01-ratings.csv": b"a,b"}, "html-fragment": b"body"}
    written = write_report(outputs, tmp_path, "merton", publish=True)
    files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert files == {"publish/merton.html", "publish/merton.pdf", "publish/merton.fragment.html", "publish/data/merton-01-ratings.csv",
                     "merton.docx", "merton.md", "notes.txt"}
    assert {p.relative_to(folder).as_posix() for p in written} == files - {"merton.md", "notes.txt"}
    assert (folder / "merton.md").read_bytes() == b"old md"  # not written this time: kept
    write_report({"md": b"new md"}, tmp_path, "merton", publish=True)
    assert (folder / "publish" / "merton.pdf").read_bytes() == b"%PDF" and (folder / "merton.md").read_bytes() == b"new md"


# --- the notes --------------------------------------------------------------------------


def test_havering_lists_its_rating_note_once_under_a_heading_and_every_call_comes_back_to_it(built) -> None:
    page = soup(built["havering"]["html"])
    notes = page.select_one("section.footnotes")
    assert notes.find("h2").get_text() == "Footnotes" and notes["aria-labelledby"] == notes.find("h2")["id"]
    items = notes.select("li.footnote-item")
    assert [li["id"] for li in items] == ["fn1", "fn2"]  # eight notes as printed: the rating note seven times
    calls = [a["href"] for a in page.select("sup.footnote-ref a")]
    assert calls == ["#fn1"] + ["#fn2"] * 7
    call_ids = [a["id"] for a in page.select("sup.footnote-ref a")]
    assert len(set(call_ids)) == 8
    backs = [a["href"][1:] for a in items[1].select("a.footnote-backref")]
    assert backs == call_ids[1:]  # a way back to each of the seven calls
    assert page.find("a", string="the data annexe")["href"] == "#data-tables" and page.find(id="data-tables")
    printed = soup(_html(built["havering"].stages))
    assert len(printed.select("li.footnote-item")) == 8 and not printed.find("a", string="the data annexe")  # print has no annex


@pytest.mark.parametrize("name", REPORTS)
def test_every_in_page_link_leads_somewhere_in_the_page_the_print_and_the_fragment(built, name) -> None:
    """No pointer to a place the document lacks (the data annex is the web page's alone)."""
    for document in (built[name]["html"], built[name]["html-fragment"], _html(built[name].stages)):
        page = soup(document)
        ids = {tag["id"] for tag in page.find_all(id=True)}
        missing = [a["href"] for a in page.find_all("a", href=True) if a["href"].startswith("#") and a["href"][1:] not in ids]
        assert missing == []


# --- the date, the footer, the contact ------------------------------------------------------


@pytest.mark.parametrize("name", ["merton", "havering"])
def test_a_month_only_date_stays_a_month_in_the_metadata(built, name) -> None:
    """The reports give only the month ('October 2022'): no metadata claims a day."""
    page = soup(built[name]["html"])
    month = {"merton": "2021-08", "havering": "2022-10"}[name]
    assert page.find("time")["datetime"] == month
    assert page.find("meta", attrs={"name": "DCTERMS.issued"})["content"] == month
    assert page.find("meta", attrs={"name": "dcterms.created"})["content"] == month
    assert json.loads(page.find("script", type="application/ld+json").string)["datePublished"] == month
    assert json.loads(built[name]["data"]["csv-metadata.json"])["dc:issued"] == month


def test_a_full_date_keeps_its_day(tmp_path, house) -> None:
    path = Variant().set("inspection.published", "2021-08-17").write(tmp_path)
    page = soup(WRITERS["html"](prepare(check_file(path, house), house)))
    assert page.find("time")["datetime"] == "2021-08-17"


@pytest.mark.parametrize("name", REPORTS)
def test_the_footer_says_the_copyright_and_the_address_once(built, name) -> None:
    footer = soup(built[name]["html"]).find("footer")
    text = footer.get_text(" ")
    assert text.count("© Crown copyright") == 1 and text.count("1 Bridge Street West") == 1
    contact = footer.find(id="alternative-formats").find_next("p").get_text()
    assert "by post at the address below" in contact and "M3 3FX" not in contact  # the shipped brand offers no e-mail


def test_final_refuses_an_empty_publisher_contact_field_and_takes_an_e_mail_or_none(tmp_path) -> None:
    merton = str(ROOT / "findings" / "merton.yml")
    assert "  email: null\n" in BRAND and '    - "1 Bridge Street West"\n' in BRAND
    blank = house_folder(tmp_path / "blank", BRAND.replace("  email: null\n", '  email: ""\n').replace('"1 Bridge Street West"', '"  "'))
    code, _, stderr = run_cli("check", "--final", merton, "--templates", str(blank))
    lines = [line for line in stderr.splitlines() if "brand.yml" in line]
    assert code == 1 and len(lines) == 2, stderr
    assert re.match(rf"{re.escape(str(blank / 'brand.yml'))}:\d+:\d+: error: publisher, address.*: found nothing", lines[0]), lines
    assert "publisher, email: found nothing, expected the e-mail address readers ask for an accessible format at" in lines[1]
    code, _, stderr = run_cli("check", merton, "--templates", str(blank))  # not final: the brand is the house's business
    assert code == 0 and "brand.yml" not in stderr
    given = house_folder(tmp_path / "given", BRAND.replace("  email: null\n", '  email: "formats@example.gov.uk"\n'))
    assert run_cli("check", "--final", merton, "--templates", str(given))[0] == 0
    assert run_cli("check", "--final", merton)[0] == 0  # the shipped brand: none offered, by post


def test_the_contact_is_a_mail_link_when_the_brand_gives_an_address(checked, tmp_path) -> None:
    from reportgen.house import Folders, load_house

    given = house_folder(tmp_path, BRAND.replace("  email: null\n", '  email: "formats@example.gov.uk"\n'))
    house = load_house(Folders.given(templates=[given], environ={}))
    contact = soup(WRITERS["html"](prepare(checked["merton"], house))).find(id="alternative-formats").find_next("p")
    assert contact.a["href"] == "mailto:formats@example.gov.uk" and "by post" not in contact.get_text()


# --- the download box -------------------------------------------------------------------------


def test_a_page_built_without_its_pdf_states_no_size_or_pages(built) -> None:
    """Only what was made with the page is measured: a build of the page alone says 'PDF' and no more."""
    box = soup(built["merton"]["html"]).select_one("section.downloads")
    metas = [" ".join(p.get_text().split()) for p in box.select(".attachment-meta")]
    assert metas == ["PDF · Request an accessible format", "ODS"]
    assert box.abbr["title"] == "Portable Document Format"


def test_pdf_pages_reads_the_page_count_and_with_files_says_it(built) -> None:
    import io

    import pypdf

    pdf = built["havering"]["pdf"]
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert pages > 10 and pdf_pages(pdf) == pages and pdf_pages(b"not a pdf") is None
    page = with_files(_page(built["havering"].stages), pdf, built["havering"]["data"])
    assert (page.pdf_size, page.pdf_pages) == (human_size(len(pdf)), pages) and page.workbook_size.endswith(("KB", "bytes"))
