"""Issue 24 item 2: the residue check ('residue') — what a transcription carried over from its source.

It must find the four faults the transcriptions had (Bromley's '## Recommendations' run on after its
key findings; Lambeth's 'Appendices' at the end of a quote, its '[…]' gap marker in a case
illustration, and four 'The following chart summarises data …' sentences with no chart after them)
and nothing in the corrected transcriptions, nor in the shapes correct text takes (a quotation cut
with '[…]', a spaced hyphen, '#1', a table announced and set after, a list item 'Introduction').
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from reportgen.checks import residue
from reportgen.errors import ReportError
from reportgen.house import Folders, load_house
from reportgen.validate import check_file

from .conftest import REPORTS
from .variants import Variant

DATA_SUMMARY = {"heading": "Data Summary", "body": "The following chart summarises data from some of the key questions "
                "assessed during the inspection of cases. [NB: 61 cases were inspected. However, the total answers may not "
                "equal this, since some questions may not have been applicable to every case]"}
SLOAN = 'domains["themes"].standards["1"].explanation[6].body'
TAMARA = 'domains["themes"].standards["6"].explanation[12].body'


HOUSE = load_house(Folders.given(environ={}))


def residue_of(path) -> list:
    return [p for p in check_file(path, HOUSE).warnings if p.check == residue.NAME]


@pytest.mark.parametrize("name", REPORTS)
def test_issue_24_no_residue_in_the_corrected_transcriptions(checked, name) -> None:
    assert [str(p) for p in checked[name].warnings if p.check == residue.NAME] == []


def test_issue_24_the_residue_check_finds_the_four_faults_the_transcriptions_had(tmp_path) -> None:
    """The four faults put back where they stood (the texts as they were before issue 24)."""
    bromley = Variant("bromley").replace('domains[0].standards[4].overview', "intervention areas.",
                                          "intervention areas. ## Recommendations")
    lambeth = (Variant("lambeth")
               .replace(SLOAN, "community phase of his licence.", "community phase of his licence. […] himself nor committed further offences.")
               .replace(TAMARA, "in society\".", "in society\".\n\nAppendices"))
    for theme in ("1", "2", "3", "4"):
        lambeth.set(f'domains["themes"].standards["{theme}"].sections', [dict(DATA_SUMMARY)])
    found = {name: [(p.field, p.found) for p in residue_of(variant.write(tmp_path, f"{name}.yml"))]
             for name, variant in (("bromley", bromley), ("lambeth", lambeth))}
    assert [found_text for _, found_text in found["bromley"]] == [
        "'## Recommendations': Markdown heading marks inside the text"]
    fields = [field for field, _ in found["lambeth"]]
    texts = [text for _, text in found["lambeth"]]
    assert len(texts) == 6, texts
    assert sum("an editorial gap marker" in t and "[…]" in t for t in texts) == 1
    assert sum("announces a chart that does not follow" in t for t in texts) == 4
    assert sum(t.startswith("'Appendices' standing alone") for t in texts) == 1
    assert len(set(fields)) == 6  # each at its own field: the illustration, four sections, the quote


def test_issue_24_each_kind_of_residue_is_found_where_it_stands(tmp_path) -> None:
    faults = [
        "Overall, there was an absence of a restorative approach in the prevention and intervention areas. ## Recommendations",
        "They were coached before they joined a group. - 3. Children who were not ready were supported.",
        "The board met monthly. • Work in the courts was inconsistent. • Work in custody was weak.",
        "Staff were trained. - Case managers used it well. - Managers checked the plans.",
        "Sloan was well prepared for his licence. [...] himself nor committed further offences.",
        "The plan was agreed with the family [text missing] before the review.",
        "The following table sets out the caseload by age and gender.",
        "We looked at the work of the board. The plan was new.## Next steps",
        '"I have learnt a lot and I feel I can change." Appendices',
        "We looked at the work of the board.\n\nAnnex 2: Inspection results",  # the field's last block
    ]
    merton = Variant("merton").set("background", "\n\n".join(faults) + "\n")
    found = residue_of(merton.write(tmp_path))
    kinds = Counter(re.sub(r"^'.*?'(:| after| standing)", r"\1", p.found).lstrip(": ") for p in found)
    assert kinds == {"Markdown heading marks inside the text": 2, "a list mark inside a paragraph": 5,  # '- 3.', two '•', two '-'
                     "an editorial gap marker": 2, "it announces a table that does not follow": 1,
                     "standing alone after the text": 1, "after the last sentence": 1}, found
    assert {p.found for p in found} >= {"'Annex 2: Inspection results' standing alone after the text",
                                        "'Appendices' after the last sentence"}
    lines = merton.text().splitlines()
    for problem in found:  # each points at its residue in the file, not at the start of the field
        written = lines[problem.line - 1][problem.column - 1:]
        assert written[:1] in "#-•[TA", (problem.found, written[:30])


CORRECT = [
    '"It was […] the best help I have had," one young person told us.',
    "Children's safety is the service's #1 priority, and staff see it so.",
    "Mostly I am happy because of all the help - I have the options now.",
    "Custody figures were below the London average, and first-time entrants fell.",
    "Reoffending rose in 2019. 2020 saw it fall again.",
    "See section 3. The board met monthly and agreed the plan [sic].",
    "The table below shows the caseload on 10 May 2021.\n\n| Age | # of cases |\n|:--|--:|\n| 10-14 | 4 |\n| 15-17 | 12 |",
    "The training covered:\n\n- Introduction\n- Assessment\n- Summary",
    "Case managers said it was … hard to keep up, at times.",
    "Priorities were set out in section 1. The board met twice. Standard 2.1. Assessment was done well.",
    "Summary",  # a paragraph heading the paragraphs after it is the author's, not a heading left over
    "The aims were: 1) to reduce reoffending and 2) to keep children safe. Next steps are in annex 2.",
    "Scores: 4 of 5 in 2020. 12 children were seen, C# and # of visits included.",
]


def test_issue_24_correct_text_in_the_shapes_that_resemble_residue_is_left_alone(tmp_path) -> None:
    merton = Variant("merton").set("background", "\n\n".join(CORRECT) + "\n")
    merton.append('domains["1"].standards["1.2"].sections', {
        "heading": "Quote from a parent", "callout": "quote",
        "body": '"They listened to us [...] and it worked."\n\nParent\n\n"Great help." - Parent. "Really good." - Young person.'})
    merton.append('domains["1"].standards["1.2"].sections', {
        "heading": "Key statistics", "body": "The following table sets out the staffing of the service.",
        "facts": [{"value": "12", "label": "Case managers"}]})
    assert residue_of(merton.write(tmp_path)) == []


def test_issue_24_a_residue_warning_is_an_error_with_final(tmp_path) -> None:
    path = Variant("bromley").replace('domains[0].standards[4].overview', "intervention areas.",
                                      "intervention areas. ## Recommendations").write(tmp_path)
    with pytest.raises(ReportError) as final:
        check_file(path, HOUSE, final=True)
    assert [(p.check, p.severity) for p in final.value.problems if p.check == residue.NAME] == [(residue.NAME, "error")]


def test_issue_24_a_report_wording_an_editions_text_before_its_table_is_not_residue(tmp_path) -> None:
    """The 2007 edition's scoring approach ends 'The judgements … are given in the table below:' and the
    template sets the table after it: a report giving that text in its own words keeps the table."""
    bromley = Variant("bromley").set("boilerplate", {
        "scoring_approach": "Each of the five sections is assessed against the criteria.\n\nThe judgements are given in the table below:"})
    assert residue_of(bromley.write(tmp_path)) == []
    announced = Variant("bromley").set("boilerplate", {"code_of_practice": "The following table sets out how we inspect."})
    assert [p.found for p in residue_of(announced.write(tmp_path))] == [
        "'The following table sets out how we inspect.': it announces a table that does not follow"]
