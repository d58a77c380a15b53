"""Fuzzing: generated valid findings always build; mutated findings build or fail in one line.

Together these run about 60 examples in `make test` and ten times as many in `make fuzz` (GENERATED, MUTATED).
Word and PDF are the slow writers, so only some examples go through them: every generated document is written as
Word and one a run as a PDF (every edition's under `make fuzz`; PDF_EDITIONS), every few mutated ones as Word
(WORD_EVERY).
"""

from __future__ import annotations

import os
import random
import re
from datetime import date

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from reportgen.build import FORMATS, render
from reportgen.cli import app
from reportgen.errors import ReportError
from reportgen.markup import check_text
from reportgen.house import Folders, load_house
from reportgen.model import Edition
from reportgen.validate import check_file
from reportgen.load import _VALUE_CONTROL as INVISIBLE  # direction marks and the like, refused by load

from .conftest import ROOT

pytestmark = pytest.mark.slow  # hundreds of generated and mutated reports through every writer

PROBLEM_LINE = re.compile(r"^\S.*?(:\d+:\d+)?: (error|warning): .+$")
CLOSING = re.compile(r"\d+ problems?( \(\d+ errors?, \d+ warnings?\))? in .+")

# Text an inspector might type, odd Unicode included, but no footnote or image syntax
# (those have their own validation tests), and none that starts a heading, list, quote or code
# block: names and list items refuse those (tests/test_validate.py), so they are not valid findings;
# nor the invisible characters load refuses (direction isolates such as U+2066).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="[]!\\"),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() and not INVISIBLE.search(s) and not check_text(s, "line", set()))


HOUSE = load_house(Folders.given(environ={}))  # the strategies need the editions when tests are collected


def edition(edition_id: str) -> Edition:
    return HOUSE.edition(edition_id)


@st.composite
def findings_for(draw, edition_id: str) -> dict:
    """A valid findings document for every standard of the edition, with random numbers and text."""
    ed = edition(edition_id)
    words = [r.name for r in ed.scale]
    domains = []
    for domain in ed.domains:
        cases = draw(st.integers(1, 40))
        standards = []
        for standard in domain.standards:
            found: dict = {"id": standard.id}
            if standard.method == "judgement":
                found["rating"] = draw(st.sampled_from(words))
                found["strengths"] = draw(st.lists(TEXT, max_size=2))
                if standard.key_questions and draw(st.booleans()):
                    found["key_questions"] = {
                        kq.id: {"narrative": draw(TEXT), "areas_for_improvement": draw(st.lists(TEXT, max_size=2))}
                        for kq in standard.key_questions
                    }
                if standard.score_statement:  # a case assessment score, published or from counts
                    if draw(st.booleans()):
                        found["percent"] = draw(st.integers(0, 100))
                    else:
                        relevant = draw(st.integers(1, 80))
                        found["case_score"] = {"relevant": relevant, "well_enough": draw(st.integers(0, relevant))}
                found["overview"] = draw(TEXT)
                found["key_findings"] = draw(st.lists(TEXT, max_size=3))
                found["explanation"] = draw(st.lists(st.one_of(
                    TEXT,
                    st.builds(lambda h, b, k: {"heading": h, "body": b, "callout": k}, TEXT, TEXT,
                              st.sampled_from(["good practice", "practice example", "case illustration", "quote"])),
                    st.builds(lambda h, ps: {"heading": h, "paragraphs": ps}, TEXT, st.lists(TEXT, min_size=1, max_size=2)),
                ), max_size=4))
            elif standard.method == "cases":
                kqs = {}
                for n, kq in enumerate(standard.key_questions):
                    relevant = draw(st.integers(1 if n == 0 else 0, cases))
                    entry = {"relevant": relevant, "yes": draw(st.integers(0, relevant))}
                    if relevant:
                        prompts = {}
                        for prompt in kq.prompts:
                            p_relevant = draw(st.integers(0, relevant))
                            prompts[prompt.id] = {"relevant": p_relevant, "yes": draw(st.integers(0, p_relevant))}
                        entry["prompts"] = prompts
                    kqs[kq.id] = entry
                found["key_questions"] = kqs
                found["narrative"] = draw(TEXT)
            standards.append(found)
        domains.append({"id": domain.id, "cases": cases, "strengths": draw(st.lists(TEXT, max_size=2)), "standards": standards})
    return {
        "edition": edition_id,
        "service": {"name": draw(TEXT), "short_name": draw(TEXT), "area": draw(TEXT)},
        "inspection": {"published": str(draw(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 12, 31)))),
                       "fieldwork": draw(TEXT), "lead_inspector": draw(TEXT),
                       "interviews": draw(st.integers(0, 200)), "meetings": draw(st.integers(0, 200))},
        "introduction": {"body": draw(TEXT), "signatory": {"name": draw(TEXT)}},
        "recommendations": [{"addressee": draw(TEXT), "recommendations": draw(st.lists(
            st.one_of(TEXT, st.builds(lambda t, o: {"text": t, "owner": o}, TEXT, TEXT)), min_size=1, max_size=12))}],
        "team": draw(st.lists(st.builds(lambda r, m: {"role": r, "members": m}, TEXT, st.lists(TEXT, min_size=1, max_size=3)), max_size=3)),
        "front_sections": draw(st.lists(st.builds(lambda h, b: {"heading": h, "body": b, "table": {
            "caption": h, "columns": ["Measure", "Service", "Average"], "rows": [{"label": b, "values": ["1%", "2%"]}]}},
            TEXT, TEXT), max_size=1)),
        "background": draw(TEXT),
        "domains": domains,
    }


EDITIONS = sorted(path.stem for path in (ROOT / "frameworks").glob("*.yml"))  # every edition, revisions included
# Examples per run: GENERATED documents per edition, MUTATED copies of Merton — about 60 in `make test`, within
# its three minutes. FUZZ_EXAMPLES=10 (`make fuzz`) multiplies both for a longer hunt before a release.
_SCALE = int(os.environ.get("FUZZ_EXAMPLES", "1"))
GENERATED, MUTATED = 2 * _SCALE, 50 * _SCALE
PDF_EXAMPLE = 2  # the example of an edition that is also laid out as a PDF (not the first: hypothesis starts small)
# Which editions' generated documents are laid out as PDFs. The layout risk fuzzing finds is in the text (long
# words, odd characters), not the edition, and every edition's real or example report is laid out elsewhere in the
# suite; so `make test` lays out one edition's example (WeasyPrint takes seconds a report) and `make fuzz` all.
PDF_EDITIONS = set(EDITIONS) if _SCALE > 1 else {"youth-2021"}


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_generated_findings_build_in_every_format(edition_id, tmp_path_factory) -> None:
    """Every example builds Markdown, HTML and Word; in PDF_EDITIONS one example is also laid out as a
    PDF (WeasyPrint lays out the HTML every example checks)."""
    folder = tmp_path_factory.mktemp(edition_id)
    seen, laid_out = [], []

    @settings(max_examples=GENERATED, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(findings_for(edition_id))
    def check_builds(document: dict) -> None:
        path = folder / "generated.yml"
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
        seen.append(document)
        with_pdf = edition_id in PDF_EDITIONS and len(seen) == PDF_EXAMPLE
        formats = FORMATS if with_pdf else [f for f in FORMATS if f != "pdf"]
        outputs = render(check_file(path, HOUSE), HOUSE, formats)
        assert set(outputs) == set(formats)
        assert outputs["docx"].startswith(b"PK")
        if "pdf" in outputs:
            assert outputs["pdf"].startswith(b"%PDF-")
            laid_out.append(document)
        description = BeautifulSoup(outputs["html"].decode(), "html.parser").find("meta", attrs={"name": "description"})
        assert document["service"]["name"] in description["content"]  # the findings' words, unchanged

    check_builds()
    assert len(seen) >= PDF_EXAMPLE and len(laid_out) == (edition_id in PDF_EDITIONS)


# --- mutations of a real findings file --------------------------------------------------

MERTON = (ROOT / "findings" / "merton.yml").read_text(encoding="utf-8").splitlines(keepends=True)
ODD = ["", "null", "[]", "{}", "-1", "9999999999999999999999", "yes", "'", '"', "&anchor", "*alias", "!!str", "\t",
       "\u202e", "\u0000", "\ufeff", "🙂", "é", "\u00a0", ":", "- -", "{{ 7*7 }}", "%", "@", "`", "|", ">"]


@st.composite
def mutated_merton(draw) -> str:
    lines = list(MERTON)
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    for _ in range(draw(st.integers(1, 4))):
        i = rng.randrange(len(lines))
        kind = draw(st.sampled_from(["delete", "swap", "value", "odd", "indent", "duplicate"]))
        if kind == "delete":
            del lines[i]
        elif kind == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = " " * rng.choice([1, 2, 3, 5]) + lines[i]
        else:
            key, sep, _ = lines[i].partition(": ")
            value = draw(st.sampled_from(ODD)) if kind == "odd" else rng.choice(["9", "-3", "Good", "true", "1.5", "x" * 10])
            lines[i] = (key + sep + value + "\n") if sep else (value + lines[i])
    return "".join(lines)


WORD_EVERY = 5  # every fifth mutation that passes check is also written as Word
built_mutations = []


@settings(max_examples=MUTATED, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(mutated_merton())
def test_mutated_findings_build_or_fail_in_one_line(tmp_path, text: str) -> None:
    path = tmp_path / "mutated.yml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    result = CliRunner().invoke(app, ["check", str(path)])
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1), result.output
    if result.exit_code == 1:
        errors = [line for line in result.stderr.splitlines() if ": error: " in line]
        assert errors, result.stderr
        *lines, closing = result.stderr.splitlines()
        for line in lines:
            assert PROBLEM_LINE.match(line), line
        assert CLOSING.fullmatch(closing) and closing.startswith(f"{len(lines)} problem"), result.stderr
        assert result.exception is None or isinstance(result.exception, SystemExit)
    else:
        try:
            built_mutations.append(path)
            formats = ["md", "html", "docx"] if len(built_mutations) % WORD_EVERY == 1 else ["md", "html"]
            outputs = render(check_file(path, HOUSE), HOUSE, formats)
        except ReportError as error:  # pragma: no cover - check said valid, so this is a bug
            pytest.fail(f"check passed but build refused: {error}")
        assert outputs["html"].startswith(b"<!DOCTYPE html>")
        assert "docx" not in formats or outputs["docx"].startswith(b"PK")
