"""Issue 23 item 8: what the README and the pages under docs/ show is true of the tool as installed.

Every `reportgen …` command they show — in a code block, or in code within a sentence — names a
command that exists (its `--help` works) and only options that command has; every relative link
(and image) leads to a file of the repository, and every `#anchor` to a heading of the page it names.
The pages are read with markdown-it, as a reader's renderer would: prose that merely mentions
reportgen is not a command, and a link inside code is not a link.
"""

from __future__ import annotations

import functools
import re
import shlex
import urllib.parse
from pathlib import Path

import pytest
import typer.main
from markdown_it import MarkdownIt

from reportgen.cli import app

from .conftest import ROOT
from .test_cli import run_cli

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
COMMAND = re.compile(r"^(?:\$\s+)?(?:\S*/)?reportgen\s+(?P<words>.+)$")  # `reportgen …`, `.venv/bin/reportgen …`, `$ reportgen …`
SHELL_STOP = {"|", "||", "&&", ";", ">", ">>", "<", "2>", "&"}
HTML_SOURCE = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']+)["']""")


def _tokens(page: Path):
    parser = MarkdownIt("commonmark").enable("table")
    for token in parser.parse(page.read_text(encoding="utf-8")):
        yield token
        yield from token.children or ()


def shown_commands(page: Path) -> list[tuple[int, str]]:
    """(line, command) for every reportgen command the page shows: a code block's lines, a code span."""
    found = []
    for token in _tokens(page):
        if token.type in ("fence", "code_block"):
            start = token.map[0] + 1 if token.map else 0
            lines = [(start + 1 + i, line.strip()) for i, line in enumerate(token.content.splitlines())]
        elif token.type == "code_inline":
            lines = [(0, token.content.strip())]
        else:
            continue
        for number, line in lines:
            match = COMMAND.match(line)
            if match:
                found.append((number, match.group(0)))
    return found


def _words(command: str) -> list[str]:
    """The command's words up to a comment or a shell operator."""
    try:
        words = shlex.split(command, comments=True)
    except ValueError:  # an unclosed quote in a shortened example: read as far as the words go
        words = command.split("#", 1)[0].split()
    while words and not words[0].endswith("reportgen"):
        words.pop(0)
    words = words[1:]
    for i, word in enumerate(words):
        if word in SHELL_STOP:
            return words[:i]
    return words


def resolve(words: list[str]):
    """(the command's path, e.g. ['cases', 'import'], its command as typer builds it, the words after it)."""
    command = typer.main.get_command(app)
    path: list[str] = []
    rest = list(words)
    while getattr(command, "commands", None) is not None and rest and not rest[0].startswith("-"):  # a group
        sub = command.commands.get(rest[0])
        assert sub is not None, f"no command 'reportgen {' '.join([*path, rest[0]])}'"
        command, path, rest = sub, [*path, rest[0]], rest[1:]
    return path, command, rest


def options_of(command) -> set[str]:
    names = {"--help", "-h"}
    for parameter in command.params:
        names.update(parameter.opts)
        names.update(parameter.secondary_opts)
    return names


@functools.cache
def helped(path: tuple[str, ...]) -> tuple[int, str, str]:
    """`reportgen PATH --help`, once per command however often the pages show it."""
    return run_cli(*path, "--help")


EXAMPLES = [(page, line, command) for page in PAGES for line, command in shown_commands(page)]


def test_the_pages_show_commands() -> None:
    """The guard's own reach: the README and the guide show the commands of each user's loop."""
    shown = {tuple(resolve(_words(command))[0]) for page, _, command in EXAMPLES if page.name in ("README.md", "guide.md")}
    for loop in (("new",), ("watch",), ("check",), ("build",), ("absorb",), ("compare",), ("verify",)):
        assert loop in shown, loop


@pytest.mark.parametrize("page, line, command", EXAMPLES,
                         ids=[f"{page.relative_to(ROOT)}:{line}:{command[:60]}" for page, line, command in EXAMPLES])
def test_every_command_shown_exists_with_its_options(page: Path, line: int, command: str) -> None:
    path, click_command, rest = resolve(_words(command))
    assert path or rest, f"{page.name}: '{command}' names no command"
    if not path:  # `reportgen --version`, `reportgen --install-completion`, `reportgen -h`
        unknown = [w for w in rest if w.startswith("-") and w not in options_of(click_command)]
        assert not unknown, f"{page.name}: '{command}': reportgen has no option {unknown}"
        return
    code, stdout, stderr = helped(tuple(path))
    assert code == 0 and f" {' '.join(path)} [OPTIONS]" in stdout.split("\n", 1)[0], (command, stderr)
    known = options_of(click_command)
    for word in rest:
        if word.startswith("-") and len(word) > 1 and not re.fullmatch(r"-\d.*", word):
            option = word.split("=", 1)[0]
            assert option in known, f"{page.name}: '{command}': 'reportgen {' '.join(path)}' has no option {option}"


def _slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


@functools.cache
def anchors(page: Path) -> set[str]:
    tokens = list(MarkdownIt("commonmark").enable("table").parse(page.read_text(encoding="utf-8")))
    seen: dict[str, int] = {}
    names = set()
    for opening, inline in zip(tokens, tokens[1:]):
        if opening.type == "heading_open":
            slug = _slug("".join(child.content for child in inline.children or () if child.type in ("text", "code_inline")))
            names.add(slug if slug not in seen else f"{slug}-{seen[slug]}")
            seen[slug] = seen.get(slug, 0) + 1
    return names


def links(page: Path) -> list[str]:
    """Every link and image target of the page, Markdown and HTML alike."""
    found = []
    for token in _tokens(page):
        if token.type in ("link_open", "image"):
            found.append(str(token.attrs.get("href") or token.attrs.get("src")))
        elif token.type in ("html_block", "html_inline"):
            found.extend(HTML_SOURCE.findall(token.content))
    return found


@pytest.mark.parametrize("page", PAGES, ids=[str(page.relative_to(ROOT)) for page in PAGES])
def test_every_relative_link_resolves(page: Path) -> None:
    broken = []
    for target in links(page):
        parts = urllib.parse.urlsplit(target)
        if parts.scheme or parts.netloc:
            continue  # the web and mail: not the repository's to keep
        where = (page.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else page
        if not where.exists() or not where.is_relative_to(ROOT):
            broken.append(f"{target}: no such file")
        elif parts.fragment and where.suffix == ".md" and parts.fragment not in anchors(where):
            broken.append(f"{target}: no heading #{parts.fragment} in {where.relative_to(ROOT)}")
    assert not broken, f"{page.relative_to(ROOT)}: " + "; ".join(broken)


def test_the_link_checks_catch_what_they_should(tmp_path: Path) -> None:
    """The guards themselves: a missing page, a missing heading, a made-up command and option fail."""
    page = tmp_path / "page.md"
    page.write_text("# A title\n\n## Two words\n\n[ok](#two-words) [gone](#three-words) [no](missing.md) "
                    "<img src=\"nothing.png\" alt=\"\">\n\n```sh\nreportgen buidl x.yml\nreportgen build --fast x.yml\n```\n",
                    encoding="utf-8")
    assert links(page) == ["#two-words", "#three-words", "missing.md", "nothing.png"]
    assert anchors(page) == {"a-title", "two-words"}
    commands = [command for _, command in shown_commands(page)]
    assert commands == ["reportgen buidl x.yml", "reportgen build --fast x.yml"]
    with pytest.raises(AssertionError, match="no command 'reportgen buidl'"):
        resolve(_words(commands[0]))
    assert "--fast" not in options_of(resolve(_words(commands[1]))[1])
