"""Every package the code imports is declared in pyproject.toml: the package's in `dependencies`, the
tests' there or in the `test` extra, the benchmarks' in `bench` too. A package that arrives only as
another's dependency (Pillow through WeasyPrint, rich through typer) can be dropped by it any day."""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib

import pytest

from .conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
OURS = {"reportgen", "tests", "benchmarks"}


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(*extras: str) -> set[str]:
    requirements = [*PROJECT["dependencies"], *(r for extra in extras for r in PROJECT["optional-dependencies"][extra])]
    return {normal(re.match(r"[A-Za-z0-9._-]+", r).group(0)) for r in requirements}


def _optional(node: ast.Try) -> bool:
    """`try: import x / except ImportError:` (or a broader except): used when present, not a dependency."""
    return any(h.type is None or isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError", "Exception")
               for h in node.handlers)


def imported(folder: str) -> dict[str, str]:
    """Top-level modules imported under `folder` (not the standard library's, not ours) → a file importing it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        optional = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) and _optional(t) for s in t.body for n in ast.walk(s)}
        for node in ast.walk(tree):
            if id(node) in optional:
                continue
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in OURS:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def undeclared(folder: str, allowed: set[str]) -> list[str]:
    distributions = importlib.metadata.packages_distributions()
    missing = []
    for module, where in sorted(imported(folder).items()):
        providers = {normal(d) for d in distributions.get(module, [])}
        if not providers & allowed:
            missing.append(f"{module} (imported in {where}; installed from {sorted(providers) or 'nothing'})")
    return missing


@pytest.mark.parametrize(("folder", "extras"), [("reportgen", ()), ("tests", ("test",)), ("benchmarks", ("test", "bench"))])
def test_every_imported_package_is_declared(folder, extras) -> None:
    assert undeclared(folder, declared(*extras)) == []


def test_an_undeclared_import_is_named_with_its_file(tmp_path, monkeypatch) -> None:
    """lxml and PyYAML imported, only PyYAML declared: lxml is named; an optional import is not."""
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "a.py").write_text("import os\nimport yaml\nfrom lxml import etree\nfrom . import b\n"
                                           "try:\n    import jsonschema\nexcept ImportError:\n    pass\n")
    assert undeclared("pkg", {"pyyaml"}) == ["lxml (imported in pkg/a.py; installed from ['lxml'])"]
