"""A `reportgen watch` process driven as a reader's browser would: its page and its build number.

Used by tests/test_watch.py and by the save-to-refresh benchmark (benchmarks/watch.py).
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches the preview as it would from a terminal: a runner that started the tests in
    the background (`cmd &` in a script) leaves SIGINT ignored, and a child inherits that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Watching:
    """A `reportgen watch` process on 127.0.0.1 and a way to read its page and build number."""

    def __init__(self, findings: Path, *options: str, timeout: float = 60):
        """`options` for the command line (default: --port 0, any free port)."""
        script = Path(sys.executable).with_name("reportgen")
        options = options or ("--port", "0")
        self.process = subprocess.Popen([str(script), "watch", str(findings), *options], cwd=findings.parent,
                                        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                                        preexec_fn=_as_from_a_terminal)
        self.lines: list[str] = []
        found = threading.Event()

        def read() -> None:
            for line in self.process.stderr:
                self.lines.append(line.rstrip("\n"))
                if "http://127.0.0.1:" in line:
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(timeout):
            self.stop()
            raise RuntimeError("reportgen watch did not start: " + "\n".join(self.lines))
        self.url = re.search(r"http://127\.0\.0\.1:\d+/", next(line for line in self.lines if "http://" in line)).group(0)

    def get(self, path: str = "") -> str:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return response.read().decode("utf-8")

    def version(self) -> int:
        return int(self.get("version"))

    def wait_newer(self, than: int, timeout: float = 60) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = self.version()
            if now > than:
                return now
            time.sleep(0.01)
        raise TimeoutError(f"no rebuild after build {than} in {timeout} s: " + "\n".join(self.lines[-5:]))

    def wait_page(self, than: int, showing: str, timeout: float = 60) -> tuple[int, str]:
        """The first build after `than` whose page shows `showing` (a save may be seen half-written first)."""
        deadline = time.monotonic() + timeout
        while True:
            than = self.wait_newer(than, max(0.1, deadline - time.monotonic()))
            page = self.get()
            if showing in page:
                return than, page
            if time.monotonic() > deadline:
                raise TimeoutError(f"no build showing {showing!r}: " + "\n".join(self.lines[-5:]))

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait()
