"""Issue 19 item 3: the package's folders are its architecture, and its imports keep to them.

Every module of reportgen sits on one floor. A module imports modules of its own floor or of
floors below it, never above; and no modules import one another in a circle. The floors, lowest
first: what every stage shares (errors, the models, the YAML reader); the house (editions,
templates, brand, wording); the pipeline (the report's Markdown parser, which the checks read
narrative with; reading the findings: validate, rate, the checks, view; compose; the format
writers in render/; build and write); what the commands share; the wings that use the pipeline and
that it never imports (review/, authoring/, publishing/, and the cases, programme and batches
packages); the command line.

The imports are read from the source with `ast` — every `import` and `from … import`, at the
top of a module or inside a function — so a lazy import counts as much as any other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reportgen"

# Lowest first. A module belongs to the first entry naming it or a package holding it.
FLOORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shared", ("errors", "limits", "names", "numbers", "marked", "model", "patterns", "messages", "places", "phrasing",
                "linebreaks", "progress", "workers", "guards", "load", "salvage", "typed", "splice", "printing", "subheadings")),
    ("house", ("house", "editions", "templating")),
    ("pipeline: the report's Markdown parser", ("parse",)),
    ("pipeline: reading the findings", ("recovery", "rate", "discretion", "rules", "markup", "checks", "readiness", "validate",
                                         "view", "summary", "corrections")),
    ("pipeline: composing", ("compose",)),
    ("pipeline: format writers", ("render",)),
    ("pipeline: building and writing", ("write", "build")),
    ("command line: shared", ("clihelp", "commandline")),
    ("wings", ("review", "authoring", "publishing", "cases", "programme", "batches", "edition")),
    ("commands", ("cli", "__main__")),
)


def modules() -> dict[str, Path]:
    """'render.docx.writer' → its file, for every module of the package (a package is its __init__)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    found.pop("", None)  # reportgen/__init__.py: empty
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, wherever in the file the import is."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name.removeprefix("reportgen.") for alias in node.names if alias.name.startswith("reportgen.")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *([node.module] if node.module else [])])
            elif (node.module or "").startswith("reportgen."):
                base = node.module.removeprefix("reportgen.")
            else:
                continue
            targets = [f"{base}.{alias.name}".strip(".") if f"{base}.{alias.name}".strip(".") in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def floor(name: str) -> int:
    for number, (_, members) in enumerate(FLOORS):
        if any(name == member or name.startswith(f"{member}.") for member in members):
            return number
    raise AssertionError(f"reportgen.{name} is on no floor: add it to FLOORS in {Path(__file__).name}")


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def test_every_module_is_on_a_floor(graph) -> None:
    unplaced = [name for name in sorted(graph) if not _placed(name)]
    assert not unplaced, f"on no floor (add to FLOORS): {', '.join(unplaced)}"


def _placed(name: str) -> bool:
    try:
        floor(name)
    except AssertionError:
        return False
    return True


def test_no_import_runs_back_up_a_floor(graph) -> None:
    upward = [f"{name} ({FLOORS[floor(name)][0]}) imports {target} ({FLOORS[floor(target)][0]})"
              for name, targets in sorted(graph.items()) for target in sorted(targets) if floor(target) > floor(name)]
    assert not upward, "\n".join(upward)


def test_no_modules_import_one_another_in_a_circle(graph) -> None:
    found = circles(graph)
    assert not found, "\n".join(" ⇄ ".join(group) for group in found)


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import one another, round and back (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_checker_sees_circles_and_upward_imports() -> None:
    """The test above can fail: a made-up circle and a made-up upward import are both found."""
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert floor("render.docx.writer") < floor("build") < floor("review.absorb") < floor("cli")
