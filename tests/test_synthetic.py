"""Issue 26 item 3: synthetic findings across the editions — valid, reproducible, clearly invented,
with re-inspections of the same area under a later edition and a differently spelt name."""

from __future__ import annotations

from collections import Counter

import pytest

from reportgen.load import parse_yaml
from reportgen.programme.synthetic import dump, programme, shipped_editions, write
from reportgen.validate import check

pytestmark = pytest.mark.slow  # 24 synthetic reports across every edition written and checked: in `make test`, not the quick loop

COUNT = 24


@pytest.fixture(scope="module")
def made():
    return programme(shipped_editions(), COUNT, seed=7)


@pytest.fixture(scope="module")
def checked(made, house):
    return {stem: check(parse_yaml(dump(data, 7), f"{stem}.yml"), house, final=True) for stem, data in made}


def test_every_file_passes_check_final_and_every_edition_is_used(checked) -> None:
    assert len(checked) == COUNT
    assert {c.edition.id for c in checked.values()} == set(shipped_editions())


def test_the_same_seed_gives_the_same_files_and_another_seed_others(tmp_path) -> None:
    first = [p.read_bytes() for p in write(tmp_path / "a", shipped_editions(), 6, seed=3)]
    again = [p.read_bytes() for p in write(tmp_path / "b", shipped_editions(), 6, seed=3)]
    other = [p.read_bytes() for p in write(tmp_path / "c", shipped_editions(), 6, seed=4)]
    assert first == again and first != other


def test_every_service_is_clearly_invented(checked) -> None:
    for c in checked.values():
        service = c.findings.service
        assert service.area.endswith("(invented)") and service.name.endswith("(invented)")
        assert "This report is invented" in c.findings.introduction.body


def test_ratings_and_percentages_vary_as_real_ones_do(checked) -> None:
    """Not one rating everywhere: every youth edition's scale is used for judgements and computed
    standards alike, and key-question percentages spread over the bands."""
    ratings = Counter(s.final for c in checked.values() for s in c.ratings.standards)
    assert len(ratings) >= 5, ratings
    percents = [kq.percent for c in checked.values() for s in c.ratings.standards for kq in s.key_questions if kq.percent is not None]
    assert min(percents) < 50 and max(percents) >= 80
    overall = {c.ratings.overall for c in checked.values() if c.ratings.overall}
    assert len(overall) >= 2, overall


def test_re_inspections_are_the_same_area_later_under_a_later_edition_with_another_name(checked) -> None:
    by_area: dict[str, list] = {}
    for c in checked.values():
        by_area.setdefault(c.findings.service.area, []).append(c)
    pairs = [sorted(group, key=lambda c: c.findings.inspection.published) for group in by_area.values() if len(group) > 1]
    assert len(pairs) == COUNT // 6
    for first, second in pairs:
        assert first.findings.service.name != second.findings.service.name
        gap = second.findings.inspection.published - first.findings.inspection.published
        assert gap.days >= 700, (first.findings.service.name, gap)
