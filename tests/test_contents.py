"""Issue 19: every contents link leads to the heading it names, in every HTML output of every edition.

Heading ids are made in one place (parse), and the contents is filled from them, so a listed
heading whose title repeats another's links to the id it really has (h-glossary-2), not to
an id worked out again elsewhere ('-x' in the old compose). The variants repeat a listed
heading: Bromley's annexe renamed "Glossary" (its glossary is listed in the front matter), and
a youth report whose introduction is headed "Recommendations".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from reportgen.build import WRITERS, _html, prepare
from reportgen.review.drafting import prepare_draft
from reportgen.validate import check_file

from .conftest import ROOT
from .variants import Variant

# (findings file, the value's path, what it is made to say); None: the report as it is
VARIANTS = {
    "merton": None,
    "havering": None,
    "bromley": None,
    "lambeth": None,
    "examples/youth-2018-example": None,
    "bromley, an annexe renamed Glossary": ("bromley", "annexes[0].heading", "Glossary"),
    "merton, introduction headed Recommendations": ("merton", "introduction.heading", "Recommendations"),
    "havering, foreword headed Recommendations": ("havering", "introduction.heading", "Recommendations"),
    "example, foreword headed Ratings": ("examples/youth-2018-example", "introduction.heading", "Ratings"),
}
REPEATED = {"bromley, an annexe renamed Glossary": "h-glossary-2", "merton, introduction headed Recommendations": "h-recommendations-2",
            "havering, foreword headed Recommendations": "h-recommendations-2", "example, foreword headed Ratings": "h-ratings-2"}


def findings(name: str, folder: Path) -> Path:
    if VARIANTS[name] is None:
        return ROOT / "findings" / f"{name}.yml"
    report, path, value = VARIANTS[name]
    return Variant(report).set(path, value).write(folder)


@pytest.fixture(scope="module")
def pages(tmp_path_factory, house):
    """Every HTML output of one findings variant, made once: the web page, the fragment, the print
    document and the draft's."""
    made: dict[str, dict[str, BeautifulSoup]] = {}

    def of(name: str) -> dict[str, BeautifulSoup]:
        if name not in made:
            checked = check_file(findings(name, tmp_path_factory.mktemp("contents")), house)
            final, draft = prepare(checked, house), prepare_draft(checked, house)
            html = {"web page": WRITERS["html"](final), "fragment": WRITERS["html-fragment"](final),
                    "print": _html(final).encode(), "draft": _html(draft).encode()}
            made[name] = {kind: BeautifulSoup(data, "html.parser") for kind, data in html.items()}
        return made[name]

    return of


@pytest.mark.parametrize("name", list(VARIANTS))
def test_every_contents_link_leads_to_the_heading_it_names(pages, name) -> None:
    for kind, soup in pages(name).items():
        links = soup.select("nav.contents a[href]")
        assert links, f"{name}, {kind}: no contents"
        for link in links:
            target = soup.find(id=link["href"].removeprefix("#"))
            assert target is not None, f"{name}, {kind}: {link['href']} leads nowhere"
            assert target.name in ("h2", "h3"), f"{name}, {kind}: {link['href']} leads to a <{target.name}>"
            said = "".join(t for t in target.find_all(string=True) if t.find_parent("sup") is None)
            assert " ".join(said.split()) == " ".join(link.get_text().split()), f"{name}, {kind}: {link['href']}"
        hrefs = [link["href"] for link in links]
        assert len(hrefs) == len(set(hrefs)), f"{name}, {kind}: two entries lead to one heading"


@pytest.mark.parametrize("name", list(REPEATED))
def test_a_repeated_listed_heading_is_linked_by_the_id_it_really_has(pages, name) -> None:
    ident = REPEATED[name]
    for kind in ("print", "draft"):  # the web page and fragment fold the front matter, and unlist it
        soup = pages(name)[kind]
        hrefs = [link["href"] for link in soup.select("nav.contents a[href]")]
        assert f"#{ident}" in hrefs and f"#{ident.rsplit('-', 1)[0]}" in hrefs, f"{name}, {kind}"
        assert soup.find(id=ident).name == "h2"
