"""HTML → tagged A4 PDF through WeasyPrint, which may read nothing but the project's templates.

The print stylesheet in templates/style does the layout (cover, running header, "Page x of y",
contents page numbers, repeated table headers); this module fixes what makes the file
reproducible and accessible: PDF/UA-1, a stable identifier, dates from the findings.
"""

from __future__ import annotations

import gc
import hashlib
from urllib.parse import urlparse

from ..names import TEMPLATES


class FetchRefused(ValueError):
    """Raised when rendering asks for anything outside the project's templates."""


def allowed(url: str) -> bool:
    """Only data: URLs and files under templates/ may be read while rendering."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme == "file":
        from pathlib import Path
        from urllib.request import url2pathname

        path = Path(url2pathname(parsed.path)).resolve()
        return path.is_relative_to(TEMPLATES.resolve()) and path.is_file()
    return False


def project_fetcher():
    """A WeasyPrint URL fetcher that serves the project's own files and refuses everything else."""
    from weasyprint.urls import URLFetcher

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if not allowed(url):
                raise FetchRefused(f"refused to fetch {url!r}: reports may only use the project's own files")
            return super().fetch(url, headers)

    return ProjectFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    collecting = gc.isenabled()
    gc.disable()  # layout makes few reference cycles but many objects: the cycle collector only costs time
    try:
        document = HTML(string=html, base_url=TEMPLATES.as_uri() + "/", url_fetcher=project_fetcher())
        return document.write_pdf(
            pdf_variant="pdf/ua-1",  # tagged: structure tree, language, title shown, fonts embedded
            pdf_identifier=identifier,
            uncompressed_pdf=False,
            custom_metadata=False,
        )
    finally:
        if collecting:
            gc.enable()


def warm_up() -> None:
    """Import WeasyPrint ahead of need (in a worker, while the main process reads findings),
    then freeze what is loaded so the collector never walks it again."""
    import weasyprint  # noqa: F401

    gc.freeze()
