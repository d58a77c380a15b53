"""The findings-variant builder (tests/variants.py) changes what its path names and nothing else."""

from __future__ import annotations

import difflib

import pytest
import yaml

from .conftest import REPORTS, ROOT
from .variants import Variant

MERTON = (ROOT / "findings" / "merton.yml").read_text(encoding="utf-8")
COUNT = 'domains["2"].standards["2.1"].key_questions["2.1.1"].yes'


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]


@pytest.mark.parametrize("name", REPORTS)
def test_an_unchanged_variant_holds_the_seed(name) -> None:
    seed = (ROOT / "findings" / f"{name}.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(Variant(name).text()) == yaml.safe_load(seed)


def test_an_unchanged_merton_is_written_as_it_was() -> None:
    assert Variant("merton").text() == MERTON  # comments, quotes, folded blocks: line numbers hold


def test_the_text_is_the_same_however_often_it_is_asked_for() -> None:
    """ruamel moves a comment between a key and its list as it dumps (Lambeth's 'sections:'), so a second
    dump of one document was not YAML: each dump is of a copy."""
    lambeth = Variant("lambeth")
    assert lambeth.text() == lambeth.text()
    assert yaml.safe_load(lambeth.text()) == yaml.safe_load((ROOT / "findings" / "lambeth.yml").read_text(encoding="utf-8"))


def test_a_value_set_by_path_changes_that_one_line() -> None:
    variant = Variant("merton").set(COUNT, 6)
    line = variant.line(COUNT)
    assert changed_lines(MERTON, variant.text()) == [f"- {MERTON.splitlines()[line - 1]}", '+             "yes": 6']
    assert yaml.safe_load(variant.text())["domains"][1]["standards"][0]["key_questions"]["2.1.1"]["yes"] == 6


def test_a_list_item_is_found_by_id_or_position() -> None:
    variant = Variant("merton")
    assert variant.get('domains["3"].standards["3.2"]') is variant.get("domains[2].standards[1]")
    assert variant.get("domains[-1].id") == "3"


def test_rename_keeps_place_and_value_and_line_finds_it() -> None:
    variant = Variant("merton").rename('domains["1"].standards["1.1"].rating', "ratng")
    assert list(variant.get('domains["1"].standards["1.1"]'))[:2] == ["id", "ratng"]
    assert variant.text().splitlines()[variant.line('domains["1"].standards["1.1"].ratng') - 1].strip() == "ratng: Good"


def test_set_keeps_a_strings_style_and_adds_new_keys_at_the_end() -> None:
    variant = (Variant("merton").replace("background", "multidisciplinary", "multi-disciplinary")
               .set('domains["3"].standards["3.2"].discretion', {"rating": "Requires improvement", "rationale": "Thin."}))
    assert "background: |\n" in variant.text()
    standard = variant.get('domains["3"].standards["3.2"]')
    assert list(standard)[-1] == "discretion"
    assert variant.line('domains["3"].standards["3.2"].discretion') == variant.line('domains["3"].standards["3.3"]') - 3


def test_delete_and_write(tmp_path) -> None:
    path = Variant("merton").delete('domains["3"].standards["3.4"]').write(tmp_path)
    assert path == tmp_path / "merton.yml"
    assert [s["id"] for s in yaml.safe_load(path.read_text(encoding="utf-8"))["domains"][2]["standards"]] == ["3.1", "3.2", "3.3"]


@pytest.mark.parametrize("path, message", [
    ('domains["3"].standards["9.9"]', "no item with id '9.9'"),
    ("inspection.lead", "no key 'lead'"),
    ("domains[7]", "no item [7] in a list of 3"),
    ("edition.name", "'name' is under a value"),
])
def test_a_path_to_nothing_says_where_it_stops(path, message) -> None:
    with pytest.raises(LookupError, match=message.replace("[", r"\[")):
        Variant("merton").get(path)
