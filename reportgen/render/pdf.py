"""HTML → tagged A4 PDF through WeasyPrint, which may read nothing but files in the template folders.

The print stylesheet in templates/style does the layout (cover, running header, "Page x of y",
contents page numbers, repeated table headers); this module fixes what makes the file
reproducible and accessible: PDF/UA-1, a stable identifier, dates from the findings.
"""

from __future__ import annotations

import gc
import hashlib
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

if TYPE_CHECKING:
    from ..house import PrintFiles


class FetchRefused(ValueError):
    """Raised when rendering asks for anything outside the template folders."""


def allowed(url: str, printing: PrintFiles) -> str | None:
    """The URL to read for `url`: a data: URL as it is, a file in the template folders (a house's
    own before the shipped one); None for anything else."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return url
    if parsed.scheme == "file":
        from urllib.request import url2pathname

        found = printing.find(Path(url2pathname(parsed.path)))
        return found.as_uri() if found is not None else None
    return None


def project_fetcher(printing: PrintFiles):
    """A WeasyPrint URL fetcher that serves the template folders' files and refuses everything else."""
    from weasyprint.urls import URLFetcher

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            served = allowed(url, printing)
            if served is None:
                raise FetchRefused(f"refused to fetch {url!r}: reports may only use the template folders' own files")
            return super().fetch(served, headers)

    return ProjectFetcher(allowed_protocols={"file", "data"}, allow_redirects=False)


def render_pdf(html: str, printing: PrintFiles) -> bytes:
    """`printing`: what the layout may read (house.printing), plain data so a worker process can take it."""
    from weasyprint import HTML

    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    collecting = gc.isenabled()
    gc.disable()  # layout makes few reference cycles but many objects: the cycle collector only costs time
    try:
        document = HTML(string=html, base_url=printing.base.as_uri() + "/", url_fetcher=project_fetcher(printing))
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
