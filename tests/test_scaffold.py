"""Issue 13: `reportgen new` starts a report that passes `check` with warnings and fails `check --final`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reportgen.load import parse_yaml
from reportgen.resources import editions
from reportgen.validate import load_edition

from .test_cli import run_cli, schema_errors

EDITIONS = sorted(editions())


@pytest.mark.parametrize("edition_id", EDITIONS)
def test_scaffold_checks_with_warnings_and_fails_final(tmp_path: Path, edition_id: str) -> None:
    path = tmp_path / "draft" / "service.yml"
    code, _, stderr = run_cli("new", "Newtown Youth Justice Service", "--edition", edition_id, "--out", str(path))
    assert code == 0, stderr
    text = path.read_text(encoding="utf-8")
    data = parse_yaml(text, str(path)).data  # reportgen's reader: `yes:` is a key, not YAML 1.1's true
    edition = load_edition(edition_id)

    # every domain, standard, key question and prompt of the edition, in its order
    assert [d["id"] for d in data["domains"]] == [d.id for d in edition.domains]
    for domain, found in zip(edition.domains, data["domains"]):
        assert [s["id"] for s in found["standards"]] == [s.id for s in domain.standards]
        for standard, written in zip(domain.standards, found["standards"]):
            assert f"# {standard.id} {standard.name}" in text
            if standard.method == "cases":
                assert list(written["key_questions"]) == [kq.id for kq in standard.key_questions]
                for kq in standard.key_questions:
                    assert list(written["key_questions"][kq.id].get("prompts", {})) == [p.id for p in kq.prompts]

    # the schema modeline names the edition's schema, written beside the file, which the scaffold satisfies
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={edition_id}.schema.json"
    schema = json.loads((path.parent / f"{edition_id}.schema.json").read_text(encoding="utf-8"))
    assert schema == json.loads(run_cli("schema", "--edition", edition_id)[1])
    assert schema_errors(schema, schema, data) == []

    code, stdout, stderr = run_cli("check", str(path))
    assert code == 0, stderr
    assert "Newtown Youth Justice Service" in stdout
    *warnings, closing = stderr.splitlines()
    assert closing == f"{path}: valid, {len(warnings)} warnings: not finished (check --final refuses them)"
    # the TODO markers, and each case-sample domain's counts still the placeholders (checks/figures.py)
    placeholders = [w for w in warnings if re.search(r": warning: domain [^,:]+: found every count of domain \S+ at relevant 1", w)]
    assert len(placeholders) == sum(any(s.method == "cases" for s in d.standards) for d in edition.domains)
    todo = [w for w in warnings if w not in placeholders]
    assert todo and all(re.search(r": warning: [^:]*: found \d+ TODO markers? \(lines? ", w) for w in todo), warnings
    groups = [w.split(": warning: ")[1].split(":")[0] for w in todo]
    assert len(groups) == len(set(groups))  # one warning per group
    assert {f"standard {s.id}" for s in edition.standards()} <= set(groups)

    code, stdout, final = run_cli("check", "--final", str(path))
    assert code == 1 and stdout == ""
    assert final.splitlines() == [*(w.replace(": warning: ", ": error: ") for w in warnings),
                                  f"{len(warnings)} problems in {path}; not ready to publish"]


def test_new_refuses_to_overwrite_and_names_the_editions(tmp_path: Path) -> None:
    path = tmp_path / "merton.yml"
    path.write_text("kept", encoding="utf-8")
    code, _, stderr = run_cli("new", "Merton Youth Justice Service", "-e", "youth-2021", "-o", str(path))
    assert code == 2 and "exists (use --force to replace it)" in " ".join(stderr.split())
    assert path.read_text(encoding="utf-8") == "kept"
    code, _, stderr = run_cli("new", "Merton Youth Justice Service", "-e", "youth-2012", "-o", str(path))
    assert code == 2  # a usage error; the listing of the editions installed is tests/test_help.py's
    assert stderr.startswith("--edition: error: found 'youth-2012', expected one of the editions installed (did you mean 'youth-2021'?):")
    assert [line.split()[0] for line in stderr.splitlines()[1:]] == EDITIONS  # every edition, derived, not hard-coded
    assert path.read_text(encoding="utf-8") == "kept"


def test_filling_in_the_scaffold_makes_it_final(tmp_path: Path) -> None:
    """What `--final` asks for is exactly the TODOs and the placeholder counts: replace them and it passes."""
    path = tmp_path / "newtown.yml"
    assert run_cli("new", "Newtown Youth Justice Service", "-e", "youth-2021", "-o", str(path))[0] == 0
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  # TODO[^\n]*", "", text)
    text = re.sub(r"TODO ([^\n]*)", lambda m: "Written " + m.group(1).replace(":", " -"), text)
    path.write_text(text, encoding="utf-8")
    code, _, stderr = run_cli("check", "--final", str(path))
    assert code == 1  # the TODOs are gone, but the counts are still the scaffold's 1/0 (issue 21)
    *lines, closing = stderr.splitlines()
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == ["domain 2", "domain 3"]
    assert all("reportgen new" in line for line in lines) and closing == f"2 problems in {path}; not ready to publish"
    text = text.replace("cases: 1", "cases: 10").replace("relevant: 1\n", "relevant: 10\n").replace("yes: 0\n", "yes: 8\n")
    path.write_text(text.replace("{relevant: 1, yes: 0}", "{relevant: 10, yes: 10}"), encoding="utf-8")
    code, _, stderr = run_cli("check", "--final", str(path))
    assert code == 0, stderr
