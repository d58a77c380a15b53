"""Issue 22 item 3: the data downloads — file names `<report>-<table number>-<short name>.csv`, unique
across reports; tidy tables with ids for the ratings, key questions and prompts (one row per
standard, key question, prompt); CSVW column names and titles; captions that describe the data.

Read from the session's in-memory builds (`built`): no PDF, no process.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from reportgen.build import WRITERS, prepare
from reportgen.render.data import short_name
from reportgen.validate import check_file

from .conftest import REPORTS, findings_files, findings_id
from .test_publication import read_csv

CUT_MID_PHRASE = re.compile(r"-(the|of|for|and|or|in|on|to|by|with|which|against|from|a|an)$")


def data_of(built, house, name: str) -> dict[str, bytes]:
    if name in built:
        return built[name]["data"]
    return WRITERS["data"](prepare(check_file(findings_files()[0].parent / f"{name}.yml", house), house))


def metadata(files: dict[str, bytes]) -> dict[str, dict]:
    return {t["url"]: t for t in json.loads(files["csv-metadata.json"])["tables"]}


def test_data_file_names_are_unique_across_every_report_in_findings(built, house) -> None:
    seen: dict[str, str] = {}
    for path in findings_files():
        name = findings_id(path)
        stem = path.stem
        files = data_of(built, house, name)
        csvs = [file for file in files if file.endswith(".csv")]
        assert csvs, name
        for file in csvs:
            assert re.fullmatch(rf"{re.escape(stem)}-\d{{2}}-[a-z0-9]+(-[a-z0-9]+)*\.csv", file), file  # <report>-<NN>-<short name>
            assert not CUT_MID_PHRASE.search(file.removesuffix(".csv")), f"{file}: cut mid-phrase"
            assert len(file.encode()) <= 255 and file not in seen, (file, seen.get(file), name)
            seen[file] = name
        assert f"{stem}-tables.ods" in files
    assert len(seen) > 60


@pytest.mark.parametrize("name", REPORTS)
def test_the_ratings_csv_has_one_row_per_standard_with_its_id_and_rating(built, checked, house, name) -> None:
    view = prepare(checked[name], house).view
    files = built[name]["data"]
    (ratings,) = [file for file in files if re.fullmatch(r".+-\d\d-ratings\.csv", file)]
    rows = read_csv(files[ratings])
    header, body = rows[0], rows[1:]
    standard = view.edition.labels.standard
    assert header[header.index(standard):header.index(standard) + 5] == [
        standard, f"{standard} name", "Rating", "Rating by the rules", "Moved by professional discretion"]
    record = [dict(zip(header, row)) for row in body]
    assert [r[standard] for r in record] == [s.id for s in view.standards]  # every standard once, no domain or total rows
    assert [r["Rating"] for r in record] == [s.result.final for s in view.standards]
    assert [r["Rating by the rules"] for r in record] == [s.result.computed for s in view.standards]
    assert all(r["Rating"] in {rating.name for rating in view.edition.scale} for r in record)  # never 'Score 30/36'
    if "Domain" in header:
        assert [r["Domain"] for r in record] == [d.id for d in view.domains for _ in d.standards]
    if view.edition.labels.score is not None:  # a standard outside the overall score (Havering's resettlement) has none
        assert [r["Score"] for r in record] == [str(s.result.score) if s.result.scored else "" for s in view.standards]
        if not view.ratings.areas:  # the overall score adds up the standards' (else the areas')
            assert sum(int(r["Score"] or 0) for r in record) == view.ratings.score
    else:  # an edition that published no numeric scores gets none in its data
        assert "Score" not in header
    if view.ratings.areas:  # domains rated as areas of work: each row gives its domain's rating, as the table prints it
        assert [r["Domain rating"] for r in record] == [d.rating or "" for d in view.domains for _ in d.standards]
        assert any(r["Domain rating"] for r in record)
    else:
        assert "Domain rating" not in header
    schema = metadata(files)[ratings]["tableSchema"]
    assert schema["primaryKey"] == ["standard"]
    assert [c["datatype"] for c in schema["columns"] if c["name"] in ("standard", "domain")] == ["string"] * (1 + ("Domain" in header))


def test_a_moved_rating_says_so_in_the_ratings_csv(checked, house) -> None:
    """Professional discretion: the rating as published, the rules' rating and 'Yes' in one row."""
    from dataclasses import replace

    stages = prepare(checked["merton"], house)
    view = stages.view
    moved = replace(view.standards[0].result, final="Outstanding")
    ratings = replace(view.ratings, standards=(moved, *view.ratings.standards[1:]))
    domains = list(view.domains)
    domains[0] = replace(domains[0], standards=(replace(domains[0].standards[0], result=moved), *domains[0].standards[1:]))
    stages.view = replace(view, ratings=ratings, domains=tuple(domains))
    files = WRITERS["data"](stages)
    rows = read_csv(next(v for k, v in files.items() if k.endswith("-ratings.csv")))
    assert rows[1][2:8] == ["1.1", "Governance and leadership", "Outstanding", "Good", "Yes", "2"]
    assert {row[6] for row in rows[2:]} == {"No"}


def test_key_question_csvs_are_one_row_per_key_question_with_ids(built, checked, house) -> None:
    view = prepare(checked["merton"], house).view
    files = built["merton"]["data"]
    tables = metadata(files)
    counted = [s for s in view.standards if s.standard.method == "cases"]
    for s in counted:
        (file,) = [f for f in files if f.endswith(f"-key-questions-{s.id.replace('.', '-')}.csv")]
        rows = read_csv(files[file])
        assert rows[0] == ["Standard", "Key question", "Question", "Relevant cases", "Number 'Yes'", "% 'Yes'",
                           "Lowest of its standard (drives the rating)"]
        assert [tuple(r[:2]) for r in rows[1:]] == [(s.id, kq.id) for kq in s.key_questions]
        assert [r[3:6] for r in rows[1:]] == [[str(kq.relevant), str(kq.yes), str(kq.percent)] for kq in s.key_questions]
        assert [r[6] == "Yes" for r in rows[1:]] == [kq.lowest for kq in s.key_questions] and sum(kq.lowest for kq in s.key_questions) == 1
        assert tables[file]["tableSchema"]["primaryKey"] == ["key_question"]
        for kq in s.key_questions:
            if kq.prompts:
                (prompts,) = [f for f in files if f.endswith(f"-prompts-{kq.id.replace('.', '-')}.csv")]
                assert [tuple(r[:2]) for r in read_csv(files[prompts])[1:]] == [(kq.id, p.id) for p in kq.prompts]


def test_a_table_printed_twice_is_one_file_that_both_link_to(checked, house) -> None:
    """A printing that prints a standard's key questions again in a results annexe ('Results for …', as
    the 2018 printings did) prints the same data twice: one file, both printed tables numbered in it."""
    from reportgen.render.data import data_tables, unique_tables
    from reportgen.render.publication import publication_page

    stages = prepare(checked["merton"], house)
    tokens = stages.parsed.tokens
    start = next(i for i, t in enumerate(tokens) if t.type == "table_open" and any(
        c.type == "th_open" and c.meta.get("data") == "key-questions" for c in tokens[i:i + 8]))
    end = next(i for i in range(start, len(tokens)) if tokens[i].type == "table_close")
    twice = tokens[:end + 1] + tokens[start:end + 1] + tokens[end + 1:]  # the same table printed again at once
    tables = data_tables(twice, stages.view, house.brand.labels, "merton")
    once = data_tables(tokens, stages.view, house.brand.labels, "merton")
    first = next(n for n, t in enumerate(once) if t.short.startswith("key-questions"))
    assert len(tables) == len(once) + 1 and tables[first] is tables[first + 1] and tables[first].also == (first + 2,)
    assert len(unique_tables(tables)) == len(unique_tables(once))
    page = publication_page(stages.view, house.brand, tables, "merton")
    assert page.tables[first].href == page.tables[first + 1].href and len(page.files) == len(unique_tables(once))


@pytest.mark.parametrize("name", REPORTS)
def test_every_column_has_a_csvw_name_and_title_and_no_caption_describes_print(built, name) -> None:
    files = built[name]["data"]
    for url, table in metadata(files).items():
        header = read_csv(files[url])[0]
        columns = table["tableSchema"]["columns"]
        assert [c["titles"] for c in columns] == header
        names = [c["name"] for c in columns]
        assert len(set(names)) == len(names) and all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names), names
        assert not any(re.fullmatch(r"column_\d+", n) for n in names if table["tableSchema"].get("primaryKey")), names
        described = " ".join([table["dc:title"], table["dc:description"]]).lower()
        assert not re.search(r"\b(bold|italic|shaded|highlighted)\b", described), described


@pytest.mark.parametrize("caption, short", [
    ("Age of children cautioned or sentenced, against the national average", "age-of-children-cautioned-or-sentenced"),
    ("Key questions for 2.1 Assessment; the lowest, which drives the rating, in bold", "key-questions-for-2-1-assessment"),
    ("Race/ethnicity of children cautioned or sentenced", "race-ethnicity-of-children-cautioned-or-sentenced"),
    ("Staffing (full-time equivalent)", "staffing"),
    ("Ratings – at a glance", "ratings"),
    ("Annex 4: Glossary", "glossary"),
    ("2.1. Assessment: key questions", "assessment"),
    ("Ünïcödé café – menu", "unicode-cafe"),
    ("€€€", ""),
])
def test_a_short_name_is_the_captions_first_clause(caption, short) -> None:
    assert short_name(caption) == short


def test_a_short_name_is_cut_at_a_word_to_fit_the_room_left_by_a_long_report_name() -> None:
    assert short_name("the inspection team of the service", 20) == "the-inspection-team"
    assert short_name("work with children and young people subject to detention", 45) == "work-with-children-and-young-people-subject"
    assert short_name("inspection", 4) == "insp" and short_name("inspection", 0) == ""
