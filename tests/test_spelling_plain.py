"""Issue 25 items 2 and 3: spelling (British English) and plain English, caught and judged in the findings."""

from __future__ import annotations

import pytest

from reportgen.checks import language
from reportgen.errors import ReportError
from reportgen.validate import check_file
from reportgen.house import Folders, load_house

from .conftest import REPORTS
from .test_cli import run_cli
from .variants import Variant

HOUSE = load_house(Folders.given(environ={}))

TYPOS = "The managment of cases was poor, and safegaurding was weak."
# 60 words in one sentence, with an abbreviation of the field that no report spells out.
LONG = ("The service worked with the ISSP team, the police, the local schools, the health visitors, the housing "
        "officers, the parents and carers of every child, the voluntary sector and the courts to plan each "
        "intervention, to review each plan once a month, to record what changed and why, and to tell "
        "the board what it had learnt from each case.")


def with_paragraph(name: str, paragraph: str) -> Variant:
    variant = Variant(name)
    return variant.set("introduction.body", f"{variant.get('introduction.body').rstrip()}\n\n{paragraph}\n")


def test_the_long_sentence_has_sixty_words() -> None:
    assert len(LONG.split()) == 60


@pytest.mark.parametrize("name", REPORTS)
def test_misspellings_a_long_sentence_and_an_undefined_abbreviation_are_flagged_then_allowed(name, tmp_path) -> None:
    path = with_paragraph(name, f"{TYPOS} {LONG}").write(tmp_path)
    with pytest.raises(ReportError) as refused:
        check_file(path, HOUSE, final=True)
    warned = {(w.check, w.found): w for w in refused.value.problems if w.check}
    spelling = {found: w.expected for (check, found), w in warned.items() if check == "spelling"}
    assert "did you mean 'management'" in spelling["'managment'"]
    assert "did you mean 'safeguarding'" in spelling["'safegaurding'"].lower()
    sentences = [found for check, found in warned if check == "plain-english" and found.startswith("a sentence of 60 words")]
    assert sentences == ["a sentence of 60 words ('The service worked with the ISSP team, the …')"]
    undefined = ("plain-english", "the abbreviation 'ISSP' before it is spelt out") in warned
    assert undefined == (name in ("merton", "havering", "examples/youth-2018-example", "examples/invented-two-areas-example"))  # editions that expect definitions
    lines = path.read_text(encoding="utf-8").splitlines()
    for warning in warned.values():
        quoted = warning.found.split("'")[1].removesuffix(" …")
        assert lines[warning.line - 1][warning.column - 1:].startswith(quoted), warning

    allowed = with_paragraph(name, f"{TYPOS} {LONG}")  # a fresh variant: one is written once (ruamel's dump of Lambeth twice breaks)
    words = [*allowed.get("words")] if "words" in allowed.document else []
    entries = [*allowed.get("allow")] if "allow" in allowed.document else []
    allowed.set("words", [*words, "managment", "safegaurding"]).set(
        "allow", [*entries, {"text": "The service worked with the ISSP team", "why": "a test's judged sentence", "check": "plain-english"}])
    check_file(allowed.write(tmp_path), HOUSE, final=True)  # passes: the same words, judged in the findings


def test_american_and_oxford_ize_spellings_are_flagged_with_the_british_one(tmp_path) -> None:
    path = with_paragraph("merton", "The organization will analyze the behavior of its color scheme and realize savings.").write(tmp_path)
    found = {w.found: w.expected for w in check_file(path, HOUSE).warnings if w.check == "spelling"}
    assert "'organisation'" in found["'organization'"] and "'realise'" in found["'realize'"]
    assert "'analyse'" in found["'analyze'"] and "'behaviour'" in found["'behavior'"] and "'colour'" in found["'color'"]


def test_names_and_words_in_links_and_quotes_are_checked_and_a_whole_quote_can_be_allowed(tmp_path) -> None:
    quote = '"I dont go there becos it is boring," one child told us.'
    variant = with_paragraph("merton", f"See [the Goverment guidance](https://www.gov.uk/guidance) for more. {quote}")
    found = [w.found for w in check_file(variant.write(tmp_path), HOUSE).warnings if w.check == "spelling"]
    assert found == ["'Goverment'", "'dont'", "'becos'"]  # the link's words and the child's; not the address
    entries = list(variant.get("allow"))
    judged = variant.set("allow", [*entries, {"text": quote, "why": "a child's own words, as spoken"},
                                   {"text": "Goverment", "why": "a test's judged typo"}])
    assert not [w for w in check_file(judged.write(tmp_path), HOUSE).warnings if w.check in ("spelling", "allow")]


def test_one_term_spelt_two_ways_is_flagged_at_the_rarer_spelling(tmp_path) -> None:
    text = ("An out of court disposal was agreed. The panel's judgment was sound, as its judgement usually is, "
            "and its judgement on re-offending was clear.")
    found = [w.found for w in check_file(with_paragraph("merton", text).write(tmp_path), HOUSE).warnings if w.check == "plain-english"
             and "also writes" in w.found]
    assert any(f.startswith("'out of court disposal', which the report also writes 'out-of-court disposal'") for f in found)
    assert "'judgment', which the report also writes 'judgement' (2 times)" in found
    assert any(f.startswith("'re-offending', which the report also writes 'reoffending'") for f in found)


@pytest.mark.slow  # every report through check --final --counts in the CLI
def test_every_real_report_passes_final_and_counts_show_its_judged_exceptions() -> None:
    code, out, _ = run_cli("check", "--final", "--counts", "findings", "findings/examples")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == len(REPORTS)
    for line in lines:
        after, before = line.split(" (before words:/allow: ")
        counts = dict(pair.rsplit(" ", 1) for pair in after.split(": ", 1)[1].split(" · "))
        assert {"personal-data", "spelling", "plain-english", "residue", "allow"} <= counts.keys()
        assert set(counts.values()) == {"0"}, line  # every check, each judged exception used
    lambeth = next(line for line in lines if "lambeth.yml" in line)
    assert "personal-data 0" in lambeth.split("(")[0] and "personal-data 26" in lambeth.split("(")[1]


def test_check_verbose_prints_a_reading_age_for_each_chapter() -> None:
    code, _, err = run_cli("check", "-v", "findings/merton.yml")
    assert code == 0
    line = next(l for l in err.splitlines() if "Reading age by chapter" in l)
    chapters = dict(part.rsplit(" ", 1) for part in line.split(": ", 2)[2].split(" · "))
    assert set(chapters) == {"Introduction", "Background", "1. Organisational delivery", "2. Court disposals", "3. Out-of-court disposals"}
    assert all(10 <= int(age) <= 25 for age in chapters.values())


def test_without_the_en_gb_dictionary_each_check_that_reads_it_says_so(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(language, "DICTIONARY", tmp_path)
    language.hunspell.cache_clear()
    language.known.cache_clear()
    language.is_common_word.cache_clear()
    try:
        checked = check_file(Variant("merton").write(tmp_path), HOUSE)
    finally:
        language.hunspell.cache_clear()
        language.known.cache_clear()
        language.is_common_word.cache_clear()
    missing = [w for w in checked.warnings if "no en-GB dictionary" in w.found]
    assert {w.check for w in missing} == {"personal-data", "spelling", "plain-english"}
    assert all("hunspell-en-gb" in w.expected for w in missing)
