"""What `reportgen watch` adds to the report it serves: a panel of what is unfinished, an overlay of
errors over the last good page, a page for a format this preview does not build, and the script that
reloads after a save without losing the reader's place.

Added to the served page only: no output file ever carries them. Their words are plain, their
colours meet contrast, and they are landmarks a screen reader can reach (an `aside` and an
`alertdialog`); the report's own markup is left as the build made it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from ..errors import Problem, how_many, tally

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


def _item(problem: Problem, findings: str) -> str:
    """One problem, by line; the file is named only when it is not the findings file (an edition, a house file)."""
    other = "" if problem.file == findings else f"{problem.file}, "
    where = f"line {problem.line}" if problem.line is not None else "the file"
    named = f"{problem.place or problem.field}: " if (problem.place or problem.field) else ""
    return (f'<li>{html.escape(other)}<span class="reportgen-where">{where}</span> {html.escape(named)}'
            f"found {html.escape(problem.found)}, expected {html.escape(problem.expected)}</li>")


def unfinished_panel(warnings: Sequence[Problem], findings: str) -> str:
    """The panel of what is still to do (check's warnings, by line): open while there are few, folded when many."""
    if not warnings:
        return ""
    name = Path(findings).name
    items = "".join(_item(w, findings) for w in warnings)
    opened = " open" if len(warnings) <= 5 else ""
    return (f'<aside id="reportgen-unfinished" aria-label="Unfinished in {html.escape(name)}">'
            f"<details{opened}><summary>Unfinished: {how_many(len(warnings), 'thing')} to do in {html.escape(name)} "
            f"(check --final refuses them)</summary><ul>{items}</ul></details></aside>")


def error_overlay(problems: Sequence[Problem], findings: str) -> str:
    """The problems of a save that cannot be built, over the last good page (which stays beneath, in place)."""
    items = "".join(_item(p, findings) for p in problems)
    return (f'<div id="reportgen-errors" role="alertdialog" aria-modal="true" aria-labelledby="reportgen-errors-title" tabindex="-1">'
            f'<div><h2 id="reportgen-errors-title">{html.escape(Path(findings).name)}: {tally(problems)}</h2>'
            "<p>Fix these and save: the report beneath comes back by itself, where you were.</p>"
            f"<ul>{items}</ul></div></div>")


def served(page: str, version: int, *extras: str) -> bytes:
    """The page as the preview serves it: its own markup, then the watch's additions and the reload script."""
    added = STYLE.format() + "".join(extras) + RELOAD.format(version=version)
    return (page.replace("</body>", added + "</body>", 1) if "</body>" in page else page + added).encode("utf-8")


NOT_BUILT = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font:16px/1.5 sans-serif;margin:2rem;max-width:46rem;color:#1d1d1b}}
pre{{background:#f3f2f1;padding:.5rem .75rem;white-space:pre-wrap;overflow-wrap:anywhere}} @media (max-width:40rem){{body{{margin:1rem}}}}</style>
</head><body><main><h1>{title}</h1>
<p>This preview builds the web page only, on every save.</p>{how}
<p><a href="/">Back to the preview</a></p></main></body></html>"""


def not_built(asked: str, findings: str, building: bool) -> bytes:
    """The page for a link to a format this preview has not built (the PDF, Word, the data downloads)."""
    title = f"{asked} is not built by this preview"
    if building:
        how = ("<p>It was started with --all, so every format is written after each save that builds; this one is "
               "not there yet. When the terminal says <q>built all formats</q>, go back and follow the link again.</p>")
    else:
        shown = html.escape(findings)
        how = (f"<p>To get it, build the report:</p><pre><code>reportgen build {shown}</code></pre>"
               f"<p>or start the preview with --all, to build every format after each save:</p>"
               f"<pre><code>reportgen watch --all {shown}</code></pre>")
    return NOT_BUILT.format(title=html.escape(title), how=how).encode("utf-8")
