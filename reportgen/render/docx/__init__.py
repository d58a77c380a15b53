"""The Word writer: tokens → .docx. `writer` walks the tokens; `inline`, `lists` and `table` hold
its rules and their state; `ooxml` builds WordprocessingML; `style` dresses the document in
templates/word/styles.yml; `package` writes the parts and a reproducible ZIP."""

from .writer import UnsupportedToken, render_docx

__all__ = ["UnsupportedToken", "render_docx"]
