"""Shared fixtures: each seed report is checked once, and each format rendered once, per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.build import WRITERS, Stages, prepare
from reportgen.validate import Checked, check_file

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ("merton", "havering")


class Formats(dict):
    """A report's outputs by format, each rendered on first use from one set of stages."""

    def __init__(self, stages: Stages):
        super().__init__()
        self.stages = stages

    def __missing__(self, fmt: str) -> bytes:
        self[fmt] = WRITERS[fmt](self.stages)
        return self[fmt]


@pytest.fixture(scope="session")
def checked() -> dict[str, Checked]:
    return {name: check_file(ROOT / "findings" / f"{name}.yml") for name in REPORTS}


@pytest.fixture(scope="session")
def built(checked) -> dict[str, Formats]:
    """Every format of every seed report, rendered in memory on demand."""
    return {name: Formats(prepare(checked[name])) for name in REPORTS}
