"""The programme view's outputs, in memory: the web page, the PDF, the data (one CSV per table, CSVW
metadata, one workbook) and the SQLite database — through the report's own writers: its
stylesheet, chart painter, PDF settings (PDF/UA, fixed identifier) and data writers."""

from __future__ import annotations

from dataclasses import dataclass

from typing import TYPE_CHECKING

from markupsafe import Markup

from ..names import rating_class, slug
from ..render.chart_paint import to_svg
from ..render.charts import FRAMES
from ..render.csvw import metadata
from ..render.data import METADATA, to_csv
from ..render.publication import TableLink, human_size
from .charts import spread_chart
from .view import ProgrammeView, SpreadChart
from .words import Words

if TYPE_CHECKING:
    from ..house import House

STEM = "programme"
FORMATS = ("html", "pdf", "data", "sqlite")
WORKBOOK = f"{STEM}-tables.ods"


@dataclass(frozen=True)
class Page:
    """The web page's links to the other files (relative to it) and the publisher's wording."""

    pdf: str
    workbook: str
    metadata: str
    database: str
    tables: tuple[TableLink, ...]


def edition_class(edition: str) -> str:
    return "edition-" + slug(edition).removeprefix("h-")


def render_page(view: ProgrammeView, say: Words, house: House, page: Page | None = None) -> str:
    """The web page with `page`; without, the plain document the PDF is laid out from."""
    numbers = {id(t): n for n, t in enumerate(view.tables(), 1)}

    def chart_svg(spec: SpreadChart) -> Markup:
        return Markup("\n".join(to_svg(spread_chart(spec, frame, house.brand.chart, say)) for frame in FRAMES))

    return house.pages.get_template("programme/page.html.j2").render(
        view=view, page=page, brand=house.brand, logo=house.logo, say=say, css=Markup(house.css), chart_svg=chart_svg,
        table_number=lambda table: numbers[id(table)], edition_class=edition_class, rating_class=rating_class,
    ).removesuffix("\n")  # the house's page environment keeps a template's last newline; this page never had one


def outputs(view: ProgrammeView, say: Words, database: bytes, house: House,
            formats: tuple[str, ...] = FORMATS) -> dict[str, bytes | dict[str, bytes]]:
    """Every requested output: html, pdf, data (a folder of files), sqlite."""
    from ..render.ods import workbook

    tables = [t.data(n) for n, t in enumerate(view.tables(), 1)]
    files: dict[str, bytes | dict[str, bytes]] = {}
    if "data" in formats or "html" in formats:
        data = {f"{t.name}.csv": to_csv(t) for t in tables}
        data[METADATA] = metadata(tables, view, house.brand, WORKBOOK)
        data[WORKBOOK] = workbook(tables, view, house.brand)
        if "data" in formats:
            files["data"] = data
        if "html" in formats:
            links = tuple(TableLink(t.number, t.caption, f"data/{t.name}.csv", human_size(len(data[f"{t.name}.csv"])), len(t.rows))
                          for t in tables)
            page = Page(f"{STEM}.pdf", f"data/{WORKBOOK}", f"data/{METADATA}", f"{STEM}.sqlite", links)
            files["html"] = render_page(view, say, house, page).encode("utf-8")
    if "pdf" in formats:
        from ..render.pdf import render_pdf

        files["pdf"] = render_pdf(render_page(view, say, house), house.printing)
    if "sqlite" in formats:
        files["sqlite"] = database
    return files

