"""What `reportgen watch` adds to the report it serves: a panel of what is unfinished, an overlay of
errors over the last good page, a page for a format this preview does not build, and the script that
reloads after a save without losing the reader's place.

Added to the served page only: no output file ever carries them. Their words are the house's
(html/watch.html.j2, in the template folders like every page), plain; their
colours meet contrast, and they are landmarks a screen reader can reach (an `aside` and an
`alertdialog`); the report's own markup is left as the build made it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from ..errors import Problem, how_many, tally

TEMPLATE = "html/watch.html.j2"  # the words of the panel, the overlay and the pages, in the house's templates

RELOAD = """<script>/* reportgen watch: reload when a newer build exists, keeping the reader's place */
(function () {{ var built = "{version}", key = "reportgen-watch-scroll";
var kept = sessionStorage.getItem(key);
if (kept !== null) {{ sessionStorage.removeItem(key); var xy = kept.split(",");
  window.scrollTo(parseFloat(xy[0]) || 0, parseFloat(xy[1]) || 0); }}
var problems = document.getElementById("reportgen-errors");
if (problems) {{ problems.focus({{ preventScroll: true }}); }}
var source = new EventSource("/events");
source.onmessage = function (event) {{ if (event.data !== built) {{
  sessionStorage.setItem(key, window.scrollX + "," + window.scrollY); location.reload(); }} }}; }})();
</script>"""

STYLE = """<style>/* reportgen watch */
#reportgen-unfinished{{position:fixed;right:1rem;bottom:1rem;z-index:20;max-width:min(34rem,calc(100vw - 2rem));
max-height:40vh;overflow:auto;background:#fff;color:#1d1d1b;border:2px solid #6c2c86;border-radius:4px;
padding:.5rem 1rem;font:15px/1.4 sans-serif;box-shadow:0 2px 8px rgba(0,0,0,.25)}}
#reportgen-unfinished summary{{font-weight:bold;cursor:pointer}}
#reportgen-unfinished li,#reportgen-errors li{{margin:.3rem 0}}
#reportgen-errors{{position:fixed;inset:0;z-index:30;background:rgba(255,255,255,.92);overflow:auto;
padding:2rem;font:16px/1.45 sans-serif;color:#1d1d1b}}
#reportgen-errors>div{{max-width:60rem;margin:0 auto;background:#fff;border:3px solid #b00020;padding:1rem 1.5rem}}
#reportgen-errors h2{{color:#b00020;margin:0 0 .5rem;padding:0;border:0;font-size:1.5rem}}
#reportgen-errors:focus{{outline:none}} /* focused so a screen reader reads it; its own border shows it */
.reportgen-where{{font-family:monospace;white-space:nowrap}}
@media (max-width:40rem){{#reportgen-unfinished{{max-height:30vh;padding:.4rem .75rem}}#reportgen-errors{{padding:1rem}}}}
@media print{{#reportgen-unfinished,#reportgen-errors{{display:none}}}}
</style>"""


def _macros(pages: jinja2.Environment):
    """The house's words for what the preview adds (html/watch.html.j2), as callable macros."""
    return pages.get_template(TEMPLATE).module


def unfinished_panel(warnings: Sequence[Problem], findings: str, pages: jinja2.Environment) -> str:
    """The panel of what is still to do (check's warnings, by line): open while there are few, folded when many."""
    if not warnings:
        return ""
    return str(_macros(pages).unfinished(list(warnings), findings, Path(findings).name, how_many(len(warnings), "thing")))


def error_overlay(problems: Sequence[Problem], findings: str, pages: jinja2.Environment) -> str:
    """The problems of a save that cannot be built, over the last good page (which stays beneath, in place)."""
    return str(_macros(pages).errors(list(problems), findings, Path(findings).name, tally(problems)))


def nothing_yet(findings: str, pages: jinja2.Environment) -> str:
    """The page beneath the problems before any save has built."""
    return str(_macros(pages).nothing_yet(Path(findings).name))


def served(page: str, version: int, *extras: str) -> bytes:
    """The page as the preview serves it: its own markup, then the watch's additions and the reload script."""
    added = STYLE.format() + "".join(extras) + RELOAD.format(version=version)
    return (page.replace("</body>", added + "</body>", 1) if "</body>" in page else page + added).encode("utf-8")


def not_built(asked: str, findings: str, building: bool, pages: jinja2.Environment) -> bytes:
    """The page for a link to a format this preview has not built (the PDF, Word, the data downloads)."""
    return str(_macros(pages).not_built(asked, findings, building)).encode("utf-8")
