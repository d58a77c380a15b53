"""Issue 22 item 2: `build --base-url URL` — every link of the web page absolute, a canonical link, its
address in Open Graph and JSON-LD; without it, no address the page cannot know.

The pages are rendered in memory from the session's checked findings (no PDF, no process) but for
the option itself, which runs the command line.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from reportgen.batches.record import options
from reportgen.build import WRITERS, prepare
from reportgen.cli import app
from reportgen.render.publication import base_url

from .conftest import REPORTS, ROOT

BASE = "https://www.example.gov.uk/inspections/youth/{name}/"
ABSOLUTE = ("https", "http", "mailto", "data")


def page(checked, house, name: str, fmt: str = "html", base: str | None = None) -> BeautifulSoup:
    stages = prepare(checked[name], house)
    stages.base_url = base
    return BeautifulSoup(WRITERS[fmt](stages).decode("utf-8"), "html.parser")


def addresses(soup: BeautifulSoup) -> list[str]:
    """Every href and src in the page, whatever the element (a, link, img, svg's use…)."""
    return [value for tag in soup.find_all(True) for attr in ("href", "src", "xlink:href") if (value := tag.get(attr)) is not None]


def json_ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.find("script", type="application/ld+json").string)


@pytest.mark.parametrize("name", REPORTS)
def test_with_a_base_url_every_link_canonical_og_and_json_ld_address_is_absolute(checked, house, name) -> None:
    stem = name.rsplit("/", 1)[-1]
    base = BASE.format(name=stem)
    soup = page(checked, house, name, base=base)
    canonical = f"{base}{stem}.html"
    links = addresses(soup)
    assert len(links) > 20
    relative = [href for href in links if urlsplit(href).scheme not in ABSOLUTE]
    assert relative == []
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    in_page = [href for href in links if href.startswith(canonical + "#")]
    assert len(in_page) > 10 and all(href.removeprefix(canonical + "#") in ids for href in in_page)  # each still lands on its target
    files = {href.removeprefix(base) for href in links if href.startswith(base) and not href.startswith(canonical)}
    data = WRITERS["data"](prepare(checked[name], house))
    assert files == {f"{stem}.pdf"} | {f"data/{file}" for file in data}  # every file of the pack, by its address
    assert soup.find("link", rel="canonical")["href"] == canonical
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert og["og:url"] == canonical and og["og:type"] == "article" and og["og:title"] == soup.find("h1").get_text(" ", strip=True)
    assert og["og:locale"] == "en_GB" and og["og:site_name"] == "HM Inspectorate of Probation"
    document = json_ld(soup)
    assert document["url"] == document["@id"] == document["mainEntityOfPage"] == canonical
    assert [e["contentUrl"] for e in document["encoding"]] == [f"{base}{stem}.pdf", f"{base}data/{next(f for f in data if f.endswith('.ods'))}"]


def test_without_a_base_url_the_page_claims_no_address(checked, house) -> None:
    soup = page(checked, house, "merton")
    assert soup.find("link", rel="canonical") is None
    og = {m["property"]: m["content"] for m in soup.find_all("meta", property=True)}
    assert "og:url" not in og and og["og:title"] == "An inspection of youth offending services in Merton"
    document = json_ld(soup)
    assert not {"url", "@id", "mainEntityOfPage"} & set(document)
    assert document["encoding"][0]["contentUrl"] == "merton.pdf"  # relative to the page, as its links are
    local = [href for href in addresses(soup) if not urlsplit(href).scheme and not href.startswith("#")]
    assert "merton.pdf" in local and all(re.fullmatch(r"merton\.pdf|data/[a-z0-9.-]+", href) for href in local)


def test_the_fragments_file_links_are_absolute_and_its_in_page_links_stay_in_its_page(checked, house) -> None:
    """A fragment is pasted into a content management system's page: '#fn1' means that page, not the .html."""
    base = BASE.format(name="merton")
    soup = page(checked, house, "merton", "html-fragment", base)
    links = addresses(soup)
    files = [href for href in links if not href.startswith("#")]
    assert files and all(urlsplit(href).scheme in ABSOLUTE for href in files)
    assert any(href.startswith(f"{base}data/") for href in files)
    ids = {tag["id"] for tag in soup.find_all(id=True)}
    anchors = [href for href in links if href.startswith("#")]
    assert len(anchors) > 10 and all(href[1:] in ids for href in anchors)


@pytest.mark.parametrize("text, expected", [
    ("https://www.example.gov.uk/reports/merton", "https://www.example.gov.uk/reports/merton/"),
    ("https://www.example.gov.uk/reports/merton/", "https://www.example.gov.uk/reports/merton/"),
    ("http://localhost:8080/", "http://localhost:8080/"),
    ("ftp://example.org/", None), ("www.example.gov.uk/reports", None), ("https:///reports", None),
    ("https://example.org/?page=2", None), ("https://example.org/#top", None), ("https://user:pw@example.org/", None),
    ("https://example.org/a b/", None), ("https://example.org/\x1b[31m/", None), ("javascript:alert(1)", None),
])
def test_a_base_url_is_an_absolute_web_address_of_a_folder(text, expected) -> None:
    assert base_url(text) == expected


def test_the_option_refuses_what_cannot_be_a_base_url_and_a_draft_and_rebuilds_when_it_changes(tmp_path) -> None:
    merton = str(ROOT / "findings" / "merton.yml")
    for args, said in ((["--base-url", "example.gov.uk/merton"], "found 'example.gov.uk/merton', expected the web address"),
                       (["--base-url", "https://example.gov.uk/", "--draft"], "found it with --draft")):
        result = CliRunner().invoke(app, ["build", merton, "--out", str(tmp_path), "--format", "md", *args])
        assert result.exit_code == 2 and said in " ".join(result.output.split()), result.output
        assert not (tmp_path / "merton").exists()
    assert options(["html"], False, False, "https://a.example/") != options(["html"], False, False, "https://b.example/")
