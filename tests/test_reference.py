"""Issue 13: docs/findings-format.md is generated from the models and editions, and kept current."""

from __future__ import annotations

from reportgen.authoring.reference import models, reference

from .conftest import ROOT


def test_committed_reference_is_current() -> None:
    """Regenerate with: .venv/bin/python -m reportgen.authoring.reference docs/findings-format.md"""
    assert (ROOT / "docs" / "findings-format.md").read_text(encoding="utf-8") == reference()


def test_reference_names_every_field_and_every_id(house) -> None:
    text = reference()
    for model in models():
        assert f"### {model.__name__}\n" in text
        for name, field in model.model_fields.items():
            row = next(line for line in text.split(f"### {model.__name__}\n", 1)[1].splitlines() if line.startswith(f"| `{name}` |"))
            assert row.split(" | ")[2] in ("yes", "no") and (field.description or "").split()[0] in row, row
    for edition_id in house.editions:
        edition = house.edition(edition_id)
        assert f"(`{edition.id}`)" in text
        for standard in edition.standards():
            assert f"| `{standard.id}` | {standard.name} | {standard.method} |" in text
            for kq in standard.key_questions:
                assert f"| `{kq.id}` | {' '.join(kq.text.split())} |" in text
