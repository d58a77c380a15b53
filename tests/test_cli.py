"""The `reportgen` command as an inspector meets it: exit codes, the ratings table, one problem per line.

Most cases run in-process through typer's CliRunner; a few run the installed console script
in a real subprocess, so exit codes, stderr and imports are exactly what a shell would see.
"""

from __future__ import annotations

import datetime
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml
from typer.testing import CliRunner

from reportgen.cli import app
from reportgen.load import MAX_DEPTH

from .editing import MERTON, ROOT, edit, insert_after, line_of
from .variants import Variant

MERTON_PATH = ROOT / "findings" / "merton.yml"
HAVERING_PATH = ROOT / "findings" / "havering.yml"
REPORTGEN = Path(sys.executable).parent / "reportgen"  # the console script of the venv running the tests


def run_cli(*args: str):
    """In-process run; a crash (anything but SystemExit) is a test failure, never a quiet exit code 1."""
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"reportgen crashed: {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def run_process(*args: str):
    """The installed console script, in a real process, from the project root."""
    assert REPORTGEN.exists(), REPORTGEN
    done = subprocess.run([str(REPORTGEN), *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    return done.returncode, done.stdout, done.stderr


def table_rows(stdout: str, ids: str = r"\d+\.\d+") -> dict[str, list[str]]:
    """Rows of the ratings table by standard id (matching `ids`): [id, name, key question cells…, rating, score]."""
    rows = {}
    for line in stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if re.fullmatch(ids, cells[0]):
            rows[cells[0]] = cells
    return rows


# --- valid findings ------------------------------------------------------------

MERTON_RATINGS = {
    "1.1": "Good", "1.2": "Good", "1.3": "Outstanding", "1.4": "Requires improvement",
    "2.1": "Outstanding", "2.2": "Outstanding", "2.3": "Outstanding", "2.4": "Outstanding",
    "3.1": "Outstanding", "3.2": "Good", "3.3": "Good", "3.4": "Outstanding",
}
SCORES = {"Inadequate": "0", "Requires improvement": "1", "Good": "2", "Outstanding": "3"}


def assert_lowest_marked(rows: dict[str, list[str]]) -> None:
    """On every computed row exactly one key question carries '>', and it is the first of the lowest."""
    for standard, cells in rows.items():
        kqs = cells[2:-2]
        if kqs == ["judgement"]:
            continue
        marked = [i for i, cell in enumerate(kqs) if cell.startswith(">")]
        values = [int(cell.lstrip(">").rstrip("%")) for cell in kqs if cell != "n/a"]
        assert len(marked) == 1, (standard, kqs)
        assert int(kqs[marked[0]].lstrip(">").rstrip("%")) == min(values), (standard, kqs)
        assert marked[0] == [int(c.lstrip(">").rstrip("%")) if c != "n/a" else 101 for c in kqs].index(min(values))


def test_check_merton_prints_the_published_ratings() -> None:
    """Merton, August 2021: 30/36, Good, with each standard's published rating and score on its row."""
    code, stdout, stderr = run_cli("check", str(MERTON_PATH))
    assert code == 0, stderr
    assert stderr == ""
    assert "Score 30/36" in stdout
    assert "Overall rating: Good" in stdout
    rows = table_rows(stdout)
    assert set(rows) == set(MERTON_RATINGS)
    for standard, rating in MERTON_RATINGS.items():
        assert rows[standard][-2:] == [rating, SCORES[rating]], rows[standard]
    assert rows["3.2"][2:-2] == ["100%", "75%", ">67%"]
    assert rows["1.1"][2:-2] == ["judgement"]
    assert_lowest_marked(rows)


def test_check_havering_prints_the_published_ratings() -> None:
    """Havering: 20/36 Good; resettlement (4.1) is rated but not scored; 3.1 rests on 52%."""
    code, stdout, stderr = run_cli("check", str(HAVERING_PATH))
    assert code == 0, stderr
    assert "Score 20/36" in stdout
    assert "Overall rating: Good" in stdout
    rows = table_rows(stdout)
    assert rows["4.1"][-2:] == ["Good", "not scored"]
    assert rows["3.1"][-2:] == ["Requires improvement", "1"]
    assert ">52%" in rows["3.1"][2:-2]
    assert_lowest_marked(rows)


@pytest.mark.slow  # a real process
def test_check_merton_in_a_real_process() -> None:
    code, stdout, stderr = run_process("check", "findings/merton.yml")
    assert code == 0, stderr
    assert stderr == ""
    assert "Score 30/36  Overall rating: Good" in stdout
    assert table_rows(stdout)["3.2"][-3:] == [">67%", "Good", "2"]


def test_discretion_is_marked_in_the_table(tmp_path: Path) -> None:
    """A panel's accepted move shows as 'Requires improvement*' with its rationale beneath the table."""
    path = Variant().set(f"{S32}.discretion", {"rating": "Requires improvement", "rationale": "Victim work was thin."}).write(tmp_path)
    code, stdout, stderr = run_cli("check", str(path))
    assert code == 0, stderr
    assert table_rows(stdout)["3.2"][-2:] == ["Requires improvement*", "1"]
    assert "Score 29/36" in stdout
    assert "3.2: computed Good, moved by the ratings panel: Victim work was thin." in stdout


def test_warnings_go_to_stderr_and_do_not_fail(tmp_path: Path) -> None:
    """An unused footnote: exit 0, the table on stdout, one warning line on stderr."""
    merton = Variant().replace('domains["1"].standards["1.1"].key_questions["1.1.2"].narrative', "[^wandering]", "")
    path = merton.write(tmp_path)
    code, stdout, stderr = run_cli("check", str(path))
    assert code == 0
    assert "Score 30/36" in stdout
    assert stderr.splitlines() == [
        f"{path}:{merton.line('footnotes.wandering')}:3: warning: footnote wandering: found footnote 'wandering' that nothing "
        "refers to, expected a [^wandering] reference in the text",
        f"{path}: valid, 1 warning: not finished (check --final refuses them)",
    ]


# --- malformed findings: one table, every case held to the same contract ------


@dataclass(frozen=True)
class Bad:
    """A malformed findings file: its content (a variant of Merton, text, bytes or a writer), the line of
    its first error (or, in a variant, the path of the value it is at), and how many errors."""

    content: Variant | str | bytes | Callable[[Path], None]
    line: int | str | None
    errors: int = 1

    def first_line(self) -> int | None:
        return self.content.line(self.line) if isinstance(self.line, str) else self.line


def _sparse_50mb(path: Path) -> None:
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)


def _bomb() -> str:
    lines = ["lol1: &lol1 [" + ", ".join(["lol"] * 9) + "]"]
    lines += [f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]" for n in range(2, 10)]
    return "\n".join(lines) + "\n"


def _deep(depth: int) -> str:
    return "".join(f"{'  ' * (i - 1)}k{i}:\n" for i in range(1, depth)) + f"{'  ' * (depth - 1)}k{depth}: leaf\n"


def _discretion(standard: str, rating: str, rationale: str | None = "The panel weighed the other key questions.") -> Variant:
    return Variant().set(f"{standard}.discretion", {"rating": rating} | ({"rationale": rationale} if rationale else {}))


_LEAD = line_of("lead_inspector: Mike Lane")  # text no longer YAML, or refused before it is read, is edited as text
S11, S21, S32 = 'domains["1"].standards["1.1"]', 'domains["2"].standards["2.1"]', 'domains["3"].standards["3.2"]'
KQ323 = f'{S32}.key_questions["3.2.3"]'
MARKER = "reportgen-test-marker"

BAD = {
    "yaml-syntax-error": Bad(edit(_LEAD, "Mike Lane", "Mike: Lane"), _LEAD),
    # libyaml notices the missing "}" at the next line's key, and says so there
    "unclosed-flow-mapping": Bad(edit(line_of('"3.2.3":', "c: {relevant: 2"), '"yes": 1}', '"yes": 1'), line_of('"3.2.3":', "c: {relevant: 2") + 1),
    "wrong-type": Bad(Variant().set(f"{KQ323}.relevant", "nine"), f"{KQ323}.relevant"),
    "unknown-key": Bad(Variant().rename(f"{S11}.rating", "ratng"), f"{S11}.ratng"),
    "yes-over-relevant": Bad(Variant().set(f"{KQ323}.yes", 4), f"{KQ323}.yes"),
    "missing-standard": Bad(Variant().delete('domains["3"].standards["3.4"]'), 'domains["3"].standards["3.1"]'),
    # in file order: 3.3 missing from domain 3's list of standards, then the second 3.2
    "duplicate-standard": Bad(Variant().set('domains["3"].standards["3.3"].id', "3.2"), 'domains["3"].standards["3.1"]', errors=2),
    "bad-rating-word": Bad(Variant().set(f"{S11}.rating", "Outstandng"), f"{S11}.rating"),
    "discretion-ineligible": Bad(_discretion(S21, "Good"), f"{S21}.discretion.rating"),
    "discretion-two-bands": Bad(_discretion(S32, "Inadequate"), f"{S32}.discretion.rating"),
    "discretion-no-rationale": Bad(_discretion(S32, "Requires improvement", None), f"{S32}.discretion"),
    "unknown-edition": Bad(Variant().set("edition", "youth-2019"), "edition"),
    "empty-file": Bad(b"", 1),
    "non-utf8": Bad(edit(_LEAD, "Mike Lane", "Mike L\udce9ne").encode("utf-8", "surrogateescape"), _LEAD),
    "python-object-tag": Bad(
        edit(line_of("service:"), "service:", f'service: !!python/object/apply:os.system ["touch {MARKER}"]'),
        line_of("service:"),
    ),
    "alias-bomb": Bad(_bomb(), 6),  # lol6 is the first level past 200,000 values
    "50mb-sparse": Bad(_sparse_50mb, None),
    "top-level-list": Bad("- edition: youth-2018\n- service: {}\n", 1),
    "duplicate-key": Bad(insert_after(_LEAD, "  lead_inspector: Someone Else\n"), _LEAD + 1),
    "deep-nesting": Bad(_deep(MAX_DEPTH + 5), MAX_DEPTH + 2),
    "second-document": Bad(MERTON + "---\nedition: youth-2021\n", len(MERTON.splitlines()) + 1),
    "control-character": Bad(edit(_LEAD, "Mike Lane", "Mike\x00Lane"), _LEAD),
}

PROBLEM_LINE = r"(?P<where>:(?P<line>\d+):\d+)?: (?P<severity>error|warning): "


def write_bad(tmp_path: Path, bad: Bad) -> Path:
    path = tmp_path / "findings.yml"
    if isinstance(bad.content, Variant):
        bad.content.write(tmp_path, path.name)
    elif callable(bad.content):
        bad.content(path)
    elif isinstance(bad.content, bytes):
        path.write_bytes(bad.content)
    else:
        path.write_text(bad.content, encoding="utf-8")
    return path


def assert_problem_report(path: Path, bad: Bad, code: int, stdout: str, stderr: str) -> None:
    assert code == 1, (code, stdout, stderr)
    assert stderr.strip(), "no problem was reported"
    assert "Traceback" not in stdout + stderr
    assert stdout == "", "no ratings table for invalid findings"
    pattern = re.compile("^" + re.escape(str(path)) + PROBLEM_LINE)
    *lines, closing = stderr.splitlines()
    matches = [pattern.match(line) for line in lines]
    assert all(matches), f"lines not in the problem format:\n{stderr}"
    count = f"{len(lines)} problem{'' if len(lines) == 1 else 's'}"
    assert re.fullmatch(re.escape(count) + r"( \(\d+ errors?, \d+ warnings?\))? in " + re.escape(str(path)), closing), stderr
    errors = [m for m in matches if m["severity"] == "error"]
    assert len(errors) == bad.errors, stderr
    if bad.line is None:
        assert errors[0]["where"] is None, stderr
    else:
        assert errors[0]["line"] is not None and int(errors[0]["line"]) == bad.first_line(), stderr


@pytest.mark.parametrize("name", list(BAD), ids=list(BAD))
def test_malformed_findings_are_one_problem_line_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Exit 1, every stderr line `<file>:<line>:<col>: error: …`, the right line, never a traceback."""
    monkeypatch.chdir(tmp_path)  # where a `touch` from a tag would land
    bad = BAD[name]
    path = write_bad(tmp_path, bad)
    assert_problem_report(path, bad, *run_cli("check", str(path)))
    assert not (tmp_path / MARKER).exists()


SUBPROCESS_CASES = ["yaml-syntax-error", "bad-rating-word", "non-utf8", "python-object-tag", "alias-bomb", "50mb-sparse", "duplicate-standard"]


@pytest.mark.slow  # a real process each
@pytest.mark.parametrize("name", SUBPROCESS_CASES, ids=SUBPROCESS_CASES)
def test_malformed_findings_in_a_real_process(tmp_path: Path, name: str) -> None:
    """The same contract with real exit codes and a real stderr."""
    bad = BAD[name]
    path = write_bad(tmp_path, bad)
    assert_problem_report(path, bad, *run_process("check", str(path)))
    assert not (ROOT / MARKER).exists()


def test_the_table_has_enough_cases() -> None:
    assert len(BAD) >= 18


# --- usage errors ------------------------------------------------------------


def plain(text: str) -> str:
    """Usage messages come in a box, wrapped: strip the box and the line breaks."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", text).split())


@pytest.mark.parametrize("run", [run_cli, run_process], ids=["clirunner", "process"])
def test_check_without_a_file_is_a_usage_error(run) -> None:
    code, stdout, stderr = run("check")
    assert code == 2
    assert "Missing argument 'FILE...'" in plain(stderr)
    assert "Traceback" not in stdout + stderr


@pytest.mark.parametrize("run", [run_cli, run_process], ids=["clirunner", "process"])
def test_check_of_a_missing_file_is_a_usage_error(run, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-findings.yml"
    code, stdout, stderr = run("check", str(missing))
    assert code == 2
    assert "does not exist" in plain(stderr)
    assert "Traceback" not in stdout + stderr


def test_check_of_a_folder_without_findings_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = run_cli("check", str(tmp_path))
    assert code == 2
    assert "no findings files (*.yml) found" in plain(stderr)


def test_no_command_shows_help_as_a_usage_error() -> None:
    code, stdout, stderr = run_process()
    assert code == 2
    assert "check" in stdout + stderr and "schema" in stdout + stderr


# --- schema ------------------------------------------------------------------


def schema_document() -> dict:
    code, stdout, stderr = run_cli("schema")
    assert code == 0, stderr
    return json.loads(stdout)


def test_schema_is_json_for_the_findings_object() -> None:
    schema = schema_document()
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert {"domains", "edition", "recommendations"} <= set(schema["properties"])
    assert {"edition", "domains", "recommendations"} <= set(schema["required"])
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # every nested findings object refuses unknown keys too
    for name in ("StandardFindings", "DomainFindings", "KeyQuestionFindings", "Discretionary"):
        assert schema["$defs"][name]["additionalProperties"] is False, name


def test_schema_out_writes_the_same_document(tmp_path: Path) -> None:
    out = tmp_path / "findings.schema.json"
    code, stdout, stderr = run_cli("schema", "--out", str(out))
    assert code == 0, stderr
    assert stdout == ""
    assert json.loads(out.read_text(encoding="utf-8")) == schema_document()


def schema_errors(schema: dict, node: dict, value, path: str = "$") -> list[str]:
    """A small structural validator for pydantic's schemas: keys, required keys, types, patterns, enums."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in node:
        branches = [schema_errors(schema, branch, value, path) for branch in node["anyOf"]]
        return [] if any(not b for b in branches) else min(branches, key=len)
    if "enum" in node and value not in node["enum"]:
        return [f"{path}: {value!r} not in {node['enum']}"]
    if "const" in node and value != node["const"]:
        return [f"{path}: {value!r} is not {node['const']!r}"]
    kind = node.get("type")
    if kind == "object":
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        problems = [f"{path}: missing {key!r}" for key in node.get("required", ()) if key not in value]
        for key, item in value.items():
            if key in node.get("properties", {}):
                problems += schema_errors(schema, node["properties"][key], item, f"{path}.{key}")
                continue
            patterns = [s for p, s in node.get("patternProperties", {}).items() if re.search(p, str(key))]
            extra = node.get("additionalProperties", True)
            if patterns:
                problems += schema_errors(schema, patterns[0], item, f"{path}.{key}")
            elif extra is False:
                problems.append(f"{path}: unknown key {key!r}")
            elif isinstance(extra, dict):
                problems += schema_errors(schema, extra, item, f"{path}.{key}")
        return problems
    if kind == "array":
        if not isinstance(value, list):
            return [f"{path}: expected an array, got {type(value).__name__}"]
        return [e for i, item in enumerate(value) for e in schema_errors(schema, node.get("items", {}), item, f"{path}[{i}]")]
    if kind == "string":
        if node.get("format") == "date" and isinstance(value, datetime.date):
            return []  # YAML reads 2021-08-01 as a date; JSON would carry it as the string
        if not isinstance(value, str):
            return [f"{path}: expected a string, got {value!r}"]
        if "pattern" in node and not re.search(node["pattern"], value):
            return [f"{path}: {value!r} does not match {node['pattern']}"]
        return []
    if kind == "integer":
        return [] if isinstance(value, int) and not isinstance(value, bool) else [f"{path}: expected an integer, got {value!r}"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: expected a boolean, got {value!r}"]
    if kind == "null":
        return [] if value is None else [f"{path}: expected null, got {value!r}"]
    return []


@pytest.mark.parametrize("name", ["merton", "havering", "bromley", "lambeth", "examples/youth-2018-example",
                                  "examples/invented-two-areas-example"])
def test_real_findings_satisfy_the_schema(name: str) -> None:
    """An editor validating with the schema must accept what `check` accepts."""
    schema = schema_document()
    data = yaml.safe_load((ROOT / "findings" / f"{name}.yml").read_text(encoding="utf-8"))
    assert set(data) <= set(schema["properties"])
    try:
        import jsonschema
    except ImportError:
        assert schema_errors(schema, schema, data) == []
    else:  # not a dependency; used when present
        jsonschema.validate(json.loads(json.dumps(data, default=str)), schema)
        assert schema_errors(schema, schema, data) == []


def test_schema_check_catches_what_check_refuses() -> None:
    """The structural check above is not vacuous: a misspelt key, a missing key and a bad type all fail it."""
    schema = schema_document()
    data = yaml.safe_load(MERTON)
    data["domains"][0]["standards"][0]["ratng"] = data["domains"][0]["standards"][0].pop("rating")
    del data["service"]["area"]
    data["domains"][2]["standards"][1]["key_questions"]["3.2.3"]["relevant"] = "nine"
    errors = schema_errors(schema, schema, data)
    assert "$.domains[0].standards[0]: unknown key 'ratng'" in errors
    assert "$.service: missing 'area'" in errors
    assert any(e.startswith("$.domains[2].standards[1].key_questions.3.2.3.relevant") for e in errors)


# --- check stays light -------------------------------------------------------


@pytest.mark.slow  # a real process
def test_check_does_not_import_pdf_or_word_machinery() -> None:
    """`check` is the fast feedback loop: WeasyPrint and python-docx load only for `build`."""
    program = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from reportgen.cli import app\n"
        "result = CliRunner().invoke(app, ['check', 'findings/merton.yml'])\n"
        "assert result.exit_code == 0, result.output\n"
        "assert 'reportgen.validate' in sys.modules  # the check really ran\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('weasyprint', 'docx'))\n"
        "assert 'weasyprint' not in sys.modules and 'docx' not in sys.modules, heavy\n"
        "print('light')\n"
    )
    done = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "light"


def test_committed_schema_is_current() -> None:
    """findings/schema.json and each edition's schema (which the findings files name for VS Code) match the models."""
    code, out, _ = run_cli("schema")
    assert code == 0
    assert (ROOT / "findings" / "schema.json").read_text(encoding="utf-8") == out
    for name, edition in (("merton", "youth-2018"), ("havering", "youth-2021"), ("bromley", "ji-2007"), ("lambeth", "fji-2015"),
                          ("examples/youth-2018-example", "youth-2018-rev2019"),
                          ("examples/invented-two-areas-example", "invented-two-areas")):
        code, out, _ = run_cli("schema", "--edition", edition)
        assert code == 0
        assert (ROOT / "findings" / f"{edition}.schema.json").read_text(encoding="utf-8") == out
        first = (ROOT / "findings" / f"{name}.yml").read_text(encoding="utf-8").splitlines()[0]
        up = "../" * name.count("/")  # a findings file in a sub-folder names the schema beside its parent
        assert first == f"# yaml-language-server: $schema={up}{edition}.schema.json"


def edition_schema(edition: str) -> dict:
    code, stdout, stderr = run_cli("schema", "--edition", edition)
    assert code == 0, stderr
    return json.loads(stdout)


def test_edition_schema_names_ids_and_ratings_with_descriptions() -> None:
    """Issue 13: enums (as const + description, which editors list) for ratings and every id; a description on every field."""
    schema = edition_schema("youth-2018")
    defs = schema["$defs"]
    assert schema["properties"]["edition"]["const"] == "youth-2018"
    standard_ids = [c["const"] for c in defs["StandardFindings"]["properties"]["id"]["anyOf"]]
    assert standard_ids == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4"]
    ratings = [c.get("const") for c in defs["StandardFindings"]["properties"]["rating"]["anyOf"]]
    assert ratings == ["Inadequate", "Requires improvement", "Good", "Outstanding", "TODO", None]  # TODO: not rated yet (reportgen new)
    key_questions = defs["StandardFindings"]["properties"]["key_questions"]["properties"]
    assert "3.2.3" in key_questions and key_questions["3.2.3"]["description"]
    prompts = key_questions["3.2.3"]["properties"]["prompts"]
    assert list(prompts["properties"]) == ["a", "b", "c", "d"] and prompts["additionalProperties"] is False
    assert prompts["properties"]["a"]["description"] != key_questions["2.1.1"]["properties"]["prompts"]["properties"]["a"]["description"]
    for name, node in [("Findings", schema), *defs.items()]:
        for field, spec in node.get("properties", {}).items():
            assert spec.get("description"), f"{name}.{field} has no description"

    data = yaml.safe_load(MERTON)
    assert schema_errors(schema, schema, data) == []
    data["domains"][0]["standards"][0]["rating"] = "Goood"
    data["domains"][2]["standards"][1]["key_questions"]["3.2.9"] = data["domains"][2]["standards"][1]["key_questions"].pop("3.2.3")
    errors = schema_errors(schema, schema, data)
    assert any(e.startswith("$.domains[0].standards[0].rating") for e in errors), errors
    assert "$.domains[2].standards[1].key_questions: unknown key '3.2.9'" in errors


# --- conventions (issue 13) ---------------------------------------------------


def test_version_and_short_help() -> None:
    from importlib.metadata import version

    code, stdout, _ = run_cli("--version")
    assert (code, stdout) == (0, f"reportgen {version('reportgen')}\n")
    for command in ("check", "build", "schema"):
        code, stdout, _ = run_cli(command, "-h")
        assert code == 0 and stdout.startswith(f"Usage: root {command} [OPTIONS]"), stdout
        assert "<bool>" not in stdout and "<list[" not in stdout and "<Path>" not in stdout, stdout
        assert "Exit codes: 0" in " ".join(stdout.split())
    assert "FILE..." in run_cli("build", "-h")[1] and "FORMATS" in run_cli("build", "-h")[1]


def test_check_accepts_several_files_and_folders(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    Variant().set("edition", "youth-2019").write(tmp_path, bad.name)
    code, stdout, stderr = run_cli("check", str(ROOT / "findings"), str(bad))
    assert code == 1
    assert "Score 30/36" in stdout and "Score 20/36" in stdout
    valid = len(list((ROOT / "findings").glob("*.yml")))
    assert "bad.yml:" in stderr and stderr.splitlines()[-1] == f"{valid} of {valid + 1} valid, 1 with errors"
    code, stdout, stderr = run_cli("check", "--quiet", str(MERTON_PATH), str(HAVERING_PATH))
    assert (code, stdout, stderr) == (0, "", "")
