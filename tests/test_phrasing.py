"""Issue 23 item 5: free text the report sets into its own sentences (fieldwork, kind, dates) reads in every
edition, whatever natural wording the inspector chose — the template never puts its own preposition before it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.build import WRITERS, prepare
from reportgen.errors import ReportError
from reportgen.load import parse_yaml
from reportgen.phrasing import OPENERS, when
from reportgen.house import SHIPPED_EDITIONS, SHIPPED_TEMPLATES, Folders, load_house
from reportgen.validate import check, check_file

HOUSE = load_house(Folders.given(environ={}))

from .editing import ROOT

FINDINGS = sorted(p for p in (ROOT / "findings").rglob("*.yml") if not p.name.endswith(".schema.json"))
BY_EDITION = {parse_yaml(p.read_text(encoding="utf-8"), str(p)).data["edition"]: p for p in FINDINGS}


@pytest.mark.parametrize(("phrase", "read"), [
    ("May 2022", "in May 2022"),
    ("October and November 2006", "in October and November 2006"),
    ("between 17 May and 20 May 2021", "between 17 May and 20 May 2021"),
    ("Between 17 and 20 May 2021", "Between 17 and 20 May 2021"),
    ("in May 2022", "in May 2022"),
    ("during the week of 3 November 2026", "during the week of 3 November 2026"),
    ("from 3 to 7 November 2026", "from 3 to 7 November 2026"),
    ("3 to 7 November 2026", "from 3 to 7 November 2026"),
    ("3–7 November 2026", "on 3–7 November 2026"),
    ("3 November 2026", "on 3 November 2026"),
    ("15 September 2014 and 29 September 2014", "on 15 September 2014 and 29 September 2014"),
    ("Monday 3 November 2026", "on Monday 3 November 2026"),
    ("the week of 3 November 2026", "in the week of 3 November 2026"),
    ("autumn 2026", "in autumn 2026"),
])
def test_a_time_phrase_takes_the_preposition_its_wording_needs(phrase: str, read: str) -> None:
    assert when(phrase) == read


EMBED = re.compile(r"\b(?P<word>[A-Za-z]+)\s+(?:\{\{\s*|\{)(?:view\.)?(?:inspection\.)?(?:findings\.inspection\.)?"
                   r"(?P<field>fieldwork|published|date)\s*(?P<filter>\|[^}]*)?\}?\}")


def embeds() -> list[tuple[Path, str, str, str]]:
    """(file, the word before, the field, its filter) for every embed of a free-text time field in the
    templates and the editions' wording."""
    files = [*SHIPPED_TEMPLATES.rglob("*.j2"), *SHIPPED_TEMPLATES.rglob("*.yml"), *SHIPPED_EDITIONS.glob("*.yml")]
    return [(f, m["word"], m["field"], m["filter"] or "") for f in files for m in EMBED.finditer(f.read_text(encoding="utf-8"))]


def test_no_template_or_edition_puts_a_preposition_before_a_time_it_embeds() -> None:
    found = embeds()
    assert any(field == "fieldwork" for _, _, field, _ in found)  # the scan sees the embeds it is about
    wrong = [(str(f.relative_to(ROOT)), word, field) for f, word, field, filtered in found
             if word.lower() in OPENERS and "when" not in filtered]
    assert not wrong, wrong


PRINTS_FIELDWORK = {"youth-2021", "ji-2007", "fji-2015"}  # their published reports say when fieldwork took place (seeds)
WORDINGS = ["May 2022", "between 17 May and 20 May 2021", "3 to 7 November 2026", "3 November 2026",
            "in the week of 3 November 2026", "October and November 2006"]


@pytest.mark.slow  # every edition checked and rendered with each wording
@pytest.mark.parametrize("edition", sorted(HOUSE.editions))
def test_every_edition_reads_with_every_natural_wording_of_fieldwork(tmp_path: Path, edition: str) -> None:
    """The report of each edition (its real findings) built with each wording: wherever the wording is set into
    a sentence, the word before it is the one its wording needs, never a second preposition."""
    if edition not in BY_EDITION:
        pytest.skip(f"no findings of {edition} in findings/")  # every shipped edition has one: see the next test
    text = BY_EDITION[edition].read_text(encoding="utf-8")
    for wording in WORDINGS:
        path = tmp_path / "report.yml"
        path.write_text(re.sub(r"(?m)^(  fieldwork: ).*$", lambda m: m.group(1) + repr(wording).replace("'", '"'), text, count=1),
                        encoding="utf-8")
        markdown = WRITERS["md"](prepare(check_file(path, HOUSE), HOUSE)).decode("utf-8")
        uses = [markdown[max(0, i - 40):i] for i in (m.start() for m in re.finditer(re.escape(wording), markdown))]
        assert uses or edition not in PRINTS_FIELDWORK, (edition, wording)
        for before in uses:
            word = (re.findall(r"[A-Za-z]+", before) or [""])[-1].lower()
            if wording.split()[0].lower() in OPENERS:
                assert word not in OPENERS or before.rstrip()[-1:] in ":|", (edition, wording, before)
            elif before.rstrip().endswith(("took place", "undertaken")):
                raise AssertionError((edition, wording, before))  # set into a sentence with nothing before it


def test_every_shipped_edition_has_findings_to_read() -> None:
    assert set(HOUSE.editions) <= set(BY_EDITION)


def _with(text: str, field: str, value: str) -> str:
    return re.sub(rf"(?m)^(  {field}: ).*$", lambda m: m.group(1) + '"' + value + '"', text, count=1)


def test_a_sentence_where_the_time_goes_is_a_warning_and_final_refuses_it(tmp_path: Path) -> None:
    text = _with(BY_EDITION["youth-2021"].read_text(encoding="utf-8"), "fieldwork", "Fieldwork took place in May 2022.")
    path = tmp_path / "havering.yml"
    path.write_text(text, encoding="utf-8")
    [warning] = [w for w in check_file(path, HOUSE).warnings if w.check == "phrasing"]
    assert warning.place == "inspection, fieldwork" and warning.line == text.splitlines().index('  fieldwork: "Fieldwork took place in May 2022."') + 1
    assert warning.found.startswith("a sentence where the report wants when fieldwork took place")
    assert "'between 17 and 20 May 2021'" in warning.expected
    with pytest.raises(ReportError) as final:
        check_file(path, HOUSE, final=True)
    assert [p.check for p in final.value.problems] == ["phrasing"]


@pytest.mark.parametrize("kind", ["an inspection of youth offending teams", "youth offending teams in Bromley", "of youth offending teams"])
def test_a_kind_the_title_would_repeat_is_a_warning(tmp_path: Path, kind: str) -> None:
    text = _with(BY_EDITION["youth-2018"].read_text(encoding="utf-8"), "lead_inspector", "Mike Lane")
    text = text.replace("  lead_inspector:", f'  kind: "{kind.replace("Bromley", "Merton")}"\n  lead_inspector:', 1)
    checked = check(parse_yaml(text, "merton.yml"), HOUSE)
    [warning] = [w for w in checked.warnings if w.check == "phrasing"]
    assert warning.place == "inspection, kind" and "the title would repeat" in warning.found


def test_the_real_reports_give_no_phrasing_warning() -> None:
    for path in FINDINGS:
        assert not [w for w in check_file(path, HOUSE).warnings if w.check == "phrasing"], path
