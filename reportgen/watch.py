"""`reportgen watch`: the report in a browser while the findings are written, rebuilt on every save.

The HTML is rebuilt in this process (editions, templates and the Markdown parser stay
loaded, so a save costs a fraction of a second) and served on 127.0.0.1 only. The page
holds a few lines of inline script that listen for server-sent events and reload when a
newer build exists; no external script. While the file is invalid the page shows the
problems, exactly as `check` words them, instead of the report. Saves are debounced by
watchfiles; `--all` also writes md, pdf and docx in the background after each good save.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .errors import ReportError, tally
from .preview_server import PreviewServer

SLOT = "\x00reload\x00"  # where the error page takes its script
DEBOUNCE_MS = 100  # an editor's save is often several writes (temporary file, rename): one rebuild
RELOAD = """<script>/* reportgen watch: reload when a newer build exists */
(function () {{ var built = "{version}"; var source = new EventSource("/events");
source.onmessage = function (event) {{ if (event.data !== built) {{ location.reload(); }} }}; }})();
</script>"""
ERROR_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:2rem;max-width:60rem}} li{{font-family:monospace;margin:.5rem 0}}
h1{{color:#b00020}}</style></head>
<body><main><h1>{title}</h1><p>Fix these and save; the report comes back by itself.</p>
<ul>{items}</ul></main>{reload}</body></html>"""


class Preview:
    """The latest page for one findings file, and a version number that changes on each rebuild."""

    def __init__(self, path: Path, out: Path | None = None, say: Callable[[str], None] = print):
        self.path, self.out, self.say = path, out, say
        self.version = 0
        self.page = b""
        self.changed = threading.Condition()
        self.background = ThreadPoolExecutor(max_workers=1) if out is not None else None

    def rebuild(self) -> bool:
        """Build the HTML again; on invalid findings the page lists the problems. True if valid."""
        from .build import WRITERS, prepare
        from .validate import check_file

        ok = False
        try:
            checked = check_file(self.path, display=str(self.path))
            page = WRITERS["html"](prepare(checked)).decode("utf-8")
            ok = True
            lines = [str(w) for w in checked.warnings]
        except ReportError as error:
            lines = [str(p) for p in error.problems]
            page = ERROR_PAGE.format(title=f"{html.escape(self.path.name)}: {tally(error.problems)}",
                                     items="".join(f"<li>{html.escape(line)}</li>" for line in lines), reload=SLOT)
        except Exception as error:  # a renderer fault: shown, and the preview keeps running
            lines = [f"{self.path}: error: build failed in rendering: {type(error).__name__}: {error}"]
            page = ERROR_PAGE.format(title="The report could not be built", items=f"<li>{html.escape(lines[0])}</li>", reload=SLOT)
        with self.changed:
            self.version += 1
            script = RELOAD.format(version=self.version)
            self.page = (page.replace(SLOT, script) if not ok else page.replace("</body>", script + "</body>", 1)).encode("utf-8")
            self.changed.notify_all()
        for line in lines:
            self.say(line)
        self.say(f"{'rebuilt' if ok else 'invalid'}: {self.path} (build {self.version})")
        if ok and self.background is not None:
            self.background.submit(self._other_formats, self.version)
        return ok

    def _other_formats(self, version: int) -> None:
        from .batch import build_one

        if version != self.version:
            return  # a newer save is already waiting: build that one instead
        ok, lines, seconds = build_one(self.path, self.out, ["md", "html", "pdf", "docx"])
        self.say(f"{'built' if ok else 'FAILED'} all formats in {seconds:.1f} s" + (f" → {lines[0]}" if ok else ""))

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def serve(path: Path, *, port: int = 8000, out: Path | None = None, say: Callable[[str], None] = print) -> None:
    """Serve the preview until Ctrl-C (or SIGTERM); rebuild whenever `path` is saved."""
    from watchfiles import watch

    preview = Preview(path, out, say)
    preview.rebuild()
    stop = threading.Event()
    server = PreviewServer(("127.0.0.1", port), preview, stop)  # local Host only, bounded connections
    target = path.resolve()

    def watcher() -> None:
        for _ in watch(target.parent, watch_filter=lambda _, changed: Path(changed) == target, debounce=DEBOUNCE_MS,
                       step=20, stop_event=stop, raise_interrupt=False, recursive=False):
            if target.exists():  # mid-rename: the next event brings the new file
                preview.rebuild()

    thread = threading.Thread(target=watcher, name="watch", daemon=True)
    thread.start()
    say(f"Previewing {path} at http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        if preview.background is not None:
            preview.background.shutdown(wait=False, cancel_futures=True)
        say("stopped")
