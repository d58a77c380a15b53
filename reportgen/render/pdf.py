"""HTML → tagged A4 PDF through WeasyPrint, which may read nothing but the project's templates.

The print stylesheet in templates/style does the layout (cover, running header, "Page x of y",
contents page numbers, repeated table headers); this module fixes what makes the file
reproducible and accessible: PDF/UA-1, a stable identifier, dates from the findings.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlparse

from ..compose import TEMPLATES
from ..view import ReportView


class FetchRefused(ValueError):
    """Raised when rendering asks for anything outside the project's templates."""


def fetch_local(url: str, timeout: int = 10, ssl_context=None):
    """WeasyPrint URL fetcher that serves only files under templates/ and refuses the rest."""
    from weasyprint.urls import default_url_fetcher

    parsed = urlparse(url)
    if parsed.scheme == "file":
        from pathlib import Path
        from urllib.request import url2pathname

        path = Path(url2pathname(parsed.path)).resolve()
        if path.is_relative_to(TEMPLATES.resolve()) and path.is_file():
            return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    if parsed.scheme == "data":
        return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)
    raise FetchRefused(f"refused to fetch {url!r}: reports may only use the project's own files")


def render_pdf(html: str, view: ReportView) -> bytes:
    from weasyprint import HTML

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=fetch_local)
    return document.write_pdf(
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier,
        uncompressed_pdf=False,
        custom_metadata=False,
    )
