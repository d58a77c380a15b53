"""`reportgen watch`: the report in a browser while the findings are written, rebuilt on every save.

The HTML is rebuilt in this process (the house and the Markdown parser stay loaded, so a save
costs a fraction of a second) and served on 127.0.0.1 only. A save of any file of the house
(editions, templates, brand, stylesheet, logo, Word style, chart words) reads the house again
before the rebuild, so a publishing team sees its brand change without a restart. The page
holds a few lines of inline script that listen for server-sent events and reload when a
newer build exists, keeping the reader's place; no external script. What the page adds is the
preview's alone, never an output file's (preview_page.py): a panel listing what is unfinished
(check's warnings, by line) and, while a save cannot be built, its problems over the last good
page. A link to a format this preview does not build (the PDF, Word, the data) answers with how
to build it, or with the file once `--all` has written it. Saves are debounced by watchfiles;
`--all` also writes every format in the background after each good save.
"""

from __future__ import annotations

import errno
import mimetypes
import threading
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Problem, ReportError
from .preview_page import error_overlay, not_built, nothing_yet, served, unfinished_panel
from .preview_server import PreviewServer

if TYPE_CHECKING:
    from ..house import Folders, House

DEBOUNCE_MS = 100  # an editor's save is often several writes (temporary file, rename): one rebuild
PORTS_TRIED = 20  # a busy port: the next ones are tried, up to this many in all
ALL_FORMATS = ["md", "html", "pdf", "docx", "data"]



class Preview:
    """The latest page for one findings file, and a version number that changes on each rebuild."""

    def __init__(self, path: Path, folders: Folders, out: Path | None = None, say: Callable[[str], None] = print):
        self.path, self.folders, self.out, self.say = path, folders, out, say
        self.house: House | None = None  # read on the first build, and again after any change to it
        self.pages = None  # the last house's page templates: the preview's own words, even while the house is broken
        self.version = 0
        self.page = b""
        self.good = ""  # the last page that built: the errors of a later save are shown over it
        self.changed = threading.Condition()
        self.building = threading.Lock()  # the findings' watcher and the house's may both ask at once
        self.background = ThreadPoolExecutor(max_workers=1) if out is not None else None

    def _pages(self):
        """The page templates the preview's words come from: the last house's; before a house has been
        read (its first reading failed), those of the folders it is read from."""
        if self.pages is None:
            from ..house import pages_environment

            self.pages = pages_environment(self.folders.templates)
        return self.pages

    def house_changed(self) -> bool:
        """A file of the house was saved: read the house again, then rebuild."""
        with self.building:
            self.house = None
        return self.rebuild()

    def rebuild(self) -> bool:
        """Build the HTML again; on invalid findings (or house) the problems go over the last good page. True if valid."""
        with self.building:
            return self._rebuild()

    def _rebuild(self) -> bool:
        from ..build import WRITERS, prepare
        from ..house import load_house
        from ..validate import check_file

        shown = str(self.path)  # as check_file names it in each problem
        try:
            if self.house is None:
                self.house = load_house(self.folders)
                self.pages = self.house.pages
            checked = check_file(self.path, self.house, display=shown)
            page = WRITERS["html"](prepare(checked, self.house)).decode("utf-8")
        except ReportError as error:
            return self._show(False, [str(p) for p in error.problems], error_overlay(error.problems, shown, self._pages()))
        except Exception as error:  # a renderer fault: shown, and the preview keeps running
            fault = Problem(shown, None, None, "", f"a fault in rendering ({type(error).__name__}: {error})",
                            "a report that renders: please report this with the findings file")
            return self._show(False, [str(fault)], error_overlay([fault], shown, self._pages()))
        self.good = page
        return self._show(True, [str(w) for w in checked.warnings], unfinished_panel(checked.warnings, shown, self._pages()))

    def _show(self, ok: bool, lines: list[str], addition: str) -> bool:
        beneath = self.good or nothing_yet(str(self.path), self._pages())
        with self.changed:  # the page first, then its number: whoever sees the number gets the page
            self.page = served(beneath, self.version + 1, addition)
            self.version += 1
            self.changed.notify_all()
        for line in lines:
            self.say(line)
        self.say(f"{'rebuilt' if ok else 'invalid'}: {self.path} (build {self.version})")
        if ok and self.background is not None:
            self.background.submit(self._other_formats, self.version, self.house)
        return ok

    def _other_formats(self, version: int, house: House) -> None:
        from ..batches.build import build_one

        if version != self.version:
            return  # a newer save is already waiting: build that one instead
        ok, lines, seconds = build_one(self.path, self.out, house, ALL_FORMATS)
        self.say(f"{'built' if ok else 'FAILED'} all formats in {seconds:.1f} s" + (f" → {lines[0]}" if ok else ""))

    def other(self, asked: str) -> tuple[int, bytes, str]:
        """Any path but the page's (`asked`, without its query): a file `--all` has written for this report,
        never one outside its folder — as the page links it, from publish/ (the PDF, the data), else beside
        it (the .md, the .docx); else a page on how to build it."""
        from ..write import PUBLISH

        relative = urllib.parse.unquote(asked).lstrip("/")
        if self.out is not None and relative and "\x00" not in relative:
            folder = (self.out / self.path.stem).resolve()
            for found in ((folder / PUBLISH / relative).resolve(), (folder / relative).resolve()):
                try:
                    if found.is_relative_to(folder) and found.is_file():
                        kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
                        return 200, found.read_bytes(), kind + ("; charset=utf-8" if kind.startswith("text/") else "")
                except OSError:  # written over as we read it, or not ours to read: not built, as far as we can tell
                    pass
        return 404, not_built(relative or asked, str(self.path), self.out is not None, self._pages()), "text/html; charset=utf-8"

    def wait_for_change(self, seen: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def listen(preview: Preview, port: int, stop: threading.Event, say: Callable[[str], None]) -> PreviewServer:
    """The server on `port`, or on the next free one if it is busy (saying so); OSError if none of PORTS_TRIED is free."""
    tries = min(PORTS_TRIED, 65536 - port) if port else 1
    for tried in range(tries):
        try:
            server = PreviewServer(("127.0.0.1", port + tried), preview, stop)  # local Host only, bounded connections
        except OSError as error:
            if error.errno != errno.EADDRINUSE or tried == tries - 1:
                raise
            continue
        if tried:
            say(f"port {port} is busy: previewing on {port + tried} instead")
        return server
    raise OSError(errno.EADDRINUSE, "no free port")  # pragma: no cover - the loop returns or raises


def serve(path: Path, folders: Folders, *, port: int = 8000, out: Path | None = None,
          say: Callable[[str], None] = print) -> None:
    """Serve the preview until Ctrl-C (or SIGTERM); rebuild whenever `path`, or a file of the
    house read from `folders`, is saved."""
    from watchfiles import DefaultFilter, watch

    preview = Preview(path, folders, out, say)
    stop = threading.Event()
    server = listen(preview, port, stop, say)  # before the first build: a busy port costs no build
    preview.rebuild()
    target = path.resolve()

    def findings() -> None:
        for _ in watch(target.parent, watch_filter=lambda _, changed: Path(changed) == target, debounce=DEBOUNCE_MS,
                       step=20, stop_event=stop, raise_interrupt=False, recursive=False):
            if target.exists():  # mid-rename: the next event brings the new file
                preview.rebuild()

    def house() -> None:  # every folder the house is read from, sub-folders too (templates/<edition>/, style/)
        ignored = DefaultFilter()  # editors' swap files, __pycache__, .git
        for _ in watch(*folders.watched(), watch_filter=lambda change, name: ignored(change, name) and Path(name) != target,
                       debounce=DEBOUNCE_MS, step=20, stop_event=stop, raise_interrupt=False, recursive=True):
            preview.house_changed()

    for name, watcher in (("watch", findings), ("watch-house", house)):
        threading.Thread(target=watcher, name=name, daemon=True).start()
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
