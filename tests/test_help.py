"""Issue 23 item 7: the command's help as its users meet it — commands in the order an inspection uses
them, summaries whole, each command's own exit codes, and the editions installed wherever one is chosen."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from reportgen.clihelp import WORKFLOW
from reportgen.house import SHIPPED_EDITIONS, Folders, load_house

from .test_cli import REPORTGEN, run_cli

HOUSE = load_house(Folders.given(environ={}))
INSTALLED = {name: HOUSE.edition(name).name for name in sorted(HOUSE.editions)}


def commands(help_text: str) -> list[tuple[str, str]]:
    """(name, summary) of each line of the help's Commands section."""
    section = help_text.split("Commands:\n", 1)[1].split("\n\n", 1)[0]
    return [tuple(re.split(r"\s{2,}", line.strip(), maxsplit=1)) for line in section.splitlines() if line.strip()]


def test_commands_are_listed_in_the_order_an_inspection_uses_them_with_whole_summaries() -> None:
    code, stdout, _ = run_cli("-h")
    listed = commands(stdout)
    names = [name for name, _ in listed]
    assert names[:3] == ["new", "cases", "watch"] and names[-1] == "schema", names
    known = [n for n in names if n in WORKFLOW]
    assert known == sorted(known, key=WORKFLOW.index)  # and a newer command sits before schema, not first
    assert {"check", "build", "compare", "absorb", "verify"} <= set(names)
    for name, summary in listed:
        assert not summary.endswith("...") and summary.endswith("."), (name, summary)  # not cut where the terminal ends


@pytest.mark.parametrize(("command", "own", "not_theirs"), [
    ("check", ["0 every file is valid", "with --final, warnings too", "2 usage error"], []),
    ("build", ["0 every report built", "130 interrupted"], []),
    ("new", ["0 started", "2 usage error (an unknown edition"], ["--final", "findings have errors"]),
    ("watch", ["0 stopped with Ctrl-C"], ["--final", "1 "]),
    ("verify", ["0 every file matches manifest.json", "1 a file is missing, changed or added"], ["--final", "findings have errors"]),
    ("schema", ["0 written", "2 usage error (an unknown edition"], ["--final", "findings have errors"]),
    ("compare", ["1 either findings file has errors"], ["--final"]),
    ("absorb", ["1 the draft or FILE cannot be used"], ["--final"]),
])
def test_each_command_gives_its_own_exit_codes(command: str, own: list[str], not_theirs: list[str]) -> None:
    code, stdout, _ = run_cli(command, "-h")
    said = " ".join(stdout.split("Exit codes:", 1)[1].split())
    assert code == 0
    for words in own:
        assert words in said, (command, said)
    for words in not_theirs:
        assert words not in said, (command, said)


@pytest.mark.parametrize("command", [["new"], ["schema"], ["cases", "template"]])
def test_help_lists_the_editions_installed_by_name_and_title(command: list[str]) -> None:
    code, stdout, _ = run_cli(*command, "-h")
    assert code == 0
    listing = " ".join(stdout.split("Editions installed:", 1)[1].split())
    for name, title in INSTALLED.items():
        assert f"{name} {title}" in listing, (name, title, listing)


def test_an_unknown_edition_is_a_usage_error_listing_the_editions_installed(tmp_path: Path) -> None:
    path = tmp_path / "newtown.yml"
    for command in (["new", "Newtown Youth Justice Service", "-o", str(path)], ["schema"]):
        code, stdout, stderr = run_cli(*command, "-e", "youth-2012")
        assert code == 2 and stdout == "", stderr
        first, *rows = stderr.splitlines()
        assert first == "--edition: error: found 'youth-2012', expected one of the editions installed (did you mean 'youth-2021'?):"
        assert [row.split()[0] for row in rows] == list(INSTALLED)
        assert all(row.endswith(INSTALLED[row.split()[0]]) for row in rows)
    assert not path.exists()


@pytest.mark.slow  # real processes, shell completion included
def test_an_edition_of_a_house_folder_is_listed_and_completed(tmp_path: Path) -> None:
    """An installed reportgen has no frameworks/ to look in: a house's editions show in the help, the error and
    the shell's completion as the shipped ones do (a real process, completion as bash asks for it)."""
    house = tmp_path / "house"
    house.mkdir()
    text = (SHIPPED_EDITIONS / "youth-2021.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", "id: house-2026", text, count=1)
    text = re.sub(r"(?m)^name: .*$", "name: The house's own standards (2026)", text, count=1)
    (house / "house-2026.yml").write_text(text, encoding="utf-8")
    env = {**os.environ, "REPORTGEN_EDITIONS": str(house)}
    done = subprocess.run([str(REPORTGEN), "new", "-h"], capture_output=True, text=True, env=env, timeout=60)
    assert "house-2026" in done.stdout and "The house's own standards (2026)" in " ".join(done.stdout.split())
    done = subprocess.run([str(REPORTGEN), "new", "X", "-e", "house-2025", "-o", str(tmp_path / "x.yml")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2 and "(did you mean 'house-2026'?)" in done.stderr and "The house's own standards (2026)" in done.stderr
    completion = {**env, "_REPORTGEN_COMPLETE": "complete_bash", "COMP_WORDS": "reportgen new -e ho", "COMP_CWORD": "3"}
    done = subprocess.run([str(REPORTGEN)], capture_output=True, text=True, env=completion, timeout=60)
    assert done.stdout.split() == ["house-2026"], done.stdout + done.stderr
    completion.update(COMP_WORDS="reportgen new -e you")
    done = subprocess.run([str(REPORTGEN)], capture_output=True, text=True, env=completion, timeout=60)
    assert done.stdout.split() == [n for n in INSTALLED if n.startswith("you")]


def test_zsh_completion_gives_each_edition_its_title() -> None:
    env = {**os.environ, "_REPORTGEN_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "reportgen schema --edition "}
    done = subprocess.run([str(REPORTGEN)], capture_output=True, text=True, env=env, timeout=60)
    for name, title in INSTALLED.items():
        assert f'"{name}":"{title}"' in done.stdout, done.stdout  # bash takes names only; zsh shows the titles
