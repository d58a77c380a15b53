"""The HTML report is accessible: WCAG 2.2 AA as axe-core checks it, in headless Chromium.

Every findings/*.yml is built to HTML with the real CLI (into a temporary folder) and opened
from file:// in Debian's Chromium by tests/a11y/axe.mjs (playwright-core + axe-core, pinned in
tests/a11y/package-lock.json; `make system-packages` installs all of it). Nothing is skipped:
a missing browser or node_modules fails with the command that installs it.

The browser checks: no axe-core violations for the tags wcag2a, wcag2aa, wcag21a, wcag21aa,
wcag22aa (at a desktop width and at 320 px); no horizontal scrolling of the page at 320 px
(WCAG 1.4.10); the first Tab reaches the skip link and every focusable element shows a
focus outline (2.4.7); no request leaves file:// (the script aborts any other and lists it).
The pure-Python checks below repeat what a reader's tool sees in the markup (language,
title, landmarks, skip link, headings, tables, ratings in words, in-page links) and compute
the contrast of the house colours from report.css and the rating colours of each edition.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

pytestmark = pytest.mark.slow  # every report built to HTML by the CLI, and the browser's checks: in `make test`, not the quick loop

ROOT = Path(__file__).resolve().parent.parent
A11Y = ROOT / "tests" / "a11y"
CHROMIUM = Path("/usr/bin/chromium")
FINDINGS = sorted((ROOT / "findings").glob("*.yml")) + sorted((ROOT / "findings" / "examples").glob("*.yml"))
NAMES = [path.stem for path in FINDINGS]
CSS = ROOT / "templates" / "style" / "report.css"
TIMEOUT = 600  # seconds for the whole browser run; it takes well under a minute

INSTALL = "run `make system-packages` (as root) to install Chromium, fonts and tests/a11y/node_modules"


# --- building and checking --------------------------------------------------------------


@pytest.fixture(scope="module")
def html_files(tmp_path_factory) -> dict[str, Path]:
    """Every findings file built to HTML by the CLI, as a user would: name → path."""
    assert FINDINGS, "no findings/*.yml to check"
    out = tmp_path_factory.mktemp("a11y-build")
    cli = Path(sys.executable).with_name("reportgen")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "reportgen"]
    done = subprocess.run(
        [*command, "build", str(ROOT / "findings"), str(ROOT / "findings" / "examples"), "--format", "html", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, f"reportgen build failed:\n{done.stdout}\n{done.stderr}"
    files = {name: out / name / "publish" / f"{name}.html" for name in NAMES}
    missing = [str(path) for path in files.values() if not path.is_file()]
    assert not missing, f"build made no HTML at {missing}:\n{done.stdout}"
    return files


CANARY = """<!DOCTYPE html>
<html><head><title>canary</title><link rel="stylesheet" href="https://example.com/canary.css"></head>
<body><img src="http://example.invalid/canary.png"><div style="width: 1000px">wide</div></body></html>
"""


@pytest.fixture(scope="module")
def browser(html_files, tmp_path_factory) -> dict[str, dict]:
    """Run tests/a11y/axe.mjs once over every report, plus a canary page that must fail."""
    node = shutil.which("node")
    assert node, f"node is not installed: {INSTALL}"
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: {INSTALL}"
    assert (A11Y / "node_modules" / "axe-core").is_dir() and (A11Y / "node_modules" / "playwright-core").is_dir(), (
        f"tests/a11y/node_modules is missing: {INSTALL}"
    )
    canary = tmp_path_factory.mktemp("a11y-canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    files = [*html_files.values(), canary]
    started = time.monotonic()
    done = subprocess.run(
        [node, str(A11Y / "axe.mjs"), *map(str, files)],
        cwd=A11Y, capture_output=True, text=True, timeout=TIMEOUT,
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 0, f"axe.mjs failed ({done.returncode}):\n{done.stderr}\n{done.stdout}"
    results = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    by_file = {result["file"]: result for result in results}
    assert sorted(by_file) == sorted(map(str, files)), done.stdout
    print(f"\naxe.mjs checked {len(files)} pages in {elapsed:.1f} s")
    report = {name: by_file[str(path)] for name, path in html_files.items()}
    report["<canary>"] = by_file[str(canary)]
    return report


@pytest.fixture(scope="module")
def soups(html_files) -> dict[str, BeautifulSoup]:
    return {name: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for name, path in html_files.items()}


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {'/'.join(v.get('viewports', []))}): {v['help']} – {v['helpUrl']}")
        for node in v["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}   {node['html'][:160]}")
    return "\n".join(lines)


# --- the checker itself works ----------------------------------------------------------


@pytest.mark.browser
def test_checker_catches_a_bad_page_and_blocks_the_network(browser) -> None:
    """The canary has a missing alt, no lang, a 1000 px box and two outside requests."""
    canary = browser["<canary>"]
    rules = {v["id"] for v in canary["violations"]}
    assert {"image-alt", "html-has-lang"} <= rules, rules
    assert canary["reflow"]["horizontalScroll"], canary["reflow"]
    assert {"https://example.com/canary.css", "http://example.invalid/canary.png"} <= set(canary["blocked"])


# --- in the browser ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_no_axe_violations(browser, name) -> None:
    result = browser[name]
    assert not result["violations"], (
        f"{name}: {len(result['violations'])} axe-core rule(s) failed:\n" + describe_violations(result["violations"])
    )
    if result["incomplete"]:
        print(f"{name}: axe could not decide (review by hand): {', '.join(result['incomplete'])}")


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_nothing_is_fetched_and_no_script_errors(browser, name) -> None:
    assert browser[name]["blocked"] == [], browser[name]["blocked"]
    assert browser[name]["errors"] == []


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_reflows_at_320_px_without_horizontal_scrolling(browser, name) -> None:
    reflow = browser[name]["reflow"]
    assert not reflow["horizontalScroll"], (
        f"{name}: page is {reflow['scrollWidth']} px wide at a {reflow['width']} px viewport; "
        f"sticking out: {reflow['overflowing']}"
    )


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_issue_10_chart_text_is_12_px_and_apart_on_a_phone_and_a_desktop(browser, soups, name) -> None:
    """Measured in Chromium: every visible chart label at 390 px and 1280 px is 12 CSS px or
    more as drawn (its font size times the SVG's scale), and no two labels' boxes overlap."""
    drawn = len(soups[name].select("svg.chart-wide"))
    for seen in browser[name]["charts"]:
        if not drawn:
            assert seen["count"] == 0
            continue
        assert seen["count"] > drawn, seen  # one layout of each chart shown, each with labels
        assert seen["minPx"] >= 12, f"{name}: chart text at {seen['minPx']:.2f} px at {seen['width']} px wide"
        assert not seen["overlaps"], f"{name} at {seen['width']} px: {seen['overlaps']}"


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_focus_is_visible(browser, name) -> None:
    focus = browser[name]["focus"]
    first = focus["first"]
    assert first is not None, f"{name}: Tab focuses nothing"
    assert "skip-link" in first["className"].split() and first["href"] == "#main", first
    assert first["visible"], f"{name}: the focused skip link shows no outline: {first}"
    assert focus["stops"] > 1
    assert focus["invisibleCount"] == 0, (
        f"{name}: {focus['invisibleCount']} of {focus['stops']} focus stops show no visible outline, e.g.\n"
        + "\n".join(f"    {s['selector']} <{s['tag']} class={s['className']!r}> outline "
                    f"{s['outlineStyle']} {s['outlineWidth']} {s['outlineColor']} on screen: {s['onScreen']}"
                    for s in focus["invisible"])
    )


# --- in the markup ----------------------------------------------------------------------

FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]"


@pytest.mark.parametrize("name", NAMES)
def test_language_and_title(soups, name) -> None:
    soup = soups[name]
    assert soup.html.get("lang") == "en-GB"
    assert soup.title is not None and soup.title.get_text(strip=True)


@pytest.mark.parametrize("name", NAMES)
def test_one_of_each_landmark(soups, name) -> None:
    soup = soups[name]
    for tag, role in (("header", "banner"), ("nav", "navigation"), ("main", "main"), ("footer", "contentinfo")):
        found = soup.find_all(tag) + soup.find_all(attrs={"role": role})
        assert len(found) == 1, f"{name}: {len(found)} <{tag}> / role={role}"
    assert soup.body.find("header", recursive=False) and soup.body.find("footer", recursive=False)
    assert soup.nav.get("aria-labelledby") and soup.find(id=soup.nav["aria-labelledby"])


@pytest.mark.parametrize("name", NAMES)
def test_skip_link_comes_first(soups, name) -> None:
    soup = soups[name]
    first = next(el for el in soup.body.select(FOCUSABLE) if el.get("tabindex") != "-1")
    assert first.name == "a" and first["href"] == "#main" and first.get_text(strip=True), first
    assert soup.find(id="main").name == "main"


@pytest.mark.parametrize("name", NAMES)
def test_headings_one_h1_and_no_skipped_levels(soups, name) -> None:
    headings = soups[name].find_all(re.compile(r"^h[1-6]$"))
    assert [h.name for h in headings].count("h1") == 1
    assert headings[0].name == "h1"
    previous = 1
    for h in headings:
        level = int(h.name[1])
        assert level <= previous + 1, f"{name}: h{previous} → h{level} ({h.get_text(' ', strip=True)!r})"
        assert h.get_text(strip=True), f"{name}: empty {h.name}"
        previous = level


@pytest.mark.parametrize("name", NAMES)
def test_tables_are_named_once_have_scopes_and_a_named_scrolling_region(soups, name) -> None:
    """Every table has an accessible name: its caption, or the heading just above it (issue 10
    item 8: a caption never repeats that heading, as "Key staffing data" did under "Key staffing data")."""
    soup = soups[name]
    tables = soup.find_all("table")
    assert tables
    for table in tables:
        heading = table.find_previous(re.compile(r"^h[1-6]$"))
        caption = table.find("caption")
        if caption is not None:
            label, ident = caption.get_text(strip=True), caption.get("id")
            assert label, f"{name}: empty caption:\n{str(table)[:300]}"
            assert _words(caption) != _words(heading), f"{name}: caption repeats its heading {label!r}"
        else:
            ident = table.get("aria-labelledby")
            named = soup.find(id=ident) if ident else None
            assert named is heading and heading.get_text(strip=True), f"{name}: table named by neither caption nor heading:\n{str(table)[:300]}"
            label = heading.get_text(strip=True)
        for th in table.find_all("th"):
            assert th.get("scope") in ("col", "row", "colgroup", "rowgroup"), f"{name}: {th} in {label!r}"
        wrap = table.parent
        assert wrap.name == "div" and "table-wrap" in wrap.get("class", []), label
        assert wrap.get("role") == "region" and wrap.get("tabindex") == "0"
        assert wrap.get("aria-labelledby") == ident and ident, label


def _words(element) -> list[str]:
    """An element's words, less footnote marks, ignoring case and punctuation."""
    text = "".join(t for t in element.find_all(string=True) if t.find_parent("sup") is None)
    return re.findall(r"\w+", text.casefold())


def _rating_words() -> dict[str, str]:
    """'rating-requires-improvement' → 'Requires improvement', from every edition's scale."""
    from reportgen.names import rating_class

    words = {}
    for path in sorted((ROOT / "frameworks").glob("*.yml")):
        scale = yaml.safe_load(path.read_text(encoding="utf-8")).get("scale", ())  # a revision inherits its scale
        words.update({rating_class(r["name"]): r["name"] for r in scale})
    return words


@pytest.mark.parametrize("name", NAMES)
def test_ratings_are_never_colour_alone(soups, name) -> None:
    words = _rating_words()
    rated = [el for el in soups[name].find_all(class_=True) if any(c.startswith("rating-") for c in el["class"])]
    assert rated, f"{name}: no rating is marked up"
    for el in rated:
        classes = [c for c in el["class"] if c.startswith("rating-")]
        assert len(classes) == 1 and classes[0] in words, el
        assert words[classes[0]] in el.get_text(" ", strip=True), f"{name}: {el} is coloured but does not say so"


@pytest.mark.parametrize("name", NAMES)
def test_in_page_links_resolve_and_ids_are_unique(soups, name) -> None:
    soup = soups[name]
    ids = [el["id"] for el in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)), f"{name}: duplicate ids {sorted({i for i in ids if ids.count(i) > 1})}"
    for a in soup.find_all("a", href=True):
        if a["href"].startswith("#"):
            assert a["href"][1:] in ids, f"{name}: {a} goes nowhere"
    for el in soup.find_all(attrs={"aria-labelledby": True}):
        for ident in el["aria-labelledby"].split():
            assert ident in ids, f"{name}: aria-labelledby={ident!r} names nothing"


# --- colours ----------------------------------------------------------------------------


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb' or '#rgb'."""
    hexa = colour.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    channels = [int(hexa[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes


def css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of every rule, at any depth of @media/@page nesting."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: list[tuple[str, dict[str, str]]] = []
    stack: list[list[str]] = [["", ""]]  # [selector, declarations so far] per open block
    text = ""
    for char in css:
        if char == "{":
            head, _, prelude = text.rpartition(";")  # a nested block may follow declarations
            stack[-1][1] += head + ";"
            stack.append([prelude.strip(), ""])
            text = ""
        elif char == "}":
            selector, body = stack.pop()
            declarations = {}
            for part in (body + text).split(";"):
                if ":" in part:
                    prop, value = part.split(":", 1)
                    declarations[prop.strip().lower()] = value.strip()
            if declarations:
                rules.append((selector, declarations))
            text = ""
        else:
            text += char
    return rules


def test_house_text_colours_contrast_with_white() -> None:
    """Every text colour report.css sets (resolving var()) is ≥ 4.5:1 on its background."""
    rules = css_rules(CSS.read_text(encoding="utf-8"))
    root = next(d for s, d in rules if s == ":root")
    variables = {k: v for k, v in root.items() if k.startswith("--")}
    assert variables["--text"].lower() == "#0b0c0c"

    def resolve(value: str) -> str | None:
        value = value.strip()
        match = re.fullmatch(r"var\((--[\w-]+)(?:,\s*([^)]+))?\)", value)
        if match:
            value = variables.get(match.group(1), match.group(2) or "")
        return value.lower() if re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?", value.strip()) else None

    checked = []
    for selector, declarations in rules:
        fore = declarations.get("color")
        if fore is None or resolve(fore) is None:
            continue
        back = resolve(declarations.get("background", declarations.get("background-color", "#ffffff"))) or "#ffffff"
        ratio = contrast(resolve(fore), back)
        checked.append((selector, resolve(fore), back, round(ratio, 2)))
        assert ratio >= 4.5, f"{selector}: {fore} on {back} is {ratio:.2f}:1"
    for var in ("--text", "--secondary", "--link", "--brand"):
        assert contrast(variables[var], "#ffffff") >= 4.5, var
    assert {"--link", "--secondary"} <= {m for _, d in rules for m in re.findall(r"var\((--[\w-]+)", d.get("color", ""))}
    assert len(checked) >= 4, checked


@pytest.mark.parametrize("framework", sorted(p.stem for p in (ROOT / "frameworks").glob("*.yml")))
def test_rating_colours_contrast_with_the_text(framework, house) -> None:
    for rating in house.edition(framework).scale:  # a revision's scale is its edition's
        ratio = contrast(rating.colour, "#0b0c0c")
        assert ratio >= 4.5, f"{framework}: {rating.name} {rating.colour} with #0b0c0c text is {ratio:.2f}:1"
