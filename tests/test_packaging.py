"""Issue 13: `pip install .` gives a reportgen that finds its editions and templates from any directory.

The wheel is built once from a copy of the sources, installed without dependencies into a
fresh venv (the dependencies are borrowed from the test venv by a .pth line, so nothing is
downloaded), and run from a folder outside the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a wheel built and installed into a fresh environment: in `make test`, not the quick loop

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "reportgen", "frameworks", "templates")


def run(*args: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode == 0, done.stderr + done.stdout
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with reportgen installed from its wheel; returns its bin folder."""
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(ROOT / name, source / name)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir", base / "dist", source, cwd=base)
    (wheel,) = (base / "dist").glob("reportgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for package in (ROOT / "reportgen").rglob("__init__.py"):  # a subpackage missing from pyproject's list
        assert package.relative_to(ROOT).as_posix() in names, package
    for shipped in ("reportgen/frameworks/youth-2018.yml", "reportgen/frameworks/youth-2021.yml",
                    "reportgen/templates/youth-2021/report.md.j2", "reportgen/templates/style/report.css",
                    "reportgen/templates/word/styles.yml", "reportgen/templates/html/page.html.j2"):
        assert shipped in names, shipped
    venv = base / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=base)
    run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--quiet", "--no-deps", wheel, cwd=base)
    site = run(venv / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=base).stdout.strip()
    (Path(site) / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return venv / "bin"


@pytest.mark.slow  # a wheel, a virtual environment and a full build
def test_wheel_install_checks_and_builds_havering_from_another_directory(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(ROOT / "findings" / "havering.yml", work / "havering.yml")
    where = run(installed / "python", "-c", "import reportgen, reportgen.house as h; print(reportgen.__file__); print(h.SHIPPED_EDITIONS)", cwd=work)
    module, editions = where.stdout.split()
    assert module.startswith(str(installed.parent)) and editions.startswith(str(installed.parent)), where.stdout

    checked = run(installed / "reportgen", "check", "--final", "havering.yml", cwd=work)
    assert "Score 20/36  Overall rating: Good" in checked.stdout
    run(installed / "reportgen", "build", "--format", "html,md", "--out", "out", "havering.yml", cwd=work)
    html = (work / "out" / "havering" / "publish" / "havering.html").read_text(encoding="utf-8")
    md = (work / "out" / "havering" / "havering.md").read_text(encoding="utf-8")
    assert "An inspection of youth offending services in Havering" in md
    assert "Resettlement policy and provision" in html and "<style>" in html  # the edition's template and the house style


def test_an_edition_and_its_templates_from_folders_of_ones_own(tmp_path: Path) -> None:
    """A new edition is data: its YAML in a folder named by REPORTGEN_EDITIONS, its templates by --templates."""
    editions, templates = tmp_path / "editions", tmp_path / "templates"
    editions.mkdir()
    (templates / "youth-2099").mkdir(parents=True)
    edition = (ROOT / "frameworks" / "youth-2021.yml").read_text(encoding="utf-8")
    (editions / "youth-2099.yml").write_text(edition.replace('id: "youth-2021"', 'id: "youth-2099"'), encoding="utf-8")
    (templates / "youth-2099" / "report.md.j2").write_text(
        '{% extends "youth-2021/report.md.j2" %}{% block after_acknowledgements %}Our own template.\n{% endblock %}\n', encoding="utf-8")
    findings = (ROOT / "findings" / "havering.yml").read_text(encoding="utf-8").replace("edition: youth-2021", "edition: youth-2099")
    (tmp_path / "havering.yml").write_text(findings, encoding="utf-8")
    reportgen = Path(sys.executable).parent / "reportgen"

    unknown = subprocess.run([str(reportgen), "check", "havering.yml"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert unknown.returncode == 1 and "found 'youth-2099', expected one of " in unknown.stderr and "'youth-2018'" in unknown.stderr

    env = {**os.environ, "REPORTGEN_EDITIONS": str(editions)}
    run(reportgen, "check", "havering.yml", cwd=tmp_path, env=env)
    run(reportgen, "build", "--format", "md", "--templates", templates, "--out", "out", "havering.yml", cwd=tmp_path, env=env)
    md = (tmp_path / "out" / "havering" / "havering.md").read_text(encoding="utf-8")
    assert "Our own template." in md and "Resettlement policy and provision" in md  # common/ pieces still found
