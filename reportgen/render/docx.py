"""Placeholder until the Word writer lands."""

def render_docx(parsed, view) -> bytes:
    raise NotImplementedError("Word output is not written yet")
