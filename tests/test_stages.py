"""The middle of the pipeline on the seed reports: view (numbers), compose (Markdown), charts,
and a batch built by several worker processes (`--jobs`). Reuses the session's built stages."""

from __future__ import annotations

import re
from html import escape

import pytest
from typer.testing import CliRunner

from reportgen.batches import build as batch
from reportgen.cli import app
from reportgen.workers import cpu_count, worker_pool
from reportgen.compose import footnote_definitions
from reportgen.render.chart_paint import to_png, to_svg
from reportgen.render.charts import alternative, chart_for

from .conftest import REPORTS, ROOT, TITLES


@pytest.mark.parametrize("name", REPORTS)
def test_view_carries_the_calculators_numbers(built, checked, name) -> None:
    view = built[name].stages.view
    results = checked[name].ratings.by_id()
    standards = [s for d in view.domains for s in d.standards]
    assert [s.id for s in standards] == [s.id for d in checked[name].edition.domains for s in d.standards]
    for standard in standards:
        assert standard.rating == results[standard.id].final + results[standard.id].mark
        lowest = [kq for kq in standard.key_questions if kq.lowest]
        assert len(lowest) <= 1
        if lowest and lowest[0].percent is not None:
            assert lowest[0].percent == min(kq.percent for kq in standard.key_questions if kq.percent is not None)
    numbers = [r.number for g in view.recommendations for r in g.recommendations]
    assert numbers == list(range(1, view.recommendation_count + 1))


@pytest.mark.parametrize("name", REPORTS)
def test_compose_writes_every_standard_and_its_rating_once(built, name) -> None:
    stages = built[name].stages
    for standard in stages.view.standards:  # its chapter heading once (an annex of criteria may name it again, deeper)
        levels = [len(h) for h in re.findall(rf"^(#+) {re.escape(standard.heading)}$", stages.source, re.M)]
        assert levels and levels.count(min(levels)) == 1, (standard.id, levels)
    rated = [t for t in stages.parsed.tokens if t.type == "paragraph_open" and t.meta.get("rating")]  # 'Rating: Good' or 'Good'
    assert len(rated) >= sum(len(d.standards) for d in stages.view.domains)
    refs = re.findall(r"\[\^([^\]]+)\](?!:)", stages.source)
    defined = re.findall(r"^\[\^([^\]]+)\]:", stages.source, re.M)
    assert sorted(set(refs)) == sorted(defined)  # every footnote referred to is defined, once


def test_footnote_definitions_follow_first_reference_including_nested() -> None:
    notes = {"a": "A cites [^c].", "b": "B.", "c": "C.", "unused": "never"}
    assert footnote_definitions("x[^b] y[^a] z[^b]", notes) == "\n[^b]: B.\n\n[^a]: A cites [^c].\n\n[^c]: C.\n"


def test_charts_show_the_same_numbers_as_the_tables(built) -> None:
    view = built["havering"].stages.view
    standard = next(s for d in view.domains for s in d.standards if any(kq.percent is not None for kq in s.key_questions))
    house = built["havering"].stages.house
    chart = chart_for(view, house, f"standard-{standard.id}")
    for kq in standard.key_questions:
        if kq.percent is not None:
            assert f"{kq.percent}%" in chart.description
    svg = to_svg(chart)
    assert svg.startswith("<svg") and f">{escape(alternative(chart))}</title>" in svg
    assert to_png(chart).startswith(b"\x89PNG")
    with pytest.raises(ValueError, match="no chart called"):
        chart_for(view, house, "bogus-1")


@pytest.mark.slow  # worker processes
def test_jobs_builds_each_file_in_its_own_worker_and_never_more_than_the_cpus(tmp_path, checked, monkeypatch) -> None:
    """Issue 9: `--jobs 1000` starts at most as many workers as there are CPUs (and files)."""
    pools = []

    def counted_pool(workers, *start):
        pools.append(workers)
        return worker_pool(workers, *start)

    monkeypatch.setattr(batch, "worker_pool", counted_pool)
    files = [str(ROOT / "findings" / f"{name}.yml") for name in REPORTS]
    result = CliRunner().invoke(app, ["build", *files, "--format", "md,html", "--jobs", "1000", "--out", str(tmp_path)])
    assert pools == ([min(cpu_count(), len(files))] if cpu_count() > 1 else [])
    assert result.exit_code == 0, result.output
    for name in REPORTS:
        stem = name.rsplit("/", 1)[-1]  # examples/… is written under its file name
        assert f"# {TITLES[name]}\n" in (tmp_path / stem / f"{stem}.md").read_text(encoding="utf-8")
        assert (tmp_path / stem / "publish" / f"{stem}.html").is_file()
    assert f"{len(REPORTS)} of {len(REPORTS)} built" in result.output


@pytest.mark.slow  # worker processes
def test_workers_are_replaced_after_their_share_and_every_file_is_built_once(tmp_path, monkeypatch, house) -> None:
    """A batch's workers are replaced after REPORTS_PER_WORKER reports each (flat memory over any number of
    files): with a share of one report a worker, three files on two workers take two pools, and each file is
    built once and counted in order."""
    pools = []

    def counted_pool(jobs, *start):
        pools.append(jobs)
        return worker_pool(jobs, *start)

    monkeypatch.setattr(batch, "worker_pool", counted_pool)
    monkeypatch.setattr(batch, "REPORTS_PER_WORKER", 1)
    folder = tmp_path / "findings"
    folder.mkdir()
    for n in range(3):
        (folder / f"merton{n}.yml").write_bytes((ROOT / "findings" / "merton.yml").read_bytes())
    lines = []
    failed = batch.build_all(sorted(folder.glob("*.yml")), tmp_path / "out", house, ["md"], jobs=2, report=lines.append)
    assert failed == 0 and pools == ([2, 2] if cpu_count() > 1 else [])
    assert [line.split("]")[0] for line in lines[:3]] == [f"[{n}/3" for n in range(1, 4)]
    assert sorted(p.name for p in (tmp_path / "out").glob("merton*")) == [f"merton{n}" for n in range(3)]
    assert lines[-1] == "3 of 3 built"
