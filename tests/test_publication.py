"""Issue 14: the publishing pack — the HTML publication page, the data behind every table, the
CMS fragment — read back the way a publishing team's tools would (bs4, csv, json, LibreOffice).

Most checks read the session's in-memory outputs (`built`); one CLI build of Havering into a
temporary folder proves the page's links resolve to the files written beside it.
"""

from __future__ import annotations

import csv
import io
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from reportgen.build import WRITERS, prepare
from reportgen.render.data import DataTable, neutralise, number, to_csv
from reportgen.validate import check_file

from . import readback
from .conftest import REPORTS, ROOT
from .variants import Variant

pytestmark = pytest.mark.slow  # full packs built by the CLI: in `make test`, not the quick loop

BRAND = yaml.safe_load((ROOT / "templates" / "brand.yml").read_text(encoding="utf-8"))
OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


def soup_of(built, name: str, fmt: str = "html") -> BeautifulSoup:
    return BeautifulSoup(built[name][fmt].decode("utf-8"), "html.parser")


def json_ld(soup: BeautifulSoup) -> dict:
    (script,) = soup.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode("utf-8")), "no byte-order mark: Excel would misread accents"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def html_rows(table) -> list[list[str]]:
    for sup in table.select("sup.footnote-ref"):
        sup.decompose()
    for br in table.find_all("br"):
        br.replace_with(" ")
    # the cell's text as it reads: no space is added where inline markup ends ("<em>User Voice</em>; ")
    return [[" ".join(c.get_text().split()) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]


def prints_licence(checked, name: str) -> bool:
    """Whether the edition's own copyright page carries the brand's licence statement: the youth
    editions do; the 2007 and 2015 originals were published with no licence statement."""
    return any("licence_reuse" in text for text in checked[name].edition.boilerplate.values())


# --- the page: metadata, licence, links ---------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_json_ld_is_a_schema_org_report_with_the_publication_fields(built, checked, name) -> None:
    document = json_ld(soup_of(built, name))
    inspection = checked[name].findings.inspection
    assert document["@context"] == "https://schema.org" and document["@type"] == "Report"
    assert document["name"] == built[name].stages.view.title
    assert document["datePublished"] == inspection.published.isoformat()
    assert document["publisher"]["name"] == BRAND["publisher"]["name"]
    if inspection.isbn:
        assert document["isbn"] == inspection.isbn
    else:  # an older edition published without an ISBN: no empty or made-up identifier
        assert "isbn" not in document
    assert document["license"] == OGL
    assert document["inLanguage"] == "en-GB"
    assert document["encoding"][0]["contentUrl"] == f"{name.rsplit('/', 1)[-1]}.pdf"  # examples/… is written under its file name


def test_meta_and_dublin_core_describe_the_publication(built, checked) -> None:
    soup = soup_of(built, "merton")
    meta = {m["name"]: m["content"] for m in soup.find_all("meta", attrs={"name": True})}
    assert soup.find("link", rel="schema.DCTERMS")["href"] == "http://purl.org/dc/terms/"
    assert meta["DCTERMS.issued"] == checked["merton"].findings.inspection.published.isoformat()
    assert meta["DCTERMS.publisher"] == BRAND["publisher"]["name"]
    assert meta["DCTERMS.license"] == OGL
    assert meta["DCTERMS.identifier"] == f"urn:isbn:{checked['merton'].findings.inspection.isbn}"
    assert meta["DCTERMS.language"] == "en-GB"


@pytest.mark.parametrize("name", REPORTS)
def test_ogl_statement_links_the_licence_and_the_contact_comes_from_the_brand_file(built, checked, name) -> None:
    soup = soup_of(built, name)
    footer = soup.find("footer")
    licence = footer.find("a", rel="license")
    assert licence["href"] == OGL and licence.get_text() == "Open Government Licence v3.0"
    assert " ".join(footer.find("p", class_="licence").get_text().split()) == BRAND["licence"]["statement"]
    assert " ".join(BRAND["publisher"]["address"]) in footer.find("address").get_text(" ")
    assert BRAND["alternative_formats"]["heading"] in footer.get_text()
    assert soup.select_one(".publication-meta a[rel=license]")["href"] == OGL
    # the copyright page of the report itself is its printing's (issue 24): the youth printings of 2019-2022
    # carry their year's re-use notice and 'Follow us on Twitter'; the page's footer above carries today's licence
    body = " ".join(soup.find("main").get_text(" ").split())
    edition = checked[name].edition.id
    assert ("You may re-use this information (excluding logos) free of charge" in body) == edition.startswith("youth")
    assert ("Follow us on Twitter" in body) == (edition in ("youth-2018", "youth-2021"))  # not in the 2019 printing
    # today's licence statement in the report itself only where the edition prints it (none of the seeds' printings)
    assert bool(soup.select_one(f"main .front-matter a[href='{OGL}']")) == prints_licence(checked, name)


@pytest.mark.parametrize("name", REPORTS)
def test_metadata_block_front_matter_and_back_to_top(built, checked, name) -> None:
    soup = soup_of(built, name)
    inspection = checked[name].findings.inspection
    meta = {dt.get_text(): dd for dt, dd in zip(soup.select(".publication-meta dt"), soup.select(".publication-meta dd"))}
    labels = BRAND["labels"]
    assert meta[labels["published"]].time["datetime"] == inspection.published.isoformat()
    if inspection.isbn:
        assert meta[labels["isbn"]].get_text() == inspection.isbn
    else:  # only the rows the report has
        assert labels["isbn"] not in meta
    assert meta[labels["lead_inspector"]].get_text() == inspection.lead_inspector
    # front matter folded away, before the first chapter the contents list
    details = soup.select_one("main details.front-matter")
    listed = {a["href"][1:] for a in soup.select("nav.contents a")}
    if details is None:  # an edition with no inside cover (FJI 2015 has its acknowledgements in an appendix)
        assert not soup.select("main .front-matter")
        assert [h for h in soup.find("main").find_all("h2") if "Acknowledgements" in h.get_text() and h.get("id") in listed]
    else:
        assert details.summary.get_text() == labels["front_matter"]
        assert "Acknowledgements" in [h.get_text() for h in details.find_all("h2")]
        assert not [h for h in details.find_all("h2") if h.get("id") in listed]
    # "Back to top" closes every chapter outside the fold, and goes to the header band
    chapters = [h for h in soup.find("main").find_all("h2") if not h.find_parent(["details", "nav"])]
    backs = soup.select("main p.back-to-top a")
    assert len(backs) == len(chapters) and {a["href"] for a in backs} == {"#top"}
    assert soup.find(id="top").name == "header"


# --- the data: one CSV per table, the same numbers --------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_every_html_table_has_a_csv_with_the_same_numbers(built, name) -> None:
    """A table printed as data has its cells in its CSV; a ratings, key-question or prompt table (tidy data,
    tests/test_data_downloads.py) has every number it prints in its CSV, and every file is some table's."""
    soup = soup_of(built, name)
    files = built[name]["data"]
    tidy = {url for url, t in ((t["url"], t) for t in json.loads(files["csv-metadata.json"])["tables"]) if t["tableSchema"].get("primaryKey")}
    tables = soup.find_all("table")
    hrefs = []
    for table in tables:
        link = table.find_parent("div").find_next_sibling("p", class_="table-download").a
        assert link.get_text().startswith(BRAND["labels"]["download_table"])
        href = link["href"]
        assert href.startswith("data/") and href.endswith(".csv")
        hrefs.append(href.removeprefix("data/"))
        rows = read_csv(files[hrefs[-1]])
        if hrefs[-1] in tidy:
            data = {number(cell) for row in rows[1:] for cell in row} - {None}
            printed = {number(cell.rstrip("%")) for row in html_rows(table)[1:] for cell in row} - {None}
            assert printed <= data, (href, printed - data)
        else:
            assert_same_cells(html_rows(table), rows, href)
    assert set(hrefs) == {n for n in files if n.endswith(".csv")} and len(tables) > 0


def assert_same_cells(shown: list[list[str]], rows: list[list[str]], where: str) -> None:
    """A printed table and its CSV agree cell for cell: text as printed (neutralised), numbers by value."""
    assert [len(r) for r in rows] == [len(r) for r in shown], where
    for printed_row, data_row in zip(shown[1:], rows[1:]):
        for printed, value in zip(printed_row, data_row):
            expected = number(printed)
            if expected is None:
                assert value == neutralise(printed), (where, printed, value)
            else:
                assert float(value.rstrip("%").replace(",", "")) == expected, (where, printed, value)


def test_data_annex_lists_every_file_and_the_metadata_describes_each_table(built) -> None:
    soup = soup_of(built, "merton")
    files = built["merton"]["data"]
    annex = soup.select_one("section.data-annex")
    listed = {a["href"] for a in annex.find_all("a")} - {"#top"}
    assert listed == {f"data/{n}" for n in files}
    metadata = json.loads(files["csv-metadata.json"])
    assert metadata["@context"][0] == "http://www.w3.org/ns/csvw" and metadata["dc:license"]["@id"] == OGL
    by_url = {t["url"]: t for t in metadata["tables"]}
    assert set(by_url) == {n for n in files if n.endswith(".csv")}
    names = readback.html_table_names(str(soup))  # a table the heading above names has no caption
    printed_as_data = [t["dc:title"] for t in metadata["tables"] if not t["tableSchema"].get("primaryKey")]
    assert printed_as_data and all(title in names for title in printed_as_data)  # tidy data has captions of its own
    caseload = next(t for t in metadata["tables"] if t["dc:title"] == "Additional caseload data")
    assert any("caseload" in note for note in caseload["notes"])  # its source footnote travels with it
    assert [c["datatype"] for c in caseload["tableSchema"]["columns"]] == ["number", "string"]
    assert readback.html_headings(built["merton"]["html"].decode()) == readback.markdown_headings(built["merton"]["md"].decode())


def test_percentages_are_numbers_with_the_unit_in_the_header(built) -> None:
    files = built["merton"]["data"]
    age = read_csv(next(v for k, v in files.items() if k.startswith("merton-03-")))
    assert age[0] == ["Age", "10–14 years (%)", "15–17 years (%)"] and age[1][1:] == ["17", "83"]
    population = read_csv(next(v for k, v in files.items() if k.startswith("merton-02-")))
    assert population[1][0] == "206548"  # '206,548' as printed


def test_hostile_cell_text_is_neutralised_in_the_csv_and_text_in_the_workbook(tmp_path, house) -> None:
    path = Variant().set("contextual_facts[0].facts[0].label", '=HYPERLINK("http://evil.example","click")').write(tmp_path)
    files = WRITERS["data"](prepare(check_file(path, house), house))
    population = read_csv(next(v for k, v in files.items() if re.fullmatch(r".+-02-population-information\.csv", k)))
    cell = population[1][1]
    assert cell.startswith("'=HYPERLINK(") and not cell.startswith("=")
    content = zipfile.ZipFile(io.BytesIO(next(v for k, v in files.items() if k.endswith(".ods")))).read("content.xml").decode()
    assert "table:formula" not in content  # a text cell, shown and never evaluated


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")"])
def test_every_formula_start_is_neutralised(text) -> None:
    table = DataTable(1, "t", "", ("Label", "Value"), ((text, "5"), ("plain", "-3")), ())
    rows = read_csv(to_csv(table))
    assert rows[1] == ["'" + text, "5"] and rows[2] == ["plain", "-3"]  # a negative number stays a number


def test_fragment_is_the_body_without_the_page_shell(built) -> None:
    fragment = built["merton"]["html-fragment"].decode("utf-8")
    soup = BeautifulSoup(fragment, "html.parser")
    assert not soup.find(["html", "head", "body", "header", "footer", "main", "style", "script", "h1"])
    root = soup.find("div", class_="report-body")
    assert root and root.get("lang") == "en-GB"
    assert soup.select_one("nav.contents") and soup.select_one("details.front-matter")
    assert len(soup.find_all("table")) == len(soup.select("p.table-download a[href^='data/']")) > 0
    page = soup_of(built, "merton")
    assert readback.html_headings(fragment) == readback.html_headings(str(page))[1:]  # all but the title
    documented = (ROOT / "docs" / "html-fragment.md").read_text(encoding="utf-8")
    for cls in sorted({c for el in soup.find_all(class_=True) for c in el["class"]}):
        assert f"`{cls}`" in documented or re.sub(r"-[a-z-]+$", "-", cls) in documented, f"class {cls} is not documented"


# --- the files on disk: links resolve, the workbook opens ---------------------------------


CLI = [str(Path(sys.executable).with_name("reportgen"))] if Path(sys.executable).with_name("reportgen").exists() else [sys.executable, "-m", "reportgen"]


def reportgen(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, env=environment)


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    """Havering built by the CLI as a final pack, as a publishing team would: every format, by default."""
    out = tmp_path_factory.mktemp("pack")
    done = reportgen("build", "--final", str(ROOT / "findings" / "havering.yml"), "--out", str(out), SOURCE_DATE_EPOCH="1700000000")
    assert done.returncode == 0, done.stderr
    return out / "havering"


def test_every_link_of_the_page_to_a_file_resolves(pack) -> None:
    online = pack / "publish"  # what goes on the website: the page links only to what is beside it there
    assert sorted(p.name for p in pack.iterdir()) == ["havering.docx", "havering.md", "manifest.json", "publish"]
    assert sorted(p.name for p in online.iterdir()) == ["data", "havering.fragment.html", "havering.html", "havering.pdf"]
    soup = BeautifulSoup((online / "havering.html").read_text(encoding="utf-8"), "html.parser")
    pdf = soup.find("a", type="application/pdf")["href"]
    assert (online / pdf).read_bytes().startswith(b"%PDF-")
    assert soup.find("link", rel="alternate", type="application/pdf")["href"] == pdf
    local = {a["href"] for a in soup.find_all("a", href=True) if not re.match(r"^(#|https?:|mailto:)", a["href"])}
    assert len(local) > 5
    for href in local:
        assert (online / href).is_file(), href


def test_the_download_box_says_type_size_and_pages_as_gov_uk_does(pack) -> None:
    """'PDF, 177 KB, 25 pages' (GOV.UK's attachment), of the files beside the page in publish/."""
    import pypdf

    from reportgen.render.publication import human_size

    online = pack / "publish"
    box = BeautifulSoup((online / "havering.html").read_text(encoding="utf-8"), "html.parser").select_one("section.downloads")
    pdf, workbook = (online / "havering.pdf").read_bytes(), (online / "data" / "havering-tables.ods").read_bytes()
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    metas = [" ".join(p.get_text().split()) for p in box.select(".attachment-meta")]
    assert metas == [f"PDF, {human_size(len(pdf))}, {pages} pages · Request an accessible format", f"ODS, {human_size(len(workbook))}"]
    assert [a["href"] for a in box.select("li.attachment > a")] == ["havering.pdf", "data/havering-tables.ods", "#data-tables"]


@pytest.mark.office
def test_the_workbook_opens_in_libreoffice_with_numbers_as_numbers(pack, tmp_path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    assert office, "LibreOffice is missing: run `make system-packages`"
    workbook = pack / "publish" / "data" / "havering-tables.ods"
    content = zipfile.ZipFile(workbook).read("content.xml").decode()
    assert 'office:value-type="float"' in content
    done = subprocess.run(  # every sheet to CSV (the last filter option, -1), values not as shown
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(workbook)],
        capture_output=True, text=True, timeout=180,
    )
    assert done.returncode == 0, done.stderr
    sheets = {p.stem.removeprefix("havering-tables-"): p for p in tmp_path.glob("havering-tables-*.csv")}
    csvs = {int(path.name.split("-")[1]): path for path in (pack / "publish" / "data").glob("havering-*.csv")}  # <report>-<NN>-<name>.csv
    assert set(sheets) == {"Contents"} | {f"Table {n}" for n in csvs}
    for n, path in csvs.items():
        data = read_csv(path.read_bytes())
        sheet = list(csv.reader(io.StringIO(sheets[f"Table {n}"].read_text(encoding="utf-8"), newline="")))
        start = next(i for i, row in enumerate(sheet) if row[: len(data[0])] == data[0])
        assert [row[: len(data[0])] for row in sheet[start:]] == data, path.name


# --- the final pack: manifest and verify --------------------------------------------------


def test_final_build_writes_a_manifest_of_every_file(pack) -> None:
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    findings = (ROOT / "findings" / "havering.yml").read_bytes()
    assert manifest["tool"]["name"] == "reportgen" and manifest["tool"]["version"] not in ("", "unknown")
    assert manifest["edition"] == "youth-2021"
    assert manifest["findings"] == {"file": "havering.yml", "sha256": hashlib.sha256(findings).hexdigest(), "size": len(findings)}
    assert manifest["build_date"] == "2023-11-14T22:13:20Z"  # SOURCE_DATE_EPOCH
    on_disk = {str(p.relative_to(pack)) for p in pack.rglob("*") if p.is_file()} - {"manifest.json"}
    assert [f["path"] for f in manifest["files"]] == sorted(on_disk)
    for entry in manifest["files"]:
        data = (pack / entry["path"]).read_bytes()
        assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest()


def test_verify_passes_a_pack_and_names_a_changed_byte_and_an_added_file(pack, tmp_path) -> None:
    ok = reportgen("verify", str(pack))
    assert ok.returncode == 0 and "match manifest.json" in ok.stdout, ok.stderr
    copy = tmp_path / "havering"
    shutil.copytree(pack, copy)
    victim = sorted((copy / "publish" / "data").glob("havering-*.csv"))[0]
    data = bytearray(victim.read_bytes())
    data[-3] ^= 0x01  # one bit of one byte, same size
    victim.write_bytes(bytes(data))
    (copy / "extra.txt").write_text("smuggled", encoding="utf-8")
    bad = reportgen("verify", str(copy))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    lines = bad.stderr.splitlines()
    assert any(line.startswith(f"{victim}: error: SHA-256") for line in lines), lines
    assert any(line.startswith(f"{copy / 'extra.txt'}: error: not in the manifest") for line in lines), lines
    (copy / "manifest.json").write_text('{"files": [{"path": "../../etc/passwd", "size": 1, "sha256": "x"}]}', encoding="utf-8")
    outside = reportgen("verify", str(copy))
    assert outside.returncode == 1 and "listed outside the pack" in outside.stderr


def _files(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_ino) for p in folder.rglob("*") if p.is_file()}


def test_a_full_pack_survives_a_later_fragment_build_and_still_verifies(pack, tmp_path) -> None:
    """`build --final --format html-fragment` after a full build deleted the pack and verify passed the one file left."""
    copy = tmp_path / "out" / "havering"
    shutil.copytree(pack, copy)
    before = _files(copy)
    done = reportgen("build", "--final", "--format", "html-fragment", str(ROOT / "findings" / "havering.yml"),
                     "--out", str(copy.parent), SOURCE_DATE_EPOCH="1700000000")
    assert done.returncode == 0, done.stderr
    after = _files(copy)
    assert set(after) == set(before)
    fragment = "publish/havering.fragment.html"
    untouched = set(before) - {fragment, "manifest.json"}
    assert len(untouched) > 10 and all(after[name] == before[name] for name in untouched)  # same bytes, same file (inode)
    assert after[fragment][1] != before[fragment][1]  # written again
    checked = reportgen("verify", str(copy))
    assert checked.returncode == 0 and f"all {len(before) - 1} files match" in checked.stdout, checked.stderr
    page = BeautifulSoup(after[fragment][0].decode("utf-8"), "html.parser")
    local = {a["href"] for a in page.find_all("a", href=True) if not re.match(r"^(#|https?:|mailto:)", a["href"])}
    assert local and all((copy / "publish" / href).is_file() for href in local)


def test_a_final_build_of_some_formats_never_vouches_for_files_another_build_made(pack, tmp_path) -> None:
    """The manifest covers every file of the pack; a file of another format made from other findings refuses the
    final build (nothing written); a build that is not final keeps the other formats and drops the manifest."""
    copy = tmp_path / "out" / "havering"
    shutil.copytree(pack, copy)
    before = _files(copy)
    changed = tmp_path / "havering.yml"
    changed.write_bytes((ROOT / "findings" / "havering.yml").read_bytes() + b"# a comment: other bytes, other findings\n")
    refused = reportgen("build", "--final", "--format", "md", str(changed), "--out", str(copy.parent), SOURCE_DATE_EPOCH="1700000000")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert f"found {copy}/ holding havering.docx, publish/ (" in refused.stderr, refused.stderr
    assert "from another build" in refused.stderr and "nothing was written" in refused.stderr
    assert _files(copy) == before
    built = reportgen("build", "--format", "md", str(changed), "--out", str(copy.parent), SOURCE_DATE_EPOCH="1700000000")
    assert built.returncode == 0, built.stderr
    after = _files(copy)
    assert set(after) == set(before) - {"manifest.json"}  # the manifest would no longer be true
    assert all(after[name] == before[name] for name in after if name != "havering.md")
    assert after["havering.md"][1] != before["havering.md"][1]  # written again (the same text: a comment changes no output)


def test_final_refuses_a_todo_and_a_draft_build_drops_the_manifest(tmp_path) -> None:
    source = (ROOT / "findings" / "havering.yml").read_text(encoding="utf-8")
    draft = tmp_path / "havering.yml"
    draft.write_text(source + "\n# TODO: confirm the caseload figures with the service\n", encoding="utf-8")
    refused = reportgen("build", "--final", str(draft), "--out", str(tmp_path / "out"), "--format", "md")
    assert refused.returncode == 1 and "TODO" in refused.stderr and "Traceback" not in refused.stderr
    assert not (tmp_path / "out" / "havering" / "manifest.json").exists()
    # a final build of the clean file, then a draft build: the manifest would lie, so it goes
    ready = tmp_path / "ready" / "havering.yml"
    ready.parent.mkdir()
    ready.write_text(source, encoding="utf-8")
    assert reportgen("build", "--final", str(ready), "--out", str(tmp_path / "out"), "--format", "md").returncode == 0
    assert reportgen("verify", str(tmp_path / "out" / "havering")).returncode == 0
    assert reportgen("build", str(ready), "--out", str(tmp_path / "out"), "--format", "md").returncode == 0
    assert not (tmp_path / "out" / "havering" / "manifest.json").exists()


def test_the_web_page_and_the_print_document_can_be_rendered_in_any_order(checked, house) -> None:
    """Both are rendered from the same tokens: neither may change them for the other."""
    from reportgen.build import _html, _web

    stages = prepare(checked["havering"], house)
    web = _web(stages)
    printed = _html(stages)
    again = prepare(checked["havering"], house)
    assert _html(again) == printed and _web(again) == web
    assert '<div class="front">' in printed and printed.count('class="front') == 1


def test_a_workbook_is_the_same_whatever_the_process_built_before(built) -> None:
    """odfpy declared in each document every namespace any earlier document of the process used, so
    Merton's workbook differed after a batch had built Bromley and Havering."""
    from reportgen.render.data import data_tables
    from reportgen.render.ods import workbook

    merton = built["merton"].stages
    first = workbook(data_tables(merton.parsed.tokens), merton.view, merton.house.brand)
    for name in ("bromley", "havering", "lambeth"):
        other = built[name].stages
        workbook(data_tables(other.parsed.tokens), other.view, other.house.brand)
    assert workbook(data_tables(merton.parsed.tokens), merton.view, merton.house.brand) == first
