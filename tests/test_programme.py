"""Issue 26 item 1: the programme view — every inspection at once.

The view is made once per module over findings/ (the four transcribed reports and the invented
example) and a synthetic re-inspection pair, then read back as a user would: the ratings CSV against
the published reports, each HTML table against its CSV, the re-inspection's rows and sentences, the
SQLite database (and its bytes on a second run), and the page in Chromium with axe-core.
"""

from __future__ import annotations

import io
import json
import random
import re
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from reportgen.programme.run import build_programme
from reportgen.programme.synthetic import dump, findings as synthetic_findings, invented, shipped_editions

from .test_publication import assert_same_cells, html_rows, read_csv

pytestmark = pytest.mark.slow  # the programme view of every report, its PDF and the browser's check: in `make test`, not the quick loop

ROOT = Path(__file__).resolve().parent.parent
REAL = ("merton", "havering", "bromley", "lambeth")
# As published (shared/seeds): each standard's rating, the score and the overall rating.
PUBLISHED = {
    "Merton Youth Justice Service": ({"1.1": "Good", "1.2": "Good", "1.3": "Outstanding", "1.4": "Requires improvement",
                                      "2.1": "Outstanding", "2.2": "Outstanding", "2.3": "Outstanding", "2.4": "Outstanding",
                                      "3.1": "Outstanding", "3.2": "Good", "3.3": "Good", "3.4": "Outstanding"}, "30", "Good"),
    "Havering Youth Justice Service": ({"1.1": "Requires improvement", "1.2": "Requires improvement", "1.3": "Good", "1.4": "Good",
                                        "2.1": "Requires improvement", "2.2": "Good", "2.3": "Good", "2.4": "Good",
                                        "3.1": "Requires improvement", "3.2": "Outstanding", "3.3": "Good",
                                        "3.4": "Requires improvement", "4.1": "Good"}, "20", "Good"),
    "Bromley Youth Offending Team": ({str(n): "Inadequate" for n in range(1, 6)}, None, None),
    "Lambeth Youth Offending Service": ({"1": "Unsatisfactory", "2": "Unsatisfactory", "3": "Unsatisfactory", "4": "Good",
                                        "5": "Unsatisfactory", "6": "Unsatisfactory"}, None, None),
}
AREA = "Quillmere (invented)"


def write_pair(folder: Path) -> tuple[Path, Path]:
    """A synthetic re-inspection: the area as a youth offending team in 2019 (2018 standards), then
    renamed a youth justice service in 2023 (2021 standards)."""
    editions = shipped_editions()
    rng = random.Random(26)
    first = synthetic_findings(editions["youth-2018"], invented("Quillmere", ("Youth Offending Team", "YOT")), date(2019, 3, 1), 0.25, rng)
    second = synthetic_findings(editions["youth-2021"], invented("Quillmere", ("Youth Justice Service", "YJS")), date(2023, 5, 1), 0.9, rng)
    paths = folder / "quillmere-2019.yml", folder / "quillmere-2023.yml"
    for path, data in zip(paths, (first, second)):
        path.write_text(dump(data, 26), encoding="utf-8")
    return paths


def inputs(tmp: Path) -> list[Path]:
    pair = tmp / "synthetic"
    pair.mkdir()
    return [*(ROOT / "findings" / f"{n}.yml" for n in REAL), ROOT / "findings" / "examples" / "youth-2018-example.yml", *write_pair(pair)]


@pytest.fixture(scope="module")
def made(tmp_path_factory, house) -> Path:
    tmp = tmp_path_factory.mktemp("programme")
    written, count = build_programme(inputs(tmp), tmp / "out", house, formats=("html", "data", "sqlite"))
    assert count == 7
    return tmp / "out" / "programme"


@pytest.fixture(scope="module")
def soup(made) -> BeautifulSoup:
    return BeautifulSoup((made / "programme.html").read_text(encoding="utf-8"), "html.parser")


def ratings_rows(made: Path) -> dict[str, dict[str, str]]:
    """Every row of every ratings CSV, by service: column heading → cell."""
    rows = {}
    for path in sorted((made / "data").glob("table-*-ratings-of-*.csv")):
        header, *body = read_csv(path.read_bytes())
        rows.update({row[0]: dict(zip(header, row)) for row in body})
    return rows


def test_the_csv_lists_every_real_report_with_its_published_ratings_score_and_overall_rating(made) -> None:
    rows = ratings_rows(made)
    for service, (ratings, score, overall) in PUBLISHED.items():
        row = rows[service]
        by_standard = {heading.split(" ", 1)[0]: value for heading, value in row.items() if re.match(r"^\d+(\.\d+)? ", heading) and value}
        assert by_standard == ratings, service
        assert row.get("Score (out of 36)") == score and row.get("Overall rating") == overall, row
    assert set(rows) >= set(PUBLISHED) and len(rows) == 7


def test_every_html_table_agrees_with_its_csv_cell_for_cell(made, soup) -> None:
    tables = soup.find_all("table")
    assert len(tables) == len(list((made / "data").glob("table-*.csv"))) >= 8
    for table in tables:
        href = table.find_parent("div").find_next_sibling("p", class_="table-download").a["href"]
        rows = read_csv((made / href).read_bytes())
        shown = html_rows(table)
        assert rows[0][0] == shown[0][0]
        assert_same_cells(shown, rows, href)


def test_editions_share_a_column_only_where_the_edition_data_says_they_correspond(made) -> None:
    """2018's 3.4 Joint working and 2021's 3.4 Out-of-court disposal policy are two columns; the
    2007 and 2015 frameworks, which correspond to nothing, have tables of their own."""
    rows = ratings_rows(made)
    joint, policy = "3.4 Joint working", "3.4 Out-of-court disposal policy and provision"
    for service, row in rows.items():
        if row.get("Edition", "").startswith("youth-2018"):
            assert row[joint] and not row[policy], service
        elif row.get("Edition") == "youth-2021":
            assert row[policy] and not row[joint], service
        else:
            assert joint not in row and "Overall rating" not in row, row
    tables = {p.name for p in (made / "data").glob("table-*-ratings-of-*.csv")}
    assert len(tables) == 3, tables


def with_youth_2021(tmp_path: Path, change) -> Path:
    """The programme of Merton (2018) and Havering (2021) with youth-2021's data changed by `change`
    (an editions folder given as --editions does); its data folder."""
    from reportgen.house import Folders, load_house

    data = yaml.safe_load((ROOT / "frameworks" / "youth-2021.yml").read_text(encoding="utf-8"))
    change(data)
    (tmp_path / "editions").mkdir()
    (tmp_path / "editions" / "youth-2021.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    house = load_house(Folders.given(editions=[tmp_path / "editions"], environ={}))
    build_programme([ROOT / "findings" / "merton.yml", ROOT / "findings" / "havering.yml"], tmp_path / "out", house, formats=("data",))
    return tmp_path / "out" / "programme" / "data"


def test_without_the_correspondence_the_2018_and_2021_editions_never_share_a_column(tmp_path) -> None:
    data = with_youth_2021(tmp_path, lambda edition: edition.pop("corresponds"))
    ratings = sorted(data.glob("table-*-ratings-of-*.csv"))
    assert len(ratings) == 2
    headers = [read_csv(p.read_bytes())[0] for p in ratings]
    assert all("Edition" in h for h in headers) and headers[0] != headers[1]


def test_standards_that_correspond_share_columns_but_overall_ratings_that_do_not_never_do(tmp_path) -> None:
    def separate_overall(edition: dict) -> None:
        edition["corresponds"][0]["overall"] = False

    data = with_youth_2021(tmp_path, separate_overall)
    (table,) = data.glob("table-*-ratings-of-*.csv")
    header, merton, havering = read_csv(table.read_bytes())
    rows = {"merton": dict(zip(header, merton)), "havering": dict(zip(header, havering))}
    assert rows["merton"]["2.1 Assessment"] == "Outstanding" and rows["havering"]["2.1 Assessment"] == "Requires improvement"
    assert rows["merton"]["Overall rating (youth-2018)"] == "Good" and rows["merton"]["Overall rating (youth-2021)"] == ""
    assert rows["havering"]["Overall rating (youth-2021)"] == "Good" and rows["havering"]["Overall rating (youth-2018)"] == ""
    assert "Overall rating" not in header
    (spread,) = data.glob("table-*-inspections-at-each-rating-*.csv")
    assert "Overall rating" not in [row[0] for row in read_csv(spread.read_bytes())]


def test_a_synthetic_re_inspection_shows_both_rows_and_what_changed_in_words(made, soup) -> None:
    heading = next(h for h in soup.find_all("h3") if h.get_text(strip=True) == AREA)
    table = heading.find_next("table")
    assert table.caption.get_text(strip=True) == f"Inspections of {AREA}"
    services = [tr.th.get_text(strip=True) for tr in table.tbody.find_parent("table").select("tbody tr")]
    assert services == ["Quillmere Youth Offending Team (invented)", "Quillmere Youth Justice Service (invented)"]
    rows = ratings_rows(made)
    before, after = (rows[s] for s in services)
    sentence = heading.find_next("div", class_="table-wrap").find_next("p", class_=False).get_text(" ", strip=True)
    assert sentence.startswith(f"{AREA} was inspected in March 2019 (Quillmere Youth Offending Team (invented), youth-2018) "
                               "and again in May 2023 (Quillmere Youth Justice Service (invented), youth-2021).")
    old, new = before["Overall rating"], after["Overall rating"]
    assert f"from {old} to {new}" in sentence or f"stayed {new}" in sentence
    assert f"(score {before['Score (out of 36)']}/36 to {after['Score (out of 36)']}/36)" in sentence
    changes = [li.get_text(" ", strip=True) for li in heading.find_next("div", class_="table-wrap").find_next("ul").find_all("li")]
    moved = [c for c in before if re.match(r"^\d", c) and before[c] and after[c] and before[c] != after[c]]
    assert len(changes) == len(moved) > 0
    for column in moved:
        word = "improved" if ORDER[after[column].rstrip("*")] > ORDER[before[column].rstrip("*")] else "declined"
        assert f"{column}: {word} from {before[column].rstrip('*')} to {after[column].rstrip('*')}" in changes


ORDER = {"Inadequate": 0, "Requires improvement": 1, "Good": 2, "Outstanding": 3}


def test_spread_and_key_question_figures_add_up(made) -> None:
    rows = ratings_rows(made)
    youth = [r for r in rows.values() if r["Edition"].startswith("youth")]
    spread = next(p for p in (made / "data").glob("table-*-inspections-at-each-rating-youth*.csv"))
    header, *body = read_csv(spread.read_bytes())
    for line in body:
        column = line[0]
        values = [r[column].rstrip("*") for r in youth] if column != "Overall rating" else [r["Overall rating"] for r in youth]
        counts = dict(zip(header[1:-1], map(int, line[1:-1])))
        assert counts == {w: values.count(w) for w in header[1:-1]}, column
        assert int(line[-1]) == sum(counts.values())
    figures = next(p for p in (made / "data").glob("table-*-key-questions-*youth*.csv"))
    header, *body = read_csv(figures.read_bytes())
    assert header == ["Standard", "Key question", "Median (%)", "Lowest (%)", "Highest (%)", "Inspections"]
    first = next(line for line in body if line[1].startswith("2.1.1 "))
    with sqlite3.connect(made / "programme.sqlite") as db:
        values = sorted(v for (v,) in db.execute("SELECT percent FROM key_question_figures JOIN inspections USING (inspection) "
                                                 "WHERE key_question = '2.1.1' AND edition LIKE 'youth%' AND percent IS NOT NULL"))
    middle = (values[(len(values) - 1) // 2] + values[len(values) // 2]) / 2
    assert [float(first[2]), int(first[3]), int(first[4]), int(first[5])] == [middle, values[0], values[-1], len(values)]


def test_the_database_has_a_table_per_kind_of_row_and_the_published_figures(made) -> None:
    with sqlite3.connect(made / "programme.sqlite") as db:
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert tables == {"editions", "scale", "standards", "key_questions", "inspections", "ratings", "key_question_figures",
                          "prompt_counts", "case_counts"}
        merton = dict(db.execute("SELECT standard, final FROM ratings JOIN inspections USING (inspection) WHERE service = ?",
                                 ("Merton Youth Justice Service",)))
        assert merton == PUBLISHED["Merton Youth Justice Service"][0]
        assert db.execute("SELECT score, max_score, overall FROM inspections WHERE area = 'Havering'").fetchone() == (20, 36, "Good")
        assert db.execute("SELECT relevant, yes, percent FROM key_question_figures JOIN inspections USING (inspection) "
                          "WHERE area = 'Merton' AND key_question = '3.2.3'").fetchone() == (3, 2, 67)
        assert db.execute("SELECT cases FROM case_counts JOIN inspections USING (inspection) WHERE area = 'Merton' AND domain = '2'").fetchone()[0] > 0
        joined = db.execute("SELECT COUNT(DISTINCT s.edition) FROM standards s WHERE s.column_key = "
                            "(SELECT column_key FROM standards WHERE edition = 'youth-2021' AND standard = '2.1')").fetchone()[0]
        assert joined == 3  # 2018, its 2019 wording and 2021 share the 2.1 column


def test_every_output_is_byte_for_byte_the_same_whatever_the_order_of_the_files(made, tmp_path, house) -> None:
    again = inputs(tmp_path)
    build_programme(list(reversed(again)), tmp_path / "out", house, formats=("html", "data", "sqlite"))
    second = tmp_path / "out" / "programme"
    files = sorted(p.relative_to(made) for p in made.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (made / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.slow
def test_the_period_the_pdf_and_bad_input_from_the_command_line(tmp_path) -> None:
    cli = [sys.executable, "-m", "reportgen", "programme"]
    pair = write_pair(tmp_path)
    done = subprocess.run([*cli, str(tmp_path), str(ROOT / "findings"), "--from", "2021-01", "--to", "2022-12", "--format", "pdf,data",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "programme of 2 inspections" in done.stderr  # Merton (August 2021) and Havering (October 2022)
    rows = read_csv(next((tmp_path / "out" / "programme" / "data").glob("table-01-*.csv")).read_bytes())
    assert [r[0] for r in rows[1:]] == ["Merton Youth Justice Service", "Havering Youth Justice Service"]
    metadata = json.loads((tmp_path / "out" / "programme" / "data" / "csv-metadata.json").read_text(encoding="utf-8"))
    assert metadata["dc:title"].endswith(", January 2021 to December 2022: data tables")  # the period asked for
    pdf = (tmp_path / "out" / "programme" / "programme.pdf").read_bytes()
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.Root.MarkInfo.Marked and str(document.Root.Lang) == "en-GB"
        width, height = (float(v) for v in document.pages[1].MediaBox[2:])
        assert width > height  # landscape, for the wide tables
    bad = subprocess.run([*cli, str(tmp_path), "--from", "2021-13"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "expected a month as YYYY-MM" in bad.stderr
    pair[0].write_text(pair[0].read_text(encoding="utf-8").replace("edition: youth-2018", "edition: youth-2017"), encoding="utf-8")
    refused = subprocess.run([*cli, str(tmp_path), "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert re.search(r"quillmere-2019\.yml:\d+:\d+: error: edition: found 'youth-2017'", refused.stderr), refused.stderr
    assert (tmp_path / "out" / "programme" / "programme.pdf").read_bytes() == pdf  # the previous outputs are untouched


@pytest.mark.browser
def test_axe_finds_no_violations_and_the_page_reflows(made) -> None:
    """The page in Chromium (tests/a11y/axe.mjs, as test_accessibility runs it): axe-core's WCAG 2.2 AA
    rules at 1280 and 320 px, no sideways scrolling at 320 px, visible focus, chart text of 12 px
    or more without overlaps, nothing fetched."""
    a11y = ROOT / "tests" / "a11y"
    done = subprocess.run(["node", str(a11y / "axe.mjs"), str(made / "programme.html")], cwd=a11y, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[0])
    assert result["violations"] == [], json.dumps(result["violations"], indent=1)[:3000]
    assert not result["reflow"]["horizontalScroll"], result["reflow"]
    assert result["blocked"] == [] and result["errors"] == []
    assert result["focus"]["invisibleCount"] == 0 and "skip-link" in result["focus"]["first"]["className"]
    for seen in result["charts"]:
        assert seen["count"] > 0 and seen["minPx"] >= 12 and not seen["overlaps"], seen
